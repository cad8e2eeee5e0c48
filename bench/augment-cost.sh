#!/usr/bin/env bash
# What augmentation on the fly costs a whole training run: the default recipe (seed 42) without
# augmentation, with --augment affine, elastic and both, in turn, ROUNDS times; prints
# each run's training seconds and test accuracy, then each kind's sum over the rounds and its
# cost against none. Run it on a quiet machine (the README's figures were); on a shared one, the
# per-image figures of src/jmh/java/org/scratchnet/augment/AugmentCost.java are the fair ones.
#
#   mvn -B -DskipTests package
#   bench/augment-cost.sh [ROUNDS] [DATA_DIR] [TRAIN OPTIONS...]   (defaults: 3, ../shared/mnist, none)
#
# e.g. bench/augment-cost.sh 2 ../shared/mnist --preset best-augmented --epochs 3 (the options
# come before --augment, which each run sets; beside a preset, each kind keeps the preset's
# strengths, so this measures best-augmented's own elastic field).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
data="${2:-$root/../shared/mnist}"
shift $(( $# < 2 ? $# : 2 ))
java="${SCRATCHNET_JAVA:-java}"
jar="$root/target/scratchnet.jar"
[ -f "$jar" ] || { echo "augment-cost: build $jar first (mvn -B -DskipTests package)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
declare -A total
for round in $(seq 1 "$rounds"); do
  for kind in none affine elastic both; do
    "$java" --add-modules jdk.incubator.vector -jar "$jar" train --data "$data" "$@" --augment "$kind" --json \
      --out "$work/$kind.safetensors" >"$work/$kind.json" 2>/dev/null
    read -r seconds accuracy < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["training_seconds"], d["test_accuracy"])' "$work/$kind.json")
    printf 'round %d  %-8s %7.2f s  test accuracy %.4f  (load %s)\n' "$round" "$kind" "$seconds" "$accuracy" "$(cut -d' ' -f1 /proc/loadavg)"
    total[$kind]=$(python3 -c "print(${total[$kind]:-0} + $seconds)")
  done
done
for kind in none affine elastic both; do
  python3 -c "n=${total[none]}; t=${total[$kind]}; print(f'$kind: {t:.2f} s over $rounds rounds' + ('' if '$kind' == 'none' else f', {100 * (t / n - 1):+.1f}% against none'))"
done
