#!/usr/bin/env bash
# Render throughput: Cowrite (mix + four stems, mastered) against FluidSynth's own
# command-line renderer (mix only) on the same MIDI file, alternating runs in one
# measurement, medians and ratio reported. Needs a release build and the `fluidsynth`
# program (`make bench` provides both).
# Then the peak resident memory of one render with stems, and start-up time.
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

# Peak memory of one more render with stems (/usr/bin/time -v: maximum resident set).
/usr/bin/time -v "$cowrite" render "$work/three.cowrite" -o "$work/memory" --stems > /dev/null 2> "$work/time.txt"
peak_kb=$(grep "Maximum resident set size" "$work/time.txt" | grep -o '[0-9]*$')

# Start-up to a ready prompt: the program reading its first command ("quit") from a pipe;
# the SoundFont loads on the first render, not here.
startup=()
for i in $(seq 20); do
  start=$(date +%s.%N)
  echo quit | "$cowrite" > /dev/null
  end=$(date +%s.%N); startup+=("$(echo "$end - $start" | bc -l)")
done

python3 - "$audio" "${cowrite_times[*]}" "${fluid_times[*]}" "$peak_kb" "${startup[*]}" <<'PY'
import statistics, sys
audio = float(sys.argv[1])
c = [float(x) for x in sys.argv[2].split()]
f = [float(x) for x in sys.argv[3].split()]
mc, mf = statistics.median(c), statistics.median(f)
print(f"render throughput, 3-minute four-part song ({audio:.1f} s of audio), {len(c)} alternating runs")
print(f"  cowrite render --stems (mix + 4 stems, mastered): median {mc:.2f} s  (min {min(c):.2f}, max {max(c):.2f})  {audio / mc:.0f}x real time  [target >= 60x]")
print(f"  fluidsynth -ni -F (mix only):                     median {mf:.2f} s  (min {min(f):.2f}, max {max(f):.2f})  {audio / mf:.0f}x real time")
ratio = mc / mf
print(f"  ratio cowrite / fluidsynth: {ratio:.2f}  [target <= 1.0] {'ok' if ratio <= 1.0 else 'MISSED'}"
      f"   real time {audio / mc:.0f}x [target >= 60x] {'ok' if audio / mc >= 60 else 'MISSED'}")
peak = int(sys.argv[4]) / 1024
print(f"peak resident memory, cowrite render --stems of the same song: {peak:.0f} MB  [target < 600 MB] {'ok' if peak < 600 else 'MISSED'}")
s = [float(x) * 1000 for x in sys.argv[5].split()]
ms = statistics.median(s)
print(f"start-up to a ready prompt (20 runs): median {ms:.0f} ms, max {max(s):.0f} ms  [target < 150 ms] {'ok' if ms < 150 else 'MISSED'}")
PY
