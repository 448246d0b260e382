"""Does this use of the home qualify for the home office deduction? (IRC §280A(c), Pub 587 Figure A)

Pure Python, stdlib only. The interview calls `assess()` after every answer, so every fact is optional:
an unanswered question is None, and the verdict is "incomplete" (listing what is still needed) until an
answer already given decides the case — a decisive "no" is reported at once as a knockout.

The tree follows Pub 587 Figure A, extended as in RULES.md §5.2:
trade or business → employee (year rule, Form 2106 categories) → convenience of employer → rental to
employer → storage / daycare exceptions → exclusive use (each use of a shared space tested) → regular
use → principal place of business / meeting clients / separate structure.

One verdict covers one business use of one space. Several businesses sharing a space are assessed one
by one; the only cross-use rule that can sink this business's verdict (an employee use of the same
space failing the convenience-of-employer test, Pub 587 "More Than One Trade or Business") is asked
here directly.
"""

from __future__ import annotations

import contextlib
import dataclasses
from dataclasses import dataclass, field, fields
from typing import Any

from homeoffice.engine import eligibility_text as T
from homeoffice.engine.errors import InputError

ROLES = ("self_employed", "partner", "farmer", "statutory_employee", "employee")
EMPLOYEE_CATEGORIES = (
    "none",
    "performing_artist",
    "fee_basis_official",
    "armed_forces_reservist",
    "impairment_related",
)
SPACE_TYPES = ("office", "storage", "daycare")
DAYCARE_LICENSE_STATUSES = (
    "granted",
    "application_pending",
    "exempt",
    "rejected",
    "revoked",
    "never_applied",
)
# Pub 587 Daycare Facility: "applied for, been granted, or be exempt"; rejected or revoked does not count.
DAYCARE_LICENSE_OK = frozenset({"granted", "application_pending", "exempt"})
EMPLOYEE_RULES = ("allowed_2pct_floor", "suspended_67g", "denied_67h")
STATUSES = ("qualifies", "does_not_qualify", "refer", "incomplete")
QUALIFYING_BASES = (
    "principal_place_of_business",
    "meets_clients",
    "separate_structure",
    "storage",
    "daycare",
)


def _yes_no() -> Any:
    return field(default=None, metadata={"kind": "bool"})


def _one_of(choices: tuple[str, ...]) -> Any:
    return field(default=None, metadata={"kind": "choice", "choices": choices})


