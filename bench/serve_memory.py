"""Resident memory of `mkdocs serve` over many rebuilds: it must not grow (issue 12).

Usage: python bench/serve_memory.py [--rebuilds 50] [--catalog catalog] [--port 8765]

It copies the catalog to a temporary folder, starts `mkdocs serve` on 127.0.0.1 against the copy
(VLKB_CATALOG), then, `--rebuilds` times, rewrites one record's summary with a new marker and polls
the record's page until the marker is served. After each rebuild it reads the server's resident set
size (VmRSS in /proc/PID/status) and the time from the edit to the changed page. It prints the RSS
after the first rebuild, every tenth and the last, the least-squares growth per rebuild over the
second half, and the verdict: "flat" when that growth is under 0.25 MB per rebuild (a leak of the
catalog alone would add several MB per rebuild). Linux only (it reads /proc). Everything it starts
listens on loopback and stops when the run ends.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RECORD = "llava-1-5"
FLAT_MB_PER_REBUILD = 0.25
TIMEOUT_S = 120


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1)) / 1024


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, marker: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and marker in page:
            return
        time.sleep(0.1)
    raise SystemExit(f"the page {url} did not show {marker!r} in time")


def set_summary(record: Path, text: str) -> None:
    lines = record.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("summary:"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith(" ")), len(lines))
    lines[start:end] = [f"summary: {text}"]
    record.write_text("\n".join(lines), encoding="utf-8")


def growth_per_rebuild(samples: list[float]) -> float:
    xs = list(range(len(samples)))
    return statistics.linear_regression(xs, samples).slope


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rebuilds", type=int, default=50)
    parser.add_argument("--catalog", type=Path, default=REPO / "catalog")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="vlkb-serve-"))
    catalog = work / "catalog"
    shutil.copytree(args.catalog, catalog)
    record = catalog / "papers" / f"{RECORD}.yaml"
    url = f"http://127.0.0.1:{args.port}/papers/{RECORD}/"
    env = {**os.environ, "VLKB_CATALOG": str(catalog), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-q", "-a", f"127.0.0.1:{args.port}",
                               "-f", str(REPO / "mkdocs.yml")], env=env, cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        set_summary(record, "Serve benchmark marker 0.")
        wait_for(url, "marker 0.", time.monotonic() + TIMEOUT_S)
        samples, waits = [], []
        for number in range(1, args.rebuilds + 1):
            marker = f"marker {number}."
            started = time.monotonic()
            set_summary(record, f"Serve benchmark {marker}")
            wait_for(url, marker, started + TIMEOUT_S)
            waits.append(time.monotonic() - started)
            samples.append(rss_mb(server.pid))
        half = samples[len(samples) // 2:]
        slope = growth_per_rebuild(half) if len(half) >= 2 else 0.0
        shown = sorted({0, *range(9, len(samples), 10), len(samples) - 1})
        print(f"mkdocs serve, {args.rebuilds} rebuilds after editing {RECORD}.yaml ({len(list((catalog / 'papers').glob('*.yaml')))} papers)")
        for i in shown:
            print(f"  after rebuild {i + 1:>3}: RSS {samples[i]:7.1f} MB")
        print(f"  growth over the second half: {slope:+.3f} MB per rebuild -> "
              f"{'flat' if slope < FLAT_MB_PER_REBUILD else 'GROWS'} (goal: under {FLAT_MB_PER_REBUILD} MB per rebuild)")
        print(f"  edit to changed page: median {statistics.median(waits):.2f} s, max {max(waits):.2f} s")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
