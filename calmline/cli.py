"""The ``calmline`` command line. Every failure is one line on stderr and exit status 2."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from calmline.errors import CliError

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"calmline: error: {message}\n")


def _read_stdin() -> str:
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CliError(
            f"input is not valid UTF-8 (byte 0x{data[exc.start]:02x} at position {exc.start})"
        ) from None


def cmd_analyze(args: argparse.Namespace) -> int:
    from calmline.commands.analyze import analyze_file, analyze_one

    if args.file:
        return analyze_file(Path(args.file), Path(args.out) if args.out else None, args.lang)
    if args.out:
        raise CliError("--out needs --file")
    text = _read_stdin() if args.text in (None, "-") else args.text
    return analyze_one(text, args.lang, args.json, args.at)


def cmd_train(args: argparse.Namespace) -> int:
    from calmline.training.train import train

    shared, examples = _data_dirs(args)
    train(shared, examples, Path(args.out) if args.out else None, tune_encoder=args.tune_encoder)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from calmline.commands.evaluate import run_eval

    return run_eval(
        [Path(f) for f in args.files], as_json=args.json, split=args.split, fast=args.fast
    )


def cmd_bench(args: argparse.Namespace) -> int:
    from calmline.commands.bench import run_bench

    return run_bench(as_json=args.json, n=args.n)


def cmd_build_lemmas(args: argparse.Namespace) -> int:
    from calmline.languages.lemmas import write_table
    from calmline.languages.loader import SUPPORTED

    for code in args.languages or SUPPORTED:
        if code not in SUPPORTED:
            raise CliError(f"unknown language {code!r} (supported: {', '.join(SUPPORTED)})")
        path = write_table(code)
        print(f"wrote {path}", file=sys.stderr)
    return 0


def cmd_policy_check(args: argparse.Namespace) -> int:
    from calmline.protocol.policy import PolicyError, load_policy

    try:
        policy = load_policy(Path(args.file) if args.file else None)
    except PolicyError as exc:
        raise CliError(str(exc)) from None
    print(f"{policy.source}: valid policy for {policy.name} ({', '.join(policy.supported)})")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from calmline.commands.demo import run_demo

    return run_demo()


def cmd_serve(args: argparse.Namespace) -> int:
    from calmline.commands.serve import run_serve

    return run_serve(args.host, args.port, args.demo)


def _data_dirs(args: argparse.Namespace) -> tuple[Path, Path]:
    from calmline.training.data import default_examples_dir, default_shared_dir

    shared = Path(args.data) if args.data else default_shared_dir()
    examples = Path(args.examples) if args.examples else default_examples_dir()
    for p in (shared, examples):
        if not p.is_dir():
            raise CliError(f"data directory not found: {p}")
    return shared, examples


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="calmline", description="Offline de-escalation copilot.")
    from calmline import __version__

    parser.add_argument("--version", action="version", version=f"calmline {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("analyze", help="analyse customer messages")
    p.add_argument("text", nargs="?", help="the message; '-' or nothing reads stdin")
    p.add_argument("--json", action="store_true", help="print the full JSON result")
    p.add_argument("--lang", help="skip language detection (nl, de, pl, en, …)")
    p.add_argument("--at", help="when the message was written (ISO-8601): resolves 'gestern'")
    p.add_argument("--file", help="a JSONL file whose lines have a 'text' key")
    p.add_argument("--out", help="where to write the JSONL results (default: stdout)")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("train", help="reproduce the shipped model heads")
    p.add_argument("--data", help="the shared data folder (default: ../shared/data)")
    p.add_argument("--examples", help="our own labelled examples (default: data/examples)")
    p.add_argument("--out", help="weights file (default: the package's heads.npz)")
    p.add_argument(
        "--tune-encoder",
        action="store_true",
        help="first re-tune the encoder's sentence part (needs the 'train' extra: JAX, optax)",
    )
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("eval", help="score the analyzer on labelled JSONL files")
    p.add_argument("files", nargs="+")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--split",
        choices=("heldout", "all"),
        default="heldout",
        help="rows to score: only those never trained on (default), or all",
    )
    p.add_argument(
        "--fast",
        action="store_true",
        help="score the fast path (long messages: the opening and flagged sentences only)",
    )
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("bench", help="measure latency, throughput, start-up and memory")
    p.add_argument("--json", action="store_true")
    p.add_argument("-n", type=int, default=500, help="messages per measurement")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("build-lemmas", help="regenerate the lemma tables (needs simplemma)")
    p.add_argument("languages", nargs="*")
    p.set_defaults(func=cmd_build_lemmas)

    p = sub.add_parser("policy-check", help="validate an organisation policy (calmline.toml)")
    p.add_argument("file", nargs="?", help="the policy file (default: the packaged default)")
    p.set_defaults(func=cmd_policy_check)

    p = sub.add_parser("demo", help="analyse a few bundled example messages")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("serve", help="run the web app and the HTTP API (OpenAPI at /docs)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--demo", action="store_true", help="load the demo cases into an empty store")
    p.set_defaults(func=cmd_serve)

    from calmline.commands import backup, ingest, protocol, situation, users

    protocol.add_parsers(sub)
    situation.add_parsers(sub)
    users.add_parsers(sub)
    ingest.add_parsers(sub)
    backup.add_parsers(sub)
    from calmline.commands import privacy

    privacy.add_parsers(sub)
    from calmline.commands import outbox

    outbox.add_parsers(sub)
    from calmline.commands import helpdesk

    helpdesk.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except CliError as exc:
        print(f"calmline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (OSError, ValueError) as exc:
        print(f"calmline: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
