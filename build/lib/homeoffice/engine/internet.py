"""Internet service and a second phone line: a Schedule C line 25 expense at the business-use share, never
also on Form 8829; nothing federally for an employee (RULES.md §6; Pub 587, telephone rule by analogy)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .facts import UseShare
from .money import DOLLAR, round_money

NO_1400_DEDUCTION = (
    'There is no "$1,400 home office internet deduction". No tax law, IRS form or publication sets a fixed '
    "internet deduction (the only fixed figure in home office rules is the simplified method's $5 x 300 sq ft "
    "= $1,500 cap). If you are self-employed, the business-use share of your internet bill is an ordinary "
    "business expense (Schedule C line 25; a farm's on Schedule F; a partner's unreimbursed partnership "
    "expense on Schedule E), with no dollar cap and whether or not your home office qualifies. "
    "If you are an employee, unreimbursed work expenses are not deductible on your federal return (2018-2025 "
    "suspended by IRC §67(g); from 2026 eliminated by §67(h)); ask your employer to reimburse you under an "
    "accountable plan. (IRC §162; IRC §67(g), §67(h); Pub 587, telephone)"
)
INTERNET_WHERE = (
    "Internet and a second phone line go on Schedule C line 25 (Utilities) at the business-use share — never "
    "also on Form 8829 (Pub 587: business telephone lines are deducted on line 25 instead of line 30; internet "
    "by the same logic — an interpretation, as no IRS text names internet)."
)
INTERNET_WHERE_FARM = (
    "Internet and a second phone line used for the farm are farm expenses on Schedule F (utilities) at the "
    "business-use share — never also on the home office worksheet (Pub 587: business telephone lines are a "
    "business expense, not a home expense; internet by the same logic — an interpretation, as no IRS text "
    "names internet)."
)
INTERNET_WHERE_PARTNER = (
    "Internet and a second phone line you pay for the partnership's business are unreimbursed partnership "
    "expenses on Schedule E, Part II, at the business-use share, if the partnership agreement expects you to "
    "pay them — never also on the home office worksheet (Pub 587: business telephone lines are a business "
    "expense, not a home expense; internet by the same logic — an interpretation, as no IRS text names "
    "internet)."
)
INTERNET_WHERE_BY_SCHEDULE = {
    "C": INTERNET_WHERE,
    "F": INTERNET_WHERE_FARM,
    "partner": INTERNET_WHERE_PARTNER,
}
# Where the business share goes, per schedule of the business it belongs to (the "where to report" table).
USE_EXPENSE_WHERE = {
    "C": "Schedule C, line 25 (Utilities)",
    "F": "Schedule F (Utilities), as a farm expense",
    "partner": "Schedule E, Part II (unreimbursed partnership expenses)",
}
EMPLOYEE_NOTHING = (
    "As an employee you get no federal deduction for internet or phone costs (IRC §67(g) for 2018-2025, §67(h) "
    "from 2026)."
)


@dataclass(frozen=True, slots=True)
class UseExpense:
    item: str  # "internet" | "second_phone_line"
    business: str
    amount: Decimal
    where: str

    def to_dict(self) -> dict:
        return {"item": self.item, "business": self.business, "amount": str(self.amount), "where": self.where}


def business_part(share: UseShare, quantum: Decimal = DOLLAR) -> Decimal:
    return round_money(share.annual_cost * share.business_fraction, quantum)
