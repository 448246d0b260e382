"""The worksheet PDF: the engine's Result -> PDF bytes. THE ONLY MODULE THAT IMPORTS WEASYPRINT.

It computes nothing. Every figure on the PDF is a string the engine put in `Result.to_dict()`; this module only
arranges the lines in the form's layout (Parts I–IV, the (a)/(b) columns) and formats them: thousands
separators, percent signs, dollar signs in prose. The renderer is deterministic — no creation date, no random
ids, a PDF identifier derived from the inputs — so identical inputs and version give identical bytes.

WeasyPrint is imported lazily (importing it costs ~0.5–1 s), except under gunicorn with
HOMEOFFICE_PRELOAD_PDF=1, where `warm_up()` imports it and renders once before the workers fork.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_spaces_between_tags
from django.utils.safestring import mark_safe

from homeoffice.engine.money import format_money

TEMPLATE = "pdf/worksheet.html"
CSS_PATH = Path(settings.BASE_DIR) / "static" / "css" / "print.css"
# In place of WeasyPrint's HTML user-agent stylesheet: the same rules for the elements the worksheet uses only
# (a quarter less render time; docs/decisions/0024-pdf-user-agent-stylesheet.md).
UA_CSS_PATH = Path(settings.BASE_DIR) / "static" / "css" / "print-ua.css"
PDF_VARIANT = "pdf/ua-1"  # tagged PDF (PDF/UA-1): structure tree, title shown, language set
# A day: repeat downloads happen within a session or two, and a cached PDF holds someone's figures (deleting a
# return or an account calls forget_return()). The keys change whenever an input, the version or the
# renderer does, so nothing stale is ever served.
CACHE_TIMEOUT = 60 * 60 * 24

STATUS_TEXT = {
    "qualifies": "Qualifies",
    "does_not_qualify": "Does not qualify",
    "refer": "Needs a professional's review",
    "incomplete": "Incomplete — more answers needed",
}
METHOD_TEXT = {
    "actual": "Actual expenses",
    "simplified": "Simplified method",
    "internet": "Internet (business share)",
    "second_phone_line": "Second phone line",
    "casualty": "Casualty loss portion",
}
NOTE_KINDS_FLAGGED = ("review", "unverified")

# Which Part each line sits under (presentation only). The engine numbers Form 8829 lines as the 2018+ form
# for every year, and the Pub 587 worksheet as its 2013 edition (homeoffice/engine/actual.py P587_MAP). A
# worksheet's meta["parts"] ([{name, title, first, last}]) overrides these.
_PARTS = {
    "form8829": (
        ("Part I", "Part of Your Home Used for Business", 1, 7),
        ("Part II", "Figure Your Allowable Deduction", 8, 36),
        ("Part III", "Depreciation of Your Home", 37, 42),
        ("Part IV", "Carryover of Unallowed Expenses to {next_year}", 43, 44),
    ),
    "p587": (
        ("Part 1", "Part of Your Home Used for Business", 1, 3),
        ("Part 2", "Figure Your Allowable Deduction", 4, 33),
        ("Part 3", "Depreciation of Your Home", 34, 39),
        ("Part 4", "Carryover of Unallowed Expenses to {next_year}", 40, 41),
    ),
}
# What the title says the document is laid out as, from the worksheets filed (not those for comparison).
_LAYOUTS = (
    ("form8829", "Form 8829"),
    ("p587", "the Pub 587 worksheet"),
    ("smw", "the Simplified Method Worksheet"),
)
# Worksheets whose lines "Na"/"Nb" are the (a) Direct / (b) Indirect columns of one line N.
_PAIRED = frozenset({"form8829", "p587"})
_COLUMN_HEADS = ("(a) Direct expenses", "(b) Indirect expenses")
_PAIR_KEY = re.compile(r"^(\d+[a-z]?)([ab])$")  # "19b" -> ("19", "b"); Pub 587 "14xa" -> ("14x", "a")
_LEADING_INT = re.compile(r"^(\d+)")
_FORM_NUMBER = re.compile(r"^\d+[a-z]{0,2}$")
_CHART_IDS = re.compile(r"\btc-(?:title|desc)\b")
_SHORT_PART = 8  # rows: Form 8829 Parts I, III, IV; Pub 587 Parts 1, 3, 4


# --- Formatting (the only transformation of the engine's numbers: how they are written) -------------------


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _grouped(d: Decimal) -> str:
    """Thousands separators, keeping exactly the decimals the engine gave (a count of hours, a percentage)."""
    return format(d, ",f")


def format_amount(value: Any, kind: str = "money") -> str:
    """A line's amount as printed in the amount column. None (line left blank) -> ""."""
    d = _decimal(value)
    if d is None:
        return "" if value is None else str(value)
    if kind == "percent":
        return f"{_grouped(d)}%"
    if kind == "decimal":
        return format(d, "f")
    if kind == "rate":  # dollars per square foot are written with cents: 5 -> $5.00
        return format_money(d, cents=True)
    if kind in ("hours", "sqft"):
        return _grouped(d)
    # money, in the form's amount column: no $ (the column is dollars), negative in parentheses
    return format_money(d, symbol=False, parentheses=True)


