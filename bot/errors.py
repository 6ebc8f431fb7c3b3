"""Errors a user can cause, each turned into a friendly reply by the front ends.

ArticlebotError
 ├── InputError            the text or file sent cannot be used as an article
 │    ├── EmptyText
 │    ├── NotText          binary data, or a document that is not text
 │    └── TooLarge
 ├── NoArticle             a question, but the chat has no article yet
 ├── NotFound              an article number or id the chat does not have
 ├── UsageError            a command with wrong arguments
 ├── StorageError          the database cannot be written (disk full, read-only)
 └── FetchError            a link could not be turned into an article
      ├── BlockedAddress   private, loopback, link-local or otherwise non-public
      ├── FetchTimeout
      ├── TooBig
      ├── BadContentType
      ├── HTTPStatusError
      ├── TooManyRedirects
      └── NoArticleText
"""

from __future__ import annotations

from typing import Any

from bot import i18n


class Words(str):
    """A parameter of an error message that is itself words to translate (marked with N_)."""

    __slots__ = ()


class ArticlebotError(Exception):
    """Base of every error a user can cause; `str(e)` is a message fit to show them (English).

    The message is a template and its parameters: `UsageError("Brief length must be 1 to {n}
    sentences.", n=5)`. `str(e)` is the template filled in; `e.template` and `e.params` let the
    front ends translate the template first (`shown(e)`). A message without parameters is used
    as it is (braces and all). Parameters that are `Words` are translated too.
    """

    def __init__(self, template: str = "", /, *args: object, **params: Any) -> None:
        self.template = template
        self.params = params
        if not template and not args and not params:
            super().__init__()
        else:
            super().__init__(template.format(**params) if params else template, *args)


def shown(exc: ArticlebotError) -> str:
    """The error's message in the reader's language (`_(template)` filled in with its
    parameters); what the front ends show a user. English when there is no translation."""
    template = getattr(exc, "template", None)
    if not isinstance(template, str) or not template:
        return i18n._(str(exc))
    params = getattr(exc, "params", None) or {}
    if not params:
        return i18n._(template)
    values = {k: i18n._(v) if isinstance(v, Words) else v for k, v in params.items()}
    try:
        return i18n._(template).format(**values)
    except (KeyError, IndexError, ValueError):  # a broken translation: the English text
        return template.format(**values)


class InputError(ArticlebotError):
    """The input cannot be used as an article."""


class EmptyText(InputError):
    """There is no text to work with."""


class NotText(InputError):
    """The input is binary or not a text document."""


class TooLarge(InputError):
    """The input is larger than the bot accepts."""


class NoArticle(ArticlebotError):
    """A question was asked but there is no article to answer from."""


class NotFound(ArticlebotError):
    """The article asked for does not exist in this chat."""


class UsageError(ArticlebotError):
    """A command was given wrong arguments."""


class StorageError(ArticlebotError):
    """The database could not be written."""


class FetchError(ArticlebotError):
    """A link could not be turned into an article."""


class BlockedAddress(FetchError):
    """The link points at a private or otherwise non-public address."""


class FetchTimeout(FetchError):
    """The site took too long to answer."""


class TooBig(FetchError):
    """The page is larger than the size cap."""


class BadContentType(FetchError):
    """The link is not a web page or text (a PDF, image, archive, ...)."""


class HTTPStatusError(FetchError):
    """The site answered with an error status."""


class TooManyRedirects(FetchError):
    """The link redirects too many times (or in a loop)."""


class NoArticleText(FetchError):
    """The page has no article text that could be extracted."""
