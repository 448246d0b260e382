"""A person in the browser: navigation that checks every page it lands on, answering a step by clicking and
typing, doing the same with the keyboard only, and reading the worksheet PDF back.

Checks made on every page reached (Visitor.arrived):
- the server answered 200 (or the status the step expects) and the page has exactly one <h1>;
- on a phone-sized viewport, nothing scrolls sideways (scrollWidth <= innerWidth);
- axe-core finds no serious or critical violation. Each page type (the URL with ids replaced, the step's name,
  whether it shows an error, and whether on a phone) is scanned once per run, the first time a test reaches it.
"""

import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from pypdf import PdfReader

# The SMTP sink of the running test (set by tests/e2e/conftest.py): sign-up reads its confirmation link there.
MAIL = {"sink": None}


def email_of(username: str) -> str:
    return username if "@" in username else f"{username}@example.com"


BLOCKING_IMPACTS = ("serious", "critical")
_axe = Axe()


def page_type(page: Page) -> str:
    """'/returns/12/interview/home/?return=review' -> '/returns/<id>/interview/home/' (+ ' with error')."""
    path = re.sub(r"/\d+(?=/|\.|$)", "/<id>", page.url.split("://", 1)[1].split("/", 1)[1].split("?")[0])
    has_error = page.evaluate("!!document.querySelector('.error-summary, .error-message')")
    return "/" + path + (" with error" if has_error else "")


# On a phone the same page is scanned again for what its layout changes (reflow, scrolling regions, target
# sizes...), but not for colour contrast: colours do not depend on the screen width, and that rule is most of
# axe's time on a long page (about 1.5 s of 2.3 s on the results page here).
PHONE_OPTIONS = {"resultTypes": ["violations"], "rules": {"color-contrast": {"enabled": False}}}


def axe_violations(page: Page, options: dict | None = None) -> list[str]:
    """Serious and critical axe-core violations on the page as it is now, one readable line per node."""
    results = _axe.run(page, options=options or {"resultTypes": ["violations"]})
    out = []
    for v in results.response["violations"]:
        if v.get("impact") in BLOCKING_IMPACTS:
            for node in v["nodes"]:
                out.append(
                    f"{v['impact']} {v['id']}: {v['help']} at {node['target']} -- {node['html'][:160]}"
                )
    return out


def sideways_overflow(page: Page) -> tuple[int, int]:
    """(page width, screen width). On an emulated phone Chromium zooms out to fit a too-wide page, and then
    window.innerWidth grows with it: so the screen is the smaller of innerWidth and the viewport's width."""
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    return width, min(inner, page.viewport_size["width"])


