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
}

public enum AudioFile {
    /// Writes a stereo buffer as a new file `name` in `folder` (never through a link,
    /// never over an existing file: the caller stages and renames).
    public static func write(_ buffer: StereoBuffer, into folder: Folder, as name: String, format: AudioFormat, sampleRate: Int,
                             metadata: AudioMetadata, isCancelled: () -> Bool = { false }) throws(RenderError) {
        let path = folder.pathOf(name)
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = 2
        info.format = format.libsndfileFormat
        let descriptor = try folder.makeFile(name)
        // libsndfile closes the descriptor with the file (the last argument).
        guard let file = sf_open_fd(descriptor, Int32(SFM_WRITE), &info, Int32(SF_TRUE)) else {
            close(descriptor)
            throw .write(path: path, reason: String(cString: sf_strerror(nil)))
        }
        sf_set_string(file, Int32(SF_STR_TITLE), metadata.title)
        sf_set_string(file, Int32(SF_STR_ARTIST), metadata.artist)
        sf_set_string(file, Int32(SF_STR_SOFTWARE), metadata.software)
        sf_set_string(file, Int32(SF_STR_COMMENT), metadata.comment)
        // Values beyond full scale clip to it rather than wrap around.
        sf_command(file, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
        let block = 65536
        var interleaved = [Float](repeating: 0, count: block * 2)
        var frame = 0
        while frame < buffer.frames {
            if isCancelled() {
                sf_close(file)
                throw .cancelled
            }
            let count = min(block, buffer.frames - frame)
            for index in 0..<count {
                interleaved[2 * index] = buffer.left[frame + index]
                interleaved[2 * index + 1] = buffer.right[frame + index]
            }
            let written = interleaved.withUnsafeBufferPointer { sf_writef_float(file, $0.baseAddress, sf_count_t(count)) }
            if written != sf_count_t(count) {
                let reason = String(cString: sf_strerror(file))
                sf_close(file)
                throw .write(path: path, reason: reason)
            }
            frame += count
        }
        if sf_close(file) != 0 { throw .write(path: path, reason: "closing failed") }
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
