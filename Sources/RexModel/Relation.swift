/// A fact between two entities stated in the text ("AQIM, AAD and al-Mourabitoun merged to form JNIM",
/// "AQIM leader Abdelmalek Droukdel"), with its date and provenance.
///
/// `type` is one of the relations of `Gazetteers/org-relations.tsv`: merged-into, part-of, affiliated-with,
/// leader-of, renamed-to, designated-by, member-of, allied-with, split-from.
public struct Relation: Codable, Sendable, Equatable {
    public var id: String
    public var type: String
    public var subject: RelationArgument
    public var object: RelationArgument
    /// TIMEX3 value of the date the text gives the fact, nil when none.
    public var date: String?
    /// The words that state the relation.
    public var trigger: TextSpan
    /// Index into `sentences` of the trigger's sentence.
    public var sentence: Int

    public init(id: String, type: String, subject: RelationArgument, object: RelationArgument, date: String? = nil,
                trigger: TextSpan, sentence: Int) {
        self.id = id; self.type = type; self.subject = subject; self.object = object; self.date = date
        self.trigger = trigger; self.sentence = sentence
    }
}

/// One side of a relation: the entity (entity id, or a canonical gazetteer id before coreference) and the
/// words that name it, with their offsets.
public struct RelationArgument: Codable, Sendable, Equatable {
    public var entity: String?
    public var text: String
    public var start: Int
    public var end: Int
    public init(entity: String?, text: String, start: Int, end: Int) {
        self.entity = entity; self.text = text; self.start = start; self.end = end
    }
}
