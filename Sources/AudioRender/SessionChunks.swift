@preconcurrency import CSndfile
import Foundation

/// Writes `SessionFacts` into a WAV file through libsndfile, before any audio: `bext` and
/// `cue ` by its own commands (`SFC_SET_BROADCAST_INFO`, `SFC_SET_CUE`), the `LIST adtl`
/// labels that name the cues, `acid` and `iXML` as chunks (`sf_set_chunk`).
///
/// The `acid` layout is the one ACID, Ableton Live, Logic and libsndfile's own reader use
/// (flags, root note, two reserved fields, beats, meter denominator and numerator, tempo as
/// a 32-bit float, little-endian); the iXML names the tempo and meter in its ASWG block.
enum SessionChunks {
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Text for the `bext` chunk, whose fields EBU Tech 3285 keeps to ASCII: accents folded
    /// ("Café" → "Cafe"), typographic dashes, quotes and ellipses plain, anything else left
    /// out; the letters no accent folds spelled as they are in ASCII ("Søren" → "Soren").
    /// Why: a composer's DAW showed "Chase \xe2\x80\x94 drums" for "Chase — drums", and a
    /// field cut at its length could split a letter's bytes.
    static func ascii(_ text: String) -> String {
        let plain: [Character: String] = ["—": "-", "–": "-", "“": "\"", "”": "\"", "‘": "'", "’": "'", "…": "...",
                                          "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                                          "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"]
        var kept = ""
        for character in text.folding(options: .diacriticInsensitive, locale: nil) {
            if let spelled = plain[character] { kept += spelled } else if character.isASCII { kept.append(character) }
        }
        return kept
    }

    /// The `bext` chunk. libsndfile takes it again after the audio is written, as long as
    /// one was set before (its size does not change: the coding history is the same), so a
    /// mix written while mastering measures it gets its loudness when the measurement ends.
    static func setBroadcast(_ facts: SessionFacts, in file: OpaquePointer, sampleRate: Int) throws {
        var broadcast = SF_BROADCAST_INFO()
        func copy<T>(_ text: String, into field: inout T) {
            withUnsafeMutableBytes(of: &field) { buffer in
                let bytes = Array(text.utf8.prefix(buffer.count))
                buffer.copyBytes(from: bytes)
            }
        }
        copy(ascii(facts.description), into: &broadcast.description)
        copy("Cowrite", into: &broadcast.originator)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        copy(formatter.string(from: facts.origination), into: &broadcast.origination_date)
        formatter.dateFormat = "HH:mm:ss"
        copy(formatter.string(from: facts.origination), into: &broadcast.origination_time)
        broadcast.time_reference_low = 0
        broadcast.time_reference_high = 0
        broadcast.version = 2
        // A loudness not measured (a stem's) is 0x7FFF, as EBU Tech 3285 v2 marks a field
        // not used: a stem's had read 0 LUFS in a DAW.
        broadcast.loudness_value = .max
        broadcast.loudness_range = .max
        broadcast.max_true_peak_level = .max
        broadcast.max_momentary_loudness = .max
        broadcast.max_shortterm_loudness = .max
        if let loudness = facts.loudness {
            // EBU Tech 3285 v2: hundredths of a LUFS, LU and dBTP.
            broadcast.loudness_value = Int16(clamping: Int((loudness.integrated * 100).rounded()))
            broadcast.loudness_range = Int16(clamping: Int((loudness.range * 100).rounded()))
            broadcast.max_true_peak_level = Int16(clamping: Int((loudness.truePeak * 100).rounded()))
            if loudness.maxMomentary.isFinite { broadcast.max_momentary_loudness = Int16(clamping: Int((loudness.maxMomentary * 100).rounded())) }
            if loudness.maxShortTerm.isFinite { broadcast.max_shortterm_loudness = Int16(clamping: Int((loudness.maxShortTerm * 100).rounded())) }
        }
        let history = "A=PCM,F=\(sampleRate),W=24,M=stereo,T=Cowrite render\r\n"
        copy(history, into: &broadcast.coding_history)
        broadcast.coding_history_size = UInt32(history.utf8.count)
        guard sf_command(file, Int32(SFC_SET_BROADCAST_INFO), &broadcast, Int32(MemoryLayout<SF_BROADCAST_INFO>.size)) == SF_TRUE else {
            throw Failure(description: "libsndfile refused the broadcast (bext) chunk: \(String(cString: sf_strerror(file)))")
        }
    }

    static func write(_ facts: SessionFacts, into file: OpaquePointer, sampleRate: Int, keeping chunks: inout [UnsafeMutableRawPointer]) throws {
        try setBroadcast(facts, in: file, sampleRate: sampleRate)

        let markers = Array(facts.markers.prefix(SessionFacts.markerLimit))
        if !markers.isEmpty {
            var cues = SF_CUES()
            cues.cue_count = UInt32(markers.count)
            withUnsafeMutableBytes(of: &cues.cue_points) { buffer in
                let points = buffer.bindMemory(to: SF_CUE_POINT.self)
                for (index, marker) in markers.enumerated() {
                    points[index].indx = Int32(index + 1)
                    points[index].position = UInt32(clamping: marker.frame)
                    points[index].fcc_chunk = 0x6174_6164   // "data", little-endian
                    points[index].sample_offset = UInt32(clamping: marker.frame)
                    withUnsafeMutableBytes(of: &points[index].name) { name in name.copyBytes(from: Array(marker.name.utf8.prefix(255))) }
                }
            }
            guard sf_command(file, Int32(SFC_SET_CUE), &cues, Int32(MemoryLayout<SF_CUES>.size)) == SF_TRUE else {
                throw Failure(description: "libsndfile refused the cue chunk: \(String(cString: sf_strerror(file)))")
            }
            // LIST adtl: a labl sub-chunk per cue (its ID, then its name, NUL-ended, padded
            // even). `sf_set_chunk` pads a chunk to 4 bytes and counts the padding in the
            // LIST's size, and libsndfile's reader (1.2) then takes 2 stray bytes at the end
            // of the list for a sub-chunk and loses the data chunk: a one-section render named
            // "verse" was a file libsndfile, and so Audacity or Ardour, could not open. So the
            // last label takes the 2 bytes, as NULs after its name, inside its size; only the
            // last, as ffmpeg reads a label's name and then the next label at once.
            var adtl = Array("adtl".utf8)
            var last = 0
            for (index, marker) in markers.enumerated() {
                let text = Array(marker.name.utf8.prefix(255)) + [0]
                last = adtl.count
                adtl += Array("labl".utf8) + le32(UInt32(4 + text.count)) + le32(UInt32(index + 1)) + text
                if text.count % 2 == 1 { adtl.append(0) }
            }
            if adtl.count % 4 != 0 {
                let size = UInt32(adtl[last + 4]) | UInt32(adtl[last + 5]) << 8 | UInt32(adtl[last + 6]) << 16 | UInt32(adtl[last + 7]) << 24
                adtl.replaceSubrange(last + 4..<last + 8, with: le32(size + 2))
                adtl += [0, 0]
            }
            try set("LIST", adtl, file: file, keeping: &chunks)
        }

        // Flags 0 (not a one-shot, no root note), root note, two reserved fields.
        var acid: [UInt8] = le32(0) + [0, 0] + [0, 0] + le32(0)
        acid += le32(UInt32(max(0, facts.beats)))
        acid += le16(UInt16(clamping: facts.meterUnit)) + le16(UInt16(clamping: facts.meterBeats))
        acid += le32(Float(facts.tempo).bitPattern)
        try set("acid", acid, file: file, keeping: &chunks)

        let tempo = String(format: "%.3f", facts.tempo).replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
        let ixml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <BWFXML><IXML_VERSION>2.10</IXML_VERSION><PROJECT>\(XMLWriter.escaped(facts.description))</PROJECT>\
        <ASWG><tempo>\(tempo)</tempo><timeSig>\(facts.meterBeats)/\(facts.meterUnit)</timeSig></ASWG></BWFXML>
        """
        // Spaces after the root element, to a multiple of 4 bytes, so the padding
        // `sf_set_chunk` would add is not NULs inside the XML.
        var xml = Array(ixml.utf8)
        while xml.count % 4 != 0 { xml.append(0x20) }
        try set("iXML", xml, file: file, keeping: &chunks)
    }

    /// Adds a chunk whose bytes stay allocated (in `chunks`) until the file is closed.
    static func set(_ id: String, _ bytes: [UInt8], file: OpaquePointer, keeping chunks: inout [UnsafeMutableRawPointer]) throws {
        let data = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes.count), alignment: 4)
        chunks.append(data)
        bytes.withUnsafeBytes { data.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        var info = SF_CHUNK_INFO()
        withUnsafeMutableBytes(of: &info.id) { $0.copyBytes(from: Array(id.utf8)) }
        info.id_size = UInt32(id.utf8.count)
        info.datalen = UInt32(bytes.count)
        info.data = data
        let status = sf_set_chunk(file, &info)
        guard status == 0 else {
            throw Failure(description: "libsndfile refused the \(id) chunk: \(String(cString: sf_error_number(status)))")
        }
    }

    static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
    static func le16(_ value: UInt16) -> [UInt8] { (0..<2).map { UInt8((value >> (8 * $0)) & 0xFF) } }
}
