"""The benchmark record: what a benchmark measures and how its numbers read.

A metric's range and direction let the validator reject a result outside the possible values
(an MME perception score above 2000, an accuracy of 785) and let leaderboards sort correctly.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from vlkb.schema.common import (MAX_FEW, MAX_ITEMS, ArxivId, Line, Link, Modality, OwnId, RecordId, RepositoryName,
                                Source, StrictModel, Text)

MetricUnit = Literal["percent", "score", "points", "ratio", "count", "meters", "seconds"]
"""How a metric's value reads."""


class Metric(StrictModel):
    """One metric of a benchmark."""

    id: RecordId = Field(description="Metric id used by result rows, e.g. accuracy.")
    name: Line = Field(description="Name as the benchmark's paper writes it.")
    unit: MetricUnit = Field(description="percent, score, points, ratio, count, meters or seconds.")
    min: float = Field(description="Lowest possible value.")
    max: float = Field(description="Highest possible value.")
    higher_is_better: bool = Field(description="Direction used to rank results.")

    @model_validator(mode="after")
    def _range(self) -> "Metric":
        if self.min >= self.max:
            raise ValueError("min must be below max")
        return self


class Suite(StrictModel):
    """A sub-suite of a benchmark (LIBERO-Spatial, GenEval counting), or the aggregate over some of them."""

    id: RecordId = Field(description="Suite id; one of the benchmark's splits, which result rows name.")
    name: Line = Field(description="Name as the benchmark's paper writes it, e.g. LIBERO-Long.")
    average_of: list[RecordId] = Field(default_factory=list, max_length=MAX_ITEMS,
                                       description="For an aggregate: the suites it averages.")


class PaperRef(StrictModel):
    """A paper that may not be in the catalog, named well enough to find."""

    title: Line = Field(description="Title of the paper.")
    arxiv: ArxivId | None = Field(None, description="arXiv id without version.")
    url: Link | None = Field(None, description="Link to the paper.")


class HubDataset(StrictModel):
    """The benchmark's dataset on the Hugging Face Hub, as its authors name it: what the `.eval_results`
    export points at, so a number lands on that dataset's leaderboard."""

    id: RepositoryName = Field(description="Hub dataset id, owner/name, e.g. MMMU/MMMU.")
    source: Source = Field(description="Where the benchmark's authors name it (their README at a commit and line).")


class Benchmark(StrictModel):
    """A benchmark or evaluation dataset."""

    id: OwnId = Field(description="Record id; equals the file name.")
    name: Line = Field(description="Display name, e.g. VQAv2.")
    task: Line = Field(description="What it tests, e.g. visual question answering.")
    modalities: list[Modality] = Field(min_length=1, max_length=MAX_FEW, description="Inputs it gives a model.")
    description: Text | None = Field(None, max_length=600, description="One or two sentences in our own words.")
    metrics: list[Metric] = Field(min_length=1, max_length=MAX_ITEMS, description="Metrics with unit, range and direction.")
    splits: list[Line] = Field(default_factory=list, max_length=MAX_ITEMS, description="Named splits results may report on.")
    suites: list[Suite] = Field(default_factory=list, max_length=MAX_ITEMS,
                                description="Sub-suites among the splits, shown side by side on the leaderboard.")
    paper: PaperRef | None = Field(None, description="The paper that introduced it.")
    introduced_by: RecordId | None = Field(None, description="Catalog id of that paper, when it is in the catalog.")
    hub_dataset: HubDataset | None = Field(None, description="Its dataset on the Hugging Face Hub, with the source naming it.")
    sources: list[Source] = Field(min_length=1, max_length=MAX_ITEMS, description="Where these facts were read.")

    @model_validator(mode="after")
    def _unique_metrics(self) -> "Benchmark":
        ids = [metric.id for metric in self.metrics]
        if len(set(ids)) != len(ids):
            raise ValueError("a metric id is listed twice")
        suites = [suite.id for suite in self.suites]
        if len(set(suites)) != len(suites):
            raise ValueError("a suite id is listed twice")
        outside = [suite for suite in suites if suite not in self.splits]
        if outside:
            raise ValueError(f"suites {outside} are not among the splits; list them under splits too")
        for suite in self.suites:
            unknown = [part for part in suite.average_of if part not in suites or part == suite.id]
            if unknown:
                raise ValueError(f"suite '{suite.id}' averages {unknown}, which are not other suites of this benchmark")
        return self

    def suite(self, suite_id: str) -> Suite | None:
        return next((s for s in self.suites if s.id == suite_id), None)

    def metric(self, metric_id: str) -> Metric | None:
        return next((m for m in self.metrics if m.id == metric_id), None)
