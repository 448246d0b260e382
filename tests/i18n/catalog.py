"""A small reader of .po files for the build checks (msgid, msgstr, flags; enough for our catalog)."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


@dataclass
class Entry:
    msgid: str = ""
    msgstr: str = ""
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False


def read_po(path: Path) -> list[Entry]:
    entries, entry, target = [], Entry(), None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if entry.msgid or target:
                entries.append(entry)
            entry, target = Entry(), None
        elif line.startswith("#~"):
            entry.obsolete = True
        elif line.startswith("#,"):
            entry.flags |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgid_plural", "msgstr[")):
            raise AssertionError(f"plural entries are not read by this checker: {line!r}")
        elif line.startswith("msgid "):
            target = "msgid"
            entry.msgid = ast.literal_eval(line[6:])
        elif line.startswith("msgstr "):
            target = "msgstr"
            entry.msgstr = ast.literal_eval(line[7:])
        elif line.startswith('"') and target:
            setattr(entry, target, getattr(entry, target) + ast.literal_eval(line))
    return [e for e in entries if e.msgid]  # the header has an empty msgid
