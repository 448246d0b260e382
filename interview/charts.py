"""Where the income went, tier by tier: a small server-rendered SVG (no script), from the engine's lines.

Presentation only: it computes no tax. It takes Form 8829 line values from the engine's Result (line 8, the
income limit; line 14, tier 1; line 27, tier 2; line 33, tier 3 allowed; lines 43 + 44, carried over) and
scales them to pixels. Accessible: role="img", <title> and <desc> name every figure, every segment has a text
label in the legend, and the same figures are printed as text beside the chart.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from homeoffice.engine.money import format_money

WIDTH = 560
BAR_Y, BAR_H = 34, 30
LEFT = 8
GAP = 14
COLORS = {"tier1": "#1d4e89", "tier2": "#2e8540", "tier3": "#b5651d", "carried": "#ffffff"}
LABELS = {
    "tier1": "Mortgage interest, taxes and casualty losses (tier 1, line 14)",
    "tier2": "Operating costs (tier 2, line 27)",
    "tier3": "Depreciation and excess casualty losses allowed (tier 3, line 33)",
    "carried": "Carried to next year (lines 43 and 44)",
}
# The same amounts on the Pub 587 worksheet (farmers and partners), numbered as the engine's worksheet numbers
# them: line 13 the limit, 10 tier 1, 24 tier 2, 30 tier 3, 40 and 41 carried over.
P587_LABELS = {
    "tier1": "Mortgage interest, taxes and casualty losses (tier 1, line 10)",
    "tier2": "Operating costs (tier 2, line 24)",
    "tier3": "Depreciation and excess casualty losses allowed (tier 3, line 30)",
    "carried": "Carried to next year (lines 40 and 41)",
}
LIMIT_LINE = {"8829": "line 8", "p587": "line 13"}


def _dec(v) -> Decimal:
    if v is None or v == "":
        return Decimal(0)
    return v if isinstance(v, Decimal) else Decimal(str(v))


_money = format_money  # the one money format (homeoffice/engine/money.py)


def _px(amount: Decimal, scale: Decimal) -> int:
    return int((amount * scale).quantize(Decimal(1), rounding=ROUND_HALF_UP)) if amount > 0 else 0


def tier_chart(
    values: Mapping, *, title: str = "Where your business income went", form: str = "8829"
) -> dict | None:
    """{"svg": SafeString, "title", "desc", "legend": [{"key", "label", "amount", "color"}]} or None when
    there is nothing to draw. `values`: Form 8829 lines ("8", "14", "27", "33", "43", "44"); `form` "p587"
    labels them with the Pub 587 worksheet's line numbers."""
    labels = P587_LABELS if form == "p587" else LABELS
    line8 = _dec(values.get("8"))
    parts = [
        ("tier1", _dec(values.get("14"))),
        ("tier2", _dec(values.get("27"))),
        ("tier3", _dec(values.get("33"))),
    ]
    carried = _dec(values.get("43")) + _dec(values.get("44"))
    allowed = sum((a for _, a in parts), Decimal(0))
    if allowed <= 0 and carried <= 0 and line8 <= 0:
        return None
    span = max(line8, allowed) + carried
    usable = Decimal(WIDTH - 2 * LEFT - (GAP if carried > 0 else 0))
    scale = usable / span if span > 0 else Decimal(0)

    legend = [
        {"key": k, "label": labels[k], "amount": _money(a), "color": COLORS[k]} for k, a in parts if a > 0
    ]
    if carried > 0:
        legend.append(
            {"key": "carried", "label": labels["carried"], "amount": _money(carried), "color": "#666666"}
        )
    desc = f"Income limit ({LIMIT_LINE.get(form, 'line 8')}): {_money(line8)}. " + " ".join(
        f"{item['label']}: {item['amount']}." for item in legend
    )

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tier-chart" role="img" width="{WIDTH}" height="{BAR_Y + BAR_H + 34}" '
        f'viewBox="0 0 {WIDTH} {BAR_Y + BAR_H + 34}" aria-labelledby="tc-title tc-desc">',
        f'<title id="tc-title">{escape(title)}</title>',
        f'<desc id="tc-desc">{escape(desc)}</desc>',
    ]
    x = LEFT
    for key, amount in parts:
        w = _px(amount, scale)
        if w <= 0:
            continue
        out.append(
            f'<rect x="{x}" y="{BAR_Y}" width="{w}" height="{BAR_H}" fill="{COLORS[key]}">'
            f"<title>{escape(labels[key])}: {escape(_money(amount))}</title></rect>"
        )
        x += w
    limit_x = LEFT + _px(line8, scale) if line8 > 0 else LEFT
    out.append(
        f'<line x1="{limit_x}" y1="{BAR_Y - 8}" x2="{limit_x}" y2="{BAR_Y + BAR_H + 8}" stroke="#000" '
        'stroke-width="2" stroke-dasharray="4 2"/>'
    )
    anchor = "end" if limit_x > WIDTH / 2 else "start"
    out.append(
        f'<text x="{limit_x}" y="{BAR_Y - 12}" font-size="12" text-anchor="{anchor}" fill="#000">'
        f"Income limit {escape(_money(line8))}</text>"
    )
    if carried > 0:
        cx = LEFT + _px(max(line8, allowed), scale) + GAP
        w = max(_px(carried, scale), 2)
        out.append(
            f'<rect x="{cx}" y="{BAR_Y}" width="{w}" height="{BAR_H}" fill="#ffffff" stroke="#666666" '
            f'stroke-width="2" stroke-dasharray="5 3"><title>{escape(labels["carried"])}: '
            f"{escape(_money(carried))}</title></rect>"
        )
        out.append(
            f'<text x="{min(cx + w, WIDTH - 2)}" y="{BAR_Y + BAR_H + 22}" font-size="12" text-anchor="end" '
            f'fill="#000">Carried over {escape(_money(carried))}</text>'
        )
    out.append(
        f'<text x="{LEFT}" y="{BAR_Y + BAR_H + 22}" font-size="12" fill="#000">Allowed {escape(_money(allowed))}</text>'
    )
    out.append("</svg>")
    svg: SafeString = mark_safe("".join(out))  # noqa: S308 — every text above is escaped
    return {
        "svg": svg,
        "title": title,
        "desc": desc,
        "legend": legend,
        "limit": _money(line8),
        "limit_label": f"Income limit ({LIMIT_LINE.get(form, 'line 8')})",
    }
