#!/usr/bin/env bash
# The prepared GPU check for issue 7 (run it from the repository root on a machine with one GPU):
#   bash reproductions/gpu_check.sh            # results under $OUT (the device tool's folder) or reproductions/runs/gpu
# 1. every architecture reproduction on CUDA: counts, token counts, and a full-width bf16 forward
#    pass with random weights per model (latency, peak memory) -> $OUT/runs/<name>.json
# 2. a batch sweep (1 and 4 images) for four assembled models -> $OUT/gpu_forward.json
# Needs torch with CUDA; nothing is downloaded. Designed to finish within about 6 minutes on one H100.
set -euo pipefail
OUT="${OUT:-reproductions/runs/gpu}"
mkdir -p "$OUT/runs"
python - <<'PY'
import torch
assert torch.cuda.is_available(), "no CUDA device visible to torch"
print("torch", torch.__version__, "on", torch.cuda.get_device_name(0))
PY
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/nvidia-smi.csv" || true
timeout 300 python -m reproductions.run llava-1.5-7b blip2-opt-2.7b qwen-vl cogvlm-17b fuyu-8b nanovlm-222m \
    openflamingo-9b --device cuda --out "$OUT/runs" 2>&1 | tee "$OUT/run.log"
timeout 180 python bench/repro_gpu.py llava-1.5-7b blip2-opt-2.7b qwen-vl nanovlm-222m \
    --device cuda --batches 1 4 --repeats 5 --out "$OUT/gpu_forward.json" 2>&1 | tee "$OUT/bench.log"
echo "results in $OUT"