@dataclass
class Visitor:
    page: Page
    axe_seen: set = field(default_factory=set)
    phone: bool = False
    pages: list = field(default_factory=list)  # every URL reached, in order
    scanned: list = field(default_factory=list)  # page types this visitor had axe scan

    # --- checks -----------------------------------------------------------------------------------------
    def arrived(self, response=None, status=200):
        page = self.page
        self.pages.append(page.url)
        if response is not None:
            assert response.status == status, f"{page.url} answered {response.status}, expected {status}"
        h1s = page.evaluate("document.querySelectorAll('h1').length")
        assert h1s == 1, f"{page.url} should have one <h1>, has {h1s}"
        if self.phone:
            width, inner = sideways_overflow(page)
            assert width <= inner, f"{page.url} scrolls sideways on a phone: {width}px wide in {inner}px"
        kind = page_type(page) + (" (phone)" if self.phone else "")  # a phone's layout is scanned on its own
        if kind not in self.axe_seen:
            self.axe_seen.add(kind)
            self.scanned.append(kind)
            problems = axe_violations(page, PHONE_OPTIONS if self.phone else None)
            assert not problems, f"axe-core on {kind}:\n" + "\n".join(problems)

    def navigate(self, action, status=200):
        """Do something that loads a new page (a click, Enter), wait for it and check it."""
        with self.page.expect_navigation() as nav:
            action()
        self.arrived(nav.value, status)

    def goto(self, path, status=200):
        response = self.page.goto(path)
        self.arrived(response, status)

    def click(self, locator, status=200):
        self.navigate(locator.click, status)

    def follow(self, link_text, status=200, exact=True):
        self.click(self.page.get_by_role("link", name=link_text, exact=exact).first, status)

    def press_button(self, name, status=200):
        self.click(self.page.get_by_role("button", name=name, exact=True), status)

    # --- text ---------------------------------------------------------------------------------------------
    def text(self, selector="main") -> str:
        return " ".join(self.page.locator(selector).inner_text().split())

    def h1(self) -> str:
        return self.text("h1")

    def on_step(self, step):
        assert f"/interview/{step}/" in self.page.url, f"expected the {step!r} question, at {self.page.url}"

    # --- accounts -----------------------------------------------------------------------------------------
    def sign_up(self, username, password):
        """Create an account with <username>@example.com, confirm the address from the e-mail that arrives at
        the test's SMTP sink, and land on the dashboard (signed in by the confirmation)."""
        email = email_of(username)
        self.goto("/")
        self.follow("Create an account to start")
        assert self.h1() == "Create an account"
        self.page.locator("input[name=email]").fill(email)
        self.page.locator("input[name=password1]").fill(password)
        self.page.locator("input[name=password2]").fill(password)
        self.press_button("Create account")
        self.confirm_email(email)
        assert self.h1() == "Your returns"

    def confirm_email(self, email):
        sink = MAIL["sink"]
        assert sink is not None, "browser tests read mail from the smtp_sink fixture (tests/e2e/conftest.py)"
        sink.wait_for(len(sink.messages) or 1)
        self.goto(sink.last_link(email, "/accounts/confirm-email/"))
        self.press_button("Confirm")

    def sign_in(self, username, password):
        self.goto("/")
        self.follow("Sign in")
        assert self.h1() == "Sign in"
        self.page.locator("input[name=login]").fill(email_of(username))
        self.page.locator("input[name=password]").fill(password)
        self.press_button("Sign in")

    def start_return(self, year, name):
        """From the dashboard: choose the year, name the return, Start -> the first question."""
        self.page.get_by_label("Tax year").select_option(str(year))
        self.page.get_by_label("Name for this return").fill(name)
        self.press_button("Start")
        self.on_step("work")

    # --- the interview --------------------------------------------------------------------------------------
    def fill(self, step, data):
        """Answer one page's questions with the mouse and keyboard, as a person would (no submit)."""
        page = self.page
        for name, value in data.items():
            control = page.locator(f'[name="{step}-{name}"]')
            kind = control.first.evaluate("e => e.type || e.tagName.toLowerCase()")
            if kind == "radio":
                page.locator(f'[name="{step}-{name}"][value="{value}"]').check()
            elif kind.startswith("select"):
                control.select_option(str(value))
            else:
                control.click()  # a real click into the box, then the text typed in place of what was there
                control.fill(str(value))

    def answer(self, step, data, status=200):
        """Answer a page and press Save and continue."""
        self.on_step(step)
        self.fill(step, data)
        self.press_button("Save and continue", status)

    def walk(self, pages):
        for step, data in pages:
            self.answer(step, data)

    # --- results ------------------------------------------------------------------------------------------
    def result_amount(self) -> str:
        return self.text(".result-amount")

    def method_amount(self, title) -> str:
        method = self.page.locator(".method").filter(has=self.page.get_by_role("heading", name=title))
        return " ".join(method.locator(".method-amount").inner_text().split())

    def report_rows(self) -> list[str]:
        """The "Where to report it" table as 'what | where | amount' strings."""
        table = self.page.locator("table").filter(has_text="Amounts to report and where")
        return [
            " | ".join(c.strip() for c in row.locator("td").all_inner_texts())
            for row in table.locator("tbody tr").all()
        ]

    def worksheet_line(self, caption_start, number) -> str:
        """'Show the math': the amount on line `number` of the worksheet whose caption starts so."""
        math = self.page.locator("details#math")
        if math.count() and math.get_attribute("open") is None:  # collapsed on the results page (issue #16)
            math.locator("summary").first.click()
        table = self.page.locator("table.worksheet").filter(
            has=self.page.locator("caption", has_text=re.compile("^" + re.escape(caption_start)))
        )
        row = table.first.locator("tbody tr").filter(
            has=self.page.locator("th", has_text=re.compile(rf"^{re.escape(number)}$"))
        )
        return row.first.locator("td.num").inner_text().strip()

    def download_pdf(self) -> tuple[str, bytes]:
        link = self.page.get_by_role("link", name="Download the worksheet (PDF)")
        expect(link).to_be_visible()
        with self.page.expect_download() as info:
            link.click()
        return read_download(info.value)


