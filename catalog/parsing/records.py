"""Plain records a source parser produces, independent of Django models.

A parser turns a document into a ParsedList; catalog.parsing.fixtures turns lists into
Django fixtures. Keeping the two apart lets each source format have its own parser.
"""

from dataclasses import dataclass, field


@dataclass
class ParsedRow:
    """One table row: an item without sub-items, or one sub-item of an item."""

    name: str
    item_type: str
    lead: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    level_note: str = ""


@dataclass
class ParsedItem:
    number: int
    name: str
    # Set for an item without sub-items (its single row); empty when sub-items carry the types.
    item_type: str = ""
    lead: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    level_note: str = ""
    subitems: list[ParsedRow] = field(default_factory=list)


@dataclass
class ParsedScenario:
    number: int
    name: str
    items: list[ParsedItem] = field(default_factory=list)


@dataclass
class ParsedStage:
    number: int
    name: str
    scenarios: list[ParsedScenario] = field(default_factory=list)


@dataclass
class ParsedList:
    kind: str  # "enterprise" or "personal"
    name: str
    source: str
    stages: list[ParsedStage] = field(default_factory=list)

    def items(self):
        return [item for stage in self.stages for scenario in stage.scenarios for item in scenario.items]


class SourceFormatError(ValueError):
    """The source text does not have the shape the parser expects; says where."""