@dataclass(frozen=True)
class EligibilityFacts:
    """Answers about ONE business use of ONE space in the home. None means "not answered yet".

    Field order is the interview order. Each field's `metadata` says its kind ("bool" or "choice" with
    "choices"); eligibility_text.FACTS names each for verdict texts (the interview words the questions).
    """

    role: str | None = _one_of(ROLES)
    """How the person does the work that uses the space: self_employed, partner, farmer, statutory_employee
    (W-2 box 13 checked; files Schedule C) or employee (regular W-2 job)."""

    trade_or_business: bool | None = _yes_no()
    """The activity is a trade or business run for profit (not investing for one's own account, not a hobby)."""

    employee_category: str | None = _one_of(EMPLOYEE_CATEGORIES)
    """Employees, 2018 on only: Form 2106 category — none, performing_artist, fee_basis_official,
    armed_forces_reservist or impairment_related."""

    convenience_of_employer: bool | None = _yes_no()
    """The employee use of the space is for the employer's convenience (required, not merely appropriate and
    helpful). Asked for role employee, or when the space is also used for a W-2 job."""

    rents_space_to_employer: bool | None = _yes_no()
    """The person rents this part of the home to their employer and works in it as that employer's employee."""

    space_type: str | None = _one_of(SPACE_TYPES)
    """What the space is used for: office (any workspace), storage (inventory / product samples) or daycare."""

    sells_products_wholesale_or_retail: bool | None = _yes_no()
    """Storage test 1: selling products at wholesale or retail is the trade or business."""

    stores_inventory_or_samples: bool | None = _yes_no()
    """Storage test 2: the space holds inventory or product samples kept for use in the business."""

    home_only_fixed_location: bool | None = _yes_no()
    """Storage test 3: the home is the only fixed location of the business."""

    storage_space_separately_identifiable: bool | None = _yes_no()
    """Storage test 5: the storage area is a separately identifiable space suitable for storage
    (test 4, regular use, is `regular_use`)."""

    daycare_qualifying_care: bool | None = _yes_no()
    """Daycare: the care is for children, people 65 or older, or people physically or mentally unable to care
    for themselves."""

    daycare_license_status: str | None = _one_of(DAYCARE_LICENSE_STATUSES)
    """Daycare: state license/certification/registration/approval — granted, application_pending, exempt
    (these qualify), rejected, revoked or never_applied (these do not)."""

    exclusive_use: bool | None = _yes_no()
    """The specific space is used only for business (this or other businesses), never for personal use.
    For daycare it decides whether the time fraction is needed."""

    also_used_for_employee_work: bool | None = _yes_no()
    """Non-employee roles: the same space is also used for work as someone's employee (a W-2 job)."""

    regular_use: bool | None = _yes_no()
    """The space is used for the business on a regular basis, not incidentally or occasionally (also storage
    test 4 and the daycare regular-use requirement)."""

    home_is_main_work_location: bool | None = _yes_no()
    """Principal place of business by relative importance and time: the most important activities of the
    business are done, and most time is spent, in this space."""

    admin_management_at_home: bool | None = _yes_no()
    """Administrative or management activities of the business (billing, books, ordering supplies, setting
    appointments, writing reports) are done in this space."""

    substantial_admin_at_other_fixed_location: bool | None = _yes_no()
    """There is another fixed location where the person does SUBSTANTIAL administrative or management work for
    this business (see the help text for what does not count)."""

    meets_clients_in_person: bool | None = _yes_no()
    """Patients, clients or customers physically meet the person in this space, substantially and integrally
    to the business (phone or video calls and occasional meetings do not count)."""

    separate_structure: bool | None = _yes_no()
    """The space is a separate free-standing structure not attached to the home (studio, workshop, detached
    garage, barn, greenhouse)."""

    def __post_init__(self) -> None:
        for f in fields(self):
            _check_value(f, getattr(self, f.name), f"eligibility.{f.name}")

    @classmethod
    def from_dict(cls, d: dict, path: str = "eligibility") -> EligibilityFacts:
        """Build from JSON-like data; raises InputError naming the dotted path of the first bad entry."""
        if not isinstance(d, dict):
            raise InputError(path, "must be an object of answers")
        known = {f.name for f in fields(cls)}
        unknown = sorted(str(k) for k in d if k not in known)
        if unknown:
            raise InputError(f"{path}.{unknown[0]}", "unknown field")
        for f in fields(cls):
            _check_value(f, d.get(f.name), f"{path}.{f.name}")
        return cls(**d)

    def to_dict(self) -> dict[str, Any]:
        """Every field, None included, so from_dict(to_dict()) round-trips."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _check_value(f: dataclasses.Field, value: Any, path: str) -> None:
    if value is None:
        return
    if f.metadata["kind"] == "bool":
        # bool only: 0/1 or "yes" would hide an upstream mapping bug.
        if not isinstance(value, bool):
            raise InputError(path, f"must be true, false or null, not {value!r}")
        return
    choices = f.metadata["choices"]
    if not isinstance(value, str) or value not in choices:
        raise InputError(path, f"must be one of {', '.join(choices)} (or null), not {value!r}")


@dataclass(frozen=True)
class Reason:
    """One test applied: plain-language `text`, its `citation`, and whether it decided the verdict."""

    text: str
    citation: str
    decisive: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "citation": self.citation, "decisive": self.decisive}


@dataclass(frozen=True)
class Verdict:
    """The answer for one business use of one space.

    status: "qualifies" (every test needed is met), "does_not_qualify" (a decisive "no"; `knockout` is
    True), "refer" (a Form 2106 group that may deduct but that we do not compute; see a professional),
    "incomplete" (`missing` lists the fields to ask next, in interview order).
    qualifying_basis: set only when status is "qualifies". exclusive_required: False only for the storage
    and daycare bases. daycare_time_fraction_required: daycare basis and the space is not used only for
    daycare (the compute layer then applies hours used / hours in the year).
    """

    status: str
    reasons: tuple[Reason, ...]
    knockout: bool
    missing: tuple[str, ...]
    what_would_change: str
    alternatives: tuple[str, ...]
    qualifying_basis: str | None
    exclusive_required: bool
    daycare_time_fraction_required: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "reasons": [r.to_dict() for r in self.reasons],
            "knockout": self.knockout,
            "missing": list(self.missing),
            "what_would_change": self.what_would_change,
            "alternatives": list(self.alternatives),
            "qualifying_basis": self.qualifying_basis,
            "exclusive_required": self.exclusive_required,
            "daycare_time_fraction_required": self.daycare_time_fraction_required,
        }


# --- The walk ---------------------------------------------------------------------------------------


class _Knockout(Exception):
    """Internal: a decisive "no" was reached; stops the walk (later tests would only add noise)."""


class _Walk:
    def __init__(self) -> None:
        self.reasons: list[Reason] = []
        self.missing: list[str] = []
        self.failed: str | None = None  # key into T.WHAT_WOULD_CHANGE of the first decisive "no"
        self.exception_failed: str | None = None  # "storage"/"daycare" exception tried and missed
        self.exception_reason_idx: list[int] = []
        self.refer = False
        self.basis: str | None = None

    def passed(self, text: str, citation: str, decisive: bool = False) -> None:
        self.reasons.append(Reason(text, citation, decisive))

    def fail(self, key: str, text: str, citation: str) -> None:
        self.reasons.append(Reason(text, citation, True))
        self.failed = key
        raise _Knockout

    def need(self, *names: str) -> None:
        for n in names:
            if n not in self.missing:
                self.missing.append(n)


def _check_year_rule(tax_year: int, employee_rule: str) -> None:
    if employee_rule not in EMPLOYEE_RULES:
        raise ValueError(
            f"unknown employee_rule {employee_rule!r}; expected one of {', '.join(EMPLOYEE_RULES)}"
        )
    if isinstance(tax_year, bool) or not isinstance(tax_year, int):
        raise ValueError(f"tax_year must be an int, not {tax_year!r}")
    # Guard against a parameter file wired to the wrong year: the periods are fixed by statute
    # (§67(g) applies to taxable years 2018–2025; §67(h) from 2026).
    expected = (
        "allowed_2pct_floor" if tax_year < 2018 else "suspended_67g" if tax_year <= 2025 else "denied_67h"
    )
    if employee_rule != expected:
        raise ValueError(f"employee_rule {employee_rule!r} does not apply to tax year {tax_year}")


def assess(facts: EligibilityFacts, tax_year: int, employee_rule: str) -> Verdict:
    """Assess one business use of one space for `tax_year` under the year's `employee_rule`."""
    _check_year_rule(tax_year, employee_rule)
    if not isinstance(facts, EligibilityFacts):
        raise TypeError("facts must be an EligibilityFacts")
    w = _Walk()
    with contextlib.suppress(_Knockout):
        _walk(facts, tax_year, employee_rule, w)
    return _verdict(facts, tax_year, employee_rule, w)


