"""`mkdocs serve` with a broken record answers every request at once, with the problems at the top of the page,
instead of holding the request until the record is fixed (what mkdocs does when a rebuild fails)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.paths import REPO_ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_a_broken_record_shows_as_an_error_on_the_served_pages(site_catalog: Path):
    record = site_catalog / "papers" / "llava-1-5.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "date: 2020-13-45\n", encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "VLKB_CATALOG": str(site_catalog), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}",
                               "-f", str(REPO_ROOT / "mkdocs.yml")], cwd=REPO_ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                status, home = _get(f"http://127.0.0.1:{port}/")
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "the preview server did not start"
                time.sleep(1)
        assert status == 200 and 'class="vlkb-build-errors"' in home
        assert "papers/llava-1-5.yaml:" in home and "date: duplicate key" in home
        started = time.monotonic()
        status, page = _get(f"http://127.0.0.1:{port}/papers/llava-1-5/")
        assert time.monotonic() - started < 10, "the request was held"
        assert status == 404 and "duplicate key" in page
        status, other = _get(f"http://127.0.0.1:{port}/papers/llava/")
        assert status == 200 and "vlkb-build-errors" in other
    finally:
        server.terminate()
        server.wait(timeout=30)
