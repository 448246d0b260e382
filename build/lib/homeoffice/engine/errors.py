"""Errors the engine raises. Callers (CLI, interview) show `field` next to the message."""


class EngineError(ValueError):
    """Base class for every error the engine raises on bad input."""


class InputError(EngineError):
    """A case or form input is missing or invalid; `field` is its dotted path, e.g. "homes[0].total_area"."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class UnsupportedYear(EngineError):
    """No parameter file exists for the requested tax year. Never fall back to another year."""

    def __init__(self, tax_year, supported):
        self.tax_year = tax_year
        self.supported = tuple(supported)
        super().__init__(
            f"tax year {tax_year} is not supported; supported years: "
            + ", ".join(str(y) for y in self.supported)
        )
