"""Where a webhook may be sent: an http(s) URL whose host resolves to public addresses only.

`target_of` is asked when an endpoint is registered and again before every attempt, and the
sender connects to the address it checked (never resolving the name a second time), so a name
that resolves elsewhere between the check and the connection (DNS rebinding) gains nothing.
Steps:
1. Parse the URL: http or https, a host, a valid port, no user name or password.
2. Resolve the host (an address literal stands for itself) to every IPv4 and IPv6 address.
3. Refuse the URL if any address is loopback, private, link-local, shared, reserved, multicast
   or unspecified, also when it is wrapped in an IPv6 one (IPv4-mapped, 6to4, Teredo), unless
   private targets are allowed.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from contract.errors import InvalidInput

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class TargetRefused(InvalidInput):
    """A URL a webhook may not be sent to, with the reason (as the `url` field's error)."""

    def __init__(self, reason: str):
        super().__init__({"url": [reason]})
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


@dataclass(frozen=True)
class Target:
    """A checked URL: the address to connect to, and the names the request must carry."""

    scheme: str
    host: str  # the name as written (IDNA-encoded), for the Host header and TLS
    port: int
    path: str  # path and query
    address: str  # the checked address the connection goes to

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


def _embedded(address: IPAddress) -> list[IPAddress]:
    """The IPv4 addresses an IPv6 one carries, then the address itself."""
    found: list[IPAddress] = []
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            found.append(address.ipv4_mapped)
        if address.sixtofour:
            found.append(address.sixtofour)
        if address.teredo:
            found.extend(address.teredo)
    return [*found, address]


def address_refusal(address: IPAddress) -> str | None:
    """What kind of address that is no place for a webhook this one is ("a loopback
    address"), or None for a public one."""
    for inner in _embedded(address):
        if inner.is_unspecified:
            return "an unspecified address"
        if inner.is_loopback:
            return "a loopback address"
        if inner.is_link_local:
            return "a link-local address"
        if inner.is_multicast:
            return "a multicast address"
        if inner.is_reserved:
            return "a reserved address"
        if inner.is_private:
            return "a private address"
        if not inner.is_global:
            return "a reserved address"
    return None


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise TargetRefused(f"The host {host} does not resolve.") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def target_of(url: str, *, allow_private: bool = False) -> Target:
    """The checked target of a URL; TargetRefused says why a URL is not one."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise TargetRefused("Not a valid URL.") from exc
    if parts.scheme not in ("http", "https"):
        raise TargetRefused("Only http:// and https:// URLs can receive webhooks.")
    if "@" in parts.netloc or parts.username is not None or parts.password is not None:
        raise TargetRefused("A webhook URL may not hold a user name or password.")
    if not parts.hostname:
        raise TargetRefused("The URL names no host.")
    host = parts.hostname
    try:
        host = host.encode("idna").decode("ascii") if not _is_literal(host) else host
    except UnicodeError as exc:
        raise TargetRefused(f"The host {parts.hostname} is not a valid name.") from exc
    port = port or (443 if parts.scheme == "https" else 80)
    addresses = [host] if _is_literal(host) else _resolve(host, port)
    if not addresses:
        raise TargetRefused(f"The host {host} does not resolve.")
    if not allow_private:
        for address in addresses:
            kind = address_refusal(ipaddress.ip_address(address.split("%")[0]))
            if kind:
                where = f"{host} is" if address == host else f"{host} resolves to {address},"
                raise TargetRefused(f"{where} {kind}: webhooks go to public addresses only.")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(parts.scheme, host, port, path, addresses[0])


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
