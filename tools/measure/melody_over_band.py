"""The melody over the band, measured from a render's stems with tools Cowrite did not write
(numpy, pyloudnorm, mido): over the bars where a melody note sounds (the bars counted from
song.mid's tempo map and meter), the melody stem against every other stem summed (the
reverb's return included), by RMS (dB) and by BS.1770 loudness (LU). Prints the bar
median and lower quartile by RMS and the bar median by loudness.

    python3 tools/measure/melody_over_band.py RENDER_FOLDER   (a render made with --stems)

`make balance-check` runs it over forty sketches (tools/measure/balance-check.sh).
"""
import sys, glob, wave, numpy as np, mido, pyloudnorm as pyln
def read(path):
    w = wave.open(path); n = w.getnframes(); sr = w.getframerate()
    raw = np.frombuffer(w.readframes(n), dtype=np.uint8).reshape(-1, 3)
    v = (raw[:, 0].astype(np.int32) | (raw[:, 1].astype(np.int32) << 8) | (raw[:, 2].astype(np.int32) << 16))
    v = np.where(v >= 1 << 23, v - (1 << 24), v).astype(np.float64) / (1 << 23)
    return v.reshape(-1, w.getnchannels()), sr
def bars_and_melody(mid):
    m = mido.MidiFile(mid); tpq = m.ticks_per_beat
    tempos = [(0, 500000)]; meters = [(0, 4, 4)]; notes = []
    for t in m.tracks:
        tick = 0; on = {}
        for msg in t:
            tick += msg.time
            if msg.type == 'set_tempo': tempos.append((tick, msg.tempo))
            if msg.type == 'time_signature': meters.append((tick, msg.numerator, msg.denominator))
            if t.name == 'melody':
                if msg.type == 'note_on' and msg.velocity > 0: on[msg.note] = tick
                elif msg.type in ('note_off', 'note_on') and msg.note in on: notes.append((on.pop(msg.note), tick))
    tempos.sort(); meters.sort()
    def sec(tick):
        s = 0.0; last_t, last_tempo = 0, 500000
        for t, tempo in tempos:
            if t > tick: break
            s += (t - last_t) * last_tempo / tpq / 1e6; last_t, last_tempo = t, tempo
        return s + (tick - last_t) * last_tempo / tpq / 1e6
    end = max(e for _, e in notes) if notes else 0
    bars = []; tick = 0
    total = max(max(t for t, _ in tempos), end) + 1
    while tick < total:
        num, den = [(n, d) for t, n, d in meters if t <= tick][-1]
        length = int(tpq * 4 * num / den)
        if any(s < tick + length and e > tick for s, e in notes): bars.append((sec(tick), sec(tick + length)))
        tick += length
    return bars
folder = sys.argv[1]
stems = sorted(glob.glob(folder + '/stems/*.wav'))
mel = [s for s in stems if s.endswith('_melody.wav')][0]
x, sr = read(mel); others = None
for s in stems:
    if s == mel: continue
    y, _ = read(s)
    others = y if others is None else others[:len(y)] + y[:len(others)]
n = min(len(x), len(others)); x, others = x[:n], others[:n]
meter = pyln.Meter(sr)
rms, lu = [], []
for a, b in bars_and_melody(folder + '/song.mid'):
    i, j = int(a * sr), min(n, int(b * sr))
    if j - i < int(0.4 * sr): continue
    p1 = np.mean(x[i:j] ** 2); p2 = np.mean(others[i:j] ** 2)
    if p1 <= 0 or p2 <= 0: continue
    rms.append(10 * np.log10(p1 / p2))
    l1 = meter.integrated_loudness(x[i:j]); l2 = meter.integrated_loudness(others[i:j])
    if np.isfinite(l1) and np.isfinite(l2): lu.append(l1 - l2)
print(f"{folder}: bars {len(rms)} rms median {np.median(rms):.1f} lower quartile {np.percentile(rms, 25):.1f} loudness median {np.median(lu):.1f}")
