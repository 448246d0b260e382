"""Re-encrypt every stored evidence file under the current encryption key (issue #19).

Run after putting a new key first in DJANGO_ENCRYPTION_KEYS (with the database rows' rotation) and before
removing the old key: until then, files written under the old key can only be read with it. Each file is
written again under a new name and the row switched to it in a transaction; the old object goes after commit.
Prints counts only. A file that cannot be read (object gone, or its key already removed) is counted and skipped,
so one lost file does not stop the rotation of the others; its owner is told when they open it.
"""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Re-encrypt every evidence file under the current encryption key."

    def handle(self, *args, **options):
        from homeoffice.crypto import DecryptionError
        from interview.evidence.models import Evidence
        from interview.evidence.services import reencrypt_evidence

        rewritten = current = unreadable = 0
        for item in Evidence.objects.order_by("id").iterator():
            try:
                changed = reencrypt_evidence(item)
            except Evidence.DoesNotExist:
                continue  # deleted while the command ran
            except (OSError, DecryptionError):
                unreadable += 1
                continue
            rewritten += changed
            current += not changed
        self.stdout.write(
            f"{rewritten} evidence files re-encrypted, {current} already under the current key."
            + (f" {unreadable} could not be read and were left as they are." if unreadable else "")
        )
