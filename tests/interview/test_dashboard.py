"""The dashboard: list, create for supported years, rename, duplicate, delete with confirmation."""

import pytest
from django.urls import reverse

from interview import services
from interview.models import TaxReturn

pytestmark = pytest.mark.django_db


def test_dashboard_lists_only_my_returns_with_year_name_status(logged_in, user, other_user):
    services.create_return(user, 2025, "Studio on Elm St")
    services.create_return(other_user, 2025, "Someone else's")
    page = logged_in.get(reverse("interview:dashboard")).content.decode()
    assert "Studio on Elm St" in page and "Someone else" not in page
    assert "2025" in page and "In progress" in page


def test_create_offers_only_supported_years(logged_in):
    page = logged_in.get(reverse("interview:dashboard")).content.decode()
    for year in ("2023", "2024", "2025", "2026"):
        assert f'<option value="{year}"' in page
    assert '<option value="2013"' not in page
    response = logged_in.post(reverse("interview:new"), {"tax_year": "2013", "name": "Old"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    response = logged_in.post(reverse("interview:new"), {"tax_year": "2025", "name": ""})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert not TaxReturn.objects.exists()


def test_new_return_opens_the_first_question(logged_in):
    response = logged_in.post(reverse("interview:new"), {"tax_year": "2025", "name": "Studio"}, follow=True)
    assert response.redirect_chain[-1][0].endswith("/interview/work/")
    # Pages that apply before any answer: work, income, space, home, office, expenses, phone_internet,
    # carryovers, deduction = 9 (pages, not sections: issue #14).
    assert "Page 1 of 9: You and your work" in response.content.decode()


def test_rename(logged_in, user):
    r = services.create_return(user, 2025, "Studio")
    url = reverse("interview:rename", kwargs={"pk": r.pk})
    assert logged_in.get(url).status_code == 200
    assert logged_in.post(url, {"name": ""}).status_code == 200
    assert logged_in.post(url, {"name": "Garage"}).status_code == 302
    r.refresh_from_db()
    assert r.name == "Garage"


def test_duplicate_is_post_only(logged_in, user):
    r = services.create_return(user, 2025, "Studio")
    url = reverse("interview:duplicate", kwargs={"pk": r.pk})
    assert logged_in.get(url).status_code == 405
    assert logged_in.post(url).status_code == 302
    assert TaxReturn.objects.filter(owner=user).count() == 2


def test_delete_asks_for_confirmation_first(logged_in, user):
    r = services.create_return(user, 2025, "Studio")
    url = reverse("interview:delete", kwargs={"pk": r.pk})
    page = logged_in.get(url)
    assert page.status_code == 200 and "cannot be undone" in page.content.decode()
    assert TaxReturn.objects.filter(pk=r.pk).exists()
    assert logged_in.post(url).status_code == 302
    assert not TaxReturn.objects.filter(pk=r.pk).exists()


def test_dashboard_tells_screen_readers_a_knocked_out_return_has_no_deduction(logged_in, user):
    from interview.models import TaxReturn

    TaxReturn.objects.create(owner=user, tax_year=2025, name="W-2 job", status=TaxReturn.Status.NOT_ELIGIBLE)
    TaxReturn.objects.create(owner=user, tax_year=2025, name="Draft", status=TaxReturn.Status.IN_PROGRESS)
    html = logged_in.get("/returns/").content.decode()
    assert html.count("No deduction") == 1
    assert html.count("Not computed yet") == 1
