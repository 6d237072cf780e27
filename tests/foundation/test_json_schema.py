"""The committed JSON Schemas equal the pydantic models, so editors check what vlkb checks."""

from __future__ import annotations


import pytest

from tests.paths import REPO_ROOT
from vlkb.outputs.json_schema import SCHEMA_MODELS, schema_text

SCHEMA_DIR = REPO_ROOT / "catalog" / "schema"


@pytest.mark.parametrize("name", sorted(SCHEMA_MODELS))
def test_committed_schema_equals_the_model(name):
    committed = (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(name), "schema is stale; fix with: vlkb schema"


def test_every_paper_field_has_a_description():
    from vlkb.schema import Paper

    assert all(field.description for field in Paper.model_fields.values())
