@testable import AudioRender
import Foundation
import SongModel
import Testing

/// The band's one reverb: Freeverb as its design gives it, tuned to sound as FluidSynth's
/// own reverb did, cut into blocks anywhere, and silent when nothing is sent.
@Suite struct ReverbTests {
    let rate = 44100

    func reverberate(_ send: [Float], blocks: [Int] = [65536]) -> (left: [Float], right: [Float]) {
        let reverb = Reverb(sampleRate: rate)
        var left = [Float](repeating: 0, count: send.count), right = left
        var start = 0, turn = 0
        send.withUnsafeBufferPointer { send in
            left.withUnsafeMutableBufferPointer { l in
                right.withUnsafeMutableBufferPointer { r in
                    while start < send.count {
                        let count = min(blocks[turn % blocks.count], send.count - start)
                        reverb.process(send: send.baseAddress! + start, count: count, left: l.baseAddress! + start, right: r.baseAddress! + start)
                        start += count
                        turn += 1
                    }
                }
            }
        }
        return (left, right)
    }

    /// Freeverb written out as its design reads, a frame at a time, comb by comb, after the
    /// send's low cut (the Audio EQ Cookbook's high-pass, Q = 1/√2, written out too).
    func reference(_ send: [Float]) -> (left: [Float], right: [Float]) {
        let w = 2 * Double.pi * Reverb.lowCutHz / Double(rate), alpha = sin(w) / (2 * 0.5.squareRoot())
        let a0 = 1 + alpha
        var history = (x1: 0.0, x2: 0.0, y1: 0.0, y2: 0.0)
        let cut: [Float] = send.map { sample in
            let x = Double(sample)
            let y = ((1 + cos(w)) / 2 / a0) * x + (-(1 + cos(w)) / a0) * history.x1 + ((1 + cos(w)) / 2 / a0) * history.x2
                - (-2 * cos(w) / a0) * history.y1 - ((1 - alpha) / a0) * history.y2
            history = (x, history.x1, y, history.y1)
            return Float(y)
        }
        func lines(_ tunings: [Int]) -> [[Float]] {
            [0, Reverb.stereoSpread].flatMap { spread in tunings.map { [Float](repeating: 0, count: $0 + spread) } }
        }
        var combs = lines(Reverb.combTunings), passes = lines(Reverb.allpassTunings)
        var combAt = [Int](repeating: 0, count: combs.count), passAt = [Int](repeating: 0, count: passes.count)
        var stores = [Float](repeating: 0, count: combs.count)
        let feedback = Float(Reverb.roomSize * 0.28 + 0.7), damp = Float(Reverb.damping * 0.4)
        let wet1 = Float(3 * (Reverb.width / 2 + 0.5)), wet2 = Float(3 * ((1 - Reverb.width) / 2))
        var left: [Float] = [], right: [Float] = []
        for sample in cut {
            let input = sample * Reverb.level
            var out: [Float] = [0, 0]
            for channel in 0..<2 {
                var sum: [Float] = []
                for comb in (channel * 8)..<(channel * 8 + 8) {
                    let output = combs[comb][combAt[comb]]
                    stores[comb] = output * (1 - damp) + stores[comb] * damp
                    combs[comb][combAt[comb]] = input + stores[comb] * feedback
                    combAt[comb] = (combAt[comb] + 1) % combs[comb].count
                    sum.append(output)
                }
                var value = ((sum[0] + sum[1]) + (sum[2] + sum[3])) + ((sum[4] + sum[5]) + (sum[6] + sum[7]))
                for pass in (channel * 4)..<(channel * 4 + 4) {
                    let delayed = passes[pass][passAt[pass]]
                    passes[pass][passAt[pass]] = value + delayed * 0.5
                    passAt[pass] = (passAt[pass] + 1) % passes[pass].count
                    value = delayed - value
                }
                out[channel] = value
            }
            left.append(out[0] * wet1 + out[1] * wet2)
            right.append(out[1] * wet1 + out[0] * wet2)
        }
        return (left, right)
    }

