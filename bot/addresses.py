"""Address guard: refuse links to private, loopback or otherwise non-public hosts, in any spelling,
checking every address a name resolves to."""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bot.errors import BlockedAddress, FetchError
from bot.i18n import N_

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]
"""Turns (host, port) into IP address strings; blocking, so the async path runs it in a thread."""

ALLOWED_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}

_BAD_CHARS = re.compile(r"[\x00-\x20\x7f\\]")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_NOT_GLOBAL_V4 = (
    ipaddress.ip_network("100.64.0.0/10"),  # carrier-grade NAT
    ipaddress.ip_network("192.0.0.0/24"),  # IETF protocol assignments
)
_NUMERIC_PART = re.compile(r"(0x[0-9a-f]*|0[0-7]*|[1-9][0-9]*)", re.IGNORECASE)

_REFUSED = N_("I can only read links to public websites, not to private or local addresses.")


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host (IPv4 and IPv6), without duplicates."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    out: list[str] = []
    for info in infos:
        ip = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
        if ip not in out:
            out.append(ip)
    return out


def parse_numeric_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """Read a host the way inet_aton does: 127.1, 2130706433, 0x7f000001, 0177.0.0.1, 0x7f.0.0.1."""
    parts = host.split(".")
    if parts and parts[-1] == "":
        parts = parts[:-1]  # a trailing dot is allowed
    if not 1 <= len(parts) <= 4:
        return None
    values: list[int] = []
    for part in parts:
        if not _NUMERIC_PART.fullmatch(part):
            return None
        if part[:2].lower() == "0x":
            values.append(int(part[2:] or "0", 16))
        elif len(part) > 1 and part.startswith("0"):
            values.append(int(part, 8))
        else:
            values.append(int(part))
    # All but the last part are single bytes; the last fills the remaining bytes.
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (4 - len(head)):
        return None
    number = 0
    for v in head:
        number = number << 8 | v
    number = number << (8 * (4 - len(head))) | last
    return ipaddress.IPv4Address(number)


def parse_ip(host: str) -> IPAddress | None:
    """The address a host literal stands for (any IPv4 spelling, or IPv6), or None for a name."""
    host = host.strip("[]")
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return None
    return parse_numeric_ipv4(host)


def is_public_ip(ip: IPAddress) -> bool:
    """True when ip is a globally routable unicast address, looking inside IPv6 embeddings."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded: ipaddress.IPv4Address | None = None
        if ip.ipv4_mapped is not None:
            embedded = ip.ipv4_mapped
        elif ip.sixtofour is not None:
            embedded = ip.sixtofour
        elif ip.teredo is not None:
            server, client = ip.teredo
            if not (is_public_ip(server) and is_public_ip(client)):
                return False
        elif ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        elif ip in _NAT64_LOCAL:
            return False
        if embedded is not None and not is_public_ip(embedded):
            return False
    elif any(ip in net for net in _NOT_GLOBAL_V4):
        return False
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local)
        or not ip.is_global
    )


def _is_local_name(host: str) -> bool:
    return host == "localhost" or host.endswith(".localhost")


@dataclass(frozen=True)
class Target:
    """Where a checked URL points: scheme, lowercase host (no brackets), port, and the IP if literal."""

    scheme: str
    host: str
    port: int
    ip: IPAddress | None


@dataclass(frozen=True)
class AddressGuard:
    """The policy for which hosts may be fetched.

    allow_private lifts the address rules (the scheme, host and userinfo rules stay). resolver
    replaces DNS (tests). trusted_hosts are names whose resolved addresses are not checked: an
    operator allow-list, and the way tests let a loopback server stand in for a public site.
    """

    allow_private: bool = False
    resolver: Resolver = system_resolver
    trusted_hosts: Collection[str] = field(default_factory=frozenset)

    def check_form(self, url: str) -> Target:
        """Check the URL's scheme, host and userinfo, and a literal IP host; no DNS lookups."""
        if _BAD_CHARS.search(url):
            raise BlockedAddress(
                "That link contains spaces or characters a web address cannot have."
            )
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise BlockedAddress("That link is not a valid web address.") from exc
        scheme = parts.scheme.lower()
        if scheme not in ALLOWED_SCHEMES:
            raise BlockedAddress("I can only read http:// and https:// links.")
        if "@" in parts.netloc:
            raise BlockedAddress("I don't open links with a user name or password in them.")
        host = (parts.hostname or "").rstrip(".")
        if not host:
            raise BlockedAddress("That link has no website name in it.")
        if "%" in host and not host.startswith("["):
            raise BlockedAddress("That link's website name is not valid.")
        ip = parse_ip(host)
        target = Target(scheme, host.strip("[]"), port or DEFAULT_PORTS[scheme], ip)
        if self.allow_private:
            return target
        if ip is not None:
            if not is_public_ip(ip):
                raise BlockedAddress(_REFUSED)
        elif _is_local_name(host):
            raise BlockedAddress(_REFUSED)
        return target

    def check_addresses(self, host: str, addresses: Sequence[str]) -> list[str]:
        """Return the addresses if every one of them may be used for host, else raise."""
        out: list[str] = []
        for text in addresses:
            ip = parse_ip(text)
            if ip is None:
                raise BlockedAddress(_REFUSED)
            if not self.allow_private and host not in self.trusted_hosts and not is_public_ip(ip):
                raise BlockedAddress(_REFUSED)
            if str(ip) not in out:
                out.append(str(ip))
        if not out:
            raise FetchError("I couldn't find the website {host}.", host=host)
        return out

    def _literal_or_local(self, host: str) -> list[str] | None:
        host = host.strip("[]").rstrip(".").lower()
        ip = parse_ip(host)
        if ip is not None:
            if not self.allow_private and not is_public_ip(ip):
                raise BlockedAddress(_REFUSED)
            return [str(ip)]
        if not self.allow_private and _is_local_name(host):
            raise BlockedAddress(_REFUSED)
        return None

    def resolve(self, host: str, port: int) -> list[str]:
        """Resolve host (blocking) and check every address; returns the addresses to connect to."""
        literal = self._literal_or_local(host)
        if literal is not None:
            return literal
        name = host.rstrip(".").lower()
        try:
            found = self.resolver(name, port)
        except (OSError, UnicodeError) as exc:
            raise FetchError("I couldn't find the website {host}.", host=name) from exc
        return self.check_addresses(name, found)

    async def resolve_async(self, host: str, port: int) -> list[str]:
        """resolve(), with the lookup run in a thread so the event loop keeps going."""
        literal = self._literal_or_local(host)
        if literal is not None:
            return literal
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self.resolve, host, port)

    def check_url(self, url: str) -> Target:
        """check_form(), then resolve the host and check every address (blocking)."""
        target = self.check_form(url)
        self.resolve(target.host, target.port)
        return target


def check_url(url: str, *, allow_private: bool, resolver: Resolver | None = None) -> None:
    """Raise BlockedAddress unless url is an http(s) link to a public host (resolving it)."""
    guard = AddressGuard(allow_private=allow_private, resolver=resolver or system_resolver)
    guard.check_url(url)


async def resolve_and_check(
    host: str, port: int, allow_private: bool, *, resolver: Resolver | None = None
) -> list[str]:
    """Resolve host in a thread and check every address; returns them for connecting."""
    guard = AddressGuard(allow_private=allow_private, resolver=resolver or system_resolver)
    return await guard.resolve_async(host, port)
