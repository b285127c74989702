import MusicTheory
import Testing
@testable import Engine

/// A chord's function is named as moving somewhere only where the chart's next chord is
/// where it leads: an outside audit found "secondary dominant (V7/IV): leans into the next
/// chord" of an E7 that went to D7, "leads a half step up to B♭" of an A°7 that went to
/// E♭m, and "tritone substitute: a dominant a half step above A♭" of a Gm7.
@Suite("Chord functions read with the chord after")
struct HarmonyFunctionTests {
    func function(_ symbol: String, next: String?, in key: String) throws -> String {
        HarmonyReasons.function(of: try Chord(parsing: symbol), next: try next.map { try Chord(parsing: $0) }, in: try Key(parsing: key))
    }

    @Test func aMovingChordIsNamedSoOnlyWhereItGoesThere() throws {
        #expect(try function("E7", next: "Am", in: "C") == "secondary dominant (V7/vi): leans into the next chord")
        #expect(try function("E7", next: "F", in: "C") == "a dominant from outside the key (the shape of V7/vi), here moving to F")
        #expect(try function("C#dim7", next: "Dm", in: "C") == "passing diminished 7th: leads a half step up to D")
        #expect(try function("C#dim7", next: "C", in: "C") == "a diminished 7th from outside the key, here moving to C")
        #expect(try function("Db7", next: "C", in: "C") == "tritone substitute: a dominant a half step above C, into it")
        #expect(try !function("Db7", next: "F", in: "C").contains("tritone"))
        #expect(try !function("Gm7", next: "Fadd9", in: "D dorian").contains("tritone"))
        #expect(try function("G", next: "C", in: "C") == "diatonic")
        let chart = try ["E7", "Am", "E7", "F"].map { try Chord(parsing: $0) }
        #expect(try HarmonyReasons.functions(of: chart, in: Key(parsing: "C")).map { $0.hasPrefix("secondary") } == [true, false, false, false])
    }
}
