"""Walk the interview as a browser would (one real POST per page), for the security tests.

Kept here rather than imported from tests/interview so these tests depend only on the URL names and the form
field names, which are the interview's public contract.
"""

from django.urls import reverse

from interview.models import TaxReturn

SELF_EMPLOYED = {"role": "self_employed", "business_description": "Translation", "trade_or_business": "yes"}
OFFICE_SPACE = {
    "space_type": "office",
    "regular_use": "yes",
    "exclusive_use": "yes",
    "also_used_for_employee_work": "no",
}
PRINCIPAL_PLACE = {
    "home_is_main_work_location": "yes",
    "admin_management_at_home": "yes",
    "substantial_admin_at_other_fixed_location": "no",
    "meets_clients_in_person": "no",
    "separate_structure": "no",
}


def renter_pages(gross="30000", rent="6,000", utilities="1,200", description="Translation", area="1500"):
    """A renter's complete interview (reaches the review page)."""
    return [
        ("work", {**SELF_EMPLOYED, "business_description": description}),
        ("income", {"gross_income": gross, "expenses_not_from_home": "5000"}),
        ("space", OFFICE_SPACE),
        ("place", PRINCIPAL_PLACE),
        (
            "home",
            {"ownership": "rent", "measure": "sqft", "total_area": area, "whole_year": "yes", "moved": "no"},
        ),
        ("office", {"office_area": "120", "office_whole_period": "yes", "shared": "no"}),
        ("expenses", {"rent": rent, "utilities": utilities, "insurance": "180"}),
        ("phone_internet", {"internet_monthly": "60", "internet_business_pct": "50"}),
        ("carryovers", {}),
        ("deduction", {"filing_status": "single", "deduction": "standard"}),
    ]


def step_url(tax_return, step):
    return reverse("interview:step", kwargs={"pk": tax_return.pk, "step": step})


def step_payload(tax_return, step, data, version):
    payload = {f"{step}-{k}": v for k, v in data.items()}
    payload["version"] = version
    payload[f"interview_return_{tax_return.pk}-current_step"] = step
    return payload


def post_step(client, tax_return, step, data, version=None):
    """POST one page with the version the page carried (default: the current one)."""
    if version is None:
        tax_return.refresh_from_db()
        version = tax_return.version
    return client.post(step_url(tax_return, step), step_payload(tax_return, step, data, version))


def create_return(client, year=2025, name="Studio on Elm St") -> TaxReturn:
    response = client.post(reverse("interview:new"), {"tax_year": year, "name": name})
    assert response.status_code == 302, response.content[:2000]
    return TaxReturn.objects.latest("id")


def walk(client, tax_return, pages):
    for step, data in pages:
        assert client.get(step_url(tax_return, step)).status_code == 200, step
        response = post_step(client, tax_return, step, data)
        assert response.status_code == 302, (step, response.content[:3000])
    tax_return.refresh_from_db()
    return tax_return