    /// Seconds for the tail to fall 60 dB, from its Schroeder decay between −5 and −25 dB.
    func decayTime(_ left: [Float], _ right: [Float]) -> Double {
        let energy: [Double] = zip(left, right).map { (l: Float, r: Float) -> Double in Double(l) * Double(l) + Double(r) * Double(r) }
        var remaining = [Double](repeating: 0, count: energy.count + 1)
        for index in energy.indices.reversed() { remaining[index] = remaining[index + 1] + energy[index] }
        let total = remaining[0]
        let five = remaining.firstIndex { (value: Double) in 10 * log10(value / total) < -5 } ?? 0
        let twentyFive = remaining.firstIndex { (value: Double) in 10 * log10(value / total) < -25 } ?? 0
        return 3 * Double(twentyFive - five) / Double(rate)
    }

    func energy(_ samples: [Float]...) -> Double { samples.reduce(0) { $0 + $1.reduce(0) { $0 + Double($1) * Double($1) } } }

    /// The chunked, overlapped code computes what the design says, to the sample, however
    /// the calls cut the song.
    @Test func itIsFreeverbInAnyBlocks() {
        var generator = SystemRandomNumberGenerator()
        var send = (0..<30000).map { _ in Float.random(in: -0.5...0.5, using: &generator) }
        send += [Float](repeating: 0, count: 20000)
        let expected = reference(send)
        let whole = reverberate(send)
        let worst = zip(whole.left + whole.right, expected.left + expected.right).map { abs($0 - $1) }.max() ?? 0
        // The filter's coefficients are computed in another order here: a few ulps apart.
        #expect(worst < 1e-6, "largest difference \(worst)")
        let pieces = reverberate(send, blocks: [1, 224, 557, 1116, 4096, 17])
        #expect(pieces.left == whole.left && pieces.right == whole.right)
    }

    /// A click's tail: a second's decay, as wide as FluidSynth's, and after six seconds with
    /// nothing sent, exact silence (the lines cleared, no work done).
    @Test func aClickRingsForASecondAndThenStops() {
        var send = [Float](repeating: 0, count: 8 * rate)
        send[0] = 1
        let (left, right) = reverberate(send, blocks: [4410])
        let decay = decayTime(left, right)
        #expect(decay > 0.8 && decay < 1.2, "RT60 \(decay) s")
        let tail = Array(0..<(3 * rate))
        let correlation = zip(tail.map { Double(left[$0]) }, tail.map { Double(right[$0]) }).reduce(0) { $0 + $1.0 * $1.1 }
            / (energy(Array(left[..<(3 * rate)])) * energy(Array(right[..<(3 * rate)]))).squareRoot()
        print(String(format: "a click: RT60 %.2f s, left-right correlation %.2f", decay, correlation))
        #expect(correlation > 0.1 && correlation < 0.45, "left–right correlation \(correlation)")
        #expect(left[(6 * rate + 4410)...].allSatisfy { $0 == 0 } && right[(6 * rate + 4410)...].allSatisfy { $0 == 0 })
    }

