"""Progress of long steps: one line per stage as it ends, with the seconds it took.

Loading, computing, charting and writing pages take a minute on a real
project; without a word in between, a person at a terminal cannot tell a slow
build from a stuck one. The core marks its stages (:func:`stage`) and says what
each did (``computed 17 indicators``); an adapter decides where the lines go,
or that they go nowhere, by running its work inside :func:`reporting`: the CLI
writes them on standard error (never on standard output, which may carry JSON
or CSV for a tool), the MkDocs plugin logs them at INFO.

By default a person sees them and a CI log does not (:func:`progress_wanted`):
they are shown when standard error is a terminal and ``CI`` is not set;
``--progress``/``--no-progress`` or ``SQMS_PROGRESS`` decide otherwise.
The core never prints: with no reporter in place, :func:`stage` only runs
the work.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from sqms.i18n import t

Sink = Callable[[str], None]
"""Where the progress lines go: one call per line, without its newline."""

VARIABLE = "SQMS_PROGRESS"
"""The environment variable that turns progress on (``1``) or off (``0``) wherever it runs."""

ON = frozenset({"1", "true", "yes", "on", "y", "t"})
OFF = frozenset({"0", "false", "no", "off", "n", "f"})
"""The words a switch is read from (as ``click`` reads a boolean), in any case."""

_SINK: ContextVar[Sink | None] = ContextVar("sqms_progress_sink", default=None)


def switch(text: str | None) -> bool | None:
    """``1``/``true``/``yes``/``on`` → True, ``0``/``false``/``no``/``off`` → False.

    None for None or any other text: a variable that says neither is as if unset.
    """
    if text is None:
        return None
    word = text.strip().lower()
    if word in ON:
        return True
    if word in OFF:
        return False
    return None


def in_ci(environ: Mapping[str, str]) -> bool:
    """Whether a CI service runs us: ``CI`` set to anything but false (GitHub Actions: ``true``)."""
    value = environ.get("CI", "").strip()
    return bool(value) and switch(value) is not False


def progress_wanted(option: bool | None, environ: Mapping[str, str], terminal: bool) -> bool:
    """Whether to report progress: the option, else ``SQMS_PROGRESS``, else a person is watching.

    ``option`` is ``--progress`` (True), ``--no-progress`` (False) or neither
    (None); ``terminal`` whether the lines would reach a terminal. A person is
    taken to be watching when they would, outside CI.
    """
    if option is not None:
        return option
    chosen = switch(environ.get(VARIABLE))
    if chosen is not None:
        return chosen
    return terminal and not in_ci(environ)


@contextmanager
def reporting(sink: Sink | None) -> Iterator[None]:
    """Send the lines of the stages run inside to ``sink`` (None: no lines at all)."""
    token = _SINK.set(sink)
    try:
        yield
    finally:
        _SINK.reset(token)


def current_sink() -> Sink | None:
    """Where the stages run now report, if anywhere (a builder inside a command keeps it)."""
    return _SINK.get()


class Stage:
    """A stage under way; :meth:`done` says, in the reader's language, what it did."""

    def __init__(self) -> None:
        self.summary: str | None = None

    def done(self, summary: str) -> None:
        """What the stage did (``computed 17 indicators``), shown with its duration."""
        self.summary = summary


def line(summary: str, seconds: float) -> str:
    """``sqms: computed 17 indicators (3.2 s)``: the line a stage ends with."""
    return t("progress.line", summary=summary, seconds=f"{seconds:.1f}")


@contextmanager
def stage() -> Iterator[Stage]:
    """Time the work inside; when it ends, report what :meth:`Stage.done` said it did.

    A stage that fails, or that did not say what it did, reports nothing: its
    error says enough. Stages may nest (a build's stages inside a command).
    """
    current = Stage()
    start = time.perf_counter()
    yield current
    sink = _SINK.get()
    if sink is not None and current.summary is not None:
        sink(line(current.summary, time.perf_counter() - start))
