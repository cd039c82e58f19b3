import Foundation
import RexModel

/// The word lists the name recognizers' rules read, from `Gazetteers/lexicon/names-*.txt`: organization head
/// words, person titles and roles, place cues (designators, cue phrases, prepositions, bearings, units),
/// given names, name particles, stop words, and place names that need a cue. All keys are folded.
///
/// Keeping them as data means a new head word or title needs no recompile.
public struct Lexicon: Sendable {
    /// Head words that make a capitalized phrase an organization ("Movement", "Front", "Ministry").
    public var orgHeads: Set<String> = []
    /// Head words of names that are not organizations ("Accord", "Program"): such a phrase is no mention and
    /// holds no place mention.
    public var otherHeads: Set<String> = []
    /// Head words after which "in <place>" belongs to the name ("Mission", "Agreement").
    public var inHeads: Set<String> = []
    /// Titles written before a name ("President", "Colonel", "Secretary General"), as key-token sequences.
    public var titles: [[String]] = []
    /// Lower-case role nouns written before a name ("leader", "spokesman").
    public var roles: [[String]] = []
    /// Designators after a place name ("Region" → A.ADM1), with the feature kind prefix they ask for ("" = any).
    public var designators: [String: String] = [:]
    /// Words that make the designator plural ("Regions" counts for each name of a coordination).
    public var pluralDesignators: Set<String> = []
    /// Phrases before a place name ("town of", "village of"), with the feature kind they ask for.
    public var placeBefore: [([String], String)] = []
    /// Locative prepositions ("in", "near", "outside").
    public var prepositions: Set<String> = []
    /// Nouns after "the <country>" that make the phrase an organization's description ("the Mali army").
    public var orgNouns: Set<String> = []
    /// Adjectives after a place name that make it part of an adjective ("West African").
    public var placeAdjectives: Set<String> = []
    /// Compass words → bearing in degrees.
    public var bearings: [String: Double] = [:]
    /// Distance units → kilometres per unit.
    public var units: [String: Double] = [:]
    /// Given names, for people recognized by name shape.
    public var givenNames: Set<String> = []
    /// Lower-case particles inside names ("al", "ag", "ould", "bin", "de").
    public var particles: Set<String> = []
    /// The particles that may also start a name ("al-Qaeda", "ag Ghaly"), unlike "de" or "la".
    public var initialParticles: Set<String> = []
    /// Words that may stand between a preposition and a place ("in northern Gao", "in the Sahel").
    public var placeModifiers: Set<String> = []
    /// Months and days: never inside a name found by rules.
    public var timeWords: Set<String> = []
    /// Capitalized words that are never a name on their own ("The", "However", "January").
    public var stopwords: Set<String> = []
    /// The function words among them, trimmed from the edges of rule-found phrases ("The", "In").
    public var functionWords: Set<String> = []
    /// Place names that are also common words or names and need a place cue ("Boni", "Kati", "Ber").
    public var needCue: Set<String> = []
    /// Words after "Niger" and the like that mean the river ("River", "bend", "delta"), and before it.
    public var riverCues: Set<String> = []
    /// Words that name a part of a place ("northern", "eastern"): before a name that is a town and a region,
    /// they mean the region ("northern Gao", "eastern Menaka").
    public var partCues: Set<String> = []

    /// Words of a region's texts that are never part of a person's name: in caseless text (no capitals to go
    /// by) a person is a title or a given name followed by words not in this list. Empty unless the data folder
    /// has `names-common-words.txt` (a regional pack builds it from its corpus).
    public var commonWords: Set<String> = []
    /// The first-level regions a direction word means in a country ("central" Mali: Mopti, Ségou), as admin keys
    /// by country code.
    public var countryParts: [String: [String: Set<String>]] = [:]

    public init() {}

    public static let files = ["names-org-heads.txt", "names-titles.txt", "names-place-cues.txt",
                               "names-given-names.txt", "names-particles.txt", "names-stopwords.txt",
                               "names-need-cue.txt"]

