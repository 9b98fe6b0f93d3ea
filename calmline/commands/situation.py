"""``calmline situation | eval-situation``: the conversation read once, on the command line.

``situation`` prints what calmline reads in a conversation — facts with roles and values,
wants and what the policy allows, sarcasm, hazards, what the organisation already said,
the steps done — each with its evidence (message index and span). ``eval-situation``
scores that reading against the labelled conversations in ``tests/data/situations``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from calmline.commands.protocol import _eval_scope, _inputs
from calmline.errors import CliError


def _where(message: int, text: str) -> str:
    return f"(message {message}: {text!r})"


def cmd_situation(args: argparse.Namespace) -> int:
    from calmline.protocol.situation import read

    conv, policy = _inputs(args, args.conversation)
    s = read(conv, policy)
    if args.json:
        print(json.dumps(s.to_dict(), ensure_ascii=False, indent=2))
        return 0
    sarcastic = sorted({x.evidence.message for x in s.sarcasm})
    lines = [
        f"language {s.language} · register {s.register} · status {s.status} · "
        f"heat {s.heat[-1]:.2f} {s.trend}"
        + (f" · sarcasm in message {', '.join(map(str, sarcastic))}" if sarcastic else "")
    ]
    if s.customer_name:
        lines.append(f"customer: {s.customer_name} (salutation: {s.salutation_name}, {s.gender})")
    if s.threat_at is not None:
        state = "answered" if s.threat_answered else "NOT answered"
        lines.append(f"VIOLENT THREAT in message {s.threat_at} ({state})")
    for h in s.hazards:
        lines.append(f"HAZARD {h.kind} {_where(h.evidence.message, h.evidence.text)}")
    for p in s.pressure:
        lines.append(f"pressure: {p.kind} {_where(p.evidence.message, p.evidence.text)}")
    if s.wants:
        rest = f", also {', '.join(s.wants[1:])}" if len(s.wants) > 1 else ""
        lines.append(f"wants: {s.wants[0]}{rest}")
    if s.verdict is not None:
        v = s.verdict
        lines.append(f"policy for {v.want}: {v.decision} — {v.explanation} [{v.rule}]")
    if s.fact_items:
        lines.append("facts:")
        for f in s.fact_items:
            role = f" {f.role}" if f.role else ""
            lines.append(
                f"  {f.kind:<16} {f.normalized or '-'}{role}  {_where(f.evidence.message, f.text)}"
            )
    if s.acts:
        lines.append("the organisation already:")
        for a in s.acts:
            detail = a.what or a.reason or ""
            when = f" by {a.normalized}" if a.normalized else ""
            lines.append(
                f"  {a.kind} {detail}{when}  {_where(a.evidence.message, a.evidence.text)}"
            )
    if s.agent_steps:
        lines.append("steps done: " + ", ".join(dict.fromkeys(st.step for st in s.agent_steps)))
    for q in s.open_questions:
        lines.append(f"open question {_where(q.message, q.text)}")
    if s.missing:
        lines.append("missing: " + ", ".join(s.missing))
    lines += [f"note: {n}" for n in s.notes]
    print("\n".join(lines))
    return 0


def cmd_eval_situation(args: argparse.Namespace) -> int:
    from calmline.protocol.policy import PolicyError, load_policy
    from calmline.protocol.situation.evaluate import DatasetError, evaluate

    folder, scope = _eval_scope(args.data, args.languages, "labelled conversations")
    langs = list(scope)
    try:
        policy = load_policy(Path(args.policy) if args.policy else None)
        report = evaluate(folder, langs, args.split, policy, errors=args.errors)
    except (PolicyError, DatasetError) as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.render())
    for row_id, misses in report.errors:
        print(f"{row_id}: {json.dumps(misses, ensure_ascii=False)}", file=sys.stderr)
    return 0


def cmd_eval_drafts(args: argparse.Namespace) -> int:
    from calmline.protocol.draft_eval import evaluate, spelling_eval
    from calmline.protocol.policy import PolicyError, load_policy
    from calmline.protocol.situation.evaluate import DatasetError

    folder, scope = _eval_scope(args.data, args.languages, "labelled conversations")
    try:
        policy = load_policy(Path(args.policy) if args.policy else None)
        report = evaluate(folder, list(scope), args.split, policy)
    except (PolicyError, DatasetError, KeyError) as exc:
        raise CliError(f"{args.data}: {exc}") from None
    out = report.to_dict()
    if not args.no_spelling:
        replies, _ = _eval_scope(args.replies, args.languages, "replies")
        sp = spelling_eval(replies, list(scope), args.split, policy)
        out["spelling"] = vars(sp)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(report.render())
        if "spelling" in out:
            s = out["spelling"]
            flags = s["caught"] + s["other_flags"]
            print(
                f"\nspelling on the {args.split} labelled replies, one typo injected into each of "
                f"{s['injected']}: recall {s['caught'] / max(1, s['injected']):.3f}, precision "
                f"{s['caught'] / max(1, flags):.3f} ({s['other_flags']} other flags)"
            )
    if args.errors:
        if args.split != "train":
            raise CliError("--errors shows the train split only: the held-out third stays unseen")
        for t in report.tallies.values():
            for line in t.errors:
                print(line, file=sys.stderr)
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("situation", help="what calmline reads in a conversation, with evidence")
    p.add_argument("conversation", help="conversation JSON file")
    p.add_argument("--policy", help="organisation policy (default: the packaged one)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_situation)

    p = sub.add_parser("eval-situation", help="precision/recall of the situation reader")
    p.add_argument("--data", default="tests/data/situations", help="labelled conversations")
    p.add_argument("--split", choices=("heldout", "train", "all"), default="heldout")
    p.add_argument("--policy")
    p.add_argument("--json", action="store_true")
    p.add_argument("--errors", action="store_true", help="list misses on stderr (train split only)")
    p.add_argument("languages", nargs="*", help="languages to score (default: all four)")
    p.set_defaults(func=cmd_eval_situation)

    p = sub.add_parser("eval-drafts", help="properties of composed drafts; injected violations")
    p.add_argument("--data", default="tests/data/drafts", help="labelled conversations")
    p.add_argument("--replies", default="tests/data/replies", help="labelled replies (spelling)")
    p.add_argument("--split", choices=("heldout", "train", "all"), default="heldout")
    p.add_argument("--policy")
    p.add_argument("--json", action="store_true")
    p.add_argument("--no-spelling", action="store_true", help="skip the spelling measurement")
    p.add_argument("--errors", action="store_true", help="list failures on stderr (train only)")
    p.add_argument("languages", nargs="*", help="languages to score (default: all four)")
    p.set_defaults(func=cmd_eval_drafts)
