"""The chat's library (list, switch, search, forget) and its settings."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from rapidfuzz import fuzz

from bot import brief as briefing
from bot.errors import NotFound, UsageError
from bot.language import SUPPORTED, UnknownLanguage, parse_choice
from bot.service.articles import MAX_SENTENCES
from bot.service.base import ServiceBase
from store import ArticleSummary, ChatSettings, SearchHit, StoredArticle


def parse_timezone(name: str) -> str:
    """An IANA time zone name in its canonical spelling, or UsageError."""
    name = name.strip()
    if name.upper() == "UTC":
        return "UTC"
    lowered = {z.lower(): z for z in available_timezones()}
    canonical = lowered.get(name.lower())
    if canonical is None:
        raise UsageError(
            "I don't know the time zone {name!r}; use a name like Europe/Berlin or UTC.",
            name=name[:40],
        )
    try:
        ZoneInfo(canonical)
    except ZoneInfoNotFoundError:
        raise UsageError("I don't know the time zone {name!r}.", name=name[:40]) from None
    return canonical


class LibraryPart(ServiceBase):
    """What a chat has kept, and how it likes its briefs."""

    async def articles(self, chat_id: int, *, limit: int = 10) -> list[ArticleSummary]:
        """The chat's recent articles, newest first (article_numbers gives their numbers)."""
        return await self._db(self.store.list_articles, chat_id, limit=limit)

    async def article_numbers(self, chat_id: int, article_ids: list[int]) -> dict[int, int]:
        """Each article's number in the chat: 1, 2, 3 … in the order saved, never renumbered."""
        return await self._db(self.store.article_numbers, chat_id, article_ids)

    async def use(self, chat_id: int, number: int) -> StoredArticle:
        """Make the chat's article number N (its number for good, as /articles shows) current."""
        stored = await self._db(self.store.article_by_number, chat_id, number)
        if stored is None:
            total = await self._db(self.store.count_articles, chat_id)
            if total:
                raise NotFound(
                    "There is no article {number} here; this chat has {total}.",
                    number=number,
                    total=total,
                )
            raise NotFound("There are no articles here yet.")
        return await self._db(self.store.set_current, chat_id, stored.id)

    async def search(self, chat_id: int, words: str, *, limit: int = 5) -> list[SearchHit]:
        """Search the chat's articles: full-text candidates, re-ranked by fuzzy similarity."""
        words = words.strip()[:200]
        if not words:
            raise UsageError("Tell me what to look for, e.g. /search flood barrier")
        hits = await self._db(self.store.search, chat_id, words, limit=50)
        rescored = sorted(
            hits,
            key=lambda h: fuzz.token_set_ratio(words.lower(), h.sentence.lower()) - 10 * h.score,
            reverse=True,
        )
        return rescored[:limit]

    async def forget(self, chat_id: int) -> int:
        """Delete every row of this chat's data; returns how many articles went.

        A big chat is deleted in short steps, each its own turn on the writer, so other chats'
        writes go in between instead of waiting for the whole delete.
        """
        removed = await self._db(self.store.begin_forget, chat_id)
        while await self._db(self.store.purge_step, chat_id):
            pass
        return removed

    async def chat_settings(self, chat_id: int) -> ChatSettings:
        """The chat's brief length, summarizer and time zone."""
        return await self._db(self.store.get_settings, chat_id)

    async def update_settings(
        self,
        chat_id: int,
        *,
        sentences: int | None = None,
        method: str | None = None,
        timezone: str | None = None,
        language: str | None = None,
    ) -> ChatSettings:
        """Change a chat's brief length, summarizer, time zone or language ("auto" detects each
        article's), checking each value."""
        if sentences is not None and not 1 <= sentences <= MAX_SENTENCES:
            raise UsageError("Brief length must be 1 to {n} sentences.", n=MAX_SENTENCES)
        clear = False
        if method is not None:
            method = method.lower()
            if method == "default":
                method, clear = None, True
            elif method not in briefing.METHODS:
                raise UsageError(
                    "Unknown summarizer. Choose one of: {methods}.",
                    methods=", ".join(briefing.METHODS),
                )
        if timezone is not None:
            timezone = parse_timezone(timezone)
        chosen, clear_language = None, False
        if language is not None:
            try:
                chosen = parse_choice(language)
            except UnknownLanguage:
                raise UsageError(
                    "I don't know that language. Choose auto or one of: {codes}.",
                    codes=", ".join(SUPPORTED),
                ) from None
            clear_language = chosen is None
        return await self._db(
            self.store.update_settings,
            chat_id,
            sentences=sentences,
            method=method,
            timezone=timezone,
            clear_method=clear,
            language=chosen,
            clear_language=clear_language,
        )
