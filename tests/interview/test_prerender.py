"""Worksheets rendered ahead of the download (issue #17): one render per changed version of a complete return,
outdated tasks exit at once, the download serves the cache, waits for or renders past a pending render, and is
never stale. Tasks run immediately here (tests/conftest.py); the real worker: tests/interview/test_task_worker.py.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from interview import pdf, worksheets
from interview.models import TaxReturn
from interview.tasks import render_worksheet
from tests.interview.conftest import post_step
from tests.interview.test_audit_roles import complete_return, walk_to_internet_step

pytestmark = pytest.mark.django_db


def pdf_url(tax_return):
    return reverse("interview:worksheet_pdf", kwargs={"return_id": tax_return.pk})


def no_render(*args, **kwargs):
    raise AssertionError("rendered")


def test_completing_a_return_renders_its_worksheet_ahead_of_the_download(
    logged_in, django_capture_on_commit_callbacks, monkeypatch
):
    renders = []
    real_render = pdf.render_worksheet_pdf
    monkeypatch.setattr(
        pdf, "render_worksheet_pdf", lambda *a, **k: renders.append(1) or real_render(*a, **k)
    )
    with django_capture_on_commit_callbacks(execute=True):
        tax_return = complete_return(logged_in, "self_employed")
    # One render, for the version that made the return complete (the saves before it were not complete).
    assert renders == [1]
    tax_return.refresh_from_db()
    assert not worksheets.is_pending(tax_return)
    monkeypatch.setattr(pdf, "render_worksheet_pdf", no_render)
    response = logged_in.get(pdf_url(tax_return))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    summary = logged_in.get(reverse("interview:summary", kwargs={"pk": tax_return.pk})).content.decode()
    assert "preparing your worksheet" not in summary


def test_a_task_for_an_outdated_version_exits_at_once(logged_in, monkeypatch):
    tax_return = complete_return(logged_in, "self_employed")
    tax_return.refresh_from_db()
    monkeypatch.setattr(pdf, "render_worksheet_pdf", no_render)
    assert render_worksheet.call(tax_return.pk, tax_return.version - 1) == "outdated"
    assert render_worksheet.call(tax_return.pk + 1000, 1) == "gone"


def test_a_changed_answer_is_never_served_the_older_worksheet(logged_in, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tax_return = complete_return(logged_in, "self_employed")
    before = logged_in.get(pdf_url(tax_return)).content
    tax_return.refresh_from_db()
    # A change whose render has not run (no worker yet): the download renders the new answers itself.
    response = post_step(
        logged_in, tax_return, "expenses", {"rent": "30,000", "utilities": "2,400"}, query="?return=review"
    )
    assert response.status_code == 302
    after = logged_in.get(pdf_url(tax_return))
    assert after.status_code == 200 and after.content.startswith(b"%PDF") and after.content != before


def test_while_a_render_is_pending_the_page_says_so_and_the_download_still_works(
    logged_in, settings, monkeypatch
):
    tax_return = complete_return(logged_in, "self_employed")  # tasks not run: no worker has rendered it
    tax_return.refresh_from_db()
    cache.set(f"worksheet-pending:{tax_return.pk}:{tax_return.version}", 1, 60)
    summary = logged_in.get(reverse("interview:summary", kwargs={"pk": tax_return.pk})).content.decode()
    assert "preparing your worksheet" in summary
    monkeypatch.setattr(worksheets, "WAIT_SECONDS", 0.1)  # the worker never comes: render inline
    response = logged_in.get(pdf_url(tax_return))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    summary = logged_in.get(reverse("interview:summary", kwargs={"pk": tax_return.pk})).content.decode()
    assert "preparing your worksheet" not in summary  # it is in the cache now


def test_an_unfinished_return_queues_no_render(logged_in, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(pdf, "render_worksheet_pdf", no_render)
    with django_capture_on_commit_callbacks(execute=True):
        tax_return, _location = walk_to_internet_step(logged_in, "self_employed")
    tax_return.refresh_from_db()
    assert tax_return.status == TaxReturn.Status.IN_PROGRESS
