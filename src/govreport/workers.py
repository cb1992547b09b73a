"""The worker pool: processes that each own two one-way pipes, so a fault stays with one worker.

Each worker reads a list of inputs from its task pipe and writes one result per input to its
result pipe, as each is done. Nothing is shared between workers: a worker killed while it writes
a large result (the OOM killer, a signal) leaves half a message in its own pipe only, which the
parent then reads as end-of-file, and the rest of the pool goes on. Results arrive one input at a
time, so the parent always knows which input a worker is on: each input has its own time budget,
an input that runs past it fails alone at once, and the inputs after it go back first in line,
uncharged. An input whose worker died under it is retried once alone in a fresh worker (unless it
was alone already), so that one poisonous page cannot take its chunk-mates with it and an outside
kill does not fail a page; an input that fails alone gets an error Outcome.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

Result = tuple[bytes, str | None, str | None, int, str | None]
"""What a worker sends back for one input: its rendered output, error code, error, warning count, the sha256
of its bytes."""


_AHEAD = 2
"""Tasks a worker holds at once: the one it runs and the next."""

_IDLE_DEATHS = 8
"""Workers found dead between tasks that are replaced in a row before a task is charged instead."""

START_GRACE = 60.0
"""Seconds a new worker may take to start (to import the pipeline) before the budget of its first input
runs: its inputs' clocks start when it says it is ready, so a slow start charges no input."""


@dataclass(slots=True)
class _Slot:
    """One chunk of inputs in input order, and the results as they arrive."""

    items: list[Any]
    results: list[Any] = field(default_factory=list)
    missing: int = 0

    def __post_init__(self) -> None:
        self.results = [None] * len(self.items)
        self.missing = len(self.items)

    def fill(self, index: int, result: Any) -> None:
        self.results[index] = result
        self.missing -= 1


@dataclass(slots=True)
class _Task:
    """Some inputs of one chunk, sent to a worker together; ``answered`` of them are back."""

    slot: _Slot
    indices: tuple[int, ...]
    answered: int = 0

    @property
    def items(self) -> list[Any]:
        return [self.slot.items[i] for i in self.indices]

    @property
    def running(self) -> int:
        """The index (in the chunk) of the input the worker is on."""
        return self.indices[self.answered]


