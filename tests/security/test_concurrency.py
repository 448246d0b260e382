"""Never lose or mix answers under real concurrency (PostgreSQL only: SQLite cannot lock rows).

Real threads, each with its own database connection, call interview.services.save_step on the same return in
randomized interleavings: double submits (identical writers), stale tabs that change the same answer to
different values, stale tabs that change different answers, and writers that read the newest version first.
After each round, from the recorded history alone:

- replaying the history from the starting answers gives exactly the saved answers (nothing lost, no change
  missing from the history), and every change's "old" value is the value just before it (no lost update);
- the version went up once per recorded change set, and only versions a successful writer reported;
- every writer that succeeded had seen the value it replaced: no answer was overwritten silently;
- every writer that got VersionConflict wanted a value different from the one saved;
- identical double submits never produce two change sets.

A second test sends the real HTTP form from two threads at once (double click, and two tabs).
"""

import os
import queue
import random
import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client

from interview import services
from interview.models import AnswerChange, TaxReturn
from tests.security.flows import create_return, renter_pages, step_payload, step_url, walk

ON_POSTGRES = connection.vendor == "postgresql"
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL=postgres://...): SQLite cannot lock rows"
    ),
    pytest.mark.django_db(transaction=True),
]

ROUNDS = int(os.environ.get("SECURITY_RACE_ROUNDS", "200"))
SEED = int(os.environ.get("SECURITY_RACE_SEED", str(random.SystemRandom().randrange(10**6))))
STEP = "income"
FIELDS = ("gross_income", "expenses_not_from_home")
VALUES = ("100", "200", "300", "400")


class Workers:
    """Long-lived threads, each with its own database connection (kept across rounds: connecting is slow)."""

    def __init__(self, count=4):
        self.queues = [queue.Queue() for _ in range(count)]
        self.threads = [threading.Thread(target=self._loop, args=(q,), daemon=True) for q in self.queues]
        for t in self.threads:
            t.start()

    @staticmethod
    def _loop(q):
        try:
            while (item := q.get()) is not None:
                fn, results, index, done = item
                try:
                    results[index] = fn()
                except BaseException as exc:  # reported by the caller
                    results[index] = exc
                finally:
                    done.release()
        finally:
            connections.close_all()

    def run(self, functions):
        """Run the functions in different threads, released at the same moment; their results in order."""
        assert len(functions) <= len(self.queues)
        barrier = threading.Barrier(len(functions))
        results, done = [None] * len(functions), threading.Semaphore(0)
        for i, fn in enumerate(functions):
            self.queues[i].put((lambda fn=fn: (barrier.wait(timeout=30), fn())[1], results, i, done))
        for _ in functions:
            assert done.acquire(timeout=60), "a writer hung (deadlock?)"
        return results

    def close(self):
        for q in self.queues:
            q.put(None)
        for t in self.threads:
            t.join(timeout=30)


@pytest.fixture
def workers():
    pool = Workers()
    yield pool
    pool.close()


def history(tax_return, after_version):
    return list(
        AnswerChange.objects.filter(tax_return=tax_return, step=STEP, version__gt=after_version).order_by(
            "version", "id"
        )
    )


def value_at(start_values, changes, version):
    """The step's values as of `version`, replayed from the history."""
    values = dict(start_values)
    for change in changes:
        if change.version <= version:
            values[change.field] = change.new_value
    return values


def make_writer(user, tax_return, data, base_version, read_fresh, delay, rng_values):
    def write():
        time.sleep(delay)
        version, seen = base_version, None
        if read_fresh:  # this tab loaded the page just now
            current = TaxReturn.objects.get(pk=tax_return.pk)
            version, seen = current.version, dict(current.answers[STEP])
            data.update({f: rng_values.get(f, seen[f]) for f in FIELDS})
        try:
            saved = services.save_step(tax_return, user, STEP, dict(data), version)
        except services.VersionConflict as conflict:
            return {"ok": False, "conflict": conflict, "base": version, "data": dict(data)}
        return {"ok": True, "version": saved.version, "base": version, "data": dict(data), "seen": seen}

    return write


