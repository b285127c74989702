#!/usr/bin/env python3
"""How far Cowrite's melodies are from folk melodies, by a classifier that tries to tell them apart.

Reads 8-bar melodies written by Cowrite (a JSON file: a list of {"bars": 8, "notes":
[[start, length, midi], ...]} in ticks of 960 a quarter, 4/4) and 8-bar excerpts of Essen
folk songs in 4/4 from music21's corpus (from the first full bar), measures each melody
(notes per bar; how often its 4-note figures recur with their rhythm, as rhythms alone and
as intervals alone; lengths; steps, repeats and leaps; range; syncopation), and trains a
logistic regression to tell the two apart, scored by ROC AUC over 5-fold cross-validation.
0.5 means it cannot tell them apart; 1.0 means it always can. The same is done for two
halves of the folk excerpts against each other, which should score near 0.5.

    python3 tools/learn/classify.py --cowrite all.json [--cowrite folk-style.json] [--folk 400]
                                    [--without "syncopated" --without "length entropy (bits)" ...]

Prints "AUC folk-vs-folk Y", then for each file (named NAME.json) one line per measure
(means for each side), the measures that tell them apart most, and "AUC NAME-vs-folk X".
With --without, also "AUC NAME-vs-folk without M1, M2: Z": the same classifier blind to
those measures, to see how much of the difference they carry (popular styles must
syncopate, and the Essen songs in 4/4 hardly ever do: 2 notes in 9,886 of 300 excerpts).
"""
import argparse
import collections
import json
import math
import os
import random
import re

import numpy
from music21 import converter, corpus

FILES = ["erk10", "erk20", "erk30", "boehme10", "boehme20", "kinder0", "altdeu10", "altdeu20", "dva0", "fink0"]
QUARTER = 960
BAR = 4 * QUARTER
NAMES = ["notes per bar", "figure recurrence", "rhythm recurrence", "interval recurrence", "mean length (quarters)",
         "length entropy (bits)", "distinct lengths", "steps", "repeats", "leaps over a third", "mean interval",
         "range", "syncopated", "notes on the beat"]


def tunes(path):
    text = open(path, encoding="latin-1").read()
    parts = re.split(r"(?m)^(?=X:)", text)
    header = parts[0] if not parts[0].startswith("X:") else ""
    return [header + part for part in parts if part.startswith("X:")]


def folk_excerpts(limit):
    """8 full bars of 4/4 (or 2/2) songs, as (start, length, midi) in ticks."""
    paths = {path.stem: path for path in corpus.getComposer("essenFolksong")}
    out = []
    for name in FILES:
        for text in tunes(paths[name]):
            if len(out) >= limit:
                return out
            try:
                score = converter.parse(text, format="abc")
            except Exception:
                continue
            parts = score.parts if score.parts else [score]
            measures = list(parts[0].getElementsByClass("Measure"))
            if not measures or measures[0].timeSignature is None or measures[0].timeSignature.ratioString not in ("4/4", "2/2"):
                continue
            full = [m for m in measures if not m.paddingLeft and abs(m.duration.quarterLength - 4) < 1e-6]
            if len(full) < 8:
                continue
            start_bar = measures.index(full[0])
            notes = []
            ok = True
            for index, measure in enumerate(measures[start_bar:start_bar + 8]):
                if measure.timeSignature is not None and index > 0 and measure.timeSignature.ratioString not in ("4/4", "2/2"):
                    ok = False
                for element in measure.notesAndRests:
                    if element.isRest:
                        continue
                    if element.isChord:
                        ok = False
                        break
                    start = int(round(float(element.offset) * QUARTER)) + index * BAR
                    length = int(round(float(element.quarterLength) * QUARTER))
                    if element.tie is not None and element.tie.type in ("stop", "continue") and notes:
                        notes[-1][1] += length
                        continue
                    notes.append([start, length, element.pitch.midi])
            if ok and len(notes) >= 8:
                out.append(notes)
    return out


def recurrence(keys):
    if not keys:
        return 0.0
    counts = collections.Counter(keys)
    return sum(1 for key in keys if counts[key] > 1) / len(keys)


