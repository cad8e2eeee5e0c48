"""Shared pieces of the ScratchNet peer benchmarks: options, thread setup, MNIST, BLAS detection,
timing helpers and the report.

This module imports only the standard library at load time, on purpose: the BLAS thread count and
OpenMP policy are read from the environment when the native libraries are loaded, so
`configure_threads` must run before numpy or torch is imported.
"""

import argparse
import ctypes
import gzip
import json
import math
import os
import struct
import sys
import time

# The workloads as ScratchNet runs them (its bench.Workloads and W2Benchmark; PeerProtocolTest checks
# that these agree with them).
W1_ITERATIONS = 500
W1_LR = 0.1
W2_BATCH = 128
W2_LR = 0.05
W2_MOMENTUM = 0.9
W2_SIZES = (784, 512, 512, 10)
INFER_BATCH = 1000
INFER_WARMUP = 5            # untimed passes first, as ScratchNet's W2Benchmark (its JIT needs them)
INFER_REPEATS = 15
LATENCY_WARMUP = 500
LATENCY_REPEATS = 5000      # as ScratchNet's W2_LATENCY_SAMPLES
SEED = 1                    # as ScratchNet's bench (the generators differ, so the weights do too)

# The lengths of ScratchNet's `bench --quick`, so a smoke run compares like with like.
QUICK_W1_ITERATIONS = 20
QUICK_W2_EPOCHS = 0.2


def default_data_dir():
    # Same search order as ScratchNet where it can be, but the shared copy first: the peers never
    # download anything.
    for d in (os.environ.get("SCRATCHNET_DATA"), "/work/shared/mnist",
              os.path.expanduser("~/.cache/scratchnet/mnist")):
        if d and os.path.isdir(d):
            return d
    return "/work/shared/mnist"


def parse_args(peer):
    p = argparse.ArgumentParser(
        prog=os.path.basename(sys.argv[0]),
        description=f"The ScratchNet benchmark workloads W1 and W2 in {peer} (see bench/peers/README.md).")
    p.add_argument("--threads", type=int, default=2, help="BLAS/OpenMP threads (default 2)")
    p.add_argument("--only", choices=("w1", "w2"), help="run one workload only")
    p.add_argument("--data", default=default_data_dir(),
                   help="directory with the four MNIST IDX .gz files (default %(default)s)")
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.add_argument("--w1-iterations", type=int, default=W1_ITERATIONS,
                   help="timed full-batch iterations of W1 (default %(default)s)")
    p.add_argument("--w2-epochs", type=float, default=1.0,
                   help="length of W2's warm-up and of its timed run, in epochs; a fraction "
                        "shortens both for smoke tests (default 1)")
    p.add_argument("--quick", action="store_true",
                   help=f"smoke run: W1 {QUICK_W1_ITERATIONS} iterations, W2 {QUICK_W2_EPOCHS} epoch")
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--keep-openblas-overrides", action="store_true",
                   help="keep OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE if the environment sets them "
                        "(by default they are unset, so that OpenBLAS picks this CPU's own kernels)")
    a = p.parse_args()
    if a.threads < 1:
        p.error("--threads must be at least 1")
    if a.w1_iterations < 1:
        p.error("--w1-iterations must be at least 1")
    if not (0 < a.w2_epochs <= 1):
        p.error("--w2-epochs must be in (0, 1]")
    if a.quick:
        a.w1_iterations = min(a.w1_iterations, QUICK_W1_ITERATIONS)
        a.w2_epochs = min(a.w2_epochs, QUICK_W2_EPOCHS)
    return a


# Set on some machines so that old OpenBLAS builds stay correct; they force every OpenBLAS onto
# the named core's kernels (Haswell: AVX2) whatever the CPU. On a Zen 5 they halved both peers'
# sgemm (numpy 396 -> 218 GFLOP/s, PyTorch 361 -> 205, results equal): no fair peer runs with them.
OPENBLAS_OVERRIDES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def drop_openblas_overrides(environ, keep=False):
    """Removes OPENBLAS_OVERRIDES from `environ` (unless keep) and returns what was removed, as a
    dict; must run before the BLAS is loaded, which reads them once."""
    if keep:
        return {}
    return {var: environ.pop(var) for var in OPENBLAS_OVERRIDES if var in environ}


