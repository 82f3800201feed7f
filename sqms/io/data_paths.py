"""Which files of the data folder may be opened: the declared ones, and the fixed ones.

Every path a project names under ``data/`` comes from a pull request, and so
does every symbolic link there. A data file declared in ``datasets.yml``
(``file: tickets.csv``) must be a relative name that resolves, links
followed, inside the data folder: ``../../etc/passwd``, ``/etc/passwd`` and a
link pointing out are refused *before* anything is opened, so nothing of such
a file can reach a message or a page. The files the loaders find by their
fixed names (``datasets.yml``, ``registers.yml``, ``registers/*.yml``,
``frameworks/*.yml``) pass the same test.
"""

from __future__ import annotations

from pathlib import Path

from sqms.diagnostics import Report, shorten
from sqms.i18n import t
from sqms.io.confine import confined, is_inside


def declared_file_problem(name: str, data_dir: Path, display_dir: str) -> str | None:
    """Why the data file declared as ``name`` may not be opened; None when it may."""
    if confined(name, data_dir) is None:
        return t("data.outside", folder=display_dir, file=shorten(name))
    return None


def may_open(path: Path, data_dir: Path, display: str, display_dir: str, report: Report) -> bool:
    """Whether a file found by its fixed name lies inside the data folder, links followed.

    One that does not is reported as a link leading out, unless something is
    reported at it already: loading a project reports every such link of the
    data folder first, and one problem deserves one message.
    """
    if is_inside(path, data_dir):
        return True
    if not any(d.file == display for d in report.diagnostics):
        report.error(display, None, t("files.link_outside", folder=display_dir))
    return False
