#!/usr/bin/env python3
"""Reads a MusicXML file with music21 — a reader Cowrite did not write — and prints what
it found as JSON: key and meters, rehearsal marks, tempo marks, each chord symbol with the
pitch classes music21 spells for it, the notes (MIDI number, offset and length in quarter
notes, ties joined) and the lyrics.

    python3 tools/learn/read_musicxml.py FILE.musicxml
"""
import json
import sys

from music21 import converter, expressions, harmony, key, meter, note, tempo


def main(path):
    score = converter.parse(path)
    part = score.parts[0]
    flat = part.flatten()
    found = {
        "keys": [k.sharps for k in flat.getElementsByClass(key.KeySignature)],
        "modes": [getattr(k, "mode", None) for k in flat.getElementsByClass(key.KeySignature)],
        "meters": [m.ratioString for m in flat.getElementsByClass(meter.TimeSignature)],
        "rehearsals": [r.content for r in flat.getElementsByClass(expressions.RehearsalMark)],
        "tempos": [round(t.getQuarterBPM()) for t in flat.getElementsByClass(tempo.MetronomeMark)],
        "chords": [],
        "notes": [],
        "lyrics": [],
        "measures": len(part.getElementsByClass("Measure")),
    }
    for symbol in flat.getElementsByClass(harmony.Harmony):
        if isinstance(symbol, harmony.NoChord):
            found["chords"].append({"offset": float(symbol.offset), "figure": "N.C.", "classes": []})
            continue
        found["chords"].append({"offset": float(symbol.offset), "figure": symbol.figure,
                                "classes": sorted({p.pitchClass for p in symbol.pitches})})
    for item in part.stripTies().flatten().notes:
        if isinstance(item, note.Note):
            found["notes"].append([item.pitch.midi, float(item.offset), float(item.quarterLength)])
            if item.lyric:
                found["lyrics"].append(item.lyric)
    print(json.dumps(found))


if __name__ == "__main__":
    main(sys.argv[1])
