"""The ReDoS scan CI runs finds nothing in the package, and does find a known-bad pattern."""

from __future__ import annotations

from pathlib import Path

from tests.redos import scan, scan_file


def test_the_package_has_no_redos_prone_regex() -> None:
    found = scan()
    assert found == [], "\n".join(map(str, found))


def test_the_scan_finds_a_cubic_pattern(tmp_path: Path) -> None:
    # The question pattern bot/qa.py had before: spaces could be split three ways.
    module = tmp_path / "bad.py"
    module.write_text(
        'import re\nDEFINITION = re.compile(r"\\s*who\\s+is\\s+([^?]{3,60}?)\\s*\\??\\s*$")\n'
    )
    found = scan_file(module)
    assert found and found[0].line == 2 and found[0].stars >= 3