def _walk(f: EligibilityFacts, tax_year: int, rule: str, w: _Walk) -> None:
    _role(f, w)
    _trade_or_business(f, w)
    if f.role == "employee":
        # §280A(c)(6) first (issue #13): renting the home office to one's employer denies the deduction
        # outright — whatever the year's employee rule — and is the decisive reason.
        _rental_to_employer(f, w)
        _employee(f, tax_year, rule, w)
        _employer_tests(f, w, other_job=False)
    if f.space_type is None:
        w.need("space_type")
        # Regular use is required by every route (office, storage, daycare), so a "no" decides already.
        _regular(f, w, need=False)
        return
    if f.space_type in ("storage", "daycare"):
        outcome = _storage(f, w) if f.space_type == "storage" else _daycare(f, w)
        if outcome in ("pass", "unknown"):
            return
    _general(f, w)


def _role(f: EligibilityFacts, w: _Walk) -> None:
    if f.role is None:
        w.need("role")
    elif f.role in T.ROLE_TEXT:
        w.passed(*T.ROLE_TEXT[f.role])


def _trade_or_business(f: EligibilityFacts, w: _Walk) -> None:
    if f.trade_or_business is None:
        w.need("trade_or_business")
    elif f.trade_or_business:
        w.passed(T.TRADE_MET, T.TRADE_OR_BUSINESS)
    else:
        w.fail("trade_or_business", T.TRADE_FAIL, T.TRADE_OR_BUSINESS)


