"""Two homes in one year (moved) and a second business in the same space: the two extra interview steps
and their mapping to the case format. Added for issue #6 beside the interview's own steps, following its
patterns (a StepForm per step, a pure condition on the saved answers, a mapping of answers to the case).

No tax is computed here: amounts pass through as the decimal strings the forms stored. The only arithmetic
turns interview units into the case format's (months -> dates, the second business's area taken out of the
office area, its time share -> two percentages adding up to 100, income in the other home -> income_by_home).
"""

from __future__ import annotations

import calendar
from decimal import Decimal

from django import forms

from interview import steps as S
from interview.fields import (
    AreaField,
    MoneyField,
    MonthField,
    OneOf,
    PercentField,
    RadioChoiceField,
    WholeNumberField,
    YesNoField,
)

SECOND_HOME_ID = "other_home"
SECOND_SPACE_ID = "office_2"
SECOND_BUSINESS_ID = "business_2"
PUB = "IRS Publication 587"


moved = S.moved
has_second_business = S.has_second_business


def _month_range(year: int, first: int, last: int) -> dict:
    end_day = calendar.monthrange(year, last)[1]
    return {"start": f"{year}-{first:02d}-01", "end": f"{year}-{last:02d}-{end_day:02d}"}


def _money(v) -> str:
    return "0" if v in (None, "") else str(v)


def _has(v) -> bool:
    return v not in (None, "") and Decimal(str(v)) != 0


