// Coreference: see Coreference.swift (the stage), Names.swift (name clusters), Descriptions.swift and
// Resolve.swift (descriptions), Pronouns.swift (pronouns); word lists in Gazetteers/lexicon/coref-*.txt.
import RexModel
