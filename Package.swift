// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "rex",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Rex", targets: ["Rex"]),
        .executable(name: "rex", targets: ["RexCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // System libraries: include and link flags only; never imported by Swift code.
        .systemLibrary(name: "CICU", path: "Sources/CICU", pkgConfig: "icu-uc icu-i18n",
                       providers: [.apt(["libicu-dev"])]),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        // The one C bridge: ICU and libxml2 behind an opaque header.
        .target(name: "TextBridge", dependencies: ["CICU", "CLibXML2"]),
        // Document model, layers, stage protocol, pipeline.
        .target(name: "RexModel"),
        // Reading files: encodings, plain text, HTML main text.
        .target(name: "RexIngest", dependencies: ["RexModel", "TextBridge"]),
        // ICU tokens and sentences.
        .target(name: "RexText", dependencies: ["RexModel", "TextBridge"]),
        // Dates: recognition, TIMEX3 normalization, anchoring (rules in Gazetteers/rules/dates).
        .target(name: "RexDates", dependencies: ["RexModel", "RexText"]),
        // Gazetteers and the place, organization and person recognizers.
        .target(name: "RexNames", dependencies: ["RexModel", "RexText"]),
        // Coreference: entities, nominal and pronoun mentions.
        .target(name: "RexCoref", dependencies: ["RexModel", "RexText", "RexNames"]),
        // Events and facts.
        .target(name: "RexEvents", dependencies: ["RexModel", "RexText", "RexNames"]),
        // The assembled library: default pipeline, batch runner.
        .target(name: "Rex", dependencies: ["RexModel", "RexIngest", "RexText", "RexDates", "RexNames",
                                            "RexCoref", "RexEvents"]),
        // Storage and exchange: SQLite and PostgreSQL databases, fact tables (CSV, JSON Lines), BRAT standoff.
        .target(name: "RexStore", dependencies: [
            "RexModel", "RexIngest",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        // Scoring against gold and external benchmarks.
        .target(name: "RexEval", dependencies: ["RexModel"]),
        // The static HTML report: documents, events table, timeline, map.
        .target(name: "RexReport", dependencies: ["RexModel"]),
        .executableTarget(name: "RexCLI", dependencies: [
            "Rex", "RexEval", "RexCoref", "RexReport", "RexStore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "RexModelTests", dependencies: ["RexModel"]),
        .testTarget(name: "RexIngestTests", dependencies: ["RexIngest"]),
        .testTarget(name: "RexTextTests", dependencies: ["RexText", "RexIngest"]),
        .testTarget(name: "RexDatesTests", dependencies: ["RexDates", "RexText", "RexIngest"]),
        .testTarget(name: "RexNamesTests", dependencies: ["RexNames", "RexText"]),
        .testTarget(name: "RexCorefTests", dependencies: ["RexCoref", "RexText", "RexIngest", "RexTestSupport"]),
        .testTarget(name: "RexEventsTests", dependencies: ["RexEvents", "RexText"]),
        // Helpers the test targets share; a plain target, so that test targets can depend on it.
        .target(name: "RexTestSupport", dependencies: ["RexModel"], path: "Tests/RexTestSupport"),
        .testTarget(name: "RexEvalTests", dependencies: ["RexEval", "RexTestSupport"]),
        .testTarget(name: "RexReportTests", dependencies: ["RexReport", "RexTestSupport"]),
        .testTarget(name: "RexStoreTests", dependencies: ["RexStore", "Rex", "RexTestSupport"]),
        .testTarget(name: "RexTests", dependencies: ["Rex", "RexEval", "RexStore"], exclude: ["accuracy-floors.json"]),
    ]
)
