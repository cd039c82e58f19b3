import Foundation
import RexModel
@testable import RexReport
import RexTestSupport
import XCTest

final class MarkupTests: XCTestCase {
    func testMentionElementsHoldExactlyTheirOffsetsWithCharactersOutsideTheBMP() {
        // 😀 and 𝔐 are one scalar each but two UTF-16 units: offsets must count scalars.
        let s = Sample("😀 On 𝔐arch 3, JNIM 👍🏽 attacked Kati; the group fled 🇲🇱 to Gao.")
        var d = Document(id: "d", text: s.text)
        d.mentions = [s.mention("M1", "𝔐arch 3", .date), s.mention("M2", "JNIM", .org, entity: "E1"),
                      s.mention("M3", "Kati", .place), s.mention("M4", "the group", .org, entity: "E1"),
                      s.mention("M5", "Gao", .place)]
        d.entities = [Entity(id: "E1", type: .org, canonical: nil, name: "JNIM", mentions: ["M2", "M4"])]
        let html = DocumentView(d).textHTML
        for m in d.mentions {
            XCTAssertEqual(Rendered.inner(html, id: "m-" + m.id).map(Rendered.stripTags), m.text, m.id)
        }
        XCTAssertEqual(Rendered.stripTags(html), s.text, "the marked-up text reads as the original")
        XCTAssertEqual(Rendered.all(#"data-e="(E1)""#, in: html).count, 2)
    }

    func testNestedSpansNestAndCrossingSpansSplitIntoWellFormedPieces() {
        let text = ScalarText("abcdef")
        let html = Markup.render(text, spans: [
            MarkSpan(start: 0, end: 4, attributes: [("id", "a")]),
            MarkSpan(start: 2, end: 6, attributes: [("id", "b"), ("class", "x")]),
            MarkSpan(start: 2, end: 3, tag: "span", attributes: [("id", "c")]),
        ])
        XCTAssertEqual(html, #"<mark id="a">ab<mark id="b" class="x"><span id="c">c</span>d</mark></mark><mark class="x" data-cont="1">ef</mark>"#)
    }

    func testSpansOutsideTheTextAreClampedOrDropped() {
        let html = Markup.render(ScalarText("ab"), spans: [
            MarkSpan(start: 1, end: 9, attributes: [("id", "a")]), MarkSpan(start: 5, end: 7, attributes: [("id", "b")]),
        ])
        XCTAssertEqual(html, #"a<mark id="a">b</mark>"#)
    }

    func testEveryGoldMentionAndTriggerIsMarkedOverItsOwnText() throws {
        for doc in try Repo.gold() {
            let html = DocumentView(doc).textHTML
            for m in doc.mentions {
                XCTAssertEqual(Rendered.inner(html, id: "m-" + m.id).map(Rendered.stripTags), m.text, "\(doc.id) \(m.id)")
            }
            for e in doc.events {
                XCTAssertEqual(Rendered.inner(html, id: "t-" + e.id).map(Rendered.stripTags), e.trigger.text, "\(doc.id) \(e.id)")
            }
            XCTAssertEqual(Rendered.stripTags(html), doc.text, doc.id)
        }
    }

    func testEventSlotsLinkToTheWordsThatSupportThem() {
        let s = Sample("On March 3 JNIM attacked a convoy of soldiers near Kati with IEDs.")
        var d = Document(id: "d", text: s.text)
        d.sentences = [Sentence(start: 0, end: s.text.unicodeScalars.count)]
        d.mentions = [s.mention("M1", "March 3", .date), s.mention("M2", "JNIM", .org, entity: "E1"),
                      s.mention("M3", "Kati", .place)]
        d.entities = [Entity(id: "E1", type: .org, canonical: "org:jnim", name: "JNIM", mentions: ["M2"])]
        var e = Event(id: "V1", type: "ATTACK", trigger: s.trigger("attacked"), sentence: 0)
        e.date = EventDate(value: "2020-03-03", mention: "M1")
        e.place = EventPlace(mention: "M3", id: "geonames:1", name: "Kati")
        e.actors = [EventActor(role: "perpetrator", entity: "E1", name: "JNIM")]
        e.targets = [EventTarget(text: "a convoy of soldiers", entity: nil, kind: "people", category: "military")]
        e.weapons = [EventWeapon(text: "IEDs", category: "explosives")]
        d.events = [e]
        let view = DocumentView(d)
        let refs = Rendered.all(#"data-refs="([^"]*)""#, in: view.eventsHTML).first?.split(separator: " ").map(String.init) ?? []
        XCTAssertEqual(refs.count, 6, "\(refs)")
        let html = view.textHTML
        let texts = refs.map { Rendered.inner(html, id: $0).map(Rendered.stripTags) }
        XCTAssertEqual(texts, ["attacked", "March 3", "Kati", "JNIM", "a convoy of soldiers", "IEDs"])
        for r in refs { XCTAssertTrue(view.eventsHTML.contains("href=\"#\(r)\""), r) }
    }
}
