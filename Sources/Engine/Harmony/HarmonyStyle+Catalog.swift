import SongModel

extension HarmonyStyle {
    /// Pop, after Hooktheory's counts over ~1,300 songs: after I, V follows about 29% of
    /// the time, IV and vi most of the rest.
    public static let pop = HarmonyStyle(
        name: "pop", aliases: [], transitions: [
            "I": ["V": 29, "IV": 25, "vi": 20, "ii": 8, "iii": 5, "bVII": 4, "iv": 2, "II": 3, "III": 2, "bVI": 2],
            "ii": ["V": 45, "IV": 15, "I": 12, "vi": 10, "iii": 8, "II": 4, "bVII": 3, "iv": 3],
            "iii": ["IV": 35, "vi": 35, "ii": 10, "I": 8, "V": 8, "III": 4],
            "IV": ["I": 32, "V": 30, "vi": 12, "ii": 6, "iv": 6, "iii": 4, "bVII": 5, "II": 3, "IV": 2],
            "V": ["I": 38, "vi": 30, "IV": 20, "ii": 5, "iii": 4, "bVI": 3],
            "vi": ["IV": 40, "V": 20, "ii": 14, "I": 10, "iii": 8, "III": 5, "bVII": 3],
            "vii°": ["I": 55, "iii": 20, "vi": 15, "III": 10],
            "bVII": ["I": 40, "IV": 35, "V": 10, "bVI": 10, "vi": 5],
            "iv": ["I": 55, "V": 20, "bVII": 12, "IV": 8, "bVI": 5],
            "bVI": ["bVII": 50, "I": 15, "V": 15, "iv": 12, "IV": 8],
            "bIII": ["bVI": 35, "IV": 30, "bVII": 25, "I": 10],
            "II": ["V": 70, "IV": 20, "ii": 10],
            "III": ["vi": 75, "IV": 20, "ii": 5],
        ], loopChance: 0.7, colour: 0.15, seventh: false, comping: .pulse,
        fact: "after I, V follows about 29% of the time in pop (Hooktheory, ~1,300 songs)")

    /// Rock, after de Clercq & Temperley's corpus: IV is the most common chord after I and
    /// most often comes right before the tonic; ♭VII is at home.
    public static let rock = HarmonyStyle(
        name: "rock", aliases: [], transitions: [
            "I": ["IV": 36, "V": 20, "bVII": 18, "vi": 12, "iii": 4, "ii": 3, "bVI": 5, "bIII": 2],
            "ii": ["V": 40, "IV": 30, "I": 20, "vi": 10],
            "iii": ["IV": 50, "vi": 30, "V": 20],
            "IV": ["I": 48, "V": 22, "bVII": 10, "vi": 10, "ii": 4, "iv": 6],
            "V": ["I": 34, "IV": 34, "vi": 20, "bVII": 12],
            "vi": ["IV": 40, "V": 25, "I": 15, "bVII": 10, "iii": 10],
            "bVII": ["IV": 45, "I": 45, "V": 5, "bVI": 5],
            "bVI": ["bVII": 60, "I": 20, "IV": 20],
            "bIII": ["IV": 40, "bVII": 35, "I": 25],
            "iv": ["I": 70, "V": 30],
        ], loopChance: 0.55, colour: 0.08, seventh: false, comping: .pulse,
        fact: "IV is the most common chord after I in rock, and IV most often comes right before the tonic (de Clercq & Temperley, 100 songs)")

    public static let ballad = HarmonyStyle(
        name: "ballad", aliases: ["pianoballad"], transitions: [
            "I": ["IV": 26, "vi": 22, "V": 20, "iii": 12, "ii": 8, "iv": 6, "III": 3, "II": 3],
            "ii": ["V": 55, "I": 15, "IV": 10, "iii": 10, "vi": 10],
            "iii": ["vi": 45, "IV": 40, "ii": 15],
            "IV": ["V": 30, "I": 28, "iv": 14, "ii": 8, "vi": 10, "iii": 10],
            "V": ["I": 40, "vi": 35, "IV": 15, "iii": 10],
            "vi": ["IV": 35, "ii": 20, "iii": 15, "V": 20, "I": 10],
            "iv": ["I": 70, "V": 20, "bVI": 10],
            "bVI": ["bVII": 45, "V": 30, "I": 25],
            "bVII": ["I": 60, "IV": 40],
            "III": ["vi": 80, "IV": 20],
            "II": ["V": 75, "IV": 25],
            "vii°": ["I": 70, "iii": 30],
        ], loopChance: 0.45, colour: 0.45, seventh: false, comping: .ballad,
        fact: "ballads lean on ii–V and IV–iv–I motion, with added 9ths and major 7ths for warmth")

    public static let folk = HarmonyStyle(
        name: "folk", aliases: ["country", "acoustic"], transitions: [
            "I": ["IV": 40, "V": 35, "vi": 15, "ii": 5, "bVII": 5],
            "ii": ["V": 60, "IV": 25, "I": 15],
            "iii": ["IV": 50, "vi": 50],
            "IV": ["I": 55, "V": 35, "vi": 5, "ii": 5],
            "V": ["I": 60, "IV": 20, "vi": 20],
            "vi": ["IV": 45, "V": 30, "I": 15, "ii": 10],
            "bVII": ["I": 50, "IV": 50],
        ], loopChance: 0.35, colour: 0.12, seventh: false, comping: .arpeggio,
        fact: "folk harmony lives on I, IV and V, with plagal IV–I motion at its centre")

