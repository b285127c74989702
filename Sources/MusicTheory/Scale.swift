/// A scale on a particular tonic, with its notes spelled.
///
/// ```swift
/// Scale(tonic: NoteName(.F, .sharp), type: .major).notes.map(\.description)
/// // ["F#", "G#", "A#", "B", "C#", "D#", "E#"]
/// ```
public struct Scale: Sendable, Hashable {
    public var tonic: NoteName
    public var type: ScaleType

    public init(tonic: NoteName, type: ScaleType) {
        self.tonic = tonic
        self.type = type
    }

    /// The notes from the tonic up, spelled by interval: one letter per degree in a
    /// seven-note scale.
    public var notes: [NoteName] { type.intervals.map { tonic.transposed(by: $0) } }

    /// The pitch classes of the scale.
    public var pitchClasses: Set<Int> { Set(notes.map(\.pitchClass)) }

    /// Whether a pitch class belongs to the scale.
    public func contains(pitchClass: Int) -> Bool {
        pitchClasses.contains(((pitchClass % 12) + 12) % 12)
    }
}
