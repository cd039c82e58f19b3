import ArgumentParser
import Foundation
import Rex

/// Scores HTML main-text extraction against a benchmark's reference article text.
struct HTMLScore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html-score",
        abstract: "Score HTML main-text extraction: token precision, recall and F1 against reference text.",
        discussion: """
        DIR holds html/NAME.html or html/NAME.html.gz pages and ground-truth.json mapping NAME to
        {"articleBody": …} (the layout of the article-extraction benchmark). Scores are token-level,
        micro-averaged over pages (the mean of per-page F1 is shown too).
        """
    )

    @Argument(help: "The benchmark folder.")
    var dir: String

    @Flag(help: "Print each page's scores.")
    var perPage = false

    @Option(help: "Score only the pages whose name starts with this prefix.")
    var page: String?

    @Flag(help: "Print the extracted text of each page scored (with --page, to look at one page).")
    var show = false

    func run() throws {
        let truthURL = URL(fileURLWithPath: dir).appendingPathComponent("ground-truth.json")
        guard let data = FileManager.default.contents(atPath: truthURL.path),
              let truth = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] else {
            throw CLIError("\(truthURL.path): cannot read the ground truth (expected a JSON object of pages)")
        }
        let htmlDir = URL(fileURLWithPath: dir).appendingPathComponent("html")
        let files = try FileManager.default.contentsOfDirectory(atPath: htmlDir.path).sorted()
        var total = TextOverlap()
        var f1s: [Double] = []
        for file in files {
            let name = file.replacingOccurrences(of: ".html.gz", with: "").replacingOccurrences(of: ".html", with: "")
            guard let body = truth[name]?["articleBody"] as? String else { continue }
            if let page, !name.hasPrefix(page) { continue }
            let path = htmlDir.appendingPathComponent(file).path
            var bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
            if file.hasSuffix(".gz") { bytes = try Gunzip.run(path) }
            let text: String
            do { text = try HTMLReader.read(bytes: bytes, id: name, path: path).text } catch {
                Console.error("\(error)")
                text = ""
            }
            if show { print("=== \(name)\n\(text)\n") }
            let o = TextOverlap(predicted: text, reference: body)
            total.add(o)
            f1s.append(o.f1)
            if perPage { print(String(format: "%@  P %.3f  R %.3f  F1 %.3f", name, o.precision, o.recall, o.f1)) }
        }
        print(String(format: "pages %d  precision %.4f  recall %.4f  F1 %.4f  (mean page F1 %.4f)",
                     f1s.count, total.precision, total.recall, total.f1, f1s.reduce(0, +) / Double(max(f1s.count, 1))))
    }
}

/// Decompresses a .gz file with the system's gzip.
enum Gunzip {
    static func run(_ path: String) throws -> [UInt8] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-dc", path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CLIError("\(path): gzip could not decompress it") }
        return [UInt8](data)
    }
}
