"""Croissant 1.0 metadata of the dataset (MLCommons, http://mlcommons.org/croissant/1.0): what dataset
search, the Hugging Face Hub and loaders such as `mlcroissant` read to find and open the Parquet tables.

One `cr:FileObject` per Parquet file (with its SHA-256) and one `cr:RecordSet` per table whose fields are the
table's documented columns, each extracted from its Parquet column. The `@context` is the standard one of
Croissant 1.0, as `mlcroissant` writes it. `tests/dataset/test_croissant.py` validates the document with
`mlcroissant` and reads the records back through it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from vlkb.outputs.tables import TABLES

CROISSANT_VERSION = "http://mlcommons.org/croissant/1.0"
CONTEXT: dict[str, Any] = {
    "@language": "en", "@vocab": "https://schema.org/", "citeAs": "cr:citeAs", "column": "cr:column",
    "conformsTo": "dct:conformsTo", "cr": "http://mlcommons.org/croissant/",
    "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/", "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"}, "extract": "cr:extract", "field": "cr:field",
    "fileObject": "cr:fileObject", "fileProperty": "cr:fileProperty", "fileSet": "cr:fileSet", "format": "cr:format",
    "includes": "cr:includes", "isLiveDataset": "cr:isLiveDataset", "jsonPath": "cr:jsonPath", "key": "cr:key",
    "md5": "cr:md5", "parentField": "cr:parentField", "path": "cr:path", "rai": "http://mlcommons.org/croissant/RAI/",
    "recordSet": "cr:recordSet", "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated",
    "replace": "cr:replace", "samplingRate": "cr:samplingRate", "sc": "https://schema.org/",
    "separator": "cr:separator", "source": "cr:source", "subField": "cr:subField", "transform": "cr:transform",
}
"""The standard @context of Croissant 1.0 (mlcroissant's `make_context()` for a 1.0 document)."""

DATA_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
CODE_LICENSE = "https://opensource.org/license/mit"
SURVEY = "https://arxiv.org/abs/2501.02765"
DESCRIPTION = ("A validated, sourced knowledge base of visual large language models: papers of the survey "
               "'Visual Large Language Models for Generalized and Specialized Applications' (arXiv 2501.02765) and "
               "its companion list, with their taxonomy, architectures (vision encoder, projector, LLM), action "
               "facts and benchmark results, each number with the table or file it was read from.")
_DATA_TYPES = {"string": "sc:Text", "int64": "sc:Integer", "float64": "sc:Float", "bool": "sc:Boolean",
               "date32": "sc:Date", "list<string>": "sc:Text"}


def dataset_citation(version: str) -> str:
    """The BibTeX a user cites the data with (Croissant's citeAs, the data page, CITATION.cff say the same)."""
    return ("@misc{vlkb,\n  title  = {vlkb: a validated knowledge base of visual large language models},\n"
            f"  author = {{{{vlkb contributors}}}},\n  note   = {{Version {version}; data under CC BY 4.0}},\n"
            "  year   = {2026}\n}")


def croissant(version: str, files: dict[str, bytes], *, date_published: str | None = None,
              url: str | None = None) -> dict[str, Any]:
    """The Croissant document of `files`: table name -> (file name, Parquet bytes) given as {file name: bytes},
    where each file name ends in `{table}.parquet` (`papers.parquet`, `vlkb-0.1.0-papers.parquet`)."""
    by_table = {}
    for name in sorted(files):
        table = name.removesuffix(".parquet").rsplit("-", 1)[-1] if name.startswith("vlkb-") else name.removesuffix(".parquet")
        by_table[table] = name
    distribution, record_sets = [], []
    for table, spec in TABLES.items():
        if table not in by_table:
            continue
        file_name = by_table[table]
        distribution.append({
            "@type": "cr:FileObject", "@id": file_name, "name": file_name, "description": spec.description,
            "contentUrl": file_name, "encodingFormat": "application/x-parquet",
            "sha256": hashlib.sha256(files[file_name]).hexdigest(),
        })
        record_sets.append({
            "@type": "cr:RecordSet", "@id": table, "name": table, "description": spec.description,
            "key": [{"@id": f"{table}/{column}"} for column in spec.key],
            "field": [{
                "@type": "cr:Field", "@id": f"{table}/{column.name}", "name": column.name,
                "description": column.description, "dataType": _DATA_TYPES[column.type],
                **({"repeated": True} if column.type.startswith("list<") else {}),
                "source": {"fileObject": {"@id": file_name}, "extract": {"column": column.name}},
            } for column in spec.columns],
        })
    document: dict[str, Any] = {
        "@context": CONTEXT, "@type": "sc:Dataset", "name": "vlkb", "conformsTo": CROISSANT_VERSION,
        "description": DESCRIPTION, "version": version, "license": DATA_LICENSE,
        "citeAs": dataset_citation(version),
        "creator": {"@type": "sc:Organization", "name": "vlkb contributors"},
        "isBasedOn": SURVEY, "inLanguage": "en",
        "keywords": ["vision-language models", "multimodal large language models", "benchmarks", "survey",
                     "knowledge base"],
        "distribution": distribution, "recordSet": record_sets,
    }
    if date_published:
        document["datePublished"] = date_published
    if url:
        document["url"] = url
    return document


def croissant_json(version: str, files: dict[str, bytes], **options: Any) -> str:
    return json.dumps(croissant(version, files, **options), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
