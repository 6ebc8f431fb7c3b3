"""The address guard: URL forms, numeric host spellings, private ranges and resolved names."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

import pytest

from bot.addresses import (
    AddressGuard,
    check_url,
    is_public_ip,
    parse_ip,
    parse_numeric_ipv4,
    resolve_and_check,
)
from bot.errors import BlockedAddress, FetchError


def fake_resolver(table: dict[str, Sequence[str]]):
    calls: list[tuple[str, int]] = []

    def resolve(host: str, port: int) -> list[str]:
        calls.append((host, port))
        if host not in table:
            raise OSError(f"no such name {host}")
        return list(table[host])

    resolve.calls = calls  # type: ignore[attr-defined]
    return resolve


def no_dns(host: str, port: int) -> list[str]:
    raise AssertionError(f"unexpected DNS lookup of {host}")


PRIVATE_HOSTS = [
    "127.0.0.1",
    "127.0.0.2",
    "localhost",
    "LOCALHOST",
    "localhost.",
    "api.localhost",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "169.254.0.1",
    "0.0.0.0",
    "0",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "100.64.0.1",
    "100.127.255.254",
    "2130706433",
    "0177.0.0.1",
    "0x7f000001",
    "0x7f.0.0.1",
    "0x7F.1",
    "127.1",
    "127.0.1",
    "017700000001",
    "0xa.0.0.1",
    "012.0.0.1",
    "167772161",
    "[::1]",
    "[::]",
    "[fc00::1]",
    "[fd12:3456::1]",
    "[fe80::1]",
    "[fe80::1%25eth0]",
    "[ff02::1]",
    "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]",
    "[::ffff:10.0.0.1]",
    "[::ffff:169.254.169.254]",
    "[2002:7f00:1::]",
    "[2002:a00:1::1]",
    "[2001:0:4136:e378:8000:63bf:80ff:fffe]",
    "[64:ff9b::7f00:1]",
    "[64:ff9b::a9fe:a9fe]",
]


@pytest.mark.parametrize("host", PRIVATE_HOSTS)
@pytest.mark.parametrize("port", ["", ":8080"])
def test_private_hosts_are_refused(host: str, port: str) -> None:
    with pytest.raises(BlockedAddress) as info:
        check_url(f"http://{host}{port}/path", allow_private=False, resolver=no_dns)
    assert "\n" not in str(info.value) and str(info.value)


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "10.0.0.5", "[::1]", "2130706433", "0177.0.0.1", "127.1"]
)
def test_allow_private_lets_local_hosts_through(host: str) -> None:
    check_url(
        f"http://{host}/", allow_private=True, resolver=fake_resolver({"localhost": ["127.0.0.1"]})
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://8.8.8.8/",
        "https://1.1.1.1:8443/news?id=1",
        "http://[2606:4700:4700::1111]/",
        "http://[2002:808:808::1]/",  # 6to4 of a public address
        "http://134744072/",  # 8.8.8.8 as one number
    ],
)
def test_public_literals_pass(url: str) -> None:
    check_url(url, allow_private=False, resolver=no_dns)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://8.8.8.8/file",
        "gopher://8.8.8.8/",
        "javascript:alert(1)",
        "data:text/html,<p>hi</p>",
        "//8.8.8.8/",
        "8.8.8.8/path",
        "http:///path",
        "http://",
        "https://:443/",
        "http://user@8.8.8.8/",
        "http://user:pass@8.8.8.8/",
        "http://8.8.8.8@127.0.0.1/",
        "http://127.0.0.1\\@8.8.8.8/",
        "http://8.8.8.8\\@127.0.0.1/",
        "http://127.0.0.1%2f@8.8.8.8/",
        "http://8.8.8.8 /",
        "http://8.8.8.8/\nHost: 127.0.0.1",
        "http://%31%32%37.0.0.1/",
        "http://[::1/",
        "http://8.8.8.8:99999/",
    ],
)
def test_bad_url_forms_are_refused_even_when_private_allowed(url: str) -> None:
    for allow in (False, True):
        with pytest.raises(BlockedAddress):
            check_url(url, allow_private=allow, resolver=no_dns)


def test_name_resolving_to_private_address_is_refused() -> None:
    resolver = fake_resolver({"evil.example.test": ["10.0.0.5"]})
    with pytest.raises(BlockedAddress):
        check_url("http://evil.example.test/", allow_private=False, resolver=resolver)
    assert resolver.calls == [("evil.example.test", 80)]  # type: ignore[attr-defined]


def test_every_resolved_address_is_checked() -> None:
    resolver = fake_resolver({"mixed.example.test": ["93.184.216.34", "2606:2800::1", "127.0.0.1"]})
    with pytest.raises(BlockedAddress):
        check_url("https://mixed.example.test/", allow_private=False, resolver=resolver)


def test_public_name_passes_and_is_looked_up_without_trailing_dot() -> None:
    resolver = fake_resolver({"news.example.test": ["93.184.216.34", "2606:2800::1"]})
    check_url("https://News.Example.Test./a", allow_private=False, resolver=resolver)
    assert resolver.calls == [("news.example.test", 443)]  # type: ignore[attr-defined]


def test_unknown_name_is_a_fetch_error_not_a_crash() -> None:
    with pytest.raises(FetchError) as info:
        check_url("http://nowhere.example.test/", allow_private=False, resolver=fake_resolver({}))
    assert not isinstance(info.value, BlockedAddress)
    assert "nowhere.example.test" in str(info.value)


def test_trusted_hosts_skip_address_checks_for_that_name_only() -> None:
    resolver = fake_resolver(
        {"news.example.test": ["127.0.0.1"], "evil.example.test": ["127.0.0.1"]}
    )
    guard = AddressGuard(resolver=resolver, trusted_hosts={"news.example.test"})
    assert guard.resolve("news.example.test", 80) == ["127.0.0.1"]
    with pytest.raises(BlockedAddress):
        guard.resolve("evil.example.test", 80)
    with pytest.raises(BlockedAddress):
        guard.check_url("http://127.0.0.1/")  # a literal is never trusted


async def test_resolve_and_check_async() -> None:
    resolver = fake_resolver(
        {"news.example.test": ["93.184.216.34", "93.184.216.34", "2606:2800::1"]}
    )
    got = await resolve_and_check("news.example.test", 443, False, resolver=resolver)
    assert got == ["93.184.216.34", "2606:2800::1"]
    with pytest.raises(BlockedAddress):
        await resolve_and_check("127.1", 80, False, resolver=no_dns)
    with pytest.raises(BlockedAddress):
        await resolve_and_check("[::ffff:127.0.0.1]", 80, False, resolver=no_dns)
    evil = fake_resolver({"evil.example.test": ["10.0.0.5"]})
    with pytest.raises(BlockedAddress):
        await resolve_and_check("evil.example.test", 80, False, resolver=evil)
    assert await resolve_and_check("evil.example.test", 80, True, resolver=evil) == ["10.0.0.5"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0x7f.0.0.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("1.2.3", "1.2.0.3"),
        ("0", "0.0.0.0"),
        ("8.8.8.8.", "8.8.8.8"),
        ("256.1.1.1", None),
        ("1.2.3.4.5", None),
        ("4294967296", None),
        ("09.1.1.1", None),
        ("example.com", None),
        ("1e3", None),
        ("", None),
    ],
)
def test_parse_numeric_ipv4(text: str, expected: str | None) -> None:
    got = parse_numeric_ipv4(text)
    assert (str(got) if got is not None else None) == expected


def test_parse_ip_and_is_public() -> None:
    assert parse_ip("[::1]") == ipaddress.IPv6Address("::1")
    assert parse_ip("news.example.test") is None
    assert is_public_ip(ipaddress.ip_address("93.184.216.34"))
    assert not is_public_ip(ipaddress.ip_address("192.0.0.8"))
    assert not is_public_ip(ipaddress.ip_address("198.18.0.1"))
