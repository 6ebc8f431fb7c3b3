"""Telegram HTML for briefs, answers and lists: everything escaped, long replies split cleanly."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import language
from bot.display import SOURCE_CHARS, TITLE_CHARS, shorten, shorten_url
from bot.i18n import _
from bot.qa import Answer, Mentions
from bot.service import MAX_SENTENCES, Brief, Reply, Tldr
from store import ArticleSummary, SearchHit

LIMIT = 4096
_RAW_CHUNK = 3000  # raw text per piece before escaping, so an escaped piece stays under LIMIT


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def _chunks(raw: str, size: int = _RAW_CHUNK) -> list[str]:
    """Split raw text at spaces into pieces of at most `size` characters."""
    out: list[str] = []
    while len(raw) > size:
        cut = raw.rfind(" ", 0, size)
        cut = cut if cut > size // 2 else size
        out.append(raw[:cut])
        raw = raw[cut:].lstrip()
    if raw:
        out.append(raw)
    return out


def block(raw: str, wrap: str = "{}") -> list[str]:
    """One logical line of raw text as escaped HTML pieces, each wrapped (e.g. '• {}')."""
    out: list[str] = []
    pending = _chunks(raw)
    while pending:
        piece = pending.pop(0)
        html_piece = wrap.format(esc(piece))
        if len(html_piece) > LIMIT - 100 and len(piece) > 1:
            # Text full of <, > and & grows when escaped: cut it smaller.
            pending[:0] = _chunks(piece, max(1, len(piece) // 2))
            continue
        out.append(html_piece)
    return out


def pack(blocks: list[str], *, sep: str = "\n") -> list[str]:
    """Join HTML blocks into messages of at most LIMIT characters, never splitting a block."""
    messages: list[str] = []
    current = ""
    for b in blocks:
        candidate = f"{current}{sep}{b}" if current else b
        if len(candidate) > LIMIT and current:
            messages.append(current)
            current = b
        else:
            current = candidate
    if current:
        messages.append(current)
    return messages or [""]


def fit(messages: list[str]) -> list[str]:
    """The last guard before sending: a message over Telegram's limit is split at its lines,
    and a single line still over it is sent as its escaped plain text in pieces."""
    out: list[str] = []
    for message in messages:
        if len(message) <= LIMIT:
            out.append(message)
            continue
        blocks: list[str] = []
        for line in message.split("\n"):
            blocks += [line] if len(line) <= LIMIT else block(plain(line))
        out += pack(blocks)
    return out


def title_of(title: str | None, default: str = "Untitled article") -> str:
    """An article's or feed's title as shown (shortened: pages and feeds can have huge ones)."""
    return shorten(title, TITLE_CHARS) or default


def feed_name(title: str | None, url: str) -> str:
    """A feed as shown: its (shortened) title, else its (shortened) address."""
    return title_of(title, "") or shorten_url(url)


def source_line(b: Brief) -> str:
    a = b.article
    parts = []
    if a.origin == "forward" and a.source:
        parts.append(_("Forwarded from {source}").format(source=shorten(a.source, SOURCE_CHARS)))
    elif a.source:
        parts.append(shorten(a.source, SOURCE_CHARS))
    if a.byline:
        parts.append(_("by {byline}").format(byline=shorten(a.byline, SOURCE_CHARS)))
    if a.place:
        parts.append(shorten(a.place, SOURCE_CHARS))
    if a.published:
        parts.append(shorten(a.published, SOURCE_CHARS))
    parts.append(_("{minutes} min read").format(minutes=b.reading_minutes))
    if b.number:
        parts.append(f"#{b.number}")  # the number /articles and /use know it by
    if a.language != "en" and (lang := language.name(a.language)):
        parts.append(lang)
    return " · ".join(parts)


def brief_messages(b: Brief) -> list[str]:
    """The brief as one or more HTML messages: title, source, sentences, a hint."""
    a = b.article
    blocks: list[str] = []
    if b.duplicate:
        blocks.append("<i>" + _("You sent this article before; here is its brief again.") + "</i>")
    blocks += block(title_of(a.title, _("Untitled article")), "<b>{}</b>")
    blocks += block(source_line(b), "<i>{}</i>")
    if a.url:
        blocks += block(shorten_url(a.url))
    blocks.append("")
    if b.already_short:
        blocks.append("<i>" + _("This is already short, so here it is as it is:") + "</i>")
        for paragraph in a.paragraphs:
            blocks += block(" ".join(paragraph))
    else:
        for s in b.sentences:
            blocks += block(s, "• {}")
    blocks.append("")
    hint = _(
        "Ask me about it: who, what, where, when, how many. Reply to this brief to ask about "
        "this article later."
    )
    blocks.append(f"<i>{hint}</i>")
    return pack(blocks)


def shared_brief(b: Brief) -> str:
    """A brief to post in another chat (inline mode): title, source linked, the sentences.

    One message: sentences that would not fit are left out.
    """
    a = b.article
    head = f"<b>{esc(title_of(a.title))}</b>"
    name = esc(a.source or (a.url and _host(a.url)) or "saved article")
    if a.url and len(a.url) <= 2000:
        head += f'\n<a href="{html.escape(a.url, quote=True)}">{name}</a>'
    elif a.source:
        head += f"\n<i>{name}</i>"
    text = head + "\n"
    for s in b.sentences:
        line = f"\n• {esc(s)}"
        if len(text) + len(line) > LIMIT - 50:
            break
        text += line
    return text


def _host(url: str) -> str:
    return urlsplit(url).hostname or url[:60]


def brief_keyboard(b: Brief) -> InlineKeyboardMarkup:
    n = len(b.sentences)
    aid = b.article.id
    row = []
    if n > 1:
        row.append(InlineKeyboardButton(_("− Shorter"), callback_data=f"len:{aid}:{n - 1}"))
    if n < min(MAX_SENTENCES, len(b.article.sentences)):
        row.append(InlineKeyboardButton(_("+ Longer"), callback_data=f"len:{aid}:{n + 1}"))
    if b.already_short:
        row = []  # the whole text is shown: nothing to shorten or lengthen
    extras = [InlineKeyboardButton(_("People, places, dates"), callback_data=f"who:{aid}")]
    if len(b.article.sentences) > 1:
        extras.append(InlineKeyboardButton("TL;DR", callback_data=f"tldr:{aid}"))
    return InlineKeyboardMarkup([row, extras] if row else [extras])


def tldr_message(t: Tldr) -> str:
    """The one-sentence brief, with the article's title."""
    title = esc(title_of(t.article.title, _("the article")))
    return f"<b>TL;DR</b> — <i>{title}</i>\n{esc(t.sentence)}"


