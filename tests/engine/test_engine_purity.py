"""The engine is pure Python: stdlib only, never Django, never float."""

import ast
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "homeoffice" / "engine"
STDLIB = set(sys.stdlib_module_names)


def _modules():
    return sorted(ENGINE.rglob("*.py"))


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_engine_never_imports_django():
    offenders = [(p.name, m) for p in _modules() for m in _imports(p) if m.split(".")[0] == "django"]
    assert offenders == []


def test_engine_imports_only_stdlib_and_itself():
    offenders = [
        (p.name, m)
        for p in _modules()
        for m in _imports(p)
        if m.split(".")[0] not in STDLIB and not m.startswith("homeoffice.engine")
    ]
    assert offenders == []


def test_engine_has_no_float_literals_or_float_calls():
    offenders = []
    for p in _modules():
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, float):
                offenders.append((p.name, node.lineno))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "float":
                offenders.append((p.name, node.lineno))
    assert offenders == []


def test_importing_and_computing_loads_no_django_module():
    code = (
        "import sys, json, re\n"
        "from homeoffice.engine import case_from_dict, compute\n"
        "text = open('docs/case-format.md').read()\n"
        "d = json.loads(re.search(r'```json\\n(.*?)```', text, re.S).group(1))\n"
        "compute(case_from_dict(d))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))\n"
    )
    root = ENGINE.parents[1]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