def build_forms(StepForm):  # the base class is passed in: interview.forms imports this module
    class SecondHomeForm(StepForm):
        intro = (
            "You moved during the year. Tell us about the other home you used for business this year: it gets "
            "its own Form 8829 for its months and expenses, and only one of the two homes may use the "
            "simplified method."
        )
        other_ownership = RadioChoiceField(
            label="Did you own or rent the other home?", choices=[("own", "Own"), ("rent", "Rent")]
        )
        other_total_area = AreaField(label="Total area of the other home in square feet", required=True)
        other_office_area = AreaField(
            label="Area of the space used for business in the other home, in square feet", required=True
        )
        other_first_month = MonthField(
            label="First month you used the other home for business", required=True
        )
        other_last_month = MonthField(label="Last month you used the other home for business", required=True)
        other_income = MoneyField(
            label="Gross income of the business earned while you used the other home",
            help_text="Leave blank to split the year's income by days of business use in each home.",
        )
        other_mortgage_interest = MoneyField(label="Mortgage interest on the other home (its months)")
        other_real_estate_taxes = MoneyField(label="Real estate taxes on the other home (its months)")
        other_rent = MoneyField(label="Rent paid for the other home (its months)")
        other_insurance = MoneyField(label="Insurance for the other home (its months)")
        other_utilities = MoneyField(label="Utilities for the other home (its months)")
        other_other = MoneyField(label="Other expenses for the whole other home (its months)")
        other_purchase_price = MoneyField(label="Owners: purchase price of the other home (including land)")
        other_land_value = MoneyField(label="Owners: value of its land")
        other_fmv = MoneyField(
            label="Owners: its fair market value (including land) when you first used it for business"
        )
        other_first_use_month = MonthField(label="Owners: month you first used it for business")
        other_first_use_year = WholeNumberField(
            label="Owners: year you first used it for business", min_value=1993, max_value=2100
        )
        other_depreciation_claimed = MoneyField(
            label="Owners: depreciation of the other home claimed in earlier years",
            help_text="From earlier Forms 8829. Leave blank if none.",
        )
        why = {
            "other_ownership": (
                "Owners depreciate the home; renters deduct rent.",
                "Pub 587, Actual Expenses",
            ),
            "other_total_area": ("Its own Form 8829 line 2.", "Form 8829 instructions (one form per home)"),
            "other_office_area": ("Its own Form 8829 line 1.", "Form 8829 instructions (one form per home)"),
            "other_first_month": ("Only its months count.", "Pub 587, Part-year use"),
            "other_last_month": ("Only its months count.", "Pub 587, Part-year use"),
            "other_income": ("Line 8 of each home's form is the income earned there.", "i8829, line 8"),
            "other_purchase_price": ("Depreciation of the other home.", "Form 8829 lines 37-42"),
        }
        only_if = {
            name: ("other_ownership", OneOf("own"))
            for name in (
                "other_mortgage_interest",
                "other_real_estate_taxes",
                "other_purchase_price",
                "other_land_value",
                "other_fmv",
                "other_first_use_month",
                "other_first_use_year",
                "other_depreciation_claimed",
            )
        } | {"other_rent": ("other_ownership", OneOf("rent"))}

        def clean(self):
            cleaned = super().clean()
            first, last = cleaned.get("other_first_month"), cleaned.get("other_last_month")
            if first and last and last < first:
                self.add_error("other_last_month", "The last month cannot be before the first month")
            hf, hl = self.a("home", "first_month"), self.a("home", "last_month")
            if first and last and hf and hl and not (last < hf or first > hl):
                self.add_error(
                    "other_first_month",
                    f"The months in the two homes must not overlap (the first home: months {hf}-{hl})",
                )
            area, total = cleaned.get("other_office_area"), cleaned.get("other_total_area")
            if area is not None and total is not None and area > total:
                self.add_error("other_office_area", "The space cannot be larger than the whole home")
            income, gross = cleaned.get("other_income"), self.a("income", "gross_income")
            if income is not None and gross not in (None, "") and income > Decimal(str(gross)):
                self.add_error("other_income", "This cannot be more than the business's gross income")
            if cleaned.get("other_ownership") == "own":
                self.require(
                    cleaned,
                    "other_purchase_price",
                    "other_land_value",
                    "other_fmv",
                    "other_first_use_month",
                    "other_first_use_year",
                    message="Owners: needed for depreciation",
                )
                y = cleaned.get("other_first_use_year")
                if y and self.tax_year and y > self.tax_year:
                    self.add_error(
                        "other_first_use_year", f"This cannot be after the tax year {self.tax_year}"
                    )
            return cleaned

    class SecondBusinessForm(StepForm):
        intro = (
            "You use the space for another business of your own too. Each use is tested on its own: if either "
            "does not qualify, neither gets a deduction for the space. The simplified method's 300 square feet "
            "are shared, and actual expenses are split between the two businesses for you."
        )
        second_name = forms.CharField(label="What does the second business do?", max_length=120)
        second_gross_income = MoneyField(label="Gross income of the second business", required=True)
        second_expenses_not_from_home = MoneyField(label="Its expenses not related to the home")
        second_trade_or_business = YesNoField(label="Is the second activity a business you run for profit?")
        second_regular_use = YesNoField(label="Does the second business use the space regularly?")
        second_main_place = YesNoField(
            label="Is the space the main place of the second business (or where you meet its clients)?"
        )
        share_by = RadioChoiceField(
            label="How do the two businesses share the space?",
            choices=[
                ("area", "Each uses its own part of the space (split by area)"),
                ("time", "Both use the same space at different times (split by time)"),
            ],
        )
        second_area = AreaField(label="Square feet used only by the second business", help_text="If by area.")
        second_time_percentage = PercentField(
            label="Share of the time the second business uses the space, in percent", help_text="If by time."
        )
        why = {
            "second_trade_or_business": (
                "Every use of the space must qualify.",
                "Pub 587, More Than One Trade or Business",
            ),
            "second_regular_use": (
                "Every use of the space must qualify.",
                "Pub 587, More Than One Trade or Business",
            ),
            "second_main_place": (
                "Every use of the space must qualify.",
                "Pub 587, More Than One Trade or Business",
            ),
            "share_by": (
                "Line 36 is split between the businesses by any reasonable method; the 300 sq ft of the "
                "simplified method are shared.",
                "Form 8829 line 36 instructions; Rev. Proc. 2013-13",
            ),
        }
        only_if = {
            "second_area": ("share_by", OneOf("area")),
            "second_time_percentage": ("share_by", OneOf("time")),
        }

        def clean(self):
            cleaned = super().clean()
            if cleaned.get("share_by") == "area":
                self.require(cleaned, "second_area", message="Enter the square feet")
                area, office = cleaned.get("second_area"), self.a("office", "office_area")
                if area is not None and office not in (None, "") and area >= Decimal(str(office)):
                    self.add_error("second_area", "This must be less than the whole space")
            elif cleaned.get("share_by") == "time":
                self.require(cleaned, "second_time_percentage", message="Enter the percentage")
                p = cleaned.get("second_time_percentage")
                if p is not None and not (0 < p < 100):
                    self.add_error("second_time_percentage", "Enter a percentage between 0 and 100")
            return cleaned

    for form_class, texts in (
        (SecondHomeForm, SECOND_HOME_TEXTS),
        (SecondBusinessForm, SECOND_BUSINESS_TEXTS),
    ):
        for name, field in form_class.base_fields.items():
            hint, why, cite = texts[name]
            field.help_text = field.help_text or hint
            form_class.why = {**form_class.why, name: form_class.why.get(name, (why, cite))}
    return SecondHomeForm, SecondBusinessForm


