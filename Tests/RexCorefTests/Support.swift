import Foundation
import RexModel
import RexText
import RexIngest
import RexTestSupport
@testable import RexCoref

/// Builds a document from a text and its name mentions, runs coreference on it, and reads the result.
struct CorefCase {
    let text: String
    var names: [Mention] = []

    init(_ text: String) { self.text = text }

    /// Adds a name mention for the `occurrence`-th (from 1) appearance of `surface`.
    mutating func name(_ surface: String, _ type: MentionType, id: String? = nil, occurrence: Int = 1,
                       place: PlaceRef? = nil) {
        let (a, b) = span(surface, occurrence)
        names.append(Mention(id: "M\(names.count + 1)", start: a, end: b, text: surface, type: type,
                             entity: type == .place ? nil : id, place: place))
    }

    func span(_ surface: String, _ occurrence: Int) -> (Int, Int) { Sample(text).span(surface, occurrence: occurrence) }

    /// Runs tokenizer, sentence splitter and coreference with the repository's word lists and `knowledge`;
    /// the names in order of start, or (`inOrderAdded`) in the order they were added.
    func run(_ knowledge: CorefKnowledge = Fixtures.knowledge, inOrderAdded: Bool = false) throws -> Result {
        let data = try DataDirectory.locate()
        var doc = Ingestor(dct: nil).plainText(text, id: "t")
        try Tokenizer().process(&doc)
        try SentenceSplitter(data: data).process(&doc)
        doc.mentions = inOrderAdded ? names : names.sorted { $0.start < $1.start }
        try Coreference(lexicon: Fixtures.lexicon(), knowledge: knowledge).process(&doc)
        return Result(doc: doc)
    }

    struct Result {
        let doc: Document

        /// The entity id of the `occurrence`-th mention with this text.
        func entity(_ surface: String, _ occurrence: Int = 1) -> String? {
            mention(surface, occurrence)?.entity
        }

        func mention(_ surface: String, _ occurrence: Int = 1) -> Mention? {
            let ms = doc.mentions.filter { $0.text == surface }
            return occurrence <= ms.count ? ms[occurrence - 1] : nil
        }

        var nominals: [Mention] { doc.mentions.filter(\.isNominal) }

        func canonical(_ entity: String?) -> String? { doc.entities.first { $0.id == entity }?.canonical }
    }
}

/// A small gazetteer written for the tests, so that they do not depend on the real one.
enum Fixtures {
    static func lexicon() throws -> CorefLexicon { try CorefLexicon(data: DataDirectory.locate()) }

    static let mali = PlaceRef(id: "geonames:2453866", name: "Mali", country: "ML", lat: 18, lon: -2)
    static let france = PlaceRef(id: "geonames:3017382", name: "France", country: "FR", lat: 46, lon: 2)
    static let bamako = PlaceRef(id: "geonames:2460596", name: "Bamako", country: "ML", admin1: "Bamako", lat: 12.65, lon: -8)
    static let kati = PlaceRef(id: "geonames:2455558", name: "Kati", country: "ML", admin1: "Koulikoro", lat: 12.74, lon: -8.07)
    static let farabougou = PlaceRef(id: "geonames:2457671", name: "Farabougou", country: "ML", admin1: "Ségou", lat: 14.3, lon: -5.8)
    static let mopti = PlaceRef(id: "geonames:2453347", name: "Mopti", country: "ML", admin1: "Mopti", lat: 14.5, lon: -4.2)

    static var knowledge: CorefKnowledge {
        var k = CorefKnowledge()
        for (id, name, type, country) in [
            ("org:jnim", "Jama'at Nusrat al-Islam wal-Muslimin", "jihadist group", "ML"),
            ("org:aqim", "al-Qaeda in the Islamic Maghreb", "jihadist group", "DZ"),
            ("org:gspc", "Salafist Group for Preaching and Combat", "jihadist group", "DZ"),
            ("org:isgs", "Islamic State in the Greater Sahara", "jihadist group", "ML"),
            ("org:minusma", "MINUSMA", "international mission", "ML"),
            ("org:mali-government", "Government of Mali", "government", "ML"),
            ("org:fama", "Malian Armed Forces", "state forces", "ML"),
            ("org:french-military", "French Armed Forces", "state forces", "FR"),
            ("org:operation-barkhane", "Operation Barkhane", "state forces", "FR"),
            ("org:reuters", "Reuters", "media", "GB"),
        ] {
            k.organizations[id] = .init(name: name, type: type, country: country)
            k.spellings[Folder.shared.fold(name)] = id
        }
        k.spellings["group for the support of islam and muslims"] = "org:jnim"
        k.spellings["jamaat nusrat al-islam wal muslimeen"] = "org:jnim"
        for (a, id) in [("JNIM", "org:jnim"), ("AQIM", "org:aqim"), ("GSPC", "org:gspc"), ("ISGS", "org:isgs"),
                        ("IS Sahel", "org:isgs"), ("FAMa", "org:fama")] { k.acronyms[a] = id }
        k.renamedTo["org:gspc"] = "org:aqim"
        k.people["person:soumaila-cisse"] = "Soumaïla Cissé"
        k.people["person:ibrahim-boubacar-keita"] = "Ibrahim Boubacar Keïta"
        for p in [mali, france] { k.placeKinds[p.id] = "A.PCLI"; k.countries[p.country!] = p }
        k.placeKinds[bamako.id] = "P.PPLC"
        k.capitals["ML"] = bamako
        for p in [kati, farabougou, mopti] { k.placeKinds[p.id] = "P.PPLA" }
        k.demonyms = ["malian": "ML", "french": "FR", "mauritanian": "MR"]
        return k
    }
}
