#!/usr/bin/env python3
"""Writes MIDI files with mido — a MIDI writer Cowrite did not write — for the import
tests, and prints what each file holds as JSON: the notes Cowrite must read back, in
Cowrite's 960 ticks a quarter, and the chords the piano plays.

    python3 tools/learn/write_midi.py FOLDER

Files: song.mid (format 1, 480 ticks a quarter: markers, tempo, meter, key signature,
a played melody with triplets, block chords with inversions, a bass line, drums on
channel 10), flat.mid (format 0, 96 ticks a quarter, one track of three channels) and
choir.mid (four voices in four tracks, no chord track: the chords are the voices together),
guitar.mid (a fingerpicked guitar, one note at a time, under a flute's tune), oompah.mid
(a piano's bass notes on the beats 1 and 3 and its chords on 2 and 4, under a tune) and
repeats.mid (markers Verse, Chorus, Verse, Chorus, Verse: a verse and a chorus played again
and a last verse of its own).
"""
import json
import os
import sys

import mido

TPQ = 480
SIXTEENTH = TPQ // 4
BAR = TPQ * 4


def track_of(notes, channel, name, program=None):
    """A track from (start, duration, key, velocity) in file ticks; note-offs as
    note-on with velocity 0 for every other note, as many sequencers write them."""
    events = []
    for index, (start, duration, key, velocity) in enumerate(notes):
        events.append((start, 1, mido.Message("note_on", channel=channel, note=key, velocity=velocity)))
        off = mido.Message("note_on", channel=channel, note=key, velocity=0) if index % 2 else \
            mido.Message("note_off", channel=channel, note=key, velocity=64)
        events.append((start + duration, 0, off))
    events.sort(key=lambda item: (item[0], item[1]))
    track = mido.MidiTrack()
    track.append(mido.MetaMessage("track_name", name=name, time=0))
    if program is not None:
        track.append(mido.Message("program_change", channel=channel, program=program, time=0))
    now = 0
    for tick, _, message in events:
        track.append(message.copy(time=tick - now))
        now = tick
    return track


def song(folder):
    """Eight bars of E minor at 96 bpm: a verse and a chorus of four bars each."""
    conductor = mido.MidiTrack()
    conductor.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(96), time=0))
    conductor.append(mido.MetaMessage("time_signature", numerator=4, denominator=4, time=0))
    conductor.append(mido.MetaMessage("key_signature", key="Em", time=0))
    conductor.append(mido.MetaMessage("marker", text="Verse", time=0))
    conductor.append(mido.MetaMessage("marker", text="Chorus", time=4 * BAR))

    # The melody as written (start and length in sixteenths) and as played (offset in ticks).
    written = [
        (0, 4, 64, 6), (4, 2, 67, -9), (6, 2, 71, 0), (8, 8, 69, 12),
        (16, 3, 67, -4), (19, 1, 66, 3), (20, 4, 64, 0), (24, 8, 62, 10),
        (32, 4, 71, 0), (36, 4, 72, -6), (40, 8, 74, 8),
        (48, 16, 71, 0),
    ]
    # (written start, written length, key, velocity, offset), in file ticks.
    melody = [(start * SIXTEENTH, length * SIXTEENTH, key, 80 + index, offset)
              for index, (start, length, key, offset) in enumerate(written)]
    # Bar 5 (the chorus) ends with an eighth-note triplet on beat 4 played on time.
    triplet = TPQ // 3
    for index, key in enumerate([74, 72, 71]):
        melody.append((4 * BAR + 3 * TPQ + index * triplet, triplet, key, 70, 0))
    # Bars 6-8.
    for start, length, key in [(5 * BAR, 2 * TPQ, 69), (5 * BAR + 2 * TPQ, 2 * TPQ, 67),
                               (6 * BAR, 2 * TPQ, 66), (6 * BAR + 2 * TPQ, 2 * TPQ, 69), (7 * BAR, BAR, 64)]:
        melody.append((start, length, key, 75, 0))
    played = [(start + offset, length, key, velocity) for start, length, key, velocity, offset in melody]

    # Block chords, one a bar, held the bar, voiced as a pianist would (inversions, open).
    chords = [
        ("Em", [52, 55, 59, 64]), ("C", [48, 52, 55, 60]), ("G/B", [47, 55, 59, 62]), ("D", [50, 54, 57, 62]),
        ("Em", [55, 59, 64]), ("Am7", [45, 52, 55, 60]), ("B7", [47, 51, 54, 57]), ("Em", [52, 59, 64, 67]),
    ]
    piano = [(bar * BAR, BAR - 10, key, 70) for bar, (_, keys) in enumerate(chords) for key in keys]
    # The bass: the chord's bass note (E, C, B, D, E, A, B, E) on beats 1 and 3.
    # (written start, written length, key, velocity, offset): held a little short, as played.
    bass = []
    for bar, low in enumerate([28, 36, 35, 38, 28, 33, 35, 28]):
        bass += [(bar * BAR, 2 * TPQ, low, 100, 0), (bar * BAR + 2 * TPQ, 2 * TPQ, low, 92, 5)]
    # Drums: kick on 1 and 3, snare on 2 and 4, closed hat on eighths, a little loose.
    # (written start, key, velocity, offset)
    drums = []
    for bar in range(8):
        for eighth in range(8):
            start = bar * BAR + eighth * TPQ // 2
            loose = [0, 7, -3, 9, 2, 6, -5, 8][eighth]
            drums.append((start, 42, 70 + (10 if eighth % 2 == 0 else 0), loose))
            if eighth in (0, 4):
                drums.append((start, 36, 110, 0))
            if eighth in (2, 6):
                drums.append((start, 38, 100, 4))
    drums.sort()

    file = mido.MidiFile(type=1, ticks_per_beat=TPQ)
    file.tracks += [conductor, track_of(played, 0, "Lead Vocal", 73), track_of(piano, 1, "Piano", 0),
                    track_of([(start + offset, length - 20, key, velocity) for start, length, key, velocity, offset in bass], 2, "Fretless", 35),
                    track_of([(start + offset, 60, key, velocity) for start, key, velocity, offset in drums], 9, "Kit")]
    path = os.path.join(folder, "song.mid")
    file.save(path)
    scale = 960 // TPQ
    return {
        "path": path,
        "tempo": 96, "meter": "4/4", "key": "Em",
        "sections": [["verse", 4], ["chorus", 4]],
        "melody": [[start * scale, length * scale, key, velocity, offset * scale] for start, length, key, velocity, offset in melody],
        "chords": [name for name, _ in chords],
        "bass": [[start * scale, length * scale, key, velocity, offset * scale] for start, length, key, velocity, offset in bass],
        "drums": [[start * scale, key, velocity, offset * scale] for start, key, velocity, offset in drums],
    }


