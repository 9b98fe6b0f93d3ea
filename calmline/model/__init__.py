"""The shipped weights (``heads.npz``, ``ngrams.npz``, ``encoder.npz``) and where to find them."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path


def model_dir() -> Path:
    """The package's weights folder, or ``CALMLINE_MODEL_DIR``: a candidate written by
    ``calmline train --out DIR/heads.npz`` is evaluated there before it replaces these."""
    env = os.environ.get("CALMLINE_MODEL_DIR")
    return Path(env) if env else Path(str(resources.files("calmline.model")))
