import Foundation
import MusicTheory

/// Turns session files into bytes and back, refusing anything it cannot read fully.
///
/// Reading goes in stages, so that each kind of damage gets its own clear reason: empty,
/// binary, not JSON, not a Cowrite session, a newer format, then field by field with the
/// JSON path of the first problem, then the song's own rules (tempo and bar ranges,
/// names, parts inside their sections).
public enum SessionCodec {
    /// The file's bytes: pretty-printed JSON with sorted keys and a final newline.
    public static func encode(_ file: SessionFile) throws -> Data {
        var bytes = JSONWriter.write(SessionWriter.sessionFile(file))
        bytes.append(0x0A)
        return Data(bytes)
    }

    /// Reads a session file. `name` is how the file is named in error messages.
    public static func decode(_ data: Data, name: String) throws(SongModelError) -> SessionFile {
        func fail(_ reason: String) -> SongModelError { .badSession(file: name, reason: reason) }
        guard !data.isEmpty else { throw fail("the file is empty (0 bytes); it is not a Cowrite session") }
        let binary = fail("the file is binary, not a Cowrite session (which is JSON text)")
        guard data.withUnsafeBytes({ bytes in bytes.baseAddress.map { memchr($0, 0, bytes.count) == nil } ?? true }) else { throw binary }
        let json: JSON
        do {
            json = try JSONParser.parse(data)
        } catch {
            // Text that is not UTF-8 is binary; otherwise say what broke, and where.
            if error.notText || String(validating: data, as: UTF8.self) == nil { throw binary }
            throw fail("the file is not valid JSON (\(error)); it may be truncated or damaged")
        }
        // The format and version first: a newer file is refused before its song is read.
        guard case .string(SessionFile.formatName)? = json["format"] else {
            throw fail("not a Cowrite session: expected a JSON object with \"format\": \"\(SessionFile.formatName)\"")
        }
        guard case .number(let text)? = json["version"], let version = Int(text), version >= 1 else {
            throw fail("at version: expected a whole number ≥ 1")
        }
        if version > SessionFile.currentVersion {
            throw .newerSession(file: name, version: version, supported: SessionFile.currentVersion)
        }
        var file: SessionFile
        do { file = try SessionReader().sessionFile(json, version: version) } catch { throw fail(error.message) }
        // A hand-over to a section the song does not have reaches nothing: dropped, not a
        // reason to refuse the song (earlier builds wrote such files when a section was
        // removed or a sketch's section accepted on its own).
        file.song.pruneHandovers()
        if let problem = SessionValidator.problems(in: file.song).first {
            throw fail(problem)
        }
        return file
    }
}
