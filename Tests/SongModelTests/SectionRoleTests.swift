import SongModel
import Testing

@Suite("Section roles from names")
struct SectionRoleTests {
    @Test("names writers use read as their part in the song", arguments: [
        ("intro", SectionRole.intro), ("Verse", .verse), ("verse2", .verse), ("second verse", .verse),
        ("pre-chorus", .preChorus), ("prechorus", .preChorus), ("chorus", .chorus), ("final chorus", .chorus),
        ("refrain", .chorus), ("bridge", .bridge), ("middle-8", .bridge), ("breakdown", .bridge),
        ("solo", .solo), ("outro", .outro), ("coda", .outro), ("tag", .other),
    ])
    func roles(_ name: String, _ role: SectionRole) {
        #expect(SectionRole(name: name) == role)
    }

    @Test func introsAndOutrosFrameTheSong() {
        #expect(SectionRole.intro.frames && SectionRole.outro.frames)
        #expect(!SectionRole.chorus.frames && !SectionRole.other.frames)
    }
}
