"""A Content-Security-Policy on every page: defence in depth against injected markup.

SQMS makes untrusted text inert before it reaches a page (:mod:`sqms.text.markup`);
the policy is the second wall, for the day a theme or an extension prints
something raw. It is a ``<meta http-equiv>`` tag, the only form a static site
opened from disk (``file://``) or any static host honours, placed first in
``<head>`` so that it covers every element after it. It allows:

- scripts only from the site itself, plus the theme's own inline scripts,
  each by the SHA-256 of its exact text. Listing hashes switches off
  ``'unsafe-inline'``: inline event handlers (``onmouseover=…``),
  ``javascript:`` links and any other inline script are refused;
- styles from the site and inline (charts and tables carry ``style``
  attributes; a style cannot run code), images and fonts from the site and
  ``data:`` URLs;
- no plugins (``object-src 'none'``), no ``<base>`` elsewhere, forms posting
  nowhere but the site.

The theme's inline scripts are Material's ``partials/javascripts/*.html``
templates: each is rendered for the page's ``base_url`` (the only value they
hold) and hashed. An inline script that is not one of them — whatever put it
there — does not run.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

CONFIG_SCRIPT = re.compile(
    r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL
)
"""Material's configuration of a page, which holds its ``base`` URL."""
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
THEME_SCRIPTS = "partials/javascripts/"
"""Where Material keeps its inline scripts, one template each."""

FIXED = (
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def script_hash(text: str) -> str:
    """A CSP source for one inline script: ``'sha256-…'`` of its exact text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(hashes: Iterable[str]) -> str:
    """The policy: scripts from the site and the hashed inline scripts, and the fixed rest."""
    scripts = " ".join(["'self'", *sorted(set(hashes))])
    return "; ".join([f"script-src {scripts}", *FIXED])


def meta_tag(hashes: Iterable[str]) -> str:
    """The ``<meta http-equiv="Content-Security-Policy">`` element."""
    return f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'


def insert_policy(output: str, hashes: Iterable[str]) -> str:
    """``output`` with the policy as the first element of ``<head>`` (no head: unchanged)."""
    return re.sub(r"<head>", lambda m: m.group(0) + meta_tag(hashes), output, count=1)


def page_base(output: str) -> str:
    """The ``base_url`` a page was rendered with, as Material records it ("." if none)."""
    match = CONFIG_SCRIPT.search(output)
    try:
        base = json.loads(match.group(1)).get("base") if match else None
    except (ValueError, AttributeError):
        base = None
    return base if isinstance(base, str) else "."


class ThemeScripts:
    """The hashes of the theme's inline scripts, rendered once per ``base_url``."""

    def __init__(self, env: Any, config: Any) -> None:
        self._env = env
        self._config = config
        self._features = list(config.theme.get("features") or [])
        self._names = sorted(
            name for name in env.list_templates() if name.startswith(THEME_SCRIPTS)
        )
        self.hashes = lru_cache(maxsize=None)(self._hashes)

    def _hashes(self, base_url: str) -> frozenset[str]:
        found: set[str] = set()
        for name in self._names:
            template = self._env.get_template(name)
            text = template.render(config=self._config, base_url=base_url, features=self._features)
            found.update(script_hash(body) for body in INLINE_SCRIPT.findall(text))
        return frozenset(found)
