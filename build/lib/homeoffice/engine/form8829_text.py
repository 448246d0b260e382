"""Form 8829 (2018+ layout) line captions and sources. Captions are the 2025 form's (RULES.md §1.1, S2)."""

from __future__ import annotations

FORM = "Form 8829"
PUB_ACTUAL = "Pub 587, Using Actual Expenses"
PUB_LIMIT = "Pub 587, Deduction Limit"
PUB_PCT = "Pub 587, Business Percentage"
PUB_DAYCARE = "Pub 587, Daycare Facility"
PUB_DEPR = "Pub 587, Depreciating Your Home"

CAPTIONS: dict[str, str] = {
    "1": "Area used regularly and exclusively for business, regularly for daycare, or for storage of inventory or product samples (see instructions)",
    "2": "Total area of home",
    "3": "Divide line 1 by line 2. Enter the result as a percentage",
    "4": "Multiply days used for daycare during year by hours used per day",
    "5": "If you started or stopped using your home for daycare during the year, see instructions; otherwise, enter 8,760",
    "6": "Divide line 4 by line 5. Enter the result as a decimal amount",
    "7": "Business percentage. For daycare facilities not used exclusively for business, multiply line 6 by line 3 (enter the result as a percentage). All others, enter the amount from line 3",
    "8": "Enter the amount from Schedule C, line 29, plus any gain derived from the business use of your home, minus any loss from the trade or business not derived from the business use of your home. See instructions",
    "9": "Casualty losses (see instructions)",
    "10": "Deductible mortgage interest (see instructions)",
    "11": "Real estate taxes (see instructions)",
    "12": "Add lines 9, 10, and 11",
    "13": "Multiply line 12, column (b), by line 7",
    "14": "Add line 12, column (a), and line 13",
    "15": "Subtract line 14 from line 8. If zero or less, enter -0-",
    "16": "Excess mortgage interest (see instructions)",
    "17": "Excess real estate taxes (see instructions)",
    "18": "Insurance",
    "19": "Rent",
    "20": "Repairs and maintenance",
    "21": "Utilities",
    "22": "Other expenses (see instructions)",
    "23": "Add lines 16 through 22",
    "24": "Multiply line 23, column (b), by line 7",
    "25": "Carryover of prior year operating expenses (see instructions)",
    "26": "Add line 23, column (a), line 24, and line 25",
    "27": "Allowable operating expenses. Enter the smaller of line 15 or line 26",
    "28": "Limit on excess casualty losses and depreciation. Subtract line 27 from line 15",
    "29": "Excess casualty losses (see instructions)",
    "30": "Depreciation of your home from line 42 below",
    "31": "Carryover of prior year excess casualty losses and depreciation (see instructions)",
    "32": "Add lines 29 through 31",
    "33": "Allowable excess casualty losses and depreciation. Enter the smaller of line 28 or line 32",
    "34": "Add lines 14, 27, and 33",
    "35": "Casualty loss portion, if any, from lines 14 and 33. Carry amount to Form 4684. See instructions",
    "36": "Allowable expenses for business use of your home. Subtract line 35 from line 34. Enter here and on Schedule C, line 30. If your home was used for more than one business, see instructions",
    "37": "Enter the smaller of your home's adjusted basis or its fair market value. See instructions",
    "38": "Value of land included on line 37",
    "39": "Basis of building. Subtract line 38 from line 37",
    "40": "Business basis of building. Multiply line 39 by line 7",
    "41": "Depreciation percentage (see instructions)",
    "42": "Depreciation allowable (see instructions). Multiply line 40 by line 41. Enter here and on line 30 above",
    "43": "Operating expenses. Subtract line 27 from line 26. If less than zero, enter -0-",
    "44": "Excess casualty losses and depreciation. Subtract line 33 from line 32. If less than zero, enter -0-",
}

PUB_SECTION: dict[str, str] = {
    **dict.fromkeys(("1", "2", "3"), PUB_PCT),
    **dict.fromkeys(("4", "5", "6", "7"), PUB_DAYCARE),
    **dict.fromkeys(("8", "15", "27", "28", "33", "34", "36"), PUB_LIMIT),
    **dict.fromkeys(
        ("9", "10", "11", "12", "13", "14", "16", "17", "18", "19", "20", "21", "22", "23", "24"), PUB_ACTUAL
    ),
    **dict.fromkeys(("25", "26", "29", "30", "31", "32", "35", "43", "44"), PUB_LIMIT),
    **dict.fromkeys(("37", "38", "39", "40", "41", "42"), PUB_DEPR),
}

COLUMN_LINES = tuple(str(n) for n in range(9, 24))  # lines 9-23 carry (a) and (b)
COLUMN_NAMES = {"a": "(a) Direct expenses", "b": "(b) Indirect expenses"}

# Every line of Parts I-IV in form order; column lines appear as "9a", "9b".
ALL_LINES: tuple[str, ...] = tuple(
    key
    for n in range(1, 45)
    for key in ((f"{n}a", f"{n}b") if str(n) in COLUMN_LINES and n not in (13, 14, 15) else (str(n),))
)

# Entry lines of the line-level calculator (ARCHITECTURE.md CLI contract).
ENTRY_LINES: tuple[str, ...] = (
    "1",
    "2",
    "4",
    "5",
    "8",
    *(f"{n}{c}" for n in (9, 10, 11) for c in "ab"),
    *(f"{n}{c}" for n in range(16, 23) for c in "ab"),
    "25",
    "29",
    "31",
    "37",
    "38",
    "41",
)

PART_IV_TITLE = "Part IV — Carryover of Unallowed Expenses to {next_year}"


def caption(line: str) -> str:
    base = line.rstrip("ab") if line[-1:] in ("a", "b") and line[:-1].isdigit() else line
    text = CAPTIONS[base]
    if base != line:
        text = f"{text} — {COLUMN_NAMES[line[-1]]}"
    return text


def source(line: str) -> str:
    base = line.rstrip("ab") if line[-1:] in ("a", "b") and line[:-1].isdigit() else line
    return f"{FORM} line {line}; {PUB_SECTION[base]}"


# Precomputed (caption, source) per line: the worksheet is built for every case, so do the text work once.
LINE_TEXT: dict[str, tuple[str, str]] = {line: (caption(line), source(line)) for line in ALL_LINES}
