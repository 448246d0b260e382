"""One form per interview step. Every question has a label, a short hint and a "Why we ask" text with its
Pub 587 section. Values are stored as JSON-friendly primitives: Decimal -> "1234.56", yes/no -> true/false.

Forms receive the saved `answers` (other steps) and `tax_year`, so a page can show only the questions that fit
(owners see mortgage interest, renters see rent) and check answers against earlier pages (office area not more
than the home's).
"""

import calendar
from collections.abc import Callable
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from homeoffice.engine import eligibility_text as ET
from homeoffice.engine.errors import EngineError
from interview import engine_api
from interview import questions as Q
from interview import steps as S
from interview.fields import (
    MONTH,
    YEAR,
    AreaField,
    DecimalQuantityField,
    HistoryField,
    MoneyField,
    MonthField,
    OneOf,
    PercentField,
    PeriodField,
    RadioChoiceField,
    WholeNumberField,
    YesNoField,
    has_control_characters,
)
from interview.multi import build_forms as build_multi_forms

PUB = "IRS Publication 587"


def _is(*values) -> OneOf:
    return OneOf(*values)


def _given(v) -> bool:
    return v not in (None, "") and str(v).strip("0.") != ""


def _blank(v) -> bool:
    return v in (None, "")


# The Pub 587 section for questions whose "Why we ask" source is only a form line, the Code or another
# publication: every question points to where Pub 587 explains it (issue #4).
_ACTUAL = "Pub 587, Actual Expenses"
_DEPRECIATING = "Pub 587, Depreciating Your Home"
_LIMIT = "Pub 587, Deduction Limit"
_TAXES = "Pub 587, Actual Expenses (Real estate taxes)"
PUB587_SECTIONS = {
    # Each business use of the home is figured on its own (Pub 587): the name tells them apart.
    "business_description": "Pub 587, More Than One Trade or Business",
    "second_name": "Pub 587, More Than One Trade or Business",
    "carryover_operating": "Pub 587, Deduction Limit (carryover of unallowed expenses)",
    "carryover_excess": "Pub 587, Deduction Limit (carryover of unallowed expenses)",
    "deduction": "Pub 587, Actual Expenses (Deductible mortgage interest; Real estate taxes)",
    "filing_status": _TAXES,
    "state_local_income_or_sales_tax": _TAXES,
    "other_real_estate_taxes": _TAXES,  # the SALT question and the other home's taxes alike
    "personal_property_taxes": _TAXES,
    "magi": _TAXES,
    # Issue #13: the tax each method saves, and what stays on Schedule A.
    "tax_other_income": "Pub 587, Using the Simplified Method (what stays deductible on Schedule A)",
    "tax_w2_wages": "Pub 587, Where To Deduct (Schedule C profit and self-employment tax)",
    "tax_other_itemized": "Pub 587, Using the Simplified Method (what stays deductible on Schedule A)",
    "mortgage_loan_balance": "Pub 587, Actual Expenses (Deductible mortgage interest; Excess mortgage interest)",
    "mortgage_grandfathered": "Pub 587, Actual Expenses (Deductible mortgage interest; Excess mortgage interest)",
    "first_use_month": _DEPRECIATING,
    "first_use_year": _DEPRECIATING,
    "fmv_at_first_use": _DEPRECIATING,
    "land_value": _DEPRECIATING,
    "simplified_years": "Pub 587, Using the Simplified Method",
    "mortgage_interest_deductible": "Pub 587, Actual Expenses (Deductible mortgage interest)",
    "other": _ACTUAL,
    "moved": "Pub 587, Part-year use",
    "tentative_profit": _LIMIT,
    "internet_business_pct": "Pub 587, Telephone (by analogy: no IRS text names internet)",
    "second_gross_income": _LIMIT,
    "second_time_percentage": "Pub 587, More Than One Trade or Business",
    "share_by": "Pub 587, More Than One Trade or Business",
    "other_income": _LIMIT,
    "other_first_use_month": _DEPRECIATING,
    "other_first_use_year": _DEPRECIATING,
    "other_fmv": _DEPRECIATING,
    "other_land_value": _DEPRECIATING,
    "other_purchase_price": _DEPRECIATING,
    "other_mortgage_interest": "Pub 587, Actual Expenses (Deductible mortgage interest)",
    "other_total_area": "Pub 587, Business Percentage",
    "other_office_area": "Pub 587, Business Percentage",
    "other_other": _ACTUAL,
}


# Farmers and partners never file Form 8829: they figure each home on the Pub 587 worksheet (RULES.md §1.1, §2).
# What their questions say about "its own Form 8829" is said of the worksheet instead.
WORKSHEET_ROLES = ("farmer", "partner")
FOR_WORKSHEET = (
    (
        "From earlier Forms 8829, line 42 (or 41).",
        "From your earlier Pub 587 worksheets (depreciation allowable).",
    ),
    ("From earlier Forms 8829.", "From your earlier Pub 587 worksheets."),
    ("its own Form 8829", "its own Pub 587 worksheet"),
)


def for_worksheet(text: str) -> str:
    for old, new in FOR_WORKSHEET:
        text = text.replace(old, new)
    return text


# Said in the page's language when the message is shown (issue #18).
ANSWER_THIS_QUESTION = gettext_lazy("Answer this question")
CONTROL_CHARACTER_MESSAGE = "Remove the control characters (such as NUL) from this answer"


class RefuseControlCharacters:
    """NUL and other control characters in any field are refused with a message at that field, whatever the
    field's own checks (a number field might strip them as whitespace; PostgreSQL cannot store NUL): issue #14.
    """

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for name in self.fields:
            if has_control_characters(self[name].data):
                self._errors.pop(name, None)
                self.add_error(name, ValidationError(CONTROL_CHARACTER_MESSAGE, code="control_character"))


