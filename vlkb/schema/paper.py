"""The paper record: one YAML file per paper under catalog/papers/.

The fields follow what a reader of the survey (arXiv 2501.02765) compares papers on: identity and
provenance, place in the taxonomy, the vision encoder -> projector -> LLM pipeline, and benchmark
results as flat rows (the shape of huggingface_hub's EvalResult), each with its own source.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, Strict, StringConstraints, field_validator, model_validator

from vlkb.printed_numbers import PrintedFloat
from vlkb.schema.action import ActionFacts, RealRobotResult
from vlkb.schema.common import (
    ArxivId,
    Doi,
    MAX_AUTHORS,
    MAX_BUILDS_ON,
    MAX_FEW,
    MAX_ITEMS,
    MAX_RESULTS,
    Line,
    Link,
    LocatedSource,
    Modality,
    OwnId,
    RecordId,
    RepositoryName,
    Source,
    StatedCount,
    StrictModel,
    Text,
)
from vlkb.schema.generation import GenerationFacts

Day = Annotated[dt.date, Strict()]
"""A calendar date written unquoted as YYYY-MM-DD."""

DatePrecision = Literal["day", "month"]
"""How much of `date` is known: `month` when a source gives only the month (the arXiv id encodes it)."""

PaperKind = Literal["model", "method", "benchmark", "dataset", "survey", "analysis", "framework"]
"""What a paper mainly contributes."""

CodeStatus = Literal["released", "not-released", "unknown"]
"""Whether code exists: `not-released` is a checked fact, `unknown` means nobody checked."""

AuthorStatus = Literal["confirmed", "unconfirmed"]
"""`confirmed`: read from an authoritative page or two agreeing sources."""

ProjectorType = Literal["linear", "mlp", "q-former", "perceiver-resampler", "cross-attention", "pixel-shuffle",
                        "c-abstractor", "d-abstractor", "conv", "none", "other"]
"""How visual features become LLM tokens (survey Section 2, the 'projector')."""

Direction = Literal["higher-is-better", "lower-is-better"]
"""Which way a metric improves, as a source marks it."""

ResultSetting = Literal["zero-shot", "few-shot", "fine-tuned", "held-in", "other"]
"""How the model met the benchmark: `held-in` means its training mix contained the benchmark's train split."""

Provenance = Literal["reported", "quoted", "reproduced", "re-evaluated"]
"""`reported` by the paper's authors, `quoted` from another paper's table, `reproduced` by vlkb,
`re-evaluated`: a third party ran the released model (a harness, a later paper's own run, a user)."""

ACTING_OUTPUTS = frozenset({"action", "trajectory"})
GENERATED_OUTPUTS = frozenset({"image", "video", "3d"})

TaxonomyPath = Annotated[str, Strict(), Field(pattern=r"^[a-z0-9-]+(?:/[a-z0-9-]+)*$")]


class Authors(StrictModel):
    """The ordered author list and where it was read."""

    names: list[Line] = Field(default_factory=list, max_length=MAX_AUTHORS, description="Authors in the paper's order, as the source writes them.")
    status: AuthorStatus = Field(description="confirmed (authoritative page or two agreeing sources) or unconfirmed.")
    sources: list[Source] = Field(default_factory=list, max_length=MAX_ITEMS, description="Pages the list was read from.")

    @model_validator(mode="after")
    def _confirmed_needs_evidence(self) -> "Authors":
        if self.status == "confirmed" and not self.names:
            raise ValueError("confirmed authors need the names")
        if self.status == "confirmed" and not self.sources:
            raise ValueError("confirmed authors need at least one source")
        return self  # the same name twice is legitimate (LaVIT has two authors named Kun Xu)


class Links(StrictModel):
    """Where to read the paper and its code."""

    paper: Link | None = Field(None, description="The paper itself (arXiv abstract, proceedings page, blog post).")
    code: Link | None = Field(None, description="Official code repository.")
    code_status: CodeStatus = Field("unknown", description="released, not-released (checked) or unknown.")
    project: Link | None = Field(None, description="Project page.")

    @model_validator(mode="after")
    def _code_matches_status(self) -> "Links":
        if self.code and self.code_status != "released":
            raise ValueError("a code link is given, so code_status must be 'released'")
        if self.code_status == "released" and not self.code:
            raise ValueError("code_status 'released' needs the code link")
        return self


ReproductionName = Annotated[str, Strict(), StringConstraints(pattern=r"^[a-z0-9][a-z0-9.-]{0,79}$")]
"""A model name of the reproductions, e.g. llava-1.5-7b."""
ResolutionScheme = Literal["fixed", "anyres", "dynamic-tiling", "native"]


