#!/usr/bin/env bash
# What augmentation on the fly costs a whole training run: the default recipe (seed 42) without
# augmentation, with --augment affine, elastic and both, in turn, ROUNDS times; prints
# each run's training seconds, its steady epoch (the median epoch after the first, from the
# history CSV: the first epoch holds most of the JIT's compilation, which weighs heavily in a
# short run and not in a long one), test accuracy and the share of its images that the step's
# threads distorted in their waits (the rest they distorted together when the batch was needed),
# then each kind's sums over the rounds and their costs against none. Run it on a quiet machine
# (the figures of the README and of docs/augmentation-cost.md were); on a shared one, the
# per-image figures of src/jmh/java/org/scratchnet/augment/AugmentCost.java are the fair ones.
#
#   mvn -B -DskipTests package
#   bench/augment-cost.sh [ROUNDS] [DATA_DIR] [TRAIN OPTIONS...]   (defaults: 3, ../shared/mnist, none)
#
# e.g. bench/augment-cost.sh 2 ../shared/mnist --preset best-augmented --epochs 3 (the options
# come before --augment, which each run sets; beside a preset, each kind keeps the preset's
# strengths, so this measures best-augmented's own elastic field).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/jar.sh" augment-cost  # root, java, jar
rounds="${1:-3}"
data="${2:-$root/../shared/mnist}"
shift $(( $# < 2 ? $# : 2 ))
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
declare -A total steady
for round in $(seq 1 "$rounds"); do
  for kind in none affine elastic both; do
    "$java" --add-modules jdk.incubator.vector -jar "$jar" train --data "$data" "$@" --augment "$kind" --json \
      --out "$work/$kind.safetensors" >"$work/$kind.json" 2>/dev/null
    read -r seconds epoch accuracy waits < <(python3 - "$work/$kind.json" "$work/$kind.history.csv" <<'PY'
import csv, json, statistics, sys
d = json.load(open(sys.argv[1]))
t = [float(r["seconds"]) for r in csv.DictReader(open(sys.argv[2]))]  # cumulative training seconds, a row per epoch
epochs = [b - a for a, b in zip([0.0] + t, t)][1:]
images = d["images_distorted"]
waits = f'{100 * d["distorted_in_step_waits"] / images:.0f}%' if images else "-"
print(d["training_seconds"], statistics.median(epochs) if epochs else float("nan"), d["test_accuracy"], waits)
PY
)
    printf 'round %d  %-8s %7.2f s  steady epoch %6.3f s  test accuracy %.4f  distorted in the waits %4s  (load %s)\n' "$round" \
      "$kind" "$seconds" "$epoch" "$accuracy" "$waits" "$(cut -d' ' -f1 /proc/loadavg)"
    total[$kind]=$(python3 -c "print(${total[$kind]:-0} + $seconds)")
    steady[$kind]=$(python3 -c "print(${steady[$kind]:-0} + $epoch)")
  done
done
for kind in none affine elastic both; do
  python3 -c "
n, t, ns, s = ${total[none]}, ${total[$kind]}, ${steady[none]}, ${steady[$kind]}
against = lambda a, b: '' if '$kind' == 'none' else f' ({100 * (a / b - 1):+.1f}% against none)'
print(f'$kind: {t:.2f} s over $rounds rounds' + against(t, n) + f', steady epochs {s:.3f} s' + against(s, ns))"
done
