"""Which language a page is in, the switch, and US formats in Spanish (issue #18, decision 0110)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from homeoffice.engine.money import format_money
from interview.models import LanguagePreference
from tests.interview.conftest import create_return, post_step, step_url

pytestmark = pytest.mark.django_db

WORK = {"role": "self_employed", "business_description": "Diseño", "trade_or_business": "yes"}


def switch(client, language, next_url="/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def test_the_browsers_accept_language_chooses_spanish_and_the_page_says_so(client):
    page = client.get("/", headers={"accept-language": "es-MX,es;q=0.9,en;q=0.5"})
    html = page.content.decode()
    assert '<html lang="es">' in html
    assert "Calcule su deducción por uso comercial del hogar" in html
    assert page["Content-Language"] == "es"


def test_english_stays_the_default_and_unchanged(client):
    html = client.get("/", headers={"accept-language": "fr"}).content.decode()
    assert '<html lang="en">' in html
    assert "Work out your home office deduction" in html


def test_every_page_has_the_switch_and_each_language_is_named_in_its_own_language(client):
    html = client.get("/").content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert '<option value="es" lang="es">Español</option>' in html


def test_the_switch_beats_accept_language_for_the_rest_of_the_visit(client):
    response = switch(client, "es", "/")
    assert response.status_code == 302 and response["Location"] == "/"
    html = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="es">' in html


def test_a_signed_in_persons_choice_is_remembered_after_signing_out_and_in(client_for, user, client):
    signed_in = client_for(user)
    switch(signed_in, "es")
    assert LanguagePreference.objects.get(user=user).language == "es"
    signed_in.post(reverse("account_logout"))
    client.cookies.clear()  # sign-out clears cookies (Clear-Site-Data): only the saved choice remains
    client_for(user)
    html = client.get(reverse("interview:dashboard"), headers={"accept-language": "en"}).content.decode()
    assert '<html lang="es">' in html and "Sus declaraciones" in html


def test_switching_language_mid_interview_keeps_every_answer(logged_in):
    tax_return, _location = create_return(logged_in)
    post_step(logged_in, tax_return, "work", WORK)
    tax_return.refresh_from_db()
    before = (tax_return.answers, tax_return.version)

    switch(logged_in, "es", step_url(tax_return, "work"))
    html = logged_in.get(step_url(tax_return, "work")).content.decode()
    tax_return.refresh_from_db()
    assert (tax_return.answers, tax_return.version) == before
    # The page reads the same saved answers, now in Spanish.
    assert "¿Cómo realiza el trabajo para el que usa este espacio?" in html
    assert re.search(r'value="self_employed"[^>]* checked', html)
    assert 'value="Diseño"' in html
    assert "Página 1 de" in html

    switch(logged_in, "en", step_url(tax_return, "work"))
    html = logged_in.get(step_url(tax_return, "work")).content.decode()
    assert "How do you do the work that uses this space?" in html and 'value="Diseño"' in html


@pytest.mark.parametrize("language", ["en", "es"])
def test_amounts_and_dates_keep_us_formats_in_both_languages(language):
    with translation.override(language):
        assert format_money(Decimal("1234.56")) == "$1,234.56"
        html = Template('{% load money %}{{ x|money }}|{{ d|date:"m/d/Y" }}').render(
            Context({"x": Decimal("1234.56"), "d": __import__("datetime").date(2025, 12, 31)})
        )
    assert html == "$1,234.56|12/31/2025"


def test_an_engine_text_with_values_is_said_in_spanish_and_stays_english_in_the_result():
    from homeoffice.engine.i18n import Text, localize

    label = Text("Page {page} of {count}: {section}", page=2, count=9, section="Your home")
    assert label == "Page 2 of 9: Your home"  # what the engine's result and its JSON carry
    assert localize(label, "es") == "Página 2 de 9: Su hogar"
    assert localize(label, "en") == label
    assert localize("A text no catalog knows", "es") == "A text no catalog knows"
