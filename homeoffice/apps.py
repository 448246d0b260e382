from django.apps import AppConfig


class HomeofficeConfig(AppConfig):
    """The site package is also an app: it carries the system checks and the management commands."""

    name = "homeoffice"
    verbose_name = "Home office deduction"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from homeoffice import (
            checks,  # noqa: F401  (registers the checks)
            i18n,  # noqa: F401  (remembers the language at sign-in)
        )
        from homeoffice.accounts import notify_sign_in_from_new_device

        user_logged_in.connect(notify_sign_in_from_new_device, dispatch_uid="homeoffice.new_device_notice")
