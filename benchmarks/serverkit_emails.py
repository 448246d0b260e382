"""Benchmark accounts get a verified e-mail address, as every account made by sign-up has (issue #15): without
one the site sends a signed-in person to the e-mail page instead of their returns."""


def verified_emails(users) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=u.pk, email=f"{u.username}@bench.example", verified=True, primary=True)
            for u in users
        ],
        batch_size=2000,
    )
