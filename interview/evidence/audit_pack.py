"""The audit pack: one ZIP with the worksheet PDF, an index (which line each file supports and which lines
have none, as index.csv and index.txt) and the files, decrypted."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field

from interview.evidence import targets
from interview.evidence.selectors import by_target
from interview.evidence.storage import EvidenceUnreadable, evidence_storage

ATTACHED, MISSING = "attached", "missing"
INDEX_COLUMNS = ["line", "supports", "status", "file", "note", "date", "sha256"]


@dataclass
class IndexRow:
    target: targets.Target
    status: str  # attached / missing
    lines: str  # where this return reports the line (Form 8829 or the Pub 587 worksheet)
    items: list = field(default_factory=list)


def index_rows(tax_return) -> list[IndexRow]:
    """Every target that applies to the return or has a file, in form order."""
    grouped = by_target(tax_return)
    needed = {t.key for t in targets.applicable(tax_return.answers)}
    answers = tax_return.answers
    rows = []
    for target in targets.TARGETS:
        items = grouped.get(target.key, [])
        if items:
            rows.append(IndexRow(target, ATTACHED, targets.lines_for(target, answers), items))
        elif target.key in needed:
            rows.append(IndexRow(target, MISSING, targets.lines_for(target, answers)))
    return rows


def missing(tax_return) -> list[IndexRow]:
    return [row for row in index_rows(tax_return) if row.status == MISSING]


def pack_names(rows: list[IndexRow]) -> dict[int, str]:
    """Evidence id -> its path in the ZIP: files/NN-target-name (names are already safe display names)."""
    names, n = {}, 0
    for row in rows:
        for item in row.items:
            n += 1
            names[item.pk] = f"files/{n:02d}-{row.target.key}-{item.original_name}"
    return names


def index_csv(rows: list[IndexRow], names: dict[int, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(INDEX_COLUMNS)
    for row in rows:
        base = [row.lines, row.target.label, row.status]
        if not row.items:
            writer.writerow([*base, "", "", "", ""])
        for item in row.items:
            date = item.document_date.isoformat() if item.document_date else ""
            writer.writerow([*base, names[item.pk], item.note, date, item.sha256])
    return out.getvalue()


def index_text(tax_return, rows: list[IndexRow], names: dict[int, str], worksheet: str | None) -> str:
    lines = [
        f"Audit pack: {tax_return.name} ({tax_return.tax_year})",
        "",
        f"Worksheet: {worksheet}" if worksheet else "Worksheet: not included (answer every question first).",
        "",
        "Evidence for each line:",
    ]
    for row in rows:
        lines.append(f"- {row.target.label} ({row.lines}):")
        if not row.items:
            lines.append(f"    NO EVIDENCE ATTACHED. Keep: {row.target.records}.")
        for item in row.items:
            extra = "; ".join(
                filter(None, [item.document_date and item.document_date.isoformat(), item.note])
            )
            lines.append(f"    {names[item.pk]}" + (f" ({extra})" if extra else ""))
    gaps = [row.target for row in rows if row.status == MISSING]
    lines += ["", "Lines without evidence: " + (", ".join(t.label for t in gaps) if gaps else "none"), ""]
    return "\n".join(lines)


def build_zip(tax_return, worksheet_pdf: bytes | None, worksheet_name: str) -> bytes:
    rows = index_rows(tax_return)
    names = pack_names(rows)
    store = evidence_storage()
    contents = {}
    for row in rows:
        for item in row.items:
            try:
                contents[item.pk] = store.read(item.stored_name)
            except EvidenceUnreadable:
                # The pack still comes out, and its index says which file is not in it and what to do.
                names[item.pk] = f"NOT INCLUDED, could not be read (upload it again): {item.original_name}"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as pack:
        if worksheet_pdf:
            pack.writestr(worksheet_name, worksheet_pdf)
        pack.writestr("index.csv", index_csv(rows, names))
        pack.writestr(
            "index.txt", index_text(tax_return, rows, names, worksheet_name if worksheet_pdf else None)
        )
        for pk, body in contents.items():
            pack.writestr(names[pk], body)
    return out.getvalue()