def configure_threads(threads):
    """Pins every native thread pool to `threads` before numpy/torch load.

    torch.set_num_threads alone is not enough with Debian's torch: its matrix products go to the
    system OpenBLAS (pthread build), whose own pool ignores torch's setting and uses every core
    unless OPENBLAS_NUM_THREADS says otherwise (measured: a "1-thread" torch sgemm ran at 137
    GFLOP/s, more than one core's peak). OMP_WAIT_POLICY=PASSIVE stops idle OpenMP workers from
    spinning on a machine with only 2 cores, where a spinning worker steals the core the BLAS
    thread needs.
    """
    n = str(threads)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = n
    os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
    if "numpy" in sys.modules or "torch" in sys.modules:
        raise RuntimeError("configure_threads must run before numpy/torch are imported")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- MNIST

_FILES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 60000),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", 10000),
}


class DataError(Exception):
    pass


def _read_gz(path):
    if not os.path.isfile(path):
        raise DataError(f"missing MNIST file {path}")
    try:
        with gzip.open(path, "rb") as f:
            return f.read()
    except (OSError, EOFError) as e:
        raise DataError(f"{path}: not a readable gzip file ({e})")


def _idx_images(path, expected):
    raw = _read_gz(path)
    if len(raw) < 16:
        raise DataError(f"{path}: too short for an IDX header")
    magic, count, rows, cols = struct.unpack(">IIII", raw[:16])
    if magic != 2051 or rows != 28 or cols != 28 or count != expected:
        raise DataError(f"{path}: IDX header magic={magic} count={count} {rows}x{cols}, "
                        f"expected magic=2051 count={expected} 28x28")
    if len(raw) != 16 + count * rows * cols:
        raise DataError(f"{path}: {len(raw) - 16} pixel bytes, expected {count * rows * cols}")
    return raw[16:], count


def _idx_labels(path, expected):
    raw = _read_gz(path)
    if len(raw) < 8:
        raise DataError(f"{path}: too short for an IDX header")
    magic, count = struct.unpack(">II", raw[:8])
    if magic != 2049 or count != expected or len(raw) != 8 + count:
        raise DataError(f"{path}: IDX header magic={magic} count={count} ({len(raw) - 8} bytes), "
                        f"expected magic=2049 count={expected}")
    return raw[8:]


def load_mnist(data_dir):
    """(x_train [60000,784] float32 in [0,1], y_train [60000] int64, x_test, y_test), as numpy.

    Pixels are divided by 255 in float32, as ScratchNet's IdxReader does (value/255f)."""
    import numpy as np
    out = []
    for split in ("train", "test"):
        img_name, lbl_name, n = _FILES[split]
        pixels, _ = _idx_images(os.path.join(data_dir, img_name), n)
        labels = _idx_labels(os.path.join(data_dir, lbl_name), n)
        x = np.frombuffer(pixels, dtype=np.uint8).reshape(n, 784).astype(np.float32) / np.float32(255)
        y = np.frombuffer(labels, dtype=np.uint8).astype(np.int64)
        if y.max() > 9:
            raise DataError(f"{os.path.join(data_dir, lbl_name)}: label {y.max()} is not a digit")
        out += [np.ascontiguousarray(x, dtype=np.float32), y]
    return tuple(out)


# ---------------------------------------------------------------- BLAS detection

def blas_info():
    """Which BLAS the process actually loaded, from /proc/self/maps, and its own report.

    Call after at least one matrix product (libraries can be loaded lazily). Returns
    (description, is_openblas, openblas_threads or None, core or None), where core is the kernel
    set OpenBLAS chose (openblas_get_corename: "Zen", "SkylakeX", "Haswell", ...)."""
    libs = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                base = os.path.basename(path).lower()
                if ("blas" in base or "mkl" in base) and path not in libs:
                    libs.append(path)
    except OSError:
        pass
    # A library named libblas.so.* is the one Debian's packages call sgemm_ in, whatever else is
    # loaded: with the reference libblas first on the path, OpenBLAS's liblapack can still be
    # mapped beside it and would answer openblas_get_config. So when a libblas is mapped, only
    # it is asked.
    generic = [p for p in libs if os.path.basename(p).startswith("libblas.so")]
    if generic:
        libs = generic[:1]
    config = corename = threads = None
    path = None
    # Debian's build exports openblas_*; numpy's wheels bundle scipy-openblas with a prefix and suffix.
    prefixes = [("openblas_", ""), ("scipy_openblas_", "64_"), ("scipy_openblas_", ""), ("openblas_", "64_")]
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for pre, suf in prefixes:
            try:
                f = getattr(lib, f"{pre}get_config{suf}")
            except AttributeError:
                continue
            f.restype = ctypes.c_char_p
            config = f().decode(errors="replace").strip()
            try:
                g = getattr(lib, f"{pre}get_corename{suf}")
                g.restype = ctypes.c_char_p
                corename = g().decode(errors="replace").strip()
            except AttributeError:
                pass
            try:
                h = getattr(lib, f"{pre}get_num_threads{suf}")
                h.restype = ctypes.c_int
                threads = h()
            except AttributeError:
                pass
            break
        if config:
            break
    if config:
        desc = " ".join(config.split()[:2])  # "OpenBLAS 0.3.21"
        if corename:
            desc += f" (core {corename})"
        if threads is not None:
            desc += f", {threads} thread{'s' if threads != 1 else ''}"
        desc += f", {path}"
        return desc, True, threads, corename
    if libs:
        return "not OpenBLAS: " + ", ".join(libs), False, None, None
    return "unknown (no BLAS library mapped)", False, None, None


