"""manage.py recompute_all: every return through the engine; unfinished ones counted, failures listed."""

import pytest
from django.core.management import CommandError, call_command

from interview.models import TaxReturn
from tests.security.flows import create_return, renter_pages, walk


@pytest.fixture
def returns(client, make_user, sign_in):
    sign_in(make_user("erin"))
    done = walk(client, create_return(client, name="Complete one"), renter_pages())
    unfinished = create_return(client, name="Unfinished")
    return done, unfinished


def test_recomputes_every_return_and_counts_unfinished(returns, capsys):
    call_command("recompute_all")
    out = capsys.readouterr().out
    assert "recompute_all: 2 returns: 1 computed, 1 incomplete, 0 failed" in out


def test_failures_are_listed_by_id_and_exit_non_zero(returns, capsys):
    done, _ = returns
    broken = TaxReturn.objects.create(
        owner=done.owner, tax_year=1999, name="Secret name", answers=done.answers
    )
    with pytest.raises(CommandError, match="1 return"):
        call_command("recompute_all")
    captured = capsys.readouterr()
    assert f"FAILED return {broken.pk} (tax year 1999)" in captured.err
    assert "Secret name" not in captured.out + captured.err
    assert "30000" not in captured.out + captured.err


def test_strict_counts_unfinished_as_failures(returns, capsys):
    with pytest.raises(CommandError):
        call_command("recompute_all", "--strict")
    assert "incomplete at step" in capsys.readouterr().err