class Architecture(StrictModel):
    """One model variant along the pipeline vision encoder -> projector -> LLM."""

    variant: Line = Field(description="Model variant name as the paper writes it, e.g. LLaVA-1.5-7B.")
    reproduction: ReproductionName | None = Field(
        None, description="Name of the model in vlkb's reproductions (reproductions/ledger/architecture.json) that "
                          "rebuilds this variant, so its page shows the computed counts beside the stated ones.")
    resolution_scheme: ResolutionScheme | None = Field(
        None, description="How images of other sizes reach the model: fixed (resized to one square), anyres (a grid "
                          "of crops plus a thumbnail, LLaVA-NeXT), dynamic-tiling (a number of fixed-size tiles chosen "
                          "by aspect ratio, InternVL 1.5+), native (patches at the image's own size, Qwen2-VL).")
    vision_encoder: RecordId | None = Field(None, description="Id of the vision encoder in catalog/components/.")
    projector: ProjectorType | None = Field(None, description="Projector type from the controlled vocabulary.")
    language_model: RecordId | None = Field(None, description="Id of the language model in catalog/components/.")
    image_resolution: int | None = Field(None, ge=1, le=10000, description="Input side length in pixels.")
    visual_tokens: int | None = Field(None, ge=0, le=1_000_000, description="Visual tokens the LLM receives per image.")
    total_parameters: StatedCount | None = Field(None, description="Total parameters as stated: 7B, 7.06B or an integer.")
    note: Text | None = Field(None, description="What the numbers mean where ambiguous (per tile, per frame...).")
    sources: list[LocatedSource] = Field(min_length=1, max_length=MAX_ITEMS,
                                         description="Where these facts were read, with locators.")


class ReEvaluation(StrictModel):
    """Who re-ran a released model, with what, and how: the facts that explain a gap to the paper's number."""

    harness: Line = Field(description="The evaluation code: VLMEvalKit, lmms-eval, or 'own evaluation code' of a paper.")
    harness_version: Line | None = Field(None, description="Release or commit of the harness, where stated.")
    judge: Line | None = Field(None, description="Judge model or answer parser, where one scores answers.")
    prompt: Text | None = Field(None, description="Prompt or setting, where stated (e.g. with chain of thought).")
    by: Line = Field(description="Who ran it: a toolkit's maintainers, a user in an issue, a later paper's authors.")
    date: Day | None = Field(None, description="When the number was published (the result file's commit, the comment).")


class Result(StrictModel):
    """One benchmark number: one model variant, one benchmark split and metric, one source."""

    variant: Line = Field(description="Model variant the number belongs to.")
    benchmark: RecordId = Field(description="Id in catalog/benchmarks/.")
    split: Line = Field(description="Benchmark split, e.g. test-dev.")
    metric: RecordId = Field(description="Metric id of that benchmark.")
    value: Annotated[float, Strict()] | Annotated[int, Strict()] = Field(description="The number exactly as printed.")
    setting: ResultSetting = Field(description="zero-shot, few-shot, fine-tuned, held-in or other.")
    evaluator: Line | None = Field(None, description="Who scored it: official server, a toolkit, a judge model.")
    provenance: Provenance = Field("reported", description="reported, quoted, reproduced or re-evaluated.")
    re_evaluation: ReEvaluation | None = Field(None, description="For a re-evaluated row: harness, judge, who and when.")
    direction: Direction | None = Field(
        None, description="The direction the source marks (an up or down arrow); checked against the metric's.")
    source: LocatedSource = Field(description="Where the number stands: paper version + table, or file at a commit.")
    note: Text | None = Field(None, description="Disagreements with other sources and other caveats.")

    @field_validator("value", mode="wrap")
    @classmethod
    def _keep_printed_digits(cls, value, handler):
        """A PrintedFloat (89.40 as the source printed it, vlkb.printed_numbers) stays one; pydantic would
        hand back the plain float 89.4."""
        checked = handler(value)
        return value if isinstance(value, PrintedFloat) and checked == value else checked


COMPANION_LIST = "JackYFL/awesome-VLLMs"
"""The survey's companion list, which the catalog was bootstrapped from."""


class Correction(StrictModel):
    """A fix relative to an awesome list (the survey's companion list unless `list` says otherwise), kept so
    its maintainers and readers can check it."""

    list: RepositoryName = Field(COMPANION_LIST, description="The list (owner/name) the fix is relative to.")
    field: Line = Field(description="Record field that differs from the list.")
    was: Line | None = Field(None, description="What the list says.")
    now: Line | None = Field(None, description="What this record says.")
    reason: Text = Field(description="Why the list is wrong.")
    source: Source = Field(description="Where the right value was read.")


