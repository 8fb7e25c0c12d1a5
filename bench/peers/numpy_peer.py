"""numpy's side of `npm run bench`: the same measurements, inputs and timing rules as
bench/lib/child.mjs, bench/lib/inputs.mjs and bench/lib/measure.mjs, in Python.

  python3 bench/peers/numpy_peer.py '<json: {"measurements": [...], "settings": {...}}>'

Prints one `@@BENCH <json>` line per event. bench/peers/numpy.mjs starts it with OpenBLAS on
2 threads and without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE in its environment.
"""
import ctypes
import glob
import json
import os
import platform
import sys
import time


def emit(obj):
    sys.stdout.write("@@BENCH " + json.dumps(obj) + "\n")
    sys.stdout.flush()


try:
    import numpy as np
except Exception as e:  # reported as n/a by run.mjs
    emit({"type": "loadError", "reason": f"import numpy failed: {e}"})
    sys.exit(0)


def openblas_info():
    """OpenBLAS's core name and config, read from the library numpy links (best effort)."""
    libdir = os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs")
    for path in glob.glob(os.path.join(libdir, "*openblas*")):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix, suffix in (("scipy_openblas", "64_"), ("scipy_openblas", ""), ("openblas", "64_"), ("openblas", "")):
            try:
                core = getattr(lib, f"{prefix}_get_corename{suffix}")
                core.restype = ctypes.c_char_p
                nthreads = getattr(lib, f"{prefix}_get_num_threads{suffix}")
                return f"{core().decode()} core, {nthreads()} threads"
            except AttributeError:
                continue
    return "OpenBLAS details unavailable"


def hash_values(size, seed, dtype="float32", scale=1.0):
    """bench/lib/inputs.mjs's hashValues, bit for bit."""
    s = np.uint32((seed * 0x9E3779B9) & 0xFFFFFFFF)
    h = np.arange(size, dtype=np.uint32) + s
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    v = ((h.astype(np.float64) / 4294967296.0) * 2.0 - 1.0) * scale
    return v.astype(np.float64 if dtype == "float64" else np.float32)


_cache = {}


def get(seed, size, dtype="float32", scale=1.0):
    key = (seed, size, dtype, scale)
    if key not in _cache:
        _cache[key] = hash_values(size, seed, dtype, scale)
    return _cache[key]


def prepare(m):
    kind = m["kind"]
    if kind == "matmul":
        shape = (m["batch"], m["n"], m["n"]) if m["batch"] else (m["n"], m["n"])
        size = int(np.prod(shape))
        a = get(1, size, m["dtype"]).reshape(shape)
        b = get(2, size, m["dtype"]).reshape(shape)
        return (lambda: np.matmul(a, b)), None
    if kind == "add":
        a, b = get(3, m["size"]), get(4, m["size"])
        return (lambda: a + b), "a + b"
    if kind == "add2x2":
        a, b = get(5, 4).reshape(2, 2), get(6, 4).reshape(2, 2)
        return (lambda: a + b), "a + b"
    if kind == "assignAdd2x2":
        v, x = get(7, 4).copy().reshape(2, 2), get(8, 4).reshape(2, 2)

        def run():
            v.__iadd__(x)
            return v
        return run, "v += x (in place, no variable)"
    if kind == "reduceSum":
        x = get(9, m["size"])
        return (lambda: x.sum()), "pairwise float32 sum"
    if kind == "argmax":
        x = get(9, m["size"])
        return (lambda: np.argmax(x)), "int64 output"
    if kind == "cast":
        x = get(10, m["size"], "float32", 1000.0)
        return (lambda: x.astype(np.int32)), None
    if kind in ("softmax", "sparseXent", "xent"):
        x = get(11, m["rows"] * m["depth"], "float32", 4.0).reshape(m["rows"], m["depth"])
        labels = (np.arange(m["rows"], dtype=np.int64) * 7919) % m["depth"]
        rows = np.arange(m["rows"])
        if kind == "softmax":
            def softmax():
                e = np.exp(x - x.max(axis=-1, keepdims=True))
                return e / e.sum(axis=-1, keepdims=True)
            return softmax, "exp(x - max) / sum"
        if kind == "sparseXent":
            def sparse():
                s = x - x.max(axis=-1, keepdims=True)
                return np.log(np.exp(s).sum(axis=-1)) - s[rows, labels]
            return sparse, "logsumexp - x[label] (loss only)"
        onehot = np.zeros_like(x)
        onehot[rows, labels] = 1

        def dense():
            s = x - x.max(axis=-1, keepdims=True)
            return -(onehot * (s - np.log(np.exp(s).sum(axis=-1, keepdims=True)))).sum(axis=-1)
        return dense, "-sum(labels * log_softmax) (loss only)"
    return None, None


