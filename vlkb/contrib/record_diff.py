"""What a branch changes in the catalog, record by record and field by field, as markdown.

Records are compared as data, not text, so reformatting shows no change. Lists of mappings are
matched by their natural key (results by variant/benchmark/split/metric/setting, architecture by
variant, taxonomy nodes and venues by id) so inserting a row does not report every later row as
changed. Cell text is HTML-escaped inside `<code>`, so a record cannot inject markdown, HTML or
@-mentions into the pull-request comment.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass, field
from typing import Any

MAX_CELL = 300
MAX_CHANGED_TABLES = 100
MAX_FULL_ADDED = 20
"""A job summary may hold 1 MiB: beyond these counts records are listed by name only."""
_LIST_KEYS = {
    "results": ("variant", "benchmark", "split", "metric", "setting"),
    "architecture": ("variant",),
    "corrections": ("field",),
    "metrics": ("id",),
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass
class RecordChange:
    path: str
    status: str  # added | removed | changed | unreadable
    title: str = ""
    fields: list[FieldChange] = field(default_factory=list)


def _key_of(item: Any, name: str) -> str | None:
    if not isinstance(item, dict):
        return None
    keys = _LIST_KEYS.get(name) or (("id",) if "id" in item else None)
    if not keys or not all(k in item for k in keys[:1]):
        return None
    return "/".join(str(item.get(k, "")) for k in keys)


def flatten(value: Any, prefix: str = "", name: str = "") -> dict[str, Any]:
    """Dotted field paths -> leaf values; lists of plain values stay one value."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key in value:
            out.update(flatten(value[key], f"{prefix}.{key}" if prefix else str(key), str(key)))
        return out
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        keys = [_key_of(v, name) for v in value]
        use_keys = all(keys) and len(set(keys)) == len(keys)
        out = {}
        for index, item in enumerate(value):
            label = f"[{keys[index]}]" if use_keys else f"[{index}]"
            out.update(flatten(item, f"{prefix}{label}", name))
        return out
    return {prefix: value}


def compare(before: Any, after: Any) -> list[FieldChange]:
    """Field changes between two parsed records (plain data)."""
    old, new = flatten(before), flatten(after)
    changes = []
    for key in [*new, *(k for k in old if k not in new)]:  # the record's own field order
        if old.get(key, _MISSING) != new.get(key, _MISSING) or (key in old) != (key in new):
            changes.append(FieldChange(key, old.get(key, _MISSING), new.get(key, _MISSING)))
    return changes


class _Missing:
    def __repr__(self) -> str:
        return "(absent)"


_MISSING = _Missing()


def _text(value: Any) -> str:
    if value is _MISSING:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - 1] + "…"
    return text


def cell(value: Any) -> str:
    """A table cell that renders the value literally on GitHub."""
    if value is _MISSING:
        return "—"
    text = html.escape(_text(value), quote=True).replace("|", "&#124;").replace("\n", "⏎").replace("\r", "")
    text = text.replace("@", "&#64;").replace("`", "&#96;").replace("\\", "&#92;")
    return f"<code>{text}</code>" if text else "<code></code>"


def render_markdown(changes: list[RecordChange], base: str) -> str:
    """The job summary / PR comment text."""
    added = [c for c in changes if c.status == "added"]
    removed = [c for c in changes if c.status == "removed"]
    changed = [c for c in changes if c.status == "changed"]
    unreadable = [c for c in changes if c.status == "unreadable"]
    lines = [f"## Catalog changes against {cell(base)}", ""]
    if not changes:
        lines.append("No record is added, removed or changed.")
        return "\n".join(lines) + "\n"
    lines.append(f"**{len(added)}** added, **{len(removed)}** removed, **{len(changed)}** changed"
                 + (f", **{len(unreadable)}** unreadable" if unreadable else "") + ".")
    for title, group in (("Added", added), ("Removed", removed)):
        if group:
            lines += ["", f"### {title}", "", "| record | title |", "| --- | --- |"]
            lines += [f"| {cell(c.path)} | {cell(c.title) if c.title else ''} |" for c in group]
    if changed:
        lines += ["", "### Changed"]
        for change in changed[:MAX_CHANGED_TABLES]:
            lines += ["", f"#### {cell(change.path)}", "", "| field | before | after |", "| --- | --- | --- |"]
            lines += [f"| {cell(f.field)} | {cell(f.before)} | {cell(f.after)} |" for f in change.fields]
        if len(changed) > MAX_CHANGED_TABLES:
            lines += ["", f"... and {len(changed) - MAX_CHANGED_TABLES} more changed records:", ""]
            lines += [f"- {cell(c.path)}" for c in changed[MAX_CHANGED_TABLES:]]
    if unreadable:
        lines += ["", "### Unreadable", "", "These files do not parse as YAML on one side; `vlkb validate` says why.",
                  ""]
        lines += [f"- {cell(c.path)}" for c in unreadable]
    if added and len(added) <= MAX_FULL_ADDED:
        lines += ["", "<details><summary>Added records in full</summary>", ""]
        for change in added:
            lines += [f"#### {cell(change.path)}", "", "| field | value |", "| --- | --- |"]
            lines += [f"| {cell(f.field)} | {cell(f.after)} |" for f in change.fields]
            lines.append("")
        lines.append("</details>")
    return "\n".join(lines) + "\n"
