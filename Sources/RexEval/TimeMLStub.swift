import Foundation
import RexModel

// TEMPORARY STUB, to be deleted when Sources/RexEval/TimeML.swift (written by another helper) is merged.
// It has exactly that file's public API so that `rex eval --timeml` compiles; it always throws.

/// TempEval-3 TIMEX3 scores (stub of the real type in TimeML.swift).
public struct TimeMLReport: Codable, Sendable, Equatable {
    public var files: Int = 0
    public var strict = PRF()
    public var relaxed = PRF()
    public var value = PRF()
    public var typeAccuracy: Double = 0
}

/// TempEval-3 TimeML scoring (stub of the real one in TimeML.swift).
public enum TimeML {
    public struct NotBuiltYet: Error, CustomStringConvertible {
        public var description: String {
            "TempEval-3 scoring is not built yet (Sources/RexEval/TimeMLStub.swift is a placeholder for TimeML.swift)"
        }
    }

    public static func score(directory: URL, recognize: (_ text: String, _ dct: String) throws -> [Mention]) throws -> TimeMLReport {
        throw NotBuiltYet()
    }
}
