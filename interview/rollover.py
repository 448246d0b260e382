"""Across the years, for the interview: the next year's answers from this year's return, and what the summary
page and the PDF show beside the result (depreciation ledger, method advisor, "why limited", tier chart).

No tax is computed here: the engine's rollover, ledger, advisor and explanation produce every number; this
module chooses which answers to prefill and formats the engine's figures for reading.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError

from homeoffice.engine.money import format_money
from interview import case as C
from interview import charts, engine_api, multi, questions

# Steps whose answers are stable from one year to the next (copied whole), and the fields kept from steps
# that also hold this year's dates or amounts (those are asked again).
# The pages of the question table carry what their rows' `rollover` column says (interview/questions.py).
COPY_STEPS = ("depreciation",)
KEEP_FIELDS = {
    **questions.carried(),
    "office": (
        "office_area",
        "office_rooms",
        "shared",
        "shared_area",
        "shared_percentage",
        "another_business",
    ),
    # Filing status and itemizing seldom change; the person sees them on the review page.
    "deduction": ("filing_status", "deduction"),
    "second_business": (
        "second_name",
        "second_trade_or_business",
        "second_regular_use",
        "second_main_place",
        "share_by",
        "second_area",
        "second_time_percentage",
    ),
}
METHOD_NAMES = {"actual": "Actual expenses", "simplified": "Simplified method", "none": "Not used"}


def next_year(tax_return) -> int | None:
    """The year a complete return can be rolled into (None when it is not complete or not supported)."""
    year = tax_return.tax_year + 1
    if tax_return.status != tax_return.Status.COMPLETE or year not in engine_api.supported_years():
        return None
    return year


def _s(d: Decimal) -> str:
    return format(d, "f")


def next_year_answers(tax_return) -> tuple[dict, object]:
    """(answers for next year's return, the engine's Rollover). Raises ValidationError when not possible."""
    if next_year(tax_return) is None:
        raise ValidationError("Only a complete return whose next year is supported can be rolled over")
    case_dict = C.build_case(tax_return)
    case = engine_api.case_from_dict(case_dict)
    result = engine_api.compute(case)
    roll = engine_api.roll_forward(case_dict, result)
    old = tax_return.answers
    eff = C.effective_answers(old, tax_return.tax_year)
    answers: dict = {step: dict(eff[step]) for step in COPY_STEPS if step in eff}
    for step, fields in KEEP_FIELDS.items():
        if step in eff:
            answers[step] = {f: eff[step][f] for f in fields if f in eff[step]}
    moved_into = "second_home" in eff and roll.home == "other_home"
    if moved_into:
        # The year ended in the other home: next year starts there.
        o = eff["second_home"]
        answers["home"] = {
            "ownership": o["other_ownership"],
            "measure": "sqft",
            "total_area": o["other_total_area"],
        }
        answers["office"] = {"office_area": o["other_office_area"]}
        answers.pop("depreciation", None)
        answers.pop("second_business", None)
        if o["other_ownership"] == "own":
            answers["depreciation"] = {
                "purchase_price": o.get("other_purchase_price"),
                "land_value": o.get("other_land_value"),
                "fmv_at_first_use": o.get("other_fmv"),
                "first_use_month": o.get("other_first_use_month"),
                "first_use_year": o.get("other_first_use_year"),
            }
    _carry_periods(answers, eff, moved_into)
    dep = roll.case["homes"][0].get("depreciation")
    if dep is not None and "depreciation" in answers:
        # Depreciation allowed so far, from the engine's ledger (allowed, or allowable where not known).
        ledger = next((x for x in engine_api.ledgers(case, result) if x.home == roll.home), None)
        if ledger is not None:
            answers["depreciation"]["depreciation_claimed"] = _s(ledger.total_allowed)
        # The engine's year-by-year record (this year appended), so next year's ledger shows each year.
        answers["depreciation"]["depreciation_history"] = dep.get("history") or None
        years = dep.get("simplified_years") or []
        answers["depreciation"]["simplified_years"] = ", ".join(str(y) for y in years) or None
    carry = roll.carryover
    answers["carryovers"] = {
        "carryover_operating": _s(carry["operating"]) if carry["operating"] else None,
        "carryover_excess": _s(carry["excess_casualty_and_depreciation"])
        if carry["excess_casualty_and_depreciation"]
        else None,
    }
    return answers, roll


def _month(v) -> int | None:
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _carry_periods(answers: dict, eff: dict, moved_into: bool) -> None:
    """Whole year / moved and whole period, where this year's use ran on to December (issue #14).

    Business use that reached December continues into next year, in the same home: "whole year" and "did not
    move" still apply (the person confirms them on the review page). Use that stopped earlier is asked again.
    """
    home, office = eff.get("home", {}), eff.get("office", {})
    to_december = moved_into or home.get("whole_year") is True or _month(home.get("last_month")) == 12
    if "home" in answers and to_december:
        answers["home"].update({"whole_year": True, "moved": False})
    office_to_end = moved_into or office.get("office_whole_period") is True
    if office.get("office_whole_period") is False:
        office_to_end = _month(office.get("office_last_month")) in (12, _month(home.get("last_month")))
    if "office" in answers and to_december and office_to_end:
        answers["office"]["office_whole_period"] = True


# Why a page of a rolled-over return needs a look (the pages not filled in from last year).
RECHECK_REASONS = {
    "income": "this year's income and other business expenses",
    "expenses": "this year's home expenses",
    "phone_internet": "this year's internet and phone bills",
    "salt": "this year's state and local taxes",
    "home": "the months you used the home for business (last year's use did not run to December)",
    "second_home": "the other home, if you moved this year",
    "office": "the months you used the space, or who shares it",
    "second_business": "your second business this year",
    "daycare_hours": "this year's hours of daycare use",
    "depreciation": "the home's cost and depreciation record",
    "deduction": "your filing status and whether you itemize",
}


def pages_to_check(answers: dict, tax_year: int) -> list[tuple[str, str]]:
    """(page title, why) for each page of a rolled-over return that is not complete yet, in order."""
    from interview import steps as S

    return [
        (S.BY_NAME[step].title, RECHECK_REASONS.get(step, "questions that are new this year"))
        for step, (complete, _shown) in C.step_analysis(answers, tax_year).items()
        if not complete
    ]


def rolled_name(name: str, year: int, limit: int) -> str:
    """ "Studio (2025)" rolled into 2026 is "Studio (2026)", never "Studio (2025) (2026)"."""
    base = re.sub(r"\s*\((19|20)\d\d\)\s*$", "", name).strip() or name
    suffix = f" ({year})"
    return base[: limit - len(suffix)].rstrip() + suffix


# --- Summary page and PDF ----------------------------------------------------------------------------------
def _ledger_view(ledger, several: bool) -> dict:
    d = ledger.to_dict()
    return {
        "home": ledger.home,
        "title": f"Depreciation ledger{f' — home {ledger.home}' if several else ''}",
        "first_business_use": d["first_business_use"],
        "rows": [
            {
                "year": r["year"],
                "recovery_year": r["recovery_year"],
                "method": METHOD_NAMES.get(r["method"], r["method"]),
                "basis": format_money(r["business_basis"]),
                "rate": f"{r['rate']}%",
                "allowable": format_money(r["allowable"]),
                "allowed": (
                    (format_money(r["allowed"]) + (" (assumed)" if r["year"] in d["assumed_years"] else ""))
                    if r["allowed"] is not None
                    else "see opening amount"
                ),
                "carried": format_money(r["not_deducted"]) if r["not_deducted"] is not None else "—",
            }
            for r in d["rows"]
        ],
        "opening": format_money(d["opening_allowed"]) if d["opening_allowed"] is not None else None,
        "total_allowable": format_money(d["total_allowable"]),
        "total_allowed": format_money(d["total_allowed"]),
        "basis_reduction": format_money(d["basis_reduction"]),
        "sale_text": (
            f"If you sold this home at a gain, up to {format_money(d['basis_reduction'])} of the gain (the depreciation "
            "allowed or allowable after May 6, 1997) would be unrecaptured section 1250 gain, taxed at up to 25% "
            "and not excludable under section 121; the rest of the gain may be excluded (Pub 523)."
        ),
        "review": d["review"],
        # Issue #13: "allowed (claimed)" as entered vs "allowable (not claimed)" assumed, said truthfully.
        "allowed_note": d["allowed_note"],
        "projection": [
            {
                "year": r["year"],
                "recovery_year": r["recovery_year"],
                "rate": f"{r['rate']}%",
                "amount": format_money(r["allowable"]),
            }
            for r in d["projection"]
        ],
        "business_basis": format_money(d["business_basis"]) if d["business_basis"] is not None else None,
        "projected_total": format_money(d["projected_total"]) if d["projected_total"] is not None else None,
        "projected_equals_basis": d["projected_total"] is not None
        and d["projected_total"] == d["business_basis"],
    }


# The interview's home ids (interview.case, interview.multi) as the worksheet names them; a case file's own
# ids are printed as they are.
HOME_NAMES = {C.HOME_ID: "Your home", multi.SECOND_HOME_ID: "Your other home"}


def _estimate_text(value) -> str:
    """An estimate is shown in whole dollars (formatting only: the engine's figure, rounded for display)."""
    if value in (None, ""):
        return "—"
    return format_money(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _advice_view(advice) -> dict | None:
    """The engine's advice, with the tax-saved estimates formatted for the page and the PDF (issue #13)."""
    if not advice.computed:
        return None
    d = advice.to_dict()
    for s in d["scenarios"]:
        s["name"] = "Actual expenses" if s["method"] == "actual" else "Simplified method"
        for key in ("tax_saved", "next_year_tax_saved", "two_years_tax_saved"):
            s[f"{key}_text"] = _estimate_text(s[key])
    return d


def extras(case_dict: dict, case, result) -> dict:
    """Ledger, advisor, explanation and chart for a computed result ({} otherwise)."""
    if not result.computed:
        return {}
    several = len(result.homes) > 1
    limits = []
    for h in result.homes:
        e = engine_api.explain_home(h)
        chart = (
            charts.tier_chart(h.actual.values, form=h.actual.form)
            if h.method == "actual" and h.actual
            else None
        )
        if e is None and chart is None:
            continue
        limits.append(
            {
                "home": h.home,
                "several": several,
                "headline": e.headline if e else "",
                "sentences": list(e.sentences) if e else [],
                "chart": chart,
                # The engine's own flags: something carried over or was cut, or the deduction is zero. The
                # results page explains the limit only then (issue #16); the PDF always shows how it applies.
                "limited": bool(e and (e.limited or e.zero)),
            }
        )
    advice = engine_api.advise(case_dict)
    advice_view = _advice_view(advice)
    return {
        "depreciation_ledger": [_ledger_view(x, several) for x in engine_api.ledgers(case, result)],
        "limit_explanations": limits,
        "any_limited": any(x["limited"] for x in limits),
        "method_advice": advice_view,
        # The PDF template's hook reads "tier_chart": per-home chart + explanation, and the method advice.
        "tier_chart": {"limits": limits, "advice": advice_view},
        "home_names": {h.home: HOME_NAMES.get(h.home, h.home) for h in result.homes},
    }


def summary_context(tax_return, result) -> dict:
    case_dict = C.build_case(tax_return)
    multiyear = extras(case_dict, engine_api.case_from_dict(case_dict), result)
    out = {"multiyear": multiyear, "roll_to": next_year(tax_return)}
    advice = multiyear.get("method_advice")
    if advice and advice.get("recommended"):
        # The tag "Recommended" follows the tax each method saves, never line 36 alone (issue #13).
        out["recommended_method"] = advice["recommended"]
    return out


def pdf_data(tax_return, result) -> dict:
    """The dict to hand to interview.pdf.render_worksheet_pdf: the Result plus ledger, advice and chart."""
    case_dict = C.build_case(tax_return)
    return {**result.to_dict(), **extras(case_dict, engine_api.case_from_dict(case_dict), result)}