def features(notes, bars=8):
    notes = sorted(notes)
    intervals = [b[2] - a[2] for a, b in zip(notes, notes[1:])]
    lengths = [n[1] for n in notes]
    windows = range(len(notes) - 3)
    figure = [tuple(intervals[i:i + 3]) + tuple(lengths[i:i + 4]) for i in windows]
    rhythm = [tuple(lengths[i:i + 4]) for i in windows]
    melodic = [tuple(intervals[i:i + 3]) for i in windows]
    counts = collections.Counter(lengths)
    entropy = -sum(c / len(lengths) * math.log2(c / len(lengths)) for c in counts.values())
    syncopated = sum(1 for s, l, _ in notes if s % QUARTER != 0 and s + l > (s // QUARTER + 1) * QUARTER)
    on_beat = sum(1 for s, _, _ in notes if s % QUARTER == 0)
    n = max(1, len(intervals))
    return [len(notes) / bars, recurrence(figure), recurrence(rhythm), recurrence(melodic),
            sum(lengths) / len(lengths) / QUARTER, entropy, len(counts),
            sum(1 for i in intervals if 0 < abs(i) <= 2) / n, sum(1 for i in intervals if i == 0) / n,
            sum(1 for i in intervals if abs(i) > 4) / n, sum(abs(i) for i in intervals) / n,
            max(n[2] for n in notes) - min(n[2] for n in notes), syncopated / len(notes), on_beat / len(notes)]


def metric_level(tick):
    """How strong a place in a 4/4 bar is: 0 the downbeat, 1 beat 3, 2 beats 2 and 4, 3 the
    eighths between, 4 the sixteenths, 5 anything finer."""
    tick %= BAR
    for level, unit in enumerate((BAR, 2 * QUARTER, QUARTER, QUARTER // 2, QUARTER // 4)):
        if tick % unit == 0:
            return level
    return 5


def metric_syncopations(notes):
    """Notes that start on a weaker place than one they are held through (Longuet-Higgins and
    Lee's sense: a quarter on beat 2 held over beat 3, an eighth before a beat held across
    it), a wider count than the `syncopated` measure, which counts only the second kind."""
    count = 0
    for start, length, _ in notes:
        level = metric_level(start)
        tick = (start // (QUARTER // 4) + 1) * (QUARTER // 4)
        while tick < start + length:
            if metric_level(tick) < level:
                count += 1
                break
            tick += QUARTER // 4
    return count


def auc(scores, labels):
    """The probability that a random positive scores above a random negative (ties half)."""
    positives = [s for s, l in zip(scores, labels) if l == 1]
    negatives = [s for s, l in zip(scores, labels) if l == 0]
    wins = 0.0
    for p in positives:
        for q in negatives:
            wins += 1 if p > q else 0.5 if p == q else 0
    return wins / (len(positives) * len(negatives))


def logistic(x, y, steps=600, rate=0.3, ridge=0.01):
    w = numpy.zeros(x.shape[1])
    b = 0.0
    for _ in range(steps):
        p = 1 / (1 + numpy.exp(-(x @ w + b)))
        w -= rate * (x.T @ (p - y) / len(y) + ridge * w)
        b -= rate * float(numpy.mean(p - y))
    return w, b


def cross_validated_auc(a, b, folds=5, seed=1):
    rows = [(f, 1) for f in a] + [(f, 0) for f in b]
    random.Random(seed).shuffle(rows)
    x = numpy.array([r[0] for r in rows], dtype=float)
    y = numpy.array([r[1] for r in rows], dtype=float)
    scores = numpy.zeros(len(y))
    for fold in range(folds):
        test = numpy.arange(len(y)) % folds == fold
        mean, spread = x[~test].mean(axis=0), x[~test].std(axis=0) + 1e-9
        w, bias = logistic((x[~test] - mean) / spread, y[~test])
        scores[test] = ((x[test] - mean) / spread) @ w + bias
    return auc(list(scores), list(y))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cowrite", required=True, action="append", help="a JSON file of melodies; may be given more than once")
    parser.add_argument("--folk", type=int, default=400)
    parser.add_argument("--without", action="append", default=[], choices=NAMES, help="a measure the classifier is also run without")
    args = parser.parse_args()
    folk = [features(notes) for notes in folk_excerpts(args.folk)]
    half = len(folk) // 2
    print(f"folk melodies {len(folk)}; AUC folk-vs-folk {cross_validated_auc(folk[:half], folk[half:]):.3f}")
    folk_notes = folk_excerpts(args.folk)
    def metric(melodies):
        notes = sum(len(m) for m in melodies)
        found = [metric_syncopations(m) for m in melodies]
        return f"{100 * sum(found) / max(1, notes):.1f}% of notes, {100 * sum(1 for f in found if f) / max(1, len(melodies)):.0f}% of melodies"
    for path in args.cowrite:
        name = os.path.splitext(os.path.basename(path))[0]
        ours = [features(m["notes"], m.get("bars", 8)) for m in json.load(open(path)) if len(m["notes"]) >= 8]
        print(f"[{name}] {len(ours)} melodies")
        melodies = [m["notes"] for m in json.load(open(path)) if len(m["notes"]) >= 8]
        print(f"[{name}] syncopated in the metric sense (held through a stronger place): cowrite {metric(melodies)}; folk {metric(folk_notes)}")
        for index, measure in enumerate(NAMES):
            print(f"[{name}] {measure}: cowrite {numpy.mean([f[index] for f in ours]):.3f}, folk {numpy.mean([f[index] for f in folk]):.3f}")
        # What tells them apart most: the weights of one fit on all, on standardized measures.
        x = numpy.array(ours + folk, dtype=float)
        y = numpy.array([1] * len(ours) + [0] * len(folk), dtype=float)
        w, _ = logistic((x - x.mean(axis=0)) / (x.std(axis=0) + 1e-9), y)
        ranked = sorted(zip(NAMES, w), key=lambda item: -abs(item[1]))
        print(f"[{name}] tells: " + ", ".join(f"{measure} {weight:+.2f}" for measure, weight in ranked[:5]))
        print(f"AUC {name}-vs-folk {cross_validated_auc(ours, folk):.3f}")
        if args.without:
            keep = [index for index, measure in enumerate(NAMES) if measure not in args.without]
            blind = lambda rows: [[row[index] for index in keep] for row in rows]
            print(f"AUC {name}-vs-folk without {', '.join(args.without)}: {cross_validated_auc(blind(ours), blind(folk)):.3f}")


if __name__ == "__main__":
    main()