def open_every_details(page: Page) -> None:
    """Open each collapsed section of the main content with a click, outer ones first (in document order),
    leaving open ones open."""
    for summary in page.locator("main details > summary").all():
        if summary.evaluate("s => !s.parentElement.open"):
            summary.click()


def read_download(download) -> tuple[str, bytes]:
    """The downloaded file's name and bytes; with E2E_PDF_DIR set, a copy is kept there to look at."""
    with open(download.path(), "rb") as f:
        data = f.read()
    keep = os.environ.get("E2E_PDF_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        (Path(keep) / download.suggested_filename).write_bytes(data)
    return download.suggested_filename, data


# --- keyboard only ------------------------------------------------------------------------------------------
_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return {tag: "body", name: "", type: "", value: "", text: "", checked: false};
  return {tag: e.tagName.toLowerCase(), name: e.name || "", type: e.type || "", value: e.value || "",
          text: (e.innerText || e.textContent || "").trim().replace(/\\s+/g, " "), checked: !!e.checked};
}"""


class KeyboardUser:
    """Drives a Visitor's page with Tab, Shift+Tab, Space, Enter, arrow keys and typing: no mouse at all."""

    MAX_TABS = 250

    def __init__(self, visitor: Visitor):
        self.v = visitor
        self.page = visitor.page

    def focused(self) -> dict:
        return self.page.evaluate(_FOCUSED)

    def tab_to(self, wanted, what="") -> dict:
        """Press Tab until the focused element satisfies `wanted` (wrapping round the page if need be)."""
        for _ in range(self.MAX_TABS):
            self.page.keyboard.press("Tab")
            f = self.focused()
            if wanted(f):
                return f
        raise AssertionError(f"Tab never reached {what or wanted} on {self.page.url}")

    def tab_to_control(self, name) -> dict:
        return self.tab_to(lambda f: f["name"] == name, f"the control {name!r}")

    def type_into(self, name, text):
        self.tab_to_control(name)
        self.page.keyboard.press("ControlOrMeta+a")
        if text:
            self.page.keyboard.type(str(text))
        else:
            self.page.keyboard.press("Delete")

    def choose(self, name, value):
        """A radio group: Tab lands on its first (or checked) option; Space checks it; arrows move and check."""
        f = self.tab_to_control(name)
        assert f["type"] == "radio", f
        for _ in range(12):
            if f["value"] == str(value):
                if not f["checked"]:
                    self.page.keyboard.press("Space")
                break
            self.page.keyboard.press("ArrowDown")
            f = self.focused()
        f = self.focused()
        assert f["value"] == str(value) and f["checked"], f"could not choose {value!r} for {name!r}: {f}"

    def select(self, name, value):
        """A closed <select>: arrow keys change its value."""
        f = self.tab_to_control(name)
        options = self.page.locator(f'[name="{name}"] option').evaluate_all("os => os.map(o => o.value)")
        key = "ArrowDown" if options.index(str(value)) > options.index(f["value"]) else "ArrowUp"
        for _ in range(len(options)):
            if self.focused()["value"] == str(value):
                return
            self.page.keyboard.press(key)
        assert self.focused()["value"] == str(value), f"could not select {value!r} in {name!r}"

    def fill(self, step, data):
        prefix = f"{step}-" if step else ""
        for name, value in data.items():
            kind = self.page.locator(f'[name="{prefix}{name}"]').first.evaluate("e => e.type")
            if kind == "radio":
                self.choose(prefix + name, value)
            elif kind.startswith("select"):
                self.select(prefix + name, value)
            else:
                self.type_into(prefix + name, value)

    def activate(self, text, status=200, role=("a", "button")):
        """Tab to the link or button with this text and press Enter (it loads a page)."""
        self.tab_to(lambda f: f["tag"] in role and f["text"] == text, f"{text!r}")
        self.v.navigate(lambda: self.page.keyboard.press("Enter"), status)

    def answer(self, step, data, status=200):
        self.v.on_step(step)
        self.fill(step, data)
        self.activate("Save and continue", status, role=("button",))

    def walk(self, pages):
        for step, data in pages:
            self.answer(step, data)

    def open_why_we_ask(self, after_control):
        """Tab from the control to its "Why we ask" and open it with Enter."""
        self.tab_to_control(after_control)
        self.tab_to(lambda f: f["tag"] == "summary" and f["text"] == "Why we ask", "Why we ask")
        self.page.keyboard.press("Enter")


