#!/usr/bin/env bash
# The one prepared GPU run of the issue-8 miniatures (full suite, "gpu" configs, 8 seeds each).
#
#   bash scripts/gpu_miniatures.sh            # on the device machine, from the repository root
#
# Designed for one GPU in under 8 minutes: the five miniatures run at the same time, each with
# 4 seed processes on the same GPU (20 processes; the models are tiny and launch-bound, so they
# share the card well); each miniature is stopped after MINIATURE_LIMIT seconds and keeps the seeds
# it finished (NAME.gpu.seedK.json). Also runs the DDP gradient check with nccl on one GPU.
# Results go to $OUT (the device tool's output folder) or reproductions/runs/miniatures-gpu.
# Commit them under reproductions/ledger/miniatures/ only from a real GPU run.
set -uo pipefail
OUT="${OUT:-reproductions/runs/miniatures-gpu}"
MINIATURE_LIMIT="${MINIATURE_LIMIT:-420}"
WORKERS="${WORKERS:-4}"
mkdir -p "$OUT"
PYTHON="${PYTHON:-python3}"
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export CUBLAS_WORKSPACE_CONFIG=:4096:8
started=$(date +%s)

{
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || true
  "$PYTHON" -c "import torch, sys; print('torch', torch.__version__, 'cuda', torch.version.cuda, 'python', sys.version.split()[0]); print(torch.cuda.get_device_name(0))"
} > "$OUT/environment.txt" 2>&1
cat "$OUT/environment.txt"

timeout 90 "$PYTHON" -m torch.distributed.run --standalone --nproc_per_node 1 \
  -m reproductions.miniatures.distributed grad-check --out "$OUT/ddp-grad-check.nccl.json" \
  > "$OUT/ddp-grad-check.log" 2>&1 || echo "ddp grad-check failed (see ddp-grad-check.log)"

for name in connector resolution action-tokens guidance queries; do
  timeout --signal=TERM --kill-after=10 "$MINIATURE_LIMIT" \
    "$PYTHON" -m reproductions.miniatures "$name" --config gpu --device cuda --workers "$WORKERS" --out "$OUT" \
    > "$OUT/$name.log" 2>&1 &
done
wait

echo "== verdicts (gpu configs) =="
for name in connector resolution action-tokens guidance queries; do
  grep -E " -> (supported|refuted|inconclusive)" "$OUT/$name.log" || echo "$name: no result (see $OUT/$name.log)"
done
echo "total $(( $(date +%s) - started )) s"
