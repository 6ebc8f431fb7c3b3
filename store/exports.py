"""Reads for exporting a chat's library: every article, and every question asked about each."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from store.records import StoredArticle


def _time(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class ExportTables:
    """Mixed into Store: whole-library reads, oldest question first."""

    if TYPE_CHECKING:

        def _all(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]: ...
        def _articles_of(self, rows: list[sqlite3.Row]) -> list[StoredArticle]: ...

        ARTICLE_COLUMNS: str

    def all_articles(self, chat_id: int) -> list[StoredArticle]:
        """Every article of the chat, newest first (the order /articles numbers them)."""
        return self._articles_of(
            self._all(
                f"SELECT {self.ARTICLE_COLUMNS} FROM articles WHERE chat_id = ? ORDER BY id DESC",
                (chat_id,),
            )
        )

    def questions_by_article(
        self, chat_id: int
    ) -> dict[int, list[tuple[str, str | None, str | None, datetime]]]:
        """(question, answer sentence, short answer, asked at) per article id, in asking order."""
        found: dict[int, list[tuple[str, str | None, str | None, datetime]]] = {}
        for row in self._all(
            "SELECT article_id, question, answer_sentence, span, asked_at FROM questions "
            "WHERE chat_id = ? AND article_id IS NOT NULL ORDER BY id",
            (chat_id,),
        ):
            found.setdefault(row["article_id"], []).append(
                (row["question"], row["answer_sentence"], row["span"], _time(row["asked_at"]))
            )
        return found
