#!/usr/bin/env python3
"""Derive Cowrite's melody tables from real folk songs, on this machine.

Reads the Essen Folksong Collection as music21 ships it (German-language and
neighbouring European songs: the altdeu, ballad, boehme, dva, erk, fink, kinder,
lot, lux and zuccal files) and counts, per meter:

  * bar rhythms: the onsets and lengths of the notes in a bar, on a sixteenth grid;
  * melodic intervals in semitones, apart for notes on strong and weak beats;
  * 4-bar rhythm schemes (which bars of a phrase repeat the rhythm of an earlier one);
  * reference measures the generator's tests compare against: notes per bar, and how
    often a 4-note figure (its intervals and its rhythm) recurs within a song's first
    20 notes.

Writes a JSON table and, from it, the Swift source the melody generator reads.

    python3 tools/learn/learn.py                        # the full tables (several minutes)
    python3 tools/learn/learn.py --sample 40 --out F    # the first 40 songs of one file

Nothing is downloaded: music21's corpus is part of its Python package.
"""
import argparse
import collections
import json
import math
import os
import re
import sys

import music21
from music21 import converter, corpus

FILES = ["altdeu10", "altdeu20", "ballad10", "ballad20", "ballad30", "ballad40", "ballad50", "ballad60",
         "ballad70", "ballad80", "boehme10", "boehme20", "dva0", "erk10", "erk20", "erk30", "erk5", "fink0",
         "kinder0", "lot", "lux", "zuccal0"]
METERS = ["4/4", "3/4", "2/4", "6/8"]
# Meters read as one of METERS with their values scaled: 4/2 is 4/4 in half notes, 2/2 (cut
# time) has the bar of 4/4, 6/4 is 6/8 in quarters.
SAME_AS = {"4/4": ("4/4", 1.0), "2/2": ("4/4", 1.0), "4/2": ("4/4", 0.5), "3/4": ("3/4", 1.0),
           "3/2": ("3/4", 0.5), "2/4": ("2/4", 1.0), "6/8": ("6/8", 1.0), "6/4": ("6/8", 0.5)}
GRID = 0.25          # a sixteenth, in quarter notes
TOP_RHYTHMS = 48     # bar rhythms kept per meter
MAX_INTERVAL = 12    # wider intervals are counted as an octave


def tunes(path):
    """The tunes of one ABC file, each its own text, in file order, with every accidental
    written out (`held_accidentals`)."""
    text = open(path, encoding="latin-1").read()
    parts = re.split(r"(?m)^(?=X:)", text)
    header = parts[0] if not parts[0].startswith("X:") else ""
    return [held_accidentals(header + part) for part in parts if part.startswith("X:")]


TOKEN = re.compile(r"\||(\^\^|__|\^|_|=)?([A-Ga-g])([,']*)|\"[^\"]*\"|![^!]*!")


def held_accidentals(text):
    """ABC's rule written out note by note: an accidental holds for the same note (its
    letter and octave) to the end of the bar. The Essen files lean on it (their K: field
    names the tonic, and a song in E Phrygian writes `=c2c2c2`), and music21's reader
    applies an accidental to its own note only, so the second and third C would be read
    as C sharp."""
    held = {}
    lines = []
    for line in text.split("\n"):
        if re.match(r"^[A-Za-z]:", line) or line.startswith("%"):
            lines.append(line)
            continue
        pieces, position = [], 0
        for match in TOKEN.finditer(line):
            pieces.append(line[position:match.start()])
            token = match.group(0)
            if token == "|":
                held = {}
            elif token[0] not in "\"!":
                accidental, letter, octave = match.groups()
                if accidental:
                    held[letter + octave] = accidental
                elif letter + octave in held:
                    token = held[letter + octave] + token
            pieces.append(token)
            position = match.end()
        pieces.append(line[position:])
        lines.append("".join(pieces))
    return "\n".join(lines)


def strong(meter, offset):
    """Beat 1 (and 3 of 4/4, and the second dotted beat of 6/8) is strong."""
    if meter == "4/4":
        return offset in (0.0, 2.0)
    if meter == "6/8":
        return offset in (0.0, 1.5)
    return offset == 0.0


