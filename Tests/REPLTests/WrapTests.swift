import Foundation
import Testing
@testable import REPL

/// Output on a terminal is broken between words at its width, not through them (a terminal
/// and `less` cut a long line at the edge, mid-word): a help page on an 80-column screen
/// reads as prose.
@Suite("Wrapping to the terminal")
struct WrapTests {
    /// `text` filled as help fills a page with no fenced lines.
    static func wrap(_ text: String, columns: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return Pager.wrap(lines, keeping: lines.map { _ in false }, columns: columns).joined(separator: "\n")
    }

    @Test func aLongLineBreaksBetweenWordsUnderItsListMarker() {
        let text = "- the render streams: each part is synthesized onto a scratch file in the staging folder\n    cowrite render song -o out --stems --format flac --force --stem-names plain\nshort"
        #expect(Self.wrap(text, columns: 40) == """
            - the render streams: each part is
              synthesized onto a scratch file in the
              staging folder
                cowrite render song -o out --stems --format flac --force --stem-names plain
            short
            """)
        #expect(Self.wrap("12. one two three four five six seven eight", columns: 20) == "12. one two three\n    four five six\n    seven eight")
        // Colour codes take no width; a word wider than the line stays whole.
        let red = "\u{1B}[31m", plain = "\u{1B}[0m"
        #expect(Self.wrap(red + "error: aaaa bbbb cccc dddd" + plain, columns: 20) == red + "error: aaaa bbbb\ncccc dddd" + plain)
        #expect(Self.wrap("x https://example.org/a/very/long/address/indeed y", columns: 20) == "x\nhttps://example.org/a/very/long/address/indeed\ny")
    }

    /// Every help page at 80 and at 60 columns, as `help` shows it on a terminal that wide:
    /// no line wider than the screen but a command or example line (fenced in the page:
    /// each stays whole, to be copied), a table's row (left for the terminal to wrap) or a
    /// word wider than it, and the same words in the same order.
    @Test(arguments: [80, 60])
    func everyHelpPageFits(columns: Int) throws {
        let help = HelpLibrary(folder: projectRoot.appendingPathComponent("help").path)
        var wrappedLines = 0, longExamples = 0
        for name in help.topics + Commands.all.map(\.name) {
            let page = try help.page(name), wrapped = try help.page(name, width: columns)
            let examples = Set(help.examples(name).joined())
            // The same words, less the Markdown marks a terminal is not shown (`# `, `**`)
            // outside the examples, which are shown as typed.
            let marked = page.split(separator: "\n", omittingEmptySubsequences: false).map { examples.contains(String($0)) ? String($0) : HelpLibrary.onScreen(String($0)) }
            #expect(wrapped.split(whereSeparator: \.isWhitespace) == marked.joined(separator: "\n").split(whereSeparator: \.isWhitespace))
            let shown = wrapped.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(!shown.contains { !examples.contains($0) && ($0.contains("**") || $0.hasPrefix("# ") || $0.hasPrefix("## ")) }, "\(name)")
            for example in examples where !example.isEmpty {
                #expect(shown.contains(example), "\(name): the example \(example) is not shown whole")
                if Pager.width(example) > columns { longExamples += 1 }
            }
            for line in shown where Pager.width(line) > columns {
                let words = line.split(separator: " ")
                #expect(examples.contains(line) || line.hasPrefix("    ") || line.hasPrefix("|") || words.count == 1
                        || words.contains { $0.count > columns / 2 }, "\(name): \(line)")
            }
            wrappedLines += shown.count - page.split(separator: "\n", omittingEmptySubsequences: false).count
        }
        #expect(wrappedLines > 0 && longExamples > 0)
    }

    /// A suggestion's reasons are filled to the terminal under their marker, its charts
    /// and grids left whole; the same words as off a terminal.
    @Test func reasonsFitTheTerminal() throws {
        for columns in [60, 80] {
            var narrow = makeWorkspace(in: try temporaryFolder()), wide = makeWorkspace(in: try temporaryFolder())
            narrow.columns = columns
            for line in ["new \"Fit\" key=C mood=sad", "add verse 4"] { _ = try narrow.perform(line); _ = try wide.perform(line) }
            for request in ["chords verse n=3 seed=2", "groove verse n=2 seed=2"] {
                let filled = try narrow.perform(request), plain = try wide.perform(request)
                #expect(filled.split(whereSeparator: \.isWhitespace) == plain.split(whereSeparator: \.isWhitespace))
                let long = plain.split(separator: "\n").filter { $0.hasPrefix("   · ") && Pager.width(String($0)) > columns }
                #expect(!long.isEmpty, "\(request): no reason is wider than \(columns), so nothing is tested")
                for line in filled.split(separator: "\n") where Pager.width(String(line)) > columns {
                    #expect(!line.hasPrefix("   · ") && !line.hasPrefix("     "), "\(request): \(line)")
                }
            }
        }
    }

    /// Off a terminal, and for every other command's output, nothing is filled: a song's
    /// overview or a sketch's table keeps its rows (a newcomer's check found them run
    /// together on an 80-column terminal when all output was filled).
    @Test func onlyHelpIsFilled() throws {
        let help = HelpLibrary(folder: projectRoot.appendingPathComponent("help").path)
        let plain = try help.page("sketch"), unfilled = try help.page("sketch", width: nil), filled = try help.page("sketch", width: 40)
        #expect(plain == unfilled)
        var workspace = makeWorkspace(in: try temporaryFolder())
        workspace.columns = 40
        _ = try workspace.perform("sketch mood=calm seed=1")
        let table = try workspace.perform("song")
        workspace.columns = nil
        let again = try workspace.perform("song")
        #expect(again == table)
        workspace.columns = 40
        let page = try workspace.perform("help sketch")
        #expect(page != plain && page == filled)
    }
}

/// A long question is asked as its body above a prompt of its answers alone: readline
/// redraws a prompt as wide as the terminal over itself.
@Suite("Questions at the prompt")
struct QuestionTests {
    @Test func aLongQuestionIsAskedAboveItsAnswers() {
        let recover = "Recover “Night Bus” (3 unsaved changes, the last: new)? [Y/n] "
        #expect(ReadlineLineReader.split(recover) == ("Recover “Night Bus” (3 unsaved changes, the last: new)?", "[Y/n] "))
        let move = "The music is written in C. Move it to D too (up 2 semitones)? [y]es, [n]o (rename the key only), [c]ancel: "
        #expect(ReadlineLineReader.split(move) == ("The music is written in C. Move it to D too (up 2 semitones)?", "[y]es, [n]o (rename the key only), [c]ancel: "))
        #expect(ReadlineLineReader.split("Save first? [y/n] ") == (nil, "Save first? [y/n] "))
        #expect(ReadlineLineReader.split(String(repeating: "a", count: 50) + ": ") == (nil, String(repeating: "a", count: 50) + ": "))
    }
}
