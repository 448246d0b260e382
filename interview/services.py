"""Every write to a return goes through here. Views stay thin; the security engineer tests these names.

save_step is the heart: atomic (transaction + select_for_update on the return row), bumps `version` once per
effective change, records one AnswerChange per changed field, and is idempotent (submitting the same answers
again changes nothing). A submit made against a stale version is merged field by field against the history:
a field the other writer changed and this submit left as it was keeps the other writer's value; a field both
changed to different values raises VersionConflict with both values, and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from interview import engine_api, steps, summaries, worksheets
from interview.fields import has_control_characters, strip_control_characters
from interview.models import AnswerChange, TaxReturn
from interview.pdf import forget_return

MAX_NAME = 120
MAX_DRAFT_VALUE = 500


@dataclass(frozen=True)
class FieldConflict:
    field: str
    yours: object
    theirs: object


class VersionConflict(Exception):
    """The return changed since the form was shown and this submit disagrees with that change.

    `changed_here` names every field this submit changed from what its page showed (the conflicting ones and
    the others): "save what I just entered" resends only those, so a field this tab never touched cannot
    revert the other writer's value (issue #14).
    """

    def __init__(
        self,
        step: str,
        conflicts: list[FieldConflict],
        current_version: int,
        changed_here: tuple[str, ...] = (),
    ):
        self.step = step
        self.conflicts = conflicts
        self.current_version = current_version
        self.changed_here = tuple(changed_here) or tuple(c.field for c in conflicts)
        fields = ", ".join(c.field for c in conflicts)
        super().__init__(f"{step}: changed elsewhere since version was read ({fields})")

    @property
    def by_field(self) -> dict[str, dict[str, object]]:
        return {c.field: {"yours": c.yours, "theirs": c.theirs} for c in self.conflicts}


def _check_owner(tax_return: TaxReturn, user) -> None:
    if user is None or tax_return.owner_id != getattr(user, "pk", None):
        raise PermissionDenied("Not your return")


def _clean_name(name) -> str:
    name = (name or "").strip()
    if has_control_characters(name):
        raise ValidationError("Remove the control characters (such as NUL) from the name")
    if not name:
        raise ValidationError("Enter a name for the return")
    if len(name) > MAX_NAME:
        raise ValidationError(f"Use at most {MAX_NAME} characters")
    return name


def create_return(user, tax_year: int, name: str) -> TaxReturn:
    if tax_year not in engine_api.supported_years():
        raise ValidationError(f"Tax year {tax_year} is not supported")
    return TaxReturn.objects.create(owner=user, tax_year=tax_year, name=_clean_name(name))


def rename_return(tax_return: TaxReturn, user, name: str) -> TaxReturn:
    _check_owner(tax_return, user)
    tax_return.name = _clean_name(name)
    tax_return.save(update_fields=["name", "updated_at"])
    worksheets.schedule(tax_return)  # the name is printed on the worksheet
    return tax_return


def duplicate_return(tax_return: TaxReturn, user, name: str | None = None) -> TaxReturn:
    """A new return with the same year and answers (no drafts, no history), e.g. for a second home."""
    _check_owner(tax_return, user)
    copy_name = _clean_name(name or f"Copy of {tax_return.name}"[:MAX_NAME])
    copy = TaxReturn.objects.create(
        owner=tax_return.owner,
        tax_year=tax_return.tax_year,
        name=copy_name,
        status=tax_return.status,
        answers=tax_return.answers,
        deduction=tax_return.deduction,
        method=tax_return.method,
        summary_of=tax_return.summary_of,
    )
    worksheets.schedule(copy)
    return copy


def delete_return(tax_return: TaxReturn, user) -> None:
    _check_owner(tax_return, user)
    return_id = tax_return.pk
    tax_return.delete()
    # A cached worksheet PDF holds the return's figures: it must not outlive the return.
    transaction.on_commit(lambda: forget_return(return_id))


def _base_values(tax_return: TaxReturn, step: str, since_version: int) -> dict[str, object]:
    """For each field of `step` changed after `since_version`: its value at `since_version`."""
    base: dict[str, object] = {}
    for change in AnswerChange.objects.filter(
        tax_return=tax_return, step=step, version__gt=since_version
    ).order_by("version", "id"):
        base.setdefault(change.field, change.old_value)
    return base


def save_step(tax_return: TaxReturn, user, step: str, data: dict, expected_version: int) -> TaxReturn:
    """Save one step's cleaned answers (JSON-friendly values). Returns the refreshed return.

    Raises VersionConflict (nothing written) when `expected_version` is stale and a field this submit
    changes was also changed, differently, by someone else since then.
    """
    _check_owner(tax_return, user)
    if step not in steps.STEP_NAMES:
        raise ValueError(f"unknown step {step!r}")
    if not isinstance(data, dict):
        raise TypeError("data must be a dict")
    if any(has_control_characters(v) for v in data.values()):
        # The forms refuse them with a message at the field; this is the last line, on every database.
        raise ValidationError("Answers cannot contain control characters", code="control_character")
    with transaction.atomic():
        locked = TaxReturn.objects.select_for_update().get(pk=tax_return.pk)
        answered = isinstance(locked.answers.get(step), dict)
        current = dict(locked.answers.get(step) or {})
        merged = dict(current)
        changed: dict[str, tuple[object, object]] = {}
        if not 0 <= expected_version <= locked.version:
            # A version this return never had (a made-up or tampered form value): treat the submit as made
            # before any change, so every field someone else changed is checked rather than overwritten.
            expected_version = -1
        stale = expected_version != locked.version
        base = _base_values(locked, step, expected_version) if stale else {}
        conflicts = []
        changed_here = []
        for field, mine in data.items():
            theirs = current.get(field)
            shown = base.get(field, theirs)  # what this submit's page showed
            if mine != shown:
                changed_here.append(field)
            if mine == theirs:
                merged.setdefault(field, mine)  # first save of a step: keep blank answers as answered
                continue
            if stale and field in base:
                if mine == base[field]:
                    continue  # this submit did not touch it; keep the other writer's value
                conflicts.append(FieldConflict(field, mine, theirs))
                continue
            merged[field] = mine
            changed[field] = (theirs, mine)
        if conflicts:
            raise VersionConflict(step, conflicts, locked.version, tuple(changed_here))
        draft_cleared = step in (locked.drafts or {})
        if not changed and answered:
            if draft_cleared:
                drafts = dict(locked.drafts)
                drafts.pop(step)
                locked.drafts = drafts
                locked.save(update_fields=["drafts", "updated_at"])
            return locked
        locked.version += 1
        answers = dict(locked.answers)
        answers[step] = merged
        locked.answers = answers
        if draft_cleared:
            drafts = dict(locked.drafts)
            drafts.pop(step)
            locked.drafts = drafts
        # The returns list's status, deduction and method, judged now so the list never runs the engine.
        judged = summaries.apply(locked)
        locked.save(update_fields=["answers", "drafts", "version", *judged, "updated_at"])
        AnswerChange.objects.bulk_create(
            AnswerChange(
                tax_return=locked,
                user=user,
                step=step,
                field=field,
                old_value=old,
                new_value=new,
                version=locked.version,
            )
            for field, (old, new) in changed.items()
        )
        worksheets.schedule(locked)  # render this version's worksheet ahead of the download (issue #17)
    return locked


def save_draft(
    tax_return: TaxReturn, user, step: str, raw: dict[str, str], version: int | None = None
) -> None:
    """Keep what was typed on a page left with Back, valid or not. Not an answer; no version bump.

    The draft carries `version`, the return's version the page was shown at (issue #14): saved later, it is
    merged against what changed since then like any stale page, so it can never silently revert another tab's
    save. Control characters are dropped: a draft is kept as typed otherwise, but NUL cannot be stored.
    """
    _check_owner(tax_return, user)
    if step not in steps.STEP_NAMES:
        raise ValueError(f"unknown step {step!r}")
    values = {
        strip_control_characters(str(k))[:80]: strip_control_characters(str(v))[:MAX_DRAFT_VALUE]
        for k, v in raw.items()
    }
    with transaction.atomic():
        locked = TaxReturn.objects.select_for_update().get(pk=tax_return.pk)
        if version is None or not 0 <= version <= locked.version:
            version = locked.version if version is None else -1
        drafts = dict(locked.drafts or {})
        drafts[step] = {"version": version, "values": values}
        locked.drafts = drafts
        locked.save(update_fields=["drafts", "updated_at"])


def draft_for(tax_return: TaxReturn, step: str) -> tuple[dict[str, str], int] | None:
    """(what was typed, the version the page was shown at) for a page left with Back, or None.

    Drafts saved before drafts carried a version read as version -1: everything changed since is checked."""
    draft = (tax_return.drafts or {}).get(step)
    if not isinstance(draft, dict):
        return None
    if isinstance(draft.get("values"), dict) and isinstance(draft.get("version"), int):
        return {str(k): str(v) for k, v in draft["values"].items()}, draft["version"]
    return {str(k): str(v) for k, v in draft.items()}, -1


def discard_draft(tax_return: TaxReturn, user, step: str) -> None:
    _check_owner(tax_return, user)
    with transaction.atomic():
        locked = TaxReturn.objects.select_for_update().get(pk=tax_return.pk)
        if step in (locked.drafts or {}):
            drafts = dict(locked.drafts)
            drafts.pop(step)
            locked.drafts = drafts
            locked.save(update_fields=["drafts", "updated_at"])


def roll_over_return(tax_return: TaxReturn, user, name: str | None = None) -> TaxReturn:
    """A new return for the next tax year started from this one (issue #6): stable facts copied, last year's
    Form 8829 lines 43/44 as this year's carryovers (frozen ones carried unchanged), the depreciation record
    advanced by the engine (interview.rollover). Income, expenses and this year's dates are asked again.
    The history of the new return records every prefilled answer, and where it came from."""
    from interview import rollover

    _check_owner(tax_return, user)
    answers, roll = rollover.next_year_answers(tax_return)
    new_name = _clean_name(name or rollover.rolled_name(tax_return.name, roll.to_year, MAX_NAME))
    with transaction.atomic():
        new = TaxReturn(owner=tax_return.owner, tax_year=roll.to_year, name=new_name, answers=answers)
        summaries.apply(new)
        new.save()
        changes = [
            AnswerChange(
                tax_return=new,
                user=user,
                step="rollover",
                field="started_from",
                old_value=None,
                new_value={"return": tax_return.pk, "tax_year": tax_return.tax_year, "name": tax_return.name},
                version=new.version,
            )
        ]
        changes += [
            AnswerChange(
                tax_return=new,
                user=user,
                step=step,
                field=field,
                old_value=None,
                new_value=value,
                version=new.version,
            )
            for step, fields in answers.items()
            for field, value in fields.items()
            if value is not None
        ]
        AnswerChange.objects.bulk_create(changes)
        worksheets.schedule(new)
    return new
