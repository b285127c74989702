import Foundation

/// Rides the master fader between sections, as a mastering engineer rides the quiet
/// passages of a song up: a section far under the loudest is brought up, so a calm intro
/// or a bare first verse is heard, not lost 20 or 30 LU under the chorus.
///
/// Why it is needed: a sketch's energy reaches the sound three ways at once — which parts
/// play (a calm verse has no drums or bass), how hard each note is struck (FluidSynth's
/// velocity curve turns a third less velocity into about 8 dB less level) and the section's
/// expression level (`SectionLevels`, up to 8 dB). Together they made first verses 10–12 LU
/// under their choruses and calm intros 20–30 LU under the song (measured on 28 sketches
/// with pyloudnorm), where pop and rock records keep their sections within a few LU of each
/// other (EBU Tech 3342 gives their loudness range as typically under 10 LU).
///
/// The rule, on each section's integrated loudness (BS.1770, gated) against the loudest
/// section's: up to `knee` LU under, nothing changes, so a chorus keeps its lift over the
/// verse; beyond that the distance is reduced `ratio`:1, and no section ends more than
/// `floor` LU under the loudest. The order of the sections by loudness never changes, the
/// loudest section is never touched, and nothing is turned down — but for the climax's
/// sake: a section the balance left louder than the climax, or within `climaxMargin` of it,
/// comes down under it first (`underClimax`), and a climax more than `climaxCeiling` over
/// every other section comes down to it (`overClimax`). A gain changes over
/// `ramp` seconds centred on the section's start. The ride is one more gain curve, applied
/// alike to the mix and every stem, so the stems still sum to the mix.
///
/// A playing is first brought up, if need be, to sit `buildRise` over what it builds on
/// (`built`): its section's last playing at no more energy, and the playing before it at
/// less; so a song that builds keeps building across its repeats, and a chorus sits over
/// the pre-chorus that leads into it.
///
/// Only a song whose sections carry energy (a sketch, an arc) is ridden: there the engine
/// made the levels; a song written by hand keeps the writer's.
public struct FaderRide: Sendable, Hashable {
    public static let knee = 6.0
    public static let ratio = 3.0
    public static let floor = 12.0
    public static let ramp = 0.25
    /// How far (LU) an intro may sit under the first section that sings, at most: the band
    /// alone under the band with its tune.
    public static let introUnder = 6.0
    /// How far (LU, before mastering) the climax stays over every other section. 2.5: the
    /// limiter takes more off the loudest section, and at 2.0 a calm->tense->triumphant
    /// climax came out of mastering 1.1 LU over the chorus before it (ffmpeg).
    public static let climaxMargin = 2.5
    /// Sections this far under the cap `underClimax` brings the loudest to are not moved.
    public static let climaxKnee = 3.0

    /// How far (LU, before mastering) a playing sits over what it builds on, at the least
    /// (`built`).
    public static let buildRise = 1.0

    /// Each section's frames and the gain it is brought up by, dB (0 or more).
    public var sections: [Range<Int>]
    public var decibels: [Double]
    /// The part of each section's gain that builds it on its earlier playing (`built`), dB;
    /// empty when none does.
    public var builds: [Double]
    let rampFrames: Int

    public init(sections: [Range<Int>], decibels: [Double], builds: [Double] = [], sampleRate: Int) {
        self.sections = sections
        self.decibels = decibels
        self.builds = builds
        self.rampFrames = max(2, Int(FaderRide.ramp * Double(sampleRate)))
    }

    /// The gain, dB, that brings each section from its loudness (LUFS; −∞ for a silent one)
    /// within the rule, first built on its earlier playing (`buildsOn`, `built`) and then
    /// brought under the `climax`, with the part that built it.
    ///
    /// A playing before the melody comes in (`heldTo`: the first that sings) is brought up
    /// no further than that one, or than `introUnder` LU under it where that is more, not
    /// to the rule's floor under the loudest. Why: measured with its tune, a verse needs less lift than the
    /// intro before it, which has none, and riding each to the rule by its own loudness put
    /// a calm worship sketch's intro 20 dB up and its verse 11: the band fell when the
    /// singer came in (a band leader measured its bass 15 LU down at the verse).
    public static func gains(loudness: [Double], climax: Int?, buildsOn: [[Int]], heldTo: [Int?] = []) -> (decibels: [Double], builds: [Double]) {
        let builds = built(loudness, buildsOn: buildsOn)
        let rest = gains(loudness: zip(loudness, builds).map { $0 + $1 }, climax: climax)
        var decibels = zip(builds, rest).map { $0 + $1 }
        let total = decibels
        for (index, held) in heldTo.enumerated() where index < decibels.count && loudness[index].isFinite {
            guard let held, held < total.count, loudness[held].isFinite else { continue }
            // No further up than the section that sings, unless that leaves it more than
            // `introUnder` under it: then that far under it.
            let under = loudness[held] + total[held] - introUnder - loudness[index]
            decibels[index] = min(total[index], max(0, total[held], under))
        }
        return (decibels, builds.contains { $0 != 0 } ? builds : [])
    }

