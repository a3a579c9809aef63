"""The one loop every child process runs (readers of untrusted files, frame decoders)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from recordorg.jobs.child_process import ChildProcess, process_context


def count_to(n: int) -> Iterator[Any]:
    """Replies 1..n, one at a time."""
    yield from range(1, n + 1)


def unpicklable(_request: Any) -> Iterator[Any]:
    yield lambda: None  # a reply pickle cannot send


def said_instead(reply: Any, error: Exception) -> str:
    return f"cannot send: {type(error).__name__}"


def whose(_request: Any) -> Iterator[Any]:
    yield os.getpid()


def _child(answer: Any) -> ChildProcess:
    return ChildProcess(process_context(), answer, said_instead, 512 * 1024 * 1024)


def test_each_reply_is_sent_as_it_is_made() -> None:
    child = _child(count_to)
    try:
        child.conn.send(3)
        assert [child.conn.recv() for _ in range(3)] == [1, 2, 3]
        child.conn.send(2)
        assert [child.conn.recv() for _ in range(2)] == [1, 2]
        assert not child.conn.poll(0.2)  # nothing more than was asked
    finally:
        child.stop()
    assert child.process.exitcode == 0  # it ended when asked, not killed


def test_a_reply_that_cannot_be_sent_is_replaced_and_the_child_goes_on() -> None:
    child = _child(unpicklable)
    try:
        child.conn.send("anything")
        assert child.conn.recv().startswith("cannot send")
        child.conn.send("again")
        assert child.conn.recv().startswith("cannot send")
    finally:
        child.stop()


def test_the_child_runs_in_a_process_of_its_own_and_ends_when_its_pipe_closes() -> None:
    child = _child(whose)
    child.conn.send("who")
    assert child.conn.recv() not in (os.getpid(), None)
    child.conn.close()  # the parent gone: the child finds its pipe closed and ends
    child.process.join(timeout=10)
    assert child.process.exitcode == 0
