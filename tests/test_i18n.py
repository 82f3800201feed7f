"""The catalogs: every message in English and Chinese, plural forms, and the check that keeps them in step."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from sqms.i18n import LANGUAGES, N_, Text, normalise_language, nt, t, use_language
from sqms.i18n import check as catalog_check


def test_the_catalogs_match_the_code() -> None:
    assert catalog_check.problems() == []


def test_language_is_chosen_per_block() -> None:
    assert t("status.meets") == "meets target"
    with use_language("zh"):
        assert t("status.meets") == "达标"
    with use_language("fr"):
        assert t("status.meets") == "meets target"


@pytest.mark.parametrize(
    ("theme", "language"),
    [("zh", "zh"), ("zh-Hans", "zh"), ("zh_CN", "zh"), ("en-GB", "en"), ("de", "en"), (None, "en")],
)
def test_theme_languages_map_to_the_catalogs(theme: str | None, language: str) -> None:
    assert normalise_language(theme) == language


@pytest.mark.parametrize(("count", "english"), [(0, "0 errors"), (1, "1 error"), (2, "2 errors")])
def test_plural_forms_follow_the_catalog(count: int, english: str) -> None:
    assert nt("diag.errors", count) == english
    with use_language("zh"):
        assert nt("diag.errors", count) == f"{count} 个错误"


def test_a_message_is_rendered_again_in_another_language() -> None:
    inner = t("status.meets")
    outer = t("diag.label_separator")
    wrapped = t("schema.did_you_mean", name=inner)
    assert isinstance(wrapped, Text)
    assert wrapped.key == "schema.did_you_mean"
    with use_language("zh"):
        assert "达标" in wrapped.render()
        assert outer.render() == "："
    assert wrapped.render("en") == str(wrapped)


def test_a_text_survives_pickling_with_its_id() -> None:
    text = nt("diag.warnings", 3)
    again = pickle.loads(pickle.dumps(text))
    assert again == text and again.key == "diag.warnings" and again.number == 3


def test_an_unknown_id_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        t("no.such.message")


def test_markers_return_the_id_unchanged() -> None:
    assert N_("status.meets") == "status.meets"


def write_module(root: Path, text: str) -> Path:
    package = root / "pkg"
    package.mkdir()
    (package / "mod.py").write_text(text, encoding="utf-8")
    return package


def test_the_check_refuses_ids_built_at_run_time(tmp_path: Path) -> None:
    package = write_module(
        tmp_path,
        "def f(kind):\n    return t(f'status.{kind}') + t('status.' + kind)\n",
    )
    found = [p for p in catalog_check.problems(package) if "built at run time" in p]
    assert [p.split(":")[1] for p in found] == ["2", "2"]


def test_the_check_reports_missing_and_misused_plural_ids(tmp_path: Path) -> None:
    package = write_module(
        tmp_path,
        "t('status.meets')\nt('no.such.id')\nt('diag.errors')\nnt('status.meets', 2)\n",
    )
    found = catalog_check.problems(package)
    assert "pkg/mod.py:2: message 'no.such.id' is not in the catalogs" in found
    assert any(p.startswith("pkg/mod.py:3:") and "use nt(" in p for p in found)
    assert any(p.startswith("pkg/mod.py:4:") and "use t(" in p for p in found)
    # Everything the little package does not use is reported as unused.
    assert any("'status.misses' is used by no code" in p for p in found)


def test_every_language_has_a_catalog() -> None:
    assert LANGUAGES == ("en", "zh")
