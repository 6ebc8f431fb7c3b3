"""Housekeeping while the bot runs: finish forgets, give space back, merge the search index.

Each step is a separate, short turn on the writer (store.maintenance_step), so chats' own writes
get in between; a run stops after `max_seconds` and the next run carries on where it stopped.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from pathlib import Path

from bot.service.base import ServiceBase

log = logging.getLogger(__name__)


class UpkeepPart(ServiceBase):
    """Maintenance and backups for operators and the bot's scheduled job."""

    async def maintain(self, *, max_seconds: float | None = None) -> dict[str, int]:
        """Run maintenance steps until there is nothing left (or time is up); steps by kind."""
        done: Counter[str] = Counter()
        started = time.monotonic()
        while max_seconds is None or time.monotonic() - started < max_seconds:
            kind = await self._db(self.store.maintenance_step)
            if kind is None:
                break
            done[kind] += 1
            await asyncio.sleep(0)  # let the event loop hand out the other chats' work
        await self._db(self.store.checkpoint)
        if done:
            log.info("maintenance: %s", ", ".join(f"{n} {k} steps" for k, n in done.items()))
        return dict(done)

    async def backup(self, path: str | Path) -> int:
        """A consistent copy of the live database at `path` (never overwrites); its size."""
        return await self._db(self.store.backup, path)
