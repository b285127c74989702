/// A chord as written on a lead sheet: root, quality and an optional bass note
/// ("Cm7", "Ab", "C/E").
///
/// ```swift
/// let chord = try Chord(parsing: "Cm7b5/Gb")
/// chord.tones.map(\.description)   // ["C", "Eb", "Gb", "Bb"]
/// chord.description                 // "Cm7b5/Gb"
/// ```
public struct Chord: Sendable, Hashable, CustomStringConvertible {
    public var root: NoteName
    public var quality: ChordQuality
    /// The bass note of a slash chord, when it differs from the root.
    public var bass: NoteName?

    public init(root: NoteName, quality: ChordQuality, bass: NoteName? = nil) {
        self.root = root
        self.quality = quality
        self.bass = bass == root ? nil : bass
    }

    /// The chord tones, spelled from the root.
    public var tones: [NoteName] { quality.intervals.map { root.transposed(by: $0) } }

    /// The pitch classes that sound, the bass included.
    /// Counted in semitones from the root, not from the spelled tones: the same classes,
    /// without spelling each tone, which the engine asks for at every chord it weighs.
    public var pitchClasses: Set<Int> {
        var classes = Set(quality.intervals.map { (root.pitchClass + $0.semitones) % 12 })
        if let bass { classes.insert(bass.pitchClass) }
        return classes
    }

    /// The note that sounds lowest: the slash bass, or the root.
    public var bassNote: NoteName { bass ?? root }

    /// The symbol as typed: "Cm7", "F#/A#".
    public var description: String {
        root.description + quality.symbol + (bass.map { "/" + $0.description } ?? "")
    }
}

