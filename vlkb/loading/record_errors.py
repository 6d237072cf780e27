"""Validate one loaded YAML document against its pydantic model and explain every error in place.

pydantic reports a location path and a terse message; contributors need the file, line and column
and a fix. This module maps each pydantic error back to the YAML positions the loader recorded and
adds hints (quote a value YAML turned into a number, the allowed values of a vocabulary, the nearest
known field name for a typo).
"""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from vlkb.loading.problems import MAX_PROBLEMS_PER_FILE, Problem, cap_per_file
from vlkb.loading.safe_yaml import LoadedYaml
from vlkb.schema.common import INVISIBLE_CHARACTERS, LINE_PATTERN, LINK_PATTERN, TEXT_PATTERN, invisible_named, link_problem

ModelT = TypeVar("ModelT", bound=BaseModel)


def validate_document(doc: LoadedYaml, model: type[ModelT]) -> tuple[ModelT | None, list[Problem]]:
    """Build `model` from the document; return the record (or None) and every problem found."""
    if doc.data is None and doc.problems:
        return None, cap_per_file(doc.problems)
    if not isinstance(doc.data, dict):
        return None, [*doc.problems, doc.problem((), "a record must be a YAML mapping of fields (key: value)")]
    try:
        record = model.model_validate(doc.data)
    except ValidationError as error:
        items = error.errors(include_url=False)
        explained = [_explain(doc, model, item) for item in items[:MAX_PROBLEMS_PER_FILE]]  # each may run difflib
        rest = [doc.problem((), "") for _ in items[MAX_PROBLEMS_PER_FILE:]]  # counted, not explained
        return None, cap_per_file([*doc.problems, *explained, *rest])
    return (None if doc.problems else record), cap_per_file(doc.problems)


def _explain(doc: LoadedYaml, model: type[BaseModel], item: dict[str, Any]) -> Problem:
    path = _data_path(doc.data, item["loc"])
    kind = item["type"]
    message = str(item["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    hint = ""
    if kind == "extra_forbidden":
        name = path[-1]
        known = _known_fields(model, path[:-1], doc.data)
        close = difflib.get_close_matches(str(name), known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"known fields: {', '.join(known)}"
        return doc.problem(path, f"unknown field '{name}'", hint, key=True)
    if kind == "missing":
        return doc.problem(path[:-1], f"required field '{path[-1]}' is missing", "add it", key=True)
    scalar = doc.scalars.get(path)
    if scalar is not None and scalar.silently_typed() and kind.endswith("_type"):
        wanted = "text" if kind == "string_type" else kind.removesuffix("_type").replace("_", " ")
        message = f"YAML read the unquoted value {scalar.text} as {scalar.silently_typed()}, but {wanted} is needed"
        hint = f'write it in quotes: "{scalar.text}"'
    elif kind == "string_type" and isinstance(_value_at(doc.data, path), (dict, list)):
        message = "text is needed, but YAML read a mapping or list here"
        hint = 'text holding ": " or starting with [ { - must be quoted: write it in double quotes'
    elif kind == "date_type" and scalar is not None and scalar.quoted:
        hint = "write the date unquoted as YYYY-MM-DD"
    elif kind == "string_pattern_mismatch" and item["ctx"]["pattern"] == LINK_PATTERN:
        message = link_problem(str(item.get("input")))
        hint = "links must be absolute http(s) addresses, e.g. https://arxiv.org/abs/2310.03744"
    elif kind == "string_pattern_mismatch" and item["ctx"]["pattern"] in (TEXT_PATTERN, LINE_PATTERN) \
            and INVISIBLE_CHARACTERS.search(str(item.get("input"))):
        message = (f"text holds invisible characters ({invisible_named(str(item.get('input')))}), which reorder "
                   "how it reads or hide words from search")
        hint = "delete them (an editor that shows invisible characters helps)"
    elif kind == "string_pattern_mismatch" and item["ctx"]["pattern"] in (TEXT_PATTERN, LINE_PATTERN):
        one_line = item["ctx"]["pattern"] == LINE_PATTERN
        message = "text must not be empty, start or end with white space, or hold control characters" + (
            " or line breaks" if one_line else "")
        hint = "remove the stray white space or characters" + ("; keep it on one line" if one_line else "")
    elif kind == "too_long" and isinstance(_value_at(doc.data, path), list):
        limit = item["ctx"]["max_length"]
        message = f"{len(_value_at(doc.data, path))} items, over the limit of {limit} for this list"
        hint = f"no real record needs more than {limit}; split the data or remove the repeats"
    elif kind == "string_pattern_mismatch":
        message = f"'{str(item.get('input'))[:80]}' has the wrong form ({item['ctx']['pattern']})"
        hint = _pattern_hint(str(path[-1]) if path else "")
    return doc.problem(path, message, hint)


def _value_at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """pydantic adds union-member and validator names to locations; keep only the steps into the data."""
    path: list[Any] = []
    node = data
    for step in loc:
        if isinstance(node, dict) and step in node:
            path.append(step)
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            path.append(step)
            node = node[step]
        elif isinstance(node, dict) and isinstance(step, str) and not step.startswith(("function-", "union")) \
                and "[" not in step:
            path.append(step)  # a missing or unknown key: still the right place to point
            node = None
    return tuple(path)


def _known_fields(model: type[BaseModel], path: tuple[Any, ...], data: Any) -> list[str]:
    current: Any = model
    for step in path:
        if isinstance(step, int):
            continue
        field = getattr(current, "model_fields", {}).get(step)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return sorted(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    meta = getattr(annotation, "__origin__", None)
    return _inner_model(meta) if meta not in (None, annotation) else None


def _pattern_hint(field: str) -> str:
    return {
        "id": "lower-case letters and digits joined by single hyphens, e.g. llava-1-5",
        "arxiv": 'a quoted arXiv id without version, e.g. "2310.03744"',
        "commit": "the full 40-character commit hash",
        "doi": "the DOI without https://doi.org/, e.g. 10.1109/TPAMI.2024.3369699",
        "total_parameters": "as the source states it: 7B, 7.06B, 304M or an exact integer",
        "parameters": "as the source states it: 7B, 7.06B, 304M or an exact integer",
    }.get(field, "")
