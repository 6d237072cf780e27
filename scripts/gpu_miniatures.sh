#!/usr/bin/env bash
# The one prepared GPU run of the issue-8 miniatures (full suite, "gpu" configs, 6 seeds each).
#
#   bash scripts/gpu_miniatures.sh            # on the device machine, from the repository root
#
# The "gpu" configs share their tasks with the "cpu-evidence" configs (issue 17: 2-digit strings and a
# 2-layer ViT for resolution, a 3 x 3 world with three colours for action tokens, 3 shapes x 3 colours
# for queries) at larger widths, batches and test sets; the CPU evidence is made by
# bench/miniatures_cpu_evidence.py, not here. CONFIG=cpu-evidence runs those configs on the GPU instead.
# Designed for one GPU in under 8 minutes (NOT YET TIMED ON A GPU: no device was lent to the
# session that wrote it): the five miniatures run at the same time, each with 3 seed processes on
# the same GPU (15 processes, two rounds of seeds; the models are tiny and launch-bound). Each
# miniature is stopped after MINIATURE_LIMIT seconds and keeps the seeds it finished
# (NAME.$CONFIG.seedK.json), so a slow card still returns the first round. Also runs the DDP
# gradient check with nccl on one GPU.
# Results are written to $RESULTS (default reproductions/runs/miniatures-gpu, git-ignored); when
# $OUT is set (the device tool's output folder, which returns at most 8 files) they are also
# packed into $OUT/miniatures-gpu.tar.gz next to $OUT/summary.txt.
# Commit them under reproductions/ledger/miniatures/ only from a real GPU run.
set -uo pipefail
RESULTS="${RESULTS:-reproductions/runs/miniatures-gpu}"
MINIATURE_LIMIT="${MINIATURE_LIMIT:-420}"
WORKERS="${WORKERS:-3}"
CONFIG="${CONFIG:-gpu}"
mkdir -p "$RESULTS"
PYTHON="${PYTHON:-python3}"
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export CUBLAS_WORKSPACE_CONFIG=:4096:8
started=$(date +%s)

{
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || true
  "$PYTHON" -c "import torch, sys; print('torch', torch.__version__, 'cuda', torch.version.cuda, 'python', sys.version.split()[0]); print(torch.cuda.get_device_name(0))"
} > "$RESULTS/environment.txt" 2>&1
cat "$RESULTS/environment.txt"

timeout 90 "$PYTHON" -m torch.distributed.run --standalone --nproc_per_node 1 \
  -m reproductions.miniatures.distributed grad-check --out "$RESULTS/ddp-grad-check.nccl.json" \
  > "$RESULTS/ddp-grad-check.log" 2>&1 || echo "ddp grad-check failed (see ddp-grad-check.log)"

for name in connector resolution action-tokens guidance queries; do
  timeout --signal=TERM --kill-after=10 "$MINIATURE_LIMIT" \
    "$PYTHON" -m reproductions.miniatures "$name" --config "$CONFIG" --device cuda --workers "$WORKERS" --out "$RESULTS" \
    > "$RESULTS/$name.log" 2>&1 &
done
wait

{
  echo "== verdicts ($CONFIG configs) =="
  for name in connector resolution action-tokens guidance queries; do
    grep -E " -> (supported|refuted|inconclusive)" "$RESULTS/$name.log" || echo "$name: no result (see $name.log)"
  done
  echo "ddp grad-check (nccl):"; cat "$RESULTS/ddp-grad-check.nccl.json" 2>/dev/null || echo "  none"
  echo "total $(( $(date +%s) - started )) s"
} | tee "$RESULTS/summary.txt"
if [ -n "${OUT:-}" ]; then
  cp "$RESULTS/summary.txt" "$OUT/summary.txt"
  tar czf "$OUT/miniatures-gpu.tar.gz" -C "$RESULTS" .
fi
