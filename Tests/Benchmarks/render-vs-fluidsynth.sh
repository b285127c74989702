#!/usr/bin/env bash
# Render throughput: Cowrite (mix + four dry stems and the reverb's return, mastered) against FluidSynth's own
# command-line renderer (mix only) on the same MIDI file, alternating runs in one
# measurement, medians and ratio reported. Needs a release build and the `fluidsynth`
# program (`make bench` provides both).
# Then the peak resident memory of one render with stems, start-up time, and how memory,
# CPU and wall time grow from a 3-minute to a 30-minute song against FluidSynth's.
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

# Length and CPU: the same song at 3 and at 30 minutes, Cowrite (mix + 4 stems + reverb return) and
# FluidSynth (the same MIDI file) in turn, each under /usr/bin/time -v: peak resident
# memory and CPU time (user + system), medians of LENGTH_RUNS alternating runs.
length_runs=${LENGTH_RUNS:-3}
length_report="$work/length.txt"; : > "$length_report"
for minutes in 3 30; do
  python3 "$root/Tests/Benchmarks/three-minute-song.py" "$work/m$minutes.cowrite" "$minutes"
  "$cowrite" render "$work/m$minutes.cowrite" -o "$work/m$minutes-warm" --stems > /dev/null
  cp "$work/m$minutes-warm/song.mid" "$work/m$minutes.mid"; rm -rf "$work/m$minutes-warm"
  for i in $(seq "$length_runs"); do
    /usr/bin/time -v "$cowrite" render "$work/m$minutes.cowrite" -o "$work/m$minutes-out" --stems > /dev/null 2> "$work/t.txt"
    echo "cowrite $minutes $(grep 'Maximum resident' "$work/t.txt" | grep -o '[0-9]*$') $(grep 'User time' "$work/t.txt" | grep -o '[0-9.]*$') $(grep 'System time' "$work/t.txt" | grep -o '[0-9.]*$') $(grep 'Elapsed (wall' "$work/t.txt" | awk '{print $NF}')" >> "$length_report"
    rm -rf "$work/m$minutes-out"
    /usr/bin/time -v fluidsynth -ni -q -F "$work/f.wav" -r 44100 "$soundfont" "$work/m$minutes.mid" > /dev/null 2> "$work/t.txt"
    echo "fluidsynth $minutes $(grep 'Maximum resident' "$work/t.txt" | grep -o '[0-9]*$') $(grep 'User time' "$work/t.txt" | grep -o '[0-9.]*$') $(grep 'System time' "$work/t.txt" | grep -o '[0-9.]*$') $(grep 'Elapsed (wall' "$work/t.txt" | awk '{print $NF}')" >> "$length_report"
    rm -f "$work/f.wav"
  done
done

# Start-up to a ready prompt: the program reading its first command ("quit") from a pipe;
# the SoundFont loads on the first render, not here.
startup=()
for i in $(seq 20); do
  start=$(date +%s.%N)
  echo quit | "$cowrite" > /dev/null
  end=$(date +%s.%N); startup+=("$(echo "$end - $start" | bc -l)")
done

python3 - "$audio" "${cowrite_times[*]}" "${fluid_times[*]}" "$peak_kb" "${startup[*]}" "$length_report" <<'PY'
import statistics, sys
audio = float(sys.argv[1])
c = [float(x) for x in sys.argv[2].split()]
f = [float(x) for x in sys.argv[3].split()]
mc, mf = statistics.median(c), statistics.median(f)
print(f"render throughput, 3-minute four-part song ({audio:.1f} s of audio), {len(c)} alternating runs")
print(f"  cowrite render --stems (mix + 4 stems + reverb return, mastered): median {mc:.2f} s  (min {min(c):.2f}, max {max(c):.2f})  {audio / mc:.0f}x real time  [target >= 60x]")
print(f"  fluidsynth -ni -F (mix only):                     median {mf:.2f} s  (min {min(f):.2f}, max {max(f):.2f})  {audio / mf:.0f}x real time")
ratio = mc / mf
print(f"  ratio cowrite / fluidsynth: {ratio:.2f}  [target <= 1.0] {'ok' if ratio <= 1.0 else 'MISSED'}"
      f"   real time {audio / mc:.0f}x [target >= 60x] {'ok' if audio / mc >= 60 else 'MISSED'}")
peak = int(sys.argv[4]) / 1024
print(f"peak resident memory, cowrite render --stems of the same song: {peak:.0f} MB  [target <= 250 MB] {'ok' if peak <= 250 else 'MISSED'}")
s = [float(x) * 1000 for x in sys.argv[5].split()]
ms = statistics.median(s)
print(f"start-up to a ready prompt (20 runs): median {ms:.0f} ms, max {max(s):.0f} ms  [target < 150 ms] {'ok' if ms < 150 else 'MISSED'}")

def seconds(text):
    parts = [float(p) for p in text.split(":")]
    return sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
rows = [line.split() for line in open(sys.argv[6]) if line.strip()]
print("render by length, mix + 4 stems + reverb return against fluidsynth -ni -F on the same MIDI, medians of alternating runs (/usr/bin/time -v)")
for minutes in ("3", "30"):
    def pick(who, column):
        return statistics.median(float(r[column]) if column != 5 else seconds(r[5]) for r in rows if r[0] == who and r[1] == minutes)
    memory_c, memory_f = pick("cowrite", 2) / 1024, pick("fluidsynth", 2) / 1024
    cpu_c = statistics.median(float(r[3]) + float(r[4]) for r in rows if r[0] == "cowrite" and r[1] == minutes)
    cpu_f = statistics.median(float(r[3]) + float(r[4]) for r in rows if r[0] == "fluidsynth" and r[1] == minutes)
    wall_c, wall_f = pick("cowrite", 5), pick("fluidsynth", 5)
    print(f"  {minutes:>2} min: cowrite {wall_c:.1f} s wall, {cpu_c:.1f} s CPU, {memory_c:.0f} MB peak; "
          f"fluidsynth {wall_f:.1f} s wall, {cpu_f:.1f} s CPU, {memory_f:.0f} MB peak")
    print(f"          peak memory {memory_c:.0f} MB [target <= 250 MB] {'ok' if memory_c <= 250 else 'MISSED'}; "
          f"CPU ratio {cpu_c / cpu_f:.2f} [target <= 1.2] {'ok' if cpu_c / cpu_f <= 1.2 else 'MISSED'}; "
          f"wall ratio {wall_c / wall_f:.2f} [target <= 0.7] {'ok' if wall_c / wall_f <= 0.7 else 'MISSED'}")
PY
