"""OPML: reading what feed readers export, writing what they import."""

from __future__ import annotations

import pytest

from bot.errors import NotText, TooLarge
from bot.opml import NoFeeds, OpmlFeed, build_opml, looks_like_opml, parse_opml

READER_EXPORT = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="News" title="News">
      <outline type="rss" text="Valley Courier" title="Valley Courier"
               xmlUrl="https://courier.example/feed.xml" htmlUrl="https://courier.example/"/>
      <outline type="rss" text="Harbour Gazette" xmlUrl="https://gazette.example/rss"/>
    </outline>
    <outline text="A bookmark, not a feed" htmlUrl="https://elsewhere.example/"/>
    <outline type="rss" text="Same again" xmlUrl="https://courier.example/feed.xml"/>
  </body>
</opml>
"""


def test_feeds_are_read_from_nested_outlines_once_each() -> None:
    feeds = parse_opml(READER_EXPORT)
    assert feeds == [
        OpmlFeed("https://courier.example/feed.xml", "Valley Courier"),
        OpmlFeed("https://gazette.example/rss", "Harbour Gazette"),
    ]


def test_what_is_written_reads_back_with_titles_and_filters() -> None:
    feeds = [
        OpmlFeed("https://courier.example/feed.xml", "Valley Courier & Post", "+flood -football"),
        OpmlFeed("https://gazette.example/rss", None),
    ]
    data = build_opml(feeds, title="articlebot feeds")
    assert data.startswith(b"<?xml") and b"<opml" in data
    assert parse_opml(data) == feeds
    assert looks_like_opml(data)
    assert looks_like_opml(b"anything", "subs.OPML")
    assert not looks_like_opml(b"<html><body>Not OPML</body></html>")


def test_entities_and_dtds_are_refused_before_parsing() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><opml><body>'
        b'<outline xmlUrl="https://x.example/&b;"/></body></opml>'
    )
    with pytest.raises(NotText, match="DTD"):
        parse_opml(bomb)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"<opml><body><outline text='no feed'/></body></opml>", NoFeeds),
        (b"<opml><body><outline", NotText),
        (b"<rss><channel/></rss>", NotText),
        (b"<opml>" + b" " * 1_000_001 + b"</opml>", TooLarge),
    ],
)
def test_files_that_are_not_usable_opml_get_a_message(data: bytes, error: type) -> None:
    with pytest.raises(error):
        parse_opml(data)


def test_a_file_with_too_many_feeds_is_refused() -> None:
    outlines = b"".join(b'<outline xmlUrl="https://f%d.example/rss"/>' % i for i in range(501))
    with pytest.raises(TooLarge, match="500"):
        parse_opml(b"<opml><body>" + outlines + b"</body></opml>")
