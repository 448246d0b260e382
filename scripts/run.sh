#!/usr/bin/env bash
# `make run`: the web server and one task worker (worksheet renders, issue #17) as one command.
# Ctrl-C stops both; if the web server stops, the worker is stopped too; a worker that dies is started again
# (its unfinished task is then run again: see homeoffice/management/commands/run_worker.py). The worker does not
# reload on code changes (a reloading worker leaves its child behind when killed): Ctrl-C and `make run` again.
# In production run them as separate processes under your process manager (docs/deployment.md).
set -u
PY=${PY:-.venv/bin/python}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
# The server and the worker are two processes: they share the worksheet cache through the database (or
# Redis when REDIS_URL is set), never a per-process memory cache.
export DJANGO_CACHE=${DJANGO_CACHE:-database}
"$PY" manage.py createcachetable || exit 1

# Each child leads its own process group (setsid), so stopping it also stops what it started (runserver's
# autoreloader runs the server in a child process).
setsid "$PY" manage.py runserver "$HOST:$PORT" &
web=$!
setsid bash -c '
  trap "kill -TERM \$child 2>/dev/null; wait \$child; exit 0" TERM INT
  while :; do
    "$0" manage.py run_worker --no-reload & child=$!
    wait $child; rc=$?
    echo "task worker exited ($rc): starting it again in 1 s" >&2
    sleep 1
  done' "$PY" &
worker=$!

stop() {
  trap - INT TERM EXIT
  kill -TERM -- "-$web" "-$worker" 2>/dev/null
  wait "$web" "$worker" 2>/dev/null
}
trap 'stop; exit 0' INT TERM
trap stop EXIT
echo "Web server (pid $web) and task worker (pid $worker) running; Ctrl-C stops both."
wait -n "$web" "$worker"
echo "One of them stopped: stopping the other." >&2
