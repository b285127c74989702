import MusicTheory
import SongModel

/// The feel a lead sheet marks over a section: "Swing" where the band swings with the drums
/// (`Performance.bandSwing`, as the render plays it), "Straight" where it stops. Without
/// it a band reading the chart played straight eighths under a swung render (a jazz
/// player's MusicXML and ChordPro carried no feel at all).
struct LeadSheetFeel: Equatable {
    /// The swing's long note to its short one, in whole numbers (2.75:1 is 11 to 4); nil for straight.
    let ratio: (first: Int, second: Int)?
    /// "eighth" or "16th": the note values that swing.
    let unit: String

    static func == (a: LeadSheetFeel, b: LeadSheetFeel) -> Bool {
        a.ratio?.first == b.ratio?.first && a.ratio?.second == b.ratio?.second && a.unit == b.unit
    }

    static let straight = LeadSheetFeel(ratio: nil, unit: "eighth")

    /// The feel of the section at `index` of the song's form.
    static func of(_ section: Section, at index: Int, in song: Song) -> LeadSheetFeel {
        guard let timing = Performance.bandSwing(of: section, at: index, in: song.form, of: song) else { return .straight }
        var first = Int((timing.swing * 100).rounded()), second = 100
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let divisor = gcd(first, second)
        first /= divisor; second /= divisor
        return LeadSheetFeel(ratio: (first, second), unit: timing.swingUnit < MusicalTime.ticksPerQuarter ? "16th" : "eighth")
    }

    /// The words over the staff: "Swing", "Swung 16ths", or "Straight".
    var words: String {
        guard ratio != nil else { return "Straight" }
        return unit == "16th" ? "Swung 16ths" : "Swing"
    }

    /// The ratio as a player reads it ("2.75:1").
    var said: String {
        guard let ratio else { return "straight" }
        let value = Double(ratio.first) / Double(ratio.second)
        let text = value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
        return text + ":1"
    }
}
