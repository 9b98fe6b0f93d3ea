"""``calmline train``: reproduce the shipped heads from the public data and our examples.

Only rows whose licence allows shipping derived weights are used for training (see
``data.TRAINABLE_SOURCES`` and docs/data.md), and never a held-out row.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from calmline.analyzer.fusion import EMOTIONS
from calmline.analyzer.model import Head, heads_path, save_heads
from calmline.analyzer.ngrams import NgramHead
from calmline.analyzer.ngrams import save as save_ngrams
from calmline.languages.loader import WANTS
from calmline.training import ngram_train
from calmline.training.data import Row, load_file, own_files, shared_files
from calmline.training.embed import EmbeddingCache
from calmline.training.linear import Array, balanced_weights, make_head
from calmline.training.review_train import train_flaw_head
from calmline.training.tone_train import train_tone_heads
from calmline.training.tune import VIOLENCE_L2, VIOLENCE_STEPS, tune_threshold, tune_violence

EMOTION_CLASSES = (*EMOTIONS, "none")
HEAT_TARGET = {"calm": 0.12, "irritated": 0.42, "angry": 0.66, "hostile": 0.9}
OWN_WEIGHT = 3.0  # our customer-service examples count more than tweets and subtitles
ANGER_OWN_WEIGHT = 20.0  # subtitle anger (XED) is far from a customer's: ours must lead


@dataclass
class Report:
    rows: dict[str, Counter[str]] = field(default_factory=dict)


def _onehot(labels: list[str], classes: tuple[str, ...]) -> Array:
    y = np.zeros((len(labels), len(classes)))
    for i, lab in enumerate(labels):
        y[i, classes.index(lab)] = 1.0
    return y


def _train_rows(paths: list[Path]) -> list[Row]:
    return [r for path in paths for r in load_file(path) if r.split == "train"]


def collect(shared: Path, examples: Path) -> list[Row]:
    return _train_rows([*shared_files(shared), *own_files(examples)])


def threat_rows(examples: Path) -> list[Row]:
    """Training rows of ``data/threats``: threats against anyone, reported threats, and the
    idioms, negations, quotes and legal threats that are not violence."""
    return _train_rows(own_files(examples.parent / "threats"))


def long_rows(examples: Path) -> list[Row]:
    """Training rows of ``data/long``: long e-mails and reviews, praise and complaint mixed,
    labelled with the reader's overall sentiment (docs/data.md)."""
    return _train_rows(own_files(examples.parent / "long"))


def _binary(
    name: str,
    rows: list[Row],
    key: str,
    cache: EmbeddingCache,
    report: Report,
    own_weight: float = OWN_WEIGHT,
    l2: float = 1e-3,
    steps: int = 400,
    ngrams: dict[str, NgramHead] | None = None,
) -> Head:
    """An embedding head for a yes/no label (and its n-gram twin when ``ngrams`` is given)."""
    sel = [r for r in rows if isinstance(r.labels.get(key), bool)]
    labels = ["yes" if r.labels[key] else "no" for r in sel]
    extra = np.array([own_weight if r.source == "calmline_examples" else 1.0 for r in sel])
    x = cache.embed([r.text for r in sel], f"{name}")
    y = np.array([[1.0] if lab == "yes" else [0.0] for lab in labels])
    report.rows[name] = Counter(f"{r.source}:{lab}" for r, lab in zip(sel, labels, strict=True))
    weights = balanced_weights(labels, extra)
    if ngrams is not None:
        texts = [r.text for r in sel]
        ngrams[name] = ngram_train.fit(
            name,
            "sigmoid",
            ("yes",),
            ngram_train.matrix(texts),
            labels,
            weights,
            [r.lang for r in sel],
        )
    return make_head(name, "sigmoid", ("yes",), x, y, weights, l2=l2, steps=steps)


def tune_encoder_weights(rows: list[Row], examples: Path, target: Path) -> Path:
    """Tune the encoder's sentence part on every training task and use it from now on."""
    from calmline.analyzer import encoder_weights
    from calmline.analyzer.model import encoder
    from calmline.training import encoder_tune, tasks

    try:
        import jax  # noqa: F401
    except ImportError:
        raise FileNotFoundError(
            "tuning the encoder needs the 'train' extra: pip install -e '.[train]'"
        ) from None
    replies = examples.parent.parent / "tests" / "data" / "replies"
    weights, _ = encoder_tune.tune(
        tasks.build(rows, examples.parent, replies), encoder_weights.packaged()
    )
    path = target.with_name("encoder.npz")
    encoder_tune.save(weights, path)
    print(f"wrote {path} ({path.stat().st_size / 1024:.0f} kB)", file=sys.stderr)
    encoder_weights.load_tuned.cache_clear()
    encoder.cache_clear()  # the next vectors come from the tuned encoder
    return path