def format_dollars(value: Any) -> str:
    """A dollar amount in prose or a table: $1,756; negative -$1,756; missing —."""
    return format_money(value) or "—"


# --- Result -> presentation model --------------------------------------------------------------------------


def _as_dict(result: Any) -> dict:
    if isinstance(result, dict):
        return result
    to_dict = getattr(result, "to_dict", None)
    if to_dict is None:
        raise TypeError(
            f"render_worksheet_pdf needs an engine Result (or its to_dict()), got {type(result)!r}"
        )
    return to_dict()


def _is_worksheet(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("lines"), list) and "id" in value


def _line_number(key: str) -> str:
    """ "8829.19b" -> "19b"; "smw.3a" -> "3a"."""
    return key.split(".", 1)[1] if "." in key else key


def _caption(labels: list[str]) -> str:
    """One caption for an (a)/(b) row: the labels' common start ("Rent — (a)", "Rent — (b)" -> "Rent")."""
    labels = [x for x in labels if x]
    if not labels:
        return ""
    if len(set(labels)) == 1:  # one line: its caption as written ("... enter -0-" keeps its last dash)
        return labels[0]
    prefix = labels[0]
    for other in labels[1:]:
        while not other.startswith(prefix):
            prefix = prefix[:-1]
    prefix = prefix.rstrip(" ,;:—–-([")
    return prefix if len(prefix) >= 3 else labels[0]


def _rows(ws: dict) -> list[dict]:
    """Worksheet lines -> table rows. In a paired worksheet "19a"/"19b" become one row with (a) and (b)."""
    lines = ws.get("lines") or []
    pair_bases: set[str] = set()
    if ws.get("id") in _PAIRED:
        cols: dict[str, set[str]] = {}
        for ln in lines:
            if m := _PAIR_KEY.match(_line_number(ln.get("key", ""))):
                cols.setdefault(m.group(1), set()).add(m.group(2))
        pair_bases = {base for base, c in cols.items() if c == {"a", "b"}}
    rows: list[dict] = []
    paired: dict[str, dict] = {}
    for ln in lines:
        number = _line_number(ln.get("key", ""))
        text = format_amount(ln.get("amount"), ln.get("kind", "money"))
        m = _PAIR_KEY.match(number)
        if m and m.group(1) in pair_bases:
            row = paired.get(m.group(1))
            if row is None:
                row = paired[m.group(1)] = {
                    "number": m.group(1),
                    "paired": True,
                    "a": "",
                    "b": "",
                    "_lines": [],
                }
                rows.append(row)
            row["_lines"].append(ln)
            row[m.group(2)] = text
        else:
            # Statement lines keyed by item ("imp.1.basis") have no form line number to print.
            shown = number if _FORM_NUMBER.match(number) else ""
            rows.append({"number": shown, "paired": False, "amount": text, "_lines": [ln]})
    for row in rows:
        group = row.pop("_lines")
        row["label"] = _caption([ln.get("label", "") for ln in group])
        row["note"] = " ".join(ln["note"] for ln in group if ln.get("note"))
    return rows


def _line_int(number: str) -> int | None:
    m = _LEADING_INT.match(number)
    return int(m.group(1)) if m else None


