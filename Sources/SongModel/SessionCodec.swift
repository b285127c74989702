import Foundation
import MusicTheory

/// Turns session files into bytes and back, refusing anything it cannot read fully.
///
/// Reading goes in stages, so that each kind of damage gets its own clear reason: empty,
/// binary, not JSON, not a Cowrite session, a newer format, then field by field with the
/// JSON path of the first problem, then the song's own rules (tempo and bar ranges,
/// names, parts inside their sections).
public enum SessionCodec {
    public static func encode(_ file: SessionFile) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var data = try encoder.encode(file)
        data.append(0x0A)
        return data
    }

    /// Reads a session file. `name` is how the file is named in error messages.
    public static func decode(_ data: Data, name: String) throws(SongModelError) -> SessionFile {
        func fail(_ reason: String) -> SongModelError { .badSession(file: name, reason: reason) }
        guard !data.isEmpty else { throw fail("the file is empty (0 bytes); it is not a Cowrite session") }
        let binary = fail("the file is binary, not a Cowrite session (which is JSON text)")
        guard data.withUnsafeBytes({ bytes in bytes.baseAddress.map { memchr($0, 0, bytes.count) == nil } ?? true }) else { throw binary }
        // One parse: SessionFile checks its format and version before its song.
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let file: SessionFile
        do {
            file = try decoder.decode(SessionFile.self, from: data)
        } catch SessionFile.HeaderProblem.notASession {
            throw fail("not a Cowrite session: expected a JSON object with \"format\": \"\(SessionFile.formatName)\"")
        } catch SessionFile.HeaderProblem.badVersion {
            throw fail("at version: expected a whole number ≥ 1")
        } catch SessionFile.HeaderProblem.newer(let version) {
            throw .newerSession(file: name, version: version, supported: SessionFile.currentVersion)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            // Not JSON at all: text that is not UTF-8 is binary; otherwise say what broke.
            guard String(data: data, encoding: .utf8) != nil else { throw binary }
            // JSONDecoder does not say where; on this failing path only, ask the parser that does.
            var problem = "unreadable"
            do { _ = try JSONSerialization.jsonObject(with: data) } catch { problem = jsonProblem(error, data: data) }
            throw fail("the file is not valid JSON (\(problem)); it may be truncated or damaged")
        } catch let error as DecodingError {
            throw fail(describe(error))
        } catch {
            throw fail(String(describing: error))
        }
        if let problem = SessionValidator.problems(in: file.song).first {
            throw fail(problem)
        }
        return file
    }

    static func jsonProblem(_ error: Error, data: Data) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
        if text.isEmpty { return "unreadable" }
        return text.trimmingCharacters(in: CharacterSet(charactersIn: ". ")).lowercased()
    }

    /// One line for a decoding error: the JSON path and what was expected there.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let context):
            return "at \(path(context.codingPath)): expected \(friendly(type))"
        case .valueNotFound(let type, let context):
            return "at \(path(context.codingPath)): expected \(friendly(type)), found null"
        case .keyNotFound(let key, let context):
            let at = context.codingPath.isEmpty ? "" : " in \(path(context.codingPath))"
            return "missing \"\(key.stringValue)\"\(at)"
        case .dataCorrupted(let context):
            return "at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "unreadable"
        }
    }

    /// "song.sections[1].bars".
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text.isEmpty ? "the top level" : text
    }

    static func friendly(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is UInt64.Type: "a whole number"
        case is Double.Type: "a number"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Date.Type: "a date such as \"2026-01-31T12:00:00Z\""
        default:
            String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
