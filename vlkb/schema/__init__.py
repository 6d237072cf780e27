"""The record models of vlkb, one module per record type; `RECORD_MODELS` maps catalog folders to them."""

from vlkb.schema.action import ActionFacts, RealRobotResult
from vlkb.schema.benchmark import Benchmark, Metric, PaperRef, Suite
from vlkb.schema.common import Source
from vlkb.schema.component import Component, Hyperparameters
from vlkb.schema.generation import GenerationFacts
from vlkb.schema.paper import Architecture, Authors, Correction, Links, Paper, Result
from vlkb.schema.taxonomy import Taxonomy, TaxonomyNode
from vlkb.schema.venue import Venue, Venues

RECORD_MODELS = {"papers": Paper, "benchmarks": Benchmark, "components": Component}
"""Catalog folder -> the model of each file in it: the one place that says which folder holds what."""

REGISTRY_MODELS = {"taxonomy.yaml": Taxonomy, "venues.yaml": Venues}
"""Registry file at the catalog root -> its model."""

RECORD_KINDS = {"papers": "paper", "benchmarks": "benchmark", "components": "component"}
"""Catalog folder -> the singular word commands and messages use for its records."""

__all__ = [
    "ActionFacts", "Architecture", "GenerationFacts", "RealRobotResult", "Suite", "Authors", "Benchmark", "Component", "Correction", "Hyperparameters", "Links", "Metric",
    "Paper", "PaperRef", "RECORD_KINDS", "RECORD_MODELS", "REGISTRY_MODELS", "Result", "Source", "Taxonomy", "TaxonomyNode", "Venue", "Venues",
]
