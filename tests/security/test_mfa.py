"""Second factors are the owner's only (the passkey URLs carry an authenticator id), and the operator's
"MFA for everyone" setting holds every signed-in page until one is set up."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse


@pytest.fixture
def passkey_of(db):
    def make(user):
        return Authenticator.objects.create(
            user=user, type=Authenticator.Type.WEBAUTHN, data={"name": "Zebra key", "credential": {}}
        )

    return make


def test_another_persons_passkey_is_a_404_and_unchanged(make_user, passkey_of, sign_in, password):
    owner, other = make_user("erin"), make_user("frank")
    key = passkey_of(owner)
    c = sign_in(other, Client())
    # Changing sign-in methods asks for the password again first; then the other person's key is a 404.
    assert c.get(reverse("mfa_edit_webauthn", kwargs={"pk": key.pk})).url.startswith(
        reverse("account_reauthenticate")
    )
    c.post(reverse("account_reauthenticate"), {"password": password})
    for name in ("mfa_edit_webauthn", "mfa_remove_webauthn"):
        url = reverse(name, kwargs={"pk": key.pk})
        assert c.get(url).status_code == 404, name
        assert c.post(url, {"name": "Hijacked"}).status_code == 404, name
    key.refresh_from_db()
    assert key.user_id == owner.pk and key.data["name"] == "Zebra key"


def test_each_person_lists_only_their_own_passkeys(make_user, passkey_of):
    """Control for the test above: the key is real and listed for its owner, and only for its owner."""
    owner, other = make_user("erin"), make_user("frank")
    passkey_of(owner)
    mine, theirs = Client(), Client()
    mine.force_login(owner)
    theirs.force_login(other)
    assert b"Zebra key" in mine.get(reverse("mfa_list_webauthn")).content
    assert b"Zebra key" not in theirs.get(reverse("mfa_list_webauthn")).content


def test_operator_can_require_a_second_factor_for_everyone(make_user, sign_in, settings):
    settings.REQUIRE_MFA = True
    erin = make_user("erin")
    c = sign_in(erin, Client())
    response = c.get(reverse("interview:dashboard"))
    assert response.status_code == 302 and response.url == reverse("mfa_index")
    Authenticator.objects.create(user=erin, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert c.get(reverse("interview:dashboard")).status_code == 200