def _worksheet(ws: dict, tax_year: int | None, role: str = "", business: str = "") -> dict:
    ws_id = ws.get("id", "")
    meta = ws.get("meta") or {}
    rows = _rows(ws)
    if isinstance(meta.get("parts"), list):
        table = [(p["name"], p["title"], int(p["first"]), int(p["last"])) for p in meta["parts"]]
    else:
        table = _PARTS.get(ws_id, ())
    next_year = meta.get("carryover_to") or ((tax_year + 1) if tax_year else "next year")
    parts: list[dict] = []
    placed: set[int] = set()
    for name, title, first, last in table:
        part_rows = [r for r in rows if (n := _line_int(r["number"])) is not None and first <= n <= last]
        if part_rows:
            placed.update(id(r) for r in part_rows)
            parts.append({"name": name, "title": title.format(next_year=next_year), "rows": part_rows})
    rest = [r for r in rows if id(r) not in placed]
    if rest:
        parts.append({"name": "", "title": "Other lines" if parts else "", "rows": rest})
    for part in parts:
        part["columns"] = _COLUMN_HEADS if any(r["paired"] for r in part["rows"]) else None
        part["short"] = len(part["rows"]) <= _SHORT_PART  # kept on one page with its heading
    return {
        "id": ws_id,
        "title": ws.get("title", ""),
        "role": role,
        "business": business,
        "parts": parts,
        "notes": [str(n) for n in ws.get("notes") or []],
    }


def _home_names(data: dict) -> dict:
    """Home id -> what the person calls it (interview.rollover.extras passes "home_names")."""
    return data.get("home_names") if isinstance(data.get("home_names"), dict) else {}


def _home_name(data: dict, home_id) -> str:
    return str(_home_names(data).get(home_id) or home_id or "")


def _home_heading(data: dict, home_id, index: int) -> str:
    name = _home_names(data).get(home_id)
    return str(name) if name else f"Home “{home_id or index + 1}”"


def _business_names(data: dict) -> dict:
    """Business id -> the name the report gives it."""
    return {
        r["business"]: r.get("business_name") or r["business"]
        for r in data.get("report") or []
        if isinstance(r, dict) and r.get("business")
    }


def _homes(data: dict, tax_year: int | None) -> list[dict]:
    """Per home: the chosen method's worksheets, then the other method's worksheet for comparison. A home used
    by several businesses has a simplified method worksheet per business (each named) and a line 36 split."""
    homes = []
    names = _business_names(data)
    for i, home in enumerate(data.get("homes") or []):
        if not isinstance(home, dict):
            continue
        method = home.get("method", "actual")
        actual = home.get("actual") or {}
        uses = [u for u in home.get("simplified") or [] if isinstance(u, dict)]

        def business(use, uses=uses):
            return str(names.get(use.get("business"), use.get("business") or "")) if len(uses) > 1 else ""

        filed, compared = [], []
        if method == "simplified":
            for use in uses:
                filed += [
                    (w, business(use)) for w in (use.get("worksheet"), use.get("daycare"), use.get("area"))
                ]
        else:
            filed += [
                (w, "") for w in (actual.get("worksheet"), actual.get("line11"), actual.get("improvements"))
            ]
            for use in uses:
                compared += [(w, business(use)) for w in (use.get("worksheet"), use.get("daycare"))]
        worksheets = [_worksheet(w, tax_year, business=b) for w, b in filed if _is_worksheet(w)] + [
            _worksheet(w, tax_year, role="for comparison", business=b)
            for w, b in compared
            if _is_worksheet(w)
        ]
        allocation = [a for a in home.get("allocation") or [] if isinstance(a, dict)]
        if method != "simplified" and len(allocation) > 1:
            for ws in worksheets:
                if ws["id"] in _PAIRED and not ws["role"]:
                    ws["allocation"] = {
                        "line": "33" if ws["id"] == "p587" else "36",
                        "rows": [
                            {
                                "business": str(names.get(a.get("business"), a.get("business") or "")),
                                "amount": format_amount(a.get("amount")),
                            }
                            for a in allocation
                        ],
                    }
        homes.append(
            {
                "id": _home_heading(data, home.get("home"), i),
                "method": METHOD_TEXT.get(method, method),
                "worksheets": worksheets,
            }
        )
    return homes


