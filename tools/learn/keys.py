#!/usr/bin/env python3
"""The key each MIDI file is heard in, by music21's key finder (Krumhansl–Schmuckler
profiles over the notes' durations, drums left out), against the key it declares. The
notes are read with mido (music21's own MIDI import quantizes and splits voices, which
the key finder does not need and which takes most of the time).

    python3 tools/learn/keys.py FILE.mid=G FILE2.mid=Dm …

Prints one line per file ("FILE declared G, heard G major: same"; or "relative",
"parallel", "other"; C# and Db count as one key), then "heard as declared N of M".
"""
import sys

import mido
from music21 import note, pitch, stream


def declared(text):
    """"Bbm" -> (10, "minor"): the tonic's pitch class, so C# and Db are one key."""
    minor = text.endswith("m")
    tonic = (text[:-1] if minor else text).replace("♭", "-").replace("b", "-").replace("♯", "#")
    return pitch.Pitch(tonic).pitchClass, "minor" if minor else "major"


def notes_of(path):
    """Every pitched note of a MIDI file (channel 10 left out) as a music21 stream of
    notes with their durations in quarter notes."""
    file = mido.MidiFile(path)
    heard = stream.Stream()
    for track in file.tracks:
        now, sounding = 0, {}
        for message in track:
            now += message.time
            if message.type not in ("note_on", "note_off") or message.channel == 9:
                continue
            slot = (message.channel, message.note)
            if message.type == "note_on" and message.velocity > 0:
                sounding.setdefault(slot, []).append(now)
            elif sounding.get(slot):
                start = sounding[slot].pop(0)
                if now > start:
                    heard.insert(start / file.ticks_per_beat,
                                 note.Note(message.note, quarterLength=(now - start) / file.ticks_per_beat))
    return heard


def main():
    same = 0
    pairs = [argument.rsplit("=", 1) for argument in sys.argv[1:]]
    for path, key in pairs:
        found = notes_of(path).analyze("key")
        tonic, mode = declared(key)
        if found.tonic.pitchClass == tonic and found.mode == mode:
            verdict = "same"
            same += 1
        elif found.relative.tonic.pitchClass == tonic and found.relative.mode == mode:
            verdict = "relative"
        elif found.tonic.pitchClass == tonic:
            verdict = "parallel"
        else:
            verdict = "other"
        print(f"{path} declared {key}, heard {found.tonic.name} {found.mode}: {verdict}")
    print(f"heard as declared {same} of {len(pairs)}")


if __name__ == "__main__":
    main()
