"""Where a request comes from: the client's address and port, as far as Envoy can trust them.

With no proxy in front (`NUM_PROXIES=0`, the default) the client is the peer of the
connection, `REMOTE_ADDR`. Behind `NUM_PROXIES` trusted proxies, each of which appends the
address it received the request from to `X-Forwarded-For`, the client is the entry the
outermost proxy added: the `NUM_PROXIES`-th from the right. Entries further left were sent by
the client and prove nothing. A value that is not an IP address gives `None`.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def ip_address_or_none(value: str | None) -> str | None:
    """`value` as a normalised IP address (a port or IPv6 brackets dropped), else None."""
    text = (value or "").strip()
    if text.startswith("["):  # [2001:db8::1]:443
        text, closed, _port = text[1:].partition("]")
        if not closed:
            return None
    elif text.count(":") == 1:  # 203.0.113.7:443
        text = text.partition(":")[0]
    text = text.partition("%")[0]  # an IPv6 zone is meaningless to anyone else
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def _forwarded_hop(request: HttpRequest, header: str) -> str | None:
    """The entry of a proxy-appended header that the outermost trusted proxy added."""
    proxies = settings.NUM_PROXIES
    if not proxies:
        return None
    hops = [hop.strip() for hop in request.headers.get(header, "").split(",") if hop.strip()]
    return hops[-min(proxies, len(hops))] if hops else None


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address: from the trusted proxies' `X-Forwarded-For` entry when Envoy
    runs behind proxies, from the connection otherwise; None when it is not an address."""
    forwarded = _forwarded_hop(request, "X-Forwarded-For")
    if forwarded is not None:
        return ip_address_or_none(forwarded)
    return ip_address_or_none(request.META.get("REMOTE_ADDR"))


def client_port(request: HttpRequest) -> int | None:
    """The client's port, the same way (`X-Forwarded-Port` behind proxies); None if unknown."""
    if settings.NUM_PROXIES:
        value = _forwarded_hop(request, "X-Forwarded-Port")
    else:
        value = request.META.get("REMOTE_PORT")
    try:
        port = int(str(value))
    except ValueError:
        return None
    return port if 0 < port < 65536 else None
