import Foundation

/// What a DAW or a player reads from a FLAC file (`VorbisComments.tags`), added to the
/// Vorbis comment block libsndfile wrote (libsndfile writes only its title, artist,
/// software and comment strings there).
///
/// Hand-written because no Debian library Cowrite already links edits FLAC metadata, and the
/// format's metadata blocks are a few length-prefixed records: the comment block is
/// rebuilt, and the audio frames after it moved by the difference in place.
enum FlacTags {
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
        // The Vorbis comment block (type 4): the comments added after libsndfile's own.
        var vendor = Array("Cowrite".utf8), existing: [[UInt8]] = []
        if let index = blocks.firstIndex(where: { $0.type == 4 }) {
            guard let parsed = VorbisComments.parse(blocks[index].data, at: 0) else { return EINVAL }
            (vendor, existing) = (parsed.vendor, parsed.comments)
            blocks.remove(at: index)
        }
        let data = VorbisComments.encode(vendor: vendor, comments: existing + comments.map { Array($0.utf8) })
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
