"""The one exception of the expression language, raised by every step.

Parsing, checking and evaluating all report a problem as an
:class:`ExpressionError` carrying a translated message and, when known, the
character offset in the source where the problem is.
"""

from __future__ import annotations


class ExpressionError(ValueError):
    """An expression that cannot be parsed, is not allowed or cannot be evaluated.

    ``message`` is translated and names the problem; ``offset`` is the 0-based
    character offset in the source where the problem is, when known.
    """

    message: str
    offset: int | None

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
