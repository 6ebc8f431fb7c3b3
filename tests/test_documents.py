"""Reading files and page bytes: Markdown to text, HTML sniffing, charsets that cannot hurt."""

from __future__ import annotations

import pytest

from bot.documents import decode_text, looks_like_html, markdown_to_text


def test_markdown_becomes_its_words() -> None:
    md = (
        "# The Harbour Reopens #\n"
        "Text with **bold**, *stress*, _marked_, `code` and [a link](http://x.example).\n"
        "![a photo](photo.png)\n"
        "> a quoted line\n"
        "- a listed line\n"
        "---\n"
        "```\nprint('code is left out')\n```\n"
        "#hashtag and snake_case_name stay as written\n"
    )
    assert markdown_to_text(md).split("\n") == [
        "The Harbour Reopens",
        "Text with bold, stress, marked, code and a link.",
        "",
        "a quoted line",
        "a listed line",
        "",
        "#hashtag and snake_case_name stay as written",
        "",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "<!---->" * 40 + "<html><body><p>Hi</p></body></html>",
        '<?xml version="1.0"?>\n<!-- made by hand -->\n<!DOCTYPE html><p>x</p>',
        "\ufeff <html lang=en><p>x</p>",
    ],
)
def test_html_documents_are_recognised_after_comments(text: str) -> None:
    assert looks_like_html(text)


def test_comments_before_prose_are_not_a_document() -> None:
    assert not looks_like_html("<!----> " * 40 + "x")
    assert not looks_like_html("<!-- never closed " + "x" * 50)


@pytest.mark.parametrize(
    "charset", ["idna", "undefined", "utf-7", "unicode-escape", "x-no-such", "", None, "base64"]
)
def test_unusable_charsets_fall_back_to_utf8(charset: str | None) -> None:
    assert decode_text("Café +AGE- \\u0041".encode(), charset) == "Café +AGE- \\u0041"


def test_declared_charsets_are_used() -> None:
    assert decode_text("Café".encode("cp1252"), "windows-1252") == "Café"
    assert decode_text("Café".encode("latin-1"), " ISO-8859-1") == "Café"
