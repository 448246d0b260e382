"""Thin views: dashboard, the interview wizard, knockout, review and summary.

Every return is fetched through interview.selectors (owner-scoped: another user's return is a 404), every
write goes through interview.services, and no view computes tax: the summary presents the engine's Result.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from formtools.wizard.views import NamedUrlSessionWizardView

from homeoffice.engine.errors import EngineError
from interview import case as C
from interview import engine_api, presenters, rollover, services, worksheets
from interview import steps as S
from interview.forms import FORMS, NewReturnForm, RenameForm
from interview.selectors import get_return_for, returns_for

RETURN_TO_REVIEW = "review"


# --- Dashboard ----------------------------------------------------------------------------------------
RETURNS_PER_PAGE = 10


@login_required
def dashboard(request):
    # One page of returns, each row from the figures stored when it was saved: two queries (count + page)
    # and no engine run, however many returns the person has (issue #17).
    returns = returns_for(request.user).only(*presenters.DASHBOARD_FIELDS)
    page = Paginator(returns, RETURNS_PER_PAGE).get_page(request.GET.get("page"))
    patterns = presenters.row_url_patterns()
    rows = [presenters.dashboard_row(r, patterns) for r in page.object_list]
    form = NewReturnForm(years=engine_api.supported_years())
    return render(request, "interview/dashboard.html", {"rows": rows, "page": page, "new_form": form})


@login_required
def new_return(request):
    form = NewReturnForm(request.POST or None, years=engine_api.supported_years())
    if request.method == "POST" and form.is_valid():
        try:
            tax_return = services.create_return(
                request.user, form.cleaned_data["tax_year"], form.cleaned_data["name"]
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            return redirect("interview:resume", pk=tax_return.pk)
    return render(request, "interview/new_return.html", {"form": form})


@login_required
def resume(request, pk):
    """Open a return where the person left off: knockout, first unanswered step, or the review page."""
    tax_return = get_return_for(request.user, pk)
    return redirect(_resume_url(tax_return))


def _resume_url(tax_return) -> str:
    answers, year = tax_return.answers, tax_return.tax_year
    if C.knocked_out(C.verdict_for(answers, year)):
        return reverse("interview:knockout", kwargs={"pk": tax_return.pk})
    step = C.first_unanswered(answers, year)
    if step:
        return _step_url(tax_return.pk, step)
    return reverse("interview:review", kwargs={"pk": tax_return.pk})


def _step_url(pk, step, back_to_review=False, anchor="") -> str:
    url = reverse("interview:step", kwargs={"pk": pk, "step": step})
    if back_to_review:
        url += "?" + urlencode({"return": RETURN_TO_REVIEW})
    return url + (f"#{anchor}" if anchor else "")


@login_required
def rename(request, pk):
    tax_return = get_return_for(request.user, pk)
    form = RenameForm(request.POST or None, initial={"name": tax_return.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.rename_return(tax_return, request.user, form.cleaned_data["name"])
        except ValidationError as e:
            form.add_error("name", e)
        else:
            messages.success(request, f"Renamed to “{tax_return.name}”.")
            return redirect("interview:dashboard")
    return render(request, "interview/rename.html", {"form": form, "tax_return": tax_return})


@login_required
def duplicate(request, pk):
    tax_return = get_return_for(request.user, pk)  # ownership first: someone else's id is a 404, never a 405
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    copy = services.duplicate_return(tax_return, request.user)
    messages.success(request, f"Made a copy: “{copy.name}”.")
    return redirect("interview:dashboard")


@login_required
def delete(request, pk):
    tax_return = get_return_for(request.user, pk)
    if request.method == "POST":
        name = tax_return.name
        services.delete_return(tax_return, request.user)
        messages.success(request, f"Deleted “{name}”.")
        return redirect("interview:dashboard")
    return render(request, "interview/delete.html", {"tax_return": tax_return})


# --- The interview --------------------------------------------------------------------------------------
class InterviewWizard(LoginRequiredMixin, NamedUrlSessionWizardView):
    """formtools' named-URL wizard with the database as the record.

    - Nothing is kept in the session (interview.wizard_storage): the URL names the step, the database holds
      the answers, so two returns in two tabs never share anything and a page view writes no session.
    - Steps come from interview.steps (conditions on the SAVED answers; no recursion, formtools #220).
    - Continue saves the step at once (services.save_step); Back saves what was typed as a draft, valid or
      not (formtools #284), and goes to the previous ACTIVE step (formtools #277).
    - Initial values come from the draft or the saved answers, never from wizard storage.
    """

    template_name = "interview/step.html"
    storage_name = "interview.wizard_storage.RequestStorage"  # no session write per page (issue #17)
    form_list = list(FORMS.items())
    condition_dict = {s.name: s.condition for s in S.STEPS if s.condition}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.tax_return = get_return_for(request.user, kwargs["pk"])
        if kwargs.get("step") not in FORMS:
            raise Http404("No such question")
        return super().dispatch(request, *args, **kwargs)

    def get_prefix(self, request, *args, **kwargs):
        return f"interview_return_{kwargs['pk']}"

    def get_form_list(self):
        # Conditions in steps.py take the answers; the wizard instance carries the return. The cache is
        # dropped so a save within this request is seen at once.
        self.__dict__.pop("_resolved_form_list", None)
        conditions = self.condition_dict
        answers = self.tax_return.answers
        self.condition_dict = {k: (lambda _w, c=c: c(answers)) for k, c in conditions.items()}
        try:
            return super().get_form_list()
        finally:
            self.condition_dict = conditions

    def get_step_url(self, step):
        return reverse(self.url_name, kwargs={"pk": self.tax_return.pk, "step": step})

    def get_form_kwargs(self, step=None):
        return {"answers": self.tax_return.answers, "tax_year": self.tax_return.tax_year}

    def get_form_initial(self, step):
        draft = services.draft_for(self.tax_return, step)
        if draft is not None:
            return dict(draft[0])
        return FORMS[step].initial_from_storage(self.tax_return.answers.get(step))

    def _posted_version(self) -> int:
        """The version the submitted page was shown at (a made-up value reads as -1: nothing is trusted)."""
        try:
            return int(self.request.POST.get("version", ""))
        except ValueError:
            return -1

    def _back_to_review(self):
        return self.request.GET.get("return") == RETURN_TO_REVIEW

    def _review_at(self, step, form) -> str:
        """The review page at the answer that was changed (issue #16): "Change" carries ?answer=<field>; only
        a field of this page is trusted, else the page's heading."""
        answer = self.request.GET.get("answer", "")
        name = answer if answer in form.fields else ""
        url = reverse("interview:review", kwargs={"pk": self.tax_return.pk})
        return f"{url}#{presenters.review_anchor(step, name)}"

    def get(self, request, *args, **kwargs):
        step = kwargs["step"]
        if step not in self.get_form_list():
            messages.info(request, "That question does not apply to your answers, so we skipped it.")
            return redirect(_resume_url(self.tax_return))
        self.storage.current_step = step
        # A page reopened from a draft keeps the version it was typed against, so saving it later is merged
        # against what changed since (another tab's save is never reverted silently: issue #14).
        draft = services.draft_for(self.tax_return, step)
        self.page_version = draft[1] if draft is not None else self.tax_return.version
        return self.render(self.get_form(step=step))

    def post(self, *args, **kwargs):
        request, step = self.request, kwargs["step"]
        if step not in self.get_form_list():
            messages.info(request, "That question does not apply to your answers any more.")
            return redirect(_resume_url(self.tax_return))
        self.storage.current_step = step
        answers = self.tax_return.answers
        expected = self.page_version = self._posted_version()

        if "keep_saved" in request.POST:  # after a conflict: drop what this tab typed, show what is saved
            services.discard_draft(self.tax_return, request.user, step)
            return redirect(_step_url(self.tax_return.pk, step, self._back_to_review()))

        form = self.get_form(step=step, data=self._submitted_data(step))
        if "wizard_goto_step" in request.POST:  # Back: keep what was typed, valid or not.
            raw = {name: request.POST.get(form.add_prefix(name), "") for name in form.fields}
            services.save_draft(self.tax_return, request.user, step, raw, expected)
            prev = S.previous_step(answers, step)
            if prev is None:
                return redirect("interview:dashboard")
            return redirect(_step_url(self.tax_return.pk, prev, self._back_to_review()))

        if not form.is_valid():
            return self.render(form)  # with the version the page was shown at, not the current one
        try:
            self.tax_return = services.save_step(
                self.tax_return, request.user, step, form.to_storage(), expected
            )
        except services.VersionConflict as conflict:
            return self.render_conflict(form, conflict)
        self.storage.set_step_data(step, {})  # the database is the record; nothing kept in the session

        answers, year = self.tax_return.answers, self.tax_return.tax_year
        if C.knocked_out(C.verdict_for(answers, year)):
            return redirect("interview:knockout", pk=self.tax_return.pk)
        if self._back_to_review():
            missing = C.first_unanswered(answers, year)
            if missing:
                return redirect(_step_url(self.tax_return.pk, missing, back_to_review=True))
            return redirect(self._review_at(step, form))
        nxt = S.next_step(answers, step)
        if nxt is None:
            return redirect("interview:review", pk=self.tax_return.pk)
        return redirect(_step_url(self.tax_return.pk, nxt))

    def _submitted_data(self, step):
        """The POST, or for a conflict resolution ("only_fields"): the fields this tab changed over what is
        saved now (the page behind it was shown at the conflict's version)."""
        post = self.request.POST
        only = post.get("only_fields")
        if only is None:
            return post
        form_class = FORMS[step]
        probe = form_class(answers=self.tax_return.answers, tax_year=self.tax_return.tax_year, prefix=step)
        data = post.copy()
        keep = {probe.add_prefix(n) for n in only.split(",") if n in probe.fields}
        for key, value in probe.data_from_storage(self.tax_return.answers.get(step)).items():
            if key not in keep:
                data[key] = value
        for name in probe.fields:  # a field never saved and not resent: blank, as the saved step has it
            key = probe.add_prefix(name)
            if key not in keep and key not in data:
                data[key] = ""
        return data

    def render_conflict(self, form, conflict):
        rows = [
            {
                "label": form.fields[c.field].label if c.field in form.fields else c.field,
                "yours": form.display(c.field, c.yours) if c.field in form.fields else str(c.yours),
                "theirs": form.display(c.field, c.theirs) if c.field in form.fields else str(c.theirs),
            }
            for c in conflict.conflicts
        ]
        # "Save what I just entered" resends only the fields this tab changed; every other field is filled in
        # from what is saved when it arrives, so it cannot revert what the other tab saved (issue #14).
        mine = [name for name in conflict.changed_here if name in form.fields]
        posted = [(form.add_prefix(name), self.request.POST.get(form.add_prefix(name), "")) for name in mine]
        context = {
            "tax_return": self.tax_return,
            "step": S.BY_NAME[kwargs_step(self)],
            "rows": rows,
            "posted": posted,
            "only_fields": ",".join(mine),
            "current_version": conflict.current_version,
            "back_to_review": self._back_to_review(),
        }
        return render(self.request, "interview/conflict.html", context, status=409)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        answers = self.tax_return.answers
        context.update(
            {
                "tax_return": self.tax_return,
                "step": S.BY_NAME[step],
                "progress": (progress := S.progress(answers, step)),
                "sections": progress["sections"],
                "has_previous": S.previous_step(answers, step) is not None,
                "has_draft": step in (self.tax_return.drafts or {}),
                "version": getattr(self, "page_version", self.tax_return.version),
                "back_to_review": self._back_to_review(),
                "fields": presenters.field_rows(form),
                "error_links": form.error_links() if form.is_bound else [],
            }
        )
        return context


def kwargs_step(view) -> str:
    return view.kwargs["step"]


# --- Knockout, review, summary -------------------------------------------------------------------------
@login_required
def knockout(request, pk):
    tax_return = get_return_for(request.user, pk)
    verdict = C.verdict_for(tax_return.answers, tax_return.tax_year)
    if not C.knocked_out(verdict):
        return redirect(_resume_url(tax_return))
    step = C.deciding_step(tax_return.answers, tax_return.tax_year)
    context = {"tax_return": tax_return, **presenters.verdict_context(verdict, tax_return, step)}
    return render(request, "interview/knockout.html", context)


@login_required
def review(request, pk):
    tax_return = get_return_for(request.user, pk)
    sections = presenters.review_sections(tax_return)
    missing = C.first_unanswered(tax_return.answers, tax_return.tax_year)
    verdict = C.verdict_for(tax_return.answers, tax_return.tax_year)
    context = {
        "tax_return": tax_return,
        "sections": sections,
        "missing_url": _step_url(tax_return.pk, missing) if missing else None,
        "knocked_out": C.knocked_out(verdict),
        "unused": presenters.unused_steps(tax_return),
    }
    return render(request, "interview/review.html", context)


@login_required
def summary(request, pk):
    tax_return = get_return_for(request.user, pk)
    answers, year = tax_return.answers, tax_return.tax_year
    if C.knocked_out(C.verdict_for(answers, year)):
        return redirect("interview:knockout", pk=pk)
    if C.first_unanswered(answers, year):
        messages.info(request, "Some questions are not answered yet.")
        return redirect(_resume_url(tax_return))
    try:
        result = C.compute_result(tax_return)
    except EngineError as e:
        return render(
            request,
            "interview/engine_error.html",
            {"tax_return": tax_return, "error": presenters.engine_error(e)},
            status=200,
        )
    if not result.computed:  # the engine found the eligibility answers incomplete: never show amounts
        messages.info(request, "We need a few more answers before we can work out your deduction.")
        return redirect("interview:review", pk=pk)
    context = {
        "tax_return": tax_return,
        "pdf_url": _pdf_url(tax_return.pk),
        # Said only when a render of these answers is queued and not finished (issue #17).
        "pdf_preparing": worksheets.is_pending(tax_return)
        and not worksheets.is_ready(tax_return, request.user),
        **presenters.result_context(result, tax_return),
        **rollover.summary_context(tax_return, result),  # issue #6: ledger, advisor, why limited, chart
    }
    return render(request, "interview/summary.html", context)


def _pdf_url(pk) -> str | None:
    """The worksheet PDF (interview:worksheet_pdf, added by the PDF work); None until that URL exists."""
    for kwargs in ({"pk": pk}, {"return_id": pk}):
        try:
            return reverse("interview:worksheet_pdf", kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None
