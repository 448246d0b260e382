"""The returns list (issue #17): figures stored when the answers are saved, a page at a time, no engine run
per row, and never a figure the current engine would not give."""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interview import case as C
from interview import services, summaries
from interview.models import TaxReturn
from tests.interview.test_audit_roles import complete_return

pytestmark = pytest.mark.django_db


def test_saving_the_last_answer_stores_status_deduction_and_method(logged_in):
    r = complete_return(logged_in, "self_employed")
    r.refresh_from_db()
    # 200 of 2,000 sq ft = 10 %: rent 24,000 × 10 % = 2,400 + utilities 2,400 × 10 % = 240 -> 2,640 on
    # Form 8829, against the simplified 200 sq ft × $5 = 1,000: actual expenses win.
    assert r.status == TaxReturn.Status.COMPLETE
    assert r.deduction == Decimal("2640")
    assert r.method == "actual"
    assert r.summary_of == summaries.stamp(2025)


def test_the_list_shows_the_stored_deduction_without_running_the_engine(logged_in, monkeypatch):
    complete_return(logged_in, "self_employed")

    def no_engine(*args, **kwargs):
        raise AssertionError("the returns list ran the engine")

    monkeypatch.setattr(C, "compute_result", no_engine)
    html = logged_in.get(reverse("interview:dashboard")).content.decode()
    assert "$2,640" in html
    assert "Actual expenses (Form 8829)" in html


def test_a_figure_from_an_older_engine_is_recomputed_not_shown(logged_in):
    r = complete_return(logged_in, "self_employed")
    TaxReturn.objects.filter(pk=r.pk).update(deduction=Decimal("999999"), summary_of="engine0:old")
    html = logged_in.get(reverse("interview:dashboard")).content.decode()
    assert "$999,999" not in html and "$2,640" in html


def test_recompute_all_stores_the_current_figures(logged_in, capsys):
    r = complete_return(logged_in, "self_employed")
    TaxReturn.objects.filter(pk=r.pk).update(deduction=None, method="", summary_of="")
    call_command("recompute_all")
    r.refresh_from_db()
    assert (r.deduction, r.method, r.summary_of) == (Decimal("2640"), "actual", summaries.stamp(2025))


def test_the_list_is_paginated_10_to_a_page(logged_in, user):
    TaxReturn.objects.bulk_create(
        TaxReturn(owner=user, tax_year=2025, name=f"Return {i:02d}") for i in range(25)
    )
    base = reverse("interview:dashboard")
    pages = [logged_in.get(f"{base}?page={n}").content.decode() for n in (1, 2, 3)]
    shown = [re.findall(r">Return (\d\d)</a>", page) for page in pages]
    assert [len(s) for s in shown] == [10, 10, 5]
    assert sorted(shown[0] + shown[1] + shown[2]) == [f"{i:02d}" for i in range(25)]
    assert "Page 1 of 3 (25 returns)" in pages[0] and 'rel="next"' in pages[0]
    assert 'rel="prev"' in pages[2] and 'rel="next"' not in pages[2]
    # A page number past the end shows the last page, never an error.
    assert logged_in.get(f"{base}?page=99").status_code == 200


def test_each_row_links_to_its_own_return(logged_in, user):
    mine = services.create_return(user, 2025, "Mine")
    html = logged_in.get(reverse("interview:dashboard")).content.decode()
    for name in ("resume", "rename", "duplicate", "delete"):
        assert reverse(f"interview:{name}", kwargs={"pk": mine.pk}) in html


def test_the_list_makes_the_same_queries_for_one_return_as_for_sixty(logged_in, user):
    services.create_return(user, 2025, "Only one")

    with CaptureQueriesContext(connection) as one:
        logged_in.get(reverse("interview:dashboard"))
    TaxReturn.objects.bulk_create(TaxReturn(owner=user, tax_year=2025, name=f"R{i}") for i in range(59))
    with CaptureQueriesContext(connection) as sixty:
        logged_in.get(reverse("interview:dashboard"))
    assert len(sixty.captured_queries) == len(one.captured_queries)