def _comparison(data: dict) -> dict | None:
    comp = data.get("comparison")
    if not isinstance(comp, dict) or not comp:
        return None
    recommended = comp.get("recommended_method")
    advice = data.get("method_advice")
    if isinstance(advice, dict) and advice.get("recommended"):
        # Recommended on the tax each method saves over this year and next, never line 36 alone (issue #13).
        recommended = advice["recommended"]
    chosen = comp.get("chosen_method")
    methods = [
        {
            "name": METHOD_TEXT[m],
            "amount": format_dollars(comp.get(m)),
            "recommended": recommended == m,
            "chosen": chosen == m,
        }
        for m in ("actual", "simplified")
        if m in comp
    ]
    return {
        "methods": methods,
        "recommended": METHOD_TEXT.get(recommended, recommended or ""),
        "chosen": METHOD_TEXT.get(chosen, chosen or ""),
        "reasons": [
            _named_homes(data, r if isinstance(r, str) else str(r.get("text", r)))
            for r in comp.get("reasons") or []
        ],
    }


def _named_homes(data: dict, text: str) -> str:
    """The engine's comparison says "(for home <id>)"; print the home's name instead of its id."""
    for home in data.get("homes") or []:
        home_id = home.get("home") if isinstance(home, dict) else None
        if home_id and _home_name(data, home_id) != home_id:
            name = _home_name(data, home_id)
            name = name[0].lower() + name[1:] if name.startswith("Your ") else name  # mid-sentence
            text = text.replace(f"(for home {home_id})", f"(for {name})")
    return text


def _report(data: dict) -> list[dict]:
    return _business_report(data) + _schedule_a_report(data)


def _schedule_a_report(data: dict) -> list[dict]:
    """Issue #13: what stays on Schedule A under the method reported (the engine's rows)."""
    chosen = (data.get("schedule_a") or {}).get("chosen")
    if not isinstance(chosen, dict):
        return []
    part = "personal part" if chosen.get("method") == "actual" else "all of it"
    return [
        {
            "business": "",
            "home": "",
            "where": row.get("line", ""),
            "amount": format_dollars(row.get("amount")),
            "method": f"Schedule A ({part})",
        }
        for row in chosen.get("rows") or []
    ]


def _business_report(data: dict) -> list[dict]:
    return [
        {
            "business": item.get("business_name") or item.get("business", ""),
            "home": _home_name(data, item.get("home")),
            "where": item.get("line", ""),
            "amount": format_dollars(item.get("amount")),
            "method": METHOD_TEXT.get(item.get("method"), item.get("method") or ""),
        }
        for item in data.get("report") or []
        if isinstance(item, dict)
    ]


def _carryovers(data: dict) -> list[dict]:
    c = data.get("carryovers_next_year") or {}
    return [
        {
            "home": _home_name(data, home_id),
            "operating": format_dollars(v.get("operating")),
            "excess": format_dollars(v.get("excess_casualty_and_depreciation")),
            "frozen": bool(v.get("frozen")),
        }
        for home_id, v in (c.items() if isinstance(c, dict) else ())
        if isinstance(v, dict)
    ]


def _notes(data: dict) -> dict:
    flags, internet, other = [], [], []
    for note in data.get("notes") or []:
        kind, text = (
            (note.get("kind", "info"), note.get("text", "")) if isinstance(note, dict) else ("info", note)
        )
        if kind in NOTE_KINDS_FLAGGED:
            flags.append(text)
        elif kind == "internet":
            internet.append(text)
        elif kind != "provisional_year":  # printed in the heading instead
            other.append(text)
    return {"flags": flags, "internet": internet, "other": other}


