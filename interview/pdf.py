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
import re
import threading
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.html import strip_spaces_between_tags

TEMPLATE = "pdf/worksheet.html"
CSS_PATH = Path(settings.BASE_DIR) / "static" / "css" / "print.css"
PDF_VARIANT = "pdf/ua-1"  # tagged PDF (PDF/UA-1): structure tree, title shown, language set
CACHE_TIMEOUT = (
    60 * 60 * 24 * 7
)  # a week; the key changes whenever an input, the version or the renderer does

STATUS_TEXT = {
    "qualifies": "Qualifies",
    "does_not_qualify": "Does not qualify",
    "refer": "Needs a professional's review",
    "incomplete": "Incomplete — more answers needed",
}
SCHEDULE_TEXT = {"C": "Schedule C", "F": "Schedule F", "partner": "Schedule E, Part II"}
METHOD_TEXT = {"actual": "Actual expenses", "simplified": "Simplified method"}
NOTE_KINDS_FLAGGED = ("review", "unverified")

# Form 8829 Parts by line number (presentation only: which heading a line sits under). 2018 and later forms;
# the 2013–2017 forms had one line fewer in Part II. The engine may override with meta["parts"].
_PARTS_8829 = (
    ("Part I", "Part of Your Home Used for Business", 1, 7),
    ("Part II", "Figure Your Allowable Deduction", 8, 36),
    ("Part III", "Depreciation of Your Home", 37, 42),
    ("Part IV", "Carryover of Unallowed Expenses to {next_year}", 43, 44),
)
_PARTS_8829_PRE2018 = (
    ("Part I", "Part of Your Home Used for Business", 1, 7),
    ("Part II", "Figure Your Allowable Deduction", 8, 35),
    ("Part III", "Depreciation of Your Home", 36, 41),
    ("Part IV", "Carryover of Unallowed Expenses to {next_year}", 42, 43),
)
# Pub 587 "Worksheet To Figure the Deduction for Business Use of Your Home" (partners, Schedule F).
_PARTS_P587 = (
    ("Part 1", "Part of Your Home Used for Business", 1, 3),
    ("Part 2", "Figure Your Allowable Deduction", 4, 34),
    ("Part 3", "Depreciation of Your Home", 35, 40),
    ("Part 4", "Carryover of Unallowed Expenses to Next Year", 41, 42),
)
_COLUMN_HEADS = {
    "form8829": ("(a) Direct expenses", "(b) Indirect expenses"),
    "p587": ("(a) Direct expenses", "(b) Indirect expenses"),
}
_WORKSHEET_ORDER = ("form8829", "p587", "daycare", "line11", "improvements")
_LINE_NO = re.compile(r"^(\d+)([a-z]?)$")


# --- Formatting (the only transformation of the engine's numbers: how they are written) -------------------


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _grouped(d: Decimal) -> str:
    """Thousands separators, keeping exactly the decimals the engine gave (1756 -> 1,756; 147.66 stays)."""
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
    if kind == "rate":
        return f"${_grouped(abs(d))}" if d >= 0 else f"−${_grouped(abs(d))}"
    if kind in ("hours", "sqft"):
        return _grouped(d)
    # money: negative amounts in parentheses, as on tax forms
    return f"({_grouped(abs(d))})" if d < 0 else _grouped(d)


def format_dollars(value: Any) -> str:
    """A dollar amount in prose: $1,756; negative -$1,756."""
    d = _decimal(value)
    if d is None:
        return "—"
    return f"−${_grouped(abs(d))}" if d < 0 else f"${_grouped(d)}"


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


def _items(container: Any) -> list[tuple[str, Any]]:
    """Homes / simplified / carryovers may be a list of dicts (with "id"/"home") or a dict keyed by id."""
    if not container:
        return []
    if isinstance(container, dict):
        return [(str(k), v) for k, v in container.items()]
    out = []
    for i, item in enumerate(container):
        key = ""
        if isinstance(item, dict):
            key = str(item.get("id") or item.get("home") or item.get("business") or "")
        out.append((key or str(i + 1), item))
    return out


