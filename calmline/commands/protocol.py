"""``calmline guide | review | draft | eval-review``: the protocol on the command line.

Invalid files (conversation, policy, draft) are one line on stderr and exit status 2,
like every other calmline command.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from calmline.errors import CliError

if TYPE_CHECKING:
    from calmline.protocol.conversation import Conversation
    from calmline.protocol.policy import Policy


def _inputs(args: argparse.Namespace, conversation: str) -> tuple[Conversation, Policy]:
    from calmline.protocol.conversation import ConversationError, load_conversation
    from calmline.protocol.policy import PolicyError, load_policy

    try:
        policy = load_policy(Path(args.policy) if args.policy else None)
        conv = load_conversation(Path(conversation))
    except (PolicyError, ConversationError) as exc:
        raise CliError(str(exc)) from None
    return conv, policy


class _Result(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def _print(result: _Result, as_json: bool, human: str) -> None:
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(human)


def cmd_guide(args: argparse.Namespace) -> int:
    from calmline.protocol.guide import guide

    conv, policy = _inputs(args, args.conversation)
    g = guide(conv, policy)
    lines = [f"language {g.language} · register {g.register} · heat trend {g.trend}"]
    lines += [f"ALERT {a.kind}: {a.message}" for a in g.alerts]
    lines += [f"done: {s.step} ({s.text!r})" for s in g.steps_done]
    for n in g.next:
        lines.append(f"next: {n.step} — {n.reason}")
        lines += [f"    {s.text}" for s in n.sentences]
    lines += [f"missing {f}: {q}" for f, q in g.missing_facts]
    _print(g, args.json, "\n".join(lines))
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from calmline.protocol.review import ReviewError, review

    if (args.draft is None) == (args.draft_file is None):
        raise CliError("give exactly one of --draft and --draft-file")
    if args.draft_file:
        path = Path(args.draft_file)
        try:
            text = path.read_bytes().decode("utf-8")
        except OSError as exc:
            raise CliError(f"{path}: cannot read ({exc.strerror})") from None
        except UnicodeDecodeError:
            raise CliError(f"{path}: not UTF-8 text") from None
    else:
        text = args.draft
    conv, policy = _inputs(args, args.conversation)
    try:
        r = review(conv, text, policy)
    except ReviewError as exc:
        raise CliError(str(exc)) from None
    lines = [f"score {r.score} · {'ready' if r.ready else 'not ready'} · language {r.language}"]
    lines.append(f"steps: {', '.join(r.steps_present) or '-'} · politeness {r.politeness:.2f}")
    for f in r.findings:
        where = f" [{f.start}:{f.end}] {f.text!r}" if f.end > f.start else ""
        lines.append(f"{f.severity} {f.code}{where}: {f.message}")
        if f.suggestion:
            lines.append(f"    {f.suggestion}")
    _print(r, args.json, "\n".join(lines))
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    from calmline.protocol.draft import draft

    conv, policy = _inputs(args, args.conversation)
    d = draft(conv, policy)
    human = d.text
    if d.placeholders:
        human += f"\n\n(fill in before sending: {', '.join(d.placeholders)})"
    _print(d, args.json, human)
    return 0


def _eval_scope(data: str, languages: list[str] | None, what: str) -> tuple[Path, tuple[str, ...]]:
    """The labelled folder and the languages an ``eval-*`` command scores, checked."""
    from calmline.languages.loader import SUPPORTED

    folder = Path(data)
    if not folder.is_dir():
        raise CliError(f"{what} folder not found: {folder}")
    langs = tuple(languages or SUPPORTED)
    unknown = [lang for lang in langs if lang not in SUPPORTED]
    if unknown:
        raise CliError(f"unsupported language {unknown[0]!r} ({', '.join(SUPPORTED)})")
    return folder, langs


def cmd_eval_review(args: argparse.Namespace) -> int:
    from calmline.protocol.evaluate import report, run

    folder, langs = _eval_scope(args.data, args.languages, "replies")
    results = run(folder, args.split, Path(args.policy) if args.policy else None, langs)
    print(report(results, args.split))
    if args.errors:
        for t in results.values():
            for line in t.errors:
                print(line, file=sys.stderr)
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("guide", help="what to do next in a conversation")
    p.add_argument("conversation", help="conversation JSON file")
    p.add_argument("--policy", help="organisation policy (default: the packaged one)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_guide)

    p = sub.add_parser("review", help="review an agent's draft reply")
    p.add_argument("--conversation", required=True, help="conversation JSON file")
    p.add_argument("--draft", help="the draft text")
    p.add_argument("--draft-file", help="a file holding the draft")
    p.add_argument("--policy")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("draft", help="draft a reply for a conversation")
    p.add_argument("conversation", help="conversation JSON file")
    p.add_argument("--policy")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_draft)

    p = sub.add_parser("eval-review", help="per-code precision/recall of the reviewer")
    p.add_argument("--data", default="tests/data/replies", help="labelled replies folder")
    p.add_argument("--split", choices=("heldout", "train", "all"), default="heldout")
    p.add_argument("--policy")
    p.add_argument("--errors", action="store_true", help="list misses on stderr")
    p.add_argument("languages", nargs="*", help="languages to score (default: all four)")
    p.set_defaults(func=cmd_eval_review)
