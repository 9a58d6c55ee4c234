#!/usr/bin/env bash
# The engine's classifier speed against the same network in PyTorch eager mode, in one run on
# one machine: ResNet-18 at SIDE px, training (the whole step, from the training cache to the
# optimizer), inference and featurization images/s. The two alternate ROUNDS times, so that a
# change in the machine's load falls on both; the ratios are of the means.
#   tests/bench/ml_speed.sh BENCH WORKDIR [SIDE] [BATCH] [STEPS] [ROUNDS]
# BENCH is a built pixmark_ml_quality_bench. The peer needs a python3 that imports torch
# (Debian: python3-torch); without one only the engine is measured.
set -euo pipefail
bench=$1
work=$2
side=${3:-224}
batch=${4:-16}
steps=${5:-8}
rounds=${6:-2}
here=$(dirname "$0")

python=
for candidate in ${PYTHON:-} python3 /usr/bin/python3; do
  if "$candidate" -c 'import torch' 2>/dev/null; then python=$candidate; break; fi
done
[ -n "$python" ] || echo "no python3 with torch: the PyTorch eager peer is skipped"

rates() { # "training X images/s, inference Y images/s, featurization Z images/s" -> "X Y Z"
  sed -n 's/.*training \([0-9.]*\) images\/s, inference \([0-9.]*\) images\/s, featurization \([0-9.]*\) images\/s.*/\1 \2 \3/p'
}
engine_rates=$work/engine.rates
peer_rates=$work/peer.rates
mkdir -p "$work"
: > "$engine_rates"
: > "$peer_rates"
for round in $(seq "$rounds"); do
  line=$("$bench" speed "$work" "$side" "$batch" "$steps" | grep "^pixmark engine")
  echo "$line"
  echo "$line" | rates >> "$engine_rates"
  threads=$(echo "$line" | sed -n 's/.*, \([0-9]*\) threads:.*/\1/p')
  cache=$work/images-${side}x${side}x3.bin
  if [ -n "$python" ]; then
    line=$("$python" "$here/ml_speed_peer.py" "$cache" "$batch" "$steps" "$threads")
    echo "$line"
    echo "$line" | rates >> "$peer_rates"
  fi
done
if [ -s "$peer_rates" ]; then
  paste "$engine_rates" "$peer_rates" | awk '
    { for (i = 1; i <= 6; ++i) sum[i] += $i; n++ }
    END { printf "engine / PyTorch eager over %d rounds: training %.2fx (%.1f / %.1f images/s), inference %.2fx (%.1f / %.1f), featurization %.2fx (%.1f / %.1f)\n",
          n, sum[1] / sum[4], sum[1] / n, sum[4] / n, sum[2] / sum[5], sum[2] / n, sum[5] / n, sum[3] / sum[6], sum[3] / n, sum[6] / n }'
fi
