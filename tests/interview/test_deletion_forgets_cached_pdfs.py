"""Deleting a return, or the whole account, removes its cached worksheet PDFs (they hold its figures)."""

from django.core.cache import cache

from homeoffice.account_views import delete_account_data
from interview import services
from interview.pdf import remember_for_return


def _cache_a_pdf_of(tax_return, key):
    cache.set(key, b"%PDF- figures of this return")
    remember_for_return(tax_return.pk, key)


def test_deleting_a_return_forgets_its_cached_pdfs(make_user, django_capture_on_commit_callbacks):
    user = make_user("rita")
    kept = services.create_return(user, 2025, "Kept")
    gone = services.create_return(user, 2025, "Gone")
    _cache_a_pdf_of(kept, "pdf-kept")
    _cache_a_pdf_of(gone, "pdf-gone")
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_return(gone, user)
    assert cache.get("pdf-gone") is None
    assert cache.get("pdf-kept") is not None


def test_deleting_an_account_forgets_every_cached_pdf_of_it(make_user):
    user = make_user("sam")
    first = services.create_return(user, 2025, "One")
    second = services.create_return(user, 2026, "Two")
    _cache_a_pdf_of(first, "pdf-one")
    _cache_a_pdf_of(second, "pdf-two")
    delete_account_data(user)
    assert cache.get("pdf-one") is None
    assert cache.get("pdf-two") is None
