"""“Why is my deduction limited or zero?” in plain words, built only from the engine's own Form 8829 lines.

The gross-income limit (IRC §280A(c)(5); Pub 587, Deduction Limit) works tier by tier: line 8 is what the
business earned after its other expenses; tier 1 (line 14: casualty losses, mortgage interest, real estate
taxes) is allowed in full; operating costs (tier 2, line 27) get what is left (line 15); excess casualty
losses and depreciation (tier 3, line 33) get the rest (line 28); what does not fit carries over (lines 43,
44). Every figure in the text is one of those lines; nothing is recomputed except the words.

Pub 587 (2013) Deduction Limit example (reference case C03) reads: "Your business earned $4,000 after its
other expenses. Mortgage interest and taxes for the office used $3,000 of that. Operating costs took $800.
Only $200 was left for depreciation, so $1,400 carries to next year."
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .money import ZERO, format_money

LIMIT_LINES = ("8", "14", "15", "27", "28", "33", "43", "44")


dollars = format_money  # $4,000 (whole dollars) or $147.66 (cents); negative as -$1,200 (money.py)


@dataclass(frozen=True)
class Explanation:
    headline: str
    sentences: tuple[str, ...]
    limited: bool  # something carries over (lines 43/44) or the simplified amount was cut
    zero: bool  # the deduction is zero
    lines: dict  # the limit lines the text is built from (line -> Decimal)

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    def to_dict(self) -> dict:
        return {
            "headline": self.headline,
            "sentences": list(self.sentences),
            "text": self.text,
            "limited": self.limited,
            "zero": self.zero,
            "lines": {k: format(v, "f") for k, v in self.lines.items()},
        }


def _v(values: Mapping, line: str) -> Decimal:
    value = values.get(line)
    if value is None or value == "":
        return ZERO
    return value if isinstance(value, Decimal) else Decimal(str(value))


def explain_form8829(values: Mapping) -> Explanation:
    """Plain-language explanation of one Form 8829 (or Pub 587 worksheet, same line keys) from its values:
    a mapping of line number ("8", "14", …) to Decimal or decimal string (HomeActual.values, or the output
    of form8829_lines)."""
    v = {k: _v(values, k) for k in (*LIMIT_LINES, "9a", "9b", "25", "26", "29", "31", "32", "36")}
    line8, tier1, room = v["8"], v["14"], v["15"]
    ops, tier2, carry_ops = v["26"], v["27"], v["43"]
    tier3_total, tier3, carry_dep = v["32"], v["33"], v["44"]
    limited = carry_ops > 0 or carry_dep > 0
    zero = v["36"] <= 0
    s: list[str] = []

    if line8 > 0:
        s.append(f"Your business earned {dollars(line8)} after its other expenses.")
    elif line8 == 0:
        s.append(
            "Your business earned nothing after its other expenses, so there was no room for home office costs."
        )
    else:
        s.append(
            f"Your business had a loss of {dollars(-line8)} after its other expenses, so there was no room for "
            "home office costs."
        )

    if tier1 > 0:
        what = (
            "Casualty losses, mortgage interest and taxes"
            if (v["9a"] or v["9b"])
            else "Mortgage interest and taxes"
        )
        if line8 <= 0:
            s.append(f"{what} for the office ({dollars(tier1)}) are allowed in full anyway.")
        elif tier1 >= line8:
            s.append(
                f"{what} for the office used all of it ({dollars(tier1)}; they are allowed in full even above "
                "the income)."
            )
        else:
            s.append(f"{what} for the office used {dollars(tier1)} of that.")

    if ops > 0:
        brought = f" (including {dollars(v['25'])} carried over from last year)" if v["25"] > 0 else ""
        if carry_ops <= 0:
            s.append(f"Operating costs{brought} took {dollars(tier2)}.")
        elif tier2 > 0:
            s.append(
                f"Operating costs{brought} took the {dollars(tier2)} that was left, so {dollars(carry_ops)} of "
                "them carries to next year."
            )
        else:
            s.append(
                f"Nothing was left for operating costs{brought}, so {dollars(carry_ops)} carries to next year."
            )

    if tier3_total > 0:
        what = "depreciation" if v["29"] == 0 else "excess casualty losses and depreciation"
        brought = f" (including {dollars(v['31'])} carried over from last year)" if v["31"] > 0 else ""
        if carry_dep <= 0:
            s.append(f"{what[0].upper()}{what[1:]}{brought} of {dollars(tier3)} fit in what was left.")
        elif tier3 > 0:
            s.append(
                f"Only {dollars(tier3)} was left for {what}{brought}, so {dollars(carry_dep)} carries to next year."
            )
        else:
            s.append(f"Nothing was left for {what}{brought}, so {dollars(carry_dep)} carries to next year.")

    if not limited:
        s.append("Everything fit within the limit, so nothing carries over.")
    elif room <= 0 < line8:
        s.append(
            "Carried-over amounts are not lost: next year they are allowed first, within next year's limit."
        )

    if zero:
        headline = "Why your deduction is zero"
    elif limited:
        headline = "Why your deduction is limited"
    else:
        headline = "Your deduction is not limited by your income"
    return Explanation(headline, tuple(s), limited, zero, {k: v[k] for k in LIMIT_LINES})


def explain_simplified(values: Mapping) -> Explanation:
    """The simplified method's limit from its worksheet (smw.1 … smw.6b)."""
    g = {k: _v(values, k) for k in ("smw.1", "smw.2", "smw.3c", "smw.4", "smw.5", "smw.6a", "smw.6b")}
    limit, area, rate, full, amount = g["smw.1"], g["smw.2"], g["smw.3c"], g["smw.4"], g["smw.5"]
    s = [f"The simplified method allows {dollars(rate)} × {area.normalize():f} sq ft = {dollars(full)}."]
    limited = limit < full
    if limited:
        if limit > 0:
            s.append(
                f"Your business earned only {dollars(limit)} after its other expenses, so the deduction is "
                f"{dollars(amount)}; under the simplified method the rest is lost (nothing carries over)."
            )
        else:
            s.append(
                "Your business earned nothing after its other expenses, so the deduction is zero; under the "
                "simplified method nothing carries over."
            )
    else:
        s.append("Your business earned enough to cover it, so the deduction is not limited by your income.")
    frozen = g["smw.6a"] + g["smw.6b"]
    if frozen > 0:
        s.append(
            f"The {dollars(frozen)} carried over from earlier years stays frozen this year; it is used the next "
            "year you use actual expenses."
        )
    zero = amount <= 0
    headline = (
        "Why your deduction is zero"
        if zero
        else ("Why your deduction is limited" if limited else "Your deduction is not limited by your income")
    )
    return Explanation(headline, tuple(s), limited, zero, {"smw.1": limit, "smw.4": full, "smw.5": amount})


def explain_home(home_result) -> Explanation | None:
    """The explanation for one HomeResult under the method filed for it."""
    if home_result.method == "simplified":
        uses = home_result.simplified
        return explain_simplified(uses[0].values) if len(uses) == 1 else None
    if home_result.actual is None:
        return None
    return explain_form8829(home_result.actual.values)
