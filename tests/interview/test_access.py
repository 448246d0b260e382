"""Another user's return is a 404 for every interview URL, GET and POST; anonymous users go to login."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from interview import services, steps
from interview.models import TaxReturn

pytestmark = pytest.mark.django_db


def urls_for(pk):
    names = ["resume", "knockout", "review", "summary", "rename", "duplicate", "delete", "history"]
    out = []
    for name in names:
        kwargs = {"return_id": pk} if name in ("history",) else {"pk": pk}
        out.append(reverse(f"interview:{name}", kwargs=kwargs))
    out += [reverse("interview:step", kwargs={"pk": pk, "step": s}) for s in steps.STEP_NAMES]
    out.append(reverse("interview:export_json", kwargs={"return_id": pk}))
    out.append(reverse("interview:worksheet_pdf", kwargs={"return_id": pk}))
    return out


def test_another_users_return_is_a_404_everywhere(client_for, user, other_user):
    theirs = services.create_return(other_user, 2025, "Not yours")
    theirs = services.save_step(
        theirs,
        other_user,
        "work",
        {"role": "employee", "business_description": "x", "trade_or_business": True},
        theirs.version,
    )
    client = client_for(user)
    for url in urls_for(theirs.pk):
        assert client.get(url).status_code == 404, url
        # Read-only views of other features (history, export) answer POST with 405 for every id alike.
        allowed = (404, 405) if url.endswith(("/history/", ".json", ".pdf")) else (404,)
        assert client.post(url, {"name": "mine now", "version": "99"}).status_code in allowed, url
    theirs.refresh_from_db()
    assert theirs.name == "Not yours" and TaxReturn.objects.filter(owner=other_user).count() == 1


def test_anonymous_users_are_sent_to_sign_in(client, user):
    tax_return = services.create_return(user, 2025, "Mine")
    for url in urls_for(tax_return.pk):
        response = client.get(url)
        assert response.status_code == 302 and reverse("account_login") in response["Location"], url


def test_services_refuse_someone_elses_return(user, other_user):
    theirs = services.create_return(other_user, 2025, "Not yours")
    for call in (
        lambda: services.save_step(theirs, user, "work", {}, theirs.version),
        lambda: services.rename_return(theirs, user, "x"),
        lambda: services.duplicate_return(theirs, user),
        lambda: services.delete_return(theirs, user),
        lambda: services.save_draft(theirs, user, "work", {}),
    ):
        with pytest.raises(PermissionDenied):
            call()