def flat(folder):
    """Format 0 at 96 ticks a quarter: a lead on channel 1 and a bass on channel 2 in one
    track, no key signature, no markers: twelve bars of C major at 120 bpm."""
    tpq = 96
    track = mido.MidiTrack()
    track.append(mido.MetaMessage("set_tempo", tempo=500000, time=0))
    events = []
    lead = [60, 62, 64, 65, 67, 69, 71, 72, 67, 64, 62, 60]
    for bar in range(12):
        for beat in range(4):
            key = lead[(bar + beat) % len(lead)]
            events.append((bar * 4 * tpq + beat * tpq, mido.Message("note_on", channel=0, note=key, velocity=80)))
            events.append((bar * 4 * tpq + beat * tpq + tpq - 1, mido.Message("note_off", channel=0, note=key)))
        root = [36, 41, 43, 36][bar % 4]
        events.append((bar * 4 * tpq, mido.Message("note_on", channel=1, note=root, velocity=90)))
        events.append((bar * 4 * tpq + 4 * tpq - 2, mido.Message("note_off", channel=1, note=root)))
    events.sort(key=lambda item: (item[0], item[1].type == "note_on"))
    now = 0
    for tick, message in events:
        track.append(message.copy(time=tick - now))
        now = tick
    file = mido.MidiFile(type=0, ticks_per_beat=tpq)
    file.tracks.append(track)
    path = os.path.join(folder, "flat.mid")
    file.save(path)
    return {"path": path, "sections": [["section1", 8], ["section2", 4]], "key": "C", "tempo": 120}


def choir(folder):
    """Four voices in four tracks, soprano to bass, as a hymn is written (no chord track):
    eight half-note chords in F major at 480 ticks a quarter, the alto with a passing
    quarter note in bar 2. The chords the voices spell together are listed."""
    chords = [("F", [77, 72, 69, 53]), ("Bb", [77, 74, 70, 46]), ("C7", [76, 72, 70, 48]), ("F", [77, 72, 69, 41]),
              ("Dm", [74, 69, 65, 50]), ("Gm", [74, 70, 67, 43]), ("C", [72, 67, 64, 48]), ("F", [72, 69, 65, 41])]
    names = ["Soprano", "Alto", "Tenor", "Bass"]
    voices = [[] for _ in names]
    for index, (_, keys) in enumerate(chords):
        for voice, key in enumerate(keys):
            start = index * 2 * TPQ
            if voice == 1 and index == 2:
                # A passing note: the alto moves a step down and back within the chord's half note.
                voices[voice].append((start, TPQ - 10, key, 70))
                voices[voice].append((start + TPQ, TPQ - 10, key - 2, 70))
            else:
                voices[voice].append((start, 2 * TPQ - 10, key, 70))
    file = mido.MidiFile(type=1, ticks_per_beat=TPQ)
    meta = mido.MidiTrack()
    meta.append(mido.MetaMessage("set_tempo", tempo=750000, time=0))
    meta.append(mido.MetaMessage("key_signature", key="F", time=0))
    file.tracks.append(meta)
    for voice, name in enumerate(names):
        file.tracks.append(track_of(voices[voice], voice, name, 52))
    path = os.path.join(folder, "choir.mid")
    file.save(path)
    return {"path": path, "chords": [name for name, _ in chords]}


