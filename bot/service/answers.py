"""Answering questions from the article's own sentences, and remembering what was asked."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot import conversation, qa
from bot.errors import StorageError, UsageError
from bot.followup import Context
from bot.service.articles import ArticlesPart
from store import Conversation, StoredArticle

log = logging.getLogger("bot.service")

MAX_QUESTION_CHARS = 500


@dataclass(frozen=True)
class Reply:
    """The outcome of a question: an answer, or (when the article does not say) the closest sentence."""

    article: StoredArticle
    answer: qa.Answer | None
    closest: qa.Answer | None
    # The chat's conversation after this answer; saved with the question when it is recorded.
    state: Conversation | None = None


class AnswersPart(ArticlesPart):
    """Questions, the names an article mentions, and which message was about which article."""

    async def ask(
        self,
        chat_id: int,
        question: str,
        *,
        article_id: int | None = None,
        reply_to: int | None = None,
        record: bool = True,
    ) -> Reply:
        """Answer a question from the current (or a given) article's own sentences.

        `reply_to`: the bot's answer message the question replies to, if any; a follow-up is
        then read against that answer rather than the chat's last one."""
        question = question.strip()
        if not question:
            raise UsageError("Ask me a question about the article, e.g. /ask Who won?")
        stored = await self.article(chat_id, article_id)
        question = question[:MAX_QUESTION_CHARS]
        art = self._article(stored)
        before = await self._conversation(chat_id, stored.id, reply_to)
        # "What did she find?" leans on the last answer about this article; a question that
        # stands alone is answered alone.
        context = conversation.context_for(question, before)
        found, closest = await self._answer(qa.answer_or_closest, question, art, context=context)
        if found is not None:
            closest = None
        after = conversation.after(question, found, context or before)
        reply = Reply(
            article=stored,
            answer=found,
            closest=closest,
            state=Conversation(
                stored.id, after.people, after.things, after.last_question, after.last_answer
            ),
        )
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
                conversation=reply.state,
            )
        except StorageError:
            # A full or read-only disk must not stop answers; only the question log misses it.
            log.warning("could not record a question for chat %s", chat_id)

    async def _conversation(
        self, chat_id: int, article_id: int, reply_to: int | None
    ) -> Context | None:
        """What the replied-to answer (or else the chat's last answer) left behind, if it was
        about this article."""
        try:
            state = None
            if reply_to is not None:
                state = await self._db(self.store.conversation_for_message, chat_id, reply_to)
            if state is None:
                state = await self._db(self.store.conversation, chat_id)
        except StorageError:
            log.warning("could not read the conversation state of chat %s", chat_id)
            return None
        if state is None or state.article_id != article_id:
            return None
        return Context(state.people, state.things, state.last_question, state.last_answer)

    async def mentions(self, chat_id: int, *, article_id: int | None = None) -> qa.Mentions:
        """The people, places, dates and numbers the article mentions."""
        stored = await self.article(chat_id, article_id)
        return await self._answer(qa.mentions, self._article(stored))

    async def remember(self, chat_id: int, message_id: int, article_id: int) -> None:
        """Note that a message sent to the chat is about this article (for replies to it)."""
        await self._db(self.store.remember_message, chat_id, message_id, article_id)

    async def article_for_message(self, chat_id: int, message_id: int) -> StoredArticle | None:
        """The article a message of the bot's was about, if any."""
        return await self._db(self.store.article_for_message, chat_id, message_id)
