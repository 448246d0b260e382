"""Turn saved answers, the engine's Verdict and the engine's Result into template context.

Formatting only: no amount is computed here; every number shown comes from the engine's Result as a decimal
string and is only formatted ($ and thousands separators) for reading.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.urls import reverse
from django.utils.translation import gettext

from homeoffice.engine import eligibility_text as ET
from homeoffice.engine.internet import NO_1400_DEDUCTION
from homeoffice.engine.money import format_money
from interview import case as C
from interview import steps as S
from interview.fields import MONTH, PeriodField, yearly
from interview.forms import FORMS
from interview.models import TaxReturn

SCHEDULE_NAMES = {"C": "Schedule C", "F": "Schedule F", "partner": "Schedule E (Part II)"}
OTHER_ITEMS = {
    "internet": "Internet (business share)",
    "second_phone_line": "Second phone line (business share)",
}
METHOD_NAMES = {"actual": "Actual expenses (Form 8829)", "simplified": "Simplified method"}
# The actual-expenses form as the engine chose it per home: Schedule C filers use Form 8829; farmers and partners
# use the Pub 587 worksheet (RULES.md §1.1, "Who cannot use Form 8829"). Labels only, with the carryover lines of
# each (the engine's worksheet numbers them 43/44 and 40/41).
ACTUAL_FORMS = {
    "8829": {"name": "Form 8829", "operating": "Form 8829 line 43", "excess": "line 44"},
    "p587": {"name": "Pub 587 worksheet", "operating": "Pub 587 worksheet line 40", "excess": "line 41"},
}


def _dec(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def amount(value, kind: str) -> str:
    d = _dec(value)
    if d is None:
        return ""
    if kind == "money":
        return format_money(d)
    if kind == "percent":
        return f"{d}%"
    if kind == "sqft":
        return f"{d:,} sq ft"
    if kind == "hours":
        return f"{d:,} hours"
    if kind == "rate":  # dollars per square foot, always with cents ($5.00)
        return format_money(d, cents=True)
    return str(d)


# --- Step pages ---------------------------------------------------------------------------------------
def field_rows(form) -> list[dict]:
    """One row per visible question. Questions in one of the form's `groups` carry `group_start` (title) on
    the first and `group_end` on the last; `group_open` when one of them is filled in or has an error."""
    group_of = {name: (title, names) for title, names in getattr(form, "groups", []) for name in names}
    reveals = form.reveals() if hasattr(form, "reveals") else {}
    rows = []
    for bf in form:
        if bf.is_hidden:
            if hasattr(bf.field, "describe"):  # a record carried from earlier returns: shown, not typed
                rows.append(
                    {
                        "bf": bf,
                        "record": bf.field.describe(bf.value()),
                        "why_text": getattr(bf.field, "why_text", ""),
                        "why_cite": getattr(bf.field, "why_cite", ""),
                    }
                )
            continue
        if _is_period_of_another(form, bf.name):
            continue  # shown inside the amount's question (row "per" below)
        widget = bf.field.widget
        row = {
            "bf": bf,
            "radio": isinstance(widget, forms.RadioSelect),
            "select": isinstance(widget, forms.Select) and not isinstance(widget, forms.RadioSelect),
            "why_text": getattr(bf.field, "why_text", ""),
            "why_cite": getattr(bf.field, "why_cite", ""),
            "why_links": irs_links(getattr(bf.field, "why_cite", "")),
            "error_codes": form.error_codes(bf.name) if form.is_bound else [],
            "per": form[f"{bf.name}_per"] if f"{bf.name}_per" in form.fields else None,
            "per_codes": " ".join(form.error_codes(f"{bf.name}_per")) if form.is_bound else "",
        }
        reveal = reveals.get(bf.name)
        if (
            reveal is not None
        ):  # GOV.UK conditional reveal: the server decides; the script only follows clicks
            controller, rule = reveal
            row["reveal"] = {"controller": form.add_prefix(controller), "values": " ".join(rule.texts())}
            row["shown"] = form.shown(bf.name)
        if bf.name in group_of:
            title, names = group_of[bf.name]
            present = [n for n in names if n in form.fields]
            if bf.name == present[0]:
                row["group_start"] = title
                row["group_open"] = any(form[n].errors or str(form[n].value() or "").strip() for n in present)
            row["group_end"] = bf.name == present[-1]
        rows.append(row)
    return rows


# Where each source a "Why we ask" cites can be read on IRS.gov (first match wins; the order puts the
# specific before the general). The Code itself is not on IRS.gov: a citation of only IRC sections links to
# Pub 587, which explains them.
IRS_SOURCES = (
    ("Form 8829", "Instructions for Form 8829", "https://www.irs.gov/instructions/i8829"),
    ("i8829", "Instructions for Form 8829", "https://www.irs.gov/instructions/i8829"),
    ("Form 2106", "About Form 2106", "https://www.irs.gov/forms-pubs/about-form-2106"),
    ("Pub 946", "Publication 946", "https://www.irs.gov/publications/p946"),
    ("Pub 936", "Publication 936", "https://www.irs.gov/publications/p936"),
    ("Pub 523", "Publication 523", "https://www.irs.gov/publications/p523"),
    ("Rev. Proc. 2013-13", "Rev. Proc. 2013-13", "https://www.irs.gov/pub/irs-drop/rp-13-13.pdf"),
    ("Pub 587", "Publication 587", "https://www.irs.gov/publications/p587"),
    ("Publication 587", "Publication 587", "https://www.irs.gov/publications/p587"),
    ("IRC", "Publication 587", "https://www.irs.gov/publications/p587"),
)


def irs_links(cite: str) -> list[tuple[str, str]]:
    """(title, IRS.gov address) for each source a citation names, without repeats."""
    links: list[tuple[str, str]] = []
    for needle, title, url in IRS_SOURCES:
        if needle in (cite or "") and (title, url) not in links:
            links.append((title, url))
    return links


def _is_period_of_another(form, name: str) -> bool:
    return isinstance(form.fields[name], PeriodField) and name.removesuffix("_per") in form.fields


# The columns the returns list reads (the answers are loaded only for a row whose figures must be recomputed).
DASHBOARD_FIELDS = (
    "id",
    "owner_id",
    "tax_year",
    "name",
    "status",
    "updated_at",
    "deduction",
    "method",
    "summary_of",
)


ROW_ACTIONS = ("resume", "summary", "rename", "roll_over", "duplicate", "delete")
_PK_MARK = "987654321"


def row_url_patterns() -> dict[str, str]:
    """Each row action's URL with a marker for the id: reversed once per page, not once per row and action
    (URL reversing was most of a row's cost in the returns list)."""
    return {name: reverse(f"interview:{name}", kwargs={"pk": int(_PK_MARK)}) for name in ROW_ACTIONS}


def dashboard_row(tax_return, url_patterns: dict[str, str] | None = None) -> dict:
    """One row of the returns list from the figures stored at save time (interview.summaries): no engine run
    unless the stored figures predate the current engine or parameters."""
    from interview import rollover, summaries

    figures = summaries.current(tax_return)
    complete = figures["status"] == TaxReturn.Status.COMPLETE
    patterns = url_patterns or row_url_patterns()
    pk = str(tax_return.pk)
    return {
        "tax_return": tax_return,
        "urls": {name: url.replace(_PK_MARK, pk) for name, url in patterns.items()},
        "roll_to": rollover.next_year(tax_return) if complete else None,
        "status": figures["status"],
        "status_label": TaxReturn.Status(figures["status"]).label,
        "deduction": format_money(figures["deduction"])
        if complete and figures["deduction"] is not None
        else None,
        "method": METHOD_NAMES.get(figures["method"], "") if complete else "",
    }


# --- Review -------------------------------------------------------------------------------------------
def review_anchor(step: str, name: str = "") -> str:
    """The id of an answer's row on the review page ("answer-expenses-utilities"), or of its page's heading."""
    return f"answer-{step}-{name}" if name else f"answer-{step}"


def _field_anchor(bf) -> str:
    """The id on the question page that "Change" jumps to: the input, a radio group's first option, or the
    block that shows a record carried from earlier returns (the same targets as the error summary's links)."""
    if isinstance(bf.field.widget, forms.RadioSelect):
        return f"{bf.auto_id}_0"
    if bf.is_hidden:
        return f"{bf.auto_id}-field"
    return bf.auto_id


def review_sections(tax_return) -> list[dict]:
    answers, year = tax_return.answers, tax_return.tax_year
    sections: dict[int, dict] = {}
    for step in S.active_steps(answers):
        form = FORMS[step.name](answers=answers, tax_year=year, prefix=step.name)
        stored = answers.get(step.name)
        complete = C.step_is_complete(step.name, answers, year)
        rows = []
        # Folded groups of optional questions (improvements 2-5) are listed only when filled in.
        grouped = {n for _, names in form.groups for n in names}
        for name, field in form.fields.items():
            value = stored.get(name) if isinstance(stored, dict) else None
            if name in grouped and value in (None, ""):
                continue
            if isinstance(stored, dict) and not form.applies(name, stored):
                continue  # e.g. "first month" when the home was used all year: not a question for them
            if _is_period_of_another(form, name):
                continue  # part of the amount's line
            url = reverse("interview:step", kwargs={"pk": tax_return.pk, "step": step.name})
            rows.append(
                {
                    "label": getattr(field, "review_label", field.label),
                    "value": _review_value(form, name, value, stored),
                    "change_url": f"{url}?return=review&answer={name}#{_field_anchor(form[name])}",
                    # The row's own id: saving the change comes back to it (views.review_anchor).
                    "id": review_anchor(step.name, name),
                }
            )
        section = sections.setdefault(
            step.section, {"number": step.section, "title": step.section_title, "steps": []}
        )
        section["steps"].append({"step": step, "rows": rows, "complete": complete})
    # Numbered as the person saw them: a section none of whose pages applied is not counted (issue #14).
    numbered = list(sections.values())
    for i, section in enumerate(numbered, start=1):
        section["number"] = i
    return numbered


def _review_value(form, name, value, stored) -> str:
    """How an answer reads on the review page; an amount given per month reads as the year's amount."""
    if not isinstance(stored, dict):
        return "Not answered yet"
    period = form.fields.get(f"{name}_per")
    if not isinstance(period, PeriodField) or value in (None, ""):
        return form.display(name, value)
    per = stored.get(f"{name}_per") or period.default
    year = form.display(name, yearly(value, per, period.default))
    return f"{year} a year ({form.display(name, value)} a month)" if per == MONTH else f"{year} a year"


def unused_steps(tax_return) -> list[str]:
    """Titles of steps whose saved answers are kept but not used, because a later change hid the step."""
    active = set(S.active_names(tax_return.answers))
    return [gettext(s.title) for s in S.STEPS if s.name in tax_return.answers and s.name not in active]


# --- The "$1,400 internet deduction" ------------------------------------------------------------------
# The engine's correction places internet on Schedule C line 25; a farm's or a partnership's internet is an
# expense of that business instead (engine/result.py, _internet_expenses), so their pages say so.
NOT_SCHEDULE_C_WHERE = {
    "farmer": "an ordinary expense of the farm on Schedule F",
    "partner": "an expense of the partnership's business (as an unreimbursed partnership expense only if the "
    "partnership expects you to pay it yourself)",
}


def no_1400_text(role) -> str:
    where = NOT_SCHEDULE_C_WHERE.get(role)
    if where is None:
        return NO_1400_DEDUCTION
    return (
        'There is no "$1,400 home office internet deduction". No tax law, IRS form or publication sets a fixed '
        "internet deduction (the only fixed figure in home office rules is the simplified method's $5 x 300 sq "
        f"ft = $1,500 cap). The business-use share of your internet bill is {where}, with no dollar cap and "
        "whether or not your home office qualifies; it never goes on the home office worksheet. (IRC §162; "
        "Pub 587, Telephone, by analogy)"
    )


# --- Knockout -----------------------------------------------------------------------------------------
# The reasons the engine gives for referring a Form 2106 group to a professional (eligibility_text.REFER_CATEGORY).
_REFER_REASON_TEXTS = frozenset(text for text, _cite in ET.REFER_CATEGORY.values())
# Where Pub 587 deals with employees; shown on an employee's page when the deciding reason cites only the Code.
EMPLOYEE_PUB587 = "Pub 587, Additional Tests for Employee Use"


def verdict_context(verdict, tax_return, step: str | None) -> dict:
    internet, others = [], []
    for alt in verdict.alternatives:
        (internet if "$1,400" in alt else others).append(alt)
    employee = S.is_employee(tax_return.answers)
    decisive = [r for r in verdict.reasons if r.decisive]
    if any(r.text == ET.TRADE_FAIL for r in decisive):
        # Not a trade or business (a hobby, one's own investments): there is no business whose other expenses
        # could be deducted, so the engine's "supplies, equipment ... can still be deducted" does not apply.
        others = [a for a in others if a != ET.OTHER_BUSINESS_EXPENSES_TEXT]
    if not employee and not internet and ET.OTHER_BUSINESS_EXPENSES_TEXT in others:
        # "the business share of phone and internet" is mentioned: answer the viral claim here too.
        internet = [no_1400_text(S.role(tax_return.answers))]
    if verdict.status == "does_not_qualify":
        # A Form 2106 group that then fails a home office test: "see a professional" is not why it is a no.
        decisive = [r for r in decisive if r.text not in _REFER_REASON_TEXTS]
    decisive_ids = {id(r) for r in decisive}
    change_links = []
    if step:
        change_links.append(
            {
                "url": reverse("interview:step", kwargs={"pk": tax_return.pk, "step": step}),
                "title": S.BY_NAME[step].title,
            }
        )
    return {
        "verdict": verdict,
        "refer": verdict.status == "refer",
        "decisive": decisive,
        "other_reasons": [r for r in verdict.reasons if id(r) not in decisive_ids],
        "pub587_citation": EMPLOYEE_PUB587
        if employee and not any("Pub 587" in r.citation for r in decisive)
        else "",
        "alternatives": others,
        "internet_texts": internet,
        "employee": employee,
        "change_links": change_links,
        "accountable_plan": ET.ACCOUNTABLE_PLAN if employee else "",
    }


def engine_error(e) -> dict:
    field = getattr(e, "field", "")
    message = getattr(e, "message", None) or str(e)
    return {"field": field, "message": message}


# --- Summary ------------------------------------------------------------------------------------------
def worksheet_rows(ws: dict | None) -> dict | None:
    if not ws:
        return None
    return {
        "title": ws.get("title", ""),
        "lines": [
            {
                "number": line["key"].split(".", 1)[1] if "." in line["key"] else line["key"],
                "label": line["label"],
                "amount": amount(line.get("amount"), line.get("kind", "money")),
                "source": line.get("source", ""),
                "note": line.get("note", ""),
            }
            for line in ws.get("lines", [])
        ],
        "notes": ws.get("notes", []),
    }


SCHEDULE_A_WHAT = {
    "schedule_a_5e": "State and local taxes, with your real estate taxes",
    "schedule_a_8a": "Home mortgage interest",
    "schedule_a_casualty": "Casualty losses",
}


def result_context(result, tax_return) -> dict:
    d = result.to_dict()
    comparison = d.get("comparison") or {}
    recommended = comparison.get("recommended") or {}
    chosen = comparison.get("chosen") or recommended
    methods = {bh["method"] for bh in chosen.get("by_home", [])}
    chosen_method = methods.pop() if len(methods) == 1 else "mixed"

    shown, other = [], []
    for h in d.get("homes", []):
        actual = h.get("actual") or {}
        actual_ws = [worksheet_rows(actual.get(k)) for k in ("worksheet", "line11", "improvements")]
        simplified_ws = []
        for s in h.get("simplified", []):
            simplified_ws += [worksheet_rows(s.get(k)) for k in ("worksheet", "area", "daycare")]
        actual_ws = [w for w in actual_ws if w]
        simplified_ws = [w for w in simplified_ws if w]
        if h.get("method") == "simplified":
            shown += simplified_ws
            other += actual_ws
        else:
            shown += actual_ws
            other += simplified_ws

    home_use = {"actual": "Business use of your home", "simplified": "Business use of your home"}
    report = [
        {
            "where": r["line"],
            "amount": format_money(r["amount"]),
            "what": home_use.get(r["method"], "Casualty loss (business part)"),
            "method": METHOD_NAMES.get(r["method"], ""),
        }
        for r in d.get("report", [])
        if r["method"] in ("actual", "simplified", "casualty")
    ]
    # Internet and a second phone line: from other_expenses, which covers every schedule (not only C).
    report += [
        {
            "where": e["where"],
            "amount": format_money(e["amount"]),
            "what": OTHER_ITEMS.get(e["item"], e["item"]),
            "method": "",
        }
        for e in d.get("other_expenses", [])
    ]
    # Issue #13: what stays on Schedule A under the method reported (the engine's rows and sentence).
    schedule_a = d.get("schedule_a") or {}
    chosen_a = schedule_a.get("chosen")
    if chosen_a:
        part = "personal part" if chosen_a["method"] == "actual" else "all of it"
        report += [
            {
                "where": row["line"],
                "amount": format_money(row["amount"]),
                "what": f"{SCHEDULE_A_WHAT.get(row['key'], row['key'])} ({part})",
                "method": "Schedule A",
                "schedule_a": True,
            }
            for row in chosen_a["rows"]
        ]
    carry = [
        {
            "operating": format_money(c["operating"]),
            "excess": format_money(c["excess_casualty_and_depreciation"]),
            "frozen": c.get("frozen"),
            "any": (_dec(c["operating"]) or 0) != 0
            or (_dec(c["excess_casualty_and_depreciation"]) or 0) != 0,
        }
        for c in (d.get("carryovers_next_year") or {}).values()
    ]
    notes = d.get("notes", [])
    role = S.role(tax_return.answers)
    schedule = C.SCHEDULE_BY_ROLE.get(role, "C")
    if schedule != "C":
        # The engine's "$1,400" correction speaks to every kind of filer; a farmer or partner reads theirs.
        notes = [{**n, "text": no_1400_text(role)} if n["text"] == NO_1400_DEDUCTION else n for n in notes]
    forms_used = {h.get("form") for h in d.get("homes", []) if h.get("form")}
    actual_form = ACTUAL_FORMS["p587" if forms_used == {"p587"} else "8829"]
    return {
        "result": d,
        "verdict": result.verdict,
        "computed": d.get("computed"),
        "total": format_money(d.get("total_deduction")),
        "actual_total": format_money(comparison.get("actual")),
        "simplified_total": format_money(comparison.get("simplified")),
        "recommended_method": _method_of(recommended),
        "chosen_method": chosen_method,
        "comparison_reasons": comparison.get("reasons", []),
        "report": report,
        "schedule_a_note": schedule_a.get("note", ""),
        "schedule": SCHEDULE_NAMES.get(schedule),
        "worksheets": shown,
        "other_worksheets": other,
        "carryovers": carry,
        "actual_form": actual_form,
        "provisional": d["parameters"].get("provisional"),
        "provisional_reason": d["parameters"].get("provisional_reason", ""),
        "notes_review": [
            n["text"] for n in notes if n["kind"] in ("review", "unverified", "provisional_year")
        ],
        "notes_internet": [n["text"] for n in notes if n["kind"] == "internet"],
        "notes_info": [n["text"] for n in notes if n["kind"] == "info"],
        "rounding_policy": d.get("rounding_policy", ""),
        # The notice is for a move without the other home described (issue #6 added the second_home step).
        "moved": S.value(tax_return.answers, "home", "moved") is True and not S.moved(tax_return.answers),
        # The engine always carries the "$1,400" correction; it is shown openly when internet or a phone line
        # was entered, and folded away otherwise.
        "internet_entered": bool(d.get("other_expenses")),
    }


def _method_of(option: dict) -> str:
    methods = {bh["method"] for bh in option.get("by_home", [])}
    return methods.pop() if len(methods) == 1 else ""