    /// Calibration: a short piano chord sent at the parts' default (0.25, CC 91 at 32)
    /// reverberates as loud and as long as FluidSynth's own reverb made it.
    @Test func itSoundsAsLoudAndAsLongAsFluidSynthsOwn() throws {
        let soundFont = SoundFontInfo.resolve(nil)
        func play(reverb: Bool) throws -> (left: [Float], right: [Float]) {
            let synth = try FluidSynth(soundFont: soundFont, sampleRate: Double(rate), reverb: reverb)
            synth.programChange(channel: 0, program: 0)
            synth.controlChange(channel: 0, controller: 91, value: 32)
            synth.controlChange(channel: 0, controller: 93, value: 0)
            var left = [Float](repeating: 0, count: 5 * rate), right = left
            for key in [60, 64, 67] { synth.noteOn(channel: 0, key: key, velocity: 100) }
            try left.withUnsafeMutableBufferPointer { (l) throws(RenderError) in
                try right.withUnsafeMutableBufferPointer { (r) throws(RenderError) in
                    try synth.write(count: rate / 10, left: l.baseAddress!, right: r.baseAddress!, offset: 0)
                    for key in [60, 64, 67] { synth.noteOff(channel: 0, key: key) }
                    try synth.write(count: 5 * rate - rate / 10, left: l.baseAddress!, right: r.baseAddress!, offset: rate / 10)
                }
            }
            return (left, right)
        }
        let dry = try play(reverb: false), wet = try play(reverb: true)
        let theirs = (left: zip(wet.left, dry.left).map { $0 - $1 }, right: zip(wet.right, dry.right).map { $0 - $1 })
        let ours = reverberate(zip(dry.left, dry.right).map { ($0 + $1) * 0.25 })
        let theirLevel = 10 * log10(energy(theirs.left, theirs.right) / energy(dry.left, dry.right))
        let ourLevel = 10 * log10(energy(ours.left, ours.right) / energy(dry.left, dry.right))
        #expect(abs(ourLevel - theirLevel) < 1.5, "reverb under the chord: ours \(ourLevel) dB, FluidSynth's \(theirLevel) dB")
        let theirDecay = decayTime(theirs.left, theirs.right), ourDecay = decayTime(ours.left, ours.right)
        print(String(format: "reverb under a piano chord: ours %.1f dB, FluidSynth's %.1f dB; RT60 ours %.2f s, FluidSynth's %.2f s",
                     ourLevel, theirLevel, ourDecay, theirDecay))
        #expect(abs(ourDecay / theirDecay - 1) < 0.2, "RT60: ours \(ourDecay) s, FluidSynth's \(theirDecay) s")
    }

    /// The send's lows are cut: a 50 Hz tone (a bass's low notes, a kick) comes back more
    /// than 10 dB under a 1 kHz tone sent as loud (without the cut, within 3 dB of it).
    @Test func theLowsStayOutOfTheReverb() {
        func returned(_ hertz: Double) -> Double {
            let send = (0..<(2 * rate)).map { Float(0.5 * sin(2 * Double.pi * hertz * Double($0) / Double(rate))) }
            let (left, right) = reverberate(send)
            return energy(Array(left[rate...]), Array(right[rate...]))
        }
        let under = 10 * log10(returned(50) / returned(1000))
        print(String(format: "50 Hz returns %.1f dB against 1 kHz", under))
        #expect(under < -10, "50 Hz returns \(under) dB against 1 kHz")
    }

    /// A section mastered in memory, as `play` has it: the reverb's return is the last
    /// stem, the dry parts and the return sum to the mix exactly (the mix is their sum), the
    /// return sits under the mix as a reverb does; with every send at 0 there is no return.
    @Test func theReturnIsTheLastStemAndSumsWithThePartsToTheMix() throws {
        var song = try fourPartSong()
        let settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        let performance = try Performance(song: song, section: "verse")
        let mastered = try Renderer.mixdown(performance, settings: settings, isCancelled: { false })
        #expect(mastered.stems.count == performance.tracks.count + 1)
        var left = [Float](repeating: 0, count: mastered.mix.frames), right = left
        for stem in mastered.stems {
            for index in left.indices {
                left[index] += stem.left[index]
                right[index] += stem.right[index]
            }
        }
        #expect(left == mastered.mix.left && right == mastered.mix.right)
        let returned = try #require(mastered.stems.last)
        let under = 10 * log10(energy(returned.left, returned.right) / energy(mastered.mix.left, mastered.mix.right))
        #expect(under > -30 && under < -8, "the return \(under) dB under the mix")
        #expect(Renderer.fileNames(for: performance, settings: settings, title: song.title).contains("stems/rain-on-glass_reverb.wav"))

        var mixer: [String: PartSettings] = [:]
        for part in PartKind.allCases {
            var dry = song.settings(for: part)
            dry.reverb = 0
            mixer[part.rawValue] = dry
        }
        song.mixer = mixer
        let dryPerformance = try Performance(song: song, section: "verse")
        let dry = try Renderer.mixdown(dryPerformance, settings: settings, isCancelled: { false })
        #expect(dry.stems.count == dryPerformance.tracks.count)
        #expect(!Renderer.fileNames(for: dryPerformance, settings: settings, title: song.title).contains { $0.contains("reverb") })
    }
}
