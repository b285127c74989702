import Foundation

/// The Vorbis comment list a FLAC file's comment block and an Ogg Vorbis file's comment
/// header share: a vendor string, then "KEY=value" strings, each after its length as four
/// little-endian bytes. What a render adds to it, and how it is read and written, for
/// `FlacTags` and `OggTags` alike.
enum VorbisComments {
    /// What a DAW or a player reads besides the title: `BPM`, `METER`, the section markers
    /// as chapters (`CHAPTER001=00:00:00.000`, `CHAPTER001NAME=verse`, the convention
    /// ffmpeg and players read) and as a `CUESHEET` (frames of 1/75 s, as a cue sheet
    /// counts them), for a file called `name`.
    static func tags(for session: SessionFacts, sampleRate: Int, name: String) -> [String] {
        var comments = ["BPM=" + String(format: "%g", session.tempo), "METER=\(session.meterBeats)/\(session.meterUnit)"]
        var cues = "FILE \"\(name)\" WAVE\n"
        for (index, marker) in session.markers.prefix(SessionFacts.chapterLimit).enumerated() {
            let seconds = Double(marker.frame) / Double(sampleRate)
            let number = String(format: "%03d", index + 1)
            let millis = Int((seconds * 1000).rounded())
            comments.append(String(format: "CHAPTER%@=%02d:%02d:%02d.%03d", number, millis / 3_600_000, millis / 60000 % 60, millis / 1000 % 60, millis % 1000))
            comments.append("CHAPTER\(number)NAME=\(marker.name)")
            let cueFrames = Int((seconds * 75).rounded())
            cues += String(format: "  TRACK %02d AUDIO\n    TITLE \"%@\"\n    INDEX 01 %02d:%02d:%02d\n", index + 1,
                           marker.name.replacingOccurrences(of: "\"", with: "'"), cueFrames / 4500, cueFrames / 75 % 60, cueFrames % 75)
        }
        if !session.markers.isEmpty { comments.append("CUESHEET=" + cues) }
        return comments
    }

    /// The vendor and comments that start at `start` in `bytes`, and where they end; nil
    /// when the lengths do not fit.
    static func parse(_ bytes: [UInt8], at start: Int) -> (vendor: [UInt8], comments: [[UInt8]], end: Int)? {
        func word(_ at: Int) -> Int? {
            at + 4 <= bytes.count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 : nil
        }
        guard let vendorLength = word(start), start + 4 + vendorLength <= bytes.count, let count = word(start + 4 + vendorLength) else { return nil }
        let vendor = Array(bytes[(start + 4)..<(start + 4 + vendorLength)])
        var at = start + 8 + vendorLength
        var comments: [[UInt8]] = []
        for _ in 0..<count {
            guard let length = word(at), at + 4 + length <= bytes.count else { return nil }
            comments.append(Array(bytes[(at + 4)..<(at + 4 + length)]))
            at += 4 + length
        }
        return (vendor, comments, at)
    }

    /// The vendor and comments as the list is stored.
    static func encode(vendor: [UInt8], comments: [[UInt8]]) -> [UInt8] {
        func little(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        var out = little(vendor.count) + vendor + little(comments.count)
        for comment in comments { out += little(comment.count) + comment }
        return out
    }
}
