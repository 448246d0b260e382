"""The personas' answers and the figures they must get, WORKED OUT BY HAND here (or taken from the public
reference cases: Pub 587's Mary Lake). Nothing here is read from the engine under test.

Rounding, as published in the app's rounding policy and RULES.md: percentages to two decimals of a percent (the
rounded value used afterwards), line 6 to four decimals, dollar lines half-up to whole dollars, depreciation
rounded once on line 42; the simplified daycare rate (line 3c) to cents.
"""

PASSWORD = "correct-horse-battery-staple-42"

SELF_EMPLOYED = {"role": "self_employed", "trade_or_business": "yes"}
OFFICE_ONLY_FOR_WORK = {
    "space_type": "office",
    "regular_use": "yes",
    "exclusive_use": "yes",
    "also_used_for_employee_work": "no",
}
PRINCIPAL_PLACE = {
    "home_is_main_work_location": "yes",
    "admin_management_at_home": "yes",
    "substantial_admin_at_other_fixed_location": "no",
    "meets_clients_in_person": "no",
    "separate_structure": "no",
}
WHOLE_YEAR = {"whole_year": "yes", "moved": "no"}
SINGLE_STANDARD = {"filing_status": "single", "deduction": "standard"}

# --- 1. Dana, a freelance designer who owns her home (actual method, depreciation, carryovers) ------------
DESIGNER = [
    ("work", {**SELF_EMPLOYED, "business_description": "Graphic design"}),
    ("income", {"gross_income": "60,000", "expenses_not_from_home": "12,000"}),
    ("space", OFFICE_ONLY_FOR_WORK),
    ("place", PRINCIPAL_PLACE),
    ("home", {"ownership": "own", "measure": "sqft", "total_area": "2,400", **WHOLE_YEAR}),
    ("office", {"office_area": "240", "office_whole_period": "yes", "shared": "no"}),
    (
        "expenses",
        {
            "mortgage_interest": "14,000",
            "real_estate_taxes": "5,000",
            "insurance": "1,500",
            "utilities": "$3,600",
            "repairs_direct": "300",  # painting the office: a direct expense
        },
    ),
    ("phone_internet", {}),
    (
        "depreciation",
        {
            "purchase_price": "320,000",
            "land_value": "70,000",
            "fmv_at_first_use": "360,000",
            "first_use_month": "7",
            "first_use_year": "2021",
        },
    ),
    ("carryovers", {"carryover_operating": "400", "carryover_excess": "150"}),
    ("deduction", SINGLE_STANDARD),
]
# Form 8829 (2025), standard deduction, so mortgage interest and taxes are "excess" lines 16b/17b:
#   line 3 = 240 / 2,400 = 10.00 %                     line 7 = 10.00 %
#   line 8 = 60,000 - 12,000 = 48,000; lines 9-14 = 0;  line 15 = 48,000
#   line 23a = 300 (painting);  line 23b = 14,000 + 5,000 + 1,500 + 3,600 = 24,100
#   line 24 = 24,100 x 10 % = 2,410;  line 25 = 400 (last year's line 43)
#   line 26 = 300 + 2,410 + 400 = 3,110;  line 27 = min(48,000, 3,110) = 3,110;  line 28 = 48,000 - 3,110 = 44,890
#   Part III: line 37 = min(basis 320,000, FMV 360,000) = 320,000; line 38 = 70,000; line 39 = 250,000
#             line 40 = 250,000 x 10 % = 25,000; line 41 = 2.564 % (39-year, a year after the first)
#             line 42 = 25,000 x 2.564 % = 641.00 -> 641
#   line 30 = 641;  line 31 = 150 (last year's line 44);  line 32 = 791;  line 33 = min(44,890, 791) = 791
#   line 34 = 0 + 3,110 + 791 = 3,901;  line 35 = 0;  line 36 = 3,901 -> Schedule C line 30
#   line 43 = 3,110 - 3,110 = 0;  line 44 = 791 - 791 = 0
# Simplified: 240 sq ft x $5 = $1,200 (< income limit 48,000) -> actual expenses win by 2,701.
DESIGNER_EXPECTED = {
    "total": "$3,901",
    "actual": "$3,901",
    "simplified": "$1,200",
    "lines": {
        "3": "10.00%",
        "8": "$48,000",
        "23b": "$24,100",
        "24": "$2,410",
        "25": "$400",
        "26": "$3,110",
        "28": "$44,890",
        "31": "$150",
        "32": "$791",
        "40": "$25,000",
        "41": "2.564%",
        "42": "$641",
        "36": "$3,901",
        "43": "$0",
        "44": "$0",
    },
}

# --- 2. Sam, a consultant who rents (the simplified method wins); done with the keyboard only -------------
CONSULTANT = [
    ("work", {**SELF_EMPLOYED, "business_description": "Management consulting"}),
    ("income", {"gross_income": "40000", "expenses_not_from_home": "4000"}),
    ("space", OFFICE_ONLY_FOR_WORK),
    ("place", PRINCIPAL_PLACE),
    ("home", {"ownership": "rent", "measure": "sqft", "total_area": "1500", **WHOLE_YEAR}),
    ("office", {"office_area": "150", "office_whole_period": "yes", "shared": "no"}),
    ("expenses", {"rent": "6000", "insurance": "180", "utilities": "900"}),
    ("phone_internet", {}),
    ("carryovers", {}),
    ("deduction", SINGLE_STANDARD),
]
# Actual: line 3 = 150 / 1,500 = 10.00 %; line 23b = 6,000 + 180 + 900 = 7,080; line 24 = 708.00 -> 708
#         line 8 = 40,000 - 4,000 = 36,000; line 36 = 708
# Simplified: line 1 = 36,000; line 2 = 150; line 3c = $5.00; line 4 = 150 x 5 = 750; line 5 = min(36,000, 750)
#         = 750 -> the simplified method wins by 42.
CONSULTANT_EXPECTED = {"total": "$750", "actual": "$708", "simplified": "$750"}

