"""Answering questions from the article's own sentences, and remembering what was asked."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot import qa
from bot.errors import StorageError, UsageError
from bot.service.articles import ArticlesPart
from store import StoredArticle

log = logging.getLogger("bot.service")

MAX_QUESTION_CHARS = 500


@dataclass(frozen=True)
class Reply:
    """The outcome of a question: an answer, or (when the article does not say) the closest sentence."""

    article: StoredArticle
    answer: qa.Answer | None
    closest: qa.Answer | None


class AnswersPart(ArticlesPart):
    """Questions, the names an article mentions, and which message was about which article."""

    async def ask(
        self, chat_id: int, question: str, *, article_id: int | None = None, record: bool = True
    ) -> Reply:
        """Answer a question from the current (or a given) article's own sentences."""
        question = question.strip()
        if not question:
            raise UsageError("Ask me a question about the article, e.g. /ask Who won?")
        stored = await self.article(chat_id, article_id)
        question = question[:MAX_QUESTION_CHARS]
        art = self._article(stored)
        found = await self._cpu(qa.answer, question, art)
        closest = None
        if found is None:
            ranked = await self._cpu(qa.rank, question, art, limit=1)
            closest = ranked[0] if ranked else None
        reply = Reply(article=stored, answer=found, closest=closest)
        if record:
            await self.record(chat_id, question, reply)
        return reply

    async def record(
        self, chat_id: int, question: str, reply: Reply, message_ids: list[int] | None = None
    ) -> None:
        """Log a question with its answer, and which messages carried the answer (one write)."""
        try:
            await self._db(
                self.store.log_question,
                chat_id,
                reply.article.id,
                question[:MAX_QUESTION_CHARS],
                reply.answer.sentence if reply.answer else None,
                reply.answer.span if reply.answer else None,
                reply.answer.score if reply.answer else None,
                message_ids=message_ids or [],
            )
        except StorageError:
            # A full or read-only disk must not stop answers; only the question log misses it.
            log.warning("could not record a question for chat %s", chat_id)

    async def mentions(self, chat_id: int, *, article_id: int | None = None) -> qa.Mentions:
        """The people, places, dates and numbers the article mentions."""
        stored = await self.article(chat_id, article_id)
        return await self._cpu(qa.mentions, self._article(stored))

    async def remember(self, chat_id: int, message_id: int, article_id: int) -> None:
        """Note that a message sent to the chat is about this article (for replies to it)."""
        await self._db(self.store.remember_message, chat_id, message_id, article_id)

    async def article_for_message(self, chat_id: int, message_id: int) -> StoredArticle | None:
        """The article a message of the bot's was about, if any."""
        return await self._db(self.store.article_for_message, chat_id, message_id)
