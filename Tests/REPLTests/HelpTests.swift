import Foundation
import MusicTheory
import Engine
import SongModel
import Testing
@testable import REPL

@Suite("Help pages")
struct HelpTests {
    let help = HelpLibrary(folder: projectRoot.appendingPathComponent("help").path)

    @Test("every command has a page that shows its usage", arguments: Commands.all.map(\.name))
    func pageForCommand(name: String) throws {
        let raw = try #require(help.raw(name), "help/\(name).md is missing")
        // The usage line is made from the command's row, never typed into the page.
        #expect(!raw.contains("Usage: "))
        let usage = try #require(Commands.find(name)?.usage)
        #expect(try help.page(name).contains("\n\nUsage: `\(usage)`\n\n"))
        #expect(!help.examples(name).isEmpty, "help/\(name).md has no ```cowrite example")
    }

    /// `help prompts` lists every word and phrase the prompt reader knows, so a word added to
    /// the table is never one a writer cannot find.
    @Test func thePromptsPageListsEveryWordTheReaderKnows() throws {
        let page = try #require(help.raw("prompts")).lowercased()
        // As a whole word or phrase: "rage" inside "average" does not count.
        func listed(_ phrase: String) -> Bool {
            var rest = page[...]
            while let found = rest.range(of: phrase.lowercased()) {
                let before = found.lowerBound == page.startIndex ? " " : page[page.index(before: found.lowerBound)]
                let after = found.upperBound == page.endIndex ? " " : page[found.upperBound]
                if !before.isLetter && !after.isLetter { return true }
                rest = page[found.upperBound...]
            }
            return false
        }
        let missing = PromptReader.phrases.filter { !listed($0) }
        #expect(missing.isEmpty, "help/prompts.md lacks \(missing)")
    }

    /// The render's length limit, said in two pages, is the one `Limits` enforces (help/render
    /// had said 60 minutes, help/limits 120).
    @Test func theRenderLimitIsTheSameEverywhere() throws {
        let render = try #require(help.raw("render")).replacingOccurrences(of: "\n", with: " ")
        let limits = try #require(help.raw("limits"))
        #expect(render.contains("refuses a song longer than \(Limits.songMinutes) minutes"))
        #expect(limits.contains("| minutes of music in one render | \(Limits.songMinutes) |"))
    }

    /// `help chord-symbols` names every quality Cowrite reads; every symbol its table writes
    /// or accepts reads as a chord; and where a row spells the notes, they are the tones of
    /// the symbol they stand beside.
    @Test func theChordSymbolsPageListsEveryQualityAndSpellsItsNotes() throws {
        let page = try #require(help.raw("chord-symbols"))
        var written: Set<String> = []
        for row in page.split(separator: "\n") where row.hasPrefix("| ") && !row.hasPrefix("| quality") {
            let cells = row.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5 else { continue }
            func symbols(_ cell: String) -> [String] {
                cell.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            }
            let write = symbols(cells[2])
            for symbol in write + symbols(cells[3]) {
                #expect((try? Chord(parsing: symbol)) != nil, "`\(symbol)` in help/chord-symbols.md does not read")
            }
            for symbol in write { if let chord = try? Chord(parsing: symbol), chord.bass == nil { written.insert(chord.quality.symbol) } }
            let spelled = cells[4].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for (symbol, notes) in zip(write, spelled) where notes.first?.isUppercase == true && !notes.contains(" (") {
                guard let chord = try? Chord(parsing: symbol), chord.bass == nil else { continue }
                #expect(chord.tones.map(\.symbol).joined(separator: " ") == notes, "`\(symbol)` is spelled \(notes)")
            }
        }
        let missing = ChordQuality.all.map(\.symbol).filter { !written.contains($0) }
        #expect(missing.isEmpty, "help/chord-symbols.md writes no chord of quality \(missing)")
    }

    @Test("the topics the issue promises exist", arguments: ["chord-symbols", "notes", "session-files", "getting-started", "roman-numerals", "scripts", "provenance", "rewriting-bars"])
    func topics(name: String) {
        #expect(help.topics.contains(name))
    }

    @Test func indexListsEveryCommandWithItsSummary() {
        let index = help.index()
        for command in Commands.all {
            #expect(index.contains("  " + command.name), "\(command.name) missing from help")
            #expect(index.contains(command.summary))
        }
        #expect(index.contains("topics: chord-symbols, getting-started, limits, mixing, notes, prompts, provenance, rewriting-bars, roman-numerals, scripts, session-files"))
    }

    @Test func helpListsEveryCommandUnderAHeading() {
        #expect(Commands.all.allSatisfy { !$0.group.isEmpty })
        #expect(Commands.groups == ["Songs and sessions", "Sections and form", "Parts", "Asking the engine", "Sound and files", "History and help"])
        let index = help.index()
        for group in Commands.groups { #expect(index.contains(group.lowercased() + ":\n")) }
    }

    @Test("every part kind's help page exists, and `help PART` shows it", arguments: PartKind.allCases)
    func partPages(kind: PartKind) throws {
        #expect(help.raw(kind.row.helpTopic) != nil, "help/\(kind.row.helpTopic).md is missing")
        for name in [kind.rawValue] + kind.row.aliases {
            #expect(try help.page(name) == help.page(kind.row.helpTopic), "help \(name)")
        }
    }

    /// A word that names no command or page opens the page that answers it, and every
    /// page the table names exists.
    @Test func wordsWritersAskAboutOpenTheirPage() throws {
        #expect(try help.page("swing") == help.page("groove"))
        #expect(try help.page("Stems") == help.page("render"))
        for (word, page) in HelpLibrary.topicWords {
            #expect(help.raw(page) != nil, "\(word) names a missing page \(page)")
            #expect(help.raw(word) == nil && Commands.find(word) == nil, "\(word) already has a page or command of its own")
        }
    }

    @Test func pagesPrintWithoutFences() throws {
        let page = try help.page("add")
        #expect(page.hasPrefix("# add — add a section\n\nUsage: `add SECTION BARS`"))
        #expect(!page.contains("```"))
        #expect(try help.page("exit") == help.page("quit"))
    }
}
