import Foundation

/// What a DAW or a player reads from a FLAC file, added to the Vorbis comment block
/// libsndfile wrote (libsndfile writes only its title, artist, software and comment
/// strings there): `BPM`, `METER`, the section markers as chapters (`CHAPTER001=00:00:00.000`,
/// `CHAPTER001NAME=verse`, the chapter convention ffmpeg and players read) and as a
/// `CUESHEET` (frames of 1/75 s, as a cue sheet counts them).
///
/// Hand-written because no Debian library Cowrite already links edits FLAC metadata, and the
/// format's metadata blocks are a few length-prefixed records: the comment block is
/// rebuilt, and the audio frames after it moved by the difference in place.
enum FlacTags {
    /// The comments to add for a file called `name`.
    static func comments(for session: SessionFacts, sampleRate: Int, name: String) -> [String] {
        var comments = ["BPM=" + String(format: "%g", session.tempo), "METER=\(session.meterBeats)/\(session.meterUnit)"]
        var cues = "FILE \"\(name)\" WAVE\n"
        for (index, marker) in session.markers.prefix(99).enumerated() {
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

    /// Adds `comments` to the FLAC file open (read and write) at `file`; 0, or the errno
    /// that stopped it (EINVAL for a file that is not FLAC).
    static func add(_ comments: [String], to file: Int32) -> Int32 {
        func read(_ count: Int, at offset: Int) -> [UInt8]? {
            var bytes = [UInt8](repeating: 0, count: count)
            let code = bytes.withUnsafeMutableBytes { Folder.readAll(file, $0, at: offset) }
            return code == 0 ? bytes : nil
        }
        guard read(4, at: 0) == Array("fLaC".utf8) else { return EINVAL }
        // The metadata blocks: type, and the data of each.
        var blocks: [(type: UInt8, data: [UInt8])] = []
        var offset = 4, last = false
        while !last {
            guard let header = read(4, at: offset) else { return EINVAL }
            last = header[0] & 0x80 != 0
            let length = Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
            guard let data = read(length, at: offset + 4) else { return EINVAL }
            blocks.append((header[0] & 0x7F, data))
            offset += 4 + length
        }
        let audioStart = offset
        // The Vorbis comment block (type 4): vendor and comments, little-endian lengths.
        var vendor = Array("Cowrite".utf8), existing: [[UInt8]] = []
        if let index = blocks.firstIndex(where: { $0.type == 4 }) {
            let data = blocks[index].data
            func word(_ at: Int) -> Int? {
                at + 4 <= data.count ? Int(data[at]) | Int(data[at + 1]) << 8 | Int(data[at + 2]) << 16 | Int(data[at + 3]) << 24 : nil
            }
            guard let vendorLength = word(0), 4 + vendorLength <= data.count, let count = word(4 + vendorLength) else { return EINVAL }
            vendor = Array(data[4..<(4 + vendorLength)])
            var at = 8 + vendorLength
            for _ in 0..<count {
                guard let length = word(at), at + 4 + length <= data.count else { return EINVAL }
                existing.append(Array(data[(at + 4)..<(at + 4 + length)]))
                at += 4 + length
            }
            blocks.remove(at: index)
        }
        func little(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        var data = little(vendor.count) + vendor
        let all = existing + comments.map { Array($0.utf8) }
        data += little(all.count)
        for comment in all { data += little(comment.count) + comment }
        guard data.count < 1 << 24 else { return EINVAL }
        // STREAMINFO stays first; the comments go after it.
        blocks.insert((4, data), at: min(1, blocks.count))
        var header = Array("fLaC".utf8)
        for (index, block) in blocks.enumerated() {
            let flag: UInt8 = index == blocks.count - 1 ? 0x80 : 0
            header += [flag | block.type, UInt8(block.data.count >> 16 & 0xFF), UInt8(block.data.count >> 8 & 0xFF), UInt8(block.data.count & 0xFF)]
            header += block.data
        }
        // The audio frames move by the difference, a megabyte at a time, from the end when
        // they move later (so no byte is overwritten before it is moved).
        var info = stat()
        guard fstat(file, &info) == 0 else { return errno }
        let end = Int(info.st_size), shift = header.count - audioStart
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        func move(_ from: Int, _ count: Int) -> Int32 {
            let code = buffer.withUnsafeMutableBytes { Folder.readAll(file, UnsafeMutableRawBufferPointer(rebasing: $0[0..<count]), at: from) }
            guard code == 0 else { return code }
            return buffer.withUnsafeBytes { Folder.writeAll(file, UnsafeRawBufferPointer(rebasing: $0[0..<count]), at: from + shift) }
        }
        if shift > 0 {
            var position = end
            while position > audioStart {
                let count = min(chunk, position - audioStart)
                position -= count
                let code = move(position, count)
                guard code == 0 else { return code }
            }
        } else if shift < 0 {
            var position = audioStart
            while position < end {
                let count = min(chunk, end - position)
                let code = move(position, count)
                guard code == 0 else { return code }
                position += count
            }
            guard ftruncate(file, off_t(end + shift)) == 0 else { return errno }
        }
        return header.withUnsafeBytes { Folder.writeAll(file, $0, at: 0) }
    }
}
