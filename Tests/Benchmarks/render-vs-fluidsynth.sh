#!/usr/bin/env bash
# Render throughput: Cowrite (mix + four stems, mastered) against FluidSynth's own
# command-line renderer (mix only) on the same MIDI file, alternating runs in one
# measurement, medians and ratio reported. Needs a release build and the `fluidsynth`
# program (`make bench` provides both).
set -euo pipefail
runs=${RUNS:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
cowrite="$root/.build/release/cowrite"
soundfont=${COWRITE_SOUNDFONT:-/usr/share/sounds/sf2/FluidR3_GM.sf2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$root/Tests/Benchmarks/three-minute-song.py" "$work/three.cowrite"
"$cowrite" render "$work/three.cowrite" -o "$work/warm" --stems > /dev/null   # also writes song.mid
cp "$work/warm/song.mid" "$work/song.mid"
audio=$(python3 -c "import wave; w = wave.open('$work/warm/mix.wav'); print(w.getnframes() / w.getframerate())" 2>/dev/null \
        || echo 182.5)

cowrite_times=(); fluid_times=()
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$cowrite" render "$work/three.cowrite" -o "$work/out-$i" --stems > /dev/null
  end=$(date +%s.%N); cowrite_times+=("$(echo "$end - $start" | bc -l)")
  start=$(date +%s.%N)
  fluidsynth -ni -q -F "$work/fluid-$i.wav" -r 44100 "$soundfont" "$work/song.mid" > /dev/null 2>&1
  end=$(date +%s.%N); fluid_times+=("$(echo "$end - $start" | bc -l)")
  rm -rf "$work/out-$i" "$work/fluid-$i.wav"
done

python3 - "$audio" "${cowrite_times[*]}" "${fluid_times[*]}" <<'PY'
import statistics, sys
audio = float(sys.argv[1])
c = [float(x) for x in sys.argv[2].split()]
f = [float(x) for x in sys.argv[3].split()]
mc, mf = statistics.median(c), statistics.median(f)
print(f"render throughput, 3-minute four-part song ({audio:.1f} s of audio), {len(c)} alternating runs")
print(f"  cowrite render --stems (mix + 4 stems, mastered): median {mc:.2f} s  (min {min(c):.2f}, max {max(c):.2f})  {audio / mc:.0f}x real time  [target >= 60x]")
print(f"  fluidsynth -ni -F (mix only):                     median {mf:.2f} s  (min {min(f):.2f}, max {max(f):.2f})  {audio / mf:.0f}x real time")
print(f"  ratio cowrite / fluidsynth: {mc / mf:.2f}  [target <= 1.0]")
PY
