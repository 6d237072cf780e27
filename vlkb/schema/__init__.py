"""The record models of vlkb, one module per record type; `RECORD_MODELS` maps catalog folders to them."""

from vlkb.schema.benchmark import Benchmark, Metric, PaperRef
from vlkb.schema.common import Source
from vlkb.schema.component import Component, Hyperparameters
from vlkb.schema.paper import Architecture, Authors, Correction, Links, Paper, Result
from vlkb.schema.taxonomy import Taxonomy, TaxonomyNode
from vlkb.schema.venue import Venue, Venues

__all__ = [
    "Architecture", "Authors", "Benchmark", "Component", "Correction", "Hyperparameters", "Links", "Metric",
    "Paper", "PaperRef", "Result", "Source", "Taxonomy", "TaxonomyNode", "Venue", "Venues",
]
