#!/usr/bin/env bash
# Runs the differential checker (tests/differential/) over seed after seed for a while:
#   scripts/differential.sh [--seed-from N] [--hours H] [--batches B] [--cases C]
# Defaults: seeds from 1000, 1 hour, 20 batches of 100 cases per seed. The seeds take the
# checker's forms in turn: one component per batch; two composed (--composed); one
# transpiled with --async-mode jspi, on Node 26 (--jspi); two composed and --jspi. Builds ferry and the generator
# first. A seed with findings prints them and keeps its files (the path is printed); the run
# goes on. Ends with the totals; exits 1 if any seed had a finding.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FERRY_ROOT"

seed=1000 hours=1 batches=20 cases=100
while [ $# -gt 0 ]; do
  case "$1" in
    --seed-from) seed=$2 ;;
    --hours) hours=$2 ;;
    --batches) batches=$2 ;;
    --cases) cases=$2 ;;
    *) echo "usage: scripts/differential.sh [--seed-from N] [--hours H] [--batches B] [--cases C]" >&2; exit 2 ;;
  esac
  shift 2
done

cargo build --quiet -p ferry -p ferry-differential
end=$(( $(date +%s) + $(awk -v h="$hours" 'BEGIN { printf "%d", h * 3600 }') ))
seeds=0 failed_seeds=()
while [ "$(date +%s)" -lt "$end" ]; do
  case $((seed % 4)) in
    0) form=(node) ;;
    1) form=(node --composed) ;;
    2) form=("$NODE26" --jspi) ;;
    3) form=("$NODE26" --jspi --composed) ;;
  esac
  if ! "${form[0]}" tests/differential/run.mjs --seed "$seed" --batches "$batches" --cases "$cases" "${form[@]:1}"; then
    failed_seeds+=("$seed")
  fi
  seeds=$((seeds + 1))
  seed=$((seed + 1))
done
echo "differential: $seeds seed(s), $((seeds * batches * cases)) cases; seeds with findings: ${failed_seeds[*]:-none}"
[ ${#failed_seeds[@]} -eq 0 ]
