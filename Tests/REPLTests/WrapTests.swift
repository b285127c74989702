import Foundation
import Testing
@testable import REPL

/// Output on a terminal is broken between words at its width, not through them (a terminal
/// and `less` cut a long line at the edge, mid-word): a help page on an 80-column screen
/// reads as prose.
@Suite("Wrapping to the terminal")
struct WrapTests {
    @Test func aLongLineBreaksBetweenWordsUnderItsListMarker() {
        let text = "- the render streams: each part is synthesized onto a scratch file in the staging folder\n    cowrite render song -o out --stems --format flac --force --stem-names plain\nshort"
        #expect(Pager.wrap(text, columns: 40) == """
            - the render streams: each part is
              synthesized onto a scratch file in the
              staging folder
                cowrite render song -o out --stems --format flac --force --stem-names plain
            short
            """)
        #expect(Pager.wrap("12. one two three four five six seven eight", columns: 20) == "12. one two three\n    four five six\n    seven eight")
        // Colour codes take no width; a word wider than the line stays whole.
        let red = "\u{1B}[31m", plain = "\u{1B}[0m"
        #expect(Pager.wrap(red + "error: aaaa bbbb cccc dddd" + plain, columns: 20) == red + "error: aaaa bbbb\ncccc dddd" + plain)
        #expect(Pager.wrap("x https://example.org/a/very/long/address/indeed y", columns: 20) == "x\nhttps://example.org/a/very/long/address/indeed\ny")
    }

    /// Every help page at 80 and at 60 columns: no line wider than the screen but a command
    /// or example line (indented four spaces), a table's row (left for the terminal to
    /// wrap) or a word wider than it, and the same words in the same order.
    @Test(arguments: [80, 60])
    func everyHelpPageFits(columns: Int) throws {
        let help = HelpLibrary(folder: projectRoot.appendingPathComponent("help").path)
        var pages = [help.index()]
        for name in help.topics + Commands.all.map(\.name) { pages.append(try help.page(name)) }
        var wrappedLines = 0
        for page in pages {
            let wrapped = Pager.wrap(page, columns: columns)
            #expect(wrapped.split(whereSeparator: \.isWhitespace) == page.split(whereSeparator: \.isWhitespace))
            for line in wrapped.split(separator: "\n", omittingEmptySubsequences: false) where Pager.width(String(line)) > columns {
                let words = line.split(separator: " ")
                #expect(line.hasPrefix("    ") || line.hasPrefix("|") || words.count == 1 || words.contains { $0.count > columns / 2 }, "\(line)")
            }
            wrappedLines += wrapped.split(separator: "\n").count - page.split(separator: "\n").count
        }
        #expect(wrappedLines > 0)
    }
}
