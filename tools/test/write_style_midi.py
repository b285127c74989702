#!/usr/bin/env python3
"""Writes a songwriter's folder of MIDI files with mido — a MIDI writer Cowrite did not
write — in one consistent style, for the tests of `learn`:

    python3 tools/test/write_style_midi.py FOLDER

Three 8-bar songs in G major, 4/4, 100 bpm, 480 ticks a quarter, each with four tracks:
- piano chords, two a bar, walking I-iii-IV-ii and I-iii-IV-V, every song ending V-I;
- a flute melody whose every bar is the rhythm dotted eighth, sixteenth, quarter, half,
  each note held 90% of its length;
- a bass line on the tresillo (dotted eighth, dotted eighth, eighth) and a half note;
- drums on channel 10: kick on 1, the "a" of 2 and the "and" of 3 (sixteenths 0, 6, 10),
  snare on 2 and 4 played 24 ticks (30 ms) late, closed hats on the eighths, accented on
  the beat, and an open hat on the last eighth of every fourth bar.
Also `notes.txt` (not MIDI) and `broken.mid` (cut short), which learning must skip.
Prints what the files hold as JSON.
"""
import json
import os
import sys

import mido

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "learn"))
from write_midi import track_of  # noqa: E402  (the same track writer as the import tests)

TPQ = 480
S = TPQ // 4          # a sixteenth
BAR = 16 * S
G, B, C, D, E, A, FS = 55, 59, 60, 62, 64, 57, 66

# Chords as (root MIDI in the piano's octave, triad intervals)
CHORDS = {"I": (55, [0, 4, 7]), "iii": (59, [0, 3, 7]), "IV": (60, [0, 4, 7]), "ii": (57, [0, 3, 7]), "V": (62, [0, 4, 7])}
SONGS = [
    ["I", "iii", "IV", "ii", "I", "iii", "IV", "V", "I", "iii", "IV", "ii", "I", "iii", "V", "I"],
    ["I", "iii", "IV", "V", "I", "iii", "IV", "ii", "I", "iii", "IV", "V", "IV", "ii", "V", "I"],
    ["I", "iii", "IV", "ii", "V", "I", "iii", "IV", "I", "iii", "IV", "ii", "I", "IV", "V", "I"],
]


def track(name, channel, program, notes):
    """A track from (start, duration, key, velocity), as the import tests' writer makes one."""
    return track_of(notes, channel, name, program)


def song(steps):
    chords, melody, bass, drums = [], [], [], []
    for index, step in enumerate(steps):
        root, shape = CHORDS[step]
        start = index * 8 * S
        for interval in shape:
            chords.append((start, 8 * S - 10, root + interval, 70))
    for bar in range(8):
        base = bar * BAR
        first, second = steps[2 * bar], steps[2 * bar + 1]
        r1, s1 = CHORDS[first]
        r2, s2 = CHORDS[second]
        # Melody: chord tones an octave up, on the bar's rhythm.
        tones = [r1 + 12 + s1[2], r1 + 12 + s1[1], r1 + 12 + s1[0], r2 + 12 + s2[1]]
        # Each note let go a little early, at 90% of its length, as a player does (read
        # note by note, the dotted eighth had ended on a triplet place).
        for (onset, length), key in zip([(0, 3), (3, 1), (4, 4), (8, 8)], tones):
            melody.append((base + onset * S, length * S * 9 // 10, key, 90))
        # Bass: root, fifth, root on the tresillo, then the second chord's root.
        for (onset, length), key in zip([(0, 3), (3, 3), (6, 2), (8, 8)], [r1 - 24, r1 - 24 + 7, r1 - 24, r2 - 24]):
            bass.append((base + onset * S, length * S - 10, key, 96))
        for place in (0, 6, 10):
            drums.append((base + place * S, S // 2, 36, 110))
        for place in (4, 12):
            drums.append((base + place * S + 24, S // 2, 38, 105))
        for place in range(0, 16, 2):
            if place == 14 and bar % 4 == 3:
                drums.append((base + place * S, S // 2, 46, 90))
            else:
                drums.append((base + place * S, S // 2, 42, 100 if place % 4 == 0 else 64))
    file = mido.MidiFile(type=1, ticks_per_beat=TPQ)
    meta = mido.MidiTrack()
    meta.append(mido.MetaMessage("set_tempo", tempo=600000, time=0))
    meta.append(mido.MetaMessage("time_signature", numerator=4, denominator=4, time=0))
    meta.append(mido.MetaMessage("key_signature", key="G", time=0))
    meta.append(mido.MetaMessage("end_of_track", time=0))
    file.tracks.append(meta)
    file.tracks.append(track("Piano", 0, 0, chords))
    file.tracks.append(track("Flute", 1, 73, melody))
    file.tracks.append(track("Bass", 2, 33, bass))
    file.tracks.append(track("Drums", 9, None, drums))
    return file


def main():
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    for number, steps in enumerate(SONGS, start=1):
        song(steps).save(os.path.join(folder, f"song{number}.mid"))
    with open(os.path.join(folder, "notes.txt"), "w") as handle:
        handle.write("lyrics ideas, not music\n")
    whole = open(os.path.join(folder, "song1.mid"), "rb").read()
    with open(os.path.join(folder, "broken.mid"), "wb") as handle:
        handle.write(whole[:60])
    transitions = sorted({(a, b) for steps in SONGS for a, b in zip(steps, steps[1:]) if a != b})
    print(json.dumps({"songs": len(SONGS), "transitions": transitions, "melody": [[0, 3], [3, 1], [4, 4], [8, 8]],
                      "bass": [0, 3, 6, 8], "kick": [0, 6, 10], "snare": [4, 12], "snareLate": 48}))


if __name__ == "__main__":
    main()