def _is_worksheet(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("lines"), list) and "id" in value


def _line_number(key: str) -> str:
    return key.split(".", 1)[1] if "." in key else key


def _caption(labels: list[str]) -> str:
    """One caption for a row whose (a) and (b) lines may carry slightly different labels."""
    labels = [x for x in labels if x]
    if not labels:
        return ""
    if all(x == labels[0] for x in labels):
        return labels[0]
    prefix = labels[0]
    for other in labels[1:]:
        while not other.startswith(prefix):
            prefix = prefix[:-1]
    prefix = prefix.rstrip(" ,;:—–-([")
    return prefix if len(prefix) >= 3 else labels[0]


def _row(number: str, lines: list[dict]) -> dict:
    return {
        "number": number,
        "label": _caption([ln.get("label", "") for ln in lines]),
        "note": " ".join(ln["note"] for ln in lines if ln.get("note")),
        "a": "",
        "b": "",
        "amount": "",
        "paired": False,
        "blank": all(ln.get("amount") is None for ln in lines),
        "key": lines[0].get("key", ""),
    }


def _rows(ws: dict, paired_columns: bool) -> list[dict]:
    """Worksheet lines -> table rows. With paired columns, "19a"/"19b" become one row with (a) and (b)."""
    lines = ws.get("lines", [])
    rows: list[dict] = []
    by_number: dict[str, dict] = {}
    if paired_columns:
        bases: dict[str, set[str]] = {}
        for ln in lines:
            m = _LINE_NO.match(_line_number(ln.get("key", "")))
            if m and m.group(2) in ("a", "b"):
                bases.setdefault(m.group(1), set()).add(m.group(2))
        pair_bases = {base for base, cols in bases.items() if cols == {"a", "b"}}
    else:
        pair_bases = set()
    for ln in lines:
        number = _line_number(ln.get("key", ""))
        kind = ln.get("kind", "money")
        m = _LINE_NO.match(number)
        if m and m.group(1) in pair_bases and m.group(2) in ("a", "b"):
            base, col = m.group(1), m.group(2)
            row = by_number.get(base)
            if row is None:
                row = _row(base, [ln])
                row["paired"] = True
                row["_lines"] = [ln]
                by_number[base] = row
                rows.append(row)
            else:
                row["_lines"].append(ln)
                merged = _row(base, row["_lines"])
                row.update({k: merged[k] for k in ("label", "note", "blank")})
            row[col] = format_amount(ln.get("amount"), kind)
        else:
            row = _row(number, [ln])
            row["amount"] = format_amount(ln.get("amount"), kind)
            rows.append(row)
    for row in rows:
        row.pop("_lines", None)
    return rows


def _part_table(ws_id: str, tax_year: int | None, meta: dict) -> tuple | None:
    if isinstance(meta.get("parts"), list):  # the engine's own layout wins
        return tuple((p["name"], p["title"], int(p["first"]), int(p["last"])) for p in meta["parts"])
    if ws_id == "form8829":
        return _PARTS_8829_PRE2018 if tax_year and tax_year < 2018 else _PARTS_8829
    if ws_id == "p587":
        return _PARTS_P587
    return None


def _line_int(number: str) -> int | None:
    m = re.match(r"^(\d+)", number)
    return int(m.group(1)) if m else None


