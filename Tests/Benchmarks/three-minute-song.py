#!/usr/bin/env python3
"""Writes the benchmark session: a 3-minute song (90 bars of 4/4 at 120 bpm) with all
four parts in every section, so a render makes a mix and four full stems.

The session format is documented in docs/ARCHITECTURE.md; `cowrite check` validates the
output. Usage: three-minute-song.py OUT.cowrite [MINUTES]

With MINUTES (a multiple of 3), the arrangement is played that many times over (30: a
30-minute song of 960 bars), for measuring how a render grows with the song's length.
"""
import json, sys

TICKS_BAR = 3840
WHEN = "2026-01-01T00:00:00Z"
PROV = {"origin": {"kind": "person", "name": "Benchmark"}, "acceptedAt": WHEN, "edits": []}
PROGRESSIONS = {
    "intro": ["Am", "F", "C", "G"], "verse": ["Am", "F", "C", "G"], "chorus": ["F", "G", "Am", "C"],
    "bridge": ["Dm", "Em", "F", "G"],
}
ROOTS = {"Am": "A1", "F": "F1", "C": "C2", "G": "G1", "Dm": "D2", "Em": "E2"}
SCALE = ["A4", "B4", "C5", "D5", "E5", "G5", "A5", "G5", "E5", "D5", "C5", "B4"]
FORM = [("intro", 8), ("verse", 16), ("chorus", 16), ("bridge", 8)]
ARRANGEMENT = ["intro", "verse", "chorus", "verse", "chorus", "bridge", "chorus"]  # 8+16+16+16+16+8+16 = 96 bars

def section(name, bars):
    chords = [{"start": b * TICKS_BAR, "chord": PROGRESSIONS[name][b % 4]} for b in range(bars)]
    bass, melody, hits = [], [], []
    for b in range(bars):
        root = ROOTS[PROGRESSIONS[name][b % 4]]
        for beat in range(4):
            bass.append({"start": b * TICKS_BAR + beat * 960, "duration": 900, "pitch": root,
                         "velocity": 96 if beat == 0 else 84, "offset": -6})
            hits.append({"start": b * TICKS_BAR + beat * 960, "key": 36 if beat % 2 == 0 else 38,
                         "velocity": 100 if beat % 2 == 0 else 92, "offset": 0 if beat % 2 == 0 else 8})
            for eighth in range(2):
                hits.append({"start": b * TICKS_BAR + beat * 960 + eighth * 480, "key": 42,
                             "velocity": 72 if eighth == 0 else 58, "offset": 6 * eighth})
        if name != "intro":
            for step in range(4):
                melody.append({"start": b * TICKS_BAR + step * 960, "duration": 900,
                               "pitch": SCALE[(b * 4 + step) % len(SCALE)], "velocity": 88, "offset": 0})
    out = {"name": name, "bars": bars, "chords": {"changes": chords, "provenance": PROV},
           "bass": {"notes": bass, "provenance": PROV}, "drums": {"hits": hits, "style": "rock", "provenance": PROV}}
    if melody:
        out["melody"] = {"notes": melody, "provenance": PROV}
    return out

song = {"title": "Three Minutes", "authors": ["Benchmark"], "key": "Am", "tempo": 128, "meter": "4/4",
        "mood": "energetic", "sections": [section(n, b) for n, b in FORM],
        "arrangement": ARRANGEMENT * max(1, int(sys.argv[2]) // 3 if len(sys.argv) > 2 else 1)}
json.dump({"format": "cowrite-session", "version": 1, "savedWith": "three-minute-song.py", "song": song},
          open(sys.argv[1], "w"), indent=2, sort_keys=True)
