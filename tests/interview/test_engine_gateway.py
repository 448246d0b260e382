"""Every engine call of the interview goes through interview/engine_api.py (issue #14).

The interview may read the engine's data directly — texts and citations, constants, the error type — but
whatever of the engine it runs (compute, decide, assess, parameters, hashes, the advisor, the ledger, the
rollover) it runs through engine_api, the one place that knows how the engine spells its API. A new import of
an engine function elsewhere in interview/ fails here: add a wrapper to engine_api instead.
"""

import ast
from pathlib import Path

INTERVIEW = Path(__file__).resolve().parents[2] / "interview"
# (module, name) the interview may import from the engine: data, never behaviour.
DATA = {
    ("homeoffice.engine", "eligibility_text"),
    ("homeoffice.engine.errors", "EngineError"),
    ("homeoffice.engine.internet", "NO_1400_DEDUCTION"),
    ("homeoffice.engine.eligibility", "DAYCARE_LICENSE_OK"),
    ("homeoffice.engine.result", "ENGINE_VERSION"),
    ("homeoffice.engine.money", "ROUNDING_POLICY"),
    # The one money formatter for pages and PDF (issue #16): it formats a figure, it computes nothing.
    ("homeoffice.engine.money", "format_money"),
    # The engine's message machinery (issue #18): marks a text for translation and says it in a language;
    # it runs no tax rule.
    ("homeoffice.engine.i18n", "Text"),
    ("homeoffice.engine.i18n", "gettext_noop"),
    ("homeoffice.engine.i18n", "localize"),
}


def engine_imports():
    for path in sorted(INTERVIEW.rglob("*.py")):
        if path.name == "engine_api.py" or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("homeoffice.engine"):
                for alias in node.names:
                    yield path.name, node.module, alias.name
            elif isinstance(node, ast.ImportFrom) and node.module == "homeoffice":
                for alias in node.names:
                    if alias.name == "engine":
                        yield path.name, "homeoffice", "engine"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("homeoffice.engine"):
                        yield path.name, alias.name, "*"


def test_the_interview_runs_the_engine_only_through_engine_api():
    found = list(engine_imports())
    assert found, "the scan found no engine import at all: it is not looking at the interview"
    behaviour = [(f, m, n) for f, m, n in found if (m, n) not in DATA]
    assert not behaviour, f"call these through interview/engine_api.py: {behaviour}"
