"""Export files: what a reader finds in them, and how a large library fits Telegram's limit."""

from __future__ import annotations

import io
import json
import random
import zipfile
from datetime import UTC, datetime

from bot.export import AskedQuestion, ExportEntry, as_json, markdown, package
from store import StoredArticle

NOW = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


def entry(n: int, *, words: int = 30, rng: random.Random | None = None) -> ExportEntry:
    rng = rng or random.Random(n)
    vocabulary = [
        "harbour",
        "wall",
        "council",
        "vote",
        "storm",
        "river",
        "bridge",
        "school",
        "budget",
        "mayor",
    ]
    body = " ".join(rng.choice(vocabulary) + str(rng.randrange(10**6)) for _ in range(words))
    article = StoredArticle(
        id=n,
        chat_id=7,
        title=f"Story *{n}* [draft]",
        source="Valley Courier",
        url=f"https://courier.example/story/{n}?a=1&b=2",
        origin="link",
        byline=None,
        place="Millbrook",
        published="March 3, 2026",
        paragraphs=((f"First sentence of story {n}.", f"{body}."),),
        content_hash=str(n),
        created_at=datetime(2026, 3, 3, 8, n % 60, tzinfo=UTC),
    )
    asked = [
        AskedQuestion("Who voted?", f"First sentence of story {n}.", "the council", NOW),
        AskedQuestion("What colour was it?", None, None, NOW),
    ]
    return ExportEntry(article, [f"First sentence of story {n}."], asked)


def test_markdown_has_title_source_link_dates_brief_and_questions() -> None:
    text = markdown([entry(1)], title="Saved articles", now=NOW)
    assert "## Story \\*1\\* \\[draft\\]" in text  # Markdown in titles is escaped, not rendered
    assert "- Source: Valley Courier" in text
    assert "- Link: <https://courier.example/story/1?a=1&b=2>" in text
    assert "- Published: March 3, 2026" in text
    assert "- Saved: 2026-03-03 08:01 UTC" in text
    assert "> First sentence of story 1." in text
    assert "**Q:** Who voted?" in text
    assert "**A:** the council — “First sentence of story 1.”" in text
    assert "**A:** The article doesn't say." in text


def test_json_holds_everything_including_the_text() -> None:
    data = json.loads(as_json([entry(1), entry(2)], now=NOW))
    first = data["articles"][0]
    assert first["title"] == "Story *1* [draft]"
    assert first["url"] == "https://courier.example/story/1?a=1&b=2"
    assert first["brief"] == ["First sentence of story 1."]
    assert first["questions"][0]["short_answer"] == "the council"
    assert first["questions"][1]["answer"] is None
    assert first["text"].startswith("First sentence of story 1.")
    assert data["exported_at"] == "2026-03-04T09:30:00+00:00"


def render(entries: object) -> bytes:
    return as_json(entries, now=NOW).encode()  # type: ignore[arg-type]


def test_a_small_library_is_one_plain_file() -> None:
    files = package(render, [entry(1)], stem="articles", ext="json", limit=10_000)
    assert [f.name for f in files] == ["articles.json"]
    assert json.loads(files[0].data)["articles"][0]["title"] == "Story *1* [draft]"


def test_a_library_over_the_limit_is_zipped_when_that_is_enough() -> None:
    entries = [entry(n, words=10) for n in range(40)]
    whole = render(entries)
    files = package(render, entries, stem="articles", ext="json", limit=len(whole) - 1)
    assert [f.name for f in files] == ["articles.zip"]
    with zipfile.ZipFile(io.BytesIO(files[0].data)) as archive:
        assert archive.read("articles.json") == whole


def test_a_library_too_big_even_zipped_is_split_into_parts_that_each_fit() -> None:
    rng = random.Random(5)
    entries = [entry(n, words=400, rng=rng) for n in range(60)]
    limit = 60_000
    files = package(render, entries, stem="articles", ext="json", limit=limit)
    assert len(files) > 1
    titles = []
    for number, f in enumerate(files, start=1):
        assert len(f.data) <= limit
        assert f.name == f"articles-part{number}of{len(files)}.zip"
        with zipfile.ZipFile(io.BytesIO(f.data)) as archive:
            (inner,) = archive.namelist()
            titles += [a["title"] for a in json.loads(archive.read(inner))["articles"]]
    assert titles == [f"Story *{n}* [draft]" for n in range(60)]  # every article, once, in order