    /// The gain, dB (0 or more), that keeps each playing at least `buildRise` over the
    /// earlier playings it builds on (`Performance.buildsOn`: the last playing of its section
    /// at no more energy, the playing before it at less), in form order, so a third chorus
    /// builds on the second as brought up. A song whose energy rises plays its choruses
    /// bigger each time, and a chorus over what leads into it, but the balance sets each
    /// playing's parts against its own melody and the section's level floats with what it
    /// asked: calm->tense->triumphant seed 2's second chorus, of more energy than the first,
    /// had measured 0.8 LU under it (ffmpeg on the mix).
    static func built(_ loudness: [Double], buildsOn: [[Int]]) -> [Double] {
        var level = loudness
        for index in level.indices where index < buildsOn.count && level[index].isFinite {
            for earlier in buildsOn[index] where earlier < index && level[earlier].isFinite {
                level[index] = max(level[index], level[earlier] + buildRise)
            }
        }
        return zip(level, loudness).map { $0.isFinite ? $0 - $1 : 0 }
    }

    /// The gain, dB, that brings each section within the rule, from each section's
    /// loudness (LUFS; −∞ for a silent one, which is left alone), the sections first
    /// brought under the `climax` (the form's index of it, if the song has one).
    public static func gains(loudness: [Double], climax: Int?) -> [Double] {
        var down = climax.map { underClimax(loudness, climax: $0) } ?? loudness.map { _ in 0 }
        if let climax { down[climax] += overClimax(zip(loudness, down).map { $0 + $1 }, climax: climax) }
        let up = gains(loudness: zip(loudness, down).map { $0 + $1 })
        return zip(down, up).map { $0 + $1 }
    }

    /// The gain (dB, 0 or less) that brings the climax down to at most `climaxCeiling` over
    /// the loudest other section. Why: every way a section grows with its energy (the parts
    /// that play, their velocities, the expression level, the balance's bass and drums, the
    /// tambourine) stacks up at the climax, and an edm arc's last chorus had played 4.2–5.7
    /// LU over the chorus before it, the limiter taking its crest from 15.4 dB to 9.7 (an
    /// outside check with pyloudnorm): a slam, squashed, not a lift.
    static func overClimax(_ loudness: [Double], climax: Int) -> Double {
        guard loudness.indices.contains(climax), loudness[climax].isFinite,
              let top = loudness.indices.filter({ $0 != climax && loudness[$0].isFinite }).map({ loudness[$0] }).max() else { return 0 }
        return min(0, top + climaxCeiling - loudness[climax])
    }

    /// How far (LU, before mastering) the climax may sit over every other section at most.
    public static let climaxCeiling = 2.5

    /// The gain (dB, 0 or less) that brings every section but the climax at least
    /// `climaxMargin` under it, keeping their order: the loudest of them to that cap, the
    /// others from `climaxKnee` under the cap upward pressed into the room left.
    ///
    /// Why: the balance lifts each section's melody to clear its own band, and a chorus
    /// whose band or melody asked more came out louder than the climax after it
    /// (calm->tense->triumphant seed 4: the melody lifted 33.6 dB in chorus 2 and 25.8 in
    /// chorus 3; ffmpeg read chorus 2 at -10.0 LUFS and the climax, chorus 3, at -12.4).
    static func underClimax(_ loudness: [Double], climax: Int) -> [Double] {
        guard loudness.indices.contains(climax), loudness[climax].isFinite else { return loudness.map { _ in 0 } }
        let cap = loudness[climax] - climaxMargin, knee = cap - climaxKnee
        let others = loudness.indices.filter { $0 != climax && loudness[$0].isFinite }
        guard let top = others.map({ loudness[$0] }).max(), top > cap else { return loudness.map { _ in 0 } }
        return loudness.indices.map { index in
            guard index != climax, loudness[index].isFinite, loudness[index] > knee else { return 0 }
            return knee + (loudness[index] - knee) * (cap - knee) / (top - knee) - loudness[index]
        }
    }