class StepForm(RefuseControlCharacters, forms.Form):
    """Base: hint/why metadata, storage conversion, error links for the summary."""

    # field name -> (why we ask, citation)
    why: dict[str, tuple[str, str]] = {}
    # field name -> message when a required answer is missing (default: "Answer this question")
    required_messages: dict[str, str] = {
        "business_description": "Describe the business or job in a few words",
        "gross_income": "Enter the business's gross income for the year (0 if none)",
        "office_area": "Enter the area of the space in square feet",
        "office_rooms": "Enter the number of rooms used for business",
        "purchase_price": "Enter the purchase price of the home",
        "land_value": "Enter the value of the land",
        "fmv_at_first_use": "Enter the fair market value when business use began",
        "first_use_month": "Choose the month you first used the home for business",
        "first_use_year": "Enter the year you first used the home for business, like 2019",
        "magi": "Enter your modified adjusted gross income",
        "name": "Enter a name for the return",
    }
    intro = ""
    # field name -> (the field on this step it depends on, test of that answer): a question that applies only
    # to some answers ("first month" only if not the whole year). The review page leaves it out otherwise.
    only_if: dict[str, tuple[str, Callable[[object], bool]]] = {}
    # (title, field names): questions shown together, folded unless one of them is filled in or has an error
    groups: list[tuple[str, tuple[str, ...]]] = []

    def __init__(self, *args, answers=None, tax_year=None, **kwargs):
        self.answers = answers or {}
        self.tax_year = tax_year
        super().__init__(*args, **kwargs)
        self.adjust_fields()
        if S.role(self.answers) in WORKSHEET_ROLES:
            self.intro = for_worksheet(self.intro)
            for field in self.fields.values():
                field.help_text = for_worksheet(str(field.help_text))
        for name, field in self.fields.items():
            if name in self.required_messages:
                field.error_messages["required"] = self.required_messages[name]
            elif field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
                field.error_messages["required"] = ANSWER_THIS_QUESTION
            why = self.why.get(name)
            field.why_text, field.why_cite = why if why else ("", "")
            if S.role(self.answers) in WORKSHEET_ROLES:
                field.why_text = for_worksheet(field.why_text)
            if field.why_cite and "Pub 587" not in field.why_cite and name in PUB587_SECTIONS:
                section = PUB587_SECTIONS[name]
                field.why_cite = section if field.why_cite == PUB else f"{field.why_cite}; {section}"
            if field.help_text and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"

    def full_clean(self):
        super().full_clean()
        if self.is_bound:
            self._drop_hidden_answers()
        # Point each invalid input at its message too (radio groups are described on their fieldset).
        for name in self.errors:
            if name in self.fields and not isinstance(self.fields[name].widget, forms.RadioSelect):
                ids = [
                    self.fields[name].widget.attrs.get("aria-describedby", ""),
                    f"{self[name].auto_id}-error",
                ]
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(i for i in ids if i)
                self.fields[name].widget.attrs["aria-invalid"] = "true"

    def adjust_fields(self):
        """Subclasses drop or require fields according to other steps' answers."""

    def reveals(self) -> dict[str, tuple[str, OneOf]]:
        """{question: (the question on this page that reveals it, OneOf values)}: GOV.UK conditional reveal."""
        return {
            name: (controller, rule)
            for name, (controller, rule) in self.only_if.items()
            if isinstance(rule, OneOf) and name in self.fields and controller in self.fields
        }

    def shown(self, name: str) -> bool:
        """Whether a question is shown now: not conditional, or its controlling answer (as posted, or as saved
        when the page is first shown) reveals it. Without JavaScript this is the whole mechanism."""
        reveal = self.reveals().get(name)
        if reveal is None:
            return True
        controller, rule = reveal
        bf = self[controller]
        raw = bf.data if self.is_bound else bf.value()
        return str(raw if raw is not None else "") in rule.texts()

    def _drop_hidden_answers(self):
        """A hidden question's answer is neither required nor kept (issue #14): whatever was posted for it
        (a stale value, a typo) is forgotten, and it is saved as not given."""
        for name, (controller, rule) in self.reveals().items():
            if rule(self.cleaned_data.get(controller)) or controller in self._errors:
                continue
            self._errors.pop(name, None)
            self.cleaned_data[name] = None

    def applies(self, name: str, stored: dict) -> bool:
        """Whether a question applies to the answers saved for this step (see only_if)."""
        rule = self.only_if.get(name)
        return rule is None or rule[1]((stored or {}).get(rule[0]))

    def a(self, step, field):
        return S.value(self.answers, step, field)

    def require(self, cleaned, *names, message=None):
        message = ANSWER_THIS_QUESTION if message is None else message
        for name in names:
            if name in self.fields and cleaned.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, message)

    # --- storage ---------------------------------------------------------------------------------
    def to_storage(self) -> dict:
        out = {}
        for name in self.fields:
            v = self.cleaned_data.get(name)
            if isinstance(v, Decimal):
                v = format(v, "f")
            elif v == "":
                v = None
            out[name] = v
        return out

    @staticmethod
    def to_text(v) -> str:
        if isinstance(v, list):  # the only list-valued answer: the depreciation history
            return HistoryField.to_text(v)
        if v is True:
            return "yes"
        if v is False:
            return "no"
        if v is None:
            return ""
        return str(v)

    @classmethod
    def initial_from_storage(cls, stored: dict) -> dict:
        return {k: cls.to_text(v) for k, v in (stored or {}).items()}

    def data_from_storage(self, stored: dict) -> dict:
        """POST-like data for re-validating saved answers against the current form."""
        return {self.add_prefix(k): self.to_text(v) for k, v in (stored or {}).items()}

    def display(self, name, stored_value) -> str:
        """How a saved answer reads on the review page."""
        field = self.fields[name]
        if stored_value in (None, ""):
            return "Not given"
        if isinstance(field, HistoryField):
            return "; ".join(field.describe(stored_value)) or "Not given"
        if isinstance(field, YesNoField):
            return "Yes" if stored_value else "No"
        if isinstance(field, MoneyField):
            d = Decimal(str(stored_value))
            sign = "-" if d < 0 else ""
            return f"{sign}${abs(d):,.2f}"
        if isinstance(field, PercentField):
            return f"{stored_value}%"
        if isinstance(field, AreaField):
            return f"{Decimal(str(stored_value)):,} sq ft"
        if isinstance(field, forms.ChoiceField):
            return {str(k): v for k, v in field.choices}.get(str(stored_value), str(stored_value))
        return str(stored_value)

    def error_links(self):
        """(anchor id, label, message) for the error summary; radios link to their first option."""
        links = [
            (None, "", str(e), self.error_code(None, e)) for e in self.errors.as_data().get("__all__", [])
        ]
        for name, errs in self.errors.as_data().items():
            if name == forms.forms.NON_FIELD_ERRORS:
                continue
            bf = self[name]
            anchor = bf.auto_id
            if isinstance(bf.field.widget, forms.RadioSelect):
                anchor = f"{anchor}_0"
            elif bf.is_hidden:  # a record carried from earlier returns: link to the block that shows it
                anchor = f"{anchor}-field"
            for e in errs:
                links.append((anchor, bf.label, " ".join(e.messages), self.error_code(name, e)))
        return links

    def error_code(self, name, error) -> str:
        """A stable code for an error: page.question.kind, e.g. "income.gross_income.required" (support and
        tests can name an error without quoting its wording). Kinds are the validators' codes; checks written
        as plain messages are "check"."""
        return ".".join([self.prefix or "form", name or "page", getattr(error, "code", None) or "check"])

    def error_codes(self, name) -> list[str]:
        return [self.error_code(name, e) for e in self.errors.as_data().get(name, [])]


# --- 1. You and your work ---------------------------------------------------------------------------
# The pages whose questions are rows of interview/questions.py (the question table) declare only what is not
# wording: the intro, and cross-field rules or per-year adjustments as code.
class WorkForm(StepForm):
    intro = "Tell us about the work you do in the space. One return covers one business."

    def adjust_fields(self):
        if "taxpayer_name" in self.fields:  # WCAG 1.3.5: the browser may offer the person's name
            self.fields["taxpayer_name"].widget.attrs["autocomplete"] = "name"


