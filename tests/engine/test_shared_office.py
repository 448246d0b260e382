"""Several businesses sharing one office (Pub 587, More Than One Trade or Business; Rev. Proc. 2013-13).

Hand figures. Home 2,000 sq ft rented; one 400 sq ft office used by two businesses, 60 % / 40 % (by time).
Line 7 = 400 / 2,000 = 20 %. Rent 24,000 + utilities 3,000 = 27,000 x 20 % = 5,400 = line 36.
Line 8 = (50,000 - 10,000) + (8,000 - 2,000) = 46,000: no limit.
Line 36 split by area used (default): design 400 x 60 % = 240 sq ft, tutoring 160 -> 5,400 x 240/400 = 3,240
and 2,160. Split by time given as 75 / 25: 4,050 and 1,350.
Simplified: the uses share one 300 sq ft cap: 240 + 160 = 400 > 300 -> design 300 x 240/400 = 180 sq ft
($900), tutoring 120 sq ft ($600): $1,500 in all.
"""

import copy
from decimal import Decimal

from homeoffice.engine import case_from_dict, compute

from .casekit import OFFICE_ELIGIBILITY

D = Decimal

SHARED = {
    "tax_year": 2025,
    "eligibility": OFFICE_ELIGIBILITY,
    "businesses": [
        {"id": "design", "name": "Design", "gross_income": "50000", "expenses_not_from_home": "10000"},
        {"id": "tutoring", "name": "Tutoring", "gross_income": "8000", "expenses_not_from_home": "2000"},
    ],
    "homes": [
        {
            "id": "home",
            "ownership": "rent",
            "total_area": "2000",
            "spaces": [{"id": "office", "area": "400", "businesses": {"design": "60", "tutoring": "40"}}],
            "expenses": {"rent": "24000", "utilities": "3000"},
        }
    ],
}


def _report(r, method):
    return {x.business: x.amount for x in r.report if x.method == method}


def test_line_36_per_business_by_area():
    r = compute(case_from_dict(SHARED))
    v = r.homes[0].actual.values
    assert (v["7"], v["8"], v["36"]) == (D("0.2"), D(46000), D(5400))
    assert dict(r.homes[0].allocation) == {"design": D(3240), "tutoring": D(2160)}
    assert _report(r, "actual") == {"design": D(3240), "tutoring": D(2160)}


def test_line_36_per_business_by_time():
    case = copy.deepcopy(SHARED)
    case["homes"][0]["line36_allocation"] = {"design": "75", "tutoring": "25"}
    r = compute(case_from_dict(case))
    assert dict(r.homes[0].allocation) == {"design": D(4050), "tutoring": D(1350)}


def test_simplified_300_sq_ft_shared():
    case = copy.deepcopy(SHARED)
    case["method"] = "simplified"
    r = compute(case_from_dict(case))
    uses = {u.business: u for u in r.homes[0].simplified}
    assert (uses["design"].values["smw.2"], uses["tutoring"].values["smw.2"]) == (D(180), D(120))
    assert _report(r, "simplified") == {"design": D(900), "tutoring": D(600)}
    assert r.total_deduction == D(1500)


def test_each_use_is_tested_on_its_own():
    """A second use that is not a trade or business (investing for oneself) spoils the space for both."""
    case = copy.deepcopy(SHARED)
    case["businesses"][1]["eligibility"] = dict(OFFICE_ELIGIBILITY, trade_or_business=False)
    r = compute(case_from_dict(case))
    assert not r.computed
    assert r.verdict.status == "does_not_qualify"
    assert r.total_deduction == 0
    assert any("Tutoring does not qualify on its own" in n.text for n in r.notes)


def test_second_use_that_qualifies_changes_nothing():
    case = copy.deepcopy(SHARED)
    case["businesses"][1]["eligibility"] = dict(OFFICE_ELIGIBILITY)
    r = compute(case_from_dict(case))
    assert r.computed and r.total_deduction == D(5400)


def test_second_use_eligibility_errors_name_the_field():
    import pytest

    from homeoffice.engine import InputError

    case = copy.deepcopy(SHARED)
    case["businesses"][1]["eligibility"] = {"role": "astronaut"}
    with pytest.raises(InputError) as e:
        case_from_dict(case)
    assert e.value.field.startswith("businesses[1].eligibility")
