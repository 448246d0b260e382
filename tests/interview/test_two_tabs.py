"""Two tabs of one person on one return never lose an answer (issue #14), on SQLite and on PostgreSQL.

Each test drives two real clients (two tabs, one user) through the HTTP views, reading the version and the
hidden fields from the pages exactly as a browser would, and checks the saved answers by hand:

- Back keeps a draft typed against the version the page was shown at; saving it later merges against what
  the other tab saved meanwhile instead of reverting it (a tab that opens the page while a draft exists sees
  the draft, and its save takes the draft over);
- a conflict names the field both tabs changed; "Save what I just entered" sends only the fields this tab
  changed; "Keep what is saved now" drops this tab's draft;
- a refused value, then corrected, is saved against the version the page was first shown at;
- a double submit is one change;
- NUL and other control characters are refused at the field and never kept in a draft.
Run on PostgreSQL with DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db>.
"""

from html.parser import HTMLParser

import pytest
from django.test import Client

from interview.models import AnswerChange, TaxReturn
from tests.interview.conftest import create_return, step_url, walk

pytestmark = pytest.mark.django_db

WORK = {"role": "self_employed", "business_description": "Design", "trade_or_business": "yes"}
INCOME = {"gross_income": "50000", "expenses_not_from_home": "1000"}


