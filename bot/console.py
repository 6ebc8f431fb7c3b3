"""`articlebot chat`: the console front end, over the same service and database as the bot."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
from typing import TextIO

from bot import language
from bot.errors import ArticlebotError, NoArticle
from bot.intent import Intent, classify, find_url
from bot.numbers import parse_number
from bot.service import Brief, Reply, Service, TooShort
from bot.settings import Settings
from bot.terminal import PipeReader, TerminalReader, reader_for

log = logging.getLogger(__name__)
CONSOLE_CHAT_ID = 0
PROMPT = "› "
BLOCK_PROMPT = "… "
HELP = """\
Paste an article and press Enter (or type /paste, paste or type it, then /end), or give a link.
Then ask about it: who, what, where, when, how many.
Ctrl-C cancels what you are typing or waiting for; Ctrl-D (or Ctrl-C twice) quits.
Commands:
  /summary [N]      brief the current article again (N sentences)   /tldr   in one sentence
  /articles         list your articles      /use N    switch to article N
  /search WORDS     search your articles    /people   people, places and dates it mentions
  /settings [sentences N | method NAME | timezone ZONE]
  /paste … /end     take everything between as one article
  /forget yes       delete everything       /help     this text     /quit   leave
"""
# What the console says instead of the service's words, which are written for chat apps.
CONSOLE_WORDING: dict[type[ArticlebotError], str] = {
    NoArticle: "There is no article here yet. Paste one, or give a link, first.",
    TooShort: (
        "That's too short to brief. Paste a whole article (or use /paste … /end), "
        "or give a link, then ask me about it."
    ),
}


class Console:
    """Reads lines, tells pastes from questions and commands, and prints the service's replies."""

    def __init__(self, service: Service, out: TextIO = sys.stdout) -> None:
        self.service = service
        self.out = out
        self.chat = CONSOLE_CHAT_ID

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def show_brief(self, b: Brief) -> None:
        a = b.article
        if b.duplicate:
            self.say("(You sent this article before; here it is again.)")
        self.say(a.title or "Untitled article")
        meta = [
            p for p in (a.source, f"by {a.byline}" if a.byline else None, a.place, a.published) if p
        ]
        meta.append(f"{b.reading_minutes} min read · article #{b.number}")
        if a.language != "en" and (lang := language.name(a.language)):
            meta.append(lang)
        self.say(" · ".join(meta))
        if b.already_short:
            self.say("(This is already short, so here it is as it is.)")
        for s in b.sentences:
            self.say(f" • {s}")
        self.say("Ask me about it: who, what, where, when, how many.")

    def show_reply(self, r: Reply) -> None:
        if r.answer is not None:
            if r.answer.span:
                self.say(f"→ {r.answer.span}")
            self.say(f"  “{r.answer.sentence}”")
        else:
            self.say("The article doesn't say.")
            if r.closest is not None:
                self.say(f"  Closest sentence (not an answer): “{r.closest.sentence}”")

    def tell(self, exc: ArticlebotError) -> None:
        self.say(CONSOLE_WORDING.get(type(exc), str(exc)))

    async def handle(self, text: str, *, pasted: bool = False) -> bool:
        """Handle one input (a command, question, link or article); False to quit.

        A paste of several lines is an article (or a link), never a question.
        """
        text = text.strip()
        if not text:
            return True
        try:
            if text.startswith("/") and not pasted:
                return await self.command(text)
            intent = classify(text)
            if pasted and intent is not Intent.LINK:
                intent = Intent.ARTICLE
            if intent is Intent.LINK:
                url = find_url(text) or text
                self.say(f"Fetching {url} …")
                self.show_brief(await self.service.add_url(self.chat, url))
            elif intent is Intent.ARTICLE:
                self.show_brief(await self.service.add_text(self.chat, text, origin="console"))
            elif intent is Intent.GREETING:
                self.say("Hello! Paste an article or a link, then ask me about it. /help for more.")
            else:
                self.show_reply(await self.service.ask(self.chat, text))
        except ArticlebotError as exc:
            self.tell(exc)
        except Exception:
            log.exception("console: unexpected error handling input")
            self.say("Sorry, something went wrong with that. Your saved articles are safe.")
        return True

    async def command(self, text: str) -> bool:
        name, _, rest = text.partition(" ")
        name, rest = name.lower(), rest.strip()
        s = self.service
        if name in ("/quit", "/exit", "/q"):
            return False
        if name in ("/help", "/start"):
            self.say(HELP)
        elif name == "/summary":
            n = parse_number(rest)
            if rest and n is None:
                self.say("Usage: /summary [N]")
            else:
                self.show_brief(await s.brief(self.chat, sentences=n))
        elif name == "/ask":
            self.show_reply(await s.ask(self.chat, rest))
        elif name == "/tldr":
            self.say(f"TL;DR: {(await s.tldr(self.chat)).sentence}")
        elif name == "/articles":
            items = await s.articles(self.chat)
            if not items:
                self.say("No articles yet.")
            numbers = await s.article_numbers(self.chat, [a.id for a in items])
            for a in items:
                self.say(
                    f"{numbers.get(a.id, '?')}. {a.title or 'Untitled'} "
                    f"({a.source or 'pasted'}, {a.created_at:%Y-%m-%d %H:%M})"
                )
        elif name == "/use":
            if parse_number(rest) is None:
                self.say("Usage: /use N (the number from /articles)")
            else:
                chosen = await s.use(self.chat, parse_number(rest) or 0)
                self.say(f"Now asking about: {chosen.title or 'Untitled article'}")
        elif name == "/search":
            hits = await s.search(self.chat, rest)
            if not hits:
                self.say("Nothing found.")
            numbers = await s.article_numbers(self.chat, [h.article_id for h in hits])
            for h in hits:
                self.say(
                    f"• #{numbers.get(h.article_id, '?')} [{h.title or 'Untitled'}] {h.sentence}"
                )
        elif name in ("/people", "/mentions"):
            m = await s.mentions(self.chat)
            self.say(f"People: {', '.join(m.people) or '—'}")
            self.say(f"Organisations: {', '.join(m.organisations) or '—'}")
            self.say(f"Places: {', '.join(m.places) or '—'}")
            self.say(f"Dates: {', '.join(m.dates) or '—'}")
        elif name == "/settings":
            await self.settings(rest)
        elif name == "/forget":
            if rest.lower() != "yes":
                self.say(
                    "This deletes every article and question kept here. Type /forget yes to confirm."
                )
            else:
                n = await s.forget(self.chat)
                self.say(f"Forgot everything: {n} article(s) deleted.")
        else:
            self.say(f"Unknown command {name}. /help lists them.")
        return True

    async def settings(self, rest: str) -> None:
        parts = rest.split()
        s = self.service
        if len(parts) == 2 and parts[0] in ("sentences", "method", "timezone", "language"):
            key, value = parts
            if key == "sentences":
                if parse_number(value) is None:
                    self.say("Usage: /settings sentences N")
                    return
                await s.update_settings(self.chat, sentences=parse_number(value))
            elif key == "method":
                await s.update_settings(self.chat, method=value)
            elif key == "language":
                await s.update_settings(self.chat, language=value)
            else:
                await s.update_settings(self.chat, timezone=value)
        elif parts:
            self.say(
                "Usage: /settings [sentences N | method NAME | timezone ZONE | language CODE|auto]"
            )
            return
        cur = await s.chat_settings(self.chat)
        self.say(
            f"Brief length: {cur.sentences} sentences · summarizer: {cur.method or 'default'} · "
            f"time zone: {cur.timezone} · language: {language.name(cur.language) or 'auto'}"
        )