    /// Loads the lists from `data/lexicon/`.
    public init(data: URL) throws {
        let dir = data.appendingPathComponent("lexicon")
        func file(_ name: String) throws -> DataFile { try DataFile(dir.appendingPathComponent(name)) }
        func key(_ s: String) -> String { NameKey.keys(s[...]).map(\.key).joined(separator: " ") }
        func keys(_ s: String) -> [String] { NameKey.keys(s[...]).map(\.key) }

        let heads = try file("names-org-heads.txt")
        for row in heads.rows {
            guard row.fields.count >= 2, ["org", "org-in", "other", "other-in"].contains(row.fields[1]) else {
                throw heads.error(row.line, "expected word<TAB>org|org-in|other|other-in")
            }
            let k = key(row.fields[0])
            if row.fields[1].hasPrefix("org") { orgHeads.insert(k) } else { otherHeads.insert(k) }
            if row.fields[1].hasSuffix("-in") { inHeads.insert(k) }
        }
        let titleFile = try file("names-titles.txt")
        for row in titleFile.rows {
            guard row.fields.count >= 2 else { throw titleFile.error(row.line, "expected phrase<TAB>title|role") }
            switch row.fields[1] {
            case "title": titles.append(keys(row.fields[0]))
            case "role": roles.append(keys(row.fields[0]))
            default: throw titleFile.error(row.line, "kind must be 'title' or 'role', not '\(row.fields[1])'")
            }
        }
        let cues = try file("names-place-cues.txt")
        for row in cues.rows {
            guard row.fields.count >= 2 else { throw cues.error(row.line, "expected kind<TAB>phrase[<TAB>value]") }
            let value = row.fields.count > 2 ? row.fields[2] : ""
            switch row.fields[0] {
            case "designator": designators[key(row.fields[1])] = value
            case "plural": pluralDesignators.insert(key(row.fields[1]))
            case "before": placeBefore.append((keys(row.fields[1]), value))
            case "preposition": prepositions.insert(key(row.fields[1]))
            case "modifier": placeModifiers.insert(key(row.fields[1]))
            case "orgnoun": orgNouns.insert(key(row.fields[1]))
            case "adjective": placeAdjectives.insert(key(row.fields[1]))
            case "river": riverCues.insert(key(row.fields[1]))
            case "part":
                partCues.insert(key(row.fields[1]))
                if value.isEmpty { break }
                let pieces = value.split(separator: ":", maxSplits: 1).map(String.init)
                guard pieces.count == 2 else { throw cues.error(row.line, "part needs COUNTRY:Region|Region in the third field") }
                let regions = pieces[1].split(separator: "|").map { PlaceResolver.adminKey(String($0)) }
                countryParts[key(row.fields[1]), default: [:]][pieces[0], default: []].formUnion(regions)
            case "bearing":
                guard let d = Double(value) else { throw cues.error(row.line, "bearing needs degrees in the third field") }
                bearings[key(row.fields[1])] = d
            case "unit":
                guard let k = Double(value) else { throw cues.error(row.line, "unit needs kilometres in the third field") }
                units[key(row.fields[1])] = k
            default:
                throw cues.error(row.line, "unknown cue kind '\(row.fields[0])' (designator, plural, before, preposition, modifier, orgnoun, adjective, river, part, bearing, unit)")
            }
        }
        for row in try file("names-given-names.txt").rows { givenNames.insert(key(row.fields[0])) }
        let part = try file("names-particles.txt")
        for row in part.rows {
            guard row.fields.count >= 2, ["initial", "inner"].contains(row.fields[1]) else {
                throw part.error(row.line, "expected particle<TAB>initial|inner")
            }
            particles.insert(key(row.fields[0]))
            if row.fields[1] == "initial" { initialParticles.insert(key(row.fields[0])) }
        }
        let stop = try file("names-stopwords.txt")
        for row in stop.rows {
            guard row.fields.count >= 2, ["function", "common", "time"].contains(row.fields[1]) else {
                throw stop.error(row.line, "expected word<TAB>function|common|time")
            }
            stopwords.insert(key(row.fields[0]))
            if row.fields[1] == "time" { timeWords.insert(key(row.fields[0])) }
            if row.fields[1] == "function" { functionWords.insert(key(row.fields[0])) }
        }
        for row in try file("names-need-cue.txt").rows { needCue.insert(key(row.fields[0])) }
        // A regional pack's own lists, beside its gazetteers (optional): more given names, and common words.
        let fm = FileManager.default
        let regionalNames = data.appendingPathComponent("names-given-names.txt")
        if fm.fileExists(atPath: regionalNames.path) {
            for row in try DataFile(regionalNames).rows { givenNames.insert(key(row.fields[0])) }
        }
        let common = data.appendingPathComponent("names-common-words.txt")
        if fm.fileExists(atPath: common.path) {
            for row in try DataFile(common).rows { commonWords.insert(key(row.fields[0])) }
        }
    }
}

extension Lexicon {
    /// The first `before` cue phrase ("town of") whose last word is token `i`, and the sense it asks for.
    func placeBefore(endingAt i: Int, in v: TextView) -> (phrase: [String], kind: String)? {
        for (phrase, kind) in placeBefore {
            var j: Int? = i
            var ok = true
            for w in phrase.reversed() {
                guard let jj = j, v.key(jj) == w else { ok = false; break }
                j = v.prev(jj)
            }
            if ok { return (phrase, kind) }
        }
        return nil
    }
}
