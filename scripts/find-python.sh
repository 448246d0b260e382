#!/usr/bin/env bash
# Prints the path of a Python >= 3.12 interpreter (Django 6.1 needs it), or fails with a clear message.
# These machines default to 3.11, with newer versions under pyenv, so look there too.
set -u
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
candidates+=(python3.12 python3.13 python3.14)
if command -v pyenv >/dev/null 2>&1; then
  for v in $(pyenv versions --bare 2>/dev/null | sort -V); do
    p="$(pyenv root)/versions/$v/bin/python3"
    [ -x "$p" ] && candidates+=("$p")
  done
fi
for root in "$HOME/.pyenv/versions" /root/.pyenv/versions /opt/pyenv/versions; do
  [ -d "$root" ] || continue
  for p in $(ls -d "$root"/3.1[2-9]*/bin/python3 2>/dev/null | sort -V); do candidates+=("$p"); done
done
candidates+=(python3 python)
for c in "${candidates[@]}"; do
  path=$(command -v "$c" 2>/dev/null) || continue
  if "$path" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
    echo "$path"
    exit 0
  fi
done
echo "error: Python 3.12 or newer is required (Django 6.1), and none was found." >&2
echo "       Tried: ${candidates[*]}" >&2
echo "       Install one (e.g. 'pyenv install 3.12' or 'apt-get install python3.12') or set PYTHON=/path/to/python3.12." >&2
exit 1
