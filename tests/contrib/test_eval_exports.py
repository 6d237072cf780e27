"""Results in Every Eval Ever's schema (0.3.0) and Hugging Face's model-index: the fields those formats
require, the evaluator relationship by provenance, and text that parses back to the same numbers."""

from __future__ import annotations

import json

import jsonschema
import yaml

from tests.paths import REPO_ROOT

from tests.site.test_reevaluations import REPORTED, RE_RUNS
from vlkb.checks.validation import validate_catalog
from vlkb.outputs.exports import export_catalog

# the required keys of evaleval/every_eval_ever every_eval_ever/schemas/eval.schema.json at commit
# 9bce4136e789ec006c62582f5f9d107d20f8b398 (top level, source_metadata, eval_library, model_info, results)
REQUIRED = {"schema_version", "evaluation_id", "retrieved_timestamp", "source_metadata", "eval_library", "model_info",
            "evaluation_results"}
REQUIRED_SOURCE = {"source_type", "source_organization_name", "evaluator_relationship"}
REQUIRED_RESULT = {"evaluation_name", "source_data", "metric_config", "score_details"}


def _catalog(catalog_copy):
    path = catalog_copy.path("papers/llava-1-5.yaml")
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\nresults:\n" + REPORTED.lstrip("\n")
                    + RE_RUNS.lstrip("\n"), encoding="utf-8")
    catalog, problems = validate_catalog(catalog_copy.root)
    assert problems == []
    return catalog


def test_every_eval_ever_records_have_the_required_fields_and_the_evaluator_relationship(catalog_copy):
    catalog = _catalog(catalog_copy)
    records = [json.loads(line) for line in export_catalog(catalog, "every-eval-ever").splitlines()]
    assert len(records) == 2
    for record in records:
        assert REQUIRED <= set(record) and REQUIRED_SOURCE <= set(record["source_metadata"])
        assert {"name", "version"} <= set(record["eval_library"]) and {"name", "id", "additional_details"} <= set(record["model_info"])
        assert record["schema_version"] == "0.3.0" and record["retrieved_timestamp"].isdigit()
        for result in record["evaluation_results"]:
            assert REQUIRED_RESULT <= set(result) and "lower_is_better" in result["metric_config"]
            assert isinstance(result["score_details"]["score"], (int, float))
    schema = json.loads((REPO_ROOT / "tests/fixtures/schemas/every_eval_ever/eval.schema.json").read_text(encoding="utf-8"))
    for record in records:
        jsonschema.validate(record, schema)  # the published schema, copied with its commit (SOURCE.md there)
    by_kind = {r["source_metadata"]["source_type"]: r for r in records}
    assert by_kind["documentation"]["source_metadata"]["evaluator_relationship"] == "first_party"
    run = by_kind["evaluation_run"]
    assert run["source_metadata"]["evaluator_relationship"] == "third_party"
    assert run["eval_library"] == {"name": "lmms-eval", "version": "v0.3.0"}
    assert run["evaluation_results"][0]["score_details"]["score"] == 71.2
    assert export_catalog(catalog, "every-eval-ever") == export_catalog(catalog, "every-eval-ever")


def test_model_index_yaml_holds_every_row_unverified(catalog_copy):
    catalog = _catalog(catalog_copy)
    documents = [d for d in yaml.safe_load_all(export_catalog(catalog, "model-index")) if d]
    [llava] = [d for d in documents if d["model-index"][0]["name"] == "LLaVA-1.5"]
    values = sorted(r["metrics"][0]["value"] for r in llava["model-index"][0]["results"])
    assert values == [71.2, 78.5]
    assert all(r["metrics"][0]["verified"] is False for r in llava["model-index"][0]["results"])


def test_the_bundled_catalog_exports_valid_every_eval_ever_records():
    from vlkb.loading.catalog import load_catalog

    catalog, _ = load_catalog(REPO_ROOT / "catalog")
    schema = json.loads((REPO_ROOT / "tests/fixtures/schemas/every_eval_ever/eval.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema) if schema.get("$schema", "").endswith("2020-12/schema") \
        else jsonschema.validators.validator_for(schema)(schema)
    lines = export_catalog(catalog, "every-eval-ever").splitlines()
    assert len(lines) > 100
    for line in lines:
        errors = list(validator.iter_errors(json.loads(line)))
        assert not errors, (json.loads(line)["evaluation_id"], errors[0].message)
