"""The translation table: every string in English and Chinese, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from sqms.i18n import LANGUAGES, MESSAGES, normalise_language, t, use_language


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_in_every_language(key: str) -> None:
    entry = MESSAGES[key]
    assert set(entry) == set(LANGUAGES), key
    assert all(entry[language].strip() or key.endswith("separator") for language in LANGUAGES)
    assert placeholders(entry["en"]) == placeholders(entry["zh"]), key


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
def test_theme_languages_map_to_the_table(theme: str | None, language: str) -> None:
    assert normalise_language(theme) == language