_ONE_PER_HOME = "Form 8829 instructions (one form per home)"
_PART_YEAR = "Pub 587, Part-year use"
_DEP = "Pub 587, Depreciating Your Home; Form 8829 lines 37-42"
# field -> (hint, why we ask, source)
SECOND_HOME_TEXTS = {
    "other_ownership": (
        "Choose one.",
        "Owners depreciate the home; renters deduct rent.",
        "Pub 587, Actual Expenses",
    ),
    "other_total_area": ("For example 1,500.", "Its own Form 8829 line 2.", _ONE_PER_HOME),
    "other_office_area": ("For example 150.", "Its own Form 8829 line 1.", _ONE_PER_HOME),
    "other_first_month": (
        "The months must not overlap the first home's.",
        "Only its months count.",
        _PART_YEAR,
    ),
    "other_last_month": (
        "The months must not overlap the first home's.",
        "Only its months count.",
        _PART_YEAR,
    ),
    "other_income": ("", "Line 8 of each home's form is the income earned there.", "i8829, line 8"),
    "other_mortgage_interest": (
        "Leave blank if none.",
        "Form 8829 line 10 or 16 of that home.",
        _ONE_PER_HOME,
    ),
    "other_real_estate_taxes": (
        "Leave blank if none.",
        "Form 8829 line 11 or 17 of that home.",
        _ONE_PER_HOME,
    ),
    "other_rent": ("Renters. Leave blank if none.", "Form 8829 line 19 of that home.", "Pub 587, Rent"),
    "other_insurance": ("Leave blank if none.", "Form 8829 line 18 of that home.", "Pub 587, Insurance"),
    "other_utilities": (
        "Leave blank if none.",
        "Form 8829 line 21 of that home.",
        "Pub 587, Utilities and services",
    ),
    "other_other": ("Leave blank if none.", "Form 8829 line 22 of that home.", "Form 8829 line 22"),
    "other_purchase_price": ("Owners only. For example 300,000.", "The basis starts from the cost.", _DEP),
    "other_land_value": ("Owners only.", "Land is not depreciated.", "Form 8829 line 38"),
    "other_fmv": ("Owners only.", "Depreciation uses the smaller of basis and value.", "Form 8829 line 37"),
    "other_first_use_month": (
        "Owners only.",
        "The first year's rate depends on the month.",
        "Pub 946 Table A-7a",
    ),
    "other_first_use_year": (
        "Owners only.",
        "The first year's rate depends on the month.",
        "Pub 946 Table A-7a",
    ),
    "other_depreciation_claimed": ("", "Keeps the record of depreciation allowed.", "Pub 587, Depreciation"),
}
_MORE = "Pub 587, More Than One Trade or Business"
SECOND_BUSINESS_TEXTS = {
    "second_name": (
        "For example: tutoring. Shown on your worksheet.",
        "To tell the two businesses apart.",
        PUB,
    ),
    "second_gross_income": (
        "For example 8,000.",
        "Each business has its own income limit and line 36.",
        "Form 8829 line 8",
    ),
    "second_expenses_not_from_home": (
        "Leave blank if none.",
        "They reduce the income limit.",
        "Pub 587, Deduction Limit",
    ),
    "second_trade_or_business": (
        "Not investing for yourself, not a hobby.",
        "Every use of the space must qualify.",
        _MORE,
    ),
    "second_regular_use": ("Not just occasionally.", "Every use of the space must qualify.", _MORE),
    "second_main_place": (
        "Where its most important work is done.",
        "Every use of the space must qualify.",
        _MORE,
    ),
    "share_by": ("Choose one.", "Line 36 is split between the businesses.", "Form 8829 line 36 instructions"),
    "second_area": ("", "Splits the space by area.", "Pub 587, Business Percentage"),
    "second_time_percentage": ("", "Splits the space by time.", "Form 8829 line 36 instructions"),
}