    public static let soul = HarmonyStyle(
        name: "soul", aliases: ["r&b", "rnb", "randb", "gospel", "neosoul"], transitions: [
            "I": ["IV": 28, "vi": 20, "ii": 18, "iii": 12, "V": 10, "III": 6, "II": 6],
            "ii": ["V": 50, "iii": 15, "I": 15, "IV": 10, "bVII": 10],
            "iii": ["vi": 50, "IV": 30, "ii": 20],
            "IV": ["iii": 25, "I": 25, "V": 20, "ii": 15, "iv": 10, "bVII": 5],
            "V": ["I": 45, "vi": 30, "iii": 10, "IV": 15],
            "vi": ["ii": 35, "IV": 30, "V": 20, "iii": 15],
            "III": ["vi": 85, "IV": 15],
            "II": ["V": 80, "ii": 20],
            "iv": ["I": 70, "bVII": 30],
            "bVII": ["I": 60, "IV": 40],
        ], loopChance: 0.5, colour: 0.7, seventh: true, comping: .stabs,
        fact: "soul and R&B voice nearly every chord as a 7th or 9th and move by ii–V and iii–vi")

    public static let jazz = HarmonyStyle(
        name: "jazz", aliases: ["swing", "bossa"], transitions: [
            "I": ["vi": 30, "ii": 25, "IV": 15, "iii": 10, "II": 10, "III": 10],
            "ii": ["V": 85, "II": 5, "bII": 10],
            "iii": ["vi": 70, "III": 10, "IV": 20],
            "IV": ["V": 25, "iv": 25, "iii": 25, "ii": 15, "bVII": 10],
            "V": ["I": 75, "vi": 15, "iii": 10],
            "vi": ["ii": 70, "II": 20, "IV": 10],
            "II": ["V": 50, "ii": 50],
            "III": ["vi": 90, "IV": 10],
            "bII": ["I": 100],
            "iv": ["bVII": 50, "I": 50],
            "bVII": ["I": 70, "V": 30],
        ], loopChance: 0.45, colour: 1.0, seventh: true, comping: .stabs,
        fact: "jazz harmony is built from ii–V–I and iii–vi–ii–V, with secondary dominants and tritone substitutes")

    public static let blues = HarmonyStyle(
        name: "blues", aliases: ["shuffle"], transitions: [
            "I": ["IV": 60, "V": 25, "I": 15],
            "IV": ["I": 70, "IV": 10, "V": 20],
            "V": ["IV": 60, "I": 40],
        ], loopChance: 1.0, colour: 1.0, seventh: true, comping: .stabs,
        fact: "the 12-bar blues: four bars of I, two of IV, two of I, then V–IV–I–V, every chord a seventh or ninth")

    public static let edm = HarmonyStyle(
        name: "edm", aliases: ["dance", "house", "electronic"], transitions: [
            "I": ["V": 35, "vi": 30, "IV": 25, "iii": 10],
            "IV": ["V": 45, "I": 30, "vi": 25],
            "V": ["vi": 50, "I": 30, "IV": 20],
            "vi": ["IV": 55, "V": 25, "I": 20],
            "iii": ["IV": 60, "vi": 40],
        ], loopChance: 0.95, colour: 0.2, seventh: false, comping: .stabs,
        fact: "dance music loops four chords through the whole section, most often an axis rotation such as vi–IV–I–V")

    public static let cinematic = HarmonyStyle(
        name: "cinematic", aliases: ["epic", "film", "score", "orchestral"], transitions: [
            "I": ["bVI": 22, "IV": 18, "iii": 10, "vi": 18, "bIII": 8, "iv": 12, "V": 12],
            "vi": ["IV": 40, "V": 15, "iii": 15, "I": 15, "ii": 15],
            "IV": ["I": 30, "iv": 25, "V": 20, "vi": 15, "bVII": 10],
            "V": ["vi": 45, "I": 35, "IV": 20],
            "iii": ["IV": 50, "vi": 50],
            "ii": ["V": 50, "IV": 30, "iii": 20],
            "bVI": ["bVII": 55, "iv": 20, "bIII": 15, "I": 10],
            "bVII": ["I": 55, "vi": 20, "bVI": 15, "IV": 10],
            "bIII": ["bVI": 40, "bVII": 35, "IV": 25],
            "iv": ["I": 55, "bVI": 25, "V": 20],
            "III": ["vi": 80, "IV": 20],
        ], loopChance: 0.55, colour: 0.35, seventh: false, comping: .block,
        fact: "film scores lean on modal interchange: ♭VI, ♭VII and iv borrowed from minor, and the ♭VI–♭VII–I lift")

    public static let lofi = HarmonyStyle(
        name: "lofi", aliases: ["lofihiphop", "chillhop"], transitions: [
            "I": ["vi": 25, "IV": 25, "iii": 20, "ii": 20, "II": 10],
            "ii": ["V": 55, "iii": 20, "I": 15, "IV": 10],
            "iii": ["vi": 55, "IV": 25, "ii": 20],
            "IV": ["V": 30, "iii": 35, "iv": 15, "I": 10, "ii": 10],
            "V": ["iii": 30, "I": 35, "vi": 35],
            "vi": ["ii": 35, "IV": 35, "V": 15, "iii": 15],
            "II": ["ii": 50, "V": 50],
            "iv": ["I": 60, "iii": 40],
            "III": ["vi": 85, "IV": 15],
        ], loopChance: 0.75, colour: 0.9, seventh: true, comping: .block,
        fact: "lo-fi loops jazz colours: the royal road IVmaj7–V7–iii7–vi7 and ii7–V7–Imaj7")

    /// Every style, in the order help lists them.
    public static let all: [HarmonyStyle] = [.pop, .rock, .ballad, .folk, .soul, .jazz, .blues, .edm, .cinematic, .lofi]
}
