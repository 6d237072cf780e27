"""The JSON Schemas of the records, committed under catalog/schema/ for editors and other tools.

Editors with the YAML language server read the `# yaml-language-server: $schema=` line of each record
and complete and check fields as you type; a test keeps the committed files equal to the models.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from vlkb.schema import Benchmark, Component, Paper, Taxonomy, Venues

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "paper": Paper,
    "benchmark": Benchmark,
    "component": Component,
    "taxonomy": Taxonomy,
    "venues": Venues,
}


def schema_text(name: str) -> str:
    """The JSON Schema of one record type as stable, pretty-printed text."""
    schema = SCHEMA_MODELS[name].model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://vlkb.invalid/schema/{name}.schema.json"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_MODELS:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written
