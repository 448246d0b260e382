import io

import pytest
from pypdf import PdfReader

from interview import pdf
from tests.pdf.cases import result_for

RETURN_NAME = "Studio on Elm St"

_renders: dict[str, tuple] = {}


def rendered(name: str, **names):
    """(result, pdf bytes, text lines) for a named case; rendered once per test session."""
    key = name + repr(sorted(names.items()))
    if key not in _renders:
        result = result_for(name)
        body = pdf.render_worksheet_pdf(
            result,
            return_name=names.get("return_name", RETURN_NAME),
            **{k: v for k, v in names.items() if k != "return_name"},
        )
        _renders[key] = (result, body, text_lines(body))
    return _renders[key]


def text_lines(body: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(body))
    lines = []
    for page in reader.pages:
        lines += [" ".join(line.split()) for line in page.extract_text().splitlines() if line.strip()]
    return lines


@pytest.fixture
def render():
    return rendered
