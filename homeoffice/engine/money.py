"""Decimal helpers and THE rounding policy of the engine (one place, printed on every worksheet).

Money is `decimal.Decimal` only. Floats are rejected at the input boundary so that no binary rounding error
can reach a form line.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import InputError

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
DOLLAR = Decimal(1)
CENT = Decimal("0.01")
FRACTION_4 = Decimal("0.0001")  # a business percentage as a fraction: 0.1713 == 17.13 %
PERCENT_3 = Decimal("0.001")  # MACRS table percentages are printed to 3 decimals (2.564)

# Inputs above this are treated as typing mistakes, not as real home expenses (a trillion dollars).
MAX_AMOUNT = Decimal(10) ** 12

ROUNDING_POLICY = (
    "Business percentages (lines 3 and 7) are rounded half-up to two decimals of a percent (17.125% -> 17.13%) "
    "and the ROUNDED value is used in every later line, as the IRS examples do (Pub 587, Mary Lake: 17.13% of "
    "$9,250 = $1,585). Line 6 (daycare hours fraction) is rounded half-up to four decimals. Every dollar line is "
    "rounded half-up to whole dollars; later lines use the rounded earlier lines, as on the paper form. "
    "Depreciation is computed from the unrounded product of business basis and table percentage and rounded "
    "once on line 42. The simplified-method rate for daycare (line 3c) is rounded to cents."
)
ROUNDING_POLICY_CENTS = (
    "Cents mode: as the whole-dollar policy, but dollar lines are rounded half-up to cents (Pub 587 shows "
    "depreciation in cents, e.g. George Miller $147.66). Use for checking IRS examples, never for filing."
)


def round_money(value: Decimal, quantum: Decimal = DOLLAR) -> Decimal:
    """Round a dollar amount half-up to `quantum` (whole dollars unless cents mode)."""
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def round_fraction(value: Decimal) -> Decimal:
    """Round a fraction to four decimals (two decimals of a percent)."""
    return value.quantize(FRACTION_4, rounding=ROUND_HALF_UP)


def round_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fraction_to_percent(fraction: Decimal) -> Decimal:
    """0.1713 -> 17.13 (exact, for display; the fraction is already rounded)."""
    return (fraction * HUNDRED).quantize(CENT)


def floor_zero(value: Decimal) -> Decimal:
    return value if value > ZERO else ZERO


def _to_decimal(value, field: str) -> Decimal:
    # bool is an int subclass; float would smuggle binary rounding in. Both are refused explicitly.
    if isinstance(value, (bool, float)):
        raise InputError(field, "must be a number written as a string or integer (floats are not accepted)")
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, int):
        d = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "")
        if text.startswith("$"):
            text = text[1:]
        if not text:
            raise InputError(field, "must not be empty")
        try:
            d = Decimal(text)
        except InvalidOperation:
            raise InputError(field, f"{value!r} is not a number") from None
    else:
        raise InputError(field, f"must be a number, got {type(value).__name__}")
    if not d.is_finite():
        raise InputError(field, "must be a finite number (NaN and Infinity are not accepted)")
    return d


def parse_money(value, field: str, *, allow_negative: bool = False) -> Decimal:
    """A dollar amount: finite, at most a trillion, not negative unless allowed, at most cents precision."""
    d = _to_decimal(value, field)
    if abs(d) >= MAX_AMOUNT:
        raise InputError(field, "is implausibly large")
    if d < 0 and not allow_negative:
        raise InputError(field, "must not be negative")
    if d != d.quantize(CENT, rounding=ROUND_HALF_UP):
        raise InputError(field, "must have at most two decimals (cents)")
    return d + ZERO  # normalises -0 to 0


def parse_number(
    value, field: str, *, minimum: Decimal | None = ZERO, maximum: Decimal | None = None
) -> Decimal:
    """A non-money quantity (square feet, hours, days): finite and within bounds."""
    d = _to_decimal(value, field)
    if abs(d) >= MAX_AMOUNT:
        raise InputError(field, "is implausibly large")
    if minimum is not None and d < minimum:
        raise InputError(field, f"must be at least {minimum}")
    if maximum is not None and d > maximum:
        raise InputError(field, f"must be at most {maximum}")
    return d + ZERO


def parse_percent(value, field: str) -> Decimal:
    """A percentage written as percent (e.g. "40" or "17.13"), returned as a fraction (0.4, 0.1713)."""
    d = parse_number(value, field, minimum=ZERO, maximum=HUNDRED)
    return d / HUNDRED


def to_str(value: Decimal | None) -> str | None:
    """JSON representation: plain notation, never exponent form."""
    if value is None:
        return None
    return format(value, "f")


def format_money(value, *, symbol: bool = True, parentheses: bool = False, cents: bool = False) -> str:
    """THE way an amount of money is written, on the site, in the PDF and in the engine's sentences.

    Thousands separators always; whole dollars without cents ($2,865), otherwise cents as given ($147.66);
    negative with a minus sign (-$1,200), or in parentheses as on a tax form's amount column (`parentheses`).
    `symbol=False` for an amount column under a heading that already says dollars; `cents=True` for a rate
    ($5.00 per square foot), always with cents. None or "" -> "".
    """
    if value is None or value == "":
        return ""
    try:
        d = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not d.is_finite():
        return str(value)
    magnitude = abs(d)
    if magnitude == magnitude.to_integral_value() and not cents:
        text = f"{magnitude:,.0f}"
    elif magnitude.as_tuple().exponent < -2:  # more than cents, as the engine gave it: never rounded here
        text = format(magnitude, ",f")
    else:
        text = f"{magnitude:,.2f}"
    text = f"${text}" if symbol else text
    if d < 0:
        return f"({text})" if parentheses else f"-{text}"
    return text
