"""Start next year's return from this one (issue #6). Thin: ownership first, POST only, the service writes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect

from interview import rollover, services
from interview.selectors import get_return_for


@login_required
def roll_over(request, pk):
    tax_return = get_return_for(request.user, pk)  # someone else's id is a 404, never a 405
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        new = services.roll_over_return(tax_return, request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("interview:dashboard")
    pages = rollover.pages_to_check(new.answers, new.tax_year)
    check = "; ".join(f"{title} ({why})" for title, why in pages)
    messages.success(
        request,
        f"Started {new.tax_year} from {tax_return.tax_year}: the answers that still apply are filled in. "
        + (f"Pages that need a look: {check}." if check else "Check them on the review page."),
    )
    return redirect("interview:resume", pk=new.pk)
