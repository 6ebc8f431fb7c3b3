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


class ArticlebotError(Exception):
    """Base of every error a user can cause; `str(e)` is a message fit to show them."""


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
