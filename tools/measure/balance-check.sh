#!/usr/bin/env bash
# The melody over the band on forty sketches, as help mixing reports it: all twelve moods
# with seeds 2 and 9; calm 3, energetic 73, nostalgic 36, dreamy 5, triumphant 70, sad 47,
# playful 94, dark 11; four arcs with seeds 1 and 4. Each is sketched, accepted and rendered
# with stems by a release build, then measured by tools/measure/melody_over_band.py; the
# last line gives the ranges over all forty. `make balance-check` runs it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cowrite="$root/.build/release/cowrite"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results="$work/results.txt"; : > "$results"
one() {   # name, sketch options
  mkdir -p "$work/$1"
  (cd "$work/$1" && printf 'sketch %s --accept\nrender -o out --stems\nquit\n' "$2" \
     | COWRITE_HELP="$root/help" HOME="$work/$1" "$cowrite" --keep-going > log.txt 2>&1)
  python3 "$root/tools/measure/melody_over_band.py" "$work/$1/out" | sed "s|$work/||; s|/out:|:|" | tee -a "$results"
  rm -rf "$work/$1"
}
for mood in sad melancholy calm dreamy hopeful playful energetic tense dark triumphant romantic nostalgic; do
  for seed in 2 9; do one "$mood-$seed" "mood=$mood seed=$seed"; done
done
for pair in calm:3 energetic:73 nostalgic:36 dreamy:5 triumphant:70 sad:47 playful:94 dark:11; do
  one "${pair%%:*}-${pair##*:}" "mood=${pair%%:*} seed=${pair##*:}"
done
for arc in "calm->tense->triumphant" "energetic->calm" "sad->hopeful" "dreamy->dark->triumphant"; do
  for seed in 1 4; do one "$(echo "$arc" | sed 's/->/-to-/g')-$seed" "arc=$arc seed=$seed"; done
done
python3 - "$results" <<'PY'
import re, sys
rows = [tuple(map(float, re.findall(r'rms median (-?[\d.]+) lower quartile (-?[\d.]+) loudness median (-?[\d.]+)', line)[0]))
        for line in open(sys.argv[1])]
rms, low, lu = zip(*rows)
print(f"{len(rows)} sketches: melody over the band at the bar median {min(rms):.1f}–{max(rms):.1f} dB by RMS "
      f"(lower quartile {min(low):.1f}–{max(low):.1f}), {min(lu):.1f}–{max(lu):.1f} LU by loudness")
PY
