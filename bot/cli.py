"""The core of the `articlebot` command: demo, summarize, ask, stats, and the argument parser.

The front ends (`chat`, `run`) are started by the entry module (the `articlebot` package),
which passes them in: the core never imports a front end's adapters.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import logging
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import Any

from bot import operations
from bot.errors import ArticlebotError, UsageError
from bot.settings import HEARTBEAT_SECONDS, Settings, SettingsError, load_settings

DEMO_QUESTIONS = (
    "Who commanded the soldiers?",
    "Where did the river flood homes?",
    "When did the river crest?",
    "How many residents were evacuated?",
    "How much did the barrier cost?",
    "What is the population of Tokyo?",
)


def sample_text() -> str:
    """The sample article shipped with the project: a news page pasted whole, furniture and all."""
    return resources.files("bot").joinpath("samples/pasted_page.txt").read_text(encoding="utf-8")


def load_source(source: str, settings: Settings) -> Any:
    """A file path, a URL, or '-' (standard input), turned into a clean Article."""
    from bot.clean import clean_text
    from bot.documents import decode_document, looks_like_html
    from bot.intent import find_url

    if source.startswith(("http://", "https://")):
        from bot.fetch import fetch_article

        url = find_url(source) or source
        return asyncio.run(fetch_article(url, allow_private=settings.allow_private_urls))
    if source == "-":
        data = sys.stdin.buffer.read()
        name = None
    else:
        path = Path(source)
        if not path.is_file():
            raise UsageError(
                f"No such file: {source} (give a text, HTML or PDF file, a URL, or - for stdin)"
            )
        data = path.read_bytes()
        name = path.name
    from bot.pdf import is_pdf, read_pdf

    if is_pdf(data):
        pdf = read_pdf(data)
        return clean_text(pdf.text, title=pdf.title)
    text = decode_document(data, filename=name)
    if looks_like_html(text):
        from bot.extract import article_from_html

        return article_from_html(text)
    from bot.service import check_text

    check_text(text, max_chars=settings.max_text_chars)
    return clean_text(text)


def _header(article: Any) -> str:
    from bot import language

    parts = [p for p in (article.source, article.place, article.date) if p]
    parts.append(f"{article.reading_minutes} min read")
    code = getattr(article, "language", "") or ""
    if code != "en" and (name := language.name(code)):
        parts.append(name)  # as the chat's brief does: "Deutsch"
    return " · ".join(parts)


def print_brief(article: Any, sentences: list[str], out: Any = None) -> None:
    out = out or sys.stdout
    if article.title:
        print(article.title, file=out)
    print(_header(article), file=out)
    print(file=out)
    for s in sentences:
        print(f" • {s}", file=out)


def print_answer(question: str, found: Any, closest: Any, out: Any = None) -> None:
    out = out or sys.stdout
    print(f"Q: {question}", file=out)
    if found is not None:
        print(f"A: {found.span or found.sentence}", file=out)
        if found.span:
            print(f"   “{found.sentence}”", file=out)
    else:
        print("A: The article doesn't say.", file=out)
        if closest is not None:
            print(f"   Closest sentence (not an answer): “{closest.sentence}”", file=out)


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from bot.brief import brief
    from bot.clean import clean_text
    from bot.qa import answer, rank

    article = clean_text(sample_text())
    print("articlebot demo: a news page pasted whole (menus, photo credits, footer and all).\n")
    print("── Brief ──")
    print_brief(article, brief(article, sentences=3))
    print("\n── Questions ──")
    for q in DEMO_QUESTIONS:
        found = answer(q, article)
        closest = None if found else next(iter(rank(q, article, limit=1)), None)
        print_answer(q, found, closest)
        print()
    print("Try it on your own text: articlebot summarize FILE | articlebot ask FILE 'Who ...?'")
    print("or talk to it: articlebot chat")
    return 0


def cmd_summarize(args: argparse.Namespace, settings: Settings) -> int:
    from bot.brief import METHODS, already_short, brief

    if args.method and args.method not in METHODS:
        raise UsageError(f"Unknown method {args.method!r}; choose one of: {', '.join(METHODS)}")
    if args.sentences < 1:
        raise UsageError("--sentences must be at least 1")
    article = load_source(args.source, settings)
    chosen = brief(article, sentences=args.sentences, method=args.method)
    short = already_short(len(article.sentences), args.sentences)
    if args.json:
        print(
            json.dumps(
                {
                    "title": article.title,
                    "source": article.source,
                    "byline": article.byline,
                    "place": article.place,
                    "date": article.date,
                    "reading_minutes": article.reading_minutes,
                    "language": article.language,
                    "sentences": chosen,
                    "already_short": short,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print_brief(article, chosen)
        if short:
            print("\n(This is already short, so it is shown as it is.)")
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from bot.qa import answer, rank

    if not args.question.strip():
        raise UsageError("The question is empty.")
    article = load_source(args.source, settings)
    question = args.question[:500]
    found = answer(question, article)
    closest = None if found else next(iter(rank(question, article, limit=1)), None)
    if args.json:
        print(
            json.dumps(
                {
                    "question": args.question,
                    "answer": asdict(found) if found else None,
                    "closest": asdict(closest) if closest else None,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print_answer(question, found, closest)
    return 0


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    from store import Store

    path = args.db or settings.db_file
    if path != ":memory:" and not Path(path).expanduser().is_file():
        raise UsageError(f"No database at {path}")
    with Store.open(path) as store:
        counts = store.stats()
        # The search index's own check is a long write: only when asked (bot stopped).
        check = store.integrity_check(search_index=args.full)
        version = store.schema_version
    print(f"{path} (schema version {version}, integrity: {check})")
    for name, count in sorted(counts.items()):
        print(f"  {name:<22}{count:>10,}")
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """A chat's saved articles (the console's own by default) as Markdown or JSON, unsplit."""
    from bot.service import Service

    path = args.db or settings.db_file
    if path != ":memory:" and not Path(path).expanduser().is_file():
        raise UsageError(f"No database at {path}")

    async def export() -> bytes:
        svc = Service.open(dataclasses.replace(settings, db_path=path))
        try:
            files = await svc.export_library(args.chat, as_json=args.json, limit=None)
        finally:
            svc.close()
        return files[0].data

    data = asyncio.run(export())
    if args.file in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        Path(args.file).write_bytes(data)
        print(f"Wrote {len(data):,} bytes to {args.file}", file=sys.stderr)
    return 0


def version() -> str:
    """The installed articlebot's version."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("articlebot")
    except PackageNotFoundError:
        return "(not installed)"


