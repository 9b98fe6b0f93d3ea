"""Absence codes (no acknowledgment / apology / time frame / next step): the rules against a
pair model, out of fold on the TRAIN split of the labelled replies only.

Run: ``.venv/bin/python bench/pair_absence.py``. The pair model is a logistic regression per
code on the customer's latest message vector, the draft's vector, their product and the
rules' own decisions; folds by hash of the reply id; the threshold shown is the best F1's.
"""

from pathlib import Path

import numpy as np

from calmline.analyzer.model import encoder
from calmline.protocol.conversation import parse_conversation
from calmline.protocol.evaluate import _policy_for, load_rows
from calmline.protocol.policy import load_policy
from calmline.protocol.review import review
from calmline.training.data import bucket
from calmline.training.linear import fit

CODES = ("no_acknowledgment", "no_apology", "no_time_frame", "no_next_step")
folder = Path("tests/data/replies")
base = load_policy()
Y, R, ids = [], [], []
cust_t, draft_t, feats = [], [], []
for lang in ("nl", "de", "pl", "en"):
    for row in load_rows(folder, lang, "train"):
        pol = _policy_for(base, lang, row.get("register", "formal"))
        conv = row["conversation"]
        rv = review(parse_conversation(conv), row["draft"], pol)
        fired = {f.code for f in rv.findings}
        gold = {lab["code"] for lab in row["labels"]}
        msgs = [m["text"] for m in conv["messages"] if m["role"] == "customer"]
        cust_t.append(msgs[-1] if msgs else ".")
        draft_t.append(row["draft"])
        R.append([c in fired for c in CODES])
        Y.append([c in gold for c in CODES])
        ids.append(row["id"])
        feats.append(
            [1.0 if c in fired else 0.0 for c in CODES]
            + [1.0 if fired & {"defensive", "blame_customer", "excuse", "non_apology"} else 0.0]
        )
enc = encoder()
ec, ed = enc.encode(cust_t), enc.encode(draft_t)
F = np.array(feats)
x = np.hstack([ec, ed, ec * ed * 10, F * 2]).astype(np.float32)
Y = np.array(Y, float)
R = np.array(R, bool)
fold = np.array([bucket(i, 5) for i in ids])
oof = np.zeros_like(Y)
for k in range(5):
    tr = fold != k
    for j in range(len(CODES)):
        y = Y[tr, j : j + 1]
        pos = y.mean()
        w = np.where(y[:, 0] > 0, 0.5 / max(pos, 1e-3), 0.5 / max(1 - pos, 1e-3))
        W, b = fit(x[tr], y, kind="sigmoid", sample_weight=w, l2=1e-2, steps=400)
        oof[~tr, j] = 1 / (1 + np.exp(-(x[~tr] @ W + b)))[:, 0]


def pr(pred, gold):
    tp = (pred & gold).sum()
    return tp / max(1, pred.sum()), tp / max(1, gold.sum())


print("rows", len(ids))
for j, c in enumerate(CODES):
    g = Y[:, j] > 0
    p_rule, r_rule = pr(R[:, j], g)
    best = max(
        ((t, *pr(oof[:, j] >= t, g)) for t in np.arange(0.2, 0.9, 0.05)),
        key=lambda v: 2 * v[1] * v[2] / max(1e-9, v[1] + v[2]),
    )
    print(
        f"{c}: rules P {p_rule:.2f} R {r_rule:.2f} | pair model best-F1"
        f" t={best[0]:.2f} P {best[1]:.2f} R {best[2]:.2f}"
    )
