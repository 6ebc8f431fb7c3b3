"""Forgetting a chat, reclaiming space, merging the search index, checks and backups.

Nothing here holds the writer for long: a big delete is a queue of small steps (each a short
transaction, about STEP_SECONDS of work), so other chats' writes get in between the steps; checks
and backups run on a reader connection, which never blocks the writer in WAL mode.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import sqlite_utils

from store import conversations, rows, search
from store.sqlite import SQLiteTables, connect, reads, translated

STEP_SECONDS = 0.01
VACUUM_PAGES = 256  # pages given back to the file system per step (1 MB at 4 KB pages)
MERGE_PAGES = 64  # search index pages merged per step (negative: merge towards one segment)
_ARTICLES_PER_ROUND = 2
_ROWS_PER_ROUND = 200


class Maintenance(SQLiteTables):
    """Forget queue, incremental vacuum, index merges, stats, integrity check, backup."""

    # ---- forgetting a chat -------------------------------------------------------------

    def begin_forget(self, chat_id: int) -> int:
        """Forget a chat: its digest, feeds and current article at once, its articles queued.

        Returns how many articles the chat had. `purge_step` then deletes them in short
        steps; the queue survives a restart, so an interrupted forget resumes.
        """
        with self._write() as conn:
            row = conn.execute(
                "SELECT count(*), max(id) FROM articles WHERE chat_id = ?", (chat_id,)
            ).fetchone()
            count, top = int(row[0]), row[1]
            conn.execute("UPDATE chats SET current_article_id = NULL WHERE id = ?", (chat_id,))
            conversations.forget(conn, chat_id)
            conn.execute("DELETE FROM feed_items WHERE chat_id = ?", (chat_id,))
            conn.execute("DELETE FROM followed_feeds WHERE chat_id = ?", (chat_id,))
            conn.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,))
            conn.execute(
                "INSERT INTO forget_queue (chat_id, up_to_article, queued_at) VALUES (?, ?, ?) "
                "ON CONFLICT (chat_id) DO UPDATE SET "
                "up_to_article = max(up_to_article, excluded.up_to_article)",
                (chat_id, top or 0, rows.now()),
            )
        return count

    def purge_step(self, chat_id: int | None = None) -> bool:
        """One short transaction of deleting a forgotten chat's rows (that chat, or any queued).

        Returns False when nothing was queued (the chat is gone entirely), True otherwise.
        """
        with self._write() as conn:
            where, args = ("WHERE chat_id = ?", (chat_id,)) if chat_id is not None else ("", ())
            queued = conn.execute(
                f"SELECT chat_id, up_to_article FROM forget_queue {where} LIMIT 1", args
            ).fetchone()
            if queued is None:
                return False
            chat, bound = int(queued["chat_id"]), int(queued["up_to_article"])
            started = time.monotonic()
            while time.monotonic() - started < STEP_SECONDS:
                if not self._purge_round(conn, chat, bound):
                    conn.execute("DELETE FROM forget_queue WHERE chat_id = ?", (chat,))
                    # Settings and anything newer go with the chat row, unless it has newer articles.
                    conn.execute(
                        "DELETE FROM chats WHERE id = ? AND NOT EXISTS "
                        "(SELECT 1 FROM articles WHERE chat_id = ?)",
                        (chat, chat),
                    )
                    break
        return True

    @staticmethod
    def _purge_round(conn: sqlite3.Connection, chat: int, bound: int) -> bool:
        """Delete a few hundred rows of the chat; False when nothing was left to delete."""
        gone = conn.execute(
            "DELETE FROM questions WHERE id IN "
            "(SELECT id FROM questions WHERE chat_id = ? LIMIT ?)",
            (chat, _ROWS_PER_ROUND),
        ).rowcount
        gone += conn.execute(
            "DELETE FROM article_messages WHERE chat_id = ? AND message_id IN "
            "(SELECT message_id FROM article_messages WHERE chat_id = ? LIMIT ?)",
            (chat, chat, _ROWS_PER_ROUND),
        ).rowcount
        if gone:
            return True
        found = conn.execute(
            "SELECT id, paragraphs_json FROM articles WHERE chat_id = ? AND id <= ? "
            "ORDER BY id LIMIT ?",
            (chat, bound, _ARTICLES_PER_ROUND),
        ).fetchall()
        for row in found:
            sentences = [s for para in rows.paragraphs(row["paragraphs_json"]) for s in para]
            search.unindex_article(conn, chat, row["id"], sentences)
            conn.execute("DELETE FROM articles WHERE id = ?", (row["id"],))
        return bool(found)

    def forget(self, chat_id: int) -> int:
        """Delete everything stored for the chat, step by step; returns how many articles went."""
        count = self.begin_forget(chat_id)
        while self.purge_step(chat_id):
            pass
        return count

    # ---- space and the index -----------------------------------------------------------

    def maintenance_step(self) -> str | None:
        """One bounded piece of housekeeping; what it did, or None when there is nothing left.

        In order: finish forgotten chats, give free pages back to the file system (when the
        database uses incremental auto-vacuum), merge the search index's segments.
        """
        if self.purge_step():
            return "forget"
        with translated(), self._connections.write_lock:
            conn = self._connections.writer
            mode = int(conn.execute("PRAGMA auto_vacuum").fetchone()[0])
            free = int(conn.execute("PRAGMA freelist_count").fetchone()[0])
            if mode == 2 and free > 0:
                # executescript steps the pragma to the end (execute() frees a single page);
                # it runs as its own short transaction.
                conn.executescript(f"PRAGMA incremental_vacuum({VACUUM_PAGES:d});")
                return "vacuum"
        with self._write() as conn:
            before = conn.total_changes
            conn.execute(
                "INSERT INTO search_index (search_index, rank) VALUES ('merge', ?)",
                (-MERGE_PAGES,),
            )
            # FTS5 tells whether a merge did any work only through the change count.
            if conn.total_changes - before >= 2:
                return "merge"
        return None

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database file as far as readers allow."""
        with translated(), self._connections.write_lock:
            self._connections.writer.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    @reads
    def space(self) -> dict[str, int]:
        """File pages: total, free (reclaimable), and the page size."""
        with self._read() as conn:
            return {
                "pages": int(conn.execute("PRAGMA page_count").fetchone()[0]),
                "free_pages": int(conn.execute("PRAGMA freelist_count").fetchone()[0]),
                "page_size": int(conn.execute("PRAGMA page_size").fetchone()[0]),
                "auto_vacuum": int(conn.execute("PRAGMA auto_vacuum").fetchone()[0]),
            }

    def vacuum(self) -> None:
        """A full VACUUM, switching the file to incremental auto-vacuum. Holds the writer
        for as long as it takes: for `articlebot maintenance --vacuum` with the bot stopped."""
        with translated(), self._connections.write_lock:
            conn = self._connections.writer
            conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
            conn.execute("VACUUM")

    # ---- operators ---------------------------------------------------------------------

    @reads
    def stats(self) -> dict[str, int]:
        """Rows per table (the full-text index's own tables left out), for operators."""
        with self._read() as conn:
            db = sqlite_utils.Database(conn)
            return {
                name: db.table(name).count
                for name in db.table_names()
                if not name.startswith(("search_index", "sqlite_"))
            }

    def integrity_check(self, *, search_index: bool = True) -> str:
        """'ok', or what SQLite, foreign keys or the search index found wrong.

        SQLite's checks run on a reader. The search index's own check is a write in FTS5 and
        holds the writer while it runs (`search_index=False` leaves it out).
        """
        problems: list[str] = []
        with self._read() as conn:
            for (line,) in conn.execute("PRAGMA integrity_check").fetchall():
                if line != "ok":
                    problems.append(str(line))
            for bad in conn.execute("PRAGMA foreign_key_check").fetchall():
                problems.append(f"foreign key: {tuple(bad)}")
        if search_index:
            try:
                with self._write() as conn:
                    conn.execute(
                        "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 0)"
                    )
            except sqlite3.DatabaseError as exc:
                # FTS5 runs its check as a write; a read-only database skips it.
                if "readonly" not in str(exc).lower():
                    problems.append(f"search index: {exc}")
            except Exception as exc:  # StorageError for a read-only file: nothing to check
                if "read-only" not in str(exc):
                    raise
        return "ok" if not problems else "\n".join(problems)

    @reads
    def backup(self, path: str | Path) -> int:
        """A consistent copy of the live database at `path` (VACUUM INTO, from one snapshot).

        Runs as a reader: the bot keeps writing meanwhile. Returns the copy's size in bytes.
        """
        target = Path(path).expanduser()
        if target.exists():
            raise FileExistsError(f"{target} exists; a backup never overwrites a file")
        target.parent.mkdir(parents=True, exist_ok=True)
        source, uri = self._connections.target()
        with translated():
            conn = connect(source, uri)
            try:
                conn.execute("VACUUM INTO ?", (str(target),))
            finally:
                conn.close()
        return target.stat().st_size