def build_context(
    result: Any, *, return_name: str, taxpayer_name: str | None = None, prepared_on: date | None = None
) -> dict:
    """The template's context: the Result's strings, arranged and formatted. No arithmetic."""
    data = _as_dict(result)
    tax_year = data.get("tax_year")
    params = data.get("parameters") or {}
    verdict = data.get("verdict") or {}
    computed = bool(data.get("computed"))
    homes = _homes(data, tax_year) if computed else []
    filed = {ws["id"] for h in homes for ws in h["worksheets"] if not ws["role"]}
    layout = " and ".join(name for ws_id, name in _LAYOUTS if ws_id in filed) or "Form 8829"
    status = verdict.get("status", "")
    return {
        "title": f"Home office deduction worksheet {tax_year} — {return_name}",
        "layout": layout,
        "files_form_8829": "form8829" in filed,
        "tax_year": tax_year,
        "next_year": (tax_year + 1) if isinstance(tax_year, int) else "",
        "provisional": bool(params.get("provisional")),
        "provisional_reason": params.get("provisional_reason", ""),
        "return_name": return_name,
        "taxpayer_name": taxpayer_name or "",
        "prepared_on": prepared_on,
        "computed": computed,
        "verdict": {
            "status": status,
            "status_text": STATUS_TEXT.get(status, status.replace("_", " ").capitalize()),
            "reasons": verdict.get("reasons") or [],
            "what_would_change": verdict.get("what_would_change", ""),
            "alternatives": verdict.get("alternatives") or [],
            "missing": verdict.get("missing") or [],
        },
        "homes": homes,
        "several_homes": len(homes) > 1,
        "comparison": _comparison(data) if computed else None,
        "report": _report(data) if computed else [],
        "schedule_a_note": (data.get("schedule_a") or {}).get("note", "") if computed else "",
        "carryovers": _carryovers(data) if computed else [],
        "notes": _notes(data),
        "rounding_policy": data.get("rounding_policy", ""),
        "app_version": getattr(settings, "APP_VERSION", ""),
        "parameter_set": params.get("id", ""),
        "parameter_version": params.get("version", ""),
        "engine_version": data.get("engine_version", ""),
        "input_hash": data.get("input_sha256", ""),
        # Hooks for issue 6 (templates/pdf/_depreciation_ledger.html, _tier_chart.html): fed from the Result
        # when the engine adds them; nothing is printed until then.
        "depreciation_ledger": _ledgers(data),
        "tier_chart": _tier_chart(data),
    }


def _ledgers(data: dict) -> list[dict] | None:
    """The depreciation ledgers, titled with the home's name (the extras title them by the home's id)."""
    ledgers = data.get("depreciation_ledger")
    if not isinstance(ledgers, list):
        return ledgers
    several = len(data.get("homes") or []) > 1
    return [
        {**x, "title": f"Depreciation ledger — {_home_name(data, x['home'])}"}
        if isinstance(x, dict) and several and x.get("home")
        else x
        for x in ledgers
    ]


def _tier_chart(data: dict) -> dict | None:
    """The limit explanations and method advice, each explanation with the name of its home."""
    chart = data.get("tier_chart")
    if not isinstance(chart, dict):
        return chart
    limits = [
        {**x, "home_name": _home_name(data, x.get("home")), "chart": _chart_ids(x.get("chart"), i)}
        if isinstance(x, dict)
        else x
        for i, x in enumerate(chart.get("limits") or [])
    ]
    return {**chart, "limits": limits}


def _chart_ids(chart: Any, index: int) -> Any:
    """The n-th chart's SVG with its own title/description ids (each chart names them "tc-title", "tc-desc";
    a tagged PDF must not define an id twice)."""
    if not index or not isinstance(chart, dict) or not isinstance(chart.get("svg"), str):
        return chart
    svg = _CHART_IDS.sub(rf"\g<0>-{index}", chart["svg"])  # the ids and aria-labelledby's references
    return {**chart, "svg": mark_safe(svg)}  # noqa: S308 — the chart's own escaped SVG, ids renamed


# --- Rendering ---------------------------------------------------------------------------------------------

_lock = threading.Lock()
_state: dict[str, Any] = {}


def _weasyprint():
    """Import WeasyPrint and parse the print stylesheet once per process."""
    if "css" not in _state:
        with _lock:
            if "css" not in _state:
                import logging

                # WeasyPrint logs each rendering step at INFO: eight lines per PDF in the site's log. Keep its
                # warnings (logger "weasyprint"), drop the progress chatter (set before the import, which logs).
                logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

                import weasyprint
                from weasyprint.text.fonts import FontConfiguration

                font_config = FontConfiguration()
                fetcher = _no_fetcher(weasyprint)
                css = weasyprint.CSS(
                    string=CSS_PATH.read_text(encoding="utf-8"), font_config=font_config, url_fetcher=fetcher
                )
                ua_css = weasyprint.CSS(string=UA_CSS_PATH.read_text(encoding="utf-8"), url_fetcher=fetcher)

                class WorksheetHTML(weasyprint.HTML):
                    # HTML._ua_stylesheets is WeasyPrint's hook for its own stylesheet (not public API: the
                    # pinned version is tested, and tests/pdf/test_user_agent_stylesheet.py fails if it moves).
                    def _ua_stylesheets(self, forms=False):
                        return [ua_css]

                _state.update(
                    weasyprint=weasyprint,
                    font_config=font_config,
                    css=css,
                    fetcher=fetcher,
                    html_class=WorksheetHTML,
                )
    return _state["weasyprint"], _state["css"], _state["font_config"]


