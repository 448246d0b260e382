"""Find (and with --delete remove) stored evidence objects that no row points to (issue #19).

Attaching writes the object first and deletes it again if the row is not created, so an orphan is left only
when the process dies between the two (or a deletion could not reach the storage). Objects younger than
--min-age minutes are left alone: they may belong to an upload still in progress. Prints names and counts only.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = "List evidence objects without a database row; --delete removes them."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete the orphans found.")
        parser.add_argument("--min-age", type=int, default=60, help="Minutes an object must be old (60).")

    def handle(self, *args, delete=False, min_age=60, **options):
        from interview.evidence.models import Evidence
        from interview.evidence.storage import PREFIX, evidence_storage

        backend = evidence_storage().backend
        directory = PREFIX.rstrip("/")
        try:
            _dirs, names = backend.listdir(directory)
        except FileNotFoundError:
            names = []
        cutoff = timezone.now() - timedelta(minutes=min_age)
        stored = {f"{PREFIX}{name}" for name in names}
        known = set(Evidence.objects.filter(stored_name__in=stored).values_list("stored_name", flat=True))
        orphans = sorted(n for n in stored - known if backend.get_modified_time(n) < cutoff)
        for name in orphans:
            if delete:
                backend.delete(name)
            self.stdout.write(f"{'deleted' if delete else 'orphan'} {name}")
        self.stdout.write(
            f"{len(stored)} stored objects, {len(orphans)} orphans{' deleted' if delete else ''}."
        )
