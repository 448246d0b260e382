"""Fuzzing every interview form with malformed values (Hypothesis).

Each example fills some fields of a form with values that are wrong for that field's type — huge and negative
numbers, NaN and infinities, exponents, other locales' separators, non-ASCII digits, unicode, empty where an
answer is required, over-long text, choices that do not exist — plus extra fields a form never shows (`owner`,
`version`, `answers`...). Checked: no exception (no 5xx), a message on every malformed field, and the extra
fields never reach the cleaned data. A sample goes through the real views too: never a 5xx, the message is on
the page, and the stored return (answers, version, history) is unchanged.

At least 10,000 malformed values are posted in total (counted; the last test checks). Budget via Hypothesis
profiles: HYPOTHESIS_SECURITY_PROFILE=security-ci (default, CI) or security-deep (more examples, locally).
"""

import os
import re
from decimal import Decimal

import pytest
from django import forms as djforms
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from interview import fields as F
from interview.forms import FORMS, NewReturnForm, RenameForm
from interview.models import AnswerChange, TaxReturn
from tests.security.flows import create_return, renter_pages, step_payload, step_url, walk

settings.register_profile(
    "security-ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "security-deep",
    max_examples=1500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_SECURITY_PROFILE", "security-ci"))
VIEW_PROFILE = settings(
    PROFILE,
    max_examples=max(15, PROFILE.max_examples // 6),
    suppress_health_check=[*PROFILE.suppress_health_check, HealthCheck.function_scoped_fixture],
)
MIN_TOTAL = 10_000
COUNT = {"values": 0, "view_values": 0}

EXTRA_FIELDS = {
    "owner": "1",
    "owner_id": "1",
    "id": "1",
    "pk": "1",
    "tax_return": "1",
    "answers": '{"income": {"gross_income": "1"}}',
    "status": "complete",
    "drafts": "{}",
    "user": "1",
    "is_staff": "on",
}

# --- Malformed values, by field type ---------------------------------------------------------------------
NUMERIC_ALPHABET = set("0123456789,.$%- \t\n\r\x0b\x0c\u00a0\u2212")
ALWAYS_BAD_NUMBERS = [
    "NaN", "nan", "-NaN", "sNaN", "Infinity", "-Infinity", "inf", "∞",
    "1e5", "1E3", "2.5e-3", "1e400", "0x1F", "0b101", "1_000", "½", "٣",
    "1.234,56", "1.234.567", "1 234", "1\u00a0234,50", "1'234.50", "12,34,567", "1,23", "12.345", "0.001",
    "١٢٣", "１２３", "१२३", "5$", "$$5", "--5", "+5", "5-", "(5)", "1..2", "1.2.3", ".", ",", "$", "%",
    "5 5", "5\x00", "\x00", "' OR 1=1 --", "<script>", "{{ 5 }}",
]  # fmt: skip


def _unicode_junk():
    """Any text with at least one character no number is written with (and not mere whitespace)."""
    junk = st.characters(codec="utf-8").filter(lambda c: c not in NUMERIC_ALPHABET and not c.isspace())
    return st.tuples(st.text(max_size=8), junk, st.text(max_size=8)).map("".join)


def _overlong():
    """Longer than any number anyone types (over 40 characters), cheap to generate."""
    return st.one_of(
        st.integers(min_value=41, max_value=5000).map(lambda n: "9" * n),
        st.tuples(st.text(max_size=10), st.integers(min_value=41, max_value=300)).map(
            lambda t: t[0] + "1" * t[1]
        ),
    )


def bad_money(field):
    options = [
        st.sampled_from(ALWAYS_BAD_NUMBERS),
        _unicode_junk(),
        _overlong(),
        st.integers(min_value=10**9, max_value=10**39).map(lambda n: f"{n:,}" if n % 2 else str(n)),
    ]
    if not field.allow_negative:
        options.append(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("-0.01"), places=2).map(str))
        options.append(st.sampled_from(["-0.01", "-1", "−5", "$-5", "-$5", "- 5"]))
    if field.required:
        options.append(st.sampled_from(["", "   ", "\u00a0"]))
    return st.one_of(options)


def bad_quantity(field):
    options = [
        st.sampled_from([*ALWAYS_BAD_NUMBERS, "$5", "-5", "-0.5"]),
        _unicode_junk(),
        _overlong(),
        st.integers(min_value=int(field.max_value) + 1, max_value=10**30).map(str),
        st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("-0.01"), places=2).map(str),
    ]
    if not field.allow_zero:
        options.append(st.sampled_from(["0", "0.00", "0,000"]))
    if field.required:
        options.append(st.just(""))
    return st.one_of(options)


