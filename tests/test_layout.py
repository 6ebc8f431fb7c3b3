"""The house's borders: the core never imports Telegram, and only store/ touches SQL."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imports(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def test_core_never_imports_telegram() -> None:
    offenders = [f for f, names in imports("bot").items() if "telegram" in names]
    assert offenders == []


def test_only_store_touches_sql() -> None:
    for package in ("bot", "handlers"):
        offenders = [
            f for f, names in imports(package).items() if names & {"sqlite3", "sqlite_utils"}
        ]
        assert offenders == [], offenders


def test_store_knows_nothing_of_telegram_or_handlers() -> None:
    offenders = [f for f, names in imports("store").items() if names & {"telegram", "handlers"}]
    assert offenders == []


def test_core_never_reaches_up_into_a_front_end() -> None:
    """The core and the Telegram adapters never import the entry module; the core never imports
    the adapters: only the entry package (`articlebot`) starts a front end."""
    offenders = [f for f, names in imports("bot").items() if names & {"handlers", "articlebot"}]
    offenders += [f for f, names in imports("handlers").items() if "articlebot" in names]
    offenders += [f for f, names in imports("store").items() if "articlebot" in names]
    assert offenders == [], offenders
