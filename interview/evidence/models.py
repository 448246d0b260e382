"""One attached file. Owned through its TaxReturn (deleted with it); the bytes live in the evidence storage,
encrypted, under a random name: the person's filename is kept only to name the download."""

from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from homeoffice.crypto import EncryptedTextField
from interview.evidence import targets


class Evidence(models.Model):
    tax_return = models.ForeignKey("interview.TaxReturn", on_delete=models.CASCADE, related_name="evidence")
    # A key of targets.TARGETS (checked by the service; no DB choices, so rewording a label needs no migration).
    target = models.CharField(max_length=40)
    # Random, never derived from the upload (storage.new_name); unique so two rows never share an object.
    stored_name = models.CharField(max_length=100, unique=True, editable=False)
    # The person's words are encrypted at rest like the return's name and answers (issue #15).
    original_name = EncryptedTextField(max_length=150)
    content_type = models.CharField(max_length=40)  # detected from the content, never the browser's claim
    size = models.PositiveIntegerField()  # bytes as stored after clean-up (before encryption)
    sha256 = models.CharField(max_length=64)  # of those bytes: the index lists it so a copy can be checked
    note = EncryptedTextField(max_length=500, blank=True)
    document_date = models.DateField(null=True, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "interview"
        ordering = ["tax_return", "target", "uploaded_at", "id"]
        indexes = [models.Index(fields=["tax_return", "target"])]
        verbose_name_plural = "evidence"

    def __str__(self):
        return f"{self.tax_return_id} {self.target}: {self.original_name}"

    @property
    def target_info(self) -> targets.Target | None:
        return targets.BY_KEY.get(self.target)


@receiver(post_delete, sender=Evidence, dispatch_uid="evidence-delete-stored-object")
def _delete_stored_object(sender, instance: Evidence, **kwargs) -> None:
    """Rows go one by one, directly or by CASCADE from the return or the user (a receiver keeps Django from
    fast-deleting them in bulk); their stored objects follow when the deletion commits, and a rolled-back
    deletion keeps both."""
    from interview.evidence.storage import delete_quietly

    name = instance.stored_name
    transaction.on_commit(lambda: delete_quietly(name))
