"""Reads for exporting a chat's library: every article, and every question asked about each."""

from __future__ import annotations

from datetime import UTC, datetime

from store import rows
from store.records import StoredArticle
from store.sqlite import SQLiteTables, reads


def _time(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class ExportTables(SQLiteTables):
    """Whole-library reads, oldest question first."""

    @reads
    def all_articles(self, chat_id: int) -> list[StoredArticle]:
        """Every article of the chat, newest first (the order /articles numbers them)."""
        found = self._all(
            f"SELECT {rows.ARTICLE_COLUMNS} FROM articles WHERE chat_id = ? ORDER BY id DESC",
            (chat_id,),
        )
        return [rows.article(r) for r in found]

    @reads
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
