"""When vlkb uses other processes and when it pauses Python's garbage collector: both rules, in one place.

1. **Fork only from a process that runs one thread**, on a platform that has fork (`fork_context`). A
   fork copies the calling thread only; a process with other threads (`mkdocs serve` runs its server in
   them) would hand the child locks that nobody releases. Workers share the parent's catalog for free.
   Where a worker must run beside threads (the site's page worker under `mkdocs serve`), it is forked by
   a fork server instead (`worker_context`), a fresh single-threaded process started once
   (`start_fork_server`, with the modules the workers need already imported), and gets its arguments
   pickled: 600 papers cost 0.1 s to pickle and 0.1 s to unpickle, against about 3 s of rendering and
   exports taken off the rebuild's own core.
2. **Worker processes only for large folders** (`load_workers`). Starting them costs about 0.1 s, and
   whole records cost more to send back than to validate, so a folder is split over the cores from 400
   files when workers return compact facts (`vlkb validate`) and from 1,000 when they return whole
   records (the site build); 451 whole records took 0.2 s in one process and 0.3 s in parallel.
3. **The cycle collector is paused while records pile up** (`collector_paused`): parsed records hold
   no reference cycles, and each full collection walks every record loaded so far (10k records: ~10% of
   the load time). A short-lived forked worker turns it off for its whole life (`quiet_worker`).
4. **What lives for a whole site build is frozen out of collection, and thawed when the build ends**
   (`frozen_for_build` / `thaw_after_build`): without the freeze every full collection walks the catalog
   and the rendered pages again while the theme writes page after page (5,000 papers: the build grew
   faster than the page count); without the thaw, `mkdocs serve` would keep every rebuild's catalog.
   A full collection before the freeze frees what earlier builds of the same process left (`mkdocs
   serve`: without it the server grew by 5 MB a rebuild); the first build of a process has nothing to
   free (600 papers: 0 objects found in 0.08 s), so `mkdocs build` skips it.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import threading
from multiprocessing.context import BaseContext
from typing import Iterator

LOAD_IN_PARALLEL_FROM = {"facts": 400, "records": 1000}
"""Folder size from which loading is split over worker processes, by what the workers send back."""

MAX_LOAD_WORKERS = 4


def fork_context() -> BaseContext | None:
    """The fork context when forking is safe here (rule 1), else None: the caller works in place."""
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return None
    return multiprocessing.get_context("fork")


def worker_context() -> BaseContext | None:
    """Rule 1 for one long worker: fork where it is safe, else the fork server where the platform has one
    (the caller's arguments must then pickle), else None: the caller works in place."""
    context = fork_context()
    if context is None and "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
    return context


def start_fork_server(preload: list[str]) -> None:
    """Start the fork server now (from any thread: it is spawned, not forked), importing `preload` there
    once, so the first worker it forks starts at once. Does nothing where there is no fork server."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(preload)
    forkserver.ensure_running()


def load_workers(files: int, sends: str) -> int:
    """How many processes load a folder of `files` records (1: this one alone), by rule 2."""
    cores = min(os.cpu_count() or 1, MAX_LOAD_WORKERS)
    if files < LOAD_IN_PARALLEL_FROM[sends] or cores < 2 or fork_context() is None:
        return 1
    return cores


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Rule 3: no cycle collection inside the block; the collector's state is restored after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def quiet_worker() -> None:
    """Rule 3 for a forked worker that ends soon: it makes no cycles worth collecting."""
    gc.disable()


def frozen_for_build(*, after_other_builds: bool) -> None:
    """Rule 4: move everything alive now (the catalog, the page plan) out of the collector's reach, first
    collecting what earlier builds left where there were any (`after_other_builds`: a preview server)."""
    if after_other_builds:
        gc.collect()
    gc.freeze()


def thaw_after_build() -> None:
    """Rule 4: give the build's objects back to the collector, so a finished build can be freed."""
    gc.unfreeze()