def _worksheet(ws: dict, tax_year: int | None) -> dict:
    ws_id = ws.get("id", "")
    meta = ws.get("meta") or {}
    paired = ws_id in _COLUMN_HEADS
    rows = _rows(ws, paired)
    heads = _COLUMN_HEADS.get(ws_id) if any(r["paired"] for r in rows) else None
    parts_table = _part_table(ws_id, tax_year, meta)
    next_year = (tax_year + 1) if tax_year else "next year"
    parts: list[dict] = []
    if parts_table:
        for name, title, first, last in parts_table:
            part_rows = [r for r in rows if (n := _line_int(r["number"])) is not None and first <= n <= last]
            if part_rows:
                parts.append(
                    {
                        "name": name,
                        "title": title.format(next_year=next_year),
                        "rows": part_rows,
                        "columns": heads if any(r["paired"] for r in part_rows) else None,
                    }
                )
        placed = {id(r) for p in parts for r in p["rows"]}
        rest = [r for r in rows if id(r) not in placed]
        if rest:
            parts.append({"name": "", "title": "Other lines", "rows": rest, "columns": None})
    else:
        parts.append({"name": "", "title": "", "rows": rows, "columns": heads})
    return {
        "id": ws_id,
        "title": ws.get("title", ""),
        "parts": parts,
        "notes": [str(n) for n in ws.get("notes") or []],
        "meta": meta,
    }


def _home_sections(data: dict, tax_year: int | None) -> list[dict]:
    homes = []
    for home_id, home in _items(data.get("homes")):
        if not isinstance(home, dict):
            continue
        found = {}
        for value in home.values():
            if _is_worksheet(value):
                found[value["id"]] = value
            elif isinstance(value, list):
                for item in value:
                    if _is_worksheet(item):
                        found.setdefault(item["id"], item)
        order = [i for i in _WORKSHEET_ORDER if i in found] + sorted(
            i for i in found if i not in _WORKSHEET_ORDER
        )
        homes.append(
            {
                "id": home_id,
                "name": home.get("name") or home.get("label") or home_id,
                "worksheets": [_worksheet(found[i], tax_year) for i in order],
            }
        )
    return homes


def _simplified(data: dict, tax_year: int | None) -> list[dict]:
    out = []

    def collect(value: Any) -> None:
        if _is_worksheet(value):
            out.append(_worksheet(value, tax_year))
        elif isinstance(value, dict):
            for v in value.values():
                collect(v)
        elif isinstance(value, list):
            for v in value:
                collect(v)

    collect(data.get("simplified"))
    return out


def _comparison(data: dict) -> dict | None:
    comp = data.get("comparison")
    if not isinstance(comp, dict) or not comp:
        return None
    methods = []
    for method in ("actual", "simplified"):
        if method in comp:
            value = comp[method]
            amount = value.get("amount", value.get("total")) if isinstance(value, dict) else value
            methods.append(
                {
                    "name": METHOD_TEXT[method],
                    "amount": format_dollars(amount) if amount is not None else "Not available",
                    "recommended": comp.get("recommended") == method,
                    "chosen": comp.get("chosen") == method,
                }
            )
    reasons = comp.get("reasons") or []
    return {
        "methods": methods,
        "recommended": METHOD_TEXT.get(comp.get("recommended"), comp.get("recommended") or ""),
        "chosen": METHOD_TEXT.get(comp.get("chosen"), comp.get("chosen") or ""),
        "reasons": [r if isinstance(r, str) else r.get("text", str(r)) for r in reasons],
    }


def _report(data: dict) -> list[dict]:
    rows = []
    for item in data.get("report") or []:
        schedule = item.get("schedule", "")
        line = item.get("line", "")
        where = SCHEDULE_TEXT.get(schedule, f"Schedule {schedule}" if schedule else "")
        if line:
            where = f"{where}, line {line}" if where else f"Line {line}"
        rows.append(
            {
                "business": item.get("business_name") or item.get("business", ""),
                "where": item.get("where") or where,
                "amount": format_dollars(item.get("amount")),
                "method": METHOD_TEXT.get(item.get("method"), item.get("method") or ""),
            }
        )
    return rows


def _carryovers(data: dict) -> list[dict]:
    rows = []
    for home_id, c in _items(data.get("carryovers_next_year")):
        if not isinstance(c, dict):
            continue
        rows.append(
            {
                "home": c.get("home", home_id),
                "operating": format_dollars(c.get("operating")),
                "excess": format_dollars(c.get("excess_casualty_and_depreciation")),
                "frozen": bool(c.get("frozen")),
            }
        )
    return rows


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
        elif kind != "provisional_year":  # the provisional mark is printed in the heading
            other.append(text)
    return {"flags": flags, "internet": internet, "other": other}


