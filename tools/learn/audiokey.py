#!/usr/bin/env python3
"""The key a listener hears in sketches' mixes, by essentia's key extractor, against the key
each sketch declares.

Renders `sketch mood=M seed=S --accept` for every mood and seed with the given Cowrite
binary (mix only), reads each mix with essentia's MonoLoader and KeyExtractor (default
profile "bgate"; others with --profiles), and prints one line per song and, per profile,
how many of each mood were heard in their declared key (C# and Db count as one key).

    python3 tools/learn/audiokey.py --cowrite .build/release/cowrite --out .build/key-check

`make key-check` runs it; `make test` runs it with `--profiles bgate --require 0.8`, so a
mood heard in its declared key less than four times in five fails the tests.
"""
import argparse
import collections
import json
import os
import subprocess

MOODS = "sad melancholy calm dreamy hopeful playful energetic tense dark triumphant romantic nostalgic".split()
PITCH = {"C": 0, "C#": 1, "Db": 1, "D": 2, "D#": 3, "Eb": 3, "E": 4, "F": 5, "F#": 6, "Gb": 6, "G": 7, "G#": 8,
         "Ab": 8, "A": 9, "A#": 10, "Bb": 10, "B": 11}


def declared(key):
    """'G#m' -> (8, 'minor')."""
    minor = key.endswith("m")
    return PITCH[key[:-1] if minor else key], "minor" if minor else "major"


def render(cowrite, folder, mood, seed):
    target = os.path.join(folder, f"{mood}-{seed}")
    if not os.path.exists(os.path.join(target, "mix.wav")):
        script = f'sketch "K" mood={mood} seed={seed} --accept\nrender -o {target}\nquit\n'
        subprocess.run([cowrite], input=script, text=True, cwd=folder, capture_output=True, check=False)
    return target


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cowrite", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seeds", default="11,23,37,41,59")
    parser.add_argument("--profiles", default="bgate,edma,krumhansl")
    parser.add_argument("--require", type=float, default=None,
                        help="exit 1 unless every mood is heard as declared at least this share of the time by the first profile")
    args = parser.parse_args()
    import essentia
    essentia.log.infoActive = False
    essentia.log.warningActive = False
    import essentia.standard as es

    os.makedirs(args.out, exist_ok=True)
    cowrite = os.path.abspath(args.cowrite)
    profiles = args.profiles.split(",")
    heard = {profile: collections.defaultdict(list) for profile in profiles}
    for mood in MOODS:
        for seed in args.seeds.split(","):
            folder = render(cowrite, os.path.abspath(args.out), mood, seed)
            key = json.load(open(os.path.join(folder, "provenance.json")))["song"]["key"]
            tonic, mode = declared(key)
            audio = es.MonoLoader(filename=os.path.join(folder, "mix.wav"), sampleRate=44100)()
            line = [f"{mood}-{seed}", key]
            for profile in profiles:
                found, scale, _ = es.KeyExtractor(profileType=profile)(audio)
                same = PITCH[found] == tonic and scale == mode
                heard[profile][mood].append(same)
                line.append(f"{profile}:{found}{'m' if scale == 'minor' else ''}{'' if same else '!'}")
            print(" ".join(line), flush=True)
    for profile in profiles:
        total = sum(sum(v) for v in heard[profile].values())
        count = sum(len(v) for v in heard[profile].values())
        print(f"{profile}: heard as declared {total} of {count}; " + ", ".join(f"{m} {sum(v)}/{len(v)}" for m, v in heard[profile].items()))
    if args.require is not None:
        short = [m for m, v in heard[profiles[0]].items() if sum(v) < args.require * len(v)]
        if short:
            print(f"key-check FAILED: {', '.join(short)} heard as declared less than {args.require:.0%} of the time ({profiles[0]})")
            raise SystemExit(1)
        print(f"key-check: every mood heard as declared at least {args.require:.0%} of the time ({profiles[0]})")


if __name__ == "__main__":
    main()
