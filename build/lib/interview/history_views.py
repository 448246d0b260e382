"""The owner's view of a return's history: every change to an answer, who made it, when, old → new.

The history itself is written by interview.services.save_step (one AnswerChange per changed field).
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from interview.forms import FORMS
from interview.models import AnswerChange
from interview.selectors import get_return_for
from interview.steps import BY_NAME


def changes_for(tax_return, newest_first: bool = True) -> list[dict]:
    """The recorded changes of one return as plain dicts (the page and the JSON export share this)."""
    order = ("-version", "-id") if newest_first else ("version", "id")
    rows = AnswerChange.objects.filter(tax_return=tax_return).select_related("user").order_by(*order)
    return [
        {
            "at": row.at,
            "by": row.user.get_username() if row.user is not None else None,
            "version": row.version,
            "step": row.step,
            "field": row.field,
            "old": row.old_value,
            "new": row.new_value,
        }
        for row in rows
    ]


def _labelled(tax_return, changes: list[dict]) -> list[dict]:
    """Add the question's title and label and how each value reads on the review page."""
    forms = {}
    for change in changes:
        step = change["step"]
        if step not in forms and step in FORMS:
            forms[step] = FORMS[step](answers=tax_return.answers, tax_year=tax_return.tax_year)
        form = forms.get(step)
        field = form.fields.get(change["field"]) if form is not None else None
        change["step_title"] = BY_NAME[step].title if step in BY_NAME else step
        change["label"] = field.label if field is not None else change["field"]
        for key in ("old", "new"):
            value = change[key]
            try:
                shown = form.display(change["field"], value) if field is not None else value
            except Exception:  # an old value the current form cannot format: show it as stored
                shown = value
            change[f"{key}_shown"] = None if value in (None, "") else shown
    return changes


@login_required
@require_GET
def history(request, return_id):
    tax_return = get_return_for(request.user, return_id)
    changes = _labelled(tax_return, changes_for(tax_return))
    return render(request, "interview/history.html", {"tax_return": tax_return, "changes": changes})
