"""Taking in articles (pasted text, files, links) and briefing them."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass

from bot import brief as briefing
from bot import language, reading
from bot.article import Article, reading_minutes
from bot.documents import MAX_DOCUMENT_BYTES, decode_document
from bot.errors import EmptyText, InputError, NoArticle, NotFound, NotText, TooLarge, UsageError
from bot.fetch import fetch_article
from bot.pdf import is_pdf, read_pdf
from bot.service.base import ServiceBase
from bot.tldr import tldr as one_sentence
from store import StoredArticle

log = logging.getLogger("bot.service")

MIN_ARTICLE_WORDS = 12
MIN_DISTINCT_WORDS = 8
MAX_SENTENCES = 10
BIG_ARTICLE_CHARS = 50_000  # above this, briefing and counting run in a worker process


class TooShort(InputError):
    """The text is too short to be an article."""


class NotAnArticle(InputError):
    """The text repeats a few words over and over: not something to brief."""


@dataclass(frozen=True)
class Brief:
    """An article's brief, ready for a front end to show."""

    article: StoredArticle
    sentences: list[str]
    method: str
    duplicate: bool = False  # the chat had sent this article before
    already_short: bool = False  # the text is as short as its brief: shown whole, as it is
    number: int = 0  # the article's number in its chat (1, 2, 3 … in the order saved)

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.article.sentences, self.article.language)


def content_hash(article: Article) -> str:
    """A hash of the article's words, so the same story pasted twice (or reformatted) is recognised."""
    words = re.sub(r"\W+", " ", " ".join(article.sentences).lower()).strip()
    return hashlib.sha256(words.encode()).hexdigest()


def article_facts(article: Article) -> tuple[int, int, str]:
    """(words, distinct words, content hash) of an article."""
    found = language.profile_words(article.text, article.language)
    return len(found), len({w.lower() for w in found}), content_hash(article)


def check_text(text: str, *, max_chars: int) -> None:
    """Reject text that cannot be an article: empty, binary, or too large."""
    if len(text) > max_chars:
        raise TooLarge(
            "That is {n:,} characters; I take articles up to {limit:,} characters.",
            n=len(text),
            limit=max_chars,
        )
    if not text.strip():
        raise EmptyText("That message has no text I can read.")
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t")
    if "\x00" in sample or controls > len(sample) // 20:
        raise NotText("That looks like binary data, not an article.")


@dataclass(frozen=True)
class Tldr:
    """The one sentence that best stands for an article."""

    article: StoredArticle
    sentence: str