def _quote_with_span(a: Answer) -> str:
    sentence = esc(a.sentence)
    if a.span:
        span = esc(a.span)
        pos = sentence.find(span)
        if pos >= 0:
            sentence = f"{sentence[:pos]}<b>{span}</b>{sentence[pos + len(span) :]}"
    return sentence


def reply_messages(r: Reply) -> list[str]:
    """An answer with its short answer bold and the sentence quoted; or 'the article doesn't say'."""
    title = esc(title_of(r.article.title, _("the article")))
    if r.answer is not None:
        blocks = []
        if r.answer.span:
            blocks += block(r.answer.span, "<b>{}</b>")
        if len(r.answer.sentence) <= _RAW_CHUNK:
            blocks.append(f"<blockquote>{_quote_with_span(r.answer)}</blockquote>")
        else:
            blocks += block(r.answer.sentence, "<blockquote>{}</blockquote>")
        blocks.append("<i>" + _("— from {title}").format(title=title) + "</i>")
        return pack(blocks)
    blocks = [_("The article doesn't say.") + f" <i>({title})</i>"]
    if r.closest is not None:
        blocks.append(_("Closest sentence, which may not answer it:"))
        blocks += block(r.closest.sentence, "<blockquote>{}</blockquote>")
    return pack(blocks)


def now_answering(title: str | None) -> list[str]:
    """/use's reply."""
    return pack(
        block(
            _("Now answering about: {title}").format(title=title_of(title, _("Untitled article")))
        )
    )


def mentions_messages(m: Mentions) -> list[str]:
    def line(label: str, items: list[str]) -> list[str]:
        return block(f"{label}: " + ("; ".join(items[:25]) if items else _("none found")))

    return pack(
        line(_("People"), m.people)
        + line(_("Organisations"), m.organisations)
        + line(_("Places"), m.places)
        + line(_("Dates"), m.dates)
        + line(_("Numbers"), m.numbers)
    )


def articles_messages(
    items: list[ArticleSummary], current_id: int | None, numbers: dict[int, int]
) -> list[str]:
    """Newest first, each with its number for good (1 = the first the chat saved)."""
    if not items:
        return [_("No articles here yet. Paste one, forward one, or send a link.")]
    blocks = ["<b>" + _("Your recent articles") + "</b>"]
    for a in items:
        mark = " ← " + _("current") if a.id == current_id else ""
        raw = (
            f"{numbers.get(a.id, '?')}. {title_of(a.title, _('Untitled'))} ({shorten(a.source, SOURCE_CHARS) or _('pasted')}, "
            f"{a.created_at:%Y-%m-%d %H:%M}){mark}"
        )
        blocks += block(raw)
    blocks.append("<i>" + _("/use N makes article N the one I answer about.") + "</i>")
    return pack(blocks)


def search_messages(words: str, hits: list[SearchHit], numbers: dict[int, int]) -> list[str]:
    if not hits:
        return [_("Nothing in your articles matches “{words}”.").format(words=esc(words[:100]))]
    blocks = ["<b>" + _("Found in your articles") + f"</b> (“{esc(words[:100])}”):"]
    for h in hits:
        number = numbers.get(h.article_id, "?")
        blocks += block(f"#{number} [{title_of(h.title, _('Untitled'))}] {h.sentence}", "• {}")
    return pack(blocks)


_TAG = re.compile(r"<[^>]+>")


def plain(html_text: str) -> str:
    """The visible text of an HTML message (for logs and tests)."""
    return html.unescape(_TAG.sub("", html_text))
