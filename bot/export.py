"""A chat's library as files: Markdown to read, JSON to keep; split or zipped to fit Telegram.

Plain functions over plain data: the service gathers the entries, the front ends send the files.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from store import StoredArticle

# Telegram bots may send documents up to 50 MB; the multipart envelope needs a little room.
MAX_FILE_BYTES = 49_000_000
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


@dataclass(frozen=True)
class AskedQuestion:
    """A question asked about an article and what the bot answered (None: the article didn't say)."""

    question: str
    answer: str | None
    short_answer: str | None
    asked_at: datetime


@dataclass(frozen=True)
class ExportEntry:
    """One saved article with its brief and its questions, oldest question first."""

    article: StoredArticle
    brief: list[str]
    questions: list[AskedQuestion]


@dataclass(frozen=True)
class ExportFile:
    name: str
    data: bytes


def _md(text: str) -> str:
    """Article text in Markdown: one line, and the characters Markdown would act on escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def markdown(entries: Sequence[ExportEntry], *, title: str, now: datetime) -> str:
    """The entries as a Markdown document, newest article first."""
    out = [
        f"# {_md(title)}",
        "",
        f"Exported {now:%Y-%m-%d %H:%M} UTC · {len(entries)} articles",
        "",
    ]
    for entry in entries:
        art = entry.article
        out += ["", f"## {_md(art.title or 'Untitled')}", ""]
        facts = []
        if art.source:
            facts.append(f"- Source: {_md(art.source)}")
        if art.url:
            facts.append(f"- Link: <{art.url.replace('>', '%3E').replace(' ', '%20')}>")
        if art.published:
            facts.append(f"- Published: {_md(art.published)}")
        facts.append(f"- Saved: {art.created_at:%Y-%m-%d %H:%M} UTC")
        out += [*facts, "", "**Brief**", ""]
        out += [f"> {_md(s)}" for s in entry.brief]
        if entry.questions:
            out += ["", "**Questions**", ""]
            for q in entry.questions:
                out.append(f"- **Q:** {_md(q.question)}")
                if q.answer is None:
                    out.append("  **A:** The article doesn't say.")
                elif q.short_answer:
                    out.append(f"  **A:** {_md(q.short_answer)} — “{_md(q.answer)}”")
                else:
                    out.append(f"  **A:** {_md(q.answer)}")
    return "\n".join(out) + "\n"


def as_json(entries: Sequence[ExportEntry], *, now: datetime) -> str:
    """The entries as one JSON document (the article text included, for keeping)."""
    return json.dumps(
        {
            "exported_at": now.isoformat(timespec="seconds"),
            "articles": [
                {
                    "title": e.article.title,
                    "source": e.article.source,
                    "url": e.article.url,
                    "published": e.article.published,
                    "saved_at": e.article.created_at.isoformat(timespec="seconds"),
                    "byline": e.article.byline,
                    "place": e.article.place,
                    "brief": e.brief,
                    "questions": [
                        {
                            "question": q.question,
                            "answer": q.answer,
                            "short_answer": q.short_answer,
                            "asked_at": q.asked_at.isoformat(timespec="seconds"),
                        }
                        for q in e.questions
                    ],
                    "text": e.article.text,
                }
                for e in entries
            ],
        },
        ensure_ascii=False,
        indent=1,
    )


def _zip(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def package(
    render: Callable[[Sequence[ExportEntry]], bytes],
    entries: Sequence[ExportEntry],
    *,
    stem: str,
    ext: str,
    limit: int = MAX_FILE_BYTES,
) -> list[ExportFile]:
    """Files under `limit` bytes: the whole export, else zipped, else split into zipped parts.

    Each part is a complete document of its own (valid JSON, readable Markdown).
    """
    whole = render(entries)
    if len(whole) <= limit:
        return [ExportFile(f"{stem}.{ext}", whole)]
    zipped = _zip(f"{stem}.{ext}", whole)
    if len(zipped) <= limit:
        return [ExportFile(f"{stem}.zip", zipped)]
    # Parts grouped by their zipped size, estimated from the whole file's compression ratio.
    ratio = len(zipped) / len(whole)
    groups: list[list[ExportEntry]] = [[]]
    size = 0.0
    for entry in entries:
        cost = len(render([entry])) * ratio
        if groups[-1] and size + cost > 0.9 * limit:
            groups.append([])
            size = 0.0
        groups[-1].append(entry)
        size += cost
    # The estimate can be off (text that repeats compresses better whole): halve what misses.
    fitted = [part for group in groups for part in _fit(render, group, limit)]
    files = []
    for number, (_, data) in enumerate(fitted, start=1):
        name = f"{stem}-part{number}of{len(fitted)}"
        files.append(ExportFile(f"{name}.zip", _zip(f"{name}.{ext}", data)))
    return files


def _fit(
    render: Callable[[Sequence[ExportEntry]], bytes], group: list[ExportEntry], limit: int
) -> list[tuple[list[ExportEntry], bytes]]:
    """The group rendered, or split in halves until each half fits zipped (one entry always goes)."""
    data = render(group)
    if len(group) == 1 or len(_zip("x", data)) <= limit - 200:  # room for the part's longer name
        return [(group, data)]
    middle = len(group) // 2
    return _fit(render, group[:middle], limit) + _fit(render, group[middle:], limit)