class Paper(StrictModel):
    """A paper in the knowledge base."""

    id: OwnId = Field(description="Record id; equals the file name without .yaml.")
    title: Line = Field(description="The paper's title, plain text, real wording.")
    short_name: Line | None = Field(None, description="Name the field uses for the work, e.g. LLaVA-1.5.")
    kind: PaperKind = Field(description="model, method, benchmark, dataset, survey, analysis or framework.")
    authors: Authors = Field(description="Ordered authors with their sources.")
    date: Day = Field(description="Date of the first public version (arXiv v1 where there is one).")
    date_precision: DatePrecision = Field(
        "day", description="day, or month when only the month of v1 is known (date is then the 1st).")
    date_source: Source | None = Field(
        None, description="Where the first version's date was read: the arXiv page or its v1 stamp, the release post.")
    venue: Line = Field(description="Id in catalog/venues.yaml; 'arxiv' for a preprint.")
    venue_year: int | None = Field(None, ge=1990, le=2100, description="Year of the venue edition.")
    venue_source: Source | None = Field(
        None, description="Where the venue was read: proceedings page, the authors' repository, the arXiv comments field.")
    arxiv: ArxivId | None = Field(None, description="arXiv id without version, quoted.")
    doi: Doi | None = Field(None, description="DOI without the resolver prefix.")
    links: Links = Field(default_factory=Links, description="Paper, code and project links.")
    taxonomy: list[TaxonomyPath] = Field(min_length=1, max_length=MAX_FEW, description="Leaf paths of catalog/taxonomy.yaml.")
    input_modalities: list[Modality] = Field(default_factory=list, max_length=MAX_FEW, description="What the model reads.")
    output_modalities: list[Modality] = Field(default_factory=list, max_length=MAX_FEW, description="What the model produces.")
    architecture: list[Architecture] = Field(default_factory=list, max_length=MAX_ITEMS, description="Pipeline per model variant.")
    results: list[Result] = Field(default_factory=list, max_length=MAX_RESULTS, description="Benchmark results as flat rows.")
    action: list[ActionFacts] = Field(default_factory=list, max_length=MAX_ITEMS,
                                      description="How each variant acts (vision-to-action models).")
    generation: list[GenerationFacts] = Field(default_factory=list, max_length=MAX_ITEMS,
                                              description="How each variant generates images (text-to-vision models).")
    real_robot: list[RealRobotResult] = Field(default_factory=list, max_length=MAX_RESULTS,
                                              description="Successes over trials on real-robot tasks.")
    builds_on: list[RecordId] = Field(default_factory=list, max_length=MAX_BUILDS_ON, description="Ids of the records this work extends.")
    summary: Text | None = Field(None, max_length=600, description="One or two sentences in our own words.")
    corrections: list[Correction] = Field(default_factory=list, max_length=MAX_ITEMS, description="Fixes relative to the awesome-VLLMs list.")
    review: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS, description="Open questions for reviewers.")
    added: Day = Field(description="When the record entered vlkb.")
    verified: Day | None = Field(None, description="When a person last checked the record against its sources.")

    @model_validator(mode="after")
    def _consistent(self) -> "Paper":
        if len(set(self.taxonomy)) != len(self.taxonomy):
            raise ValueError("a taxonomy leaf is listed twice")
        if self.id in self.builds_on:
            raise ValueError("a paper cannot build on itself")
        if self.venue == "arxiv" and self.venue_year is not None:
            raise ValueError("venue_year is for published venues; drop it for arxiv")
        if (self.action or self.real_robot) and not ACTING_OUTPUTS & set(self.output_modalities):
            raise ValueError("action facts and real-robot results need an acting output: add action (or trajectory)"
                             " to output_modalities, or move the facts to the record of the model that acts")
        for result in self.results:
            if (result.provenance == "re-evaluated") != (result.re_evaluation is not None):
                raise ValueError("a re-evaluated result needs re_evaluation (harness, by), and only such a result has it")
        reported = {(r.variant, r.benchmark, r.metric) for r in self.results if r.provenance in ("reported", "quoted")}
        unchecked = sorted({f"{r.variant} on {r.benchmark} ({r.metric})" for r in self.results
                            if r.provenance == "re-evaluated" and (r.variant, r.benchmark, r.metric) not in reported})
        if unchecked:
            raise ValueError(f"re-evaluated results need the reported row they check (same variant, benchmark and "
                             f"metric, provenance reported or quoted): none for {', '.join(unchecked[:3])}")
        if self.generation and not GENERATED_OUTPUTS & set(self.output_modalities):
            raise ValueError("generation facts need an image, video or 3d output in output_modalities")
        if self.date_precision == "month" and self.date.day != 1:
            raise ValueError("with date_precision: month, write the date as the 1st of the month")
        return self

    @property
    def date_label(self) -> str:
        """The date as far as it is known: 2023-10-05, or 2023-10 when only the month is."""
        return self.date.strftime("%Y-%m") if self.date_precision == "month" else self.date.isoformat()