def train(
    shared: Path, examples: Path, out: Path | None = None, *, tune_encoder: bool = False
) -> tuple[Path, Report]:
    rows = collect(shared, examples)
    if not any(r.source == "calmline_examples" for r in rows):
        raise FileNotFoundError(f"no labelled examples found in {examples}")
    if tune_encoder:
        target = out or heads_path()
        if target.parent.resolve() != heads_path().parent.resolve():
            # the heads must be fitted on the vectors of the encoder written beside them
            raise FileNotFoundError(
                f"--tune-encoder writes beside {target}: set CALMLINE_MODEL_DIR={target.parent}"
            )
        tune_encoder_weights(rows, examples, target)
    cache = EmbeddingCache()
    report = Report()
    heads: dict[str, Head] = {}

    sent = [
        r
        for r in rows + long_rows(examples)
        if r.labels.get("sentiment") in ("negative", "neutral", "positive")
    ]
    classes = ("negative", "neutral", "positive")
    labels = [str(r.labels["sentiment"]) for r in sent]
    extra = np.array([OWN_WEIGHT if r.source == "calmline_examples" else 1.0 for r in sent])
    x = cache.embed([r.text for r in sent], "sentiment")
    weights = balanced_weights(labels, extra)
    heads["sentiment"] = make_head(
        "sentiment", "softmax", classes, x, _onehot(labels, classes), weights
    )
    ngrams: dict[str, NgramHead] = {}
    texts = [r.text for r in sent]
    ngrams["sentiment"] = ngram_train.fit(
        "sentiment",
        "softmax",
        classes,
        ngram_train.matrix(texts),
        labels,
        weights,
        [r.lang for r in sent],
    )
    report.rows["sentiment"] = Counter(
        f"{r.source}:{lab}" for r, lab in zip(sent, labels, strict=True)
    )

    own = [r for r in rows if r.source == "calmline_examples"]
    public = [r for r in rows if r.source != "calmline_examples"]
    thresholds: dict[str, float] = {}
    for name, weight in (("anger", ANGER_OWN_WEIGHT), ("offensive", OWN_WEIGHT)):
        heads[name] = _binary(name, rows, name, cache, report, weight, ngrams=ngrams)
        thresholds[f"{name}.yes"], why = tune_threshold(
            name, name, public, own, cache, weight, ngrams=True
        )
        print(f"{name} threshold: {thresholds[f'{name}.yes']} ({why})", file=sys.stderr)
    violent = own + threat_rows(examples)
    heads["violence"] = _binary(
        "violence", violent, "violence", cache, report, 1.0, VIOLENCE_L2, VIOLENCE_STEPS
    )
    # the lexical twin of the violence head (our examples and threat set only, so a lower
    # per-language bar)
    vrows = [r for r in violent if isinstance(r.labels.get("violence"), bool)]
    vlabels = ["yes" if r.labels["violence"] else "no" for r in vrows]
    ngrams["violence"] = ngram_train.fit(
        "violence",
        "sigmoid",
        ("yes",),
        ngram_train.matrix([r.text for r in vrows]),
        vlabels,
        balanced_weights(vlabels),
        [r.lang for r in vrows],
        ngram_train.VIOLENCE_MIN_ROWS,
    )

    x = cache.embed([r.text for r in own], "own examples")
    emo = [str(r.labels.get("emotion", "none")) for r in own]
    emo = [e if e in EMOTION_CLASSES else "none" for e in emo]
    heads["emotion"] = make_head(
        "emotion",
        "softmax",
        EMOTION_CLASSES,
        x,
        _onehot(emo, EMOTION_CLASSES),
        balanced_weights(emo),
    )
    report.rows["emotion"] = Counter(emo)
    y = np.array([[1.0 if w in r.labels.get("wants", []) else 0.0 for w in WANTS] for r in own])
    heads["wants"] = make_head("wants", "sigmoid", WANTS, x, y)
    report.rows["wants"] = Counter(w for r in own for w in r.labels.get("wants", []))
    # heat: our labels only (public sets have no heat), levels balanced, lightly regularised
    # so that the head spreads calm and hostile apart instead of hedging around the middle
    levels = [str(r.labels.get("heat")) for r in own]
    y = np.array([[HEAT_TARGET.get(level, 0.4)] for level in levels])
    heads["heat"] = make_head(
        "heat", "sigmoid", ("score",), x, y, balanced_weights(levels), l2=1e-4, steps=1500
    )
    report.rows["heat"] = Counter(levels)

    # politeness of an agent's draft: Stanford's Wikipedia requests (Apache-2.0), the only
    # labelled politeness set we have; the multilingual encoder carries it to nl/de/pl
    pol = [r for r in rows if r.labels.get("politeness") in ("polite", "impolite")]
    plabels = ["yes" if r.labels["politeness"] == "polite" else "no" for r in pol]
    x = cache.embed([r.text for r in pol], "politeness")
    y = np.array([[1.0] if lab == "yes" else [0.0] for lab in plabels])
    heads["politeness"] = make_head(
        "politeness", "sigmoid", ("yes",), x, y, balanced_weights(plabels)
    )
    report.rows["politeness"] = Counter(plabels)
    # the reviewer's sentence-level flaw head (data/review + the train split of the replies)
    flaws, flaw_thresholds, flaw_counts = train_flaw_head(
        examples.parent / "review", examples.parent.parent / "tests" / "data" / "replies", cache
    )
    if flaws is not None:
        heads["flaws"] = flaws
        report.rows["flaws"] = Counter(flaw_counts)
        print(f"flaw thresholds: {flaw_thresholds}", file=sys.stderr)

    # sarcasm and safety hazards: our own written examples (data/sarcasm, data/hazards)
    tone, tone_counts = train_tone_heads(examples.parent, cache)
    heads.update(tone)
    if tone:
        report.rows["tone"] = tone_counts

    policy, why = tune_violence(violent, cache)
    print(f"violence fusion: {policy.to_json()} ({why})", file=sys.stderr)
    target = out or heads_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "rows": json.dumps({k: dict(v) for k, v in report.rows.items()}, sort_keys=True),
        "violence_policy": policy.to_json(),
        "thresholds": json.dumps(thresholds, sort_keys=True),
        "flaw_thresholds": json.dumps(flaw_thresholds, sort_keys=True),
    }
    save_heads(heads, target, meta)
    print(f"wrote {target} ({target.stat().st_size / 1024:.0f} kB)", file=sys.stderr)
    ngram_target = target.with_name("ngrams.npz")
    save_ngrams(ngrams, ngram_target)
    print(f"wrote {ngram_target} ({ngram_target.stat().st_size / 1024:.0f} kB)", file=sys.stderr)
    return target, report