# ---------------------------------------------------------------- timing and report

def percentile(sorted_values, q):
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, math.ceil(q / 100.0 * len(sorted_values)) - 1))
    return sorted_values[k]


def median(values):
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 else 0.5 * (s[n // 2 - 1] + s[n // 2])


def w2_batches(epochs, n_train=60000, batch=W2_BATCH):
    """Full batches per run: 468 for an epoch of 60,000 (the remainder of 96 is dropped, as
    ScratchNet's bench does); for a fraction of an epoch the same rounding down as ScratchNet's
    (0.2 epoch = 93 batches), at least one batch."""
    return max(1, int(epochs * (n_train // batch)))


def w2_forward_flops():
    return 2 * sum(a * b for a, b in zip(W2_SIZES[:-1], W2_SIZES[1:]))


def w2_result(batches, samples_per_second, test_accuracy, infer_samples_per_second, latency, gemv_latency):
    """The W2 keys both peers report; latency and gemv_latency are (median, p99) in microseconds."""
    return {
        "w2_batches": batches,
        "w2_train_samples_per_second": samples_per_second,
        "w2_gflops": samples_per_second * 3 * w2_forward_flops() / 1e9,
        "w2_test_accuracy": test_accuracy,
        "w2_infer_samples_per_second": infer_samples_per_second,
        "w2_latency_us_median": latency[0],
        "w2_latency_us_p99": latency[1],
        "w2_latency_us_median_gemv": gemv_latency[0],
        "w2_latency_us_p99_gemv": gemv_latency[1],
    }


def finite_or_none(value):
    """The value with every NaN or infinity replaced by None, so json.dumps writes strict JSON (null)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite_or_none(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite_or_none(v) for v in value]
    return value


def report(result, as_json):
    if as_json:
        print(json.dumps(finite_or_none(result), allow_nan=False), flush=True)
        return
    print(f"{result['peer']}: {result['version']}, {result['threads']} thread(s), BLAS {result['blas']}")
    if result.get("openblas_overrides_removed"):
        print("unset for this run: " + ", ".join(f"{k}={v}" for k, v in result["openblas_overrides_removed"].items()))
    rows = [
        ("W1 iterations", "w1_iterations", "{:d}"),
        ("W1 seconds per iteration", "w1_seconds_per_iteration", "{:.5f}"),
        ("W1 seconds total", "w1_seconds_total", "{:.2f}"),
        ("W1 training accuracy", "w1_train_accuracy", "{:.4f}"),
        ("W2 training samples/s", "w2_train_samples_per_second", "{:,.0f}"),
        ("W2 training GFLOP/s", "w2_gflops", "{:.1f}"),
        ("W2 test accuracy after run", "w2_test_accuracy", "{:.4f}"),
        ("W2 inference samples/s (batch 1000)", "w2_infer_samples_per_second", "{:,.0f}"),
        ("W2 latency median (us)", "w2_latency_us_median", "{:.1f}"),
        ("W2 latency p99 (us)", "w2_latency_us_p99", "{:.1f}"),
        ("W2 latency median, gemv path (us)", "w2_latency_us_median_gemv", "{:.1f}"),
        ("W2 latency p99, gemv path (us)", "w2_latency_us_p99_gemv", "{:.1f}"),
    ]
    for label, key, fmt in rows:
        if key in result:
            print(f"  {label:<38} {fmt.format(result[key])}")


def measure_latency(predict_one, n_test):
    """Median and p99 microseconds of predict_one(i) (one test image -> its class), after a
    warm-up, cycling through the test images so no single input stays hot."""
    lat = []
    for i in range(LATENCY_WARMUP + LATENCY_REPEATS):
        t0 = time.perf_counter_ns()
        predict_one(i % n_test)
        t1 = time.perf_counter_ns()
        if i >= LATENCY_WARMUP:
            lat.append((t1 - t0) / 1000.0)
    lat.sort()
    return median(lat), percentile(lat, 99)
