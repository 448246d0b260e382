"""System checks: every tax year we offer must have every parameter the engine needs."""

from django.core.checks import Error, register


@register()
def tax_year_parameters_complete(app_configs, **kwargs):
    from homeoffice.engine.params import missing_parameters, supported_years

    errors = []
    for year in supported_years():
        try:
            missing = missing_parameters(year)
        except Exception as exc:  # a broken parameter file must fail the check, not crash the site
            errors.append(
                Error(f"Tax year {year}: parameter file cannot be read: {exc}", id="homeoffice.E002")
            )
            continue
        if missing:
            errors.append(
                Error(
                    f"Tax year {year} lacks parameters: {', '.join(missing)}",
                    hint=f"Add them, each with its citation, to homeoffice/engine/params/{year}.toml.",
                    id="homeoffice.E001",
                )
            )
    return errors
