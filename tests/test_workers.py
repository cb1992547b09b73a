"""The worker pool alone, with constructed work: a worker killed while it writes a large result,
one that runs past its time, one that dies between tasks, chunks that finish out of order. Each
test has an alarm, so a hang fails the test instead of the run."""

from __future__ import annotations

import os
import random
import signal
import time
from collections.abc import Iterator
from typing import Any

import pytest

from govreport.workers import Pool

BIG = 4 * 1024 * 1024  # far more than a pipe holds: the parent reads while the worker writes


def _work(item: str) -> tuple[bytes, str | None, str | None, int]:
    if item == "big":
        return (b"x" * BIG, None, None, 0)
    if item == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    if item == "hang":
        time.sleep(60)
    if item.startswith("nap"):  # "nap0.013:42": sleeps 13 ms
        time.sleep(float(item[3:].split(":")[0]))
    return (item.encode(), None, None, 0)


def _setup() -> None:
    pass


def _cut_large_results() -> None:
    """In the worker: a large result is written half-way, then the worker is killed (SIGKILL),
    as the OOM killer does, leaving half a message in its result pipe."""
    from multiprocessing.connection import Connection

    whole = Connection._send_bytes

    def half(self: Connection, buf: Any) -> None:
        if len(buf) < BIG:
            whole(self, buf)
            return
        self._send(len(buf).to_bytes(4, "big"))  # type: ignore[attr-defined]
        self._send(bytes(buf[: len(buf) // 2]))  # type: ignore[attr-defined]
        os.kill(os.getpid(), signal.SIGKILL)

    Connection._send_bytes = half  # type: ignore[method-assign]


def _wrap(item: str, result: tuple[bytes, str | None, str | None, int]) -> tuple[str, bytes]:
    return (item, result[0])


def _failed(item: str, code: str, message: str) -> tuple[str, str, str]:
    return (item, code, message)


def _local(item: str) -> tuple[str, bytes] | None:
    return (item, b"here") if item == "-" else None


def _pool(jobs: int = 2, budget: float = 30.0, setup: Any = _setup, method: str | None = None) -> Pool:
    return Pool(jobs, _work, setup, budget, wrap=_wrap, failed=_failed, local=_local, method=method)


@pytest.fixture(autouse=True)
def _alarm() -> Iterator[None]:
    def hung(_signum: int, _frame: Any) -> None:
        raise AssertionError("the pool hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _run(pool: Pool, chunks: list[list[str]], window: int = 4) -> list[Any]:
    try:
        return list(pool.run(chunks, window=window))
    finally:
        pool.close()


def test_a_chunk_first_in_line_that_finishes_last_loses_no_later_chunk() -> None:
    """The first chunk's first page runs past its time while the other worker finishes every other
    chunk in the window; its chunk-mate then runs last: when it is back, the pool holds no chunk
    for a moment, and the input is not exhausted yet."""
    chunks = [["hang", "a"], *([f"c{i}"] for i in range(1, 12))]
    results = _run(_pool(jobs=2, budget=0.5), chunks, window=4)
    assert [r[0] for r in results] == ["hang", "a", *(f"c{i}" for i in range(1, 12))]
    assert results[0][1] == "timeout" and results[1][1] == b"a"


FUZZ_RUNS = int(os.environ.get("GOVREPORT_POOL_FUZZ_RUNS", "20"))
"""Runs of the pool fuzz; ``GOVREPORT_POOL_FUZZ_RUNS=200 pytest tests/test_workers.py -k fuzz`` for a long one."""


def test_fuzz_every_chunk_comes_back_in_order_whatever_order_they_finish_in() -> None:
    """Seeded and bounded: 300 one-item chunks that sleep 0-20 ms each, a window of 8, 2 workers and
    a budget of 15 ms, so that a quarter of the pages run past it and come back after later ones."""
    for run in range(FUZZ_RUNS):
        signal.alarm(120)  # each run is bounded: a busy machine makes the whole fuzz long, never one run
        rng = random.Random(1700 + run)
        chunks = [[f"nap{rng.uniform(0, 0.02):.4f}:{i}"] for i in range(300)]
        results = _run(_pool(jobs=2, budget=0.015), chunks, window=8)
        assert [r[0] for r in results] == [c[0] for c in chunks], f"run {run} (seed {1700 + run}) lost inputs"
        assert all(r[1] in (r[0].encode(), "timeout") for r in results)


def test_a_runaway_page_has_its_own_budget_not_its_chunks() -> None:
    """A page that never ends, first in a chunk of 16: it fails after its own budget, once, and its
    chunk-mates and the other worker's chunks are not held back for the budget of the whole chunk."""
    budget = 1.0
    started = time.monotonic()
    chunks = [["hang", *(f"a{i}" for i in range(15))], *([f"b{i}"] for i in range(20))]
    results = _run(_pool(jobs=2, budget=budget), chunks, window=4)
    elapsed = time.monotonic() - started
    assert [r[0] for r in results] == [x for c in chunks for x in c]
    assert results[0][1] == "timeout"
    assert all(r[1] == r[0].encode() for r in results[1:])  # no chunk-mate was charged
    assert elapsed < 8 * budget  # a chunk's budget (16 pages) and a retry alone took 17


def test_a_worker_killed_while_it_writes_a_large_result_fails_only_its_input() -> None:
    pool = _pool(setup=_cut_large_results)
    chunks = [["a", "b"], ["c", "big", "d"], ["e"], ["f", "g"]]
    workers = [w.process for w in pool.workers]
    results = _run(pool, chunks)
    assert [r[0] for r in results] == ["a", "b", "c", "big", "d", "e", "f", "g"]
    assert results[3][1] == "worker-died" and "killed by SIGKILL" in results[3][2]
    assert [r[1] for r in results if r[0] != "big"] == [x.encode() for x in "abcdefg"]
    assert not any(p.is_alive() for p in workers)


def test_the_chunk_mates_of_a_poisonous_page_are_retried_alone_and_kept() -> None:
    results = _run(_pool(jobs=1), [["a", "die", "b", "c"]])
    assert results == [("a", b"a"), ("die", "worker-died", results[1][2]), ("b", b"b"), ("c", b"c")]
    assert "killed by SIGKILL" in results[1][2]


def test_a_page_past_its_time_is_stopped_and_named() -> None:
    started = time.monotonic()
    results = _run(_pool(budget=0.5), [["a", "hang"], ["b"]])
    assert [r[0] for r in results] == ["a", "hang", "b"]
    assert results[1][1] == "timeout" and "0.5 s" in results[1][2]
    assert time.monotonic() - started < 30  # the worker was killed, not waited for


def test_a_worker_dead_between_tasks_is_replaced_without_failing_an_input() -> None:
    pool = _pool(jobs=2)
    victim = pool.workers[0].process
    victim.kill()
    victim.join()
    results = _run(pool, [["a"], ["b"], ["c"]])
    assert results == [("a", b"a"), ("b", b"b"), ("c", b"c")]


def test_standard_input_runs_here_and_keeps_its_place() -> None:
    results = _run(_pool(), [["a", "b"], ["-"], ["c"]])
    assert results == [("a", b"a"), ("b", b"b"), ("-", b"here"), ("c", b"c")]


def test_an_early_stop_kills_every_worker_at_once() -> None:
    pool = _pool(jobs=2)
    results = pool.run([["a"], ["hang"], ["b"]], window=4)
    assert next(results) == ("a", b"a")  # and "hang" is running in the other worker
    processes = [w.process for w in pool.workers]
    results.close()  # what the command does when its output closes mid-run
    started = time.monotonic()
    pool.close(kill=True)
    assert time.monotonic() - started < 10
    assert not any(p.is_alive() for p in processes)


def test_the_tasks_queued_behind_a_dying_one_are_not_charged_with_its_death() -> None:
    results = _run(_pool(jobs=1), [["die"], ["a"], ["b", "c"]])  # "a" was sent while "die" ran
    assert [r[:2] for r in results] == [("die", "worker-died"), ("a", b"a"), ("b", b"b"), ("c", b"c")]


def test_spawned_workers_as_off_linux_give_the_same_results() -> None:
    results = _run(_pool(jobs=2, method="spawn"), [["a", "die", "b"], ["-"], ["c"]])
    assert [r[:2] for r in results] == [("a", b"a"), ("die", "worker-died"), ("b", b"b"), ("-", b"here"),
                                        ("c", b"c")]


def _slow_setup() -> None:
    time.sleep(1.5)  # a worker that takes longer to start (import the pipeline) than an input's budget


def test_a_slow_start_charges_no_input_with_it() -> None:
    """Each input's clock starts when its worker is set up, so a budget shorter than a worker's start-up
    (a busy machine importing the pipeline) still fails only the input that runs past it."""
    results = _run(_pool(jobs=2, budget=0.5, setup=_slow_setup), [["a", "b"], ["c"], ["hang"], ["d"]])
    assert [r[0] for r in results] == ["a", "b", "c", "hang", "d"]
    assert [r[1] for r in results if r[0] != "hang"] == [b"a", b"b", b"c", b"d"]
    assert results[3][1] == "timeout"