class Forms(HTMLParser):
    """Every <form method=post> of a page: its inputs (name -> value) and its submit buttons."""

    def __init__(self, html):
        super().__init__()
        self.forms, self._current = [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._current = {"inputs": {}, "buttons": {}}
            self.forms.append(self._current)
        elif self._current is not None and tag == "input" and a.get("name"):
            if a.get("type") in ("radio", "checkbox") and "checked" not in a:
                return
            self._current["inputs"][a["name"]] = a.get("value") or ""
        elif self._current is not None and tag == "button" and a.get("name"):
            self._current["buttons"][a["name"]] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None

    def with_button(self, name=None):
        """The inputs of the page's answer form with the named button (None: the one that saves answers)."""
        for form in self.forms:
            if "version" not in form["inputs"] and "keep_saved" not in form["buttons"]:
                continue  # not a form of the interview (signing out, say)
            if (name in form["buttons"]) if name else "keep_saved" not in form["buttons"]:
                data = dict(form["inputs"])
                if name:
                    data[name] = form["buttons"][name]
                return data
        raise AssertionError(f"no form with button {name!r}")


class Tab:
    """One browser tab: it GETs a page, keeps its form, and posts it back with some fields typed over."""

    def __init__(self, client, tax_return):
        self.client, self.tax_return, self.page = client, tax_return, None

    def open(self, step):
        response = self.client.get(step_url(self.tax_return, step))
        assert response.status_code == 200, response.status_code
        self.step, self.page = step, Forms(response.content.decode())
        return response

    @property
    def version(self) -> int:
        return int(self.page.with_button()["version"])

    def submit(self, typed=None, back=False):
        data = self.page.with_button()
        data.pop("csrfmiddlewaretoken", None)
        data.update({f"{self.step}-{k}": v for k, v in (typed or {}).items()})
        if back:
            data["wizard_goto_step"] = "back"
        response = self.client.post(step_url(self.tax_return, self.step), data)
        if response.status_code in (200, 409):
            self.page = Forms(response.content.decode())
        return response

    def press(self, button=None):
        """Press a button on the page last shown (a conflict page's choices)."""
        data = self.page.with_button(button)
        data.pop("csrfmiddlewaretoken", None)
        response = self.client.post(step_url(self.tax_return, self.step), data)
        if response.status_code in (200, 409):
            self.page = Forms(response.content.decode())
        return response


@pytest.fixture
def tabs(user, password):
    first, second = Client(), Client()
    for c in (first, second):
        assert c.login(username=user.get_username(), password=password)
    tax_return, location = create_return(first)
    walk(first, tax_return, location, [("work", WORK), ("income", INCOME)])
    return Tab(first, tax_return), Tab(second, tax_return)


def income(tax_return):
    tax_return.refresh_from_db()
    saved = tax_return.answers["income"]
    return {k: saved[k] for k in INCOME}


def test_a_draft_left_with_back_does_not_revert_what_the_other_tab_saved(tabs):
    a, b = tabs
    a.open("income")
    shown_at = a.version
    b.open("income")
    assert b.submit({"expenses_not_from_home": "2000"}).status_code == 302
    assert a.submit({"gross_income": "51000"}, back=True).status_code == 302  # a draft, typed at `shown_at`
    a.open("income")  # the draft again, still carrying the version it was typed against
    assert a.version == shown_at
    assert a.submit().status_code == 302
    # A changed the income, B the expenses: both kept (before #14 the draft reverted B's 2,000 to 1,000).
    assert income(a.tax_return) == {"gross_income": "51000", "expenses_not_from_home": "2000"}
    assert "income" not in a.tax_return.drafts


def test_a_draft_and_another_save_of_the_same_answer_conflict_and_save_mine_sends_only_my_fields(tabs):
    a, b = tabs
    a.open("income")
    b.open("income")
    b.submit({"gross_income": "52000", "expenses_not_from_home": "2000"})
    a.submit({"gross_income": "51000"}, back=True)
    a.open("income")
    conflict = a.submit()
    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "Gross income of the business for the year" in html  # names the field both changed...
    assert "Business expenses not related to the home" not in html  # ...and only that one
    assert income(a.tax_return) == {
        "gross_income": "52000",
        "expenses_not_from_home": "2000",
    }  # nothing written
    resend = a.page.with_button()
    assert "income-expenses_not_from_home" not in resend  # this tab never changed it: not sent
    assert a.press().status_code == 302  # Save what I just entered
    assert income(a.tax_return) == {"gross_income": "51000", "expenses_not_from_home": "2000"}


def test_save_what_i_just_entered_never_reverts_a_field_this_tab_did_not_touch(tabs):
    """Issue #14 path (2): the stale page's other fields used to be resent with the current version."""
    a, b = tabs
    a.open("income")
    b.open("income")
    b.submit({"gross_income": "52000", "expenses_not_from_home": "2000"})
    assert a.submit({"gross_income": "51000"}).status_code == 409
    assert a.press().status_code == 302
    assert income(a.tax_return) == {"gross_income": "51000", "expenses_not_from_home": "2000"}


def test_keep_what_is_saved_now_drops_this_tabs_draft(tabs):
    a, b = tabs
    a.open("income")
    b.open("income")
    b.submit({"gross_income": "52000"})
    a.submit({"gross_income": "51000"}, back=True)
    a.open("income")
    assert a.submit().status_code == 409
    response = a.press("keep_saved")
    assert response.status_code == 302
    a.tax_return.refresh_from_db()
    assert "income" not in a.tax_return.drafts
    assert 'value="52000"' in a.open("income").content.decode()
    assert income(a.tax_return)["gross_income"] == "52000"


def test_a_refused_then_corrected_value_is_saved_against_the_version_first_shown(tabs):
    """Issue #14 path (3): the error page used to carry the current version, so the corrected save reverted
    the other tab's change."""
    a, b = tabs
    a.open("income")
    shown_at = a.version
    b.open("income")
    b.submit({"expenses_not_from_home": "2000"})
    refused = a.submit({"gross_income": "51,00x"})
    assert refused.status_code == 200 and 'id="id_income-gross_income-error"' in refused.content.decode()
    assert a.version == shown_at
    assert a.submit({"gross_income": "51000"}).status_code == 302
    assert income(a.tax_return) == {"gross_income": "51000", "expenses_not_from_home": "2000"}


def test_a_double_submit_is_one_change(tabs):
    a, _b = tabs
    a.open("income")
    page = a.page
    assert a.submit({"gross_income": "51000"}).status_code == 302
    version = TaxReturn.objects.get(pk=a.tax_return.pk).version
    a.page = page  # the same page posted again (a double click)
    assert a.submit({"gross_income": "51000"}).status_code == 302
    assert TaxReturn.objects.get(pk=a.tax_return.pk).version == version
    assert (
        AnswerChange.objects.filter(tax_return=a.tax_return, field="gross_income").count() == 2
    )  # 50000, 51000


def test_unchanged_fields_are_never_written(tabs):
    a, _b = tabs
    a.open("income")
    before = AnswerChange.objects.count()
    a.submit({"gross_income": "51000"})
    changed = list(AnswerChange.objects.order_by("id").values_list("field", flat=True)[before:])
    assert changed == ["gross_income"]


@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x1b", "\x7f", "\x9f"])
def test_control_characters_are_refused_at_the_field_and_never_kept_in_a_draft(tabs, bad):
    a, _b = tabs
    a.open("work")
    refused = a.submit({"business_description": f"De{bad}sign"})
    html = refused.content.decode()
    assert refused.status_code == 200
    assert 'id="id_work-business_description-error"' in html and "control characters" in html
    a.tax_return.refresh_from_db()
    assert a.tax_return.answers["work"]["business_description"] == "Design"
    a.open("income")
    assert a.submit({"gross_income": f"5{bad}1000"}, back=True).status_code == 302
    a.tax_return.refresh_from_db()
    assert a.tax_return.drafts["income"]["values"]["gross_income"] == "51000"
