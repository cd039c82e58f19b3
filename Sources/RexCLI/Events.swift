import ArgumentParser
import Foundation
import Rex

/// Runs the event stage on documents that are already annotated (document/1 JSON), keeping their text,
/// sentences, mentions and entities: to extract events from another tool's annotation, or from gold mentions
/// (an oracle run that measures the event stage alone).
struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Extract events and facts from annotated documents (document/1 JSON), keeping their mentions.",
        discussion: """
        PATH is a .json file (one document), a .jsonl file (one document per line) or a folder of them.
        Existing events and relations are dropped and extracted again from the document's own sentences,
        DATE/PLACE/ORG/PERSON mentions and entities; tokens, paragraphs and sections are rebuilt from the text.
        Run on gold documents, this measures the event stage on oracle mentions:
          rex events Corpus/gold -o /tmp/oracle.jsonl && rex eval --gold Corpus/gold --pred /tmp/oracle.jsonl
        """
    )

    @Argument(help: "Annotated documents: .json or .jsonl files, or folders of them.")
    var paths: [String]

    @Option(name: .shortAndLong, help: "Write JSON Lines here instead of standard output.")
    var out: String?

    @Option(help: "The data folder (Gazetteers/); default: $REX_DATA, ./Gazetteers, or the clone rex was built in.")
    var data: String?

    @Option(help: "A regional gazetteer pack inside the data folder (packs/NAME), e.g. latam.")
    var pack: String?

    func run() throws {
        let dataURL = try DataDirectory.locate(explicit: data, pack: pack)
        let extractor = try EventExtractor(data: dataURL, requires: [.tokens, .sentences, .dates, .places, .organizations, .people])
        let splitter = try SentenceSplitter(data: dataURL)
        let writer = try LineWriter(path: out)
        var failures = 0
        for file in try files() {
            do {
                for var doc in try read(file) {
                    doc.events = []
                    doc.relations = []
                    let text = ScalarText(doc.text)
                    doc.paragraphs = Layout.paragraphs(in: text)
                    if doc.sections.isEmpty { doc.sections = Layout.sections(in: text, paragraphs: doc.paragraphs) }
                    try Tokenizer().process(&doc)
                    if doc.sentences.isEmpty { try splitter.process(&doc) }
                    try extractor.process(&doc)
                    writer.write(try DocumentJSON.line(doc))
                }
            } catch {
                Console.error("\(file): \(error)")
                failures += 1
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    func files() throws -> [String] {
        var out: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw CLIError("\(path): no such file or folder") }
            if isDir.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                out += names.filter { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") }.map { path + "/" + $0 }
            } else {
                out.append(path)
            }
        }
        return out
    }

    func read(_ file: String) throws -> [Document] {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        let decoder = JSONDecoder()
        if file.hasSuffix(".jsonl") {
            return try data.split(separator: UInt8(ascii: "\n")).filter { !$0.isEmpty }.map { try decoder.decode(Document.self, from: Data($0)) }
        }
        return [try decoder.decode(Document.self, from: data)]
    }
}
