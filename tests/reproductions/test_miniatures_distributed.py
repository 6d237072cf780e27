"""The distributed path: the miniatures' training entry point under torchrun with DDP (gloo on CPU)."""

import json
import os
import signal
import subprocess
import sys

import pytest

torch = pytest.importorskip("torch", reason="the reproductions need torch: pip install -e '.[repro]'")

import torch

from reproductions.miniatures.training import shard


def test_ddp_gradients_over_two_cpu_processes_equal_the_single_process_gradients(tmp_path):
    out = tmp_path / "gradients.json"
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
               "-m", "reproductions.miniatures.distributed", "grad-check", "--out", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=180)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # torchrun and both of its workers
        process.communicate()
        raise
    assert process.returncode == 0, stderr[-3000:]
    report = json.loads(out.read_text())
    assert report["world_size"] == 2 and report["backend"] == "gloo"
    assert report["parameters_compared"] > 20
    # Same math, different summation order: equal up to float32 rounding of the gradient scale.
    assert report["max_abs_difference"] <= 1e-6 * max(1.0, report["max_abs_gradient"]), report


def test_shards_of_a_global_batch_are_contiguous_and_cover_it():
    batch = {"x": torch.arange(8), "images": {6: torch.arange(16).view(8, 2)}}
    parts = [shard(batch, rank, 4) for rank in range(4)]
    assert torch.equal(torch.cat([p["x"] for p in parts]), batch["x"])
    assert torch.equal(torch.cat([p["images"][6] for p in parts]), batch["images"][6])
