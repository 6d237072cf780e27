"""How a vision-to-action model acts, and what it achieved on real robots.

The survey's vision-to-action stream (arXiv 2501.02765, Section 4) compares models by how they turn a
language model's output into motor commands: discrete bins in the vocabulary (RT-2, OpenVLA), a
regression or diffusion head, a flow-matching action expert (pi0), or language and waypoints
(driving planners, GUI agents). These records say which, per variant, each fact with its source.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from vlkb.schema.common import MAX_FEW, MAX_ITEMS, Line, LocatedSource, RecordId, StatedCount, StrictModel, Text

ActionRepresentation = Literal["discrete-bins", "continuous-regression", "diffusion", "flow-matching", "language",
                               "waypoints", "other"]
"""How actions are produced: tokens for binned values, a regression head, a diffusion or flow-matching head
or expert, actions written as language (click coordinates, commands), or trajectory waypoints."""

Embodiment = Literal["single-arm", "bimanual", "mobile-manipulator", "humanoid", "quadruped", "dexterous-hand",
                     "vehicle", "drone", "gui-agent", "other"]
"""What the model controls; `gui-agent` is a phone, desktop or browser driven by clicks and typing."""

Observation = Literal["third-person-camera", "wrist-camera", "multi-view-cameras", "proprioception", "depth",
                      "lidar", "screenshot", "accessibility-tree", "language"]
"""What the model observes besides the instruction."""


class ActionFacts(StrictModel):
    """How one model variant acts."""

    variant: Line = Field(description="Model variant, as in architecture and results.")
    representation: ActionRepresentation = Field(description="How actions are produced (controlled vocabulary).")
    bins: int | None = Field(None, ge=2, le=1_000_000, description="Bins per action dimension, for discrete-bins.")
    action_head: RecordId | None = Field(None, description="Id of the action head or expert in catalog/components/.")
    action_head_parameters: StatedCount | None = Field(None, description="Size of the action head or expert as stated.")
    chunk_length: int | None = Field(None, ge=1, le=10_000, description="Actions predicted per inference step.")
    control_frequency_hz: float | None = Field(None, gt=0, le=10_000, description="Control frequency in Hz.")
    action_dimensions: int | None = Field(None, ge=1, le=1_000, description="Dimensions of one action.")
    embodiments: list[Embodiment] = Field(default_factory=list, max_length=MAX_FEW, description="What it controls.")
    observations: list[Observation] = Field(default_factory=list, max_length=MAX_FEW, description="What it observes.")
    robot_data: Line | None = Field(None, description="Robot-data mixture it was trained on, e.g. an Open X-Embodiment subset.")
    note: Text | None = Field(None, description="Caveats in our own words.")
    sources: list[LocatedSource] = Field(min_length=1, max_length=MAX_ITEMS, description="Where these facts were read.")

    @model_validator(mode="after")
    def _bins_need_discrete(self) -> "ActionFacts":
        if self.bins is not None and self.representation != "discrete-bins":
            raise ValueError(f"bins are given, but the representation is {self.representation}, not discrete-bins")
        return self


class RealRobotResult(StrictModel):
    """Successes over trials on one real-robot task: the site shows the rate with its interval."""

    variant: Line = Field(description="Model variant that ran.")
    task: Line = Field(description="The task as the source names it, e.g. fold a shirt.")
    embodiment: Embodiment = Field(description="What ran it.")
    robot: Line | None = Field(None, description="The robot, e.g. Franka Emika Panda, WidowX 250.")
    trials: int = Field(ge=1, le=1_000_000, description="Number of trials.")
    successes: float = Field(ge=0, description="Successful trials (a fraction where the source scores partial success).")
    source: LocatedSource = Field(description="Where the counts stand.")
    note: Text | None = Field(None, description="Protocol details, partial-credit rules.")

    @model_validator(mode="after")
    def _successes_within_trials(self) -> "RealRobotResult":
        if self.successes > self.trials:
            raise ValueError(f"successes ({self.successes:g}) exceed trials ({self.trials})")
        return self