def analyse(score, stats):
    parts = score.parts if score.parts else [score]
    part = parts[0]
    measures = list(part.getElementsByClass("Measure"))
    if not measures:
        return False
    signature = measures[0].timeSignature or (part.recurse().getElementsByClass("TimeSignature").first())
    if signature is None or signature.ratioString not in SAME_AS:
        return False
    written = signature.ratioString
    meter, scale = SAME_AS[written]
    if any(m.timeSignature is not None and m.timeSignature.ratioString != written for m in measures[1:]):
        return False
    bar_length = signature.barDuration.quarterLength * scale
    table = stats[meter]
    notes = []       # (absolute offset, length, midi, strong)
    bar_rhythms = [] # one per full bar, in order
    position = 0.0
    for measure in measures:
        padding = float(measure.paddingLeft or 0.0) * scale
        full = padding == 0 and abs(measure.duration.quarterLength * scale - bar_length) < 1e-6
        rhythm = []
        for element in measure.notesAndRests:
            offset = float(element.offset) * scale + padding
            length = float(element.quarterLength) * scale
            if element.isRest:
                continue
            if element.isChord:
                return False
            if abs(offset / GRID - round(offset / GRID)) > 1e-6 or abs(length / GRID - round(length / GRID)) > 1e-6:
                return False   # triplets and finer values: not on this grid
            tie = element.tie
            if tie is not None and tie.type in ("stop", "continue"):
                if notes:
                    start, old, midi, was_strong = notes[-1]
                    notes[-1] = (start, old + length, midi, was_strong)
                continue
            notes.append((position + offset - padding, length, element.pitch.midi, strong(meter, offset)))
            rhythm.append((int(round(offset / GRID)), int(round(min(length, bar_length - offset) / GRID))))
        if full:
            bar_rhythms.append(tuple(rhythm))
            table["bars"] += 1
            table["notes"] += len(rhythm)
            table["rhythms"][rhythm and tuple(rhythm) or ()] += 1
        position += measure.duration.quarterLength * scale
    if len(notes) < 8:
        return False
    # Scale degrees, by how long each sounds, counted from the song's final note (its
    # tonic). The files' K: field names that final, not a signature, so the mode is read
    # from the notes: major where the major third over the final sounds longer than the
    # minor third, minor where the minor third does.
    final = notes[-1][2] % 12
    sounding = [0.0] * 12
    for start, length, midi, _ in notes:
        sounding[(midi - final) % 12] += length
    if sounding[4] != sounding[3]:
        mode = "major" if sounding[4] > sounding[3] else "minor"
        stats["degrees"][mode] = [a + b for a, b in zip(stats["degrees"][mode], sounding)]
        stats["modes"][mode] += 1
    for previous, note in zip(notes, notes[1:]):
        step = max(-MAX_INTERVAL, min(MAX_INTERVAL, note[2] - previous[2]))
        table["intervals"]["strong" if note[3] else "weak"][step] += 1
    # 4-bar rhythm schemes, from the first full bar.
    for start in range(0, len(bar_rhythms) - 3, 4):
        group = bar_rhythms[start:start + 4]
        letters, seen = [], {}
        for rhythm in group:
            if rhythm not in seen:
                seen[rhythm] = "ABCD"[len(seen)]
            letters.append(seen[rhythm])
        table["schemes"]["".join(letters)] += 1
    # Recurrence of 4-note figures (their three intervals and four lengths) in the song:
    # the share of figures heard more than once.
    head = notes
    figures = [tuple((b[2] - a[2], a[1]) for a, b in zip(head[i:i + 4], head[i + 1:i + 4])) + (head[i + 3][1],)
               for i in range(len(head) - 3)]
    counts = collections.Counter(figures)
    table["figures"] += len(figures)
    table["recurring"] += sum(1 for figure in figures if counts[figure] > 1)
    table["songs"] += 1
    return True


def empty():
    stats = {meter: {"songs": 0, "bars": 0, "notes": 0, "figures": 0, "recurring": 0,
                    "rhythms": collections.Counter(), "schemes": collections.Counter(),
                    "intervals": {"strong": collections.Counter(), "weak": collections.Counter()}}
            for meter in METERS}
    stats["degrees"] = {"major": [0.0] * 12, "minor": [0.0] * 12}
    stats["modes"] = {"major": 0, "minor": 0}
    return stats