class ArticlesPart(ServiceBase):
    """Articles in, briefs out; the chat's current article."""

    async def add_text(
        self,
        chat_id: int,
        text: str,
        *,
        origin: str = "paste",
        source: str | None = None,
        title: str | None = None,
        url: str | None = None,
    ) -> Brief:
        """Clean, store and brief pasted text (HTML is extracted first)."""
        check_text(text, max_chars=self.settings.max_text_chars)
        article = await self._work(
            reading.read_text,
            text,
            title=title,
            source=source,
            url=url,
            what="file" if origin == "file" else "text",
        )
        return await self._store_and_brief(chat_id, article, origin=origin, source=source)

    async def add_document(
        self,
        chat_id: int,
        data: bytes,
        *,
        filename: str | None = None,
        mime: str | None = None,
        source: str | None = None,
    ) -> Brief:
        """Read a sent text, HTML, Markdown or PDF file and treat it as an article."""
        if is_pdf(data):
            # PDF parsing time depends on the file too: a worker, with the deadline.
            pdf = await self._work(read_pdf, data, what="file")
            return await self.add_text(
                chat_id, pdf.text, origin="file", source=source, title=pdf.title
            )
        if len(data) > MAX_DOCUMENT_BYTES:
            decode_document(data)  # raises TooLarge with the sizes, before anything is sent off
        article = await self._work(
            reading.read_document, data, filename=filename, mime=mime, source=source, what="file"
        )
        return await self._store_and_brief(chat_id, article, origin="file", source=source)

    async def add_url(self, chat_id: int, url: str) -> Brief:
        """Fetch a link (with the address rules), then store and brief the article."""
        article = await fetch_article(
            url, allow_private=self.settings.allow_private_urls, reader=self.read_page
        )
        return await self._store_and_brief(chat_id, article, origin="link", source=article.source)

    async def _store_and_brief(
        self, chat_id: int, article: Article, *, origin: str, source: str | None
    ) -> Brief:
        prefs = await self._db(self.store.get_settings, chat_id)
        if prefs.language:
            # The chat chose a language (/settings language): read every article in it.
            article = await self._cpu(language.with_language, article, prefs.language)
        # Counting words and hashing cost time in proportion to the article: off the event loop,
        # and for a big article in a worker, where it holds no lock the answers need.
        if len(article.text) > BIG_ARTICLE_CHARS:
            count, distinct, digest = await self._work(article_facts, article, what="article")
        else:
            count, distinct, digest = await self._cpu(article_facts, article)
        if count >= MIN_ARTICLE_WORDS and distinct < MIN_DISTINCT_WORDS:
            raise NotAnArticle(
                "That doesn't read like an article (the same few words over and over). "
                "Send me a news story, or ask a short question about the current one."
            )
        if count < MIN_ARTICLE_WORDS:
            raise TooShort(
                "That's too short to brief. Send me a whole article (paste it, forward it, "
                "or send a link), then ask me about it."
            )
        stored, created = await self._db(
            self.store.add_article,
            chat_id,
            paragraphs=article.paragraphs,
            title=article.title,
            source=source or article.source,
            url=article.url,
            origin=origin,
            byline=article.byline,
            place=article.place,
            published=article.date,
            content_hash=digest,
            language=article.language,
        )
        if not created:
            log.info("chat %s sent an article it already has (#%s)", chat_id, stored.id)
        return await self._brief(chat_id, stored, duplicate=not created)

    async def _brief(
        self,
        chat_id: int,
        stored: StoredArticle,
        *,
        sentences: int | None = None,
        duplicate: bool = False,
    ) -> Brief:
        prefs = await self._db(self.store.get_settings, chat_id)
        count = max(1, min(MAX_SENTENCES, sentences or prefs.sentences))
        method = prefs.method or briefing.DEFAULT_METHOD
        # A text no longer than its brief would be is shown whole; an explicit length is obeyed.
        short = briefing.already_short(len(stored.sentences), count, explicit=bool(sentences))
        article = self._article(stored)
        if short:
            chosen = list(stored.sentences)
        elif len(article.text) > BIG_ARTICLE_CHARS:
            # Pure-Python work on a big article holds the GIL for a long time: in a worker, it
            # leaves the answer threads and the event loop free (and has the deadline too).
            chosen = await self._work(
                briefing.brief, article, sentences=count, method=method, what="article"
            )
        else:
            chosen = await self._cpu(briefing.brief, article, sentences=count, method=method)
        numbers = await self._db(self.store.article_numbers, chat_id, [stored.id])
        return Brief(
            article=stored,
            sentences=chosen,
            method=method,
            duplicate=duplicate,
            already_short=short,
            number=numbers.get(stored.id, 0),
        )

    async def tldr(self, chat_id: int, *, article_id: int | None = None) -> Tldr:
        """The one sentence that best stands for the current (or a given) article."""
        stored = await self.article(chat_id, article_id)
        sentence = await self._cpu(one_sentence, self._article(stored))
        return Tldr(article=stored, sentence=sentence)

    async def current(self, chat_id: int) -> StoredArticle:
        """The chat's current article, or NoArticle."""
        stored = await self._db(self.store.current_article, chat_id)
        if stored is None:
            raise NoArticle(
                "There is no article here yet. Paste one, forward one, or send a link first."
            )
        return stored

    async def article(self, chat_id: int, article_id: int | None = None) -> StoredArticle:
        """The chat's article with that id (NotFound if it is not this chat's), or the current one."""
        if article_id is None:
            return await self.current(chat_id)
        stored = await self._db(self.store.get_article, chat_id, article_id)
        if stored is None:
            raise NotFound("I can't find that article in this chat.")
        return stored

    async def brief(
        self, chat_id: int, *, article_id: int | None = None, sentences: int | None = None
    ) -> Brief:
        """Brief the current (or a given) article of the chat, at the chat's or a given length."""
        if sentences is not None and not 1 <= sentences <= MAX_SENTENCES:
            raise UsageError("A brief can have 1 to {n} sentences.", n=MAX_SENTENCES)
        stored = await self.article(chat_id, article_id)
        return await self._brief(chat_id, stored, sentences=sentences)
