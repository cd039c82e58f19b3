import ArgumentParser
import Foundation
import Rex
import RexCoref

/// Runs the coreference stage on gold name mentions ("oracle" names), to measure coreference apart from
/// name recognition.
struct CorefOracle: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coref-oracle",
        abstract: "Run coreference on the gold documents' name mentions (oracle names) and write the predictions.",
        discussion: """
        Each gold document's text is tokenized and split into sentences by rex; its DATE mentions and its \
        ORG, PLACE and PERSON name mentions are kept, its nominal mentions and entities dropped, and each \
        name is given what the name recognizers give (PLACE: the gold place; ORG and PERSON: an id in \
        Mention.entity). Then the coreference stage runs. Score the output with rex eval.

        --ids gold gives each ORG/PERSON name its gold entity key (a recognizer whose gazetteer knows every \
        name); --ids gazetteer gives it the gazetteer's id when the gazetteer knows that spelling, else an id \
        of its own made from its text (a recognizer with today's gazetteer; the name rules must merge the rest).

        Example:
          rex coref-oracle --gold Corpus/gold --out /tmp/oracle.jsonl
          rex eval --gold Corpus/gold --pred /tmp/oracle.jsonl
        """
    )

    enum IDs: String, ExpressibleByArgument { case gold, gazetteer }

    @Option(help: "Folder of gold documents (document/1 JSON).")
    var gold: String

    @Option(help: "Where to write the predictions (document/1 JSON Lines); default: standard output.")
    var out: String?

    @Option(help: "Ids the ORG and PERSON names carry: gold (the gold keys) or gazetteer (the gazetteer's or their own).")
    var ids: IDs = .gold

    @Option(help: "The data folder (Gazetteers/); default: $REX_DATA, ./Gazetteers, or the clone rex was built in.")
    var data: String?

    func run() throws {
        let dataURL = try DataDirectory.locate(explicit: data)
        let stages: [Stage] = [Tokenizer(), try SentenceSplitter(data: dataURL)]
        let coref = try Coreference(data: dataURL)
        let writer = try LineWriter(path: out)
        for g in try GoldFolder.read(gold) {
            var doc = Ingestor(dct: g.dct).plainText(g.text, id: g.id)
            for s in stages { try s.process(&doc) }
            doc.mentions = Self.oracleNames(g, ids: ids, knowledge: coref.knowledge)
            try coref.process(&doc)
            writer.write(try DocumentJSON.line(doc))
        }
    }

    /// The gold document's DATE and name mentions, with ids as the recognizers' contract has them.
    static func oracleNames(_ g: Document, ids: IDs, knowledge: CorefKnowledge) -> [Mention] {
        var canonical: [String: String] = [:]
        for e in g.entities { canonical[e.id] = e.canonical ?? e.id }
        return g.mentions.filter { !$0.isNominal }.map { m in
            var m = m
            switch m.type {
            case .date:
                m.entity = nil
            case .place:
                m.entity = nil
            case .org, .person:
                let key = m.entity.flatMap { canonical[$0] }
                switch ids {
                case .gold:
                    m.entity = key
                case .gazetteer:
                    let prefix = m.type == .org ? "org:" : "person:"
                    m.entity = knowledge.lookup(m.text, type: m.type) ?? prefix + "own:" + slug(m.text)
                }
            }
            return m
        }
    }

    static func slug(_ s: String) -> String {
        let folded = s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return folded.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-")
    }
}
