"""The ReDoS scan CI runs: every regex literal in the package, checked with regexploit.

`python -m tests.redos` prints each finding and exits 1 when there is one (.ci/run calls it);
tests/test_redos.py runs the same scan.
"""

from __future__ import annotations

import ast
import re
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

with warnings.catch_warnings():
    # regexploit imports sre_parse/sre_constants, deprecated aliases since Python 3.11.
    warnings.simplefilter("ignore", DeprecationWarning)
    from regexploit.ast.sre import SreOpParser
    from regexploit.languages.python_node_visitor import PythonNodeVisitor
    from regexploit.redos import find

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "store")
# regexploit's stars: 1 linear, 2 quadratic, 3 cubic or worse. Its own command line reports 3+;
# quadratic patterns are reported too, since inputs here run to megabytes.
MIN_STARS = 2


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    pattern: str
    stars: int
    example: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.stars}-star ReDoS in {self.pattern!r}; e.g. {self.example}"


def scan_file(path: Path, *, min_stars: int = MIN_STARS) -> list[Finding]:
    """Every regex literal in a Python file whose worst case is at least `min_stars`."""
    visitor = PythonNodeVisitor()
    visitor.visit(ast.parse(path.read_bytes()))
    found: list[Finding] = []
    for regex in visitor.patterns:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                parsed = SreOpParser().parse_sre(regex.pattern, regex.flags)
            except re.error:
                continue  # a string that is not a regex
        for redos in find(parsed):
            if redos.starriness >= min_stars:
                found.append(
                    Finding(
                        str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path),
                        regex.lineno,
                        regex.pattern,
                        redos.starriness,
                        redos.example(),
                    )
                )
    return found


def scan(packages: tuple[str, ...] = PACKAGES) -> list[Finding]:
    """Findings over every module of the packages."""
    found: list[Finding] = []
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            found += scan_file(path)
    return found


def main() -> int:
    found = scan()
    for finding in found:
        print(finding)
    print(f"ReDoS scan of {', '.join(PACKAGES)}: {len(found)} finding(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
