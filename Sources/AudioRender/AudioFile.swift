@preconcurrency import CSndfile
import Foundation

/// Audio files through libsndfile: WAV (24-bit), FLAC (24-bit) or Ogg Vorbis, with
/// title, artist, software and comment metadata.
public enum AudioFormat: String, CaseIterable, Sendable, Hashable {
    case wav, flac, ogg

    var libsndfileFormat: Int32 {
        switch self {
        case .wav: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_24)
        case .flac: Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_24)
        case .ogg: Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS)
        }
    }
}

/// Text written into an audio file's metadata.
public struct AudioMetadata: Sendable, Hashable {
    public var title: String
    public var artist: String
    public var software: String
    public var comment: String
    /// What a DAW reads as a session: broadcast facts, tempo and section markers (WAV only).
    public var session: SessionFacts?

    public init(title: String, artist: String, software: String, comment: String, session: SessionFacts? = nil) {
        (self.title, self.artist, self.software, self.comment, self.session) = (title, artist, software, comment, session)
    }
}

/// The facts a WAV file carries for a DAW: a Broadcast Wave `bext` chunk (description,
/// originator, origination date and time, time reference 0, no UMID, the coding history,
/// loudness for the mix), an `acid` chunk and an `iXML` chunk with the tempo and meter,
/// and a `cue ` chunk with `LIST adtl` labels at each section's first sample.
public struct SessionFacts: Sendable, Hashable {
    public struct Marker: Sendable, Hashable {
        public var name: String
        public var frame: Int
    }
    public var description: String
    /// When the song was last changed (not the render's clock, so renders stay identical).
    public var origination: Date
    /// Quarter notes a minute at the start (as song.mid's tempo and a DAW's count them), the
    /// meter there, and the song's length in quarter notes.
    public var tempo: Double
    public var meterBeats: Int
    public var meterUnit: Int
    public var beats: Int
    public var markers: [Marker]
    /// The mix's measured loudness (integrated, range, true peak); nil for a stem.
    public var loudness: LoudnessReport?

    /// The most markers a `cue ` chunk written through libsndfile holds.
    public static let markerLimit = 100
    /// The most chapters a FLAC or Ogg file's comments carry: a cue sheet numbers at most
    /// 99 tracks, and the chapters follow it.
    public static let chapterLimit = 99

    /// How many of `count` section markers a file of `format` carries.
    public static func markersKept(_ count: Int, format: AudioFormat) -> Int {
        min(count, format == .wav ? markerLimit : chapterLimit)
    }
}

/// Stereo float samples.
public struct StereoBuffer: Sendable, Hashable {
    public var left: [Float]
    public var right: [Float]
    public var frames: Int { left.count }

    public init(frames: Int) {
        left = [Float](repeating: 0, count: frames)
        right = [Float](repeating: 0, count: frames)
    }

    public init(left: [Float], right: [Float]) {
        self.left = left
        self.right = right
    }

    /// A buffer of `frames` frames whose samples are whatever its memory held, for one
    /// every sample of which is written before any is read (mastering's products, made
    /// again for every block it hands over). Why: zeroing them first wrote six stems' 3 MB
    /// a block for nothing (`perf` on a 30-minute render: arrays made zeroed and the
    /// zeroing 2.2% of its CPU, then 1.2%; its CPU time 16.4–16.8 s, then 15.6–16.7 s).
    init(unfilled frames: Int) {
        left = [Float](unsafeUninitializedCapacity: frames) { _, count in count = frames }
        right = [Float](unsafeUninitializedCapacity: frames) { _, count in count = frames }
    }
}

public enum AudioFile {
    /// Writes a stereo buffer as a new file `name` in `folder` (never through a link,
    /// never over an existing file: the caller stages and renames).
    public static func write(_ buffer: StereoBuffer, into folder: Folder, as name: String, format: AudioFormat, sampleRate: Int,
                             metadata: AudioMetadata, isCancelled: () -> Bool = { false }) throws(RenderError) {
        let writer = try Writer(into: folder, as: name, format: format, sampleRate: sampleRate, metadata: metadata)
        var frame = 0
        while frame < buffer.frames {
            if isCancelled() { throw .cancelled }
            let end = min(buffer.frames, frame + Writer.block)
            try writer.write(StereoBuffer(left: Array(buffer.left[frame..<end]), right: Array(buffer.right[frame..<end])))
            frame = end
        }
        try writer.close()
    }

