"""The token never reaches the log: messages, arguments and tracebacks are redacted."""

from __future__ import annotations

import io
import logging

from handlers.app import RedactToken
from tests.botprocess import FAKE_TOKEN


def test_tracebacks_and_arguments_are_redacted() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(RedactToken(FAKE_TOKEN))
    logger = logging.getLogger("articlebot.test.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        try:
            raise RuntimeError(f"The token `{FAKE_TOKEN}` was rejected by the server.")
        except RuntimeError:
            logger.exception("start failed for %s", f"https://api.example/bot{FAKE_TOKEN}/getMe")
        logger.warning("stack", stack_info=True, extra={"token": FAKE_TOKEN})
    finally:
        logger.removeHandler(handler)
    out = stream.getvalue()
    assert "Traceback" in out and "<token>" in out
    assert FAKE_TOKEN not in out