def _employee(f: EligibilityFacts, tax_year: int, rule: str, w: _Walk) -> None:
    if rule == "allowed_2pct_floor":
        w.passed(T.employee_pre_2018_text(tax_year), T.EMPLOYEE_PRE_2018)
        return
    cat = f.employee_category
    if cat is None:
        w.need("employee_category")
    elif cat == "none":
        w.fail("employee_rule", *T.employee_rule_text(rule, tax_year))
    else:
        # The Form 2106 groups (performing artists, fee-basis officials, impairment-related expenses,
        # reservists): a route exists or is doubtful, and turns on facts (income tests, §67(d) scope, what
        # §62(a)(2)(E) reaches) we do not collect, so a professional decides. The §280A tests still apply;
        # answered ones can still knock out below.
        w.refer = True
        w.reasons.append(Reason(*T.REFER_CATEGORY[cat], True))


def _rental_to_employer(f: EligibilityFacts, w: _Walk) -> None:
    if f.rents_space_to_employer:
        w.fail("rental_to_employer", T.RENTAL_FAIL, T.RENTAL_TO_EMPLOYER)


def _employer_tests(f: EligibilityFacts, w: _Walk, other_job: bool) -> None:
    """Pub 587 'Additional tests for employee use' — for role employee, or a W-2 use of a shared space."""
    _rental_to_employer(f, w)
    if f.convenience_of_employer is None:
        w.need("convenience_of_employer")
    elif f.convenience_of_employer:
        w.passed(T.CONVENIENCE_MET_OTHER if other_job else T.CONVENIENCE_MET, T.CONVENIENCE)
    elif other_job:
        w.fail("other_employee_use", T.CONVENIENCE_FAIL_OTHER, T.MORE_THAN_ONE_BUSINESS)
    else:
        w.fail("convenience", T.CONVENIENCE_FAIL, T.CONVENIENCE)
    if f.rents_space_to_employer is None:
        w.need("rents_space_to_employer")
    elif f.rents_space_to_employer:
        w.fail("rental_to_employer", T.RENTAL_FAIL, T.RENTAL_TO_EMPLOYER)
    else:
        w.passed(T.RENTAL_MET, T.RENTAL_TO_EMPLOYER)


def _exception_tests(
    w: _Walk, kind: str, tests: list[tuple[str, bool | None, str, str]], citation: str
) -> str:
    """Apply an exception's tests; all must hold. Returns "pass", "fail" or "unknown"."""
    results = [value for _, value, _, _ in tests]
    if any(v is False for v in results):
        # One failed test already rules out the exception; the rest need not be asked.
        for _, value, _, fail_text in tests:
            if value is False:
                w.exception_reason_idx.append(len(w.reasons))
                w.passed(fail_text, citation)
        w.exception_failed = kind
        w.exception_reason_idx.append(len(w.reasons))
        w.passed(T.EXCEPTION_MISSED[kind], citation)
        return "fail"
    for name, value, pass_text, _ in tests:
        if value is None:
            w.need(name)
        else:
            w.passed(pass_text, citation)
    return "unknown" if any(v is None for v in results) else "pass"


def _storage(f: EligibilityFacts, w: _Walk) -> str:
    tests = [(name, getattr(f, name), *T.STORAGE_TESTS[name]) for name in T.STORAGE_TESTS]
    outcome = _exception_tests(w, "storage", tests, T.STORAGE)
    if outcome == "pass":
        w.basis = "storage"
        w.passed(T.STORAGE_MET, T.STORAGE, True)
    return outcome