def cmd_health(args: argparse.Namespace, settings: Settings) -> int:
    """Exit 0 while a running bot's heartbeat file is fresh (for container health checks)."""
    import time

    if not settings.heartbeat_file:
        raise UsageError("ARTICLEBOT_HEARTBEAT_FILE is not set, so there is no heartbeat to check")
    path = Path(settings.heartbeat_file).expanduser()
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        print(f"unhealthy: no heartbeat at {path} (is `articlebot run` running?)")
        return 1
    if age > args.max_age:
        print(f"unhealthy: last heartbeat {age:.0f} s ago (more than {args.max_age:g} s)")
        return 1
    print(f"healthy: last heartbeat {age:.0f} s ago")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="articlebot",
        description="Brief news articles and answer questions from their own sentences.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-v", "--verbose", action="store_true", help="show log lines (the libraries' too)"
    )
    parser.add_argument("--version", action="version", version=f"articlebot {version()}")
    parser.add_argument(
        "--env-file",
        metavar="PATH",
        default=None,
        help="settings file (default: ./.env, else ~/.config/articlebot/.env)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser(
        "demo", parents=[common], help="brief a sample article and answer questions about it"
    )
    p = sub.add_parser(
        "summarize", parents=[common], help="brief an article from a file, a URL, or - (stdin)"
    )
    p.add_argument("source", metavar="SOURCE")
    p.add_argument("--sentences", "-n", type=int, default=3)
    p.add_argument("--method", "-m", default=None, help="summarizer (default: the best measured)")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("ask", parents=[common], help="answer a question about an article")
    p.add_argument("source", metavar="SOURCE")
    p.add_argument("question", metavar="QUESTION")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser(
        "chat", parents=[common], help="talk to articlebot in the console, with its memory"
    )
    p.add_argument("--db", default=None, help="database file (default: ARTICLEBOT_DB)")
    p = sub.add_parser(
        "stats", parents=[common], help="rows per table and an integrity check of the database"
    )
    p.add_argument("--db", default=None, help="database file (default: ARTICLEBOT_DB)")
    p.add_argument(
        "--full", action="store_true", help="check the search index too (holds the writer)"
    )
    p = sub.add_parser(
        "export", parents=[common], help="saved articles as Markdown (or --json) to FILE or stdout"
    )
    p.add_argument("file", metavar="FILE", nargs="?", default=None)
    p.add_argument("--json", action="store_true", help="JSON instead of Markdown")
    p.add_argument("--chat", type=int, default=0, help="chat id (default 0: the console's chat)")
    p.add_argument("--db", default=None, help="database file (default: ARTICLEBOT_DB)")
    operations.add_parsers(sub)
    p = sub.add_parser(
        "health", parents=[common], help="exit 0 while the running bot's heartbeat is fresh"
    )
    p.add_argument("--max-age", type=float, default=3 * HEARTBEAT_SECONDS, metavar="SECONDS")
    p = sub.add_parser(
        "run", parents=[common], help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)"
    )
    p.add_argument("--webhook", action="store_true", help="use a webhook instead of polling")
    return parser


def configure_logging(settings: Settings, *, quiet: bool) -> None:
    """Log lines on stderr; quiet (the console commands without -v) keeps only the bot's errors,
    so library lines (httpx requests, extraction notes) never interleave with the output."""
    logging.basicConfig(
        level=getattr(logging, settings.log_level, logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not quiet:
        return
    root = logging.getLogger()
    root.setLevel(logging.ERROR)
    for handler in root.handlers:
        handler.addFilter(lambda record: record.name.split(".")[0] in ("bot", "store"))


FrontEnd = Callable[[argparse.Namespace, Settings], int]
COMMANDS: dict[str, FrontEnd] = {
    "demo": cmd_demo,
    "summarize": cmd_summarize,
    "ask": cmd_ask,
    "stats": cmd_stats,
    "export": cmd_export,
    "maintenance": operations.cmd_maintenance,
    "backup": operations.cmd_backup,
    "health": cmd_health,
}
FRONT_END_COMMANDS = ("chat", "run")


def main(
    argv: Sequence[str] | None = None, front_ends: Mapping[str, FrontEnd] | None = None
) -> int:
    """Run one command; `front_ends` (from the entry module) starts `chat` and `run`."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    commands = {**COMMANDS, **(front_ends or {})}
    if args.command not in commands:
        print(
            f"articlebot: start the {args.command!r} front end with `articlebot {args.command}` "
            f"(or `python -m articlebot {args.command}`)",
            file=sys.stderr,
        )
        return 2
    try:
        settings = load_settings(env_file=args.env_file)
        configure_logging(
            settings, quiet=args.command != "run" and not getattr(args, "verbose", False)
        )
        return commands[args.command](args, settings)
    except SettingsError as exc:
        print(f"articlebot: {exc}", file=sys.stderr)
        return 2
    except ArticlebotError as exc:
        print(f"articlebot: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
