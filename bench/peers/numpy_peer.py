#!/usr/bin/env python3
"""ScratchNet's benchmark workloads W1 and W2 in numpy, forward and backward written by hand.

Float32 throughout (MACHINE.md's older numpy W1 figure was float64; float32 is what ScratchNet
computes in, so it is the fair comparison). Matrix products go to whatever BLAS numpy was built
with (OpenBLAS for both the pip wheel and Debian's package); its threads are set through
OPENBLAS_NUM_THREADS/OMP_NUM_THREADS before numpy is imported.
"""

import importlib.util
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402  (standard library only; numpy is imported below, after the thread setup)

CANDIDATE_PYTHONS = ("python3", "/usr/bin/python3")


def ensure_numpy_interpreter():
    """Re-runs this script under another Python when this one has no numpy (e.g. a bare pyenv)."""
    if importlib.util.find_spec("numpy") is not None:
        return
    import shutil
    for cand in CANDIDATE_PYTHONS:
        exe = shutil.which(cand)
        if exe and os.path.realpath(exe) != os.path.realpath(sys.executable) \
                and os.environ.get("SCRATCHNET_PEER_REEXEC") != exe:
            os.environ["SCRATCHNET_PEER_REEXEC"] = exe
            os.execv(exe, [exe, os.path.abspath(__file__)] + sys.argv[1:])
    common.log("numpy peer skipped: no Python with numpy found "
               "(install it: sudo apt-get install python3-numpy libopenblas0-pthread)")
    sys.exit(3)


ensure_numpy_interpreter()
args = common.parse_args("numpy")
OVERRIDES_REMOVED = common.drop_openblas_overrides(os.environ, args.keep_openblas_overrides)
common.configure_threads(args.threads)

import numpy as np  # noqa: E402


def softmax_rows(z):
    """In place: z [n, C] logits -> probabilities, max subtracted first so exp cannot overflow."""
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z


# ---------------------------------------------------------------- W1

def run_w1(x, y, iterations, rng):
    """784-10-10, ReLU, softmax + cross-entropy, full-batch gradient descent, lr 0.1.

    Weights are stored [out, in] as PyTorch and ScratchNet store them; that also makes the
    big weight gradient dZ1^T @ X, which OpenBLAS runs about 25% faster than X^T @ dZ1 for this
    skinny shape. The initial values are the paper's U(-0.5, 0.5) for weights and biases alike."""
    n = x.shape[0]
    init = [rng.uniform(-0.5, 0.5, size=s).astype(np.float32)
            for s in ((10, 784), (10,), (10, 10), (10,))]
    onehot = np.zeros((n, 10), dtype=np.float32)
    onehot[np.arange(n), y] = 1
    lr = np.float32(common.W1_LR)
    inv_n = np.float32(1.0 / n)

    def step(W1, b1, W2, b2):
        z1 = x @ W1.T
        z1 += b1
        a1 = np.maximum(z1, 0, out=z1)               # ReLU in place: z1 is not needed again,
        z2 = a1 @ W2.T                               # its sign is in a1 (a1 > 0 <=> z1 > 0)
        z2 += b2
        dz2 = softmax_rows(z2)
        dz2 -= onehot
        dz2 *= inv_n                                 # dL/dz2 = (A - Y) / n, mean loss
        gW2 = dz2.T @ a1
        gb2 = dz2.sum(axis=0)
        da1 = dz2 @ W2
        da1 *= (a1 > 0)
        gW1 = da1.T @ x                              # no gradient for the input itself
        gb1 = da1.sum(axis=0)
        W1 -= lr * gW1; b1 -= lr * gb1; W2 -= lr * gW2; b2 -= lr * gb2

    # Warm up on a copy so the timed run starts from the initial weights and its accuracy is
    # that of exactly `iterations` steps.
    scratch = [p.copy() for p in init]
    for _ in range(3):
        step(*scratch)
    params = [p.copy() for p in init]
    t0 = time.perf_counter()
    for i in range(iterations):
        step(*params)
    total = time.perf_counter() - t0
    W1, b1, W2, b2 = params
    pred = (np.maximum(x @ W1.T + b1, 0) @ W2.T + b2).argmax(axis=1)
    return {
        "w1_iterations": iterations,
        "w1_seconds_total": total,
        "w1_seconds_per_iteration": total / iterations,
        "w1_train_accuracy": float((pred == y).mean()),
    }


# ---------------------------------------------------------------- W2

