import ArgumentParser
import Foundation
import Rex
import RexDates
import RexEval

/// `rex timeml-score DIR`: rex's date recognizer scored on TimeML files (TempEval-3 style).
struct TimeMLScore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeml-score",
        abstract: "Score rex's dates on TimeML files (TempEval-3 TimeBank/AQUAINT) with each file's DCT.",
        discussion: """
        Reads every .tml file under DIR, runs the tokenizer, sentence splitter and date recognizer on the \
        text of its <TEXT> element with the file's creation time as dct, and prints strict and relaxed \
        extraction P/R/F1, value F1 and type accuracy as the TempEval-3 scorer defines them. \
        With --errors, lists each difference (missed, spurious, span, value, type) first.
        """
    )

    @Argument(help: "A folder of .tml files (searched recursively).")
    var directory: String

    @Option(help: "The data folder (Gazetteers/); default: $REX_DATA, ./Gazetteers, or the clone rex was built in.")
    var data: String?

    @Flag(help: "List the differences with gold.")
    var errors = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let dataURL = try DataDirectory.locate(explicit: data)
        let pipeline = try Pipeline([Tokenizer(), try SentenceSplitter(data: dataURL), try DateRecognizer(data: dataURL)])
        let dir = URL(fileURLWithPath: directory)
        func recognize(_ text: String, _ dct: String) throws -> [Mention] {
            var doc = Ingestor(dct: dct.isEmpty ? nil : dct).plainText(text, id: "timeml")
            try pipeline.run(&doc)
            return doc.mentions
        }
        if errors {
            for url in try TimeML.files(in: dir) {
                let doc = try TimeML.read(url)
                let c = TimeML.compare(gold: doc.timexes, predicted: TimeML.timexes(from: try recognize(doc.text, doc.dct ?? "")))
                for d in c.differences {
                    let g = d.gold.map { "\"\($0.text)\" \($0.type) \($0.value)" } ?? "-"
                    let p = d.predicted.map { "\"\($0.text)\" \($0.type) \($0.value)" } ?? "-"
                    print("\(doc.name)\t\(doc.dct ?? "")\t\(d.kind.rawValue)\tgold: \(g)\tpred: \(p)")
                }
            }
        }
        let report = try TimeML.score(directory: dir, recognize: recognize)
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try enc.encode(report), as: UTF8.self))
            return
        }
        func line(_ name: String, _ p: PRF) -> String {
            String(format: "%@\tP %.2f\tR %.2f\tF1 %.2f\t(tp %.0f, fp %.0f, fn %.0f)", name, p.precision * 100,
                   p.recall * 100, p.f1 * 100, p.tp, p.fp, p.fn)
        }
        print("files\t\(report.files)")
        print(line("strict", report.strict))
        print(line("relaxed", report.relaxed))
        print(line("value", report.value))
        print(String(format: "type accuracy\t%.2f", report.typeAccuracy * 100))
    }
}