def _no_fetcher(weasyprint):
    """A URL fetcher that fetches nothing. The worksheet references no external resource (fonts come from
    fontconfig), so a return's text can never make the server open a URL or a file; and WeasyPrint's default
    fetcher builds an SSL context per document (~50 ms), which this skips."""
    from urllib.request import OpenerDirector

    class NoFetch(weasyprint.URLFetcher):
        def __init__(self):
            OpenerDirector.__init__(self)  # no handlers: nothing can be opened
            self._timeout, self._http_headers, self._request = 0, {}, None
            self._allowed_protocols, self._fail_on_errors = frozenset(), False

        def fetch(self, url, headers=None):
            raise ValueError(f"the worksheet PDF fetches no external resources ({url[:80]})")

    return NoFetch()


def _renderer_fingerprint() -> str:
    """Changes when the template, the stylesheet, WeasyPrint or the app version change (part of cache keys)."""
    if "fingerprint" not in _state:
        from django.template.loader import get_template

        template_dir = Path(get_template(TEMPLATE).origin.name).parent  # the template and its includes
        h = hashlib.sha256()
        for part in (
            *(path.read_bytes() for path in sorted(template_dir.glob("*.html"))),
            CSS_PATH.read_bytes(),
            UA_CSS_PATH.read_bytes(),
            str(getattr(settings, "APP_VERSION", "")).encode(),
        ):
            h.update(hashlib.sha256(part).digest())
        _state["fingerprint"] = h.hexdigest()[:16]
    return _state["fingerprint"]


def render_html(
    result: Any, *, return_name: str, taxpayer_name: str | None = None, prepared_on: date | None = None
) -> str:
    # Whitespace between tags would become anonymous boxes WeasyPrint lays out for nothing: strip it.
    return strip_spaces_between_tags(
        render_to_string(
            TEMPLATE,
            build_context(
                result, return_name=return_name, taxpayer_name=taxpayer_name, prepared_on=prepared_on
            ),
        )
    )


def html_to_pdf(
    html: str,
    *,
    identifier: bytes,
    stylesheets: list | None = None,
    variant: str | None = None,
    full_user_agent_stylesheet: bool = False,
) -> bytes:
    """WeasyPrint: HTML -> PDF bytes, deterministically (no dates; a fixed identifier).
    `full_user_agent_stylesheet`: WeasyPrint's own HTML stylesheet instead of print-ua.css (for comparison)."""
    weasyprint, css, font_config = _weasyprint()
    fetcher = _state["fetcher"]
    html_class = weasyprint.HTML if full_user_agent_stylesheet else _state["html_class"]
    return html_class(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).write_pdf(
        stylesheets=[css] if stylesheets is None else stylesheets,
        font_config=font_config,
        pdf_variant=variant,
        pdf_identifier=identifier,
        finisher=header_scopes if variant else None,
    )


def header_scopes(document, pdf) -> None:
    """Give every table header cell (/TH) of the tagged PDF its /Scope: /Row or /Column (PDF/UA-1, 7.5).

    WeasyPrint reads `<th scope="row">` to link each data cell to its headers (/Headers) but does not write the
    scope itself (70.0). A header is a row header exactly when a data cell of its own row lists it among its
    headers (WeasyPrint links row headers only within their row, column headers only down their column), so
    the scope is read back from those links: the same decision WeasyPrint made from the `scope` attribute.
    docs/decisions/0082-worksheet-for-a-preparer.md"""
    import pydyf

    cells = [o for o in pdf.objects if isinstance(o, pydyf.Dictionary) and o.get("S") in ("/TH", "/TD")]
    headers = {str(o["ID"].string): o for o in cells if o["S"] == "/TH" and "ID" in o}
    row_headers = set()
    for td in cells:
        if td["S"] != "/TD":
            continue
        for key in td.get("A", {}).get("Headers", ()):
            th = headers.get(str(key.string))
            if th is not None and th.get("P") == td.get("P"):
                row_headers.add(id(th))
    for th in (o for o in cells if o["S"] == "/TH"):
        th.setdefault("A", pydyf.Dictionary({"O": "/Table"}))["Scope"] = (
            "/Row" if id(th) in row_headers else "/Column"
        )


