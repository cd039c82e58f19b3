import Foundation
import RexModel
import RexNames

/// Groups the document's ORG, PLACE and PERSON mentions into entities and adds the descriptions ("the
/// group", "the town", "the junta") and pronouns ("it", "they", "his") it can resolve as nominal mentions.
///
/// 1. Names: mentions with the same canonical id (the recognizers' `Mention.entity`, a PLACE's `place.id`)
///    are one entity; ids renamed in `org-relations.tsv` are followed ("IS Sahel" and "ISGS" are one actor,
///    AQIM stays apart from JNIM: `part-of` and `merged-into` are other actors); an acronym in parentheses
///    after a name, an acronym made of a name's initials, a spelling the gazetteers know, and a person's
///    partial name ("Ould Ahmeida", "Cisse") join the entity of the fuller name.
/// 2. Descriptions: a determiner, pre-modifiers and a head noun of `coref-heads.txt`, containing no name
///    ("names win"). Next to a name they are that name's entity (apposition: "Farabougou, a town …", "an
///    organization called the G5 Sahel", "the jihadist group JNIM"); else the head's rule decides: the most
///    recent entity of a fitting type in a window ("the group", "the town"), a country's government or
///    military ("the junta", "Malian troops", by `coref-national.tsv`), the document's country ("the
///    country") or its capital ("the capital").
/// 3. Pronouns agree in number and animacy; "it"/"they" after a reporting verb are its subject ("France
///    stated that it would …"); "its" before the name in the same sentence looks ahead ("Since its
///    formation, JNIM …"); else the nearest fitting entity of the sentence or the one before. Empty "it"
///    ("it is unclear") and "they" with a crowd of people named in between are left alone.
///
/// A description or pronoun that no rule resolves stays unannotated: a wrong link costs more than a missing
/// one. New mentions get ids `C1…` and `nominal: true`; entities get ids `E1…` in order of first mention.
public struct Coreference: Stage {
    public let name = "coreference"
    public let requires: Set<Layer> = Set<Layer>([.tokens, .sentences]).union(Coreference.needs)
    /// The name layers coreference works on.
    public static let needs: Set<Layer> = [.places, .organizations, .people]
    public let adds: Set<Layer> = [.coreference]

    public let lexicon: CorefLexicon
    public let knowledge: CorefKnowledge
    /// Folded word → what the word lists and demonyms say of it, for the per-token flags.
    let flagTable: FlagTable

    public init(lexicon: CorefLexicon, knowledge: CorefKnowledge) {
        self.lexicon = lexicon
        self.knowledge = knowledge
        flagTable = lexicon.flagTable(demonyms: knowledge.demonyms)
    }

    /// Reads the word lists (`lexicon/coref-*.txt`, required) and the gazetteers (optional) of the data folder.
    public init(data: URL) throws {
        self.init(lexicon: try CorefLexicon(data: data), knowledge: try CorefKnowledge.shared(data: data))
    }

    /// Reads the word lists of the data folder and takes the places from `gazetteer` (loaded once for names
    /// and coreference).
    public init(data: URL, gazetteer: Gazetteer) throws {
        self.init(lexicon: try CorefLexicon(data: data), knowledge: try CorefKnowledge(data: data, gazetteer: gazetteer))
    }

    public func process(_ document: inout Document) throws {
        var run = CorefRun(document: document, lexicon: lexicon, knowledge: knowledge, flagTable: flagTable)
        run.resolve()
        run.write(into: &document)
    }
}

extension CorefKnowledge {
    private static let cacheLock = NSLock()
    nonisolated(unsafe) private static var cache: [String: CorefKnowledge] = [:]

    /// The knowledge of a data folder, read once per process.
    public static func shared(data: URL) throws -> CorefKnowledge {
        cacheLock.lock()
        defer { cacheLock.unlock() }
        let key = data.standardizedFileURL.path
        if let k = cache[key] { return k }
        let k = try CorefKnowledge(data: data)
        cache[key] = k
        return k
    }
}
