import SongModel

extension DrumStyle {
    // GM keys, for the grids below.
    static let kick = DrumKit.kick, snare = DrumKit.snare, rim = DrumKit.rim, clap = DrumKit.clap, hat = DrumKit.hat
    static let pedal = DrumKit.pedalHat, open = DrumKit.openHat, ride = DrumKit.ride, cowbell = DrumKit.cowbell, shaker = DrumKit.shaker,
        tambourine = DrumKit.tambourine

    static func extra(_ key: Int, _ step: Int, _ glyph: Character, _ probability: Double, _ energy: Double) -> Extra {
        Extra(key: key, step: step, glyph: glyph, probability: probability, minEnergy: energy)
    }

    /// Every style, in the order `help groove` lists them.
    public static let all: [DrumStyle] = [
        DrumStyle(id: .rock, meter: "4/4", stepsPerBeat: 4, grid: [
            kick: "X.......X.x.....", snare: "....X.......X...", hat: "x.x.x.x.x.x.x.x.",
        ], extras: [extra(kick, 6, "x", 0.5, 0.45), extra(kick, 15, "o", 0.35, 0.6), extra(snare, 7, "g", 0.5, 0.6),
                    extra(snare, 9, "g", 0.4, 0.7), extra(open, 14, "x", 0.6, 0.75)],
                  swing: nil, feel: .on, tempo: 90...150, about: "backbeat on 2 and 4, eighth-note hats"),
        DrumStyle(id: .pop, meter: "4/4", stepsPerBeat: 4, grid: [
            kick: "X.....x.X.......", snare: "....X.......X...", hat: "x.x.x.x.x.x.x.x.",
        ], extras: [extra(clap, 4, "x", 0.7, 0.6), extra(clap, 12, "x", 0.7, 0.6), extra(kick, 10, "o", 0.4, 0.5),
                    extra(hat, 1, "g", 0.5, 0.7), extra(hat, 9, "g", 0.5, 0.7), extra(open, 14, "o", 0.4, 0.7)],
                  swing: nil, feel: .on, tempo: 90...128, about: "a clean backbeat with a pushed kick"),
        DrumStyle(id: .funk, meter: "4/4", stepsPerBeat: 4, grid: [
            kick: "X..x......X....x", snare: "....X..g.g..X..g", hat: "xoxoxoxoxoxoxoxo",
        ], extras: [extra(snare, 14, "g", 0.5, 0.5), extra(kick, 7, "o", 0.5, 0.6), extra(open, 6, "x", 0.5, 0.7)],
                  swing: nil, feel: .on, tempo: 90...115, about: "syncopated kick, ghosted snare, sixteenth hats"),
        DrumStyle(id: .disco, meter: "4/4", stepsPerBeat: 4, grid: [
            kick: "X...X...X...X...", snare: "....X.......X...", open: "..x...x...x...x.", hat: "o...o...o...o...",
        ], extras: [extra(hat, 1, "g", 0.6, 0.6), extra(hat, 3, "g", 0.6, 0.6), extra(clap, 12, "x", 0.5, 0.7)],
                  swing: nil, feel: .on, tempo: 110...128, about: "four on the floor, open hats on the off-beats"),
        DrumStyle(id: .house, meter: "4/4", stepsPerBeat: 4, grid: [
            kick: "X...X...X...X...", clap: "....X.......X...", open: "..x...x...x...x.",
        ], extras: [extra(hat, 0, "o", 0.8, 0.5), extra(hat, 4, "o", 0.8, 0.5), extra(hat, 8, "o", 0.8, 0.5),
                    extra(hat, 12, "o", 0.8, 0.5), extra(shaker, 1, "g", 0.6, 0.7), extra(shaker, 3, "g", 0.6, 0.7)],
                  swing: (480, 0.25), feel: .on, tempo: 118...130, about: "four-on-the-floor kick, clap on 2 and 4, off-beat open hats"),
        DrumStyle(id: .boomBap, meter: "4/4", stepsPerBeat: 4, grid: [
            kick: "X......x..X.....", snare: "....X.......X...", hat: "x.x.x.x.x.x.x.x.",
        // The swing is heard on the sixteenths the hats and ghost snares play between the
        // eighths (a producer measured every hat of a boom-bap song on an eighth, its swing
        // heard only in one kick, and not one ghost note in 127 snares).
        ], extras: [extra(kick, 11, "o", 0.5, 0.5), extra(snare, 15, "g", 0.5, 0.4), extra(snare, 9, "g", 0.4, 0.45), extra(open, 6, "o", 0.3, 0.75),
                    extra(hat, 7, "g", 0.55, 0.3), extra(hat, 15, "g", 0.45, 0.3)],
                  swing: (480, 0.45), feel: .laidBack, tempo: 84...96, about: "heavy kick and snare, lazily swung sixteenths"),
        DrumStyle(id: .trap, meter: "4/4", stepsPerBeat: 4, grid: [
            kick: "X......X..X.....", snare: "........X.......", hat: "xxxxxxxxxxxxxxxx",
        ], extras: [extra(kick, 14, "x", 0.5, 0.5), extra(open, 15, "o", 0.4, 0.7), extra(clap, 8, "x", 0.7, 0.6)],
                  swing: nil, feel: .on, tempo: 130...160, about: "half-time snare on 3, sixteenth hats rolled in 32nds or triplets every other bar"),
        // The half-time feel of a rock or pop chorus: the backbeat on 3, the bar felt at half
        // speed under the same tempo, the hats still in eighths (not trap's rolls).
        DrumStyle(id: .halfTime, meter: "4/4", stepsPerBeat: 4, grid: [
            kick: "X.........x.....", snare: "........X.......", hat: "x.x.x.x.x.x.x.x.",
        ], extras: [extra(kick, 3, "o", 0.4, 0.5), extra(snare, 14, "g", 0.4, 0.6), extra(open, 14, "o", 0.3, 0.75)],
                  swing: nil, feel: .laidBack, tempo: 70...150, about: "half-time feel: kick on 1, snare on 3, eighth-note hats"),
        DrumStyle(id: .neoSoul, meter: "4/4", stepsPerBeat: 4, grid: [
            // The rim leads the hats on the backbeat, the hat lighter under it (it had been
            // struck under them: 86–95 against hats at 100–105, a producer's song.mid).
            kick: "X......x..x.....", rim: "....X.......X...", hat: "x.xoo.xox.xoo.xo",
        ], extras: [extra(snare, 4, "o", 0.4, 0.6), extra(snare, 12, "o", 0.4, 0.6), extra(kick, 13, "o", 0.4, 0.5),
                    extra(snare, 7, "g", 0.5, 0.55)],
                  swing: (480, 0.5), feel: .laidBack, tempo: 70...95, about: "swung sixteenths, laid back, rim on 2 and 4"),
        DrumStyle(id: .oneDrop, meter: "4/4", stepsPerBeat: 4, grid: [
            kick: "........X.......", rim: "........X.......", hat: "x.x.x.x.x.x.x.x.",
        ], extras: [extra(open, 14, "o", 0.4, 0.6), extra(rim, 12, "o", 0.3, 0.7)],
                  swing: (960, 0.3), feel: .laidBack, tempo: 70...90, about: "the one drop: beat 1 empty, kick and rim together on 3"),
        DrumStyle(id: .bossaNova, meter: "4/4", stepsPerBeat: 4, grid: [
            kick: "X..xX..xX..xX..x", rim: "x..x..x...x..x..", hat: "o.o.o.o.o.o.o.o.",
        ], extras: [extra(shaker, 1, "g", 0.5, 0.5), extra(shaker, 5, "g", 0.5, 0.5)],
                  swing: nil, feel: .on, tempo: 120...145, about: "surdo kick pattern, cross-stick clave"),
        DrumStyle(id: .shuffle, meter: "4/4", stepsPerBeat: 3, grid: [
            kick: "X.....x.....", snare: "...X.....X..", hat: "x.xx.xx.xx.x",
        ], extras: [extra(kick, 8, "o", 0.4, 0.5), extra(snare, 5, "g", 0.4, 0.6), extra(snare, 11, "g", 0.4, 0.6)],
                  swing: (960, 0.6), feel: .laidBack, tempo: 80...130, about: "triplet shuffle: long-short on every beat"),
        DrumStyle(id: .jazz, meter: "4/4", stepsPerBeat: 3, grid: [
            ride: "x..x.xx..x.x", pedal: "...x.....x..", kick: "g..g..g..g..",
        ], extras: [extra(snare, 5, "g", 0.4, 0.4), extra(snare, 11, "g", 0.3, 0.5), extra(kick, 8, "o", 0.2, 0.7)],
                  swing: (960, 1), feel: .on, tempo: 100...260, about: "ride ding-ding-da-ding, hat on 2 and 4, feathered kick"),
        DrumStyle(id: .ballad, meter: "4/4", stepsPerBeat: 4, grid: [
            kick: "X.......x.......", rim: "....x.......x...", hat: "o.o.o.o.o.o.o.o.",
        ], extras: [extra(kick, 10, "o", 0.3, 0.5), extra(snare, 12, "o", 0.5, 0.7)],
                  swing: nil, feel: .laidBack, tempo: 60...80, about: "sparse kick, cross-stick backbeat, soft eighths"),
        // A folk band's kit: kick on 1 and 3, cross-stick and tambourine on 2 and 4, a
        // shaker's eighths; louder, the stomp and clap of a folk chorus.
        DrumStyle(id: .folk, meter: "4/4", stepsPerBeat: 4, grid: [
            kick: "X.......X.......", rim: "....x.......x...", tambourine: "....o.......o...", shaker: "x.o.x.o.x.o.x.o.",
        ], extras: [extra(kick, 10, "o", 0.35, 0.5), extra(clap, 4, "x", 0.6, 0.7), extra(clap, 12, "x", 0.6, 0.7),
                    extra(kick, 4, "o", 0.5, 0.75), extra(kick, 12, "o", 0.5, 0.75)],
                  swing: nil, feel: .on, tempo: 76...126, about: "kick on 1 and 3, cross-stick and tambourine on 2 and 4, shaker eighths"),
        DrumStyle(id: .afrobeat, meter: "4/4", stepsPerBeat: 4, grid: [
            kick: "X..x....X.x.....", snare: "....x..x....x..g", hat: "x.xxx.xxx.xxx.xx", cowbell: "x.x.xx.x.x.xx.x.",
        ], extras: [extra(open, 2, "o", 0.4, 0.6), extra(kick, 14, "o", 0.4, 0.6)],
                  swing: (480, 0.2), feel: .on, tempo: 100...125, about: "interlocking hats and bell over a busy kick"),
        DrumStyle(id: .drumAndBass, meter: "4/4", stepsPerBeat: 4, grid: [
            kick: "X.........X.....", snare: "....X.......X...", hat: "x.x.x.x.x.x.x.x.",
        ], extras: [extra(snare, 7, "g", 0.5, 0.5), extra(snare, 9, "g", 0.4, 0.6), extra(kick, 11, "o", 0.4, 0.6),
                    extra(ride, 2, "o", 0.4, 0.8)],
                  swing: nil, feel: .pushed, tempo: 160...176, about: "two-step: kick on 1 and 3-and, snare on 2 and 4, fast"),
        DrumStyle(id: .waltz, meter: "3/4", stepsPerBeat: 4, grid: [
            kick: "X...........", snare: "....o...o...", hat: "x.x.x.x.x.x.",
        ], extras: [extra(kick, 8, "o", 0.3, 0.6), extra(snare, 10, "g", 0.3, 0.7)],
                  swing: nil, feel: .on, tempo: 80...180, about: "3/4: kick on 1, snare on 2 and 3"),
        DrumStyle(id: .sixEight, meter: "6/8", stepsPerBeat: 3, grid: [
            kick: "X.....", snare: "...X..", hat: "xoxxox",
        ], extras: [extra(kick, 5, "o", 0.4, 0.5), extra(snare, 5, "g", 0.3, 0.7)],
                  swing: nil, feel: .laidBack, tempo: 50...80, about: "6/8: two beats of three eighths, backbeat on 4"),
    ]
}