def _identifier(data: dict, return_name: str, taxpayer_name: str | None, prepared_on=None) -> bytes:
    """The PDF file identifier: derived from what is printed, never random (same inputs -> same bytes)."""
    h = hashlib.sha256()
    for part in (
        data.get("input_sha256", ""),
        (data.get("parameters") or {}).get("id", ""),
        str(getattr(settings, "APP_VERSION", "")),
        return_name,
        taxpayer_name or "",
        prepared_on or "",
    ):
        h.update(str(part).encode())
        h.update(b"\0")
    return h.hexdigest()[:32].encode()


def render_worksheet_pdf(
    result: Any,
    *,
    return_name: str,
    taxpayer_name: str | None = None,
    prepared_on: date | None = None,
    language: str | None = None,
) -> bytes:
    """The engine's Result (or its to_dict()) -> the worksheet PDF (US Letter, tagged, deterministic bytes).
    `language`: the return owner's (issue #18, homeoffice.i18n.owner_language); never the request's by accident,
    since a worker renders it too and the cache key names it."""
    data = _as_dict(result)
    with translation.override(language or settings.LANGUAGE_CODE):
        html = render_html(
            data, return_name=return_name, taxpayer_name=taxpayer_name, prepared_on=prepared_on
        )
    return html_to_pdf(
        html, identifier=_identifier(data, return_name, taxpayer_name, prepared_on), variant=PDF_VARIANT
    )


def _printed_digest(data: dict, return_name: str, taxpayer_name: str | None, prepared_on=None) -> str:
    """Everything else the PDF prints: the names, and the Result's content beyond its input hash (extras
    such as a depreciation ledger may draw on more than this year's case). ~1 ms for a full Result."""
    payload = json.dumps(
        [data, return_name, taxpayer_name or "", str(prepared_on or "")],
        sort_keys=True,
        default=str,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:24]


def cache_key(
    result: Any,
    *,
    return_name: str,
    taxpayer_name: str | None = None,
    prepared_on: date | None = None,
    language: str | None = None,
) -> str:
    """Input hash + app version + parameter set + a digest of all else printed + the renderer's fingerprint.
    Safe to share between app servers (Redis, database cache): the key names everything the bytes depend on."""
    data = _as_dict(result)
    params = data.get("parameters") or {}
    return ":".join(
        (
            "worksheet-pdf",
            str(data.get("input_sha256", "")),
            str(getattr(settings, "APP_VERSION", "")),
            f"{params.get('id', '')}@{params.get('version', '')}",
            _printed_digest(data, return_name, taxpayer_name, prepared_on),
            language or settings.LANGUAGE_CODE,
            _renderer_fingerprint(),
        )
    )


def case_cache_key(
    case: dict,
    *,
    return_name: str,
    taxpayer_name: str | None = None,
    prepared_on: date | None = None,
    language: str | None = None,
) -> str | None:
    """The PDF's cache key from the case dict alone, before anything is computed: the engine's input hash of
    the case (canonical JSON SHA-256, the same as Result.input_sha256), the app and engine versions, the year's
    parameter set (id, version and file digest), the names and the renderer fingerprint. The Result — and so
    the PDF — is a function of exactly these, so a repeat download needs no engine run and no render. None when
    the year has no parameters (the engine will say why)."""
    from homeoffice.engine.errors import EngineError
    from homeoffice.engine.result import ENGINE_VERSION
    from interview.engine_api import canonical_hash, load_params

    try:
        params = load_params(case.get("tax_year"))
    except (EngineError, TypeError):
        return None
    names = hashlib.sha256(f"{return_name}\0{taxpayer_name or ''}\0{prepared_on or ''}".encode()).hexdigest()[
        :16
    ]
    return ":".join(
        (
            "worksheet-pdf-case",
            canonical_hash(case),
            f"{getattr(settings, 'APP_VERSION', '')}+engine{ENGINE_VERSION}",
            f"{params.id}@{params.version}:{params.digest[:16]}",
            names,
            language or settings.LANGUAGE_CODE,
            _renderer_fingerprint(),
        )
    )


def _index_key(return_id) -> str:
    return f"worksheet-pdf-return:{return_id}"


