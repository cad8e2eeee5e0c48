#!/usr/bin/env python3
"""ScratchNet's benchmark workloads W1 and W2 in PyTorch (torch.nn.Linear, autograd, torch.optim).

Meant for Debian's python3-torch, which lives in /usr/bin/python3 and links the system BLAS;
with libopenblas0-pthread installed that is OpenBLAS, otherwise the reference BLAS, some 20x
slower and no fair peer. The script refuses to measure on a non-OpenBLAS BLAS (exit code 3,
one line saying what to install) unless --allow-any-blas is given.
"""

import importlib.util
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402  (standard library only; torch is imported below, after the thread setup)

INSTALL_HINT = "sudo apt-get install python3-torch libopenblas0-pthread"
SKIP_EXIT = 3


def ensure_torch_interpreter():
    """Re-runs this script under Debian's /usr/bin/python3 when this Python has no torch
    (the `python3` on PATH may be a pyenv build that cannot see Debian's packages)."""
    if importlib.util.find_spec("torch") is not None:
        return
    exe = "/usr/bin/python3"
    if os.path.exists(exe) and os.path.realpath(exe) != os.path.realpath(sys.executable) \
            and os.environ.get("SCRATCHNET_PEER_REEXEC") != exe:
        os.environ["SCRATCHNET_PEER_REEXEC"] = exe
        os.execv(exe, [exe, os.path.abspath(__file__)] + sys.argv[1:])
    common.log(f"PyTorch peer skipped: torch is not installed (install it: {INSTALL_HINT})")
    sys.exit(SKIP_EXIT)


ensure_torch_interpreter()
allow_any_blas = "--allow-any-blas" in sys.argv
if allow_any_blas:
    sys.argv.remove("--allow-any-blas")
args = common.parse_args("PyTorch")
OVERRIDES_REMOVED = common.drop_openblas_overrides(os.environ, args.keep_openblas_overrides)
common.configure_threads(args.threads)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(args.threads)


def check_blas():
    """Runs one product so the BLAS is loaded and warmed, then asks the process which one it got."""
    a = torch.rand(512, 512)
    _ = a @ a
    desc, is_openblas, threads, core = common.blas_info()
    # A timing as a second opinion: OpenBLAS does this product at tens of GFLOP/s per core,
    # the reference BLAS at a few.
    t0 = time.perf_counter()
    for _ in range(5):
        _ = a @ a
    gflops = 5 * 2 * 512 ** 3 / (time.perf_counter() - t0) / 1e9
    desc += f"; sgemm 512x512 {gflops:.0f} GFLOP/s"
    if not is_openblas and not allow_any_blas:
        common.log(f"PyTorch peer skipped: torch is not using OpenBLAS ({desc}); "
                   f"install it: {INSTALL_HINT}")
        sys.exit(SKIP_EXIT)
    if threads is not None and threads != args.threads:
        common.log(f"warning: OpenBLAS runs {threads} threads, not {args.threads}")
    return desc, core


# ---------------------------------------------------------------- W1

def w1_model():
    """784-10-10 with the paper's U(-0.5, 0.5) for weights and biases."""
    model = torch.nn.Sequential(torch.nn.Linear(784, 10), torch.nn.ReLU(), torch.nn.Linear(10, 10))
    with torch.no_grad():
        for p in model.parameters():
            p.uniform_(-0.5, 0.5)
    return model


def run_w1(x, y, iterations):
    init = w1_model()

    def train(model, steps):
        opt = torch.optim.SGD(model.parameters(), lr=common.W1_LR)
        for _ in range(steps):
            loss = F.cross_entropy(model(x), y)      # softmax + mean cross-entropy, fused
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()

    # Warm up on a copy so the timed run starts from the initial weights.
    scratch = w1_model()
    scratch.load_state_dict(init.state_dict())
    train(scratch, 3)
    model = w1_model()
    model.load_state_dict(init.state_dict())
    t0 = time.perf_counter()
    train(model, iterations)
    total = time.perf_counter() - t0
    with torch.no_grad():
        acc = (model(x).argmax(dim=1) == y).float().mean().item()
    return {
        "w1_iterations": iterations,
        "w1_seconds_total": total,
        "w1_seconds_per_iteration": total / iterations,
        "w1_train_accuracy": acc,
    }


# ---------------------------------------------------------------- W2

