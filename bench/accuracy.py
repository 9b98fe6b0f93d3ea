"""Held-out accuracy of calmline against a TF-IDF baseline and lexicon peers.

Run: ``.venv/bin/pip install -e '.[eval]' && .venv/bin/python bench/accuracy.py > out.md``

For every task and held-out file it prints macro-F1 of
* calmline (the full pipeline, rules + model heads, as shipped),
* a TF-IDF character n-gram (2–5) + logistic-regression baseline trained on exactly the
  training rows the corresponding calmline head was trained on,
* a lexicon peer where one exists: VADER (en), TextBlob-DE (de), textblob-nl (nl) and the
  polVADER lexicon (pl; its valence lexicon summed over simplemma lemmas, since the
  polVADER package itself needs spaCy and a downloaded model).
No row used in training is scored (see calmline/training/data.py for the split rules).
"""

from __future__ import annotations

import importlib.util
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from calmline.commands.evaluate import TASKS, evaluate_rows
from calmline.training.data import Row, default_shared_dir, load_file, own_files, shared_files
from calmline.training.metrics import score
from calmline.training.train import collect, long_rows

KEYS = {"sentiment": "sentiment", "offensive": "offensive", "anger": "anger", "threat": "violence"}


def _gold(task: str, row: Row) -> str:
    key, norm, _ = TASKS[task]
    return norm(row.labels[key])


def tfidf_baselines(train_rows: list[Row]) -> dict[str, Callable[[list[str]], list[str]]]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    models: dict[str, Callable[[list[str]], list[str]]] = {}
    for task, key in KEYS.items():
        rows = [r for r in train_rows if key in r.labels]
        if task == "threat":
            rows = [r for r in rows if r.source == "calmline_examples"]
        texts = [r.text for r in rows]
        gold = [_gold(task, r) for r in rows]
        pipe = make_pipeline(
            TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=(2, 5),
                min_df=2,
                sublinear_tf=True,
                max_features=300_000,
            ),
            LogisticRegression(max_iter=2000, class_weight="balanced", C=4.0),
        )
        pipe.fit(texts, gold)
        models[task] = lambda xs, p=pipe: [str(y) for y in p.predict(xs)]
    return models


def _label(polarity: float, eps: float = 0.05) -> str:
    return "positive" if polarity > eps else "negative" if polarity < -eps else "neutral"


def peers() -> dict[str, Callable[[str], str]]:
    out: dict[str, Callable[[str], str]] = {}
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        vader = SentimentIntensityAnalyzer()
        out["en"] = lambda t: _label(vader.polarity_scores(t)["compound"])
    except ImportError:
        pass
    try:
        from textblob_de import PatternTokenizer, TextBlobDE

        tok = PatternTokenizer()
        out["de"] = lambda t: _label(TextBlobDE(t, tokenizer=tok).sentiment.polarity)
    except ImportError:
        pass
    try:
        from textblob import TextBlob
        from textblob_nl import PatternAnalyzer

        nl = PatternAnalyzer()
        out["nl"] = lambda t: _label(TextBlob(t, analyzer=nl).sentiment[0])
    except ImportError:
        pass
    try:
        import simplemma

        # importing polvader pulls in spaCy; we only need its lexicon file
        spec = importlib.util.find_spec("polvader")
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("polvader")
        folder = Path(next(iter(spec.submodule_search_locations)))
        raw = (folder / "lexicons" / "imbir_valence_lexicon.dat").read_bytes()
        lex: dict[str, float] = pickle.loads(raw)
        mid = sum(lex.values()) / len(lex)

        def pl(text: str) -> str:
            vals = [
                lex[w] - mid
                for tok in text.lower().split()
                for w in {tok.strip(".,!?;:()\"'"), simplemma.lemmatize(tok, lang="pl")}
                if w in lex
            ]
            return _label(sum(vals) / (len(vals) or 1), 0.15)

        out["pl"] = pl
    except (ImportError, ModuleNotFoundError, FileNotFoundError):
        pass
    return out


def main() -> int:
    shared = default_shared_dir()
    examples = Path("data/examples")
    train_rows = collect(shared, examples) + long_rows(examples)  # as the sentiment head
    baselines = tfidf_baselines(train_rows)
    lex_peers = peers()
    print("| task | file | lang | n | calmline macro-F1 | TF-IDF+LR macro-F1 | lexicon peer |")
    print("|---|---|---|---|---|---|---|")
    files = [*shared_files(shared), *own_files(examples), *own_files(examples.parent / "long")]
    for path in files:
        rows = [r for r in load_file(path) if r.split != "train"]
        if not rows:
            continue
        ours = evaluate_rows(rows, path.name)
        for task, s in ours.items():
            if task not in KEYS:  # heat has no public baseline to compare with
                continue
            key = KEYS[task]
            sel = [r for r in rows if key in r.labels]
            gold = [_gold(task, r) for r in sel]
            base = score(gold, baselines[task]([r.text for r in sel])).macro_f1
            lang = sel[0].lang
            peer: Any = "–"
            if task == "sentiment" and lang in lex_peers:
                peer = f"{score(gold, [lex_peers[lang](r.text) for r in sel]).macro_f1:.3f}"
            print(
                f"| {task} | `{path.name}` | {lang} | {s.n} | **{s.macro_f1:.3f}** | "
                f"{base:.3f} | {peer} |"
            )
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
