"""Phone first (issue #16): at 390x844 and at 320 px wide, the pages a person reads most fit the screen.

On each page: no sideways scroll of the page; no element past the right edge of the screen (unless it is
inside a region that scrolls on its own); no word broken inside the word (measured by geometry: each word of
each text node must lie on one line box); every table cell at least 48 px high and wide; axe-core with no
serious or critical violation at that width.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e import personas as P
from tests.e2e.browsing import PHONE_OPTIONS, Visitor, axe_violations, open_every_details

pytestmark = pytest.mark.django_db(transaction=True)

SCREENS = {"390x844": (390, 844), "320x640": (320, 640)}

# Measured in the page. A word is a run of characters between spaces, hyphens, slashes and dashes (where a
# line may break without splitting the word); one word on two or more line boxes is a split word.
LAYOUT_JS = r"""() => {
  const vw = document.documentElement.clientWidth;
  const hidden = el => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden') return true;
      if (e.classList.contains('visually-hidden')) return true;
      if (s.position === 'absolute' && s.clip && s.clip !== 'auto') return true;
    }
    return false;
  };
  const clippedByScroller = el => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      const ox = getComputedStyle(e).overflowX;
      if (ox !== 'visible' && e.getBoundingClientRect().right <= vw + 1) return true;
    }
    return false;
  };
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  const split = [], past = [], small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const word = /[^\s\-\/\u2010-\u2015]+/g;
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || el.closest('svg, script, style, noscript') || hidden(el)) continue;
    let m;
    word.lastIndex = 0;
    while ((m = word.exec(node.data))) {
      const r = document.createRange();
      r.setStart(node, m.index);
      r.setEnd(node, m.index + m[0].length);
      const tops = [...r.getClientRects()].filter(x => x.width > 0 && x.height > 0).map(x => x.top).sort((a, b) => a - b);
      let lines = tops.length ? 1 : 0;
      for (let i = 1; i < tops.length; i++) if (tops[i] - tops[i - 1] > 4) lines++;
      if (lines > 1) split.push(`"${m[0]}" on ${lines} lines in ${describe(el)}`);
    }
  }
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > vw + 1 && !clippedByScroller(el)) past.push(`${describe(el)} right=${Math.round(r.right)}`);
  }
  for (const cell of document.querySelectorAll('main td, main th')) {
    const r = cell.getBoundingClientRect();
    if (r.width === 0 || hidden(cell)) continue;
    if (r.height < 47.5 || r.width < 47.5)
      small.push(`${describe(cell)} "${cell.innerText.trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  const all = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > vw + 1) all.push(`${describe(el)} ${Math.round(r.left)}-${Math.round(r.right)}`);
  }
  return {
    all,
    scroll: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
    split, past, small,
  };
}"""


def check_layout(page, where: str):
    got = page.evaluate(LAYOUT_JS)
    scroll_width, width = got["scroll"]
    problems = []
    if scroll_width > width:
        problems.append(f"the page scrolls sideways: {scroll_width}px wide in {width}px")
    problems += [f"past the right edge: {p}" for p in got["past"][:10]]
    problems += [f"word split: {p}" for p in got["split"][:10]]
    problems += [f"table cell under 48 px: {p}" for p in got["small"][:10]]
    problems += [f"axe: {p}" for p in axe_violations(page, PHONE_OPTIONS)]
    assert not problems, f"{where}:\n" + "\n".join(problems)


class _AllSeen(set):
    def __contains__(self, item):
        return True


LONG_NAMES = (
    "Studio on Elm Street, the back bedroom with the north window",
    "Apartment office in the converted attic above the garage",
    "Remote engineering job for Northwestern Consolidated Manufacturing",
)


@pytest.mark.parametrize("screen", SCREENS)
def test_the_pages_read_most_fit_a_phone_screen(screen, new_context, axe_seen, saved_return):
    width, height = SCREENS[screen]
    studio = saved_return("pat", P.PASSWORD, 2025, LONG_NAMES[0], P.DESIGNER)
    lake = saved_return("pat", P.PASSWORD, 2025, LONG_NAMES[1], P.MARY_LAKE)
    remote = saved_return("pat", P.PASSWORD, 2025, LONG_NAMES[2], P.EMPLOYEE)
    page = new_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True).new_page()
    # The Visitor's own checks are replaced by check_layout (which says what is wrong, and scans at each width).
    v = Visitor(page, _AllSeen())
    v.sign_in("pat", P.PASSWORD)
    for tax_return in (studio, lake):  # the results once, so that the list shows their deductions
        v.goto(f"/returns/{tax_return.pk}/summary/")
    v.goto("/returns/")
    rows = page.locator("table.returns-table tbody tr")
    expect(rows).to_have_count(3)
    check_layout(page, f"the list of returns at {screen}")

    for step in ("work", "expenses", "depreciation"):
        v.goto(f"/returns/{studio.pk}/interview/{step}/?return=review")
        check_layout(page, f"the {step} question at {screen}")

    v.goto(f"/returns/{studio.pk}/interview/income/?return=review")
    v.fill("income", {"gross_income": "60.000,00"})
    v.press_button("Save and continue")
    expect(page.locator(".error-summary")).to_be_visible()
    check_layout(page, f"a question with an error at {screen}")

    v.goto(f"/returns/{studio.pk}/review/")
    check_layout(page, f"check your answers at {screen}")

    v.goto(f"/returns/{studio.pk}/summary/")
    open_every_details(page)
    check_layout(page, f"the results with every section open at {screen}")

    v.goto(f"/returns/{remote.pk}/not-eligible/")
    check_layout(page, f"the not-eligible page at {screen}")