def w2_model():
    """784-512-512-10 ReLU; Kaiming N(0, 2/n_in) weights and zero biases, as ScratchNet's
    `kaiming` (not torch.nn.Linear's own default, which is uniform with a smaller bound)."""
    s = common.W2_SIZES
    layers = []
    for i, (n_in, n_out) in enumerate(zip(s[:-1], s[1:])):
        lin = torch.nn.Linear(n_in, n_out)
        torch.nn.init.normal_(lin.weight, 0.0, (2.0 / n_in) ** 0.5)
        torch.nn.init.zeros_(lin.bias)
        layers.append(lin)
        if i < len(s) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def train_batches(model, opt, x, y, batches, perm):
    """`batches` full mini-batches of 128 in the order `perm`; gathering each batch is part of
    the timed work (ScratchNet copies its batches too), the shuffle itself is not."""
    B = common.W2_BATCH
    for i in range(batches):
        idx = perm[i * B:(i + 1) * B]
        loss = F.cross_entropy(model(x[idx]), y[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()


def run_w2(xtr, ytr, xte, yte, epochs, gen):
    model = w2_model()
    opt = torch.optim.SGD(model.parameters(), lr=common.W2_LR, momentum=common.W2_MOMENTUM)
    batches = common.w2_batches(epochs)
    common.log(f"PyTorch W2: warm-up {batches} batches")
    train_batches(model, opt, xtr, ytr, batches, torch.randperm(xtr.shape[0], generator=gen))
    common.log(f"PyTorch W2: timed {batches} batches")
    perm = torch.randperm(xtr.shape[0], generator=gen)
    t0 = time.perf_counter()
    train_batches(model, opt, xtr, ytr, batches, perm)
    dt = time.perf_counter() - t0
    sps = batches * common.W2_BATCH / dt

    model.eval()
    with torch.no_grad():
        def infer_all():
            return torch.cat([model(xte[s:s + common.INFER_BATCH]).argmax(dim=1)
                              for s in range(0, xte.shape[0], common.INFER_BATCH)])

        pred = infer_all()                           # warm-up, and the sanity check
        test_acc = (pred == yte).float().mean().item()
        for _ in range(common.INFER_WARMUP - 1):
            infer_all()
        times = []
        for _ in range(common.INFER_REPEATS):
            t0 = time.perf_counter()
            infer_all()
            times.append(time.perf_counter() - t0)
        infer_sps = xte.shape[0] / common.median(times)

        # Single-image latency: one image as a [1, 784] tensor -> its class, the way a user
        # calls the model. nn.Linear sends it to sgemm with one row, which Debian's OpenBLAS
        # 0.3.21 runs about 5x slower than the matrix-vector product (measured 145 vs 26 us
        # for the first layer; a 784-vector input takes the same sgemm path). So the extra
        # "gemv" figure chains torch.addmv over the same weights: the best this torch can do.
        lat_med, lat_p99 = common.measure_latency(
            lambda i: int(model(xte[i:i + 1]).argmax()), xte.shape[0])
        lins = [m for m in model if isinstance(m, torch.nn.Linear)]

        def predict_vector(i):
            v = xte[i]
            for k, lin in enumerate(lins):
                v = torch.addmv(lin.bias, lin.weight, v)
                if k < len(lins) - 1:
                    v = torch.relu_(v)
            return int(v.argmax())

        vec_med, vec_p99 = common.measure_latency(predict_vector, xte.shape[0])
    return common.w2_result(batches, sps, test_acc, infer_sps, (lat_med, lat_p99), (vec_med, vec_p99))


def main():
    blas, core = check_blas()
    try:
        arrays = common.load_mnist(args.data)
    except common.DataError as e:
        common.log(f"PyTorch peer: {e}")
        sys.exit(2)
    xtr, ytr, xte, yte = (torch.from_numpy(np.ascontiguousarray(a)) for a in arrays)
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    result = {}
    if args.only in (None, "w1"):
        common.log(f"PyTorch W1: {args.w1_iterations} iterations, {args.threads} thread(s)")
        result.update(run_w1(xtr, ytr, args.w1_iterations))
    if args.only in (None, "w2"):
        result.update(run_w2(xtr, ytr, xte, yte, args.w2_epochs, gen))
    head = {
        "peer": "pytorch",
        "version": f"torch {torch.__version__}",
        "python": f"{sys.executable} {sys.version.split()[0]}",
        "threads": args.threads,
        "torch_threads": torch.get_num_threads(),
        "blas": blas,
        "blas_core": core,
        "openblas_overrides_removed": OVERRIDES_REMOVED,
        "dtype": "float32",
    }
    common.report({**head, **result}, args.json)


if __name__ == "__main__":
    main()
