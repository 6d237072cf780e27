"""Property (issue 18): real records, mutated in their tags, types, Unicode, sizes, structure and file kind,
never make validation raise, and every record that does not load is named in a problem.

Bounded: a fixed number of examples, derandomized, so CI runs the same cases in well under a minute.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.paths import FIXTURE_CATALOG, REPO_ROOT
from vlkb.checks.validation import validate_catalog
from vlkb.loading.problems import format_problems

TODAY = dt.date(2026, 11, 26)
REAL_RECORDS = sorted((REPO_ROOT / "catalog").glob("*/*.yaml"))[::25]  # every folder, a spread of records
TAGS = ["!!bool", "!!int", "!!float", "!!timestamp", "!!null", "!!str", "!!binary", "!!set", "!!omap", "!!seq",
        "!!map", "!<tag:yaml.org,2002:timestamp>", "!custom", "!!python/object:os.system", "!", "!!merge"]
VALUES = ["123", "1.5", "true", "maybe", "null", "~", "2024-01-01", "2024-13-45", "2024-01-01 10:00:00", "[a, b]",
          "{a: 1}", "''", "0x_", "0b_", "1:2:3", "1" + ":1" * 3000, ".inf", ".nan", "-", "&a x", "*a", "<<: {a: 1}",
          "!!int _", "!!float ''", "'\\u202e'", "\"\\u202eevil\"", "\"a\\u200bb\"", "\"\\0\"", "|\n  block", ">-"]
ODD_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@st.composite
def mutated(draw) -> tuple[str, bytes | str]:
    """(file name, content): a real record with one to three mutations, or a file of an odd kind."""
    path = draw(st.sampled_from(REAL_RECORDS))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.integers(0, max(len(lines) - 1, 0)))
        line = lines[where] if lines else ""
        key, colon, value = line.partition(": ")
        kind = draw(st.sampled_from(["tag", "type", "unicode", "size", "structure"]))
        if kind == "tag" and colon:
            lines[where] = f"{key}: {draw(st.sampled_from(TAGS))} {value}"
        elif kind == "type" and colon:
            lines[where] = f"{key}: {draw(st.sampled_from(VALUES))}\n"
        elif kind == "unicode":
            at = draw(st.integers(0, len(line)))
            lines[where] = line[:at] + draw(ODD_TEXT) + line[at:]
        elif kind == "size" and colon:
            count = draw(st.sampled_from([500, 5_000, 20_000]))
            lines[where] = f"{key}: [{', '.join(['x'] * count)}]\n" if draw(st.booleans()) else \
                f"{key}: {'y' * count * 5}\n"
        else:
            move = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "truncate", "swap"]))
            if move == "delete":
                del lines[where:where + 1]
            elif move == "duplicate":
                lines.insert(where, line)
            elif move == "indent":
                lines[where] = "   " + line
            elif move == "dedent":
                lines[where] = line.lstrip()
            elif move == "truncate":
                lines = lines[:where] + [line[: draw(st.integers(0, len(line)))]]
            elif lines:
                other = draw(st.integers(0, len(lines) - 1))
                lines[where], lines[other] = lines[other], line
    text = "".join(lines)
    name = f"{path.parent.name}/{path.name}"
    kind = draw(st.sampled_from(["text"] * 6 + ["bytes", "latin-1", "empty", "yml", "folder", "link-loop",
                                                 "link-device", "link-outside"]))
    if kind == "bytes":
        return name, draw(st.binary(max_size=200))
    if kind == "latin-1":
        return name, text.encode("utf-8")[:100] + b"\xe9\xff" + text.encode("utf-8")[100:]
    if kind == "empty":
        return name, b""
    if kind == "yml":
        return name.removesuffix(".yaml") + ".yml", text
    return name, (text if kind == "text" else kind)


@pytest.fixture(scope="module")
def workspace():
    folder = Path(tempfile.mkdtemp(prefix="vlkb-mutated-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(case=mutated())
def test_a_mutated_real_record_never_makes_validation_raise_and_is_named(workspace, case):
    name, content = case
    root = workspace / "catalog"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(FIXTURE_CATALOG, root)
    target = root / name
    target.parent.mkdir(exist_ok=True)
    if target.exists():
        target.unlink()
    if content == "folder":
        target.mkdir()
    elif content == "link-loop":
        target.symlink_to(target.name)
    elif content == "link-device":
        target.symlink_to(os.devnull)
    elif content == "link-outside":
        outside = workspace / "outside.yaml"
        shutil.copy(REAL_RECORDS[0], outside)
        target.symlink_to(outside)
    elif isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8", errors="surrogatepass")

    catalog, problems = validate_catalog(root, TODAY)  # the property: this returns
    for style in ("text", "json", "github"):
        format_problems(problems, style)
    assert all(p.file.startswith("catalog/") and p.line >= 1 and p.column >= 1 for p in problems)
    folder, stem = name.split("/")[0], Path(name).stem
    loaded = stem in getattr(catalog, folder, {}) if content != "folder" else True
    if not loaded and content != "folder":
        assert any(p.file == f"catalog/{name}" for p in problems), [p.as_text() for p in problems]
    if content in ("link-outside", "link-device", "link-loop"):
        assert not loaded
