"""The owner's view of a return's history: every change to an answer, who made it, when, old → new."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from interview.selectors import get_return_for


def _change_model():
    try:
        from interview.models import AnswerChange
    except ImportError:  # the interview's history model has not landed yet
        return None
    return AnswerChange


def _first(obj, names, default=None):
    for name in names:
        if hasattr(obj, name):
            return getattr(obj, name)
    return default


def changes_for(tax_return, newest_first: bool = True) -> list[dict]:
    """The recorded changes of one return as plain dicts (the page and the JSON export share this)."""
    model = _change_model()
    if model is None:
        return []
    fk = next(
        f.name for f in model._meta.get_fields() if getattr(f, "related_model", None) is type(tax_return)
    )
    order = "-id" if newest_first else "id"
    rows = model.objects.filter(**{fk: tax_return}).order_by(order)
    changes = []
    for row in rows:
        who = _first(row, ("changed_by", "user", "author", "by"))
        changes.append(
            {
                "at": _first(row, ("changed_at", "created_at", "at", "timestamp")),
                "by": who.get_username() if who is not None and hasattr(who, "get_username") else None,
                "step": _first(row, ("step",)),
                "field": _first(row, ("field", "key", "name")),
                "old": _first(row, ("old_value", "old", "before")),
                "new": _first(row, ("new_value", "new", "after")),
            }
        )
    return changes


@login_required
@require_GET
def history(request, return_id):
    tax_return = get_return_for(request.user, return_id)
    return render(
        request, "interview/history.html", {"tax_return": tax_return, "changes": changes_for(tax_return)}
    )