def build_context(result: Any, *, return_name: str, taxpayer_name: str | None = None) -> dict:
    """The template's context: the Result's strings, arranged and formatted. No arithmetic."""
    data = _as_dict(result)
    tax_year = data.get("tax_year")
    params = data.get("parameters") or {}
    verdict = data.get("verdict") or {}
    computed = bool(data.get("computed"))
    homes = _home_sections(data, tax_year) if computed else []
    p587 = any(ws["id"] == "p587" for h in homes for ws in h["worksheets"])
    form8829 = any(ws["id"] == "form8829" for h in homes for ws in h["worksheets"])
    layout = "Form 8829" if form8829 or not p587 else "the Pub 587 worksheet"
    if form8829 and p587:
        layout = "Form 8829 and the Pub 587 worksheet"
    status = verdict.get("status", "")
    provisional = bool(params.get("provisional"))
    title = f"Home office deduction worksheet {tax_year} — {return_name}"
    return {
        "title": title,
        "layout": layout,
        "tax_year": tax_year,
        "provisional": provisional,
        "provisional_reason": params.get("provisional_reason", ""),
        "return_name": return_name,
        "taxpayer_name": taxpayer_name or "",
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
        "simplified": _simplified(data, tax_year) if computed else [],
        "comparison": _comparison(data) if computed else None,
        "report": _report(data) if computed else [],
        "carryovers": _carryovers(data) if computed else [],
        "notes": _notes(data),
        "rounding_policy": data.get("rounding_policy", ""),
        "app_version": getattr(settings, "APP_VERSION", ""),
        "parameter_set": params.get("id", ""),
        "parameter_version": params.get("version", ""),
        "input_hash": data.get("input_sha256", ""),
        # Hooks for issue 6 (depreciation ledger, tier chart): fed from the Result when the engine adds them.
        "depreciation_ledger": data.get("depreciation_ledger"),
        "tier_chart": data.get("tier_chart"),
    }


# --- Rendering ---------------------------------------------------------------------------------------------

_lock = threading.Lock()
_state: dict[str, Any] = {}


def _weasyprint():
    """Import WeasyPrint and parse the print stylesheet once per process."""
    if "css" not in _state:
        with _lock:
            if "css" not in _state:
                import weasyprint
                from weasyprint.text.fonts import FontConfiguration

                font_config = FontConfiguration()
                fetcher = _no_fetcher(weasyprint)
                css = weasyprint.CSS(
                    string=CSS_PATH.read_text(encoding="utf-8"), font_config=font_config, url_fetcher=fetcher
                )
                _state.update(weasyprint=weasyprint, font_config=font_config, css=css, fetcher=fetcher)
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

        template_source = Path(get_template(TEMPLATE).origin.name).read_bytes()
        h = hashlib.sha256()
        for part in (
            template_source,
            CSS_PATH.read_bytes(),
            str(getattr(settings, "APP_VERSION", "")).encode(),
        ):
            h.update(hashlib.sha256(part).digest())
        _state["fingerprint"] = h.hexdigest()[:16]
    return _state["fingerprint"]


def render_html(result: Any, *, return_name: str, taxpayer_name: str | None = None) -> str:
    # Whitespace between tags would become anonymous boxes WeasyPrint lays out for nothing: strip it.
    return strip_spaces_between_tags(
        render_to_string(
            TEMPLATE, build_context(result, return_name=return_name, taxpayer_name=taxpayer_name)
        )
    )


