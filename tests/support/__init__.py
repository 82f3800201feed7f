"""Helpers shared by the tests: import them from the submodule that holds them.

- :mod:`tests.support.edits`: change a test input (YAML, CSV, Markdown) and fail
  the test when the text to change is not there as often as expected, so an
  edit can never miss silently (``edited``, ``edit_file``, ``with_edit``).
- :mod:`tests.support.projects`: write a small project into a folder (and into
  git), load it, and read its diagnostics as the CLI prints them.
- :mod:`tests.support.registers`: a register's context and analysis, the
  indicators of a project, a management review period.
- :mod:`tests.support.dates`: the day most tests judge projects as of.
- :mod:`tests.support.sites`: ``mkdocs build --strict`` of a project, and a
  checkout of this repository's sample project to build.

The fixtures built on them (``make_project``, ``as_of_2026_11_24``,
``mini_report``, ``sample_site``) are in ``tests/conftest.py``; the mini project
(the small project most tests start from) is :mod:`tests.mini`.
"""
