import Foundation
import RexModel
import RexText

/// The word lists coreference reads from `Gazetteers/lexicon/coref-*.txt`: description heads with their
/// rules, pronouns with their agreement, word classes, the actors of countries and the search windows.
///
/// Everything a rule matches on is data, so that a new head noun or reporting verb needs no recompile.
public struct CorefLexicon: Sendable {
    /// How a description head finds its entity (see `coref-heads.txt`).
    public enum Rule: String, Sendable {
        case recent, national, nationalNamed = "national-named", focus, capital, title, apposition
    }

    /// A head noun of a description ("group", "task force", "town").
    public struct Head: Sendable, Equatable {
        /// Folded words, e.g. ["task", "force"].
        public var words: [String]
        public var type: MentionType
        public var plural: Bool
        public var rule: Rule
        /// Organization types, place kind prefixes, a national role, or "any".
        public var accepts: [String]
    }

    public enum Animacy: String, Sendable { case thing, person, group, publisher }
    public enum Form: String, Sendable { case plain, object, possessive, reflexive }

    public struct Pronoun: Sendable, Equatable {
        public var plural: Bool
        public var animacy: Animacy
        public var form: Form
    }

    /// Heads by their last folded word; several heads may share it ("forces", "armed forces").
    public let heads: [String: [Head]]
    public let pronouns: [String: Pronoun]
    /// Word classes of `coref-words.txt`: class → folded words (single words).
    public let words: [String: Set<String>]
    /// Multi-word entries of `coref-words.txt`: class → word sequences ("known as").
    public let phrases: [String: [[String]]]
    /// "ML|government" → "org:mali-government".
    public let national: [String: String]
    /// Actors that are entities even where the document never names them (`unnamed` yes).
    public let unnamed: Set<String>
    /// Folded name word → organization types, for names no gazetteer knows.
    public let orgCues: [String: [String]]
    public let settings: [String: Int]

    public static let files = ["lexicon/coref-heads.txt", "lexicon/coref-pronouns.txt", "lexicon/coref-words.txt",
                               "lexicon/coref-national.tsv", "lexicon/coref-org-cues.txt",
                               "lexicon/coref-settings.txt"]

    public init(data: URL) throws {
        func file(_ name: String) throws -> DataFile { try DataFile(data.appendingPathComponent("lexicon/" + name)) }
        func split(_ s: String) -> [String] { s.split(separator: " ").map(String.init) }

        var heads: [String: [Head]] = [:]
        let hf = try file("coref-heads.txt")
        for (line, f) in hf.rows {
            guard f.count >= 5 else { throw hf.error(line, "expected head, type, number, rule, accepts (5 tab-separated fields)") }
            guard let type = MentionType(rawValue: f[1]), type != .date else { throw hf.error(line, "type must be ORG, PLACE or PERSON, not '\(f[1])'") }
            guard f[2] == "sg" || f[2] == "pl" else { throw hf.error(line, "number must be sg or pl, not '\(f[2])'") }
            guard let rule = Rule(rawValue: f[3]) else {
                throw hf.error(line, "rule must be recent, national, national-named, focus, capital, title or apposition, not '\(f[3])'")
            }
            let words = split(Folder.shared.fold(f[0][...]))
            guard let last = words.last else { throw hf.error(line, "empty head") }
            let accepts = f[4].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if rule == .national || rule == .nationalNamed, !accepts.allSatisfy({ $0 == "government" || $0 == "military" }) {
                throw hf.error(line, "a national rule accepts government or military, not '\(f[4])'")
            }
            heads[last, default: []].append(Head(words: words, type: type, plural: f[2] == "pl", rule: rule, accepts: accepts))
        }
        // Longer heads first, so that "armed forces" is tried before "forces".
        self.heads = heads.mapValues { $0.sorted { $0.words.count > $1.words.count } }

        var pronouns: [String: Pronoun] = [:]
        let pf = try file("coref-pronouns.txt")
        for (line, f) in pf.rows {
            guard f.count >= 4 else { throw pf.error(line, "expected pronoun, number, animacy, form") }
            guard f[1] == "sg" || f[1] == "pl" else { throw pf.error(line, "number must be sg or pl") }
            guard let animacy = Animacy(rawValue: f[2]) else { throw pf.error(line, "animacy must be thing, person, group or publisher") }
            guard let form = Form(rawValue: f[3]) else { throw pf.error(line, "form must be plain, object, possessive or reflexive") }
            pronouns[Folder.shared.fold(f[0][...])] = Pronoun(plural: f[1] == "pl", animacy: animacy, form: form)
        }
        self.pronouns = pronouns

        var words: [String: Set<String>] = [:], phrases: [String: [[String]]] = [:]
        let wf = try file("coref-words.txt")
        for (line, f) in wf.rows {
            guard f.count >= 2, !f[1].isEmpty else { throw wf.error(line, "expected class<TAB>word") }
            let w = split(Folder.shared.fold(f[1][...]))
            if w.count == 1 { words[f[0], default: []].insert(w[0]) } else { phrases[f[0], default: []].append(w) }
        }
        self.words = words
        self.phrases = phrases

        var national: [String: String] = [:], unnamed: Set<String> = []
        let nf = try file("coref-national.tsv")
        for (line, f) in nf.rows {
            guard f.count >= 4, f[0].count == 2, f[1] == "government" || f[1] == "military", f[3] == "yes" || f[3] == "no" else {
                throw nf.error(line, "expected country (ISO alpha-2), role (government or military), organization id, unnamed (yes or no)")
            }
            national[f[0].uppercased() + "|" + f[1]] = f[2]
            if f[3] == "yes" { unnamed.insert(f[2]) }
        }
        self.national = national
        self.unnamed = unnamed

        var cues: [String: [String]] = [:]
        let cf = try file("coref-org-cues.txt")
        for (line, f) in cf.rows {
            guard f.count >= 2 else { throw cf.error(line, "expected word<TAB>types") }
            cues[Folder.shared.fold(f[0][...])] = f[1].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        orgCues = cues

        var settings: [String: Int] = [:]
        let sf = try file("coref-settings.txt")
        for (line, f) in sf.rows {
            guard f.count >= 2, let v = Int(f[1]) else { throw sf.error(line, "expected setting<TAB>integer") }
            settings[f[0]] = v
        }
        for key in ["pronoun-window", "description-window", "apposition-gap", "focus-min-mentions", "focus-min-share",
                    "publisher-window"] where settings[key] == nil {
            throw sf.error(0, "setting '\(key)' is missing")
        }
        self.settings = settings
    }

    public func isA(_ word: String, _ wordClass: String) -> Bool { words[wordClass]?.contains(word) == true }

    /// The length of the phrase of `wordClass` that starts at `folded[from...]`, or nil.
    public func phrase(_ wordClass: String, in folded: [String], at from: Int) -> Int? {
        var best: Int? = nil
        if from < folded.count, isA(folded[from], wordClass) { best = 1 }
        for p in phrases[wordClass] ?? [] where from + p.count <= folded.count && Array(folded[from..<from + p.count]) == p {
            best = max(best ?? 0, p.count)
        }
        return best
    }

    func setting(_ key: String) -> Int { settings[key] ?? 0 }
}
