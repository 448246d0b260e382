"""A deliberately simple, independent Form 8829 (2018+ layout), written from the printed captions only.

It does not import the engine. Percentages are rounded to two decimals as the form asks ("Enter the result
as a percentage"); dollars are left unrounded, so results may differ from the engine by rounding only."""

from decimal import ROUND_HALF_UP, Decimal

MONTH_TABLE = [
    "2.461",
    "2.247",
    "2.033",
    "1.819",
    "1.605",
    "1.391",
    "1.177",
    "0.963",
    "0.749",
    "0.535",
    "0.321",
    "0.107",
]


def pct2(x):
    return Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def form8829(tax_year, lines):
    g = lambda k: Decimal(str(lines.get(k, "0")))  # noqa: E731 - short local reader
    out = {}
    out["1"], out["2"] = g("1"), g("2")
    out["3"] = pct2(out["1"] / out["2"] * 100)  # "Divide line 1 by line 2. Enter the result as a percentage"
    if g("4") != 0:
        out["4"] = g("4")
        out["5"] = g("5") if "5" in lines else Decimal(8784 if tax_year % 4 == 0 else 8760)
        out["6"] = (out["4"] / out["5"]).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        out["7"] = pct2(out["6"] * out["3"])  # "multiply line 6 by line 3"
    else:
        out["4"] = out["5"] = out["6"] = Decimal(0)
        out["7"] = out["3"]  # "All others, enter the amount from line 3"
    share = out["7"] / 100
    out["8"] = g("8")
    for col in "ab":
        out[f"12{col}"] = g(f"9{col}") + g(f"10{col}") + g(f"11{col}")  # "Add lines 9, 10, and 11"
        out[f"23{col}"] = sum(g(f"{n}{col}") for n in range(16, 23))  # "Add lines 16 through 22"
    out["13"] = out["12b"] * share
    out["14"] = out["12a"] + out["13"]
    out["15"] = max(Decimal(0), out["8"] - out["14"])  # "If zero or less, enter -0-"
    out["24"] = out["23b"] * share
    out["25"] = g("25")
    out["26"] = out["23a"] + out["24"] + out["25"]
    out["27"] = min(out["15"], out["26"])  # "smaller of line 15 or line 26"
    out["28"] = out["15"] - out["27"]
    out["37"], out["38"] = g("37"), g("38")
    out["39"] = out["37"] - out["38"]
    out["40"] = out["39"] * share
    if "41" in lines:
        out["41"] = g("41")
    elif "first_business_use" in lines:
        year, month = (int(x) for x in lines["first_business_use"].split("-"))
        out["41"] = Decimal(MONTH_TABLE[month - 1]) if year == tax_year else Decimal("2.564")
    else:
        out["41"] = Decimal(0)
    out["42"] = out["40"] * out["41"] / 100
    out["29"], out["30"], out["31"] = g("29"), out["42"], g("31")
    out["32"] = out["29"] + out["30"] + out["31"]
    out["33"] = min(out["28"], out["32"])  # "smaller of line 28 or line 32"
    out["34"] = out["14"] + out["27"] + out["33"]
    out["35"] = g("9a") + g("9b") * share + min(out["29"], out["33"])
    out["36"] = out["34"] - out["35"]
    out["43"] = max(Decimal(0), out["26"] - out["27"])
    out["44"] = max(Decimal(0), out["32"] - out["33"])
    return out
