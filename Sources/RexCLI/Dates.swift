import ArgumentParser
import Foundation
import Rex
import RexDates

/// `rex dates "TEXT" --dct DATE`: a quick look at the temporal expressions rex finds in a sentence.
struct Dates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the dates rex finds in a text and how it normalizes and anchors them.",
        discussion: """
        Prints one line per expression: its span (Unicode-scalar offsets), text, TIMEX3 type and value, \
        mod and end when present, the anchor that resolved it (dct, section, narrative, or none when \
        the text gives the date in full) and the confidence. Give TEXT or - to read standard input.
        """
    )

    @Argument(help: "The text (or - for standard input).")
    var text: String

    @Option(help: "Document creation time (YYYY, YYYY-MM or YYYY-MM-DD) to anchor relative dates.")
    var dct: String?

    @Option(help: "The data folder (Gazetteers/); default: $REX_DATA, ./Gazetteers, or the clone rex was built in.")
    var data: String?

    @Flag(help: "Print the mentions as JSON.")
    var json = false

    func validate() throws {
        if let dct, !DCT.isValid(dct) { throw ValidationError("--dct '\(dct)' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD") }
    }

    func run() throws {
        let dataURL = try DataDirectory.locate(explicit: data)
        let input = text == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : text
        var doc = Ingestor(dct: dct).plainText(input, id: "dates")
        let pipeline = try Pipeline([Tokenizer(), try SentenceSplitter(data: dataURL), try DateRecognizer(data: dataURL)])
        try pipeline.run(&doc)
        let dates = doc.mentions.filter { $0.type == .date }
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for m in dates { print(String(decoding: try enc.encode(m), as: UTF8.self)) }
            return
        }
        if dates.isEmpty { print("no dates"); return }
        for m in dates {
            guard let t = m.timex else { continue }
            var line = "\(m.start)-\(m.end)\t\(m.text)\t\(t.type)\t\(t.value)"
            if let mod = t.mod { line += "\tmod=\(mod)" }
            if let end = t.end { line += "\tend=\(end)" }
            line += "\tanchor=\(t.anchor ?? "none")"
            if let c = m.confidence { line += String(format: "\tconf=%.2f", c) }
            print(line)
        }
    }
}
