"""The attach form. The file itself is checked by the service (checks.py); its message lands on this field."""

from django import forms

from interview.evidence import services, targets


class EvidenceForm(forms.Form):
    target = forms.ChoiceField(
        label="What does this file support?",
        choices=targets.CHOICES,
        help_text="Each file backs one line or question. Attach several files to the same line if you need to.",
    )
    file = forms.FileField(
        label="File",
        help_text="A photo or scan (JPEG, PNG or WebP) or a PDF. Photos are saved without their location data.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
        error_messages={
            "required": "Choose a file to attach. If you did, the upload did not arrive whole: try again.",
            "empty": "This file is empty.",
        },
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=services.MAX_NOTE,
        help_text="For example: March electricity bill.",
    )
    document_date = forms.DateField(
        label="Date of the document",
        required=False,
        help_text="For example 2025-03-31.",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the date as year-month-day, for example 2025-03-31."},
    )

    def __init__(self, *args, answers=None, target_keys=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Named as this return reports them (Form 8829 or the Pub 587 worksheet); the lines this return
        # needs first, then the rest: any file can still go to any line.
        choices = targets.choices_for(answers or {})
        first = [c for c in choices if c[0] in target_keys]
        self.fields["target"].choices = first + [c for c in choices if c[0] not in target_keys]

    def error_links(self):
        """(anchor id, label, message, code) for the page's error summary (includes/error_summary.html); the
        code is "evidence.<field>.<kind>" like the interview's (e.g. evidence.file.type)."""
        return [
            (
                self[name].auto_id,
                self[name].label,
                " ".join(e.messages),
                f"evidence.{name}.{e.code or 'invalid'}",
            )
            for name, errs in self.errors.as_data().items()
            for e in errs
        ]