def bad_percent(field):
    options = [
        st.sampled_from([*ALWAYS_BAD_NUMBERS, "100.01", "101", "1,5", "50,0", "-1", "-0.5", "1000%", "50%%"]),
        _unicode_junk(),
        _overlong(),
        st.decimals(min_value=Decimal("100.01"), max_value=Decimal("1e12"), places=2).map(str),
    ]
    if field.required:
        options.append(st.just(""))
    return st.one_of(options)


def bad_whole(field):
    options = [
        st.sampled_from([*ALWAYS_BAD_NUMBERS, "1.5", "-1", "1e2"]),
        _unicode_junk(),
        _overlong(),
        st.integers(min_value=field.max_value + 1, max_value=10**30).map(str),
        st.integers(max_value=field.min_value - 1, min_value=-(10**12)).map(str),
    ]
    if field.required:
        options.append(st.just(""))
    return st.one_of(options)


def bad_choice(field):
    valid = {str(k) for k, _ in field.choices}
    options = [
        st.sampled_from(
            [
                "true",
                "false",
                "True",
                "1",
                "0",
                "on",
                "YES",
                "Yes",
                " yes",
                "yes ",
                "13",
                "-1",
                "None",
                "null",
            ]
        ),
        st.text(max_size=12),
        _overlong(),
    ]
    return st.one_of(options).filter(lambda s: s not in valid and (s != "" or field.required))


def bad_text(field):
    options = [st.text(min_size=1, max_size=40).map(lambda s: s + "\x00")]
    if field.max_length:
        options.append(
            st.tuples(st.text(max_size=10), st.integers(min_value=1, max_value=300)).map(
                lambda t, n=field.max_length: t[0] + "é" * (n + t[1])
            )
        )
    if field.required:
        options.append(st.sampled_from(["", "   "]))
    return st.one_of(options)


_STRATEGIES = {}


def bad_values_for(field):
    """A strategy of values this field must refuse (built once per kind of field: building is slow)."""
    key = (
        type(field),
        field.required,
        getattr(field, "allow_negative", None),
        getattr(field, "allow_zero", None),
        getattr(field, "min_value", None),
        getattr(field, "max_value", None),
        getattr(field, "max_length", None),
        tuple(str(k) for k, _ in getattr(field, "choices", ())),
    )
    if key not in _STRATEGIES:
        _STRATEGIES[key] = _bad_values_for(field)
    return _STRATEGIES[key]


def _bad_values_for(field):
    if isinstance(field, F.MoneyField):
        return bad_money(field)
    if isinstance(field, F.DecimalQuantityField):
        return bad_quantity(field)
    if isinstance(field, F.PercentField):
        return bad_percent(field)
    if isinstance(field, F.WholeNumberField):
        return bad_whole(field)
    if isinstance(field, djforms.ChoiceField):
        return bad_choice(field)
    if isinstance(field, djforms.CharField):
        return bad_text(field)
    raise AssertionError(
        f"fuzzer does not know {type(field).__name__}: teach tests/security/test_fuzz_forms.py"
    )


# Contexts that show every field at least once (owners vs renters, rooms vs square feet, part year, years).
CONTEXTS = [
    ({}, 2025),
    (
        {
            "work": {"role": "self_employed"},
            "home": {"ownership": "own", "measure": "rooms", "whole_year": False},
        },
        2025,
    ),
    (
        {"work": {"role": "employee"}, "home": {"ownership": "rent", "measure": "sqft", "whole_year": True}},
        2024,
    ),
]


def good_value_for(field):
    """A value the field accepts, so cross-field checks (form.clean) also run on half-valid input."""
    if isinstance(field, F.MoneyField | F.DecimalQuantityField):
        return "150"
    if isinstance(field, F.PercentField):
        return "40"
    if isinstance(field, F.WholeNumberField):
        return str(field.min_value)
    if isinstance(field, djforms.ChoiceField):
        return next((str(k) for k, _ in field.choices if str(k)), "")
    return "Design"


def values_strategy(fields):
    """-> (all posted values, the malformed ones): each field malformed (mostly), valid, or left out; at
    least one malformed."""
    branches = {}
    for name, field in fields.items():
        bad = bad_values_for(field).map(lambda v: ("bad", v))
        branches[name] = st.one_of(
            bad, bad, bad, st.just(("good", good_value_for(field))), st.just(("omit", ""))
        )

    def split(chosen):
        data = {n: v for n, (kind, v) in chosen.items() if kind != "omit"}
        return data, {n: v for n, (kind, v) in chosen.items() if kind == "bad"}

    return st.fixed_dictionaries(branches).map(split).filter(lambda pair: pair[1])