def _serve(tasks: Connection, results: Connection, work: Callable[[Any], Result],
           setup: Callable[[], None], inherited: list[Connection]) -> None:
    """A worker's loop: a task in, each input's result out as soon as it is done, until told to
    stop or the parent is gone."""
    import signal

    for conn in inherited:  # a forked worker holds copies of the parent's ends of other pipes
        conn.close()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    setup()
    try:
        results.send(None)  # ready: the first input's clock starts now, not while the pipeline was imported
    except (BrokenPipeError, OSError):
        return
    while True:
        try:
            task = tasks.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        try:
            for item in task:
                results.send(work(item))
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, pool: Pool) -> None:
        ctx = pool.context
        task_reader, self.tasks = ctx.Pipe(duplex=False)
        self.results, result_writer = ctx.Pipe(duplex=False)
        inherited = [*pool.parent_ends(), self.tasks, self.results] if pool.forks else []
        self.process = ctx.Process(target=_serve, name="govreport-worker", daemon=True,
                                   args=(task_reader, result_writer, pool.work, pool.setup, inherited))
        try:
            self.process.start()
        finally:  # the child's ends belong to the child: with them closed here, its death reads as EOF
            task_reader.close()
            result_writer.close()
        self.queue: deque[_Task] = deque()
        """Tasks sent and not yet fully answered, in the order the worker takes them: the first is running."""
        self.deadline = 0.0
        """When the input the worker is on has used up its budget."""
        self.ready = False
        """Whether the worker said it is set up; before that, its first input's clock has not started."""

    def give(self, task: _Task, budget: float) -> bool:
        """Send a task; False when the worker is gone. The next is sent before the last is done,
        so that a worker never waits for the parent between tasks."""
        if not self.queue:
            self.deadline = time.monotonic() + budget + (0.0 if self.ready else START_GRACE)
        self.queue.append(task)
        try:
            self.tasks.send(task.items)
        except OSError:  # it died while idle
            return False
        return True

    def answer(self, budget: float) -> tuple[_Slot, int]:
        """The input the worker was on is done (its slot and index are returned): the next input
        starts its own clock. The clock starts when its predecessor's result is read, which is no
        earlier than the input started, so an input always gets at least its budget."""
        task = self.queue[0]
        index = task.running
        task.answered += 1
        if task.answered == len(task.indices):
            self.queue.popleft()
        self.deadline = time.monotonic() + budget
        return task.slot, index

    def stop(self, kill: bool) -> int | None:
        """Told to exit (or killed), reaped, its pipes closed; its exit code (negative: a signal)."""
        if not kill:
            try:
                self.tasks.send(None)
            except OSError:
                pass
        self.process.join(timeout=0 if kill else 5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.tasks.close()
        self.results.close()
        code: int | None = self.process.exitcode
        return code


class Pool:
    """``jobs`` workers running ``work`` on lists of inputs; ``run`` yields results in input order.

    ``work(item)`` runs in a worker on one input; ``wrap(item, result)`` makes an input's result
    from what a worker sent for it; ``failed(item, code, message)`` the result of an input whose
    worker died on it (code ``worker-died``) or that ran past ``budget`` seconds of its own (code
    ``timeout``); ``local(item)`` the
    result of an input that must run in this process (standard input), or None for any other.
    Workers are forked on Linux (a fast start, and the forked worker closes what it inherits)
    and spawned elsewhere, where forking a process with threads is unsafe."""

    def __init__(self, jobs: int, work: Callable[[Any], Result], setup: Callable[[], None],
                 budget: float, wrap: Callable[[Any, Result], Any], failed: Callable[[Any, str, str], Any],
                 local: Callable[[Any], Any | None], method: str | None = None) -> None:
        method = method or ("fork" if sys.platform.startswith("linux") else "spawn")
        self.context: Any = multiprocessing.get_context(method)
        self.forks = method == "fork"
        self.work = work
        self.setup = setup
        self.budget = budget
        self.wrap, self.failed, self.local = wrap, failed, local
        self.idle_deaths = 0
        self.workers: list[_Worker] = []
        for _ in range(max(jobs, 1)):  # one by one: each new worker closes its elders' pipe ends
            self.workers.append(_Worker(self))

    def parent_ends(self) -> list[Connection]:
        return [conn for w in self.workers for conn in (w.tasks, w.results)]

    def close(self, kill: bool = False) -> None:
        """Stop every worker: told to exit when the work is done, killed at once otherwise."""
        workers, self.workers = self.workers, []
        for worker in workers:
            if kill and worker.process.is_alive():
                worker.process.kill()
        for worker in workers:
            worker.stop(kill)

    def run(self, chunks: Iterable[list[Any]], window: int) -> Iterator[Any]:
        """Results for ``chunks`` in input order, with at most ``window`` chunks held at once.

        It ends only when the chunks are exhausted and every one held has been given back: the
        pool may hold no chunk for a moment (the chunk first in line finished last) with more to
        come."""
        source = iter(chunks)
        slots: deque[_Slot] = deque()
        ready: deque[_Task] = deque()
        exhausted = False
        window = max(window, 1)
        while True:
            while not exhausted and len(slots) < window:
                part = next(source, None)
                if part is None:
                    exhausted = True
                    break
                slot = _Slot(part)
                slots.append(slot)
                here = self.local(part[0]) if len(part) == 1 else None
                if here is not None:
                    slot.fill(0, here)
                else:
                    ready.append(_Task(slot, tuple(range(len(part)))))
            while slots and not slots[0].missing:
                yield from slots.popleft().results
            if not slots:
                if exhausted:
                    return
                continue
            self._dispatch(ready)
            if not ready and not any(w.queue for w in self.workers):
                raise RuntimeError("govreport bug: the pool holds inputs that no worker has; report it")
            self._wait(ready)

    def _dispatch(self, ready: deque[_Task]) -> None:
        for index in range(len(self.workers)):
            worker = self.workers[index]
            if not worker.queue and ready and not worker.process.is_alive() and self.idle_deaths < _IDLE_DEATHS:
                # it died between tasks: replaced, and no input is charged with its death (unless
                # workers keep dying before any work, when the task fails the usual way and ends)
                self.idle_deaths += 1
                worker.stop(kill=True)
                worker = self.workers[index] = _Worker(self)
            while len(worker.queue) < _AHEAD and ready:
                if not worker.give(ready.popleft(), self.budget):
                    self._lost(index, ready, "worker-died")
                    break

    def _wait(self, ready: deque[_Task]) -> None:
        busy = [w for w in self.workers if w.queue]
        if not busy:
            return
        watched: dict[Any, _Worker] = {}
        for worker in busy:
            watched[worker.results] = worker
            watched[worker.process.sentinel] = worker
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        signalled = {id(watched[obj]) for obj in wait(list(watched), timeout)}
        for worker in busy:
            index = self.workers.index(worker)
            if id(worker) in signalled:
                try:
                    got = done = False
                    while worker.queue and worker.results.poll():  # every result waiting, in order
                        result = worker.results.recv()
                        got = True
                        if result is None:  # set up: the input it holds starts its clock now
                            worker.ready = True
                            worker.deadline = time.monotonic() + self.budget
                            continue
                        slot, i = worker.answer(self.budget)
                        slot.fill(i, self.wrap(slot.items[i], result))
                        done = True
                    if worker.queue and not got:
                        raise EOFError  # the process ended and sent nothing
                except (EOFError, OSError):
                    self._lost(index, ready, "worker-died")
                    continue
                if done:
                    self.idle_deaths = 0
            elif time.monotonic() >= worker.deadline:
                self._lost(index, ready, "timeout")

    def _lost(self, index: int, ready: deque[_Task], code: str) -> None:
        """The worker at ``index`` failed the input it was on: it is replaced; the inputs after it
        and the tasks queued behind go back, first in line, uncharged. The input itself fails now
        when it ran past its own budget or was alone; when its worker died under it among
        chunk-mates, it is tried once more alone first."""
        worker = self.workers[index]
        task, *waiting = worker.queue
        worker.queue.clear()
        exitcode = worker.stop(kill=True)
        self.workers[index] = _Worker(self)
        ready.extendleft(reversed(waiting))
        i = task.running
        rest = task.indices[task.answered + 1:]
        if rest:
            ready.appendleft(_Task(task.slot, rest))
        if code == "worker-died" and len(task.indices) > 1:  # so the one that dies again is named
            ready.appendleft(_Task(task.slot, (i,)))
            return
        if code == "timeout":
            message = f"took longer than {self.budget:g} s and was stopped; raise --timeout, or split the page"
        else:
            message = f"the worker process died on it ({_death(exitcode)}); the rest of the batch went on"
        task.slot.fill(i, self.failed(task.slot.items[i], code, message))


def _death(exitcode: int | None) -> str:
    """Why a worker ended, for the error record: the signal that killed it, or its exit status."""
    import signal

    if exitcode is not None and exitcode < 0:  # multiprocessing's sign for "killed by a signal"
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}" if exitcode is not None else "it stopped answering"
