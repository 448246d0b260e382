"""The system check fails when a tax year we offer lacks a parameter the engine needs."""

from django.core import checks

import homeoffice.engine.params as params
from homeoffice.checks import tax_year_parameters_complete


def test_every_supported_year_has_every_parameter(db):
    assert tax_year_parameters_complete(None) == []
    assert not [m for m in checks.run_checks() if m.id and m.id.startswith("homeoffice.")]


def test_a_year_lacking_a_parameter_fails_the_system_check(monkeypatch):
    monkeypatch.setattr(params, "REQUIRED_KEYS", (*params.REQUIRED_KEYS, "rate_nobody_defined"))
    errors = tax_year_parameters_complete(None)
    assert {e.id for e in errors} == {"homeoffice.E001"}
    assert len(errors) == len(params.supported_years())
    assert all("rate_nobody_defined" in e.msg for e in errors)
