"""Taking articles elsewhere: inline-mode search of a user's own library, and export to files."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from bot import brief as briefing
from bot import export
from bot.article import Article
from bot.errors import NoArticle
from bot.export import AskedQuestion, ExportEntry, ExportFile
from bot.service.articles import ArticlesPart, Brief
from bot.service.library import LibraryPart
from store import StoredArticle

EXPORT_BATCH = 200  # articles briefed per CPU task, so other chats' work gets turns between


class SharingPart(LibraryPart, ArticlesPart):
    """Inline results and exported files."""

    async def inline_search(self, user_id: int, words: str, *, limit: int = 20) -> list[Brief]:
        """The user's own saved articles (their private chat's) that match, best first.

        No words: the newest ones. The same search as /search, one result per article.
        """
        ids: list[int] = []
        if words.strip():
            for hit in await self.search(user_id, words, limit=50):
                if hit.article_id not in ids:
                    ids.append(hit.article_id)
        else:
            ids = [a.id for a in await self.articles(user_id, limit=limit)]
        briefs = []
        for article_id in ids[:limit]:
            stored = await self._db(self.store.get_article, user_id, article_id)
            if stored is not None:
                briefs.append(await self._brief(user_id, stored))
        return briefs

    async def export_library(
        self, chat_id: int, *, as_json: bool = False, limit: int | None = export.MAX_FILE_BYTES
    ) -> list[ExportFile]:
        """Every saved article of the chat with its brief and questions, as files under `limit`
        bytes (Telegram's document limit; None: one file, whatever its size)."""
        articles = await self._db(self.store.all_articles, chat_id)
        if not articles:
            raise NoArticle("There are no saved articles here yet, so there is nothing to export.")
        asked = await self._db(self.store.questions_by_article, chat_id)
        prefs = await self._db(self.store.get_settings, chat_id)
        entries: list[ExportEntry] = []
        for start in range(0, len(articles), EXPORT_BATCH):
            batch = articles[start : start + EXPORT_BATCH]
            briefs = await self._cpu(_briefs, batch, prefs.sentences, prefs.method)
            for stored, sentences in zip(batch, briefs, strict=True):
                entries.append(
                    ExportEntry(
                        stored,
                        sentences,
                        [AskedQuestion(*q) for q in asked.get(stored.id, [])],
                    )
                )
        now = datetime.now(UTC)
        stem = f"articlebot-{now:%Y-%m-%d}"
        if as_json:
            return await self._cpu(
                export.package,
                lambda e: export.as_json(e, now=now).encode(),
                entries,
                stem=stem,
                ext="json",
                limit=limit or sys.maxsize,
            )
        return await self._cpu(
            export.package,
            lambda e: export.markdown(e, title="Saved articles", now=now).encode(),
            entries,
            stem=stem,
            ext="md",
            limit=limit or sys.maxsize,
        )


def _briefs(
    articles: Sequence[StoredArticle], sentences: int, method: str | None
) -> list[list[str]]:
    out = []
    for stored in articles:
        if briefing.already_short(len(stored.sentences), sentences):
            out.append(list(stored.sentences))
        else:
            out.append(briefing.brief(_core(stored), sentences=sentences, method=method))
    return out


def _core(stored: StoredArticle) -> Article:
    return Article(paragraphs=stored.paragraphs, title=stored.title, language=stored.language)
