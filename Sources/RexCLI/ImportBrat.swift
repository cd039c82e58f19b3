import ArgumentParser
import Foundation
import Rex
import RexStore

/// Reads corrected brat annotations back as gold documents: the end of the annotation loop.
struct ImportBrat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-brat",
        abstract: "Turn brat .ann files (corrected in brat) into document/1 gold documents.",
        discussion: """
        PATH is a .ann file (NAME.txt must be next to it) or a folder of them. The mentions, coreference \
        arcs, normalizations, notes and events of the .ann become the document's mentions, entities and \
        events (see README, "Correcting annotations in brat"). The id, source, title, dct, sections and \
        sentences come from NAME.rex.json, which `rex annotate --format brat` and `rex export --brat` write; \
        without it the id is the file name and rex's sentence splitter finds the sentences.

        --out DIR writes one NAME.json per document (the layout of Corpus/gold); --out FILE.jsonl or no \
        --out writes JSON Lines.

        Example (the annotation loop):
          rex annotate Corpus/raw --format brat --out brat/     # pre-annotate
          # … correct brat/ in brat …
          rex import-brat brat/ --out Corpus/gold               # gold documents
        """
    )

    @Argument(help: ".ann files or folders of them.")
    var paths: [String]

    @Option(name: .shortAndLong, help: "A folder for one JSON file per document, or a .jsonl file; default: JSON Lines on standard output.")
    var out: String?

    @Option(help: "The data folder (Gazetteers/), for sentence splitting when NAME.rex.json is missing.")
    var data: String?

    func run() throws {
        var anns: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw CLIError("\(path): no such file or folder")
            }
            if !isDir.boolValue { anns.append(path); continue }
            let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".ann") }.sorted()
            if found.isEmpty { throw CLIError("\(path): no .ann files in this folder") }
            anns += found.map { (path as NSString).appendingPathComponent($0) }
        }
        var pipeline: Pipeline? = nil
        let dataPath = data
        let options = BratImport.Options(sentences: { text in
            if pipeline == nil {
                let url = try DataDirectory.locate(explicit: dataPath)
                pipeline = try Pipeline([Tokenizer(), try SentenceSplitter(data: url)])
            }
            return try Rex.annotate(text: text, id: "brat", dct: nil, pipeline: pipeline!).sentences
        })
        let output = try CorpusOutput(format: (out.map { !$0.hasSuffix(".jsonl") } ?? false) ? .jsonDir : .jsonl, path: out)
        var failures = 0
        for ann in anns {
            do { try output.write(try BratImport.read(annPath: ann, options: options)) } catch {
                Console.error("\(error)")
                failures += 1
            }
        }
        try output.finish()
        if failures > 0 { throw ExitCode(1) }
    }
}