    /// The gain, dB, that brings each section within the rule, from each section's
    /// loudness (LUFS; −∞ for a silent one, which is left alone).
    public static func gains(loudness: [Double]) -> [Double] {
        guard let loudest = loudness.filter(\.isFinite).max() else { return loudness.map { _ in 0 } }
        return loudness.map { level in
            guard level.isFinite else { return 0 }
            let under = loudest - level
            guard under > knee else { return 0 }
            let ridden = max(-floor, -knee - (under - knee) / ratio)
            return ridden + under
        }
    }

    /// The frames each section of the form covers, from its marker to the next (the first
    /// from 0, the last to the end of the render), one per marker, for a song whose
    /// sections carry energy; none otherwise, or when the form has one section.
    static func sections(of performance: Performance, sampleRate: Int, frames: Int) -> [Range<Int>] {
        guard !performance.levels.isEmpty else { return [] }
        return markerSections(of: performance, sampleRate: sampleRate, frames: frames)
    }

    /// The frames each section of the form covers, as `sections`, in any song with two or
    /// more sections in its form; none otherwise.
    static func markerSections(of performance: Performance, sampleRate: Int, frames: Int) -> [Range<Int>] {
        var starts = performance.markers.map { min(frames, StemRenderer.frame(of: $0.tick, in: performance, sampleRate: sampleRate)) }
        guard starts.count >= 2 else { return [] }
        starts[0] = 0
        return starts.indices.map { index in starts[index]..<max(starts[index], index + 1 < starts.count ? starts[index + 1] : frames) }
    }

    /// The integrated loudness the whole song would measure with the ride, from each
    /// section's own integrated loudness and length: the sections' mean energy, gated like
    /// BS.1770's relative gate (sections 10 LU under the ungated mean left out). Mastering's
    /// first gain starts from it; its measuring pass corrects what this misses.
    public func estimate(loudness: [Double]) -> Double {
        let ridden = zip(zip(loudness, decibels), sections).compactMap { pair, frames -> (level: Double, frames: Double)? in
            pair.0.isFinite ? (pair.0 + pair.1, Double(frames.count)) : nil
        }
        func mean(_ parts: [(level: Double, frames: Double)]) -> Double {
            let frames = parts.reduce(0) { $0 + $1.frames }
            guard frames > 0 else { return -.infinity }
            return 10 * log10(parts.reduce(0) { $0 + $1.frames * pow(10, $1.level / 10) } / frames)
        }
        let ungated = mean(ridden)
        return mean(ridden.filter { $0.level >= ungated - 10 })
    }

    /// The ride's linear gain for each frame of `range`.
    func factors(for range: Range<Int>) -> [Float] {
        var out = [Float](repeating: 1, count: range.count)
        guard !range.isEmpty else { return out }
        let half = rampFrames / 2
        for (index, frames) in sections.enumerated() {
            // This section's steady stretch (after the ramp in, before the ramp out).
            let steadyStart = index == 0 ? Int.min : frames.lowerBound + half
            let steadyEnd = index + 1 == sections.count ? Int.max : frames.upperBound - half
            let lower = max(range.lowerBound, steadyStart), upper = min(range.upperBound, steadyEnd)
            if lower < upper && decibels[index] != 0 {
                let gain = Float(Loudness.linear(decibels[index]))
                for frame in lower..<upper { out[frame - range.lowerBound] = gain }
            }
            // The ramp into the next section, centred on its start, linear in dB.
            guard index + 1 < sections.count else { continue }
            let from = decibels[index], to = decibels[index + 1]
            let rampStart = frames.upperBound - half, rampEnd = rampStart + rampFrames
            let rLower = max(range.lowerBound, rampStart), rUpper = min(range.upperBound, rampEnd)
            guard rLower < rUpper, from != 0 || to != 0 else { continue }
            for frame in rLower..<rUpper {
                let position = Double(frame - rampStart) / Double(rampFrames)
                out[frame - range.lowerBound] = Float(Loudness.linear(from + (to - from) * position))
            }
        }
        return out
    }
}
