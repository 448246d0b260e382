"""Re-encrypt every stored evidence file under the current encryption key (issue #19).

Run after putting a new key first in DJANGO_ENCRYPTION_KEYS (with the database rows' rotation) and before
removing the old key: until then, files written under the old key can only be read with it. Each file is
written again under a new name and the row switched to it in a transaction; the old object goes after commit.
Prints counts only.
"""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Re-encrypt every evidence file under the current encryption key."

    def handle(self, *args, **options):
        from interview.evidence.models import Evidence
        from interview.evidence.services import reencrypt_evidence

        rewritten = current = 0
        for item in Evidence.objects.order_by("id").iterator():
            try:
                changed = reencrypt_evidence(item)
            except Evidence.DoesNotExist:
                continue  # deleted while the command ran
            rewritten += changed
            current += not changed
        self.stdout.write(
            f"{rewritten} evidence files re-encrypted, {current} already under the current key."
        )
