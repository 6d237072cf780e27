"""The taxonomy tree (catalog/taxonomy.yaml): streams -> categories -> leaves, with stable ids."""

from __future__ import annotations

from functools import cached_property

from pydantic import Field, model_validator

from vlkb.schema.common import MAX_ITEMS, Line, OwnId, StrictModel, Text


class TaxonomyNode(StrictModel):
    """A node; a node without children is a leaf that papers can sit on."""

    id: OwnId = Field(description="Id unique among its siblings; part of the leaf path.")
    label: Line = Field(description="Label shown to readers.")
    description: Text | None = Field(None, description="What belongs here.")
    children: list["TaxonomyNode"] = Field(default_factory=list, max_length=MAX_ITEMS, description="Sub-categories.")

    @model_validator(mode="after")
    def _unique_children(self) -> "TaxonomyNode":
        ids = [child.id for child in self.children]
        if len(set(ids)) != len(ids):
            raise ValueError(f"two children of '{self.id}' share an id")
        return self


class Taxonomy(StrictModel):
    """The whole tree."""

    streams: list[TaxonomyNode] = Field(min_length=1, max_length=MAX_ITEMS, description="Top-level streams.")

    def leaves(self) -> dict[str, list[TaxonomyNode]]:
        """Leaf path -> the nodes from the stream down to the leaf."""
        return {path: trail for path, trail in self.paths_with_trails.items() if not trail[-1].children}

    def nodes(self) -> dict[str, list[TaxonomyNode]]:
        """Every node path (inner nodes too) -> its trail."""
        return dict(self.paths_with_trails)

    @cached_property
    def paths_with_trails(self) -> dict[str, list[TaxonomyNode]]:
        found: dict[str, list[TaxonomyNode]] = {}

        def walk(node: TaxonomyNode, trail: list[TaxonomyNode]) -> None:
            trail = trail + [node]
            found["/".join(n.id for n in trail)] = trail
            for child in node.children:
                walk(child, trail)

        for stream in self.streams:
            walk(stream, [])
        return found