def remember_for_return(return_id, key: str) -> None:
    """Note that `key` holds a PDF of this return, so forget_return() can remove it (the last 20 versions)."""
    earlier = [k for k in cache.get(_index_key(return_id)) or [] if k != key]
    keys = [*earlier[-19:], key]
    cache.set(_index_key(return_id), keys, CACHE_TIMEOUT)


def cache_get_pdf(key: str) -> bytes | None:
    """A cached PDF, decrypted (issue #15: the cache, Redis or a database table, holds only ciphertext). One
    encrypted under a key that has since been removed is a miss: it is rendered again."""
    from homeoffice.crypto import DecryptionError, decrypt_bytes

    token = cache.get(key)
    if token is None:
        return None
    try:
        return decrypt_bytes(token)
    except DecryptionError:
        return None


def cache_set_pdf(key: str, body: bytes) -> None:
    from homeoffice.crypto import encrypt_bytes

    cache.set(key, encrypt_bytes(body), CACHE_TIMEOUT)


def forget_return(return_id) -> None:
    """Remove every cached PDF of a return (call when the return or its owner's account is deleted)."""
    keys = cache.get(_index_key(return_id)) or []
    cache.delete_many([*keys, _index_key(return_id)])


def cached_worksheet_pdf(
    result: Any, *, return_name: str, taxpayer_name: str | None = None, prepared_on: date | None = None
) -> bytes:
    """render_worksheet_pdf through the Django cache: an unchanged return's PDF is not rendered again."""
    data = _as_dict(result)
    if not data.get("input_sha256"):  # nothing to key on: never serve another input's PDF
        return render_worksheet_pdf(
            data, return_name=return_name, taxpayer_name=taxpayer_name, prepared_on=prepared_on
        )
    key = cache_key(data, return_name=return_name, taxpayer_name=taxpayer_name, prepared_on=prepared_on)
    pdf = cache_get_pdf(key)
    if pdf is None:
        pdf = render_worksheet_pdf(
            data, return_name=return_name, taxpayer_name=taxpayer_name, prepared_on=prepared_on
        )
        cache_set_pdf(key, pdf)
    return pdf


# A case exercising every part of the template (both columns, Parts I-IV, an improvement statement, the
# simplified comparison, notes), so that warm_up() leaves nothing for a worker's first real request to load.
_WARM_UP_CASE = {
    "tax_year": 2025,
    "deduction": "itemize",
    "eligibility": {
        "role": "self_employed",
        "trade_or_business": True,
        "space_type": "office",
        "exclusive_use": True,
        "also_used_for_employee_work": False,
        "regular_use": True,
        "home_is_main_work_location": True,
    },
    "businesses": [{"id": "warm-up", "gross_income": "90000", "expenses_not_from_home": "20000"}],
    "homes": [
        {
            "id": "warm-up",
            "ownership": "own",
            "total_area": "2000",
            "spaces": [{"id": "office", "area": "200"}],
            "mortgage_interest": {"paid": "12000"},
            "real_estate_taxes": "6000",
            "expenses": {
                "insurance": "1200",
                "utilities": "3600",
                "repairs": {"direct": "300", "indirect": "800"},
            },
            "depreciation": {
                "first_business_use": "2021-03",
                "adjusted_basis": "400000",
                "fair_market_value": "450000",
                "land_value": "80000",
                "improvements": [{"description": "Roof", "cost": "15000", "placed_in_service": "2024-06"}],
            },
            "carryover_in": {"operating": "250", "excess_casualty_and_depreciation": "100"},
        }
    ],
    "salt": {"state_local_income_or_sales_tax": "9000", "magi": "150000"},
    "internet": {"annual_cost": "1200", "business_use_percentage": "50"},
}


def warm_up() -> None:
    """Import WeasyPrint, parse the stylesheet, load fonts and code paths: render a full worksheet twice.
    Called from InterviewConfig.ready() when HOMEOFFICE_PRELOAD_PDF=1 (gunicorn.conf.py sets it), so the
    work is done once in the master before the workers fork."""
    from interview.engine_api import case_from_dict, compute

    if _state.get("warm"):
        return  # idempotent: apps.ready() and gunicorn's when_ready may both ask
    _weasyprint()
    _renderer_fingerprint()
    result = compute(case_from_dict(_WARM_UP_CASE))
    for _ in range(2):
        render_worksheet_pdf(result, return_name="Warm-up", taxpayer_name="Warm-up")
    _state["warm"] = True
