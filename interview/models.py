"""A person's saved return for one tax year. The answers are the record; results are always recomputed."""

from django.conf import settings
from django.db import models

from homeoffice.crypto import EncryptedJSONField, EncryptedTextField


class TaxReturn(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"
        NOT_ELIGIBLE = "not_eligible", "Does not qualify"
        REFER = "refer", "See a professional"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tax_returns")
    tax_year = models.PositiveSmallIntegerField()
    # Encrypted at rest (issue #15, homeoffice/crypto.py): the name, the answers and the drafts.
    name = EncryptedTextField(max_length=120)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    # {step name: {field: value}}: the saved answers, written only by interview.services.save_step.
    answers = EncryptedJSONField(default=dict, blank=True)
    # {step name: {field: raw text}}: what was typed on a page left with Back (formtools #284); not answers.
    drafts = EncryptedJSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    # What the returns list shows, stored when the answers are saved (interview.services.refresh_summary) so
    # the list never runs the engine per row. `summary_of` names the engine and parameter set that computed
    # `deduction`: a row whose stamp is not the current one is recomputed (see interview.summaries).
    deduction = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    method = models.CharField(max_length=20, blank=True, default="")
    summary_of = models.CharField(max_length=120, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["owner", "-updated_at"])]

    def __str__(self):
        return f"{self.tax_year} · {self.name}"


class AnswerChange(models.Model):
    """One changed answer: who, when, which step and field, the value before and after (history/audit)."""

    tax_return = models.ForeignKey(TaxReturn, on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    step = models.CharField(max_length=40)
    field = models.CharField(max_length=80)
    old_value = EncryptedJSONField(null=True, blank=True)  # encrypted at rest (issue #15)
    new_value = EncryptedJSONField(null=True, blank=True)
    # The return's version this change produced (used to merge a stale submit without losing anything).
    version = models.PositiveIntegerField()

    class Meta:
        ordering = ["tax_return", "version", "id"]
        indexes = [models.Index(fields=["tax_return", "version"])]

    def __str__(self):
        return f"{self.tax_return_id} v{self.version} {self.step}.{self.field}"


# Issue #19: attached evidence lives in its own module; imported here so the app registers it.
from interview.evidence.models import Evidence  # noqa: E402, F401


class LanguagePreference(models.Model):
    """The language a person chose with the switch (issue #18): remembered across devices and sign-outs
    (sign-out clears cookies), and the language of their worksheet PDF, also when a worker renders it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="language_preference",
    )
    language = models.CharField(max_length=10)

    def __str__(self):
        return f"{self.user_id}: {self.language}"
