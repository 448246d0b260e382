"""Accounts made before issue #15 keep everything. Those that gave an e-mail address get it as their (not yet
verified) allauth address: at their next sign-in allauth sends a confirmation link before letting them in.
Accounts without one sign in with their username and are asked to add and verify an address
(homeoffice.accounts). Returns, answers and history are not touched."""

from django.db import migrations


def addresses_for_existing_accounts(apps, schema_editor):
    User = apps.get_model("auth", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    for user in User.objects.exclude(email="").only("id", "email").iterator():
        email = user.email.strip().lower()
        if not email or EmailAddress.objects.filter(user_id=user.pk).exists():
            continue
        EmailAddress.objects.create(user_id=user.pk, email=email, verified=False, primary=True)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(addresses_for_existing_accounts, migrations.RunPython.noop)]
