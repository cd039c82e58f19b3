import XCTest
import Foundation
import RexModel
@testable import RexCoref

final class TmpDebug: XCTestCase {
    func testDebug() throws {
        let know = try CorefKnowledge(data: URL(fileURLWithPath: "/tmp/coref/data"))
        for (text, names) in [
            ("Fawaz Ould Ahmed Ould Ahemeid, a Mauritanian national previously in Malian custody, was extradited.", [("Fawaz Ould Ahmed Ould Ahemeid", MentionType.person)]),
            ("The Wagner Group has been a disaster for northern and central Mali because the Russians can’t halt the expansion.", [("Wagner Group", .org), ("Mali", .place)]),
            ("ISGS is one of the groups. When they showed up in 2018, ISGS operated mainly in Menaka.", [("ISGS", .org), ("2018", .date), ("ISGS", .org)]),
            ("Despite this, Mali does not want the French back because that makes it easier.", [("Mali", .place)]),
            ("Bah Ndaw was named interim president, and Moctar Ouane—a civilian per the conditions imposed by ECOWAS—as prime minister.", [("Bah Ndaw", .person), ("Moctar Ouane", .person), ("ECOWAS", .org)]),
            ("Sweden announced it would withdraw troops within the year from Takuba, a European special forces mission to the Sahel region.", [("Sweden", .place), ("Takuba", .org), ("Sahel region", .place)]),
        ] {
            var c = CorefCase(text)
            var seen: [String: Int] = [:]
            for (n, t) in names {
                seen[n, default: 0] += 1
                let id: String? = t == .org ? know.lookup(n, type: .org) : t == .person ? "person:x" : nil
                c.name(n, t, id: id, occurrence: seen[n]!, place: t == .place ? PlaceRef(id: "p:" + n, name: n, country: n == "Mali" ? "ML" : "SE") : nil)
            }
            let r = try c.run(know)
            print("DEBUG", text.prefix(60), r.nominals.map { "\($0.text)→\($0.entity ?? "-")" }, r.doc.entities.map { "\($0.id)=\($0.name)" })
        }
    }
}