class MLP:
    """784-512-512-10 ReLU network with SGD + momentum, workspaces allocated once per batch size.

    Weights [out, in] as in PyTorch and ScratchNet; Kaiming init N(0, 2/n_in), zero biases
    (ScratchNet's `kaiming`).
    Momentum as PyTorch and ScratchNet write it: v = 0.9 v + g; W -= lr v."""

    def __init__(self, rng):
        s = common.W2_SIZES
        self.W = [(rng.standard_normal((o, i)) * np.sqrt(2.0 / i)).astype(np.float32)
                  for i, o in zip(s[:-1], s[1:])]
        self.b = [np.zeros(o, dtype=np.float32) for o in s[1:]]
        self.vW = [np.zeros_like(w) for w in self.W]
        self.vb = [np.zeros_like(b) for b in self.b]
        self.gW = [np.zeros_like(w) for w in self.W]
        self.lr = np.float32(common.W2_LR)
        self.mu = np.float32(common.W2_MOMENTUM)
        self._ws_n = None

    def _workspace(self, n):
        if self._ws_n != n:
            s = common.W2_SIZES
            self.act = [np.empty((n, o), dtype=np.float32) for o in s[1:]]
            self.delta = [np.empty((n, o), dtype=np.float32) for o in s[1:-1]]
            self._ws_n = n

    def forward(self, x):
        """Logits for x [n, 784]; allocation-free once the workspace exists."""
        self._workspace(x.shape[0])
        h = x
        last = len(self.W) - 1
        for k, (W, b, a) in enumerate(zip(self.W, self.b, self.act)):
            np.matmul(h, W.T, out=a)
            a += b
            if k < last:
                np.maximum(a, 0, out=a)
            h = a
        return h

    def train_step(self, x, y):
        n = x.shape[0]
        logits = self.forward(x)
        d = softmax_rows(logits)                     # becomes dL/dlogits in place
        d[np.arange(n), y] -= 1
        d *= np.float32(1.0 / n)
        for k in range(len(self.W) - 1, -1, -1):
            inp = x if k == 0 else self.act[k - 1]
            np.matmul(d.T, inp, out=self.gW[k])
            gb = d.sum(axis=0)
            if k > 0:                                # the input needs no gradient
                nd = self.delta[k - 1]
                np.matmul(d, self.W[k], out=nd)
                nd *= (self.act[k - 1] > 0)          # ReLU derivative from the stored activation
            v, vb = self.vW[k], self.vb[k]
            v *= self.mu; v += self.gW[k]
            vb *= self.mu; vb += gb
            self.W[k] -= self.lr * v
            self.b[k] -= self.lr * vb
            if k > 0:
                d = nd


def train_batches(net, x, y, batches, perm):
    """`batches` full mini-batches of 128 in the order `perm`; gathering each batch is part of
    the timed work (ScratchNet copies its batches too), the shuffle itself is not."""
    B = common.W2_BATCH
    for i in range(batches):
        idx = perm[i * B:(i + 1) * B]
        net.train_step(x[idx], y[idx])


def run_w2(xtr, ytr, xte, yte, epochs, rng):
    net = MLP(rng)
    batches = common.w2_batches(epochs)
    common.log(f"numpy W2: warm-up {batches} batches")
    train_batches(net, xtr, ytr, batches, rng.permutation(xtr.shape[0]))
    common.log(f"numpy W2: timed {batches} batches")
    perm = rng.permutation(xtr.shape[0])
    t0 = time.perf_counter()
    train_batches(net, xtr, ytr, batches, perm)
    dt = time.perf_counter() - t0
    sps = batches * common.W2_BATCH / dt

    # Batched inference: predicted classes for the 10,000 test images in batches of 1000.
    def infer_all():
        pred = np.empty(xte.shape[0], dtype=np.int64)
        for s in range(0, xte.shape[0], common.INFER_BATCH):
            pred[s:s + common.INFER_BATCH] = net.forward(xte[s:s + common.INFER_BATCH]).argmax(axis=1)
        return pred

    pred = infer_all()                               # warm-up, and the sanity check
    test_acc = float((pred == yte).mean())
    for _ in range(common.INFER_WARMUP - 1):
        infer_all()
    times = []
    for _ in range(common.INFER_REPEATS):
        t0 = time.perf_counter()
        infer_all()
        times.append(time.perf_counter() - t0)
    infer_sps = xte.shape[0] / common.median(times)

    # Single-image latency: one image as a [1, 784] matrix -> its class, through the same
    # forward as training. The extra "gemv" figure feeds a 784-vector through matrix-vector
    # products into preallocated buffers, the fastest numpy form.
    def predict_row(i):
        return int(net.forward(xte[i:i + 1]).argmax())

    h = [np.empty(o, dtype=np.float32) for o in common.W2_SIZES[1:]]

    def predict_vector(i):
        v = xte[i]
        for k, (W, b) in enumerate(zip(net.W, net.b)):
            np.matmul(W, v, out=h[k])
            h[k] += b
            if k < len(net.W) - 1:
                np.maximum(h[k], 0, out=h[k])
            v = h[k]
        return int(v.argmax())

    lat_med, lat_p99 = common.measure_latency(predict_row, xte.shape[0])
    vec_med, vec_p99 = common.measure_latency(predict_vector, xte.shape[0])
    return common.w2_result(batches, sps, test_acc, infer_sps, (lat_med, lat_p99), (vec_med, vec_p99))


def main():
    try:
        xtr, ytr, xte, yte = common.load_mnist(args.data)
    except common.DataError as e:
        common.log(f"numpy peer: {e}")
        sys.exit(2)
    rng = np.random.default_rng(args.seed)
    result = {}
    if args.only in (None, "w1"):
        common.log(f"numpy W1: {args.w1_iterations} iterations, {args.threads} thread(s)")
        result.update(run_w1(xtr, ytr, args.w1_iterations, rng))
    if args.only in (None, "w2"):
        result.update(run_w2(xtr, ytr, xte, yte, args.w2_epochs, rng))
    blas, _, _, core = common.blas_info()
    head = {
        "peer": "numpy",
        "version": f"numpy {np.__version__}",
        "python": f"{sys.executable} {sys.version.split()[0]}",
        "threads": args.threads,
        "blas": blas,
        "blas_core": core,
        "openblas_overrides_removed": OVERRIDES_REMOVED,
        "dtype": "float32",
    }
    common.report({**head, **result}, args.json)


if __name__ == "__main__":
    main()
