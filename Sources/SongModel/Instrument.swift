import Foundation
import MusicTheory

/// A General MIDI instrument: its program number (0-based) and the names writers use.
public struct Instrument: Sendable, Hashable {
    public var program: Int
    /// The GM name, lower case with hyphens: "acoustic-grand-piano".
    public var name: String

    /// Finds an instrument by program number ("48"), GM name, or a common short name
    /// ("piano", "strings", "pad").
    public init(parsing text: String) throws(SongModelError) {
        let word = text.lowercased().replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-")
        // A short name first: "808" is the 808's bass, not program 808.
        if let program = Instrument.shortNames[word] {
            self.init(program: program)
            return
        }
        if let number = Int(word) {
            guard (0...127).contains(number) else { throw .unknownInstrument(text, suggestion: nil) }
            self.init(program: number)
            return
        }
        if let program = Instrument.generalMIDI.firstIndex(of: word) {
            self.init(program: program)
            return
        }
        let names = Array(Instrument.shortNames.keys) + Instrument.generalMIDI
        throw .unknownInstrument(text, suggestion: closest(to: word, in: names))
    }

    /// Whether it is one of General MIDI's guitars (programs 24–31, nylon to harmonics).
    public var isGuitar: Bool { (24...31).contains(program) }

    /// The instrument with a program number (clamped into 0…127 by the caller's checks).
    public init(program: Int) {
        self.program = min(max(program, 0), 127)
        self.name = Instrument.generalMIDI[self.program]
    }
}