# --- Case mapping -------------------------------------------------------------------------------------
def second_home(eff: dict, year: int) -> dict | None:
    a = eff.get("second_home")
    if not a:
        return None
    own = a.get("other_ownership") == "own"
    home: dict = {
        "id": SECOND_HOME_ID,
        "ownership": "own" if own else "rent",
        "total_area": str(a["other_total_area"]),
        "business_use": _month_range(year, a["other_first_month"], a["other_last_month"]),
        "spaces": [{"id": SECOND_SPACE_ID, "area": str(a["other_office_area"])}],
    }
    expenses = {
        "insurance": a.get("other_insurance"),
        "utilities": a.get("other_utilities"),
        "other": a.get("other_other"),
        "rent": None if own else a.get("other_rent"),
    }
    expenses = {k: _money(v) for k, v in expenses.items() if _has(v)}
    if expenses:
        home["expenses"] = expenses
    if own:
        if _has(a.get("other_mortgage_interest")):
            home["mortgage_interest"] = {"paid": _money(a["other_mortgage_interest"])}
        if _has(a.get("other_real_estate_taxes")):
            home["real_estate_taxes"] = _money(a["other_real_estate_taxes"])
        dep = {
            "first_business_use": f"{a['other_first_use_year']:04d}-{a['other_first_use_month']:02d}",
            "adjusted_basis": _money(a.get("other_purchase_price")),
            "fair_market_value": _money(a.get("other_fmv")),
            "land_value": _money(a.get("other_land_value")),
        }
        if a.get("other_depreciation_claimed") not in (None, ""):
            dep["depreciation_claimed"] = _money(a["other_depreciation_claimed"])
        home["depreciation"] = dep
    return home


def add_second_home(case: dict, eff: dict, year: int) -> None:
    """Moved: the other home joins the case with its own months, expenses and (owners) depreciation."""
    home = second_home(eff, year)
    if home is None:
        return
    case["homes"].append(home)
    # Every space in the other home belongs to the first business.
    first = case["businesses"][0]
    home["spaces"][0]["business"] = first["id"]
    income = eff["second_home"].get("other_income")
    if income not in (None, ""):
        # Income earned in each home (i8829 line 8): the other home's part as entered, the rest in the first.
        rest = Decimal(first["gross_income"]) - Decimal(str(income))
        first["income_by_home"] = {case["homes"][0]["id"]: format(rest, "f"), SECOND_HOME_ID: str(income)}


def add_second_business(case: dict, eff: dict) -> None:
    """A second business of the same person in the same space: its own income, its own eligibility facts,
    and the space split by area (two spaces) or by time (one space with two shares)."""
    a = eff.get("second_business")
    if not a:
        return
    first = case["businesses"][0]
    eligibility = dict(case["eligibility"])
    eligibility.update(
        {
            "trade_or_business": a.get("second_trade_or_business"),
            "regular_use": a.get("second_regular_use"),
            "home_is_main_work_location": a.get("second_main_place"),
            "meets_clients_in_person": a.get("second_main_place"),
        }
    )
    if a.get("second_main_place") is False:
        eligibility.update({"admin_management_at_home": False, "separate_structure": False})
    business = {
        "id": SECOND_BUSINESS_ID,
        "name": (a.get("second_name") or "Second business")[:120],
        "schedule": first.get("schedule", "C"),
        "gross_income": _money(a.get("second_gross_income")),
        "expenses_not_from_home": _money(a.get("second_expenses_not_from_home")),
        "eligibility": eligibility,
    }
    case["businesses"].append(business)
    space = case["homes"][0]["spaces"][0]
    if a.get("share_by") == "area":
        # The second business's own part becomes a space of its own; the first keeps the rest.
        second_area = Decimal(str(a["second_area"]))
        space["area"] = format(Decimal(space["area"]) - second_area, "f")
        extra = {
            "id": SECOND_SPACE_ID,
            "area": format(second_area, "f"),
            "use": space.get("use"),
            "business": SECOND_BUSINESS_ID,
        }
        if "periods" in space:
            extra["periods"] = space["periods"]
        case["homes"][0]["spaces"].append({k: v for k, v in extra.items() if v is not None})
    else:
        p = Decimal(str(a["second_time_percentage"]))
        space.pop("business", None)
        space["businesses"] = {first["id"]: format(100 - p, "f"), SECOND_BUSINESS_ID: format(p, "f")}