def now_ms():
    return time.perf_counter_ns() / 1e6


def time_batch(run, reps):
    t0 = now_ms()
    for _ in range(reps):
        run()
    return now_ms() - t0


def measure(run, s):
    """bench/lib/measure.mjs's measure()."""
    if s.get("predictedMs") is not None and s["predictedMs"] > s["maxOpMs"]:
        return {"skipped": f"time cap: predicted {s['predictedMs'] / 1000:.3g} s per op > {s['maxOpMs'] / 1000:.3g} s"}
    cold = time_batch(run, 1)
    est, spent = cold, cold
    if cold * 4 < s["budgetMs"]:
        batch = 1
        while True:
            t = time_batch(run, batch)
            spent += t
            est = min(est, t / batch)
            if (spent >= s["warmupMs"] and t >= s["targetRoundMs"] / 4) or spent > s["budgetMs"] / 2:
                break
            if t < s["targetRoundMs"] / 4:
                batch *= 2
        for _ in range(4):
            if not (est < s["targetRoundMs"] / 2 and spent < s["budgetMs"] / 2):
                break
            reps = max(1, round(s["targetRoundMs"] / est))
            t = time_batch(run, reps)
            spent += t
            est = min(est, t / reps)
            if t >= s["targetRoundMs"] / 2:
                break
    reps = max(1, round(s["targetRoundMs"] / max(est, 1e-6)))
    rounds = s["rounds"]
    if rounds * reps * est > s["budgetMs"]:
        reps = max(1, int(s["budgetMs"] // (rounds * est)))
        if rounds * reps * est > s["budgetMs"]:
            rounds = max(1, min(rounds, int(s["budgetMs"] // est)))
    per_op = sorted(time_batch(run, reps) / reps for _ in range(rounds))
    mid = len(per_op) // 2
    op_ms = per_op[mid] if len(per_op) % 2 else (per_op[mid - 1] + per_op[mid]) / 2
    return {"opMs": op_ms, "minMs": per_op[0], "rounds": rounds, "reps": reps, "coldMs": cold}


def probe(out):
    flat = np.asarray(out).reshape(-1)
    n = flat.size
    idx = [0] if n <= 1 else [0, n // 2, n - 1]
    return [float(flat[i]) for i in idx]


def main():
    plan = json.loads(sys.argv[1])
    s = plan["settings"]
    emit({"type": "info", "version": np.__version__,
          "detail": f"{openblas_info()}; Python {platform.python_version()}"})
    rates = {}
    for m in plan["measurements"]:
        try:
            run, note = prepare(m)
        except Exception as e:
            emit({"type": "error", "id": m["id"], "reason": str(e)[:200]})
            continue
        if run is None:
            emit({"type": "unsupported", "id": m["id"]})
            continue
        try:
            predicted = None
            if m["kind"] == "matmul" and not m["batch"]:
                rate = rates.get(m["dtype"])
                if rate is None and m["dtype"] == "float64" and "float32" in rates:
                    rate = rates["float32"] / 2
                if rate:
                    predicted = m["work"] / rate
            r = measure(run, dict(s, predictedMs=predicted))
            if "skipped" in r:
                emit({"type": "skip", "id": m["id"], "reason": r["skipped"]})
                continue
            if m["kind"] == "matmul" and not m["batch"]:
                rates[m["dtype"]] = m["work"] / r["opMs"]
            value = r["opMs"] * 1000 if m["unit"] == "µs/op" else m["work"] / (r["opMs"] / 1000) / 1e9
            emit(dict(type="result", id=m["id"], value=value, unit=m["unit"], probe=probe(run()), note=note, **r))
        except Exception as e:
            emit({"type": "error", "id": m["id"], "reason": str(e)[:200]})
    emit({"type": "done"})


if __name__ == "__main__":
    main()
