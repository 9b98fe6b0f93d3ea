"""calmline: an offline, multilingual de-escalation copilot for customer-service teams."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Analysis", "__version__", "analyze"]

if TYPE_CHECKING:
    from calmline.analyzer.result import Analysis


def analyze(text: str, *, lang: str | None = None) -> Analysis:
    """Analyse one customer message; see :func:`calmline.analyzer.pipeline.analyze`."""
    from calmline.analyzer.pipeline import analyze as _analyze

    return _analyze(text, lang=lang)


def __getattr__(name: str) -> Any:
    if name == "Analysis":
        from calmline.analyzer.result import Analysis

        return Analysis
    raise AttributeError(name)
