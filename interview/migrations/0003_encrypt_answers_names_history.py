"""Encryption at rest (issue #15): return names, answers, drafts and history values become Fernet tokens in text
columns (homeoffice/crypto.py). Three steps: the columns become plain text (the JSON as text), every existing
row is encrypted, and the fields become the encrypted kinds (no database change: both are text)."""

import json

from django.db import migrations, models

import homeoffice.crypto

RETURN_FIELDS = ("name", "answers", "drafts")
CHANGE_FIELDS = ("old_value", "new_value")


def _as_json_text(value):
    """A JSON column read as text: PostgreSQL gives the jsonb's text, SQLite the stored JSON string."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def encrypt_rows(apps, schema_editor):
    from homeoffice.crypto import encrypt_str

    TaxReturn = apps.get_model("interview", "TaxReturn")
    AnswerChange = apps.get_model("interview", "AnswerChange")
    for model, fields in ((TaxReturn, RETURN_FIELDS), (AnswerChange, CHANGE_FIELDS)):
        for row in model.objects.only("pk", *fields).iterator(chunk_size=500):
            updates = {}
            for name in fields:
                value = getattr(row, name)
                text = value if name == "name" else _as_json_text(value)
                updates[name] = None if text is None else encrypt_str(text)
            model.objects.filter(pk=row.pk).update(**updates)


def decrypt_rows(apps, schema_editor):
    from homeoffice.crypto import decrypt_str

    TaxReturn = apps.get_model("interview", "TaxReturn")
    AnswerChange = apps.get_model("interview", "AnswerChange")
    for model, fields in ((TaxReturn, RETURN_FIELDS), (AnswerChange, CHANGE_FIELDS)):
        for row in model.objects.only("pk", *fields).iterator(chunk_size=500):
            updates = {n: None if getattr(row, n) is None else decrypt_str(getattr(row, n)) for n in fields}
            model.objects.filter(pk=row.pk).update(**updates)


class Migration(migrations.Migration):
    # After 0004 (issue #17, merged in parallel): its data migration reads the plain answers to fill the stored
    # figures, so it must run before they are encrypted. One line of migrations, no merge migration.
    dependencies = [
        ("interview", "0002_answer_history_and_drafts"),
        ("interview", "0004_return_list_figures"),
    ]

    operations = [
        # 1. Plain text columns (jsonb -> text keeps the JSON text).
        migrations.AlterField("taxreturn", "name", models.TextField(max_length=120)),
        migrations.AlterField("taxreturn", "answers", models.TextField(blank=True, default="{}")),
        migrations.AlterField("taxreturn", "drafts", models.TextField(blank=True, default="{}")),
        migrations.AlterField("answerchange", "old_value", models.TextField(blank=True, null=True)),
        migrations.AlterField("answerchange", "new_value", models.TextField(blank=True, null=True)),
        # 2. Every existing value encrypted with the current key.
        migrations.RunPython(encrypt_rows, decrypt_rows, elidable=False),
        # 3. The encrypted field kinds (same text columns).
        migrations.AlterField("taxreturn", "name", homeoffice.crypto.EncryptedTextField(max_length=120)),
        migrations.AlterField(
            "taxreturn", "answers", homeoffice.crypto.EncryptedJSONField(blank=True, default=dict)
        ),
        migrations.AlterField(
            "taxreturn", "drafts", homeoffice.crypto.EncryptedJSONField(blank=True, default=dict)
        ),
        migrations.AlterField(
            "answerchange", "old_value", homeoffice.crypto.EncryptedJSONField(blank=True, null=True)
        ),
        migrations.AlterField(
            "answerchange", "new_value", homeoffice.crypto.EncryptedJSONField(blank=True, null=True)
        ),
    ]
