"""Helpers shared by the tests: import them from the submodule that holds them.

- :mod:`tests.support.edits`: change a test input (YAML, CSV, Markdown) and fail
  the test when the text to change is not there, so an edit can never miss.
- :mod:`tests.support.projects`: write a small project into a folder, load it,
  and read its diagnostics as the CLI prints them.
- :mod:`tests.support.registers`: what the register tests share: the day they
  are judged on, the indicators of the mini project, a register's context.
- :mod:`tests.support.sites`: ``mkdocs build --strict`` of a project, and a
  checkout of this repository's sample project to build.

The fixtures built on them (``make_project``, ``mini_report``, ``sample_site``
...) are in ``tests/conftest.py``.
"""
