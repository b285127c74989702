import Foundation
import MusicTheory
import SongModel

/// The bars of a section a request rewrites: `bars=5-6` (or `5`, or `2,5-6`), or the
/// complement of `keep=1-4,7-8`. Bars are counted from 1 as a chart shows them.
public struct BarSelection: Sendable, Hashable, CustomStringConvertible {
    /// The chosen bars, in order, each once.
    public let bars: [Int]

    public init(bars: [Int]) { self.bars = Array(Set(bars)).sorted() }

    /// Reads `bars=` or `keep=` for a section of `count` bars. A list of bar numbers and
    /// ranges; every bar within the section; not every bar (that is the whole request).
    public init(bars text: String?, keep kept: String?, of count: Int) throws(EngineError) {
        switch (text, kept) {
        case (let text?, nil):
            self.init(bars: try BarSelection.numbers(text, option: "bars", of: count))
        case (nil, let kept?):
            let keep = Set(try BarSelection.numbers(kept, option: "keep", of: count))
            self.init(bars: (1...max(count, 1)).filter { !keep.contains($0) })
            guard !bars.isEmpty else { throw .badBars("keep=\(kept)", rule: "that keeps every bar, so there is nothing to rewrite; leave out keep=") }
        case (let text?, _?):
            throw .badBars("bars=\(text)", rule: "give bars= (the bars to rewrite) or keep= (the bars to keep), not both")
        case (nil, nil):
            throw .badBars("bars=", rule: "name the bars to rewrite, e.g. bars=5-6")
        }
        guard bars.count < count else {
            throw .badBars(text.map { "bars=\($0)" } ?? "keep=\(kept ?? "")", rule: "that is every bar of the section; leave out bars= to rewrite it all")
        }
    }

    static func numbers(_ text: String, option: String, of count: Int) throws(EngineError) -> [Int] {
        let rule = "give bar numbers from 1 to \(count) and ranges, e.g. \(option)=\(count > 4 ? "5-6" : "2")"
        var found: [Int] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = piece.replacingOccurrences(of: "–", with: "-").split(separator: "-", omittingEmptySubsequences: false)
                .map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(ends.count), let low = ends.first ?? nil, let high = ends.last ?? nil, low <= high,
                  low >= 1, high <= count else {
                throw .badBars("\(option)=\(text)", rule: rule)
            }
            found += Array(low...high)
        }
        return found
    }

    /// Consecutive bars run together: [5, 6, 8] is 5–6 and 8.
    public var runs: [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        for bar in bars {
            if let last = runs.last, last.upperBound + 1 == bar { runs[runs.count - 1] = last.lowerBound...bar } else { runs.append(bar...bar) }
        }
        return runs
    }

    /// The runs as tick ranges in a meter.
    public func ticks(in meter: Meter) -> [Range<Ticks>] {
        runs.map { ($0.lowerBound - 1) * meter.ticksPerBar..<$0.upperBound * meter.ticksPerBar }
    }

    /// The bars not chosen, as runs, in a section of `count` bars.
    public func kept(of count: Int) -> BarSelection { BarSelection(bars: (1...max(count, 1)).filter { !bars.contains($0) }) }

    /// "5–6", "2, 5–6", "8".
    public var description: String {
        runs.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" }.joined(separator: ", ")
    }

    /// "bar 8", "bars 5–6".
    public var phrase: String { (bars.count == 1 ? "bar " : "bars ") + description }
}
