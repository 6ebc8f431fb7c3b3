"""One door for numbers typed by users or carried by buttons: ASCII digits only.

`str.isdigit()` is true for '²', '٣' and '①', which `int()` then refuses; and a thousand-digit
number is not an article number either.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"[0-9]{1,9}")
_ID = re.compile(r"[0-9]{1,20}")


def parse_number(text: str | None, *, id_: bool = False) -> int | None:
    """The number `text` spells in 1 to 9 ASCII digits (surrounding spaces allowed), else None.

    With id_, up to 20 digits: Telegram user ids (carried by buttons) outgrow nine.
    """
    if text is None:
        return None
    text = text.strip()
    return int(text) if (_ID if id_ else _NUMBER).fullmatch(text) else None