def in_c(folder, name, tracks, markers=(), every=0):
    """Saves a format 1 file in C at 100 bpm: a conductor track (tempo, key signature, and
    `markers` one every `every` ticks from the start) before `tracks`."""
    meta = mido.MidiTrack()
    meta.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(100), time=0))
    meta.append(mido.MetaMessage("key_signature", key="C", time=0))
    for index, text in enumerate(markers):
        meta.append(mido.MetaMessage("marker", text=text, time=0 if index == 0 else every))
    file = mido.MidiFile(type=1, ticks_per_beat=TPQ)
    file.tracks += [meta] + tracks
    path = os.path.join(folder, name)
    file.save(path)
    return path


def tune(bars):
    """A flute's stepwise tune, a quarter or a half note at a time, bars long, in C."""
    notes, keys = [], [72, 74, 76, 74, 72, 71, 72, 74, 76, 77, 76, 74, 72, 71, 69, 71]
    for bar in range(bars):
        for beat, length in ((0, 1), (1, 1), (2, 2)):
            notes.append((bar * BAR + beat * TPQ, length * TPQ - 10, keys[(3 * bar + beat) % len(keys)], 80))
    return notes


def guitar(folder):
    """Four bars in C at 100 bpm: a fingerpicked guitar (a track named Guitar, one note at
    a time: root, fifth, octave, third, fifth, third, octave, fifth in eighths, each let ring
    a little past the next) over C, Am, F and G, under a flute's tune (a track named Flute)."""
    chords = [("C", 48, 4), ("Am", 45, 3), ("F", 41, 4), ("G", 43, 4)]
    picked = []
    for bar, (_, root, third) in enumerate(chords):
        for index, step in enumerate([0, 7, 12, 12 + third, 19, 12 + third, 12, 7]):
            picked.append((bar * BAR + index * TPQ // 2, TPQ // 2 + 60, root + step, 64))
    path = in_c(folder, "guitar.mid", [track_of(tune(4), 0, "Flute", 73), track_of(picked, 1, "Guitar", 25)])
    return {"path": path, "chords": [name for name, _, _ in chords]}


def oompah(folder):
    """Four bars in C at 100 bpm: a piano (a track named Piano) plays each chord's root on
    beat 1 and its fifth on beat 3, low, and the chord's upper notes together on beats 2
    and 4 (C7's E, G and B♭ alone spell E°), under a flute's tune."""
    chords = [("C7", 36, [52, 55, 58], 43), ("F", 41, [57, 60, 65], 48), ("G7", 43, [53, 59, 62], 38), ("C", 36, [52, 55, 60], 43)]
    piano = []
    for bar, (_, root, upper, fifth) in enumerate(chords):
        piano.append((bar * BAR, TPQ - 20, root, 80))
        piano.append((bar * BAR + 2 * TPQ, TPQ - 20, fifth, 80))
        for beat in (1, 3):
            piano += [(bar * BAR + beat * TPQ, TPQ // 2, key, 64) for key in upper]
    path = in_c(folder, "oompah.mid", [track_of(tune(4), 0, "Flute", 73), track_of(piano, 1, "Piano", 0)])
    return {"path": path, "chords": [name for name, _, _, _ in chords]}


def repeats(folder):
    """Ten bars in C at 100 bpm, markers Verse, Chorus, Verse, Chorus, Verse, two bars each:
    the second verse plays the first's notes with other timing and velocities (up to 25
    ticks of 480, 31 ms, and 3 apart), the second chorus plays the first's notes note for note with
    another drum fill in its last bar, and the third verse sings other notes."""
    verse, chorus, other = [72, 74, 76, 72], [79, 77, 76, 74], [67, 69, 71, 72]
    line, drums = [], []
    for section, keys in enumerate([verse, chorus, verse, chorus, other]):
        for bar in range(2):
            for beat, key in enumerate(keys):
                start = (2 * section + bar) * BAR + beat * TPQ
                again = section == 2
                line.append((start + (10 + 5 * beat if again else 0), TPQ - 20, key, 80 + (3 if again else 0)))
            kit = [(0, 36), (TPQ, 38), (2 * TPQ, 36), (3 * TPQ, 38)]
            if bar == 1:
                kit = kit[:2] + ([(2 * TPQ, 45), (3 * TPQ, 43)] if section == 3 else [(2 * TPQ, 38), (3 * TPQ, 38)])
            drums += [((2 * section + bar) * BAR + tick, 60, key, 90) for tick, key in kit]
    path = in_c(folder, "repeats.mid", [track_of(line, 0, "Flute", 73), track_of(drums, 9, "Kit")],
                markers=["Verse", "Chorus", "Verse", "Chorus", "Verse"], every=2 * BAR)
    return {"path": path, "form": ["verse", "chorus", "verse", "chorus", "verse-2"]}


if __name__ == "__main__":
    print(json.dumps({"song": song(sys.argv[1]), "flat": flat(sys.argv[1]), "choir": choir(sys.argv[1]),
                      "guitar": guitar(sys.argv[1]), "oompah": oompah(sys.argv[1]), "repeats": repeats(sys.argv[1])}))
