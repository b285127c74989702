import MusicTheory
import SongModel

/// The feel a lead sheet marks over a section: "Swing" where the band swings with the drums
/// (`Performance.bandSwing`, as the render plays it), "Straight" where it stops. Without
/// it a band reading the chart played straight eighths under a swung render (a jazz
/// player's MusicXML and ChordPro carried no feel at all).
struct LeadSheetFeel: Equatable {
    /// The swing's long note to its short one, to two decimals (2.75); nil for straight.
    let swing: Double?
    /// Whether sixteenths swing (a unit of an eighth), not eighths.
    let sixteenths: Bool

    static let straight = LeadSheetFeel(swing: nil, sixteenths: false)

    /// The feel of the section at `index` of the song's form.
    static func of(_ section: Section, at index: Int, in song: Song) -> LeadSheetFeel {
        guard let timing = Performance.bandSwing(of: section, at: index, in: song.form, of: song) else { return .straight }
        return LeadSheetFeel(swing: (timing.swing * 100).rounded() / 100, sixteenths: timing.swingUnit < MusicalTime.ticksPerQuarter)
    }

    /// The ratio in whole numbers, as MusicXML's <swing> writes it (2.75:1 is 11 to 4).
    var ratio: (first: Int, second: Int)? {
        guard let swing else { return nil }
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let hundredths = Int((swing * 100).rounded()), divisor = gcd(hundredths, 100)
        return (hundredths / divisor, 100 / divisor)
    }

    /// The note values that swing, as MusicXML's <swing-type> names them.
    var unit: String { sixteenths ? "16th" : "eighth" }

    /// The words over the staff: "Swing", "Swung 16ths", or "Straight".
    var words: String { swing == nil ? "Straight" : sixteenths ? "Swung 16ths" : "Swing" }

    /// The ratio as a player reads it ("2.75:1", "2:1").
    var said: String { swing.map { String(format: "%g", $0) + ":1" } ?? "straight" }
}
