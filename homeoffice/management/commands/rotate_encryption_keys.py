"""Re-encrypt every encrypted value with the current (first) key of DJANGO_ENCRYPTION_KEYS.

Rotation: put the new key first in DJANGO_ENCRYPTION_KEYS (keep the old one after it), restart, run this
command, then remove the old key. Values are decrypted and encrypted again inside the database transaction of
each batch; nothing else about the rows changes (no version bump, no history entry, no `updated_at`). Cached
PDFs are not rotated: one under a removed key is simply rendered again. Attached evidence files are
(evidence_rotate_keys, called at the end).
"""

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from homeoffice.crypto import EncryptedJSONField, EncryptedTextField, reencrypt_token

BATCH = 500


def encrypted_fields():
    """(model, [field names]) for every model with an encrypted field, present and future."""
    for model in apps.get_models():
        names = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, EncryptedJSONField | EncryptedTextField)
        ]
        if names:
            yield model, names


class Command(BaseCommand):
    help = "Re-encrypt every stored encrypted value with the first key of DJANGO_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        total = 0
        for model, names in encrypted_fields():
            # Raw tokens in and out (no decryption into Python values): only the key under them changes.
            count = 0
            pks = list(model._base_manager.values_list("pk", flat=True).order_by("pk"))
            for start in range(0, len(pks), BATCH):
                chunk = pks[start : start + BATCH]
                with transaction.atomic():
                    raw = _raw_tokens(model, names, chunk)
                    for pk, tokens in raw.items():
                        fresh = {n: None if t is None else reencrypt_token(t) for n, t in tokens.items()}
                        _write_raw_tokens(model, pk, fresh)
                        count += 1
            total += count
            self.stdout.write(f"rotate_encryption_keys: {model._meta.label}: {count} rows re-encrypted")
        # Issue #19: the attached files are encrypted with the same keys; they are rotated too.
        call_command("evidence_rotate_keys", stdout=self.stdout)
        self.stdout.write(f"rotate_encryption_keys: done, {total} rows; the old key(s) can now be removed")


def _raw_tokens(model, names, pks) -> dict:
    """{pk: {field: token}} straight from the table (SELECT ... FOR UPDATE), bypassing decryption."""
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    columns = [connection.ops.quote_name(model._meta.get_field(n).column) for n in names]
    pk_col = connection.ops.quote_name(model._meta.pk.column)
    placeholders = ", ".join(["%s"] * len(pks))
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {pk_col}, {', '.join(columns)} FROM {table} WHERE {pk_col} IN ({placeholders}){lock}",  # noqa: S608 (identifiers quoted, values bound)
            pks,
        )
        return {row[0]: dict(zip(names, row[1:], strict=True)) for row in cursor.fetchall()}


def _write_raw_tokens(model, pk, tokens: dict) -> None:
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    pk_col = connection.ops.quote_name(model._meta.pk.column)
    sets = ", ".join(f"{connection.ops.quote_name(model._meta.get_field(n).column)} = %s" for n in tokens)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {sets} WHERE {pk_col} = %s",  # noqa: S608 (identifiers quoted, values bound)
            [*tokens.values(), pk],
        )