# --- the PDF -----------------------------------------------------------------------------------------------
def pdf_text(data: bytes) -> str:
    """The PDF's text in pypdf's layout mode: each table row on one line, columns apart by runs of spaces."""
    assert data.startswith(b"%PDF-"), data[:40]
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(p.extract_text(extraction_mode="layout") or "" for p in reader.pages)


_ROW = re.compile(r"^\s*(\d{1,2}[a-z]?)\s{2,}(\S.*)$")
_AMOUNT = re.compile(r"^\(?[−-]?\$?[0-9][0-9,]*(?:\.[0-9]+)?%?\)?$")
_COLUMN_GAP = re.compile(r"\s{3,}")


def pdf_amounts(text: str, number: str, after: str = "") -> list[str]:
    """The amounts printed on worksheet line `number`: [amount] or [(a), (b)]; [] if the line is blank.

    In layout text a row is its number, its caption, then the amount columns, apart by wide gaps; a caption
    that wraps continues on the next lines (which may carry the amounts instead). `after`: look only after the
    first line containing this text (a worksheet's title), as several worksheets number their lines from 1.
    """
    lines = text.splitlines()
    if after:
        starts = [i for i, line in enumerate(lines) if after in line]
        assert starts, f"{after!r} is not in the PDF text"
        lines = lines[starts[0] + 1 :]
    for i, line in enumerate(lines):
        m = _ROW.match(line)
        if not m or m.group(1) != number:
            continue
        values = _COLUMN_GAP.split(m.group(2).strip())[1:]
        for more in lines[i + 1 :]:
            if values or not more.strip() or _ROW.match(more) or more.strip().startswith("Part "):
                break
            cells = _COLUMN_GAP.split(more.strip())
            values = [c for c in cells if _AMOUNT.match(c)] if len(cells) == 1 else cells[1:]
        return values
    raise AssertionError(f"no line {number} after {after!r} in the PDF text:\n{text[:5000]}")


def pdf_cells(text: str, first_cell: str, after: str = "") -> list[str]:
    """The cells of the first table row (after `after`) whose first cell is `first_cell`."""
    lines = text.splitlines()
    if after:
        starts = [i for i, line in enumerate(lines) if after in line]
        assert starts, f"{after!r} is not in the PDF text"
        lines = lines[starts[0] + 1 :]
    for line in lines:
        cells = _COLUMN_GAP.split(line.strip())
        if cells[0] == first_cell:
            return cells
    raise AssertionError(f"no row {first_cell!r} after {after!r} in the PDF text:\n{text[:5000]}")


def first_pdf_page_png(data: bytes, out_png, dpi=80):
    """Render page 1 with poppler's pdftoppm (for the README screenshot)."""
    import subprocess
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "worksheet.pdf"
        pdf.write_bytes(data)
        prefix = Path(tmp) / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(prefix)],
            check=True,
        )
        Path(out_png).write_bytes((Path(tmp) / "page.png").read_bytes())