    /// A new audio file written block by block as a render masters them, with its
    /// metadata (and, for WAV, the session chunks) set before the first sample.
    public final class Writer: @unchecked Sendable {
        /// The most frames one `write` interleaves at a time.
        static let block = 65536
        private var file: OpaquePointer?
        private let output: BufferedOutput
        private let path: String
        /// What goes into a FLAC or Ogg file's comments once libsndfile has finished it.
        private let tags: [String]
        private let format: AudioFormat
        /// Where the file is: an Ogg file's tags are rewritten through a scratch file beside it.
        private let folder: Folder
        private var interleaved: [Float] = []
        /// The frames rounded to 24 bits, for the WAV and FLAC files.
        private var rounded: [Int32] = []
        /// The frames as a 24-bit WAV file's bytes.
        private var packed: [UInt8] = []
        /// The chunks' bytes must outlive the file: libsndfile writes them as it closes.
        private var chunks: [UnsafeMutableRawPointer] = []
        private let session: SessionFacts?
        private let sampleRate: Int

        public init(into folder: Folder, as name: String, format: AudioFormat, sampleRate: Int, metadata: AudioMetadata) throws(RenderError) {
            path = folder.pathOf(name)
            self.format = format
            self.folder = folder
            session = metadata.session
            self.sampleRate = sampleRate
            switch format {
            case .wav: packed = [UInt8](repeating: 0, count: 6 * Writer.block)
            case .ogg: interleaved = [Float](repeating: 0, count: 2 * Writer.block)
            default: rounded = [Int32](repeating: 0, count: 2 * Writer.block)
            }
            tags = format != .wav ? metadata.session.map {
                VorbisComments.tags(for: $0, sampleRate: sampleRate, name: String(name.split(separator: "/").last ?? Substring(name)))
            } ?? [] : []
            var info = SF_INFO()
            info.samplerate = Int32(sampleRate)
            info.channels = 2
            info.format = format.libsndfileFormat
            // The output closes the descriptor when it goes.
            output = BufferedOutput(descriptor: try folder.makeFile(name))
            var io = BufferedOutput.callbacks
            guard let file = sf_open_virtual(&io, Int32(SFM_WRITE), &info, Unmanaged.passUnretained(output).toOpaque()) else {
                throw .write(path: path, reason: String(cString: sf_strerror(nil)))
            }
            self.file = file
            sf_set_string(file, Int32(SF_STR_TITLE), metadata.title)
            sf_set_string(file, Int32(SF_STR_ARTIST), metadata.artist)
            sf_set_string(file, Int32(SF_STR_SOFTWARE), metadata.software)
            sf_set_string(file, Int32(SF_STR_COMMENT), metadata.comment)
            if format == .wav, let session = metadata.session {
                do {
                    try SessionChunks.write(session, into: file, sampleRate: sampleRate, keeping: &chunks)
                } catch {
                    throw .write(path: path, reason: "\(error)")
                }
            }
            // Values beyond full scale clip to it rather than wrap around.
            sf_command(file, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
        }

        deinit {
            // A writer dropped unfinished (an error, a cancel) still closes its file; the
            // staging folder it is in goes with the render.
            if let file { sf_close(file) }
            chunks.forEach { $0.deallocate() }
        }

        /// Appends the frames of `buffer`.
        public func write(_ buffer: StereoBuffer) throws(RenderError) {
            guard let file else { throw .write(path: path, reason: "already closed") }
            var frame = 0
            while frame < buffer.frames {
                let count = min(Writer.block, buffer.frames - frame)
                let written = buffer.left.withUnsafeBufferPointer { l in
                    buffer.right.withUnsafeBufferPointer { r in
                        let left = l.baseAddress! + frame, right = r.baseAddress! + frame
                        if format == .ogg {
                            return interleaved.withUnsafeMutableBufferPointer { target in
                                Samples.interleave(left: left, right: right, count: count, into: target.baseAddress!)
                                return sf_writef_float(file, target.baseAddress, sf_count_t(count))
                            }
                        }
                        if format == .wav {
                            // A WAV file's data packed here and handed over as bytes:
                            // libsndfile's own packing took 2.5% of a render's CPU.
                            return packed.withUnsafeMutableBufferPointer { target in
                                Samples.packedTo24Bits(left: left, right: right, count: count, into: target.baseAddress!)
                                return sf_write_raw(file, target.baseAddress, sf_count_t(6 * count)) / 6
                            }
                        }
                        return rounded.withUnsafeMutableBufferPointer { target in
                            Samples.interleaveRoundedTo24Bits(left: left, right: right, count: count, into: target.baseAddress!)
                            return sf_writef_int(file, target.baseAddress, sf_count_t(count))
                        }
                    }
                }
                if written != sf_count_t(count) { throw failed(String(cString: sf_strerror(file))) }
                frame += count
            }
        }

        /// Puts the mix's loudness, measured as it was written, into its `bext` chunk (a WAV
        /// file's; the other formats carry none).
        public func record(loudness: LoudnessReport) throws(RenderError) {
            guard format == .wav, var session, let file else { return }
            session.loudness = loudness
            do {
                try SessionChunks.setBroadcast(session, in: file, sampleRate: sampleRate)
            } catch {
                throw .write(path: path, reason: "\(error)")
            }
        }

        /// Finishes the file (libsndfile writes the header and the chunks now).
        public func close() throws(RenderError) {
            guard let file else { return }
            self.file = nil
            let closed = sf_close(file)
            guard output.flush(), closed == 0 else { throw failed("closing failed") }
            if !tags.isEmpty {
                let scratch = format == .ogg ? try folder.makeScratchFile(Folder.temporaryName(".ogg")) : -1
                defer { if scratch >= 0 { Glibc.close(scratch) } }
                let code = output.edit { format == .flac ? FlacTags.add(tags, to: $0) : OggTags.add(tags, to: $0, scratch: scratch) }
                if code != 0 { throw .io(path: path, code: code) }
            }
        }

        /// The error for a write that failed: the file system's reason where it gave one
        /// (a full disk), else libsndfile's.
        private func failed(_ reason: String) -> RenderError {
            output.failure != 0 ? .io(path: path, code: output.failure) : .write(path: path, reason: reason)
        }
    }