def summarise(stats, files, sample):
    out = {"source": "Essen Folksong Collection (Schaffrath 1995), as shipped in music21's corpus",
           "music21": music21.__version__, "licence": "freely distributable for research; music21's corpus terms",
           "files": files, "sample": sample, "grid": "sixteenths", "meters": {}}
    for meter in METERS:
        table = stats[meter]
        if table["bars"] == 0:
            continue
        ranked = sorted(table["rhythms"].items(), key=lambda item: (-item[1], item[0]))[:TOP_RHYTHMS]
        intervals = {}
        for position in ("strong", "weak"):
            counter = table["intervals"][position]
            total = sum(counter.values())
            intervals[position] = [round(counter.get(step, 0) / total, 5) if total else 0
                                   for step in range(-MAX_INTERVAL, MAX_INTERVAL + 1)]
        schemes = sorted(table["schemes"].items(), key=lambda item: (-item[1], item[0]))
        out["meters"][meter] = {
            "songs": table["songs"], "bars": table["bars"],
            "notesPerBar": round(table["notes"] / table["bars"], 3),
            "figureRecurrence": round(table["recurring"] / table["figures"], 3) if table["figures"] else 0,
            "rhythms": [{"notes": [list(note) for note in rhythm], "count": count} for rhythm, count in ranked if rhythm],
            "intervals": intervals,
            "schemes": [{"scheme": scheme, "count": count} for scheme, count in schemes[:12]],
        }
    # Each degree's share of the sounding time, semitones above the tonic, by mode.
    out["degrees"] = {mode: {"songs": stats["modes"][mode],
                             "shares": [round(value / total, 5) for value in stats["degrees"][mode]]}
                      for mode in ("major", "minor")
                      for total in [sum(stats["degrees"][mode]) or 1.0]}
    return out


def swift(table):
    """The Swift source the generator reads: the same numbers, as literals."""
    lines = ["// Generated by tools/learn/learn.py from " + table["source"] + ",",
             "// music21 " + table["music21"] + "; " + table["licence"] + ". Do not edit: run `make learn`.",
             "", "/// Melody statistics learned from folk songs: bar rhythms, intervals and phrase schemes per meter.",
             "enum FolkTables {",
             "    static let source = " + json.dumps(table["source"]),
             "    static let meters: [String: FolkMeterTable] = ["]
    for meter, entry in table["meters"].items():
        rhythms = ", ".join("FolkRhythm(notes: [" + ", ".join(f"({a}, {b})" for a, b in r["notes"]) + f"], count: {r['count']})"
                            for r in entry["rhythms"])
        schemes = ", ".join(f"(\"{s['scheme']}\", {s['count']})" for s in entry["schemes"])
        lines += [f"        \"{meter}\": FolkMeterTable(",
                  f"            songs: {entry['songs']}, bars: {entry['bars']}, notesPerBar: {entry['notesPerBar']}, figureRecurrence: {entry['figureRecurrence']},",
                  f"            rhythms: [{rhythms}],",
                  f"            strongIntervals: {entry['intervals']['strong']},",
                  f"            weakIntervals: {entry['intervals']['weak']},",
                  f"            schemes: [{schemes}]),"]
    lines += ["    ]"]
    if "degrees" in table:
        lines += ["    /// How long each degree sounds, semitones above the tonic (the song's final note), in",
                  "    /// major and minor songs (the mode read from which third over the final sounds longer).",
                  "    static let degrees: [String: [Double]] = ["]
        lines += [f"        \"{mode}\": {entry['shares']},   // {entry['songs']} songs" for mode, entry in table["degrees"].items()]
        lines += ["    ]"]
    lines += ["}", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, help="read only the first N songs of the first file")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "folk-tables.json"))
    parser.add_argument("--swift", help="also write the Swift table here")
    args = parser.parse_args()
    files = FILES[:1] if args.sample else FILES
    stats = empty()
    paths = {path.stem: path for path in corpus.getComposer("essenFolksong")}
    for name in files:
        texts = tunes(paths[name])
        if args.sample:
            texts = texts[:args.sample]
        for text in texts:
            try:
                score = converter.parse(text, format="abc")
            except Exception:
                continue
            for piece in (score.scores if hasattr(score, "scores") else [score]):
                analyse(piece, stats)
        print(f"{name}: " + ", ".join(f"{m} {stats[m]['songs']}" for m in METERS), file=sys.stderr)
    table = summarise(stats, files, args.sample)
    with open(args.out, "w") as handle:
        json.dump(table, handle, indent=1, sort_keys=True)
        handle.write("\n")
    if args.swift:
        with open(args.swift, "w") as handle:
            handle.write(swift(table))


if __name__ == "__main__":
    main()
