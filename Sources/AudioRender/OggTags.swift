@preconcurrency import COgg
import Foundation

/// The tempo, meter and section markers in an Ogg Vorbis file, as FLAC files carry them
/// (`VorbisComments.tags`: `BPM`, `METER`, `CHAPTERnnn`, `CHAPTERnnnNAME`, `CUESHEET`):
/// libsndfile writes only its title, artist, software and comment strings into the
/// Vorbis comment header.
///
/// The comment header is the stream's second packet: it is rebuilt with the comments added
/// (the format is a few length-prefixed strings, hand-written like FLAC's), the header pages
/// are made again with libogg, and every audio page after them is copied as it was but for
/// its serial number and page number, its checksum set again (libogg): the serial, which
/// libsndfile draws at random, is made from the comments, so the same song renders to the
/// same bytes every time, and the page number moves if the headers now take more or fewer
/// pages. The new stream goes to a scratch file beside it (in the render's staging folder,
/// on the disk the render was given) and then back over the file, a page at a time, so
/// memory does not grow with the song.
enum OggTags {
    /// Adds `comments` to the Ogg Vorbis file open (read and write) at `file`, through the
    /// empty scratch file open at `scratch`; 0, or the errno that stopped it (EINVAL for a
    /// file that is not one Vorbis stream).
    static func add(_ comments: [String], to file: Int32, scratch out: Int32) -> Int32 {
        var sync = ogg_sync_state()
        ogg_sync_init(&sync)
        defer { ogg_sync_clear(&sync) }
        var offset = 0, failure: Int32 = 0
        /// The next page of the file; false at its end or on a read error (in `failure`).
        func next(_ page: inout ogg_page) -> Bool {
            while true {
                let result = ogg_sync_pageout(&sync, &page)
                if result == 1 { return true }
                guard let buffer = ogg_sync_buffer(&sync, 65536) else { failure = ENOMEM; return false }
                let count = pread(file, buffer, 65536, off_t(offset))
                if count < 0 { failure = errno; return false }
                if count == 0 { return false }
                offset += count
                ogg_sync_wrote(&sync, count)
            }
        }

        // The three header packets: identification, comment, setup.
        var page = ogg_page()
        guard next(&page) else { return failure == 0 ? EINVAL : failure }
        let serial = ogg_page_serialno(&page)
        var input = ogg_stream_state()
        ogg_stream_init(&input, serial)
        defer { ogg_stream_clear(&input) }
        var headers: [[UInt8]] = []
        var headerPages = 0
        var packet = ogg_packet()
        repeat {
            guard ogg_page_serialno(&page) == serial, ogg_stream_pagein(&input, &page) == 0 else { return EINVAL }
            headerPages += 1
            while headers.count < 3, ogg_stream_packetout(&input, &packet) == 1 {
                headers.append(Array(UnsafeBufferPointer(start: packet.packet, count: packet.bytes)))
            }
            if headers.count == 3 { break }
        } while next(&page)
        guard headers.count == 3, let comment = rebuilt(headers[1], adding: comments) else { return failure == 0 ? EINVAL : failure }
        // libvorbis flushes its headers onto pages of their own: a page that went on past the
        // setup header would carry audio this rewrite cannot move, so the file is left alone.
        guard ogg_stream_packetpeek(&input, nil) == 0, input.body_fill == input.body_returned else { return EINVAL }

        // The new header pages, then the audio pages as they were.
        var written = 0
        func write(_ page: ogg_page) -> Bool {
            for (pointer, count) in [(page.header, page.header_len), (page.body, page.body_len)] where count > 0 {
                let code = Folder.writeAll(out, UnsafeRawBufferPointer(start: pointer, count: count), at: written)
                guard code == 0 else { failure = code; return false }
                written += count
            }
            return true
        }
        var output = ogg_stream_state()
        let stable = OggTags.serial(for: comments)
        ogg_stream_init(&output, stable)
        defer { ogg_stream_clear(&output) }
        var newPages = 0
        for (index, bytes) in [headers[0], comment, headers[2]].enumerated() {
            var copy = bytes
            let status = copy.withUnsafeMutableBufferPointer { buffer -> Int32 in
                var header = ogg_packet(packet: buffer.baseAddress, bytes: buffer.count, b_o_s: index == 0 ? 1 : 0, e_o_s: 0,
                                        granulepos: 0, packetno: ogg_int64_t(index))
                return ogg_stream_packetin(&output, &header)
            }
            guard status == 0 else { return EINVAL }
            // The identification header alone on the first page, as the Vorbis spec asks.
            guard index != 1 else { continue }
            var made = ogg_page()
            while ogg_stream_flush(&output, &made) != 0 {
                guard write(made) else { return failure }
                newPages += 1
            }
        }
        while next(&page) {
            let number = UInt32(truncatingIfNeeded: ogg_page_pageno(&page) - headerPages + newPages)
            for byte in 0..<4 {
                page.header[14 + byte] = UInt8(truncatingIfNeeded: UInt32(bitPattern: stable) >> (8 * UInt32(byte)))
                page.header[18 + byte] = UInt8(truncatingIfNeeded: number >> (8 * UInt32(byte)))
            }
            ogg_page_checksum_set(&page)
            guard write(page) else { return failure }
        }
        if failure != 0 { return failure }

        // Back over the file, then cut it to the new length.
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var copied = 0
        while copied < written {
            let count = min(chunk.count, written - copied)
            let code = chunk.withUnsafeMutableBytes { Folder.readAll(out, UnsafeMutableRawBufferPointer(rebasing: $0[0..<count]), at: copied) }
            if code != 0 { return code }
            let back = chunk.withUnsafeBytes { Folder.writeAll(file, UnsafeRawBufferPointer(rebasing: $0[0..<count]), at: copied) }
            if back != 0 { return back }
            copied += count
        }
        return ftruncate(file, off_t(written)) == 0 ? 0 : errno
    }

    /// A serial number for the stream made from its comments (FNV-1a): the same for the same
    /// file, whichever run writes it.
    static func serial(for comments: [String]) -> Int32 {
        var hash: UInt32 = 2_166_136_261
        for byte in comments.joined(separator: "\n").utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        return Int32(bitPattern: hash)
    }

    /// The comment header `packet` with `comments` added after its own; nil if it is not one.
    static func rebuilt(_ packet: [UInt8], adding comments: [String]) -> [UInt8]? {
        // Packet type 3, "vorbis", the comment list, the framing bit.
        let prefix = [3] + Array("vorbis".utf8)
        guard packet.starts(with: prefix), let parsed = VorbisComments.parse(packet, at: prefix.count) else { return nil }
        return prefix + VorbisComments.encode(vendor: parsed.vendor, comments: parsed.comments + comments.map { Array($0.utf8) }) + [1]
    }
}
