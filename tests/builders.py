"""Builders for the articles the tests use (written for the project, not copied from news sites)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def pasted_page() -> str:
    """The sample: a news agency page copied whole, with its furniture (shipped with the bot)."""
    return resources.files("bot").joinpath("samples/pasted_page.txt").read_text(encoding="utf-8")


def blog_page() -> str:
    """A pasted page from another kind of site: breadcrumbs, share rows, newsletter prompts."""
    return (FIXTURES / "blog_page.txt").read_text(encoding="utf-8")


def plain_article(topic: str = "library", sentences: int = 8) -> str:
    """A plain multi-paragraph article about a made-up local event."""
    base = [
        f"The town council of Merriton voted on Monday to reopen the old {topic} on Mill Street.",
        f"The {topic} closed in 2019 after a storm damaged its roof.",
        "Repairs will cost about 2.3 million dollars, the council said.",
        "Councillor Rosa Vidal, who proposed the plan, said the building would open in May.",
        "Residents collected 4,500 signatures in support of the project last year.",
        "The work will be done by a firm from Ashby, a town 20 miles to the east.",
        "Some residents asked whether the money would be better spent on roads.",
        "The council will publish the final budget in the spring.",
    ]
    return "\n\n".join(base[:sentences])


def inquiry_story() -> str:
    """A made-up story with two people who both "found" something: a follow-up "What did she
    find?" has a different answer from "What did he find?"."""
    return "\n\n".join(
        [
            "The harbour authority of Port Ellis opened an inquiry in June after the ferry "
            "Northern Star ran aground near the old lighthouse.",
            "The inquiry was led by Judge Miriam Okafor, a former maritime lawyer.",
            "Okafor found that the captain had ignored two storm warnings from the coast guard.",
            "Her report, published on Monday, recommends new night training for every crew.",
            "The rival ferry line is run by Tomas Lind, who ordered a review of his own fleet.",
            "Lind found rusted lifeboat cranes on three of his ships, he told reporters.",
        ]
    )


def foreign_article(language: str) -> str:
    """A short news story written for the project in German ("de"), Russian ("ru") or Chinese
    ("zh"): a bridge, a library and a museum opened on 3 March 2026."""
    name = {"de": "artikel_de.txt", "ru": "statya_ru.txt", "zh": "wenzhang_zh.txt"}[language]
    return (FIXTURES / name).read_text(encoding="utf-8")
