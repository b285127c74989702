import MusicTheory

/// Where an imported line's notes are written: each beat on sixteenths or on eighth-note
/// triplets, chosen for the beat's notes together, and each note's written length running
/// to the next note when the player let go of it only a little early.
///
/// Why a beat at a time, and not each note on its own: a note rounds to whichever grid it
/// sits nearer, so loosely swung off-beats came out part triplets, part sixteenths after a
/// thirty-second triplet rest (3 of 16 off-beats of a newcomer's 2:1 swing file), and a
/// dotted eighth played a little short ended on a triplet point ("A4/4t r/32t A4/16").
/// A beat whose notes fit triplets better, by more than a few ticks a note, is written in
/// triplets; in a line most of whose off-grid notes sit nearer triplets (a swung tune) the
/// lean goes the other way, three times as far, so an off-beat played late still reads as
/// the swung eighth it is. A
/// sixteenth that sits on its place stays a sixteenth either way.
///
/// Why legato lengths: players let go before the next note, and a length rounded on its
/// own leaves thirty-second rests a band cannot read ("G2/2.~ G2/8. r/16" for a whole
/// note held 95%). A note let go less than a dotted sixteenth before the next and within a
/// quarter of the time to it (or less than an eighth and within an eighth of that time, or
/// half a sixteenth, whatever its length) is written to it; one let go before a longer gap
/// runs to the beat it nearly reaches (held four fifths of the way or more, and not ending
/// on an eighth's line, as a file's written lengths do), and the rest after it is written;
/// a shorter one (a staccato quarter played as an eighth) keeps its own length, rounded on
/// its beat's grid. Why the gaps: a rest of an eighth or more is one
/// a player means, and a songwriter's dotted half and quarter rest, played exactly, had
/// been written as a whole note (up to a quarter of the time to the next note had been
/// taken as legato, whatever its length).
struct WrittenGrid {
    static let beat = MusicalTime.ticksPerQuarter
    static let sixteenth = MusicalTime.ticksPerQuarter / 4
    static let eighth = MusicalTime.ticksPerQuarter / 2
    /// The longest gap a note's legato runs over: a dotted sixteenth, between the sixteenth
    /// a player lets go early and the eighth rest they mean (an eighth rest played a tick
    /// short is still a rest).
    static let legatoGap = MusicalTime.ticksPerQuarter * 3 / 8
    static let triplet = MusicalTime.ticksPerQuarter / 3
    /// Ticks a note's triplet place must be nearer than its sixteenth place to count for
    /// triplets (about 10 ms at 120 bpm).
    static let lean = 20

    let tripletBeats: Set<Int>
    let leansTriplet: Bool

    /// The grid for `onsets` (ticks from the section's start, as played).
    init(onsets: [Int]) {
        // Only notes whose two places differ say anything about the grid.
        let telling = onsets.filter { Self.straight($0) != Self.tripled($0) }
        // The line leans to triplets when most of those sit nearer a triplet place (a vote,
        // not a sum of distances: one true sixteenth in a swung tune is 80 ticks from a
        // triplet and had outweighed three swung off-beats).
        let nearerTriplet = telling.filter { abs($0 - Self.tripled($0)) < abs($0 - Self.straight($0)) }.count
        leansTriplet = 2 * nearerTriplet > telling.count
        // In a swung line an off-beat is the swung eighth unless it sits on the sixteenth
        // (within about 10 ticks): at 200 a minute a 20 ms late swing is 60 ticks past the
        // triplet, nearer the sixteenth, and 5 of 32 had read as dotted eighths.
        let bias = leansTriplet ? -3 * Self.lean : Self.lean
        var beats: [Int: (straight: Int, triplet: Int, count: Int)] = [:]
        for onset in telling {
            let beat = Self.floorDivide(onset, Self.beat)
            var sums = beats[beat] ?? (0, 0, 0)
            sums.straight += abs(onset - Self.straight(onset))
            sums.triplet += abs(onset - Self.tripled(onset))
            sums.count += 1
            beats[beat] = sums
        }
        tripletBeats = Set(beats.filter { $0.value.triplet + bias * $0.value.count < $0.value.straight }.keys)
    }

    static func floorDivide(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
    static func straight(_ tick: Int) -> Int { Int((Double(tick) / Double(sixteenth)).rounded()) * sixteenth }
    static func tripled(_ tick: Int) -> Int { Int((Double(tick) / Double(triplet)).rounded()) * triplet }

    /// Whether the beat `tick` falls in is written in triplets.
    func isTriplet(at tick: Int) -> Bool { tripletBeats.contains(Self.floorDivide(tick, Self.beat)) }

    /// The written place of a note played at `tick`.
    func place(_ tick: Int) -> Int { isTriplet(at: tick) ? Self.tripled(tick) : Self.straight(tick) }

    /// The shortest written value on the grid at `tick`.
    func step(at tick: Int) -> Int { isTriplet(at: tick) ? Self.triplet : Self.sixteenth }

    /// The written end of a note written at `start`, played from `playedStart` to
    /// `playedEnd`, the next note (if any) played at `nextPlayed` and written at `next`.
    func end(start: Int, playedStart: Int, playedEnd: Int, next: (played: Int, written: Int)?) -> Int {
        // The beat line at or after the note's release: where a note let go a little early
        // was going.
        let beatLine = -Self.floorDivide(-playedEnd, Self.beat) * Self.beat
        if let next, next.written > start {
            let gap = next.played - playedEnd
            let span = next.played - playedStart
            if gap <= Self.sixteenth / 2 || (gap <= span / 4 && gap < Self.legatoGap) || (gap <= span / 8 && gap < Self.eighth) { return next.written }
            // Let go before a rest the player means: the length runs to the beat it nearly
            // reaches (a dotted half held 93% before a quarter rest had read "G4/2~ G4/8.
            // r/4 r/16"). Not a length that ends on an eighth's line, as a file's written
            // lengths do (3½ beats and an eighth rest stay so).
            let eighthLine = Int((Double(playedEnd) / Double(Self.eighth)).rounded()) * Self.eighth
            if abs(playedEnd - eighthLine) > Self.sixteenth / 40, beatLine > start, beatLine <= next.written,
               beatLine - playedEnd <= max((playedEnd - playedStart) / 5, Self.sixteenth / 2) {
                return beatLine
            }
        } else {
            // The last note: to the beat it nearly reaches.
            if beatLine - playedEnd <= max((playedEnd - playedStart) / 4, Self.sixteenth / 2) { return max(beatLine, start + step(at: start)) }
        }
        var end = place(playedEnd)
        if let next, next.written > start { end = min(end, next.written) }
        return max(end, start + step(at: start))
    }
}
