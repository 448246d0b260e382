"""The question table (interview/questions.py) is the one source of each question it holds (issue #14)."""

import dataclasses

import pytest

from homeoffice.engine import eligibility_text as ET
from homeoffice.engine.eligibility import EligibilityFacts
from interview import case as C
from interview import questions as Q
from interview.forms import FORMS, StepForm, install_table_page


def test_every_engine_fact_is_fed_by_a_row_of_the_table():
    facts = {f.name for f in dataclasses.fields(EligibilityFacts)}
    assert set(Q.eligibility_sources()) == facts
    assert Q.eligibility_sources() == C.ELIGIBILITY_SOURCES
    # A question asked on two pages (employee, and a W-2 job in the same space) reads the first answered.
    assert C.ELIGIBILITY_SOURCES["convenience_of_employer"] == [
        ("employee", "convenience_of_employer"),
        ("other_job", "convenience_of_employer"),
    ]


def test_the_engine_keeps_facts_and_verdict_texts_not_interview_wording():
    assert not hasattr(ET, "QUESTIONS")
    assert set(ET.FACTS) == {f.name for f in dataclasses.fields(EligibilityFacts)}


@pytest.mark.parametrize("q", Q.QUESTIONS, ids=lambda q: f"{q.page}.{q.key}")
def test_each_row_is_what_its_page_shows(q):
    form = FORMS[q.page](answers={"work": {"role": "self_employed"}}, tax_year=2025)
    made = form.fields[q.key]
    assert (made.label, made.help_text, made.required) == (q.label, q.hint, q.required)
    assert made.why_text == q.why and made.why_cite.startswith(q.cite.split(";")[0])
    if q.choices:
        assert [tuple(c) for c in made.choices] == list(q.choices)


def test_adding_a_yes_no_question_is_one_row(monkeypatch):
    """The worked example of docs/decisions/0061: one row gives the field, its why, its reveal, its case
    mapping and its rollover (the engine fact it feeds is the engine's side)."""
    row = Q.Question(
        "space_has_own_entrance",
        "place",
        Q.YES_NO,
        "Does the space have its own entrance?",
        hint="A door to the outside used only for the business.",
        why="Clients coming in through their own door show the space is used for business.",
        cite="Pub 587, Place To Meet Patients, Clients, or Customers",
        required=False,
        shown_if=("meets_clients_in_person", (True,)),
        case="eligibility.space_has_own_entrance",
    )
    monkeypatch.setattr(Q, "QUESTIONS", (*Q.QUESTIONS, row))

    class PlaceWithEntrance(StepForm):
        pass

    install_table_page(PlaceWithEntrance, "place")
    form = PlaceWithEntrance(
        data={"place-meets_clients_in_person": "no", "place-space_has_own_entrance": "yes"},
        prefix="place",
        answers={},
        tax_year=2025,
    )
    assert form.fields["space_has_own_entrance"].label == "Does the space have its own entrance?"
    assert form.fields["space_has_own_entrance"].why_text.startswith("Clients coming in")
    assert not form.shown("space_has_own_entrance")  # revealed only by a "yes" to meeting clients
    assert Q.eligibility_sources()["space_has_own_entrance"] == [("place", "space_has_own_entrance")]
    assert "space_has_own_entrance" in Q.carried()["place"]