class EmployeeForm(StepForm):
    def adjust_fields(self):
        # The law of the year: suspended for 2018-2025 (§67(g)), ended from 2026 (§67(h)).
        law = ET.EMPLOYEE_67H if self.tax_year and self.tax_year >= 2026 else ET.EMPLOYEE_67G
        text, _cite = self.why["employee_category"]
        self.why = {
            **self.why,
            "employee_category": (text, f"{law}; Pub 587, Additional Tests for Employee Use"),
        }


class IncomeForm(StepForm):
    intro = (
        "The deduction for business use of the home cannot be more than the business's income after its other "
        "expenses, so we need these figures."
    )
    gross_income = MoneyField(
        label="Gross income of the business for the year",
        required=True,
        help_text="Schedule C line 7, or your farm's gross income (Schedule F). Partners: your share of the "
        "partnership's gross income from the business. For example 85,000.",
    )
    expenses_not_from_home = MoneyField(
        label="Business expenses not related to the home",
        help_text="Supplies, advertising, equipment, wages… Leave out internet and a second phone line; "
        "they come later. Leave blank if none.",
    )
    tentative_profit = MoneyField(
        label="Schedule C line 29 (tentative profit), if you already have it",
        allow_negative=True,
        help_text="Optional. If given, it is used instead of income minus expenses, and must already include "
        "internet and phone. A loss is written with a minus sign, like -1,200.",
    )
    why = {
        "gross_income": (
            "The deduction is limited to the gross income from the business use of the home minus the "
            "business's other expenses.",
            "IRC §280A(c)(5); Pub 587, Deduction Limit; Form 8829 line 8",
        ),
        "expenses_not_from_home": ("They reduce the income limit.", "Pub 587, Deduction Limit"),
        "tentative_profit": (
            "Form 8829 line 8 starts from Schedule C line 29.",
            "Form 8829 instructions, line 8",
        ),
    }

    def adjust_fields(self):
        if self.a("work", "role") not in ("self_employed", "statutory_employee"):
            del self.fields["tentative_profit"]


# --- 2. How the space is used -----------------------------------------------------------------------
class SpaceForm(StepForm):
    def adjust_fields(self):
        if S.is_employee(self.answers):
            del self.fields["also_used_for_employee_work"]


class OtherJobForm(StepForm):
    intro = "You said you also use this space for a W-2 job. That use must pass the employee tests."


class StorageForm(StepForm):
    intro = "A storage space can qualify without exclusive use if all of these are true."


class DaycareForm(StepForm):
    pass


class PlaceForm(StepForm):
    intro = "A space qualifies if it is your principal place of business, where you meet clients, or a separate structure."

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("admin_management_at_home") is True:
            self.require(cleaned, "substantial_admin_at_other_fixed_location", message="Select yes or no")
        return cleaned


# --- The question table's pages (interview/questions.py) ---------------------------------------------
_KINDS = {
    Q.YES_NO: YesNoField,
    Q.CHOICE: RadioChoiceField,
    Q.TEXT: forms.CharField,
    Q.AREA: AreaField,
    Q.WHOLE: WholeNumberField,
    Q.MONTH_OF_YEAR: MonthField,
}


def field_for(q: Q.Question) -> forms.Field:
    """The form field of one row of the question table."""
    kwargs = {"label": q.label, "help_text": q.hint, "required": q.required, **q.options}
    if q.kind == Q.CHOICE:
        kwargs["choices"] = list(q.choices)
    made = _KINDS[q.kind](**kwargs)
    made.review_label = q.review_label or q.label
    return made


def install_table_page(form_class: type[StepForm], page: str) -> None:
    """Give a page's form its questions from the table: fields in table order, "Why we ask", and reveals."""
    rows = Q.on_page(page)
    fields = {q.key: field_for(q) for q in rows}
    form_class.base_fields = {**fields, **form_class.base_fields}
    form_class.declared_fields = {**fields, **form_class.declared_fields}
    form_class.why = {**{q.key: (q.why, q.cite) for q in rows if q.why}, **form_class.why}
    form_class.only_if = {
        **{q.key: (q.shown_if[0], OneOf(*q.shown_if[1])) for q in rows if q.shown_if},
        **form_class.only_if,
    }


for _page, _form_class in {
    "work": WorkForm,
    "employee": EmployeeForm,
    "space": SpaceForm,
    "other_job": OtherJobForm,
    "storage": StorageForm,
    "daycare": DaycareForm,
    "place": PlaceForm,
}.items():
    install_table_page(_form_class, _page)


