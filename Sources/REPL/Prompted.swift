import Engine
import MusicTheory
import SongModel

/// `prompt="…"` on a request: the words read by `PromptReader` and given to the command
/// as the options it already takes (mood, style, energy), unless the writer gave them by
/// name; and one line of what was understood.
enum Prompted {
    /// The invocation with the prompt's options added, and the line that says what they
    /// were; unchanged (and nil) without a prompt. `sketch` reads its own prompt.
    static func expand(_ invocation: Invocation, for command: Command) -> (Invocation, String?) {
        guard command.name != "sketch", let text = invocation.option("prompt") else { return (invocation, nil) }
        let reading = PromptReader.read(text)
        var expanded = invocation
        expanded.options.removeAll { $0.key == "prompt" }
        var used: [String] = []
        func add(_ key: String, _ value: String?) {
            guard let value, command.option(key) != nil, invocation.option(key) == nil else { return }
            expanded.options.append((key, value))
            used.append("\(key)=\(value)")
        }
        add("mood", reading.mood?.rawValue)
        // A style as the command's own `style=` reads it (folk chords, a pop groove, a folk
        // melody); a bass takes the line that style's drums imply (jazz walks, soul is funk).
        // A groove named in words ("bossa nova", "half-time") is the groove's style, and the
        // bass line it implies.
        // Chords take a style coloured by another's ("jazzy soul": `style=jazzy-soul`).
        let style = (command.name == "chords" ? reading.colouredStyle : reading.style).flatMap { command.option("style")?.reads?($0) }
        let asked: String? = switch command.name {
        case "groove": reading.groove?.rawValue ?? style
        case "bass": (reading.groove ?? reading.style.flatMap(DrumStyleName.named)).map { BassStyle.implied(by: $0).rawValue }
        default: style
        }
        add("style", asked)
        if reading.energy != 0 { add("energy", String(format: "%.2f", min(1, max(0, 0.6 + reading.energy)))) }
        let unknown = reading.unknownSaid
        let heard = reading.understood.isEmpty ? "nothing Cowrite knows" : reading.understood.joined(separator: " · ")
        // A request writes in the section's key; a key in the words is said back, not used.
        let keyNote = reading.key.map { "; a request keeps the section's key — `set key=\($0)` changes it" } ?? ""
        let line = "understood: \(heard)" + (used.isEmpty ? "" : " → " + used.joined(separator: " "))
            + (unknown.isEmpty ? "" : "; not understood: " + unknown) + keyNote
        return (expanded, line)
    }
}
