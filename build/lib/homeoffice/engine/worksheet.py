"""The engine's output shape: a Worksheet of Lines. Views and the PDF render these objects as they are;
nothing downstream recomputes a number.

Line keys: "<form>.<line>[column]" — "8829.24", "8829.19b" (column b = indirect), "8829.20a" (column a = direct),
"smw.4" (Simplified Method Worksheet), "p587.13" (Pub 587 worksheet for partners / Schedule F),
"l11ws.7a" (Line 11 Worksheet), "dcws.3" (Daycare Facility Worksheet), "dep.imp1.42" (improvements statement).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .money import to_str

# What the number is; the PDF and templates format by kind.
MONEY = "money"  # dollars (whole dollars, or cents in cents mode)
PERCENT = "percent"  # a percentage shown as percent: Decimal("17.13") means 17.13 %
DECIMAL = "decimal"  # a plain decimal fraction: line 6, Decimal("0.3425")
HOURS = "hours"
SQFT = "sqft"
RATE = "rate"  # dollars per square foot, with cents (simplified method $5.00, daycare-reduced $1.94)
KINDS = (MONEY, PERCENT, DECIMAL, HOURS, SQFT, RATE)


@dataclass(frozen=True, slots=True)
class Line:
    key: str  # "8829.24"
    label: str  # the caption as printed on the form / worksheet
    amount: Decimal | None  # None = line left blank on the form
    kind: str = MONEY
    source: str = (
        ""  # form line and Pub 587 section, e.g. "Form 8829 line 24; Pub 587 (2025) Actual expenses"
    )
    note: str = ""  # e.g. "See attached computation"

    @property
    def line_number(self) -> str:
        """The form's own line number: "8829.19b" -> "19b"."""
        return self.key.split(".", 1)[1] if "." in self.key else self.key

    def to_dict(self) -> dict:
        d = {
            "key": self.key,
            "label": self.label,
            "amount": to_str(self.amount),
            "kind": self.kind,
            "source": self.source,
        }
        if self.note:
            d["note"] = self.note
        return d


@dataclass(frozen=True, slots=True)
class Worksheet:
    id: str  # "form8829", "smw", "p587", "line11", "daycare", "improvements"
    title: str  # "Form 8829 — Expenses for Business Use of Your Home (2025)"
    lines: tuple[Line, ...]
    notes: tuple[str, ...] = ()
    meta: dict = field(default_factory=dict)  # e.g. {"home": "main", "business": "design", "tax_year": 2025}

    def get(self, key: str) -> Line | None:
        for line in self.lines:
            if line.key == key:
                return line
        return None

    def __getitem__(self, key: str) -> Line:
        line = self.get(key)
        if line is None:
            raise KeyError(key)
        return line

    def amount(self, key: str) -> Decimal | None:
        return self[key].amount

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def keys(self) -> list[str]:
        return [line.key for line in self.lines]

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "meta": dict(self.meta),
            "lines": [line.to_dict() for line in self.lines],
            "notes": list(self.notes),
        }
