"""Per-language resources: lexicons as data files, loaded lazily and validated."""

from calmline.languages.loader import (
    SUPPORTED,
    LanguageResources,
    LexiconError,
    load_language,
)

__all__ = ["SUPPORTED", "LanguageResources", "LexiconError", "load_language"]
