import ArgumentParser
import Foundation
import Rex
import RexEval

/// Scores rex against the gold corpus and against the external sets (TempEval-3, MUC-4).
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score rex against gold documents, TempEval-3 TimeML and MUC-4.",
        discussion: """
        --gold DIR reads the gold documents (document/1 JSON, *.json) and scores predictions against them, \
        matched by id: mentions per type (strict and relaxed P/R/F1, with and without nominal mentions), \
        DATE value F1, PLACE link accuracy, coreference (MUC, B-cubed) and events (detection, slot \
        accuracy), in total and per document. Predictions come from --pred (document/1 JSON Lines); \
        without it rex runs its pipeline on each gold document's text with the gold dct.

        --timeml DIR scores DATE recognition on TempEval-3 TimeML files (TIMEX3 strict and relaxed F1, \
        value F1), each file anchored on its own DCT. --muc FILE scores MUC-4 role fillers (PerpInd, \
        PerpOrg, Target, Victim, Weapon) on GRIT's processed JSON Lines; \
        --muc-fillers OUT writes each document's predicted fillers there.

        Examples:
          rex eval --gold Corpus/gold
          rex eval --gold Corpus/gold --pred out.jsonl --errors --json eval.json
          rex eval --timeml TEMPEVAL3_DIR --muc muc4/grit-processed/dev.json
        """
    )

    @Option(help: "Folder of gold documents (document/1 JSON).")
    var gold: String?

    @Option(help: "Predicted documents (document/1 JSON Lines); default: run the pipeline on the gold texts.")
    var pred: String?

    @Option(help: "Also write the scores as JSON to this file.")
    var json: String?

    @Flag(help: "List each false positive, false negative and wrong value, link or slot in context.")
    var errors = false

    @Option(help: "Folder of TempEval-3 TimeML (.tml) files to score DATE recognition on.")
    var timeml: String?

    @Option(help: "GRIT-processed MUC-4 file (JSON Lines) to score role fillers on.")
    var muc: String?

    @Option(help: "With --muc: write each document's predicted fillers (JSON Lines: docid, role → fillers) to this file.")
    var mucFillers: String?

    @Option(help: "The data folder (Gazetteers/); default: $REX_DATA, ./Gazetteers, or the clone rex was built in.")
    var data: String?

    @Option(help: "A regional gazetteer pack inside the data folder (packs/NAME), e.g. latam for --muc.")
    var pack: String?

    func validate() throws {
        if gold == nil && timeml == nil && muc == nil {
            throw ValidationError("give --gold DIR, --timeml DIR or --muc FILE (or several)")
        }
        if pred != nil && gold == nil { throw ValidationError("--pred needs --gold to score against") }
        if errors && gold == nil { throw ValidationError("--errors lists errors against --gold") }
        if mucFillers != nil && muc == nil { throw ValidationError("--muc-fillers writes the fillers of --muc FILE") }
    }

    /// Everything one run measured, for --json.
    struct Output: Encodable {
        var gold: EvalReport?
        var timeml: TimeMLReport?
        var muc4: MUCReport?
    }

    func run() throws {
        var output = Output()
        var pipeline: Pipeline?
        func defaultPipeline() throws -> Pipeline {
            if let pipeline { return pipeline }
            let p = try Rex.defaultPipeline(data: DataDirectory.locate(explicit: data, pack: pack))
            pipeline = p
            return p
        }

        if let gold {
            let golds = try GoldFolder.read(gold)
            let preds: [Document]
            if let pred {
                preds = try JSONLDocuments.read(pred)
            } else {
                let p = try defaultPipeline()
                preds = try golds.map { try Rex.annotate(text: $0.text, id: $0.id, dct: $0.dct, pipeline: p) }
            }
            let report = Scorer(collectErrors: errors).score(gold: golds, pred: preds)
            print("Gold: \(gold)  predictions: \(pred ?? "rex's pipeline run on the gold texts")")
            print(report.text(includeErrors: errors))
            output.gold = report
        }
        if let timeml {
            let p = try defaultPipeline()
            let report = try TimeML.score(directory: URL(fileURLWithPath: timeml)) { text, dct in
                try Rex.annotate(text: text, id: "timeml", dct: dct, pipeline: p).mentions.filter { $0.type == .date }
            }
            print("TempEval-3 TIMEX3 (\(timeml)): \(report.files) files")
            for (name, s) in [("strict", report.strict), ("relaxed", report.relaxed), ("value", report.value)] {
                print("  " + name.padding(toLength: 8, withPad: " ", startingAt: 0)
                      + String(format: " P %.3f  R %.3f  F1 %.3f", s.precision, s.recall, s.f1))
            }
            print("  type accuracy \(Self.show(report.typeAccuracy))\n")
            output.timeml = report
        }
        if let muc {
            let p = try defaultPipeline()
            let docs = try MUC4.read(URL(fileURLWithPath: muc))
            let lexicon = try MUCLexicon.load(data: DataDirectory.locate(explicit: data, pack: pack))
            var lines: [String] = []
            let report = try MUC4.score(docs) { doc in
                let f = MUCRoles.fillers(from: try Rex.annotate(text: doc.text, id: doc.id, dct: nil, pipeline: p), lexicon: lexicon)
                if mucFillers != nil {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys]
                    struct Line: Encodable { var docid: String; var fillers: [String: [String]] }
                    lines.append(String(decoding: try encoder.encode(Line(docid: doc.id, fillers: f)), as: UTF8.self))
                }
                return f
            }
            if let mucFillers { try OutputFile.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: mucFillers) }
            print(report.text)
            output.muc4 = report
        }
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(output)
            try OutputFile.write(data + Data("\n".utf8), to: json)
        }
    }

    /// A figure of any type, with doubles to three decimals.
    static func show<T>(_ v: T) -> String {
        if let d = v as? Double { return String(format: "%.3f", d) }
        return "\(v)"
    }
}

/// Reads the gold folder: every *.json file, sorted by name, one document each.
enum GoldFolder {
    static func read(_ dir: String) throws -> [Document] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw CLIError("\(dir): no such folder (--gold wants the folder of gold documents, e.g. Corpus/gold)")
        }
        let names = try fm.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }.sorted()
        guard !names.isEmpty else { throw CLIError("\(dir): no gold documents (*.json) in this folder") }
        return try names.map { name in
            let path = (dir as NSString).appendingPathComponent(name)
            guard let data = fm.contents(atPath: path) else { throw CLIError("\(path): cannot read") }
            do { return try JSONDecoder().decode(Document.self, from: data) } catch {
                throw CLIError("\(path): not a document/1 JSON document: \(error)")
            }
        }
    }
}

/// Reads document/1 JSON Lines.
enum JSONLDocuments {
    static func read(_ path: String) throws -> [Document] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("\(path): cannot read the predictions")
        }
        var docs: [Document] = []
        for (n, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            do { docs.append(try JSONDecoder().decode(Document.self, from: Data(line))) } catch {
                throw CLIError("\(path):\(n + 1): not a document/1 JSON line: \(error)")
            }
        }
        return docs
    }
}