# --- 3. The home ------------------------------------------------------------------------------------
class HomeForm(StepForm):
    """The questions are rows of the question table (interview/questions.py); the rules between them stay here."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("moved") is not True and cleaned.get("other_home_for_business") is True:
            self.add_error("other_home_for_business", "Answer this only if you moved during the year")
        if cleaned.get("measure") == "sqft":
            self.require(cleaned, "total_area", message="Enter the total area of the home in square feet")
        elif cleaned.get("measure") == "rooms":
            self.require(cleaned, "total_rooms", message="Enter the number of rooms in the home")
        if cleaned.get("moved") is True and cleaned.get("whole_year") is True:
            self.add_error(
                "whole_year",
                "You moved during the year, so you used this home for only part of it: answer no and give the months",
            )
        if cleaned.get("whole_year") is False:
            self.require(cleaned, "first_month", "last_month", message="Choose a month")
            first, last = cleaned.get("first_month"), cleaned.get("last_month")
            if first and last and last < first:
                self.add_error("last_month", "The last month cannot be before the first month")
        return cleaned


# --- 4. The office ----------------------------------------------------------------------------------
class OfficeForm(StepForm):
    office_area = AreaField(
        label="Area of the space you use for business, in square feet",
        required=True,
        help_text="Measure only the part used for business. For example 200.",
    )
    office_rooms = WholeNumberField(
        label="Number of rooms used for business",
        min_value=1,
        max_value=500,
        required=False,
        help_text="Usually 1.",
    )
    office_whole_period = YesNoField(
        label="Did you use this space for business for the whole time you used the home for business?",
        help_text="Answer no if you set up the office later in the year or stopped using it earlier.",
    )
    office_first_month = MonthField(
        label="First month you used the space", help_text="Only if not the whole time."
    )
    office_last_month = MonthField(
        label="Last month you used the space", help_text="Only if not the whole time."
    )
    shared = YesNoField(
        label="Does another person also use part of this space for their own business?",
        help_text="For example, your spouse runs a different business from the same room.",
    )
    shared_area = AreaField(label="Square feet used by both of you", help_text="Only if shared.")
    shared_percentage = PercentField(
        label="Your share of that shared area, in percent",
        help_text="Only if shared. Leave blank to split it equally (50%).",
    )
    another_business = YesNoField(
        label="Do you also use this space for another business of your own?",
        required=False,
        help_text="Leave blank if not. If you do, we ask about it next.",
    )
    why = {
        "office_area": (
            "Form 8829 line 1; the simplified method uses up to 300 square feet.",
            "Pub 587, Business Percentage",
        ),
        "office_rooms": ("Used for the rooms method.", "Pub 587, Business Percentage"),
        "office_whole_period": ("Part-year use counts only the months used.", "Pub 587, Part-year use"),
        "office_first_month": ("Part-year use counts only the months used.", "Pub 587, Part-year use"),
        "office_last_month": ("Part-year use counts only the months used.", "Pub 587, Part-year use"),
        "shared": (
            "Each person counts only their share of a shared area.",
            "Pub 587, Shared use (Kristin and Lindsey)",
        ),
        "shared_area": ("Each person counts only their share.", "Pub 587, Shared use"),
        "shared_percentage": ("Each person counts only their share.", "Pub 587, Shared use"),
        "another_business": (
            "Each business use of the space is tested, and the deduction is split between them.",
            "Pub 587, More Than One Trade or Business",
        ),
    }

    only_if = {
        "office_first_month": ("office_whole_period", _is(False)),
        "office_last_month": ("office_whole_period", _is(False)),
        "shared_area": ("shared", _is(True)),
        "shared_percentage": ("shared", _is(True)),
    }

    def adjust_fields(self):
        if S.uses_rooms(self.answers):
            self.fields["office_rooms"].required = True
            self.fields[
                "office_area"
            ].help_text = (
                "We still need square feet for the simplified method ($5 per square foot). For example 200."
            )
        else:
            del self.fields["office_rooms"]

    def clean(self):
        cleaned = super().clean()
        area = cleaned.get("office_area")
        total = self.a("home", "total_area")
        if area is not None and not S.uses_rooms(self.answers) and total and area > Decimal(str(total)):
            self.add_error(
                "office_area",
                f"The space cannot be larger than the whole home ({Decimal(str(total)):,} sq ft)",
            )
        rooms, total_rooms = cleaned.get("office_rooms"), self.a("home", "total_rooms")
        if rooms and total_rooms and S.uses_rooms(self.answers) and rooms > total_rooms:
            self.add_error("office_rooms", f"This cannot be more than the rooms in the home ({total_rooms})")
        if cleaned.get("office_whole_period") is False:
            self.require(cleaned, "office_first_month", "office_last_month", message="Choose a month")
            first, last = cleaned.get("office_first_month"), cleaned.get("office_last_month")
            if first and last:
                if last < first:
                    self.add_error("office_last_month", "The last month cannot be before the first month")
                elif S.home_part_year(self.answers):
                    hf, hl = self.a("home", "first_month"), self.a("home", "last_month")
                    if hf and hl and (first < hf or last > hl):
                        self.add_error(
                            "office_first_month",
                            "The months must be within the months you used the home for business",
                        )
        if cleaned.get("shared") is True:
            self.require(cleaned, "shared_area", message="Enter the shared area in square feet")
            shared = cleaned.get("shared_area")
            if shared is not None and area is not None and shared > area:
                self.add_error("shared_area", "The shared area cannot be larger than the space")
        return cleaned


class DaycareHoursForm(StepForm):
    intro = (
        "Because the daycare space is also used for personal purposes, the deduction is limited to the share "
        "of hours it is used for daycare. Give either the total hours, or days and hours per day."
    )
    hours_used = DecimalQuantityField(
        label="Total hours the space was used for daycare during the year",
        max_value=Decimal(8784),
        help_text="Include time for preparing and cleaning up. For example 3,400. Leave blank to use days × hours below.",
    )
    days_used = WholeNumberField(
        label="Days used for daycare", min_value=1, max_value=366, help_text="For example 250."
    )
    hours_per_day = DecimalQuantityField(
        label="Hours per day", max_value=Decimal(24), help_text="For example 12."
    )
    why = {
        "hours_used": ("Form 8829 line 4.", "Pub 587, Daycare Facility; Form 8829 lines 4-6"),
        "days_used": ("Form 8829 line 4 = days × hours.", "Pub 587, Daycare Facility"),
        "hours_per_day": ("Form 8829 line 4 = days × hours.", "Pub 587, Daycare Facility"),
    }

    only_if = {"days_used": ("hours_used", _blank), "hours_per_day": ("hours_used", _blank)}

    def clean(self):
        cleaned = super().clean()
        no_days = cleaned.get("days_used") is None or cleaned.get("hours_per_day") is None
        if cleaned.get("hours_used") is None and not self.errors and no_days:
            self.require(cleaned, "hours_used", message="Enter the total hours, or days and hours per day")
        return cleaned


# --- 5. Expenses ------------------------------------------------------------------------------------
# Daycare area not used exclusively: the direct-expense questions are asked about the daycare area, and the
# case sends them as `direct_daycare` (the engine multiplies them by line 6; Pub 587, Mary Lake).
DAYCARE_DIRECT_INTRO = (
    "Your daycare area is also used by your family, so a direct expense for it (painting the playroom) counts "
    "only for the share of hours it is used for daycare; we multiply it for you."
)
DAYCARE_DIRECT = {
    "utilities_direct": (
        "Utilities only for the daycare area (direct)",
        "Rare; for example a separate meter for the daycare area. Enter the whole amount.",
    ),
    "repairs_direct": (
        "Repairs only to the daycare area (direct)",
        "For example painting the playroom. Enter the whole amount; we apply your share of daycare hours.",
    ),
    "other_direct": (
        "Other expenses only for the daycare area (direct)",
        "For example cleaning only the daycare area. Enter the whole amount.",
    ),
}
DAYCARE_DIRECT_WHY = (
    "The daycare area is also used for personal purposes, so its direct expenses are multiplied by the share "
    "of hours it is used for daycare (Form 8829 line 6) before they go in column (a). Pub 587's example: "
    "painting a basement used for daycare 34.25% of the hours, $500 x 34.25% = $171.",
    "Pub 587, Daycare Facility (Mary Lake); Form 8829 line 6",
)


class ExpensesForm(StepForm):
    intro = (
        "Enter amounts for the period you used the home for business. Direct expenses benefit only the business "
        "part (painting the office). Indirect expenses are for the whole home (the electricity bill). "
        "Leave blank what does not apply."
    )
    mortgage_interest = MoneyField(
        label="Mortgage interest for the whole home", help_text="From Form 1098. For example 12,000."
    )
    mortgage_interest_deductible = MoneyField(
        label="Part of the mortgage interest deductible on Schedule A",
        help_text="Only if your mortgage is over $750,000 ($375,000 if married filing separately; the Pub 936 "
        "limit for debt taken out after December 15, 2017). Leave blank if all of it is.",
    )
    real_estate_taxes = MoneyField(
        label="Real estate taxes for the whole home", help_text="For example 6,000."
    )
    rent = MoneyField(label="Rent paid for the whole home", help_text="For example 24,000, or 2,000 a month.")
    rent_per = PeriodField(default=YEAR)
    insurance = MoneyField(
        label="Homeowner's or renter's insurance (indirect)", help_text="For example 1,200."
    )
    utilities = MoneyField(
        label="Utilities for the whole home (indirect)", help_text="Electricity, gas, water, trash."
    )
    utilities_per = PeriodField(default=YEAR)
    utilities_direct = MoneyField(
        label="Utilities only for the business space (direct)",
        help_text="Rare; for example a separate meter.",
    )
    repairs = MoneyField(
        label="Repairs and maintenance for the whole home (indirect)",
        help_text="For example furnace repair, roof patch.",
    )
    repairs_direct = MoneyField(
        label="Repairs only to the business space (direct)", help_text="For example painting the office."
    )
    security = MoneyField(
        label="Security system monitoring and maintenance (indirect)",
        help_text="The whole home's monitoring fee.",
    )
    other = MoneyField(
        label="Other expenses for the whole home (indirect)", help_text="For example HOA dues, cleaning."
    )
    other_direct = MoneyField(
        label="Other expenses only for the business space (direct)",
        help_text="For example cleaning only the office.",
    )
    casualty_loss = MoneyField(
        label="Casualty loss on the home from a federally declared disaster (whole home)",
        help_text="Optional. Since 2018 a personal casualty loss counts only if it comes from a federally "
        "declared disaster. The loss on the whole home from Form 4684 (figured as if all personal), only if "
        "it happened while you used the home for business. Leave blank if none.",
    )
    casualty_loss_excess = MoneyField(
        label="Business part of other casualty losses on the home",
        help_text="Optional. Losses not in the question above (for example a storm that was not a federally "
        "declared disaster): a loss to the business space alone in full, a loss to the whole home times "
        "your business percentage; only if it happened while you used the home for business. Leave blank "
        "if none.",
    )
    expenses_cover = RadioChoiceField(
        label="Do these amounts cover only the months you used the home for business, or the whole year?",
        choices=[("business_period", "Only the business months"), ("full_year", "The whole year")],
        required=False,
        help_text="Only asked because you used the home for business for part of the year.",
    )
    why = {
        "mortgage_interest": (
            "Deductible interest goes on Form 8829 line 10 or 16.",
            "Pub 587, Actual Expenses; Form 8829 lines 10, 16",
        ),
        "mortgage_interest_deductible": (
            "Interest above the Pub 936 limit moves to line 16.",
            "Pub 936; Form 8829 line 16",
        ),
        "real_estate_taxes": ("Form 8829 line 11 or 17.", "Pub 587, Actual Expenses; Form 8829 lines 11, 17"),
        "rent": ("Form 8829 line 19.", "Pub 587, Rent"),
        "insurance": ("Form 8829 line 18.", "Pub 587, Insurance"),
        "utilities": ("Form 8829 line 21.", "Pub 587, Utilities and services"),
        "utilities_direct": ("Direct expenses are deducted in full (column a).", "Pub 587, Direct expenses"),
        "repairs": ("Form 8829 line 20.", "Pub 587, Repairs"),
        "repairs_direct": ("Direct expenses are deducted in full (column a).", "Pub 587, Direct expenses"),
        "security": (
            "Monitoring and maintenance of a security system are indirect expenses.",
            "Pub 587, Security system",
        ),
        "other": ("Form 8829 line 22.", "Form 8829 line 22"),
        "other_direct": ("Direct expenses are deducted in full (column a).", "Pub 587, Direct expenses"),
        "expenses_cover": ("Only the business-use period counts.", "Pub 587, Part-year use"),
        "casualty_loss": (
            "The business part of a casualty loss you could deduct on Schedule A anyway is allowed in full "
            "(Form 8829 line 9). From 2018 that is only a loss from a federally declared disaster; if you take "
            "the standard deduction, it moves to line 29 instead. The casualty part of the deduction goes to "
            "Form 4684 (line 35), not Schedule C.",
            "Pub 587, Casualty losses; Form 8829 lines 9, 29, 35; IRC §165(h)(5)",
        ),
        "casualty_loss_excess": (
            "Casualty losses beyond line 9 count on line 29, after operating expenses and before depreciation, "
            "within the income limit; what is allowed is reported on Form 4684 (line 35).",
            "Pub 587, Casualty losses; Form 8829 lines 29, 35",
        ),
    }

    def adjust_fields(self):
        if S.needs_daycare_hours(self.answers):
            # A daycare area also used personally: its direct expenses count only for the share of hours it
            # is used for daycare (Form 8829 line 6). The same questions, asked about the daycare area.
            self.intro = self.intro + " " + DAYCARE_DIRECT_INTRO
            self.why = {**self.why, **dict.fromkeys(DAYCARE_DIRECT, DAYCARE_DIRECT_WHY)}
            for name, (label, hint) in DAYCARE_DIRECT.items():
                if name in self.fields:
                    self.fields[name].label, self.fields[name].help_text = label, hint
        if S.is_owner(self.answers):
            del self.fields["rent"]
        else:
            for name in ("mortgage_interest", "mortgage_interest_deductible", "real_estate_taxes"):
                del self.fields[name]
        if S.home_part_year(self.answers):
            self.fields["expenses_cover"].required = True
        else:
            del self.fields["expenses_cover"]

    def clean(self):
        cleaned = super().clean()
        paid, deductible = cleaned.get("mortgage_interest"), cleaned.get("mortgage_interest_deductible")
        if deductible is not None and (paid is None or deductible > paid):
            self.add_error(
                "mortgage_interest_deductible", "This cannot be more than the mortgage interest paid"
            )
        return cleaned


class PhoneInternetForm(StepForm):
    intro = (
        "Internet and a second phone line are business expenses on Schedule C line 25 at the business-use "
        "share, not part of the home office (Form 8829)."
    )
    internet_monthly = MoneyField(
        label="Internet: cost", help_text="For example 80 a month, or 960 a year. Leave blank if none."
    )
    internet_monthly_per = PeriodField(default=MONTH)
    internet_business_pct = PercentField(
        label="Internet: percentage of use for business", help_text="A reasonable estimate, for example 50."
    )
    phone_monthly = MoneyField(
        label="Second phone line used for business: monthly cost",
        help_text="Not your first home landline (its basic service is personal). Leave blank if none.",
    )
    phone_business_pct = PercentField(
        label="Second phone line: percentage of use for business", help_text="For example 100."
    )
    why = {
        "internet_monthly": (
            'There is no fixed "$1,400 internet deduction". The business share of internet is an ordinary business '
            "expense with no dollar cap.",
            "IRC §162; IRC §67(g)/(h); Pub 587, Business Furniture and Equipment — telephone",
        ),
        "internet_business_pct": ("Only the business share is deductible.", "IRC §162"),
        "phone_monthly": (
            "The first landline's basic service is personal; a second business line is deductible on line 25.",
            "Pub 587, Telephone",
        ),
        "phone_business_pct": ("Only the business share is deductible.", "Pub 587, Telephone"),
    }

    def adjust_fields(self):
        role = self.a("work", "role")
        if role in ("farmer", "partner"):
            # Not Schedule C: the engine reports them as an expense of the farm or the partnership, never on the
            # Pub 587 worksheet (engine/result.py, _internet_expenses).
            where = "of the farm (Schedule F)" if role == "farmer" else "of the partnership's business"
            self.intro = (
                f"Internet and a second phone line are business expenses {where} at the business-use share, "
                "not part of the home office worksheet."
            )
            self.why = {
                **self.why,
                "phone_monthly": (
                    "The first landline's basic service is personal; a second business line is a business "
                    "expense, not part of the home office.",
                    "Pub 587, Telephone",
                ),
            }

    only_if = {
        "internet_business_pct": ("internet_monthly", _given),
        "phone_business_pct": ("phone_monthly", _given),
    }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("internet_monthly"):
            self.require(cleaned, "internet_business_pct", message="Enter the business-use percentage")
        if cleaned.get("phone_monthly"):
            self.require(cleaned, "phone_business_pct", message="Enter the business-use percentage")
        return cleaned


# --- 6. Owners --------------------------------------------------------------------------------------
class DepreciationForm(StepForm):
    intro = "Owners depreciate the business part of the home's building (not the land) over 39 years."
    purchase_price = MoneyField(
        label="Purchase price of the home (including land)", required=True, help_text="For example 350,000."
    )
    improvements_before = MoneyField(
        label="Improvements made before you first used the home for business",
        help_text="A new roof, an addition… (not repairs). Leave blank if none.",
    )
    land_value = MoneyField(
        label="Value of the land", required=True, help_text="From your purchase papers or tax assessment."
    )
    fmv_at_first_use = MoneyField(
        label="Fair market value of the home (including land) when you first used it for business",
        required=True,
        help_text="What it would have sold for then; an appraisal or your tax assessment can help.",
    )
    first_use_month = MonthField(
        label="Month you first used the home for business",
        required=True,
        help_text="The first year's depreciation depends on the month.",
    )
    first_use_year = WholeNumberField(
        label="Year you first used the home for business",
        min_value=1993,
        max_value=2100,
        required=True,
        help_text="For example 2019.",
    )
    depreciation_claimed = MoneyField(
        label="Depreciation of the home already claimed in earlier years",
        help_text="From earlier Forms 8829, line 42 (or 41). Leave blank if none or unknown.",
    )
    depreciation_history = HistoryField(
        label="Depreciation by year from your earlier returns here",
        help_text="Carried from last year's return when you started this year from it. To change it, change "
        "last year's return and start this year from it again.",
    )
    simplified_years = forms.CharField(
        label="Years you used the simplified method since then",
        required=False,
        max_length=200,
        help_text="Separate years with commas, for example 2022, 2023. Leave blank if none.",
    )
    improvement_description = forms.CharField(
        label="Improvement made after business use began: description",
        required=False,
        max_length=80,
        help_text="For example: new roof. Leave blank if none.",
    )
    improvement_cost = MoneyField(label="Its cost", help_text="For example 15,000.")
    improvement_month = MonthField(
        label="Month it was placed in service", help_text="When it was finished and in use."
    )
    improvement_year = WholeNumberField(
        label="Year it was placed in service", min_value=1993, max_value=2100, help_text="For example 2024."
    )
    why = {
        "purchase_price": (
            "The basis starts from the cost.",
            "Pub 587, Depreciating Your Home; Form 8829 line 37",
        ),
        "improvements_before": (
            "Improvements before business use are part of the basis.",
            "Pub 587, Basis adjustments",
        ),
        "land_value": ("Land is not depreciated.", "Form 8829 line 38"),
        "fmv_at_first_use": (
            "Depreciation uses the smaller of basis and fair market value.",
            "Form 8829 line 37",
        ),
        "first_use_month": (
            "The first year's rate depends on the month.",
            "Pub 946 Table A-7a; Form 8829 line 41",
        ),
        "first_use_year": (
            "The first year's rate depends on the month.",
            "Pub 946 Table A-7a; Form 8829 line 41",
        ),
        "depreciation_claimed": ("Keeps the record of depreciation allowed.", "Pub 587, Depreciation"),
        "depreciation_history": (
            "Depreciation allowed or allowable reduces the home's basis, and on a sale it is taxed as "
            "unrecaptured section 1250 gain; keeping each year's method, business percentage and depreciation "
            "lets the ledger show what was deducted when.",
            "Pub 587, Depreciating Your Home and Sale or Exchange of Your Home; Pub 523",
        ),
        "simplified_years": ("Depreciation is zero in simplified-method years.", "Rev. Proc. 2013-13"),
        "improvement_description": (
            "Later improvements are depreciated separately.",
            "Pub 587, Improvements",
        ),
        "improvement_cost": ("Later improvements are depreciated separately.", "Pub 587, Improvements"),
        "improvement_month": ("Later improvements are depreciated separately.", "Pub 587, Improvements"),
        "improvement_year": ("Later improvements are depreciated separately.", "Pub 587, Improvements"),
    }

    def clean_simplified_years(self):
        text = self.cleaned_data.get("simplified_years", "").strip()
        if not text:
            return None
        years = []
        for part in text.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not (len(part) == 4 and part.isascii() and part.isdigit()):
                raise ValidationError("Write years as four digits separated by commas, like 2022, 2023")
            y = int(part)
            if self.tax_year and not (1993 <= y < self.tax_year):
                raise ValidationError(f"Each year must be before {self.tax_year}")
            years.append(y)
        return ", ".join(str(y) for y in sorted(set(years))) or None

    def clean(self):
        cleaned = super().clean()
        year, month = cleaned.get("first_use_year"), cleaned.get("first_use_month")
        if year and month:
            if (year, month) < (1993, 5):
                self.add_error(
                    "first_use_year",
                    "Before May 1993 a home is depreciated differently (see Pub 946); we can't compute it",
                )
            elif self.tax_year and year > self.tax_year:
                self.add_error("first_use_year", f"This cannot be after the tax year {self.tax_year}")
            elif year == self.tax_year and month != self._first_month_used_this_year():
                # A first use in July of a home "used for business all year" would give the simplified method
                # and Part II months that never happened (and depreciation for months that did not).
                start = calendar.month_name[self._first_month_used_this_year()]
                self.add_error(
                    "first_use_month",
                    f"Your earlier answers say business use began in {start} {year}. Choose {start}, or go back "
                    "and change the months you used the home or the space.",
                )
        land, price, fmv = (
            cleaned.get("land_value"),
            cleaned.get("purchase_price"),
            cleaned.get("fmv_at_first_use"),
        )
        if land is not None and price is not None and fmv is not None:
            basis = price + (cleaned.get("improvements_before") or 0)
            if land > min(basis, fmv):
                self.add_error("land_value", "The land cannot be worth more than the home including land")
        history = cleaned.get("depreciation_history") or []
        if history and self.tax_year and history[-1]["year"] >= self.tax_year:
            self.add_error("depreciation_history", HistoryField.default_error_messages["invalid"])
        elif history and year and history[0]["year"] < year:
            self.add_error(
                "first_use_year",
                f"Your depreciation record from earlier returns starts in {history[0]['year']}: business use "
                "began in that year or earlier",
            )
        for description, cost, month_name, year_name in IMPROVEMENT_ROWS:
            self._clean_improvement(cleaned, description, cost, month_name, year_name, (year, month))
        return cleaned

    def _first_month_used_this_year(self) -> int:
        """The first month of business use in the tax year by the home and office answers (1: all year)."""
        if self.a("office", "office_whole_period") is False and self.a("office", "office_first_month"):
            return int(self.a("office", "office_first_month"))
        if S.home_part_year(self.answers) and self.a("home", "first_month"):
            return int(self.a("home", "first_month"))
        return 1

    def _clean_improvement(self, cleaned, description, cost, month_name, year_name, first_use):
        """One improvement row: all of cost, month and year once any of the row is given; after first use,
        not after the tax year."""
        if not (
            cleaned.get(description) or any(cleaned.get(n) is not None for n in (cost, month_name, year_name))
        ):
            return
        self.require(cleaned, cost, month_name, year_name, message="Needed for the improvement")
        iy, im = cleaned.get(year_name), cleaned.get(month_name)
        if year_name in self.errors or not iy:
            return
        if self.tax_year and iy > self.tax_year:
            self.add_error(year_name, f"This cannot be after the tax year {self.tax_year}")
        elif im and all(first_use) and (iy, im) <= first_use:
            self.add_error(year_name, "Improvements before business use began belong in the earlier question")


# Improvements placed in service after business use began: up to five rows, no JavaScript needed. Row 1 keeps
# its original field names (saved answers stay valid); rows 2-5 are shown folded unless filled in.
IMPROVEMENT_ROW_COUNT = 5
IMPROVEMENT_ROWS = [("improvement_description", "improvement_cost", "improvement_month", "improvement_year")]
_IMPROVEMENT_WHY = (
    "Improvements made after business use began are depreciated separately, each from the month it was "
    "placed in service, and listed in the statement attached for Form 8829 line 42.",
    "Pub 587, Improvements; Form 8829 line 42",
)
DepreciationForm.groups = []
for _n in range(2, IMPROVEMENT_ROW_COUNT + 1):
    _names = tuple(f"improvement{_n}_{part}" for part in ("description", "cost", "month", "year"))
    _fields = (
        forms.CharField(
            label=f"Improvement {_n}: description",
            required=False,
            max_length=80,
            help_text="For example: new furnace. Leave blank if none.",
        ),
        MoneyField(label=f"Improvement {_n}: cost", help_text="For example 6,000."),
        MonthField(
            label=f"Improvement {_n}: month placed in service", help_text="When it was finished and in use."
        ),
        WholeNumberField(
            label=f"Improvement {_n}: year placed in service",
            min_value=1993,
            max_value=2100,
            help_text="For example 2025.",
        ),
    )
    for _name, _field in zip(_names, _fields, strict=True):
        DepreciationForm.base_fields[_name] = DepreciationForm.declared_fields[_name] = _field
    IMPROVEMENT_ROWS.append(_names)
    DepreciationForm.groups.append((f"Another improvement ({_n} of {IMPROVEMENT_ROW_COUNT})", _names))
DepreciationForm.why = {
    **DepreciationForm.why,
    **{name: _IMPROVEMENT_WHY for row in IMPROVEMENT_ROWS for name in row},
}


# --- 7. Carryovers and deduction --------------------------------------------------------------------
class CarryoversForm(StepForm):
    intro = "If last year's deduction was limited by your income, the rest carries over. Leave blank if none."
    carryover_operating = MoneyField(
        label="Operating expenses carried over (last year's Form 8829 line 43)", help_text="For example 250."
    )
    carryover_excess = MoneyField(
        label="Excess casualty losses and depreciation carried over (last year's Form 8829 line 44)",
        help_text="For example 100.",
    )
    why = {
        "carryover_operating": ("They are added to this year's Form 8829 line 25.", "Form 8829 lines 25, 43"),
        "carryover_excess": ("They are added to this year's Form 8829 line 31.", "Form 8829 lines 31, 44"),
    }

    def adjust_fields(self):
        if self.a("work", "role") in ("farmer", "partner"):
            # Farmers and partners figure the deduction on the Pub 587 worksheet, not Form 8829 (RULES.md §2).
            # No line numbers: the 2018+ worksheet's numbering is not verified (RULES.md §2).
            labels = {
                "carryover_operating": "Operating expenses carried over",
                "carryover_excess": "Excess casualty losses and depreciation carried over",
            }
            for name, label in labels.items():
                self.fields[name].label = f"{label} (from last year's Pub 587 worksheet)"
            self.why = {
                "carryover_operating": (
                    "They are added to this year's operating expenses on the Pub 587 worksheet.",
                    "Pub 587, Worksheet To Figure the Deduction (carryover of unallowed expenses)",
                ),
                "carryover_excess": (
                    "They are added to this year's excess casualty losses and depreciation on the Pub 587 "
                    "worksheet.",
                    "Pub 587, Worksheet To Figure the Deduction (carryover of unallowed expenses)",
                ),
            }


FILING_STATUS_CHOICES = [
    ("single", "Single"),
    ("married_joint", "Married filing jointly"),
    ("married_separate", "Married filing separately"),
    ("head_of_household", "Head of household"),
    ("qualifying_surviving_spouse", "Qualifying surviving spouse"),
]


class DeductionForm(StepForm):
    filing_status = RadioChoiceField(
        label="Your filing status", choices=FILING_STATUS_CHOICES, help_text="As on your Form 1040."
    )
    deduction = RadioChoiceField(
        label="Will you itemize deductions or take the standard deduction?",
        choices=[("itemize", "Itemize (Schedule A)"), ("standard", "Standard deduction")],
        help_text="If you are not sure, choose the standard deduction; most people take it.",
    )
    why = {
        "filing_status": (
            "Decides the state and local tax cap.",
            "IRC §164(b)(6)-(7); Form 8829 line 11 worksheet",
        ),
        "deduction": (
            "It decides where mortgage interest and real estate taxes go on Form 8829 (lines 10-11 or 16-17).",
            "Form 8829 instructions, lines 10, 11, 16, 17",
        ),
        # Issue #13: optional answers that sharpen the estimate of the tax each method saves.
        "tax_other_income": (
            "Places your income on the rate schedule, so the estimate knows what a deduction is worth.",
            "IRC §1 rate schedules; Form 1040 line 11",
        ),
        "tax_w2_wages": (
            "Wages use up the Social Security wage base before self-employment income does.",
            "Schedule SE, lines 8a-10",
        ),
        "tax_other_itemized": (
            "With the Schedule A total, shows whether itemizing beats the standard deduction.",
            "Schedule A",
        ),
    }
    tax_other_income = MoneyField(
        label="Other taxable income this year (optional estimate)",
        allow_negative=True,
        help_text="Wages, interest, a spouse's income on a joint return — everything except this business. "
        "Only used to estimate the tax each method saves.",
    )
    tax_w2_wages = MoneyField(
        label="W-2 wages (optional)",
        help_text="Social Security wages (Form W-2 box 3), yours on the return. Leave blank if none.",
    )
    tax_other_itemized = MoneyField(
        label="Other itemized deductions (optional, itemizers)",
        help_text="Gifts to charity, medical expenses above the floor — not the home's mortgage interest or taxes.",
    )


# Mortgage interest at or above this share of the debt limit could come from debt above the limit (a 2 %
# rate); below it the loan cannot be over the limit at any realistic rate, so the balance is not asked.
LOAN_BALANCE_ASKED_AT = Decimal("0.02")


class SaltForm(StepForm):
    intro = (
        "Itemizers: the cap on state and local taxes decides how much of the real estate taxes go on line 11."
    )
    state_local_income_or_sales_tax = MoneyField(
        label="State and local income (or sales) taxes", help_text="For example 9,000."
    )
    other_real_estate_taxes = MoneyField(
        label="Real estate taxes on other property",
        help_text="Land, a vacation home… Not the taxes already entered for the home(s) in this interview; but "
        "if you entered this home's taxes only for the months of business use, add the rest of the year's here.",
    )
    personal_property_taxes = MoneyField(
        label="Personal property taxes", help_text="For example vehicle taxes."
    )
    magi = MoneyField(
        label="Modified adjusted gross income",
        allow_negative=True,
        help_text="Before the home office deduction (we subtract it for you). The cap phases down above "
        "$500,000 from 2025 ($250,000 if married filing separately). A loss is written with a minus sign.",
    )
    why = {
        "state_local_income_or_sales_tax": ("Part of the SALT cap.", "Form 8829 line 11 worksheet"),
        "other_real_estate_taxes": ("Part of the SALT cap.", "Form 8829 line 11 worksheet"),
        "personal_property_taxes": ("Part of the SALT cap.", "Form 8829 line 11 worksheet"),
        "magi": (
            "The SALT cap phases down with income from 2025.",
            "IRC §164(b)(7); Form 8829 line 11 worksheet",
        ),
        "mortgage_loan_balance": (
            "Interest on debt above the limit is not deductible mortgage interest: its business part goes on "
            "Form 8829 line 16.",
            "IRC §163(h)(3)(F); Pub 936 Table 1; Form 8829 line 16 instructions",
        ),
        "mortgage_grandfathered": (
            "Debt from on or before December 15, 2017 has the older $1,000,000 limit.",
            "IRC §163(h)(3)(F)(i)(III); Pub 936",
        ),
    }

    mortgage_loan_balance = MoneyField(
        label="Average balance of the mortgage this year (optional)",
        help_text="Only if it may be over $750,000 ($375,000 married filing separately): interest on the part "
        "above the limit is not deductible mortgage interest (Pub 936).",
    )
    mortgage_grandfathered = YesNoField(
        label="Was the mortgage taken out on or before December 15, 2017?",
        required=False,
        help_text="Such debt has a $1,000,000 limit ($500,000 married filing separately).",
    )

    def adjust_fields(self):
        if self.tax_year and self.tax_year >= 2025:
            self.fields["magi"].required = True
        else:
            # Not needed for this year's cap; the next-year projection (2025 on) uses it if given (issue #13).
            self.fields["magi"].help_text = (
                "Optional for this year. From 2025 the cap phases down above $500,000 ($250,000 married filing "
                "separately): give it to see next year's projection."
            )
        if not _loan_balance_matters(self.answers, self.tax_year):
            del self.fields["mortgage_loan_balance"]
            del self.fields["mortgage_grandfathered"]


def _loan_balance_matters(answers: dict, tax_year) -> bool:
    """Ask the mortgage balance only when the interest is large enough to come from debt above the limit and
    the deductible part was not given on the expenses page (issue #13)."""
    interest = S.value(answers, "expenses", "mortgage_interest")
    if interest in (None, "") or S.value(answers, "expenses", "mortgage_interest_deductible") not in (
        None,
        "",
    ):
        return False
    try:
        limit = engine_api.params(tax_year)["mortgage_acquisition_debt_limit"]
    except (EngineError, KeyError):  # no parameters for the year: the engine says so on the result page
        return False
    if S.value(answers, "deduction", "filing_status") == "married_separate":
        limit = limit / 2
    return Decimal(str(interest)) >= limit * LOAN_BALANCE_ASKED_AT


install_table_page(HomeForm, "home")
assert set(Q.PAGES) <= {"work", "employee", "space", "other_job", "storage", "daycare", "place", "home"}


# An amount's "per year / per month" choice shares the amount's "Why we ask" (issue #14).
_PERIOD_WHY = (
    "Bills that come monthly can be entered as one month's bill; we count twelve of them for the year.",
    "Pub 587, Actual Expenses",
)
ExpensesForm.why = {**ExpensesForm.why, "rent_per": _PERIOD_WHY, "utilities_per": _PERIOD_WHY}
PhoneInternetForm.why = {**PhoneInternetForm.why, "internet_monthly_per": _PERIOD_WHY}


# Issue #6: the other home (moved during the year) and a second business in the same space.
SecondHomeForm, SecondBusinessForm = build_multi_forms(StepForm)

FORMS: dict[str, type[StepForm]] = {
    "work": WorkForm,
    "employee": EmployeeForm,
    "income": IncomeForm,
    "space": SpaceForm,
    "other_job": OtherJobForm,
    "storage": StorageForm,
    "daycare": DaycareForm,
    "place": PlaceForm,
    "home": HomeForm,
    "second_home": SecondHomeForm,
    "office": OfficeForm,
    "second_business": SecondBusinessForm,
    "daycare_hours": DaycareHoursForm,
    "expenses": ExpensesForm,
    "phone_internet": PhoneInternetForm,
    "depreciation": DepreciationForm,
    "carryovers": CarryoversForm,
    "deduction": DeductionForm,
    "salt": SaltForm,
}
assert tuple(FORMS) == S.STEP_NAMES


class NewReturnForm(RefuseControlCharacters, forms.Form):
    tax_year = forms.TypedChoiceField(label="Tax year", coerce=int, choices=())
    name = forms.CharField(
        label="Name for this return",
        max_length=120,
        help_text='Something to tell your returns apart, for example "Studio on Elm St".',
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tax_year"].choices = [(y, str(y)) for y in sorted(years, reverse=True)]


class RenameForm(RefuseControlCharacters, forms.Form):
    name = forms.CharField(label="New name", max_length=120)