def malformed_submission(form_class):
    """(all posted values, the malformed ones, extra fields) for one form: values drawn for the union of the
    fields it shows in any context, then posted in every context."""
    fields = {}
    for answers, year in CONTEXTS:
        for name, field in form_class(answers=answers, tax_year=year).fields.items():
            # Where a field is optional in some context, blank is not malformed: keep the optional one.
            if name not in fields or not field.required:
                fields[name] = field
    extra = st.dictionaries(st.sampled_from(sorted(EXTRA_FIELDS)), st.text(max_size=20), max_size=4)
    return st.tuples(values_strategy(fields), extra).map(lambda t: (t[0][0], t[0][1], t[1]))


def check_form(form, bad, extra):
    assert not form.is_valid() or not bad
    for name in bad:
        assert form.errors.get(name), f"{type(form).__name__}.{name} accepted {bad[name]!r}"
        assert all(str(e).strip() for e in form.errors[name])
    cleaned = getattr(form, "cleaned_data", {})
    assert not set(extra) & set(cleaned)


@pytest.mark.parametrize("step", list(FORMS))
def test_step_forms_refuse_malformed_values(step):
    form_class = FORMS[step]

    @PROFILE
    @given(malformed_submission(form_class))
    def run(submission):
        values, bad, extra = submission
        data = {f"{step}-{k}": v for k, v in {**extra, **values}.items()}
        data.update(extra)  # unprefixed too
        for answers, year in CONTEXTS:  # the same post in every context: different fields, different checks
            form = form_class(data=data, answers=answers, tax_year=year, prefix=step)
            # A question hidden by the answer that reveals it (issue #14) is neither checked nor kept.
            shown = {n: v for n, v in bad.items() if n in form.fields and form.shown(n)}
            check_form(form, shown, extra)
            hidden = [n for n in bad if n in form.fields and not form.shown(n)]
            assert all(getattr(form, "cleaned_data", {}).get(n) is None for n in hidden), hidden
            COUNT["values"] += len(shown)

    run()


@pytest.mark.parametrize("form_class", [NewReturnForm, RenameForm], ids=lambda c: c.__name__)
def test_return_forms_refuse_malformed_values(form_class):
    def make(data):
        return (
            form_class(data=data, years=(2024, 2025))
            if form_class is NewReturnForm
            else form_class(data=data)
        )

    probe = make(None)

    @PROFILE
    @given(values_strategy(probe.fields))
    def run(submission):
        values, bad = submission
        check_form(make({**EXTRA_FIELDS, **values}), bad, EXTRA_FIELDS)
        COUNT["values"] += len(bad)

    run()


# --- A sample through the views --------------------------------------------------------------------------
@pytest.fixture
def finished(client, make_user, sign_in):
    sign_in(make_user("fuzz-owner"))
    return walk(client, create_return(client, name="Fuzzed flat"), renter_pages())


def stored(tax_return):
    tax_return = TaxReturn.objects.get(pk=tax_return.pk)
    return (tax_return.answers, tax_return.version, tax_return.owner_id, AnswerChange.objects.count())


def test_views_refuse_malformed_values_and_store_nothing(client, finished):
    from interview import steps

    active = [s for s in steps.active_names(finished.answers) if s in FORMS]
    before = stored(finished)

    @VIEW_PROFILE
    @given(st.data())
    def run(data):
        step = data.draw(st.sampled_from(active))
        form_class = FORMS[step]
        probe = form_class(answers=finished.answers, tax_year=finished.tax_year)
        values, bad = data.draw(values_strategy(probe.fields))
        posted = form_class(
            data={f"{step}-{k}": v for k, v in values.items()},
            answers=finished.answers,
            tax_year=finished.tax_year,
            prefix=step,
        )
        bad = {n: v for n, v in bad.items() if posted.shown(n)}  # hidden questions are not checked (#14)
        assume(bad)
        payload = step_payload(finished, step, {**EXTRA_FIELDS, **values}, finished.version)
        payload.update(EXTRA_FIELDS)
        response = client.post(step_url(finished, step), payload)
        assert response.status_code == 200, (step, bad, response.status_code)
        html = response.content.decode()
        for name in bad:
            assert f'id="id_{step}-{name}-error"' in html, (step, name, bad[name])
        assert re.search(r'class="error-summary"', html)
        assert stored(finished) == before
        COUNT["view_values"] += len(bad)

    run()


def test_at_least_ten_thousand_malformed_values_were_posted():
    if COUNT["values"] == 0:
        pytest.skip("run the whole module to count")
    total = COUNT["values"] + COUNT["view_values"]
    assert total >= MIN_TOTAL, f"only {total} malformed values posted; raise max_examples in the profile"