def _daycare(f: EligibilityFacts, w: _Walk) -> str:
    lic = f.daycare_license_status
    lic_ok = None if lic is None else lic in DAYCARE_LICENSE_OK
    lic_text = T.DAYCARE_LICENSE_TEXT.get(lic, ("", ""))
    tests = [
        ("daycare_qualifying_care", f.daycare_qualifying_care, *T.DAYCARE_TESTS["daycare_qualifying_care"]),
        ("daycare_license_status", lic_ok, *lic_text),
        ("regular_use", f.regular_use, *T.DAYCARE_TESTS["regular_use"]),
    ]
    outcome = _exception_tests(w, "daycare", tests, T.DAYCARE)
    if outcome == "pass":
        w.basis = "daycare"
        w.passed(T.DAYCARE_MET, T.DAYCARE, True)
        # Qualification is settled, but the compute layer needs to know whether to apply the time fraction.
        if f.exclusive_use is None:
            w.need("exclusive_use")
        elif f.exclusive_use:
            w.passed(T.DAYCARE_EXCLUSIVE, T.DAYCARE)
        else:
            w.passed(T.DAYCARE_NOT_EXCLUSIVE, T.DAYCARE)
    return outcome


def _regular(f: EligibilityFacts, w: _Walk, need: bool = True) -> None:
    if f.regular_use is None:
        if need:
            w.need("regular_use")
    elif f.regular_use:
        w.passed(T.REGULAR_MET, T.REGULAR)
    else:
        w.fail("regular_use", T.REGULAR_FAIL, T.REGULAR)


def _general(f: EligibilityFacts, w: _Walk) -> None:
    """Exclusive and regular use, then one of principal place / clients / separate structure."""
    if f.exclusive_use is None:
        w.need("exclusive_use")
    elif f.exclusive_use:
        w.passed(T.EXCLUSIVE_MET, T.EXCLUSIVE)
    else:
        w.fail("exclusive_use", T.EXCLUSIVE_FAIL, T.EXCLUSIVE)

    if f.role != "employee":
        # Tracy White (Pub 587): an employee use of the same space must pass the employer tests, or the
        # exclusive-use test fails for every business in the space.
        if f.also_used_for_employee_work is None:
            w.need("also_used_for_employee_work")
        elif f.also_used_for_employee_work:
            _employer_tests(f, w, other_job=True)
        else:
            w.passed(T.NO_EMPLOYEE_USE, T.MORE_THAN_ONE_BUSINESS)

    _regular(f, w)

    storage_space = f.space_type == "storage"
    if storage_space:
        # A plain storage area is not a place where the business is conducted or clients are met; §280A(c)(2)
        # exists because it cannot qualify under (c)(1)(A)/(B). Only the separate-structure route remains.
        w.passed(T.STORAGE_FALLBACK, T.SEPARATE_STRUCTURE)
    routes = [("separate_structure", *_structure(f))]
    if not storage_space:
        routes = [("principal_place_of_business", *_ppob(f)), ("meets_clients", *_clients(f)), *routes]

    winners = [r for r in routes if r[1] == "pass"]
    if winners:
        basis, _, text, citation, _ = winners[0]
        w.basis = basis
        w.passed(text, citation, True)
        # The other routes were considered too; report the ones answered "no" as non-decisive.
        for _, state, text, citation, _ in routes:
            if state == "fail":
                w.passed(text, citation)
        return
    if any(state == "unknown" for _, state, _, _, _ in routes):
        for _, state, text, citation, needed in routes:
            if state == "fail":
                w.passed(text, citation)
            else:
                w.need(*needed)
        return
    for _, _, text, citation, _ in routes[:-1]:
        w.reasons.append(Reason(text, citation, True))
    _, _, text, citation, _ = routes[-1]
    w.fail("qualifying_use_storage" if storage_space else "qualifying_use", text, citation)


