"""Two builds of the same commit as of the same day give the same bytes, wherever they run.

The sample project is checked out twice, to two different folders, and each
copy is built with a different time zone and locale, with ``SOURCE_DATE_EPOCH``
set to the commit's time (as CI does for a pull request: the build is judged
as of that day). Every file of the two sites must be byte for byte the same:
no build-machine timestamp, path or ordering may leak into the evidence an
auditor is given.

One of the two builds is the suite's shared build of the sample (the
``sample_site`` fixture: Asia/Shanghai, ``C.UTF-8``); this test makes the
other, elsewhere, in America/New_York with the ``C`` locale.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.sites import (
    SAMPLE_LANG,
    SAMPLE_TZ,
    build_sample,
    commit_time,
    digests,
    require_git_checkout,
)

pytestmark = pytest.mark.slow

OTHER_TZ, OTHER_LANG = "America/New_York", "C"
"""Where the second build runs: another time zone and locale than the shared one's."""


def test_two_builds_of_one_commit_are_byte_identical(sample_site: Path, tmp_path: Path) -> None:
    require_git_checkout("the reproducibility test")
    assert SAMPLE_TZ != OTHER_TZ and SAMPLE_LANG != OTHER_LANG
    epoch = commit_time(sample_site.parent)
    assert epoch is not None and epoch.isdigit()
    # Checked out from the first build's checkout: the same commit and the same working
    # tree, even if commits are made in the repository while the suite runs.
    first = sample_site.parent
    second = build_sample(
        tmp_path / "elsewhere" / "second", tz=OTHER_TZ, lang=OTHER_LANG, source=first
    )
    assert commit_time(second.parent) == epoch
    one, two = digests(sample_site), digests(second)
    assert sorted(one) == sorted(two)
    differing = [name for name in one if one[name] != two[name]]
    assert differing == []
    assert "sqms/manifest.json" in one and "sitemap.xml.gz" in one