# --- 3. Riley, a W-2 remote employee who read about the "$1,400 internet deduction" ------------------------
EMPLOYEE = [
    ("work", {"role": "employee", "business_description": "Software engineer", "trade_or_business": "yes"}),
    (
        "employee",
        {"employee_category": "none", "convenience_of_employer": "yes", "rents_space_to_employer": "no"},
    ),
]
# 2025: unreimbursed employee expenses, a home office included, are not deductible (IRC §67(g), 2018-2025).

# --- 4. Mary Lake's licensed home daycare, not used exclusively (Pub 587 (2013), Daycare Facility, Ex. 1) ---
# Public reference case C04 (/work/shared/domain/reference_cases.json): 1,600 of 3,200 sq ft; 12 hours a day,
# 5 days a week, 50 weeks = 3,000 hours of 8,760; rent 8,400; utilities 850; painting the basement (direct,
# not exclusive) 500; Schedule C line 29 = 50,000 - 25,000 = 25,000. Entered for tax year 2025: the
# arithmetic is the same (8,760 hours: 2025 is not a leap year; rent and utilities are the same lines).
MARY_LAKE = [
    ("work", {**SELF_EMPLOYED, "business_description": "Family daycare"}),
    (
        "income",
        {"gross_income": "50,000", "expenses_not_from_home": "25,000", "tentative_profit": "25,000"},
    ),
    (
        "space",
        {
            "space_type": "daycare",
            "regular_use": "yes",
            "exclusive_use": "no",
            "also_used_for_employee_work": "no",
        },
    ),
    ("daycare", {"daycare_qualifying_care": "yes", "daycare_license_status": "granted"}),
    ("home", {"ownership": "rent", "measure": "sqft", "total_area": "3,200", **WHOLE_YEAR}),
    ("office", {"office_area": "1,600", "office_whole_period": "yes", "shared": "no"}),
    ("daycare_hours", {"hours_used": "3,000"}),
    ("expenses", {"rent": "8,400", "utilities": "850", "repairs_direct": "500"}),
    ("phone_internet", {}),
    ("carryovers", {}),
    ("deduction", SINGLE_STANDARD),
]
# line 3 = 1,600 / 3,200 = 50.00 %; line 4 = 3,000; line 5 = 8,760; line 6 = 3,000 / 8,760 = 0.342466 -> 0.3425
# line 7 = 50 % x 34.25 % = 17.125 % -> 17.13 %; line 8 = 25,000 (Schedule C line 29)
# line 23b = 8,400 + 850 = 9,250; line 24 = 9,250 x 17.13 % = 1,584.53 -> 1,585
# painting: direct, but the area is not used exclusively, so x line 6: 500 x 34.25 % = 171.25 -> 171 (20a)
# line 26 = 171 + 1,585 = 1,756 <= line 15 (25,000) -> line 36 = $1,756 (Pub 587's figure)
# Simplified: rate 5 x 0.3425 = 1.7125 -> $1.71; area capped at 300 sq ft -> 300 x 1.71 = $513.
MARY_LAKE_EXPECTED = {
    "total": "$1,756",
    "actual": "$1,756",
    "simplified": "$513",
    "lines": {
        "3": "50.00%",
        "6": "0.3425",
        "7": "17.13%",
        "8": "$25,000",
        "20a": "$171",
        "23a": "$171",
        "23b": "$9,250",
        "24": "$1,585",
        "26": "$1,756",
        "36": "$1,756",
    },
}

# --- 5. Jo, a writer who rents, comes back the next day and corrects the utilities -------------------------
WRITER = [
    ("work", {**SELF_EMPLOYED, "business_description": "Freelance writing"}),
    ("income", {"gross_income": "30,000", "expenses_not_from_home": "3,000"}),
    ("space", OFFICE_ONLY_FOR_WORK),
    ("place", PRINCIPAL_PLACE),
    ("home", {"ownership": "rent", "measure": "sqft", "total_area": "1,200", **WHOLE_YEAR}),
    ("office", {"office_area": "120", "office_whole_period": "yes", "shared": "no"}),
    ("expenses", {"rent": "18,000", "utilities": "2,400"}),
    ("phone_internet", {}),
    ("carryovers", {}),
    ("deduction", SINGLE_STANDARD),
]
# Day 1: line 3 = 120 / 1,200 = 10.00 %; line 23b = 18,000 + 2,400 = 20,400; line 24 = 2,040; line 36 = 2,040
#        (line 15 = 30,000 - 3,000 = 27,000). Simplified: 120 x 5 = 600 -> actual wins.
# Day 2, utilities corrected to 3,000: line 23b = 21,000; line 24 = 2,100; line 36 = 2,100.
WRITER_DAY1 = {"total": "$2,040", "utilities": "2,400", "line36": "2,040"}
WRITER_DAY2 = {"utilities": "3,000", "total": "$2,100", "line36": "2,100"}