def _ppob(f: EligibilityFacts) -> tuple[str, str, str, tuple[str, ...]]:
    """Principal place of business: (state, text, citation, fields still needed)."""
    if f.home_is_main_work_location:
        return "pass", T.PPOB_MAIN_MET, T.PPOB, ()
    admin, elsewhere = f.admin_management_at_home, f.substantial_admin_at_other_fixed_location
    if admin and elsewhere is False:
        return "pass", T.PPOB_ADMIN_MET, T.PPOB_ADMIN, ()
    if f.home_is_main_work_location is False and (admin is False or elsewhere is True):
        text = T.PPOB_FAIL_NO_ADMIN if admin is False else T.PPOB_FAIL_ADMIN_ELSEWHERE
        return "fail", text, T.PPOB_ADMIN, ()
    needed = []
    if f.home_is_main_work_location is None:
        needed.append("home_is_main_work_location")
    if admin is None:
        needed.append("admin_management_at_home")
    if elsewhere is None and admin is not False:
        needed.append("substantial_admin_at_other_fixed_location")
    return "unknown", "", T.PPOB, tuple(needed)


def _clients(f: EligibilityFacts) -> tuple[str, str, str, tuple[str, ...]]:
    if f.meets_clients_in_person is None:
        return "unknown", "", T.CLIENTS, ("meets_clients_in_person",)
    if f.meets_clients_in_person:
        return "pass", T.CLIENTS_MET, T.CLIENTS, ()
    return "fail", T.CLIENTS_FAIL, T.CLIENTS, ()


def _structure(f: EligibilityFacts) -> tuple[str, str, str, tuple[str, ...]]:
    if f.separate_structure is None:
        return "unknown", "", T.SEPARATE_STRUCTURE, ("separate_structure",)
    if f.separate_structure:
        return "pass", T.STRUCTURE_MET, T.SEPARATE_STRUCTURE, ()
    return "fail", T.STRUCTURE_FAIL, T.SEPARATE_STRUCTURE, ()


# --- Verdict ----------------------------------------------------------------------------------------


def _verdict(f: EligibilityFacts, tax_year: int, rule: str, w: _Walk) -> Verdict:
    reasons = list(w.reasons)
    alternatives: list[str] = []
    if f.role == "employee":
        alternatives += [
            T.ACCOUNTABLE_PLAN_TEXT,
            T.no_1400_internet_deduction(rule, tax_year, f.employee_category),
        ]
        if rule != "allowed_2pct_floor":
            alternatives += [T.STATE_RETURN_TEXT]
        alternatives += [T.SEPARATE_BUSINESS_TEXT]

    if w.failed is not None:
        status = "does_not_qualify"
        change = T.WHAT_WOULD_CHANGE[w.failed]
        if w.exception_failed:
            # The missed exception is part of why: without it the general test that failed would not apply.
            for i in w.exception_reason_idx:
                reasons[i] = dataclasses.replace(reasons[i], decisive=True)
            change = T.EXCEPTION_CHANGE[w.exception_failed] + " " + change
        if f.role != "employee":
            alternatives += [T.OTHER_BUSINESS_EXPENSES_TEXT]
        # Everyone who does not qualify, employees included (issue #13): Schedule A still takes them.
        alternatives += [T.MORTGAGE_TAXES_TEXT]
        basis = None
    elif w.refer:
        status, change, basis = "refer", T.REFER_CHANGE, None
        alternatives += [T.MORTGAGE_TAXES_TEXT]
    elif w.missing:
        status, change, basis = "incomplete", T.incomplete_change(w.missing), None
    else:
        status, basis = "qualifies", w.basis
        if basis is None:  # pragma: no cover - every completed walk without a knockout sets a basis
            raise AssertionError("qualifying walk without a basis")
        change = T.QUALIFIES_CHANGE[basis]
        if basis == "daycare" and f.exclusive_use is False:
            change += " " + T.DAYCARE_FRACTION_CHANGE
        alternatives += [T.METHOD_CHOICE_TEXT]

    return Verdict(
        status=status,
        reasons=tuple(reasons),
        knockout=w.failed is not None,
        missing=tuple(w.missing) if status == "incomplete" else (),
        what_would_change=change,
        alternatives=tuple(alternatives),
        qualifying_basis=basis,
        exclusive_required=basis not in ("storage", "daycare"),
        daycare_time_fraction_required=basis == "daycare" and f.exclusive_use is False,
    )
