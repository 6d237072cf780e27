"""Croissant 1.0 metadata (http://mlcommons.org/croissant/1.0): validated by MLCommons' `mlcroissant`, which
also reads every record set back from the Parquet files it describes, offline."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

import vlkb.outputs.exports as exports
from tests.paths import FIXTURE_CATALOG
from vlkb.checks.validation import validate_catalog
from vlkb.outputs.croissant import CROISSANT_VERSION
from vlkb.outputs.tables import TABLES

mlc = pytest.importorskip("mlcroissant", reason="mlcroissant is in the test extra: pip install -e '.[test]'")


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    """The site's data/ layout: the Parquet tables next to croissant.json."""
    folder = tmp_path_factory.mktemp("data")
    root = tmp_path_factory.mktemp("croissant-catalog") / "catalog"
    shutil.copytree(FIXTURE_CATALOG, root)
    catalog, problems = validate_catalog(root)
    assert problems == []
    for name, data in exports.dataset_files(catalog).items():
        (folder / name).write_bytes(data)
    return folder


def test_the_croissant_file_validates_with_mlcroissant_and_names_its_version_and_licence(written):
    dataset = mlc.Dataset(jsonld=written / "croissant.json")
    metadata = json.loads((written / "croissant.json").read_text(encoding="utf-8"))
    assert metadata["conformsTo"] == CROISSANT_VERSION
    assert metadata["version"] and metadata["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert dataset.metadata.name == "vlkb"
    assert [rs["@id"] for rs in metadata["recordSet"]] == list(TABLES)


def test_every_file_it_lists_has_the_checksum_of_the_file_beside_it(written):
    metadata = json.loads((written / "croissant.json").read_text(encoding="utf-8"))
    for entry in metadata["distribution"]:
        assert entry["sha256"] == hashlib.sha256((written / entry["contentUrl"]).read_bytes()).hexdigest()


@pytest.mark.parametrize("record_set", ["papers", "authors", "benchmarks", "taxonomy"])
def test_mlcroissant_reads_each_record_set_back_from_the_parquet_files(written, record_set):
    import pyarrow.parquet as pq

    dataset = mlc.Dataset(jsonld=written / "croissant.json")
    records = list(dataset.records(record_set=record_set))
    table = pq.read_table(written / f"{record_set}.parquet")
    assert len(records) == table.num_rows > 0
    key = TABLES[record_set].key[0]
    read = [r[f"{record_set}/{key}"] for r in records]
    assert [v.decode() if isinstance(v, bytes) else v for v in read] == table.column(key).to_pylist()
