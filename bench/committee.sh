#!/usr/bin/env bash
# The committee of nine that reached 99.61% on MNIST (docs/results.md, "Nine members, four of them
# trained on other distortions or another width"): trains each member that DIR does not hold yet,
# one after the other, then evaluates the nine together once. About 3.8 hours of two cores; a
# member already trained (DIR/NAME/model.safetensors) is not trained again, and one stopped with
# Ctrl-C resumes from its checkpoint, so a stopped run goes on where it stopped.
#
#   mvn -B -DskipTests package
#   bench/committee.sh [DIR] [DATA_DIR] [TRAIN OPTIONS...]   (defaults: runs/committee, ../shared/mnist)
#
# TRAIN OPTIONS are added to every member's command, after its own: `--epochs 1` makes a smoke
# run of the whole path in about four minutes (not the committee of the page, which trains 400
# epochs). Each member's options are kept beside its model, and a member trained with others is
# refused rather than reused.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/jar.sh" committee  # root, java, jar
dir="${1:-runs/committee}"
data="${2:-$root/../shared/mnist}"
shift $(( $# < 2 ? $# : 2 ))
[ -e "$dir" ] && [ ! -d "$dir" ] && { echo "committee: $dir is not a folder; name a folder for the members" >&2; exit 2; }
mkdir -p "$dir"

# name: the member's own options (all on best-augmented at its 400 epochs). The first five are the
# preset as it is (the gentler elastic field, sigma 5.5, alpha 37) on five seeds.
members=(
  "s8:--seed 8"
  "s42:--seed 42"
  "s1:--seed 1"
  "s2:--seed 2"
  "s3:--seed 3"
  "s21-sigma6:--seed 21 --elastic-sigma 6 --elastic-alpha 40"
  "s22-sigma5:--seed 22 --elastic-sigma 5 --elastic-alpha 34"
  "s23-800:--seed 23 --layers 784,800,800,10"
  "s24-sigma6.5:--seed 24 --elastic-sigma 6.5 --elastic-alpha 43"
)
models=()
for m in "${members[@]}"; do
  name="${m%%:*}"
  read -r -a own <<< "${m#*:}"
  model="$dir/$name/model.safetensors"
  models+=(--model "$model")
  options="--preset best-augmented ${own[*]}${*:+ $*}"
  if [ -f "$model" ]; then
    # A member trained with other options (a smoke run's --epochs 1) must not pass for this one.
    if [ "$(cat "$dir/$name/options" 2>/dev/null)" != "$options" ]; then
      echo "committee: $model was trained with other options ($(cat "$dir/$name/options" 2>/dev/null || echo unknown)," \
        "not: $options); remove $dir/$name or name another folder" >&2
      exit 2
    fi
    echo "committee: $name already trained ($model)"
    continue
  fi
  mkdir -p "$dir/$name"
  checkpoint="$dir/$name/model.checkpoint"
  if [ -f "$checkpoint" ] && [ "$(cat "$dir/$name/options" 2>/dev/null)" = "$options" ]; then
    # Stopped mid-run (Ctrl-C leaves train's checkpoint): go on from it, to the same bits.
    echo "committee: resuming $name from $checkpoint, $(date -u +%H:%M:%S) UTC"
    "$java" --add-modules jdk.incubator.vector -jar "$jar" train --resume "$checkpoint" --out "$model" --json \
      > "$dir/$name/train.json"
  else
    echo "$options" > "$dir/$name/options"
    echo "committee: training $name ($options), $(date -u +%H:%M:%S) UTC"
    "$java" --add-modules jdk.incubator.vector -jar "$jar" train --data "$data" --preset best-augmented "${own[@]}" "$@" \
      --out "$model" --json > "$dir/$name/train.json"
  fi
done
"$java" --add-modules jdk.incubator.vector -jar "$jar" evaluate --data "$data" "${models[@]}"
