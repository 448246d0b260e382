"""Per-tax-year parameters, read from the TOML file beside this module (one file per year).

Each value in a file is a table `{value, source, verified}`. `load_params(year)` parses and caches a year;
a missing year raises UnsupportedYear — the engine never falls back to another year's numbers.
"""

from __future__ import annotations

import functools
import hashlib
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..errors import UnsupportedYear

PARAMS_DIR = Path(__file__).resolve().parent

# Every key the engine reads. homeoffice/checks.py fails the Django system check if a filing year lacks one.
REQUIRED_KEYS: tuple[str, ...] = (
    "simplified_rate",
    "simplified_max_area",
    "simplified_min_days_in_month",
    "hours_in_year",
    "macrs_39_first_year",
    "macrs_39_later_year",
    "macrs_39_final_year",
    "macrs_39_earliest_first_use",
    "form_layout",
    "mortgage_acquisition_debt_limit",
    "mortgage_acquisition_debt_limit_mfs",
    "mortgage_grandfathered_debt_limit",
    "salt_cap",
    "salt_cap_mfs",
    "salt_phase_down_threshold",
    "salt_phase_down_threshold_mfs",
    "salt_phase_down_rate",
    "salt_floor",
    "salt_floor_mfs",
    "employee_home_office",
    "daycare_meal_rate_breakfast",
    "daycare_meal_rate_lunch_dinner",
    "daycare_meal_rate_snack",
)
# The tax-saved estimate (issue #13): every filing year has them; a year without them (2013, reference only)
# gets no estimate and says so.
ESTIMATE_KEYS: tuple[str, ...] = (
    "ss_wage_base",
    "se_net_earnings_factor",
    "se_social_security_rate",
    "se_medicare_rate",
    "se_minimum_net_earnings",
    "additional_medicare_rate",
    "income_tax_rates",
    "qbi_deduction_rate",
    "qbi_threshold",
    "qbi_threshold_married_joint",
    *(
        f"{kind}_{fs}"
        for kind in ("additional_medicare_threshold", "income_tax_brackets", "standard_deduction")
        for fs in ("single", "married_joint", "married_separate", "head_of_household")
    ),
)
EMPLOYEE_RULES = ("allowed_2pct_floor", "suspended_67g", "denied_67h")
_TEXT_KEYS = {"employee_home_office", "form_layout", "macrs_39_earliest_first_use"}


@dataclass(frozen=True, slots=True)
class Param:
    key: str
    value: object  # Decimal, None ("none" in the file), tuple[Decimal, ...], or str for text keys
    source: str
    verified: bool


@dataclass(frozen=True)
class Params:
    tax_year: int
    id: str
    version: str
    digest: str  # SHA-256 of the file, so a result names exactly which numbers it used
    provisional: bool
    provisional_reason: str
    filing_supported: bool
    values: dict  # key -> Param

    def __getitem__(self, key: str):
        return self.values[key].value

    @functools.cached_property
    def _derived(self) -> dict:
        return {}

    def derived(self, key, build):
        """A value the engine derives from these parameters (a note text, a converted number), built once by
        `build()` and kept on this object: load_params() returns one Params per year, so compute() does not
        rebuild per-year constants for every case."""
        cache = self._derived
        try:
            return cache[key]
        except KeyError:
            value = cache[key] = build()
            return value

    def param(self, key: str) -> Param:
        return self.values[key]

    def unverified(self, keys=None) -> list[Param]:
        keys = self.values if keys is None else keys
        return [self.values[k] for k in keys if k in self.values and not self.values[k].verified]

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "version": self.version,
            "sha256": self.digest,
            "tax_year": self.tax_year,
            "provisional": self.provisional,
            "provisional_reason": self.provisional_reason,
        }


def _convert(key: str, raw):
    if key in _TEXT_KEYS:
        if not isinstance(raw, str):
            raise ValueError(f"{key}: value must be text")
        return raw
    if isinstance(raw, list):
        return tuple(_convert(key, item) for item in raw)
    if raw == "none":
        return None
    if not isinstance(raw, str):
        # Numbers are written as strings in the files so TOML never turns them into floats.
        raise ValueError(f"{key}: numbers must be written as strings, got {raw!r}")
    try:
        return Decimal(raw)
    except InvalidOperation:
        raise ValueError(f"{key}: {raw!r} is not a number") from None


def _path(year: int) -> Path:
    return PARAMS_DIR / f"{year}.toml"


def available_years() -> tuple[int, ...]:
    """Every year with a parameter file (including reference-only years such as 2013)."""
    return tuple(sorted(int(p.stem) for p in PARAMS_DIR.glob("*.toml") if p.stem.isdigit()))


@functools.cache
def load_params(year: int) -> Params:
    if isinstance(year, bool) or not isinstance(year, int):
        raise UnsupportedYear(year, supported_years())
    path = _path(year)
    if not path.is_file():
        raise UnsupportedYear(year, supported_years())
    data = path.read_bytes()
    doc = tomllib.loads(data.decode("utf-8"))
    values = {}
    for key, entry in doc.items():
        if not isinstance(entry, dict):
            continue
        if set(entry) - {"value", "source", "verified"} or "value" not in entry or not entry.get("source"):
            raise ValueError(f"{path.name}: {key} must have value, source and verified")
        values[key] = Param(
            key, _convert(key, entry["value"]), entry["source"], bool(entry.get("verified", False))
        )
    if doc.get("tax_year") != year:
        raise ValueError(f"{path.name}: tax_year must be {year}")
    return Params(
        tax_year=year,
        id=str(doc.get("id", f"params-{year}")),
        version=str(doc.get("version", "1")),
        digest=hashlib.sha256(data).hexdigest(),
        provisional=bool(doc.get("provisional", False)),
        provisional_reason=str(doc.get("provisional_reason", "")),
        filing_supported=bool(doc.get("filing_supported", True)),
        values=values,
    )


@functools.cache
def supported_years() -> tuple[int, ...]:
    """Tax years the product offers for filing (files without `filing_supported = false`)."""
    years = []
    for year in available_years():
        doc = tomllib.loads(_path(year).read_text("utf-8"))
        if doc.get("filing_supported", True):
            years.append(year)
    return tuple(years)


def missing_parameters(year: int) -> list[str]:
    """Required keys absent from (or malformed in) the year's file; [] when complete."""
    params = load_params(year)
    required = (*REQUIRED_KEYS, *ESTIMATE_KEYS) if params.filing_supported else REQUIRED_KEYS
    missing = [key for key in required if key not in params.values]
    rates = params.values.get("income_tax_rates")
    for key in ESTIMATE_KEYS:
        brackets = key.startswith("income_tax_brackets_") and key in params.values and rates is not None
        if brackets and len(params[key]) != len(rates.value):
            missing.append(f"{key} (needs one start per rate)")
    if "employee_home_office" in params.values and params["employee_home_office"] not in EMPLOYEE_RULES:
        missing.append("employee_home_office (unknown value)")
    for key in ("macrs_39_first_year", "macrs_39_final_year"):
        if key in params.values and len(params[key] or ()) != 12:
            missing.append(f"{key} (needs 12 monthly values)")
    return missing
