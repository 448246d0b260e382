"""Both methods side by side, the recommendation and its plain-language reasons.

Only one home may use the simplified method in a year (Pub 587, More than one home); every other home uses
actual expenses on its own Form 8829. The recommendation maximises this year's deduction and says what the
choice costs later (frozen carryovers; depreciation lowers basis and is taxed on a sale). The reasons never
recommend on line 36 alone: advisor.py recommends on the tax each method saves (issue #13).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

from .fastinit import quick_init
from .money import ZERO, format_money


@dataclass(frozen=True, slots=True)
class Option:
    simplified_home: str | None  # None: actual expenses for every home
    total: Decimal  # this year's home office deduction under this option
    by_home: tuple[tuple[str, str, Decimal], ...]  # (home id, method, amount)

    @property
    def label(self) -> str:
        if self.simplified_home is None:
            return "actual"
        return f"simplified:{self.simplified_home}"

    def to_dict(self) -> dict:
        return {
            "simplified_home": self.simplified_home,
            "total": str(self.total),
            "by_home": [{"home": h, "method": m, "amount": str(a)} for h, m, a in self.by_home],
        }


@quick_init  # built for every case: see fastinit.py
@dataclass(frozen=True)
class Comparison:
    actual_total: Decimal
    simplified_total: Decimal  # best option that uses the simplified method for one home
    options: tuple[Option, ...]
    recommended: Option
    chosen: Option
    forced: bool  # the case asked for a method
    facts: dict  # what the reasons are written from (carryovers in/out, depreciation, number of homes)

    @functools.cached_property
    def reasons(self) -> tuple[str, ...]:
        """Plain-language reasons, written on first access (batch computation rarely needs the text)."""
        return _reasons(self)

    def to_dict(self) -> dict:
        return {
            "actual": str(self.actual_total),
            "simplified": str(self.simplified_total),
            "recommended": self.recommended.to_dict(),
            "recommended_method": "actual" if self.recommended.simplified_home is None else "simplified",
            "chosen_method": "actual" if self.chosen.simplified_home is None else "simplified",
            "chosen": self.chosen.to_dict(),
            "method_forced_by_case": self.forced,
            "options": [o.to_dict() for o in self.options],
            "reasons": list(self.reasons),
        }


_money = format_money  # the one money format (money.py)


def compare(
    *,
    method: str,
    simplified_home: str | None,
    actual: dict[str, Decimal],
    simplified: dict[str, Decimal],
    carryovers_in: dict[str, Decimal],
    carryovers_out: dict[str, Decimal],
    depreciation: dict[str, Decimal],
) -> Comparison:
    """`actual` / `simplified`: deduction per home under each method; `carryovers_in`: carryovers each home
    brings (frozen under the simplified method); `carryovers_out`: new carryovers under the actual method;
    `depreciation`: depreciation allowed this year under the actual method (line 33's depreciation part)."""
    # Runs once per compute(): list comprehensions (inlined since Python 3.12) rather than generators.
    homes = list(actual)
    all_actual = Option(None, sum(actual.values(), ZERO), tuple([(h, "actual", actual[h]) for h in homes]))
    options = [all_actual]
    for s in homes:
        by_home = tuple(
            [(h, "simplified", simplified[h]) if h == s else (h, "actual", actual[h]) for h in homes]
        )
        options.append(Option(s, sum([a for _, _, a in by_home], ZERO), by_home))

    def preference(o: Option):
        # Larger deduction first; on a tie prefer the simplified method (no depreciation to recapture) unless
        # it would freeze carryovers.
        frozen = carryovers_in.get(o.simplified_home, ZERO) if o.simplified_home else ZERO
        return (o.total, o.simplified_home is not None and frozen == 0)

    recommended = max(options, key=preference)
    simplified_options = options[1:]
    best_simplified = max(simplified_options, key=preference) if simplified_options else all_actual

    forced = method != "auto"
    if method == "actual":
        chosen = all_actual
    elif method == "simplified":
        if simplified_home is not None:
            chosen = next(o for o in simplified_options if o.simplified_home == simplified_home)
        else:
            chosen = best_simplified
    elif simplified_home is not None:
        # auto, but the case names the home that may use the simplified method: compare only those two.
        pinned = next(o for o in simplified_options if o.simplified_home == simplified_home)
        chosen = recommended = max((all_actual, pinned), key=preference)
    else:
        chosen = recommended

    return Comparison(
        actual_total=all_actual.total,
        simplified_total=best_simplified.total,
        options=tuple(options),
        recommended=recommended,
        chosen=chosen,
        forced=forced,
        facts={
            "homes": len(homes),
            "best_simplified": best_simplified,
            "all_actual": all_actual,
            "carryovers_in": sum(carryovers_in.values(), ZERO),
            "carryovers_out": sum(carryovers_out.values(), ZERO),
            "depreciation": sum(depreciation.values(), ZERO),
        },
    )


def _reasons(c: Comparison) -> tuple[str, ...]:
    f = c.facts
    homes, all_actual, best_simplified = f["homes"], f["all_actual"], f["best_simplified"]
    recommended, chosen, forced = c.recommended, c.chosen, c.forced
    reasons = [
        f"Actual expenses: {_money(all_actual.total)} this year. Simplified method"
        + (f" (for home {best_simplified.simplified_home})" if homes > 1 else "")
        + f": {_money(best_simplified.total)}."
    ]
    # Never a bare comparison of line 36 (issue #13): the method that saves more tax also depends on what
    # stays on Schedule A and on self-employment tax; the advisor (advisor.py) weighs those.
    if all_actual.total != best_simplified.total:
        larger = (
            "Actual expenses give"
            if all_actual.total > best_simplified.total
            else "The simplified method gives"
        )
        reasons.append(
            f"{larger} the larger home office deduction (by {_money(abs(all_actual.total - best_simplified.total))}). "
            "That alone does not decide: which method saves more tax also depends on what stays on Schedule A "
            "and on self-employment tax (see “Which method, this year and next”)."
        )
    else:
        reasons.append(
            "Both give the same deduction; the simplified method needs no expense records and no depreciation."
        )
    if homes > 1:
        reasons.append(
            "Only one home may use the simplified method in a year; each other home uses its own Form 8829."
        )
    frozen_total = f["carryovers_in"]
    if frozen_total > 0:
        reasons.append(
            f"You bring {_money(frozen_total)} of unallowed expenses from earlier years. Under the simplified method "
            "they cannot be used this year; they stay frozen for the next year you use actual expenses."
        )
    out_total = f["carryovers_out"]
    if out_total > 0:
        reasons.append(
            f"With actual expenses, {_money(out_total)} is over this year's income limit and carries over to next "
            "year. Under the simplified method any amount over the limit is lost."
        )
    dep_total = f["depreciation"]
    if dep_total > 0:
        reasons.append(
            f"Actual expenses include {_money(dep_total)} of depreciation. It lowers your home's basis, and when "
            "you sell, depreciation taken (or allowable) after May 6, 1997 is taxed as unrecaptured section 1250 "
            "gain (up to 25%) even if the rest of the gain is excluded. The simplified method claims no "
            "depreciation for the year."
        )
    if forced and chosen is not recommended:
        reasons.append(
            f"This result uses the {'actual expense' if chosen.simplified_home is None else 'simplified'} method."
        )
    return tuple(reasons)
