#!/usr/bin/env python3
"""The key each MIDI file is heard in, by music21's key finder (Krumhansl–Schmuckler
profiles over the notes' durations, drums left out), against the key it declares.

    python3 tools/learn/keys.py FILE.mid=G FILE2.mid=Dm …

Prints one line per file ("FILE declared G, heard G major: same"; or "relative",
"parallel", "other"; C# and Db count as one key), then "heard as declared N of M".
"""
import sys

from music21 import converter, pitch


def declared(text):
    """"Bbm" -> (10, "minor"): the tonic's pitch class, so C# and Db are one key."""
    minor = text.endswith("m")
    tonic = (text[:-1] if minor else text).replace("♭", "-").replace("b", "-").replace("♯", "#")
    return pitch.Pitch(tonic).pitchClass, "minor" if minor else "major"


def main():
    same = 0
    pairs = [argument.rsplit("=", 1) for argument in sys.argv[1:]]
    for path, key in pairs:
        score = converter.parse(path)
        for part in list(score.parts):
            if any(getattr(instrument, "midiChannel", None) == 9 for instrument in part.getInstruments()):
                score.remove(part)
        found = score.analyze("key")
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
