@testable import AudioRender
import Foundation
import Testing

@Suite struct LimiterForecastTests {
    /// Ten seconds of a soft tone with a loud burst every quarter second (a drum part's
    /// peaks over a quiet band), the first half `quieter` dB down.
    func burstyTone(quieter: Double = 0) -> StereoBuffer {
        let frames = 44100 * 10
        var tone = StereoBuffer(frames: frames)
        let down = Loudness.linear(-quieter)
        for index in 0..<frames {
            var value = 0.05 * sin(2 * Double.pi * 220 * Double(index) / 44100)
            if index % 11025 < 900 { value += 0.7 * exp(-Double(index % 11025) / 300) * sin(2 * Double.pi * 90 * Double(index) / 44100) }
            if index < frames / 2 { value *= down }
            tone.left[index] = Float(value)
            tone.right[index] = Float(0.9 * value)
        }
        return tone
    }

    /// Where the limiter works hard (6 dB and more), a pass at the gain the raw mix asks
    /// for lands well under the target, and mastering would pass over the song again; the
    /// forecast's gain meets the target on the first limiting pass, with and without
    /// sections ridden.
    @Test(arguments: [0.0, 12.0])
    func theFirstLimitingPassMeetsTheTarget(quieter: Double) throws {
        let tone = burstyTone(quieter: quieter)
        let sections = quieter > 0 ? [0..<(tone.frames / 2), (tone.frames / 2)..<tone.frames] : []
        let target = MasteringTarget()
        var passes = 0
        let plan = try Mastering.plan(stems: [tone], sections: sections, sampleRate: 44100, target: target, restart: { passes += 1 })
        #expect(passes == 1)
        #expect(abs(plan.after.integrated - target.lufs) <= 0.2, "\(plan.after.integrated) LUFS")
        #expect(plan.limiting < -6, "the limiter worked: \(plan.limiting) dB")
        #expect((plan.ride != nil) == (quieter > 0))

        // The gain the raw mix asks for (the ride's estimate, with sections) falls short.
        var raw = plan.before.integrated
        if let ride = plan.ride {
            let meters = sections.map { section in
                let meter = LoudnessMeter(sampleRate: 44100, truePeak: false)
                Array(tone.left[section]).withUnsafeBufferPointer { l in
                    Array(tone.right[section]).withUnsafeBufferPointer { r in meter.add(left: l, right: r) }
                }
                return meter.report().integrated
            }
            raw = ride.estimate(loudness: meters)
        }
        let meter = LoudnessMeter(sampleRate: 44100, truePeak: true)
        _ = try Mastering.pass([tone], lifts: [], sampleRate: 44100, gain: target.lufs - raw, ceiling: plan.ceiling, ride: plan.ride,
                               meter: meter, isCancelled: { false })
        #expect(meter.report().integrated < target.lufs - 1, "the unforecast gain lands at \(meter.report().integrated) LUFS")
    }

    /// The forecast's loudness follows the measured loudness of a limiting pass within a
    /// tenth of a decibel, from no limiting to 10 dB of it.
    @Test func theForecastFollowsTheMeasuredLoudness() throws {
        let tone = burstyTone()
        let forecast = LimiterForecast(sampleRate: 44100, frames: tone.frames)
        let first = LoudnessMeter(sampleRate: 44100, truePeak: false)
        _ = try Mastering.pass([tone], lifts: [], sampleRate: 44100, gain: 0, ceiling: nil, meter: first, forecast: forecast, isCancelled: { false })
        let measured = first.report().integrated
        forecast.finish()
        let bias = measured - forecast.loudness(gain: 0, rides: nil, ceiling: nil)
        #expect(abs(bias) < 0.05)
        for gain in [0.0, 6, 12, 18] {
            let meter = LoudnessMeter(sampleRate: 44100, truePeak: false)
            let deepest = try Mastering.pass([tone], lifts: [], sampleRate: 44100, gain: gain, ceiling: -1.35, meter: meter, isCancelled: { false })
            let forecastLoudness = forecast.loudness(gain: gain, rides: nil, ceiling: -1.35) + bias
            #expect(abs(forecastLoudness - meter.report().integrated) < 0.1,
                    "gain \(gain): forecast \(forecastLoudness), measured \(meter.report().integrated), limiting \(Loudness.decibels(Double(deepest))) dB")
        }
    }

    /// A loudness out of reach under the ceiling (−3 LUFS from a quiet tone: a full-scale
    /// sine is −3) stops where the limiter would take more than 30 dB, or nearly every
    /// decibel of a louder gain: asked for −5, a song's gain had climbed 110 dB in ten
    /// passes, the limiter taking 98 dB of it, and the credits said so. (Here, without the
    /// hold: 44.3 dB of gain, the limiter taking 39.9.) A target in reach is met as before.
    @Test func aTargetOutOfReachStopsWhereTheLimiterTakesItAll() throws {
        let mastered = try Mastering.master(stems: [burstyTone()], sampleRate: 44100, target: MasteringTarget(lufs: -3), keepingStems: false)
        #expect(mastered.limiting >= -Mastering.deepestLimiting - 1 && mastered.gain < 36, "gain \(mastered.gain) dB, limiting \(mastered.limiting) dB")
        #expect(mastered.after.integrated < -3.2 && mastered.after.truePeak <= -1.0, "\(mastered.after.integrated) LUFS, \(mastered.after.truePeak) dBTP")
        let usual = try Mastering.master(stems: [burstyTone()], sampleRate: 44100, target: MasteringTarget(lufs: -14), keepingStems: false)
        #expect(abs(usual.after.integrated + 14) <= 0.2 && usual.limiting > -Mastering.deepestLimiting)
    }

    /// Playing keeps the mix alone: the same samples as a master that keeps the stems too.
    @Test func playingKeepsTheMixAlone() throws {
        let tone = burstyTone(quieter: 6)
        let quiet = StereoBuffer(left: tone.left.map { $0 * 0.3 }, right: tone.right.map { $0 * 0.2 })
        let both = try Mastering.master(stems: [tone, quiet], sampleRate: 44100, target: MasteringTarget())
        let mixOnly = try Mastering.master(stems: [tone, quiet], sampleRate: 44100, target: MasteringTarget(), keepingStems: false)
        #expect(both.stems.count == 2 && mixOnly.stems.isEmpty)
        #expect(mixOnly.mix.left == both.mix.left && mixOnly.mix.right == both.mix.right)
        #expect(mixOnly.after == both.after)
    }
}
