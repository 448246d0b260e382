"""NUL and other control characters, posted on every step of the interview (Continue and Back): never a server
error, a message at each field, nothing saved, and nothing of them kept in a draft (issue #14).

PostgreSQL cannot store NUL in text or JSON (psycopg refuses "\\u0000"), so this matters most there: run it
with DATABASE_URL=postgres://... too. Every step is reached through a return whose answers make it apply.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview import steps
from interview.fields import has_control_characters
from interview.forms import FORMS
from interview.models import AnswerChange, TaxReturn
from tests.security.flows import step_payload, step_url
from tests.security.test_fuzz_forms import VIEW_PROFILE, good_value_for

pytestmark = pytest.mark.django_db

CONTROL = ["\x00", "\x0b", "\x1b", "\x7f", "\x9f"]  # the rest of C0 and C1 at random below

# Saved answers under which each step applies (the steps' conditions read only these).
CONTEXTS = [
    {"work": {"role": "employee"}, "home": {"ownership": "rent", "measure": "sqft", "whole_year": True}},
    {
        "work": {"role": "self_employed"},
        "space": {
            "space_type": "daycare",
            "regular_use": True,
            "exclusive_use": False,
            "also_used_for_employee_work": True,
        },
        "daycare": {"daycare_qualifying_care": True, "daycare_license_status": "granted"},
        "home": {"ownership": "own", "measure": "rooms", "whole_year": False, "moved": True,
                 "other_home_for_business": True},
        "office": {"another_business": True},
        "deduction": {"deduction": "itemize"},
    },
    {"work": {"role": "self_employed"}, "space": {"space_type": "storage", "regular_use": True},
     "storage": {"sells_products_wholesale_or_retail": False}},
]  # fmt: skip


def context_for(step):
    return next(answers for answers in CONTEXTS if step in steps.active_names(answers))


def test_every_step_is_reached():
    assert {s for answers in CONTEXTS for s in steps.active_names(answers)} == set(steps.STEP_NAMES)


@pytest.fixture
def owner(client, make_user, sign_in):
    user = make_user("nul-poster")
    sign_in(user)
    return user


def snapshot(tax_return):
    tax_return = TaxReturn.objects.get(pk=tax_return.pk)
    return tax_return.answers, tax_return.version, AnswerChange.objects.count()


def post_with(client, tax_return, step, typed, back=False):
    payload = step_payload(tax_return, step, typed, tax_return.version)
    if back:
        payload["wizard_goto_step"] = "back"
    return client.post(step_url(tax_return, step), payload)


def fields_of(step, answers, year=2025):
    return FORMS[step](answers=answers, tax_year=year).fields


def with_control(value, char, where):
    cut = where % (len(value) + 1)
    return value[:cut] + char + value[cut:]


@pytest.mark.parametrize("step", steps.STEP_NAMES)
def test_control_characters_on_every_step_are_refused_at_the_field_and_dropped_from_drafts(
    client, owner, make_return, step
):
    answers = context_for(step)
    tax_return = make_return(owner, answers=answers)
    before = snapshot(tax_return)
    fields = fields_of(step, answers)
    for i, char in enumerate(CONTROL):
        typed = {name: with_control(good_value_for(f), char, i) for name, f in fields.items()}
        response = post_with(client, tax_return, step, typed)
        assert response.status_code == 200, (step, repr(char), response.status_code)
        html = response.content.decode()
        for name in fields:
            assert f'id="id_{step}-{name}-error"' in html, (step, name, repr(char))
        assert "control characters" in html
        assert snapshot(tax_return) == before

        response = post_with(client, tax_return, step, typed, back=True)
        assert response.status_code == 302, (step, repr(char), response.status_code)
        tax_return.refresh_from_db()
        draft = tax_return.drafts[step]["values"]
        assert set(draft) == set(fields)
        assert not any(has_control_characters(v) or has_control_characters(k) for k, v in draft.items())
        assert snapshot(tax_return) == before
        # The page opened from that draft shows it, and saving it is refused or saved: never an error.
        assert client.get(step_url(tax_return, step)).status_code == 200


@settings(VIEW_PROFILE, max_examples=25)
@given(data=st.data())
def test_random_text_with_control_characters_never_breaks_a_page(client, owner, make_return, data):
    step = data.draw(st.sampled_from(steps.STEP_NAMES))
    answers = context_for(step)
    tax_return = make_return(owner, answers=answers)
    fields = list(fields_of(step, answers))
    control = st.characters(min_codepoint=0, max_codepoint=0x9F).filter(has_control_characters)
    noisy = st.tuples(st.text(max_size=12), control, st.text(max_size=12)).map("".join)
    typed = data.draw(st.dictionaries(st.sampled_from(fields), noisy, min_size=1))
    back = data.draw(st.booleans())
    response = post_with(client, tax_return, step, typed, back=back)
    assert response.status_code == (302 if back else 200)
    tax_return.refresh_from_db()
    if back:
        assert not any(has_control_characters(v) for v in tax_return.drafts[step]["values"].values())
    else:
        html = response.content.decode()
        for name in typed:
            assert f'id="id_{step}-{name}-error"' in html, (step, name, typed[name])