def html_to_pdf(
    html: str, *, identifier: bytes, stylesheets: list | None = None, variant: str | None = None
) -> bytes:
    """WeasyPrint: HTML -> PDF bytes, deterministically (no dates; a fixed identifier)."""
    weasyprint, css, font_config = _weasyprint()
    fetcher = _state["fetcher"]
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).write_pdf(
        stylesheets=[css] if stylesheets is None else stylesheets,
        font_config=font_config,
        pdf_variant=variant,
        pdf_identifier=identifier,
    )


def _identifier(data: dict, return_name: str, taxpayer_name: str | None) -> bytes:
    """The PDF file identifier: derived from what is printed, never random (same inputs -> same bytes)."""
    h = hashlib.sha256()
    for part in (
        data.get("input_sha256", ""),
        (data.get("parameters") or {}).get("id", ""),
        str(getattr(settings, "APP_VERSION", "")),
        return_name,
        taxpayer_name or "",
    ):
        h.update(str(part).encode())
        h.update(b"\0")
    return h.hexdigest()[:32].encode()


def render_worksheet_pdf(result: Any, *, return_name: str, taxpayer_name: str | None = None) -> bytes:
    """The engine's Result (or its to_dict()) -> the worksheet PDF (US Letter, tagged, deterministic bytes)."""
    data = _as_dict(result)
    html = render_html(data, return_name=return_name, taxpayer_name=taxpayer_name)
    return html_to_pdf(html, identifier=_identifier(data, return_name, taxpayer_name), variant=PDF_VARIANT)


def cache_key(result: Any, *, return_name: str, taxpayer_name: str | None = None) -> str:
    """Input hash + app version + parameter set + what else is printed (names) + the renderer's fingerprint."""
    data = _as_dict(result)
    params = data.get("parameters") or {}
    names = hashlib.sha256(f"{return_name}\0{taxpayer_name or ''}".encode()).hexdigest()[:16]
    return ":".join(
        (
            "worksheet-pdf",
            str(data.get("input_sha256", "")),
            str(getattr(settings, "APP_VERSION", "")),
            f"{params.get('id', '')}@{params.get('version', '')}",
            names,
            _renderer_fingerprint(),
        )
    )


def cached_worksheet_pdf(result: Any, *, return_name: str, taxpayer_name: str | None = None) -> bytes:
    """render_worksheet_pdf through the Django cache: an unchanged return's PDF is not rendered again."""
    data = _as_dict(result)
    if not data.get("input_sha256"):  # nothing to key on: never serve another input's PDF
        return render_worksheet_pdf(data, return_name=return_name, taxpayer_name=taxpayer_name)
    key = cache_key(data, return_name=return_name, taxpayer_name=taxpayer_name)
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_worksheet_pdf(data, return_name=return_name, taxpayer_name=taxpayer_name)
        cache.set(key, pdf, CACHE_TIMEOUT)
    return pdf


_WARM_UP_RESULT = {
    "tax_year": 2025,
    "input_sha256": "warm-up",
    "parameters": {"id": "warm-up"},
    "verdict": {"status": "qualifies", "reasons": [{"text": "Warm-up", "citation": "—"}]},
    "computed": True,
    "homes": [
        {
            "id": "warm-up",
            "form8829": {
                "id": "form8829",
                "title": "Form 8829",
                "lines": [
                    {"key": "8829.1", "label": "Area", "amount": "100", "kind": "sqft"},
                    {"key": "8829.3", "label": "Percentage", "amount": "10.00", "kind": "percent"},
                    {"key": "8829.19a", "label": "Rent", "amount": None},
                    {"key": "8829.19b", "label": "Rent", "amount": "1200"},
                    {"key": "8829.36", "label": "Allowable expenses", "amount": "120"},
                ],
            },
        }
    ],
    "notes": [{"kind": "review", "text": "Warm-up"}],
}


def warm_up() -> None:
    """Import WeasyPrint, parse the stylesheet, load the fonts and render once (called before workers fork)."""
    _weasyprint()
    _renderer_fingerprint()
    render_worksheet_pdf(_WARM_UP_RESULT, return_name="Warm-up", taxpayer_name="Warm-up")
