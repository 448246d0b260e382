"""Every money field accepts "1,234.56", "$1,234", "1234" and rejects anything else with a message."""

from decimal import Decimal

import pytest
from django.urls import reverse

from interview import services
from interview import steps as S
from interview.fields import AreaField, MoneyField, PercentField
from interview.forms import FORMS
from tests.interview.conftest import post_step, step_url

pytestmark = pytest.mark.django_db

GOOD = [
    ("1,234.56", Decimal("1234.56")),
    ("$1,234", Decimal("1234")),
    ("1234", Decimal("1234")),
    (" 12.5 ", Decimal("12.5")),
    ("0", Decimal("0")),
]
GARBAGE = [
    "NaN",
    "nan",
    "Infinity",
    "-inf",
    "1e3",
    "1E+3",
    "1.234,56",  # German separators
    "1 234",  # French thousands
    "1,23",  # misplaced comma
    "12,3456",
    "1.234",  # three decimals
    "0x10",
    "١٢٣",  # Arabic-Indic digits
    "１２３",  # full-width digits
    "12abc",
    "$",
    "--5",
    "$$5",
    "5-",
    "1,000,000,000",  # absurdly large
    "99999999999999999999999",
    "9" * 500,
    "None",
    "½",
]
MONEY_FIELDS = [
    (step, name)
    for step, form_class in FORMS.items()
    for name, field in form_class.base_fields.items()
    if isinstance(field, MoneyField)
]


@pytest.mark.parametrize(("text", "expected"), GOOD)
def test_money_accepts_common_ways_of_writing_dollars(text, expected):
    value = MoneyField().clean(text)
    assert value == expected and isinstance(value, Decimal)


@pytest.mark.parametrize("text", GARBAGE)
def test_money_rejects_garbage_with_a_message(text):
    field = MoneyField()
    with pytest.raises(Exception) as exc:
        field.clean(text)
    assert exc.type.__name__ == "ValidationError"
    assert exc.value.messages[0].startswith("Enter")


def test_negative_money_only_where_allowed():
    assert MoneyField(allow_negative=True).clean("-1,200") == Decimal("-1200")
    assert MoneyField(allow_negative=True).clean("$-5") == Decimal("-5")
    with pytest.raises(Exception, match="zero or more"):
        MoneyField().clean("-1")


def test_areas_and_percentages_are_strict_too():
    assert AreaField().clean("1,200") == Decimal("1200")
    for bad in ("0", "-5", "1e3", "NaN", "2000000"):
        with pytest.raises(Exception, match="Enter"):
            AreaField().clean(bad)
    assert PercentField().clean("40%") == Decimal("40")
    for bad in ("101", "-1", "1e2", "NaN", "4,0"):
        with pytest.raises(Exception, match="Enter"):
            PercentField().clean(bad)


def _all_steps_active_return(user):
    """Answers that make every money field's step (and field) active: an itemizing owner."""
    tax_return = services.create_return(user, 2025, "All fields")
    setup = {
        "work": {"role": "self_employed", "business_description": "X", "trade_or_business": True},
        "space": {
            "space_type": "office",
            "regular_use": True,
            "exclusive_use": True,
            "also_used_for_employee_work": False,
        },
        "home": {
            "ownership": "own",
            "measure": "sqft",
            "total_area": "2000",
            "whole_year": True,
            "moved": False,
        },
        "deduction": {"filing_status": "single", "deduction": "itemize"},
    }
    for step, data in setup.items():
        tax_return = services.save_step(tax_return, user, step, data, tax_return.version)
    return tax_return


@pytest.mark.parametrize("garbage", ["NaN", "1e3", "1.234,56", "-5", "1,000,000,000", "12abc", "１２３"])
def test_every_money_field_rejects_garbage_in_the_browser_with_a_message(logged_in, user, garbage):
    tax_return = _all_steps_active_return(user)
    active = set(S.active_names(tax_return.answers))
    steps = sorted({step for step, _ in MONEY_FIELDS} & active)
    checked = 0
    for step in steps:
        names = [name for s, name in MONEY_FIELDS if s == step]
        assert logged_in.get(step_url(tax_return, step)).status_code == 200, step
        response = post_step(logged_in, tax_return, step, dict.fromkeys(names, garbage))
        assert response.status_code == 200, (step, garbage)
        form = response.context["form"]
        for name in names:
            if name in form.fields and not (garbage == "-5" and form.fields[name].allow_negative):
                assert name in form.errors, (step, name, garbage)
                assert form.errors[name][0].startswith("Enter"), form.errors[name]
                assert f'id="id_{step}-{name}-error"' in response.content.decode()
                checked += 1
    assert checked >= 25
    tax_return.refresh_from_db()
    assert "income" not in tax_return.answers


def test_money_values_are_stored_as_exact_decimal_strings(logged_in, user):
    tax_return = _all_steps_active_return(user)
    post_step(
        logged_in, tax_return, "income", {"gross_income": "$1,234.56", "expenses_not_from_home": "0.10"}
    )
    tax_return.refresh_from_db()
    assert tax_return.answers["income"]["gross_income"] == "1234.56"
    assert tax_return.answers["income"]["expenses_not_from_home"] == "0.10"
    assert reverse("interview:review", kwargs={"pk": tax_return.pk})


@pytest.mark.parametrize("text", ["1,23", "abc", "1.5", "0", "501", "-1", "1e2", "١٢"])
def test_whole_number_fields_reject_garbage_with_a_message(logged_in, user, text):
    tax_return = _all_steps_active_return(user)
    response = post_step(
        logged_in,
        tax_return,
        "home",
        {"ownership": "own", "measure": "rooms", "total_rooms": text, "whole_year": "yes", "moved": "no"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["total_rooms"] == ["Enter a whole number from 1 to 500"]
