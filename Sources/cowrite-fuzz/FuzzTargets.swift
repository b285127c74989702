import Foundation
import MusicTheory
import REPL
import SongModel

/// The inputs a writer (or a hostile file) controls, each as a function over bytes.
///
/// A target may reject its input with an error — that is the parser working — but must
/// never crash, hang or grow without bound; and what it accepts must survive being
/// written back and read again (a failed round trip stops the process, which libFuzzer
/// reports as a crash with the input that caused it).
enum FuzzTarget: String, CaseIterable {
    case command, chord, note, session, midi

    func run(_ data: Data) {
        switch self {
        case .command: command(data)
        case .chord: chord(data)
        case .note: note(data)
        case .session: session(data)
        case .midi: midi(data)
        }
    }

    /// A REPL line: words, quotes, options, `= body`, flags, the command's shape; and Tab
    /// completion over the same text.
    private func command(_ data: Data) {
        let line = String(decoding: data, as: UTF8.self)
        _ = try? Commands.read(line)
        let split = line.lastIndex(of: " ").map { line.index(after: $0) } ?? line.startIndex
        _ = Completion.candidates(before: String(line[..<split]), word: String(line[split...]), song: nil,
                                  help: HelpLibrary(folder: "/nonexistent"), sessions: { [] })
    }

    /// A chord symbol, and the Roman numeral reading of the same text.
    private func chord(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        if let chord = try? Chord(parsing: text) {
            let again = try? Chord(parsing: chord.description)
            precondition(again == chord, "chord \(text) printed as \(chord.description), which reads back as \(String(describing: again))")
        }
        if let numeral = try? RomanNumeral(parsing: text) {
            let again = try? RomanNumeral(parsing: numeral.description)
            precondition(again == numeral, "numeral \(text) printed as \(numeral.description)")
        }
        _ = try? ChordChart.parse(text)
    }

    /// A melody in note syntax: what reads must write back and read the same.
    private func note(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        let meter = try! Meter(beats: 4, unit: 4)
        guard let notes = try? NoteSyntax.parse(text, meter: meter) else { return }
        let end = notes.map { $0.start + $0.duration }.max() ?? 0
        let bars = max(1, (end + meter.ticksPerBar - 1) / meter.ticksPerBar)
        let written = NoteSyntax.format(notes, bars: bars, meter: meter).joined(separator: " | ")
        let again = try? NoteSyntax.parse(written, meter: meter)
        precondition(again == notes, "notes \(text) written as \(written) read back differently")
    }

    /// A session file: what decodes must encode and decode to the same song.
    private func session(_ data: Data) {
        guard let file = try? SessionCodec.decode(data, name: "fuzz.cowrite") else { return }
        guard let encoded = try? SessionCodec.encode(file) else {
            preconditionFailure("a decoded session failed to encode")
        }
        let again = try? SessionCodec.decode(encoded, name: "fuzz.cowrite")
        precondition(again?.song == file.song, "a decoded session did not survive encoding")
    }

    /// A MIDI file to import: read, then made into parts every way `import` can (the whole
    /// file, one track as each part); whatever is made must fit its section.
    private func midi(_ data: Data) {
        guard let file = try? StandardMIDIFile.parse([UInt8](data)) else { return }
        let date = Date(timeIntervalSince1970: 0)
        for kind in [nil] + PartKind.allCases.map(Optional.some) {
            guard let plan = try? MIDIImport.plan(file, .init(file: "fuzz.mid", sha256: "0", kind: kind, author: "fuzz", date: date)) else { continue }
            var song = Song(title: "Fuzz")
            song.key = plan.key
            song.tempo = plan.tempo
            do {
                try song.setSongMeter(plan.meter)
                for section in plan.sections { try song.place(section, acceptedAt: date) }
                try song.arrange(plan.form)
            } catch {
                preconditionFailure("an import did not fit its song: \(error)")
            }
        }
    }

    /// The target named by COWRITE_FUZZ_TARGET.
    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["COWRITE_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("set COWRITE_FUZZ_TARGET to one of \(allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
            exit(2)
        }
        return target
    }()
}

/// libFuzzer's entry point: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzTarget.selected.run(data)
    return 0
}
