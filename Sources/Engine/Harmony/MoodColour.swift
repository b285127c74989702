import SongModel

/// What a mood does to a drawn chart, chord by chord, before its label is made (so the label
/// names what the chart plays).
///
/// The transition tables lean toward diatonic chords, so on their own a sad song in a major
/// key sounds sad only through vi and ii. These are the moves writers reach for: the
/// minor iv and ♭VI borrowed from the parallel minor for sad, dark and nostalgic songs (iv
/// after IV is the classic "IV–iv–I"); ♭VII for nostalgia; ♭VI–♭VII–I and IV–V–I builds for
/// triumph, keeping the major home; diminished sevenths passing a half step into the next
/// chord, and the dominant arriving early, suspended (a pedal on V), for tension; and for
/// calm and dreamy songs the tonic again, so the key is heard; and in any mood a minor-key
/// section starts on i, as its relative major shares its chords (a verse or chorus of
/// eight or more bars comes back to i at its middle), and a major-key verse or chorus that
/// never reaches I starts on it.
struct MoodColour: Sendable {
    /// Chance per chance: IV → iv, vi → ♭VI, V (not the cadence's) → ♭VII.
    var minorFour = 0.0, flatSix = 0.0, flatSeven = 0.0
    /// Chance that a closing …V–I becomes ♭VI–♭VII–I, else that the chord before V becomes IV.
    var lift = 0.0, build = 0.0
    /// Chance per place of a passing diminished 7th, and of V arriving early as Vsus4.
    var passingDiminished = 0.0, suspendedDominant = 0.0
    /// Chance per other slot (every other one) of a return home.
    var home = 0.0
    /// At most this share of slots borrowed from the parallel minor (♭III, ♭VI, ♭VII, iv),
    /// the rest brought back to their diatonic neighbours, so the major home is heard.
    var borrowedShare = 1.0

    static func of(_ mood: Mood?) -> MoodColour {
        switch mood {
        case .sad, .melancholy: MoodColour(minorFour: 0.7, flatSix: 0.45)
        case .dark: MoodColour(minorFour: 0.6, flatSix: 0.5, passingDiminished: 0.2)
        case .nostalgic, .romantic: MoodColour(minorFour: 0.5, flatSix: 0.25, flatSeven: 0.3)
        case .triumphant: MoodColour(lift: 0.45, build: 0.7, borrowedShare: 0.25)
        case .tense: MoodColour(passingDiminished: 0.55, suspendedDominant: 0.5)
        case .calm, .dreamy: MoodColour(home: 0.35)
        default: MoodColour()
        }
    }

    /// Steps these moves can write, for the palette.
    static let steps: Set<String> = ["iv", "bVI", "bVII", "#iv°7", "#i°7", "#v°7", "#ii°7", "Vsus4", "IIIsus4"]

