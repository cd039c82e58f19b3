import ArgumentParser

@main
struct RexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rex",
        abstract: "Extract dated, geolocated events, places, organizations and people from conflict reports.",
        discussion: """
        rex reads reports (plain text or HTML) and writes annotated documents as JSON Lines in the
        document/1 schema: sentences, DATE/PLACE/ORG/PERSON mentions, entities and events, each
        traceable to character offsets in the text.

        Data (gazetteers, word lists, rule files) is read from Gazetteers/ at run time: set REX_DATA
        or pass --data when running rex outside a clone.
        """,
        subcommands: [Annotate.self, HTMLScore.self, Eval.self, Bench.self, Dates.self, TimeMLScore.self,
                      BenchGazetteer.self, CorefOracle.self, Report.self, Export.self, ImportBrat.self,
                      Events.self],
        defaultSubcommand: nil
    )
}