def test_randomized_interleavings_never_lose_or_mix_answers(make_user, workers):
    rng = random.Random(SEED)
    user = make_user("racer")
    where = f"(SECURITY_RACE_SEED={SEED})"
    for round_no in range(ROUNDS):
        start = {f: rng.choice(VALUES) for f in FIELDS}
        tax_return = TaxReturn.objects.create(owner=user, tax_year=2025, name="Race", answers={}, version=1)
        tax_return = services.save_step(tax_return, user, STEP, dict(start), 1)
        start_version = tax_return.version
        start_values = dict(tax_return.answers[STEP])

        writers, plans = [], []
        for _ in range(rng.randint(2, 4)):
            if plans and rng.random() < 0.25:  # a double submit: exactly what another writer sends
                plan = dict(plans[rng.randrange(len(plans))])
            else:
                changes = {f: rng.choice(VALUES) for f in FIELDS if rng.random() < 0.6}
                plan = {
                    "data": {**start_values, **changes},
                    "fresh": rng.random() < 0.3,
                    "fresh_changes": changes,
                    "delay": rng.random() * 0.004,
                }
            plans.append(plan)
            writers.append(
                make_writer(
                    user,
                    tax_return,
                    dict(plan["data"]),
                    start_version,
                    plan["fresh"],
                    plan["delay"],
                    plan["fresh_changes"],
                )
            )
        results = workers.run(writers)
        context = f"round {round_no} {where}: plans={plans} results={results}"
        for result in results:
            assert isinstance(result, dict), context

        final = TaxReturn.objects.get(pk=tax_return.pk)
        changes = history(tax_return, start_version)
        # Replaying the history gives the saved answers; each change starts from the value just before it.
        replay = dict(start_values)
        for change in changes:
            assert change.old_value == replay.get(change.field), f"lost update: {change} {context}"
            replay[change.field] = change.new_value
        assert {f: final.answers[STEP][f] for f in FIELDS} == {f: replay[f] for f in FIELDS}, context
        # One version per change set, and only versions a successful writer reported.
        change_versions = {c.version for c in changes}
        assert final.version == start_version + len(change_versions), context
        reported = {r["version"] for r in results if r["ok"]}
        assert change_versions <= reported, context
        # Every change was made by a writer that had seen what it replaced (no silent overwrite).
        for version in change_versions:
            in_version = [c for c in changes if c.version == version]
            authors = [
                r
                for r in results
                if r["ok"]
                and r["version"] == version
                and all(r["data"][c.field] == c.new_value for c in in_version)
            ]
            assert authors, f"version {version} has no author {context}"
            for c in in_version:
                seen = [value_at(start_values, changes, a["base"])[c.field] for a in authors]
                assert c.old_value in seen, (
                    f"{c.field}: {c.old_value} overwritten unseen (saw {seen}) {context}"
                )
        # A conflict is reported only for a real disagreement, with both values.
        for r in results:
            if not r["ok"]:
                for c in r["conflict"].conflicts:
                    assert c.yours == r["data"][c.field] and c.yours != c.theirs, context
        # Every successful writer's values are saved or were later changed on purpose (in the history).
        for r in results:
            if not r["ok"]:
                continue
            for f in FIELDS:
                wanted = r["data"][f]
                base_value = value_at(start_values, changes, r["base"])[f]
                if wanted != base_value:
                    assert any(c.field == f and c.new_value == wanted for c in changes), (
                        f"{f}={wanted} accepted but not saved {context}"
                    )


def test_two_requests_at_once_through_the_real_form(make_user, workers):
    """Double click and two tabs, as HTTP requests in parallel threads."""
    user = make_user("clicker")
    rounds = max(10, ROUNDS // 10)
    rng = random.Random(SEED + 1)
    owner = Client()
    owner.force_login(user)
    tax_return = walk(owner, create_return(owner, name="Parallel"), renter_pages())
    for round_no in range(rounds):
        tax_return.refresh_from_db()
        version = tax_return.version
        current = tax_return.answers[STEP]["gross_income"]
        double_click = rng.random() < 0.5
        mine = str(int(current) + 1000)
        theirs = mine if double_click else str(int(current) + 2000)
        clients = [Client(), Client()]
        for c in clients:
            c.force_login(user)
        url = step_url(tax_return, STEP)

        def send(c, value, url=url, version=version):
            payload = step_payload(
                tax_return, STEP, {"gross_income": value, "expenses_not_from_home": "5000"}, version
            )
            return lambda: c.post(url, payload).status_code

        codes = workers.run([send(clients[0], mine), send(clients[1], theirs)])
        tax_return.refresh_from_db()
        context = f"round {round_no} double_click={double_click} codes={codes} (SECURITY_RACE_SEED={SEED})"
        assert tax_return.version == version + 1, context
        if double_click:
            assert codes == [302, 302], context
            assert tax_return.answers[STEP]["gross_income"] == mine, context
        else:
            assert sorted(codes) == [302, 409], context
            winner = (mine, theirs)[codes.index(302)]
            assert tax_return.answers[STEP]["gross_income"] == winner, context
        assert len(history(tax_return, version)) == 1, context
