"""makemessages that also extracts the engine's texts with values (issue #18, decision 0110).

`homeoffice.engine.i18n.Text("For {tax_year}, ...", tax_year=...)` is a message id like gettext's: xgettext
is told to read `Text(` as a keyword, the documented way to add one (subclass the command)."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=Text"]
    # A new message starts untranslated rather than with a guessed ("fuzzy") neighbour's translation.
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