    /// Reads a stereo (or mono, duplicated) file, with its sample rate and metadata.
    public static func read(_ path: String) throws(RenderError) -> (buffer: StereoBuffer, sampleRate: Int, metadata: AudioMetadata) {
        var info = SF_INFO()
        guard let file = sf_open(path, Int32(SFM_READ), &info) else {
            throw .read(path: path, reason: String(cString: sf_strerror(nil)))
        }
        defer { sf_close(file) }
        let channels = Int(info.channels)
        let frames = Int(info.frames)
        var interleaved = [Float](repeating: 0, count: frames * channels)
        let read = interleaved.withUnsafeMutableBufferPointer { sf_readf_float(file, $0.baseAddress, sf_count_t(frames)) }
        var buffer = StereoBuffer(frames: Int(read))
        for index in 0..<Int(read) {
            buffer.left[index] = interleaved[index * channels]
            buffer.right[index] = interleaved[index * channels + (channels > 1 ? 1 : 0)]
        }
        func text(_ key: Int32) -> String { sf_get_string(file, key).map { String(cString: $0) } ?? "" }
        let metadata = AudioMetadata(title: text(Int32(SF_STR_TITLE)), artist: text(Int32(SF_STR_ARTIST)),
                                     software: text(Int32(SF_STR_SOFTWARE)), comment: text(Int32(SF_STR_COMMENT)))
        return (buffer, Int(info.samplerate), metadata)
    }
}
