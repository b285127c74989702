/// Voice-led voicings for comping: each chord voiced close to the one before.
///
/// Keeps common tones where they are and moves the other voices by the smallest steps,
/// within a range (about C3–C5 by default), as MUSIC.md asks of comping. The first chord
/// sits in close position around the middle of the range. Chords of five or more tones
/// drop their fifth, and of six their root too, so every voicing has two to five voices.
///
/// ```swift
/// let chords = try ["C", "Am", "F", "G"].map { try Chord(parsing: $0) }
/// VoiceLeading.voice(chords)   // [[55, 60, 64], [57, 60, 64], [57, 60, 65], [55, 59, 62]]
/// ```
public enum VoiceLeading {
    public static let defaultRange = 48...72

    /// Voicings for a chord sequence, as MIDI keys low to high.
    /// - Complexity: O(chords × candidate voicings); a handful of candidates per chord.
    /// With `triadBelow`, only voicings whose lowest note is the chord's root, third or
    /// fifth are taken where one fits (a pad low in the mix: a 9th, 7th or 6th at the
    /// bottom of a held chord muddies the bass under it).
    public static func voice(_ chords: [Chord], range: ClosedRange<Int> = defaultRange, triadBelow: Bool = false) -> [[Int]] {
        var result: [[Int]] = []
        var previous: [Int]?
        for chord in chords {
            var candidates = voicings(of: chord, in: range)
            if triadBelow {
                let rooted = (candidates + packed(chord, in: range)).filter { ($0.first).map { isTriadTone($0, of: chord) } ?? false }
                if !rooted.isEmpty { candidates = rooted }
            }
            let clean = candidates.filter { !clashes($0, chord) }
            if !clean.isEmpty { candidates = clean }
            let chosen: [Int]
            if let previous {
                chosen = candidates.min { movement(previous, $0) < movement(previous, $1) } ?? candidates[0]
            } else {
                let middle = Double(range.lowerBound + range.upperBound) / 2
                chosen = candidates.min { abs(centre($0) - middle) < abs(centre($1) - middle) } ?? candidates[0]
            }
            result.append(chosen)
            previous = chosen
        }
        return result
    }

    /// The pitch classes to voice: every tone for triads and sevenths; the fifth left out
    /// of bigger chords (it adds least colour).
    static func classes(of chord: Chord) -> [Int] {
        var tones = chord.quality.intervals
        if tones.count > 4, let fifth = tones.firstIndex(of: .P5) { tones.remove(at: fifth) }
        // Six tones left (C13♯11, C7alt) leave the root to the bass, as a pianist's
        // rootless voicing does: five voices in close position at most.
        if tones.count > 5, let root = tones.firstIndex(of: .P1) { tones.remove(at: root) }
        return tones.map { (chord.root.pitchClass + $0.semitones) % 12 }
    }

    /// Close-position voicings of every inversion whose notes all fit the range.
    static func voicings(of chord: Chord, in range: ClosedRange<Int>) -> [[Int]] {
        let classes = classes(of: chord)
        var found: [[Int]] = []
        for rotation in 0..<classes.count {
            let order = Array(classes[rotation...] + classes[..<rotation])
            var low = range.lowerBound + ((order[0] - range.lowerBound % 12) + 12) % 12
            while low <= range.upperBound {
                var keys = [low]
                for pitchClass in order.dropFirst() {
                    let last = keys[keys.count - 1]
                    keys.append(last + ((pitchClass - last % 12) + 12) % 12)
                }
                if keys.last.map({ $0 <= range.upperBound }) == true { found.append(keys) }
                low += 12
            }
        }
        // A range too narrow for any close voicing (a pad's low octave under a 9th chord):
        // each tone at its lowest place from the bottom of the range, so the voicing is
        // still the chord's own notes, one slightly over the top if it must be.
        return found.isEmpty ? [classes.map { range.lowerBound + (($0 - range.lowerBound % 12) + 12) % 12 }.sorted()] : found
    }

    /// Whether a voicing holds an interval jazz voicing avoids: a sharp ninth under the
    /// major third (a half step or a minor ninth below it, it reads as a wrong minor third:
    /// the ♯9 goes above the 3rd, as in E B♭ D♯ for C7♯9), or a minor ninth between two
    /// voices other than a root and its flat ninth (the fifth under a flat thirteenth).
    static func clashes(_ voicing: [Int], _ chord: Chord) -> Bool {
        let semitones = Set(chord.quality.intervals.map(\.semitones))
        let root = chord.root.pitchClass
        func degree(_ key: Int) -> Int { ((key - root) % 12 + 12) % 12 }
        for (index, low) in voicing.enumerated() {
            for high in voicing[(index + 1)...] {
                let (from, to) = (degree(low), degree(high))
                if from == 3, to == 4, semitones.contains(15), semitones.contains(4) { return true }
                if high - low == 13, !(from == 0 && to == 1) { return true }
            }
        }
        return false
    }

    /// Whether a key is the chord's root, third or fifth (not an added tone, 6th, 7th or 4th).
    static func isTriadTone(_ key: Int, of chord: Chord) -> Bool {
        let interval = ((key - chord.root.pitchClass) % 12 + 12) % 12
        return [0, 3, 4, 6, 7, 8].contains(interval) && chord.pitchClasses.contains(key % 12)
    }

    /// Voicings packed as tightly as they go above each root, third or fifth: every other
    /// tone at its first place above the bottom one. An added 9th stacked after the fifth
    /// (E♭ G B♭ F) is too wide for a pad's octave and a half unless it sits next to the root.
    static func packed(_ chord: Chord, in range: ClosedRange<Int>) -> [[Int]] {
        let classes = classes(of: chord)
        var found: [[Int]] = []
        // Only tones the voicing has (a big chord leaves its fifth out): three or four voices.
        for bottom in range where isTriadTone(bottom, of: chord) && classes.contains(bottom % 12) {
            let voicing = [bottom] + classes.filter { $0 != bottom % 12 }.map { bottom + (($0 - bottom % 12) + 12) % 12 }.sorted()
            if let top = voicing.last, top <= range.upperBound { found.append(voicing) }
        }
        return found
    }

    /// Total semitones the voices move, matching voices low to high (voices added or
    /// dropped count their distance to the nearest voice).
    public static func movement(_ from: [Int], _ to: [Int]) -> Int {
        if from.count == to.count { return zip(from, to).map { abs($0 - $1) }.reduce(0, +) }
        let (small, large) = from.count < to.count ? (from, to) : (to, from)
        return large.map { key in small.map { abs($0 - key) }.min() ?? 0 }.reduce(0, +)
    }

    /// Average movement per voice between consecutive voicings, in semitones.
    public static func averageMovement(_ voicings: [[Int]]) -> Double {
        var total = 0, voices = 0
        for (a, b) in zip(voicings, voicings.dropFirst()) {
            total += movement(a, b)
            voices += max(a.count, b.count)
        }
        return voices == 0 ? 0 : Double(total) / Double(voices)
    }

    static func centre(_ keys: [Int]) -> Double { Double(keys.reduce(0, +)) / Double(max(keys.count, 1)) }
}
