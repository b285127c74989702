extension ScaleType {
    public static let major = ScaleType(name: "major", aliases: ["ionian", "maj"],
                                        intervals: [.P1, .M2, .M3, .P4, .P5, .M6, .M7])
    public static let naturalMinor = ScaleType(name: "minor", aliases: ["natural minor", "aeolian", "min", "m"],
                                               intervals: [.P1, .M2, .m3, .P4, .P5, .m6, .m7])
    public static let harmonicMinor = ScaleType(name: "harmonic minor",
                                                intervals: [.P1, .M2, .m3, .P4, .P5, .m6, .M7])
    public static let melodicMinor = ScaleType(name: "melodic minor", aliases: ["jazz minor"],
                                               intervals: [.P1, .M2, .m3, .P4, .P5, .M6, .M7])
    public static let dorian = ScaleType(name: "dorian", intervals: [.P1, .M2, .m3, .P4, .P5, .M6, .m7])
    public static let phrygian = ScaleType(name: "phrygian", intervals: [.P1, .m2, .m3, .P4, .P5, .m6, .m7])
    public static let lydian = ScaleType(name: "lydian", intervals: [.P1, .M2, .M3, .A4, .P5, .M6, .M7])
    public static let mixolydian = ScaleType(name: "mixolydian", aliases: ["mixo"],
                                             intervals: [.P1, .M2, .M3, .P4, .P5, .M6, .m7])
    public static let locrian = ScaleType(name: "locrian", intervals: [.P1, .m2, .m3, .P4, .d5, .m6, .m7])
    public static let majorPentatonic = ScaleType(name: "major pentatonic", aliases: ["pentatonic"],
                                                  intervals: [.P1, .M2, .M3, .P5, .M6])
    public static let minorPentatonic = ScaleType(name: "minor pentatonic",
                                                  intervals: [.P1, .m3, .P4, .P5, .m7])
    public static let blues = ScaleType(name: "blues", aliases: ["minor blues"],
                                        intervals: [.P1, .m3, .P4, .d5, .P5, .m7])

    /// Every scale Cowrite knows, in the order `help scales` lists them.
    public static let all: [ScaleType] = [
        .major, .naturalMinor, .harmonicMinor, .melodicMinor, .dorian, .phrygian, .lydian,
        .mixolydian, .locrian, .majorPentatonic, .minorPentatonic, .blues,
    ]
}