GREETING = (
    "articlebot — paste an article or give a link, then ask about it. /help for commands, "
    "Ctrl-D to quit."
)


def converse(console: Console, reader: TerminalReader | PipeReader, runner: asyncio.Runner) -> None:
    """Read and answer messages until /quit, end of input, or Ctrl-C twice in a row.

    Input is read on the main thread (readline and Ctrl-C need it); each message is handled as
    one task on the runner's loop, so Ctrl-C cancels just that task.
    """
    interrupted = False
    while True:
        try:
            message = reader.read(PROMPT)
            if message is not None and message.text.strip().lower() == "/paste":
                console.say("Paste or type the article, then a line with /end.")
                message = reader.read_block(BLOCK_PROMPT)
        except KeyboardInterrupt:
            if interrupted:
                return
            interrupted = True
            console.say("\n(Cancelled. Ctrl-C again or Ctrl-D to quit.)")
            continue
        if message is None:
            return
        interrupted = False
        try:
            if not runner.run(console.handle(message.text, pasted=message.pasted)):
                return
        except KeyboardInterrupt:
            interrupted = True
            console.say("\n(Stopped. Ctrl-C again or Ctrl-D to quit.)")


def run_chat(settings: Settings) -> int:
    """Run the console conversation until /quit, end of input, Ctrl-D or a second Ctrl-C."""
    service = Service.open(settings)
    console = Console(service)
    try:
        reader = reader_for(sys.stdin, sys.stdout)
        console.say(GREETING)
        with asyncio.Runner() as runner:
            converse(console, reader, runner)
    finally:
        service.close()
    console.say("Bye.")
    # A brief or an extraction still running in a worker thread must not hold up quitting: the
    # database is closed, so nothing is lost by not waiting for it.
    if any(
        t.is_alive() and not t.daemon
        for t in threading.enumerate()
        if t is not threading.main_thread()
    ):
        sys.stderr.flush()
        os._exit(0)
    return 0
