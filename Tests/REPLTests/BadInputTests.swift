import Foundation
import Testing
@testable import REPL

/// Every bad input gets one line that quotes it, states the rule and suggests a fix, and
/// leaves the song as it was.
@Suite("Bad input")
struct BadInputTests {
    /// Run after the setup song (`Rain on Glass` with verse and chorus of 8 bars).
    static let cases: [(input: String, message: String)] = [
        ("chrods verse = | C |", "unknown command \"chrods\" — did you mean chords?"),
        ("shwo", "unknown command \"shwo\" — did you mean show?"),
        ("xyzzy", "unknown command \"xyzzy\"; type `help` for the list of commands"),
        // Words a writer reaches for, answered with the command that does it, in their words.
        ("section verse 4", "unknown command \"section\" — did you mean `add verse 4`?"),
        ("tempo 120", "unknown command \"tempo\" — did you mean `set tempo=120`?"),
        ("key D minor", "unknown command \"key\" — did you mean `set key=D minor`?"),
        ("bpm", "unknown command \"bpm\" — did you mean `set tempo=…`?"),
        ("drums verse", "unknown command \"drums\" — did you mean `groove verse`?"),
        ("add", "add needs a section name and a number of bars: usage: add SECTION BARS"),
        ("add bridge", "add needs a section name and a number of bars: usage: add SECTION BARS"),
        ("add bridge 4 extra", "add does not take \"extra\": usage: add SECTION BARS"),
        ("add bridge four", "\"four\" bars: a section has 1–256 bars, e.g. `add verse 8`"),
        ("add bridge 0", "\"0\" bars: a section has 1–256 bars, e.g. `add verse 8`"),
        ("add bridge 300", "\"300\" bars: a section has 1–256 bars, e.g. `add verse 8`"),
        ("add verse 8", "there is already a section \"verse\": pick another name, e.g. verse2, or `copy verse NEW`"),
        ("add 2nd-verse 8", "\"2nd-verse\" is not a section name: start with a letter, then letters, digits, - or _ (at most 32), e.g. verse, pre-chorus, verse2"),
        ("add pre.chorus 8", "\"pre.chorus\" is not a section name: start with a letter, then letters, digits, - or _ (at most 32), e.g. verse, pre-chorus, verse2"),
        ("remove brigde", "no section \"brigde\": the sections are verse, chorus"),
        ("remove vers", "no section \"vers\" — did you mean verse? (the sections are verse and chorus)"),
        ("rename verse chorus", "there is already a section \"chorus\": pick another name, e.g. chorus2, or `copy chorus NEW`"),
        ("copy outro coda", "no section \"outro\": the sections are verse, chorus"),
        ("arrange verse bridge", "no section \"bridge\": the sections are verse, chorus"),
        ("show choruss", "no section \"choruss\" — did you mean chorus? (the sections are verse and chorus)"),
        ("render out", "no section \"out\": the sections are verse, chorus — `render -o out` renders the song into that folder"),
        ("render vers", "no section \"vers\" — did you mean verse? (the sections are verse and chorus)"),
        ("chords verse = | C | G |", "verse has 8 bars but 2 bars were given: write one chord bar per bar between | marks (% repeats a bar), or change the length with `set verse bars=2`"),
        ("chords verse = | Cmj7 | % | % | % | % | % | % | % |", "\"Cmj7\" is not a chord symbol — did you mean Cmaj7? (see `help chord-symbols`)"),
        ("chords verse = | H7 | % | % | % | % | % | % | % |", "\"H7\" is not a chord symbol — did you mean B7 (H is B in German notation)? (see `help chord-symbols`)"),
        ("chords verse = | cm | % | % | % | % | % | % | % |", "\"cm\" is not a chord symbol — did you mean Cm? (see `help chord-symbols`)"),
        ("chords verse = | C/Q | % | % | % | % | % | % | % |", "\"C/Q\": the bass after / must be a note name such as E or Bb, not \"Q\""),
        ("chords verse = | % | C | C | C | C | C | C | C |", "\"%\" repeats the bar before, but it is the first bar: write a chord there"),
        ("chords verse = | C | | C | C | C | C | C | C |", "bar 2 has no chord: write a chord between each pair of | marks, or % to repeat the bar before"),
        ("chords verse = | C D E F G A B | % | % | % | % | % | % | % |", "\"| C D E F G A B |\": 7 chords cannot share a bar of 4/4 on its beats; a bar of 4/4 takes 1, 2, 4, 8, 12, 16 places, with . holding the chord before (| C . . G |)"),
        ("chords bridge = | C |", "no section \"bridge\": the sections are verse, chorus"),
        ("melody verse = C5/4 D5/4 E5/4 | F5/1", "bar 1 \"C5/4 D5/4 E5/4\" adds up to 3 quarter notes, but a bar holds 4: fix the durations or move the | mark"),
        ("melody verse = C5/3", "\"/3\" is not a duration: use /1 /2 /4 /8 /16 /32 (/64t the smallest), with . for dotted (not /32.) and t for triplet, e.g. /4 /8. /8t"),
        ("melody verse = Q5/4", "\"Q5/4\" is not a note: write PITCH/DURATION such as C5/4, Eb5/8., r/2 for a rest, ~ to tie (see `help notes`)"),
        ("melody verse = c5/4", "\"c5/4\" is not a note — did you mean C5/4? Letter names are upper case (see `help notes`)"),
        ("melody verse = G#9/4", "\"G#9\" is outside the MIDI range C-1…G9"),
        ("melody verse = C5/4~ D5/4", "\"C5/4~\": a tie ~ joins two notes of the same pitch, but the next note differs; drop the ~ to play a new note"),
        ("melody verse = C5/1 C5/1 C5/1 C5/1 C5/1 C5/1 C5/1 C5/1 C5/1", "the melody is longer than verse (8 bars): shorten it or lengthen the section with `set verse bars=…`"),
        ("melody verse = |", "no notes given: write notes after =, e.g. `melody verse = C5/4 D5/4 E5/2`"),
        ("set tempo=500", "tempo=500: tempo is a whole number of beats per minute from 20 to 400, e.g. tempo=84"),
        ("set tempo=fast", "tempo=fast: tempo is a whole number of beats per minute from 20 to 400, e.g. tempo=84"),
        ("set tempo=19", "tempo=19: tempo is a whole number of beats per minute from 20 to 400, e.g. tempo=84"),
        ("set key=H", "\"H\" is not a key: write a tonic and an optional mode, e.g. C, Cm, F#m, Bb major, D dorian"),
        ("set meter=4/5", "\"4/5\" is not a meter: write beats/unit with 1–32 beats and a unit of 1, 2, 4, 8, 16 or 32, e.g. 4/4, 3/4, 6/8, 7/8"),
        ("set meter=3/4", "verse already has parts written in its meter; changing the meter would misplace them — give the new meter to a copy (`copy verse NEW` then `set NEW meter=…`) or clear the parts first"),
        ("set mood=hapy", "unknown mood \"hapy\" — did you mean happy (hopeful)? (the moods are sad, melancholy, calm, dreamy, hopeful, playful, energetic, tense, dark, triumphant, romantic, nostalgic)"),
        ("set mood=sadd", "unknown mood \"sadd\" — did you mean sad? (the moods are sad, melancholy, calm, dreamy, hopeful, playful, energetic, tense, dark, triumphant, romantic, nostalgic)"),
        ("sketch mood=\"start calm, end triumphnt\"", "unknown mood \"triumphnt\" — did you mean triumphant? (the moods are sad, melancholy, calm, dreamy, hopeful, playful, energetic, tense, dark, triumphant, romantic, nostalgic)"),
        ("sketch mood=\"start glum\"", "unknown mood \"glum\": choose one of sad, melancholy, calm, dreamy, hopeful, playful, energetic, tense, dark, triumphant, romantic, nostalgic"),
        ("set mood=grumpy", "unknown mood \"grumpy\": choose one of sad, melancholy, calm, dreamy, hopeful, playful, energetic, tense, dark, triumphant, romantic, nostalgic"),
        ("set tempo", "set needs at least one setting such as key=Cm or tempo=90: usage: set [SECTION] [key=…] [tempo=20..400] [meter=…] [mood=…] [bars=1..256] [title=…] [authors=…] [energy=0..1] [tension=0..1] [move=…]"),
        ("set verse title=Other", "title=Other: title belongs to the song: `set title=\"…\"` without a section"),
        ("set bars=4", "bars=4: bars belongs to a section: `set verse bars=8`"),
        ("set verse bars=0", "bars=0: a section has 1–256 bars, e.g. bars=8"),
        ("set verse tmpo=90", "set has no option \"tmpo\" — did you mean tempo=? (it takes key=, tempo=, meter=, mood=, bars=, title=, authors=, energy=, tension=, move=)"),
        ("set title=\"\"", "a song needs a title: `new \"My Song\"`"),
        ("set authors=\",\"", "authors=,: give one or more names separated by commas"),
        ("new \"Unclosed", "unclosed quote in new \"Unclosed: close it with a matching \" or '"),
        ("new", "new needs a title in quotes: usage: new \"TITLE\" [key=C] [tempo=100] [meter=4/4] [mood=…]"),
        ("new \"X\" colour=blue", "new has no option \"colour\": it takes key=, tempo=, meter=, mood="),
        ("new \"X\" key=Cmin7", "\"Cmin7\" is not a key: write a tonic and an optional mode, e.g. C, Cm, F#m, Bb major, D dorian"),
        ("show verse = x", "show takes no \"= …\" part: usage: show [SECTION]"),
        ("open nosuch", "no session \"nosuch\"; `sessions` lists the saved ones"),
        ("open rain-on-glass --r", "open has no flag \"--r\" — did you mean --read-only?"),
        ("save --forse", "save has no flag \"--forse\" — did you mean --force?"),
        ("render --mp3", "render has no flag \"--mp3\": it takes --force, --format, --lufs, --out, --output, --rate, --stem-names, --stems, -o"),
        ("open ./missing/file.cowrite", "./missing/file.cowrite: no such file"),
        ("redo", "nothing to redo"),
        ("help chrods", "no help for \"chrods\" — did you mean chords?"),
        ("help xyzzy", "no help for \"xyzzy\"; `help` lists commands and topics"),
        ("undo extra", "undo does not take \"extra\": usage: undo"),
        ("render --format mp3", "format=mp3: the formats are wav, flac and ogg"),
        ("render --rate 22050", "rate=22050: the sample rate is 44100 or 48000"),
        ("render --lufs 0", "lufs=0: the loudness target is −40 to −5 LUFS, e.g. -14 for streaming, -23 for broadcast"),
        ("render -x", "render has no flag \"-x\" — did you mean -o? (it takes --force, --format, --lufs, --out, --output, --rate, --stem-names, --stems, -o)"),
        ("render -0 out", "render has no flag \"-0\" — did you mean -o? (it takes --force, --format, --lufs, --out, --output, --rate, --stem-names, --stems, -o)"),
        ("render -o", "render needs a value after -o: usage: render [SECTION] [-o DIR] [--stems] [--format wav|flac|ogg] [--rate 44100|48000] [--stem-names song|plain] [--lufs -14] [--force]"),
        ("render bridge", "no section \"bridge\": the sections are verse, chorus"),
        ("export wav", "export=wav: export writes midi, chordpro or musicxml, e.g. `export midi`"),
        ("instrument chords kazoo", "no instrument \"kazoo\": give a General MIDI program 0–127 or a name such as piano, strings, nylon-guitar, finger-bass (see `help instrument`)"),
        ("instrument chords pian", "no instrument \"pian\" — did you mean piano? (`help instrument` lists the names)"),
        ("instrument chords 128", "no instrument \"128\": give a General MIDI program 0–127 or a name such as piano, strings, nylon-guitar, finger-bass (see `help instrument`)"),
        ("instrument drums piano", "instrument=piano: drums always use the General MIDI drum kit on channel 10"),
        ("instrument vocals piano", "no part \"vocals\": the parts are chords, melody, bass, drums, pad"),
        ("mix chords gain=99", "gain=99: gain is −60 to +12 dB, e.g. gain=-3, or auto to let the render balance it"),
        ("mix chords pan=left", "pan=left: pan is −1 (left) to 1 (right), e.g. pan=0.2"),
        ("mix melod reverb=0.5", "no part \"melod\" — did you mean melody? (the parts are chords, melody, bass, drums, pad)"),
        ("mix chords volume=3", "mix has no option \"volume\": it takes gain=, pan=, reverb="),
        ("blame outro", "no section \"outro\": the sections are verse, chorus"),
        ("blame verse vocals", "no part \"vocals\": the parts are chords, melody, bass, drums, pad"),
        ("chords verse style=polka", "unknown style \"polka\": choose one of pop, rock, ballad, folk, soul, jazz, blues, edm, cinematic, lofi"),
        ("chords verse style=jaz", "unknown style \"jaz\" — did you mean jazz? (the styles are pop, rock, ballad, folk, soul, jazz, blues, edm, cinematic, lofi)"),
        ("chords verse n=0", "n=0: ask for 1 to 12 suggestions, e.g. n=3"),
        ("chords verse n=50", "n=50: ask for 1 to 12 suggestions, e.g. n=3"),
        ("chords verse rate=3", "rate=3: the harmonic rhythm is chords per bar: 0.5 (one every two bars), 1, 2 or 4"),
        ("chords verse cadence=perfect", "cadence=perfect: the cadences are open, closed, deceptive and plagal"),
        ("chords verse seed=-1", "seed=-1: a seed is a whole number ≥ 0, e.g. seed=42"),
        ("chords verse mood=xyzzy", "unknown mood \"xyzzy\": choose one of sad, melancholy, calm, dreamy, hopeful, playful, energetic, tense, dark, triumphant, romantic, nostalgic"),
        ("chords verse mood=gloomey", "unknown mood \"gloomey\" — did you mean gloomy (melancholy)? (the moods are sad, melancholy, calm, dreamy, hopeful, playful, energetic, tense, dark, triumphant, romantic, nostalgic)"),
        ("chords verse style=pop = | C |", "style=pop: options ask the engine (`chords verse style=pop`); chords written with `= …` take none"),
        ("chords verse colour=red", "chords has no option \"colour\": it takes mood=, style=, energy=, n=, seed=, cadence=, rate=, prompt=, bars=, keep="),
        ("chords verse bars=9", "bars=9: give bar numbers from 1 to 8 and ranges, e.g. bars=5-6"),
        ("melody verse bars=5-6 bars=7", "bars= is given twice (bars=5-6 and bars=7): give it once, with every bar in it, e.g. bars=5-6,7"),
        ("chords verse n=2 n=3", "n= is given twice (n=2 and n=3): give it once"),
        ("chords verse bars=6-5", "bars=6-5: give bar numbers from 1 to 8 and ranges, e.g. bars=5-6"),
        ("chords verse bars=1-8", "bars=1-8: that is every bar of the section; leave out bars= to rewrite it all"),
        ("chords verse keep=1-8", "keep=1-8: that keeps every bar, so there is nothing to rewrite; leave out keep="),
        ("chords verse bars=2 keep=3", "bars=2: give bars= (the bars to rewrite) or keep= (the bars to keep), not both"),
        ("groove verse bars=x", "bars=x: give bar numbers from 1 to 8 and ranges, e.g. bars=5-6"),
        ("bass verse bars=5-6", "verse has no bass yet, so there are no bars to keep: ask for the whole part first (leave out bars= and keep=)"),
        ("harmonize chorus", "chorus has no melody to harmonize: write one with `melody chorus = …` first"),
        ("accept 1", "no suggestions waiting: ask first, e.g. `chords verse`, `harmonize verse`"),
        ("more", "no suggestions waiting: ask first, e.g. `chords verse`, `harmonize verse`"),
        ("again", "no suggestions waiting: ask first, e.g. `chords verse`, `harmonize verse`"),
        ("drop", "no suggestions waiting: ask first, e.g. `chords verse`, `harmonize verse`"),
        ("next verse bar=9", "bar 9: give a bar number from 1 to 8"),
        ("alt verse 0", "bar 0: give a bar number from 1 to 8"),
        ("alt verse", "alt needs a section and a bar number: usage: alt SECTION BAR"),
        ("comp verse pattern=waltz", "no comping pattern \"waltz\": the patterns are block, pulse, arpeggio, stabs, ballad"),
        ("comp verse pattern=arpegio", "no comping pattern \"arpegio\" — did you mean arpeggio? (the patterns are block, pulse, arpeggio, stabs, ballad)"),
        ("groove verse style=polka", "unknown groove style \"polka\": the groove styles are rock, pop, funk, disco, house, boom-bap, trap, neo-soul, one-drop, bossa-nova, shuffle, jazz, ballad, afrobeat, drum-and-bass, waltz and six-eight"),
        ("groove verse style=fnk", "unknown groove style \"fnk\" — did you mean funk? (the groove styles are rock, pop, funk, disco, house, boom-bap, trap, neo-soul, one-drop, bossa-nova, shuffle, jazz, ballad, afrobeat, drum-and-bass, waltz and six-eight)"),
        ("groove verse n=9", "n=9: ask for 1 to 8 suggestions, e.g. n=3"),
        ("groove verse energy=2", "energy=2: energy is a number from 0 to 1, e.g. energy=0.7"),
        ("groove verse swing=lots", "swing=lots: swing is auto, off, or an amount 0–1 (0.5 is a triplet 2:1)"),
        ("groove verse feel=sloppy", "unknown feel \"sloppy\": the feels are on, laid-back, pushed and dragged"),
        ("groove verse alpha=3", "alpha=3: alpha is 0 (white) to 2 (brown); 1 is the 1/f of real players"),
        ("groove stats verse", "verse has no drums yet: ask with `groove verse` or write hits with `hit verse kick 1.1`"),
        ("humanize verse 0.3", "verse has no drums yet: ask with `groove verse` or write hits with `hit verse kick 1.1`"),
        ("humanize verse lots", "humanize=lots: the amount is 0 (on the grid) to 1 (σ ≈ 20 ms), e.g. 0.3"),
        ("feel verse behindish", "unknown feel \"behindish\": the feels are on, laid-back, pushed and dragged"),
        ("quantize verse", "verse has no drums yet: ask with `groove verse` or write hits with `hit verse kick 1.1`"),
        ("hit verse cowbel 1.1", "unknown drum \"cowbel\" — did you mean cowbell? (the drums are crash, ride, open-hat, hat, pedal-hat, high-tom, mid-tom, low-tom, snare, rim, clap, tambourine, cowbell, shaker and kick)"),
        ("hit verse gong 1.1", "unknown drum \"gong\": the drums are crash, ride, open-hat, hat, pedal-hat, high-tom, mid-tom, low-tom, snare, rim, clap, tambourine, cowbell, shaker and kick"),
        ("hit verse kick 9.1", "\"9.1\" is not a place in the section: write BAR.BEAT or BAR.BEAT.STEP with bar 1–8, beat 1–4, step 1–4 (sixteenths), e.g. 2.3 or 2.3.3"),
        ("hit verse kick 1.5", "\"1.5\" is not a place in the section: write BAR.BEAT or BAR.BEAT.STEP with bar 1–8, beat 1–4, step 1–4 (sixteenths), e.g. 2.3 or 2.3.3"),
        ("hit verse kick 1.1 vel=200", "vel=200: velocity is 1–127, e.g. vel=100"),
        ("fill verse", "verse has no drums yet: ask with `groove verse` or write hits with `hit verse kick 1.1`"),
        ("melody chorus range=C5..D5", "range=C5..D5: write LOW..HIGH, at least a fifth apart, e.g. range=C4..G5"),
        ("melody chorus density=3", "density=3: density is 0 (long notes) to 1 (busy), e.g. density=0.5"),
        ("vary chorus", "chorus has no melody or motif yet: write one with `melody chorus = …` or `motif chorus = …`"),
        ("vary verse technique=upside-down", "unknown technique \"upside-down\": choose one of transpose, real-transpose, invert, retrograde, augment, diminish, displace, fragment, ornament, re-rhythm, refit"),
        ("bass verse style=slap", "unknown bass style \"slap\": choose one of root, root-fifth, octaves, walking, funk, pedal, arpeggio, or a groove or harmony style (jazz walks, funk is funk)"),
        ("note verse 1.1 X5/4", "\"X5/4\" is not a note: write PITCH/DURATION such as C5/4, Eb5/8., r/2 for a rest, ~ to tie (see `help notes`)"),
        ("note verse 10.1 C5/4", "\"10.1\" is not a place in the section: write BAR.BEAT or BAR.BEAT.STEP with bar 1–8, beat 1–4, step 1–4 (sixteenths), e.g. 2.3 or 2.3.3"),
        ("transpose verse melody up", "steps=up: transpose by −24 to 24 steps, e.g. 2 or -3"),
        ("transpose verse drums 2", "drums have no pitch to transpose; `shift` moves them in time"),
        ("transpose verse bass 2", "verse has no bass line yet: ask with `bass verse`"),
        ("shift verse melody 0", "beats=0: shift by a number of beats, e.g. 1, -0.5"),
        ("arc calm => triumphant", "\"calm => triumphant\": moods are joined by ->, e.g. `arc calm -> triumphant`"),
        ("shift verse melody 0.3", "beats=0.3: shift in quarter beats (a sixteenth in 4/4), e.g. 0.25 or 0.5"),
        ("shift verse melody -1.1", "beats=-1.1: shift in quarter beats (a sixteenth in 4/4), e.g. -1 or 0.5"),
        ("shift verse chords 1", "chords follow the bars; rewrite them with `chords SECTION = …` to move them"),
        ("arc calm -> grumpy", "unknown mood \"grumpy\": choose one of sad, melancholy, calm, dreamy, hopeful, playful, energetic, tense, dark, triumphant, romantic, nostalgic"),
        ("arc bridge=calm", "no section \"bridge\": the sections are verse, chorus"),
        ("transition verse chorus crash", "unknown transition \"crash\": the transitions are fill, build, drop, ritard and none"),
        ("set chorus energy=2", "energy=2: energy is a number from 0 to 1, e.g. energy=0.7"),
        ("set energy=0.5", "energy=0.5: energy belongs to a section: `set chorus energy=0.8`"),
        ("sketch style=polka", "unknown style \"polka\": choose one of pop, rock, ballad, folk, soul, jazz, blues, edm, cinematic, lofi"),
        ("sketch form=verse,2chorus", "\"2chorus\" is not a section name: start with a letter, then letters, digits, - or _ (at most 32), e.g. verse, pre-chorus, verse2"),
        ("why bridge", "no section \"bridge\": the sections are verse, chorus"),
        ("copy-groove verse chorus", "verse has no drums yet: ask with `groove verse` or write hits with `hit verse kick 1.1`"),
        // The session-flow shapes: one bar of chords, moving key, words in a prompt.
        ("chords verse bar 9 = C", "bar 9 is not in verse, which has 8 bars: give bars 1 to 8, e.g. `chords verse bar 8 = G`, or lengthen it with `set verse bars=9`"),
        ("chords verse bar x = C", "bar=x: give the bar to write from, e.g. `chords verse bar 3 = Bbmaj7`"),
        ("chords verse bar 2", "chords needs \"= …\" with the content: usage: chords SECTION bar N = Bbmaj7"),
        ("chords verse = . | C | C | C | C | C | C | C |", "\".\" holds the chord before it, but the chart starts with it: write a chord first, e.g. | C . . G |"),
        ("chords verse = | N.C. | % | % | % | % | % | % | % |", "the chart has no chord, only N.C.: write at least one chord, e.g. | N.C. | C | G | C |"),
        // Importing a MIDI file: what is not one, and the command's shape.
        ("import /", "cannot import: \"/\" is not a file: give the path of a .mid file"),
        ("import /etc/passwd", "cannot import: this is not a Standard MIDI File (it does not start with MThd): export the song as a .mid file"),
        ("import /etc/passwd as banjo", "no part \"banjo\": the parts are chords, melody, bass, drums, pad"),
        ("import /etc/passwd into bridge", "no section \"bridge\": the sections are verse, chorus"),
        ("import /etc/passwd into", "import needs a section: usage: import FILE.mid [into SECTION, as PART…] [track=N|NAME]"),
        ("import /etc/passwd with verse", "import does not take \"with\": usage: import FILE.mid [into SECTION, as PART…] [track=N|NAME]"),
        ("lyrics bridge = \"la la\"", "no section \"bridge\": the sections are verse, chorus"),
        ("lyrics verse = \"la\u{7}la\"", "lyrics \"\\u{7}\": lyrics are words and line breaks, no control characters"),
        ("transpose 30", "steps=30: transpose by −24 to 24 steps, e.g. 2 or -3"),
        ("transpose to=C", "to=C: transposing keeps the mode: the music is in Cm, so give a minor key, e.g. to=Dm"),
        ("transpose to=H", "\"H\" is not a key: write a tonic and an optional mode, e.g. C, Cm, F#m, Bb major, D dorian"),
        ("transpose verse chords", "transpose needs a number of steps: usage: transpose [song] STEPS [diatonic], transpose SECTION STEPS [diatonic], transpose SECTION PART STEPS [diatonic], or to=KEY instead of STEPS"),
        ("transpose verse 2 3", "transpose does not take \"3\": usage: transpose [song] STEPS [diatonic], transpose SECTION STEPS [diatonic], transpose SECTION PART STEPS [diatonic], or to=KEY instead of STEPS"),
        ("set key=Dm", "set key=Dm: the music is written in Cm — add move=yes to transpose it up 2 to Dm, or move=no to change only the key's name"),
        ("set key=Dm move=maybe", "move=maybe: move is yes or no, e.g. move=yes"),
        ("note verse d5/4 1.1", "\"d5/4\" is not a note — did you mean D5/4? Letter names are upper case (see `help notes`)"),
        ("arc verse=sad redraw=perhaps", "redraw=perhaps: redraw is yes or no, e.g. redraw=yes (or --redraw)"),
        ("sketch meter=3/5", "\"3/5\" is not a meter: write beats/unit with 1–32 beats and a unit of 1, 2, 4, 8, 16 or 32, e.g. 4/4, 3/4, 6/8, 7/8"),
        // A near miss is a guess: the choices still follow it.
        ("mix chords gain=autto", "gain=autto: did you mean gain=auto? (gain is −60 to +12 dB, e.g. gain=-3, or auto to let the render balance it)"),
        ("pad verse style=shimmmer", "style=shimmmer: did you mean style=shimmer? (pads are plain, swell or shimmer, e.g. style=swell)"),
        ("bass verse style=walkng", "unknown bass style \"walkng\" — did you mean walking? (the bass styles are root, root-fifth, octaves, walking, funk, pedal, arpeggio, or a groove or harmony style)"),
        ("chords verse mood=grumpy", "unknown mood \"grumpy\": choose one of sad, melancholy, calm, dreamy, hopeful, playful, energetic, tense, dark, triumphant, romantic, nostalgic"),
    ]

    @Test func thereAreAtLeastFortyCases() {
        #expect(Self.cases.count >= 40)
    }

    @Test("each bad input has its exact message and changes nothing", arguments: Self.cases)
    func message(input: String, message: String) throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        for line in try script("rain-on-glass.txt").prefix(6) { _ = try workspace.perform(line) }
        let before = workspace.song
        let changes = workspace.changesSinceSave
        do {
            _ = try workspace.perform(input)
            Issue.record("accepted: \(input)")
        } catch {
            #expect("\(error)" == message)
        }
        #expect(workspace.song == before)
        #expect(workspace.changesSinceSave == changes)
    }

    @Test func commandsBeforeAnySongSayHowToStart() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["add verse 8", "show", "song", "save", "undo"] {
            #expect(throws: REPLError.self) { try workspace.perform(line) }
            do { _ = try workspace.perform(line) } catch {
                #expect("\(error)" == "no song open: start one with `new \"Title\"` or open one with `open NAME` (`sessions` lists them)")
            }
        }
    }
}
