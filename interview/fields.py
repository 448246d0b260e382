"""Strict form fields for money, areas, percentages and yes/no answers.

Money is Decimal end to end (never float). Accepted: "1,234.56", "$1,234", "1234", " 1234.5 ". Refused with a
message: NaN/Infinity, exponents ("1e3"), other locales' separators ("1.234,56", "1 234"), misplaced commas
("1,23"), more than two decimals, negatives where not allowed, non-ASCII digits, and absurdly large values.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

# ASCII digits only: Python's \d also matches Arabic-Indic and full-width digits.
_GROUPED = r"[0-9]{1,3}(?:,[0-9]{3})+"
_PLAIN = r"[0-9]+"
_NUMBER = rf"(?:{_GROUPED}|{_PLAIN})(?:\.[0-9]{{1,2}})?|\.[0-9]{{1,2}}"
MONEY_RE = re.compile(rf"^(?P<sign>-)?\s*\$?\s*(?P<sign2>-)?(?P<num>{_NUMBER})$")
NUMBER_RE = re.compile(rf"^(?P<num>{_NUMBER})$")
PERCENT_RE = re.compile(rf"^(?P<num>{_NUMBER})\s*%?$")
INT_RE = re.compile(r"^[0-9]{1,9}$")
GROUPED_INT_RE = re.compile(rf"^{_GROUPED}$")

MONEY_MAX = Decimal("1000000000")  # $1 billion: far above any household's home expenses
AREA_MAX = Decimal("1000000")  # square feet


def has_control_characters(text) -> bool:
    """NUL and the other control characters (but not tab and line breaks, which are only whitespace).

    PostgreSQL cannot store NUL in text or JSON at all, and the others are never typed on purpose: they are
    refused with a message at the field on every database, and never kept in a draft (issue #14)."""
    return isinstance(text, str) and any(
        (ord(c) < 32 and c not in "\t\n\r") or 127 <= ord(c) < 160 for c in text
    )


def strip_control_characters(text: str) -> str:
    return "".join(c if not has_control_characters(c) else "" for c in text)


class OneOf:
    """The condition of a conditionally revealed question: the controlling answer is one of `values`
    (as saved: True/False for yes/no, the choice's key otherwise). Callable on a saved value."""

    def __init__(self, *values):
        self.values = values

    def __call__(self, value) -> bool:
        return value in self.values

    def texts(self) -> list[str]:
        """The values as the controlling input posts them ("yes"/"no" for yes/no questions)."""
        return ["yes" if v is True else "no" if v is False else str(v) for v in self.values]


MAX_INPUT = 40


def _normalise(value) -> str:
    text = "" if value is None else str(value)
    if len(text) > MAX_INPUT:
        return "\x00"  # too long to be a number: fails every pattern below
    # Treat the typographic minus and non-breaking spaces people paste from spreadsheets as what they look like.
    return text.replace("\u2212", "-").replace("\u00a0", " ").strip()


class MoneyField(forms.CharField):
    """A dollar amount with at most cents. Returns Decimal (or None when optional and blank)."""

    default_error_messages = {
        "invalid": "Enter an amount in dollars and cents, like 1,234.56 or $1,234",
        "negative": "Enter an amount of zero or more",
        "too_large": "Enter an amount less than $1,000,000,000",
    }

    def __init__(self, *, allow_negative=False, **kwargs):
        self.allow_negative = allow_negative
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("class", "input-short")
        self.widget.attrs.setdefault("autocomplete", "off")

    def to_python(self, value):
        text = _normalise(value)
        if text in self.empty_values:
            return None
        m = MONEY_RE.match(text)
        if not m or (m.group("sign") and m.group("sign2")):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            amount = Decimal(m.group("num").replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if m.group("sign") or m.group("sign2"):
            amount = -amount
        if amount < 0 and not self.allow_negative:
            raise ValidationError(self.error_messages["negative"], code="negative")
        if abs(amount) >= MONEY_MAX:
            raise ValidationError(self.error_messages["too_large"], code="too_large")
        return amount + Decimal(0)  # -0 -> 0

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")


class DecimalQuantityField(forms.CharField):
    """A plain non-negative number (square feet, hours), at most two decimals, commas allowed."""

    default_error_messages = {
        "invalid": "Enter a number, like 1,200 or 150.5",
        "min_value": "Enter a number greater than 0",
        "max_value": "Enter a number no larger than %(max)s",
    }

    def __init__(self, *, max_value=AREA_MAX, allow_zero=False, **kwargs):
        self.max_value = max_value
        self.allow_zero = allow_zero
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("class", "input-short")

    def to_python(self, value):
        text = _normalise(value)
        if text in self.empty_values:
            return None
        m = NUMBER_RE.match(text)
        if not m:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        number = Decimal(m.group("num").replace(",", ""))
        if number < 0 or (number == 0 and not self.allow_zero):
            raise ValidationError(self.error_messages["min_value"], code="min_value")
        if number > self.max_value:
            raise ValidationError(
                self.error_messages["max_value"], code="max_value", params={"max": f"{self.max_value:,}"}
            )
        return number

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")


class AreaField(DecimalQuantityField):
    default_error_messages = {"invalid": "Enter the area in square feet, like 1,200 or 150.5"}


class PercentField(forms.CharField):
    """A percentage from 0 to 100 written as percent ("40", "12.5", "40%"). Returns Decimal percent."""

    default_error_messages = {
        "invalid": "Enter a percentage from 0 to 100, like 40 or 12.5",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("class", "input-short")

    def to_python(self, value):
        text = _normalise(value)
        if text in self.empty_values:
            return None
        m = PERCENT_RE.match(text)
        if not m or "," in m.group("num"):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        number = Decimal(m.group("num"))
        if number > 100:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")


class WholeNumberField(forms.CharField):
    """A whole number in a range, ASCII digits only."""

    def __init__(self, *, min_value=0, max_value=10**9, unit="", **kwargs):
        self.min_value, self.max_value = min_value, max_value
        messages = {"invalid": f"Enter a whole number from {min_value:,} to {max_value:,}{unit}"}
        kwargs["error_messages"] = {**messages, **kwargs.get("error_messages", {})}
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("class", "input-short")

    def to_python(self, value):
        text = _normalise(value)
        if text in self.empty_values:
            return None
        if not (INT_RE.match(text) or GROUPED_INT_RE.match(text)):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        number = int(text.replace(",", ""))
        if not self.min_value <= number <= self.max_value:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")


YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(value):
    return {"yes": True, "no": False}[value]


class YesNoField(forms.TypedChoiceField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", YES_NO)
        kwargs.setdefault("coerce", _yes_no)
        kwargs.setdefault("empty_value", None)
        kwargs.setdefault("error_messages", {"required": "Select yes or no"})
        super().__init__(**kwargs)


class RadioChoiceField(forms.ChoiceField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {"required": "Select one option"})
        super().__init__(**kwargs)


YEAR, MONTH = "year", "month"


class PeriodField(RadioChoiceField):
    """Whether the amount just before it (same name without "_per") is a year's or a month's (issue #14:
    bills that come monthly). Shown inside that amount's question, not as a question of its own; blank means
    the default, so answers saved before it existed keep their meaning."""

    def __init__(self, *, default, **kwargs):
        self.default = default
        kwargs.setdefault("label", "The amount is for")
        kwargs.setdefault("help_text", "A year's total, or one month's bill.")
        kwargs.setdefault("choices", [(YEAR, "a year"), (MONTH, "a month")])
        kwargs.setdefault("required", False)
        kwargs.setdefault("initial", default)
        super().__init__(**kwargs)

    def clean(self, value):
        return super().clean(value) or self.default


def yearly(amount, per, default) -> Decimal | None:
    """The year's amount of a figure given per `per` (None: `default`): a month's is 12 times it, exactly."""
    if amount in (None, ""):
        return None
    d = Decimal(str(amount))
    return d * 12 if (per or default) == MONTH else d


MONTHS = [
    (1, "January"),
    (2, "February"),
    (3, "March"),
    (4, "April"),
    (5, "May"),
    (6, "June"),
    (7, "July"),
    (8, "August"),
    (9, "September"),
    (10, "October"),
    (11, "November"),
    (12, "December"),
]


class MonthField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("choices", [("", "Choose a month"), *[(str(n), name) for n, name in MONTHS]])
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("empty_value", None)
        kwargs.setdefault("required", False)
        kwargs.setdefault("error_messages", {"invalid_choice": "Choose a month from the list"})
        super().__init__(**kwargs)


HISTORY_METHODS = {"actual": "actual expenses", "simplified": "simplified method", "none": "no deduction"}
HISTORY_MAX_ROWS = 60
HISTORY_MAX_TEXT = 40 * HISTORY_MAX_ROWS


class HistoryField(forms.CharField):
    """The year-by-year depreciation record carried from earlier returns by "Start next year from this one"
    (interview.rollover): a list of {year, method, business_percentage?, depreciation_claimed?} as in the
    case format's depreciation `history`. Not typed by anyone: it travels in a hidden input in the compact
    text form "2024:actual:10.00:513;2025:simplified::" (short enough for a draft) and is checked strictly."""

    widget = forms.HiddenInput
    default_error_messages = {
        "invalid": "The depreciation record from your earlier returns could not be read. Start this year "
        "again from last year's return"
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", HISTORY_MAX_TEXT)
        super().__init__(**kwargs)

    @staticmethod
    def to_text(rows) -> str:
        return ";".join(
            f"{r['year']}:{r['method']}:{r.get('business_percentage') or ''}:{r.get('depreciation_claimed') or ''}"
            for r in rows or ()
        )

    def prepare_value(self, value):
        return self.to_text(value) if isinstance(value, list) else value

    def _invalid(self):
        return ValidationError(self.error_messages["invalid"], code="invalid")

    def to_python(self, value):
        if isinstance(value, list):
            value = self.to_text(value)
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        parts = text.split(";")
        if len(text) > HISTORY_MAX_TEXT or len(parts) > HISTORY_MAX_ROWS:
            raise self._invalid()
        rows = []
        for part in parts:
            bits = part.split(":")
            if len(bits) != 4 or not INT_RE.match(bits[0]) or bits[1] not in HISTORY_METHODS:
                raise self._invalid()
            row = {"year": int(bits[0]), "method": bits[1]}
            if not 1993 <= row["year"] <= 2100:
                raise self._invalid()
            try:
                if bits[2]:
                    row["business_percentage"] = format(PercentField().to_python(bits[2]), "f")
                if bits[3]:
                    row["depreciation_claimed"] = format(MoneyField().to_python(bits[3]), "f")
            except ValidationError:
                raise self._invalid() from None
            rows.append(row)
        if len({r["year"] for r in rows}) != len(rows):
            raise self._invalid()
        return sorted(rows, key=lambda r: r["year"])

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def describe(self, value) -> list[str]:
        """One line per year, for the page and the review: "2024: actual expenses, 10.00% business use,
        $513 depreciation deducted". Nothing when empty or unreadable."""
        try:
            rows = self.to_python(value)
        except ValidationError:
            return []
        out = []
        for r in rows or ():
            text = f"{r['year']}: {HISTORY_METHODS.get(r['method'], r['method'])}"
            if r.get("business_percentage") not in (None, ""):
                text += f", {r['business_percentage']}% business use"
            if r.get("depreciation_claimed") not in (None, ""):
                d = Decimal(str(r["depreciation_claimed"]))
                text += f", ${d:,} depreciation deducted"
            out.append(text)
        return out