    /// Makes the moves on `steps`; the last `cadence` steps are the cadence's and change only
    /// by the cadence moves (lift, build).
    func apply(to steps: inout [String], cadence: Int, frame: TonalFrame, generator: inout SeededGenerator) {
        let free = max(0, steps.count - cadence)
        let minor = frame.isMinor
        let dominant = minor ? "III" : "V"
        if !minor {
            for index in steps.indices {
                // Borrowed chords may colour the cadence too: iv–I is the minor plagal close.
                if steps[index] == "IV" && minorFour > 0 && generator.unit() < minorFour {
                    steps[index] = "iv"
                } else if steps[index] == "vi" && index > 0 && flatSix > 0 && generator.unit() < flatSix {
                    steps[index] = "bVI"
                } else if steps[index] == "V" && index < free && flatSeven > 0 && generator.unit() < flatSeven {
                    steps[index] = "bVII"
                }
            }
            let closes = steps.count >= 2 && steps[steps.count - 2] == "V" && steps[steps.count - 1] == "I"
            // The lift's two borrowed chords only where the mood's share allows two: in a
            // 4-slot triumphant chart they were half the chords (D: Em Bb C D).
            let liftFits = steps.count >= 4 && Double(steps.count) * borrowedShare >= 2
            if closes && liftFits && lift > 0 && generator.unit() < lift {
                steps.replaceSubrange((steps.count - 3)..., with: ["bVI", "bVII", "I"])
            } else if closes && steps.count >= 3 && build > 0 && !["IV", "ii"].contains(steps[steps.count - 3]) && generator.unit() < build {
                steps[steps.count - 3] = "IV"
            }
        }
        if borrowedShare < 1 && !minor {
            // Epic and cinematic tables lean on ♭III, ♭VI and ♭VII; more than a few and the
            // song is heard in the parallel minor. The closing lift, if any, stays.
            let neighbour = ["bIII": "iii", "bVI": "IV", "bVII": "V", "iv": "IV"]
            let lifts = steps.suffix(3) == ["bVI", "bVII", "I"]
            let before = lifts ? steps.count - 3 : steps.count   // the slots before the lift, if any
            var allowed = Int((Double(steps.count) * borrowedShare).rounded(.down)) - (lifts ? 2 : 0)
            for index in 0..<before {
                guard let diatonic = neighbour[steps[index]] else { continue }
                if allowed > 0 { allowed -= 1 } else { steps[index] = diatonic }
            }
        }
        if minor && home == 0 && free > 0 && steps[0] != frame.home {
            // A minor key is easily heard as its relative major, whose chords it shares: its
            // sections start at home, on i.
            steps[0] = frame.home
        }
        let role = SectionRole(name: frame.sectionName)
        if minor && home == 0 && free > 4 && role != .preChorus && role != .bridge {
            // And comes home again at its middle: the energetic tables walk ♭VI, ♭VII and ♭III,
            // the relative major's IV, V and I, so a verse of Gm E♭ F E♭ | B♭ E♭ F D spent one
            // bar in eight on its tonic, and essentia heard two energetic sketches in five in
            // their relative major (G minor as B♭, D minor as F).
            let middle = (steps.count / 2) & ~1
            if middle < free { steps[middle] = frame.home }
        }
        if !minor && home == 0 && free >= 4 && !steps.contains(frame.home) && role != .preChorus && role != .bridge {
            // A major-key section that never plays I is heard in its relative minor (a verse
            // of vi–ii–♭iii–iii is a minor verse): it starts at home. A pre-chorus or bridge
            // may stay away; that is its job.
            steps[0] = frame.home
        }
        if home > 0 {
            // Home at the start and at the middle of the section, and on other odd bars by chance.
            let middle = (steps.count / 2) & ~1
            for index in stride(from: 0, to: free, by: 2) where steps[index] != frame.home
                && (index == 0 || index == middle || generator.unit() < home) {
                steps[index] = frame.home
            }
        }
        // Tension: a diminished 7th a half step below the chord it leads to, in a free slot
        // that is not home; V arriving a slot early, suspended, over the same bass.
        let passing: [String: String] = minor ? [dominant: "#ii°7"] : ["V": "#iv°7", "ii": "#i°7", "vi": "#v°7", "iii": "#ii°7"]
        var placed = 0
        for index in steps.indices.dropFirst() where index + 1 < steps.count && index < free && placed < 2 {
            // Not right after another: each passing chord keeps the chord it leads to.
            guard passingDiminished > 0, let chord = passing[steps[index + 1]], steps[index] != frame.home,
                  !steps[index - 1].hasSuffix("°7"),
                  steps[index] != steps[index + 1], generator.unit() < passingDiminished else { continue }
            steps[index] = chord
            placed += 1
        }
        if suspendedDominant > 0, let arrival = steps.indices.last(where: { $0 > 0 && steps[$0] == dominant }),
           steps[arrival - 1] != dominant, !steps[arrival - 1].hasSuffix("°7"), generator.unit() < suspendedDominant {
            steps[arrival - 1] = dominant + "sus4"
        }
    }
}
