"""A server address as the doctor typed it, taken apart for the HTTP client, and where it points.

``split_address`` separates what the ``openai`` client must receive separately: the base URL
(scheme, host, port, path), the query parameters (``?api-key=...``, ``?api-version=...``, sent with
every request as ``default_query`` rather than glued into the path) and the credentials of
``https://user:password@host`` (sent as a Basic ``Authorization`` header, never in the URL that
the HTTP library logs). ``host_of`` is what messages may name. ``is_local_url`` says whether an
address is this computer, and ``refuse_if_not_local`` holds "local only" against any address.
"""

from __future__ import annotations

import base64
import ipaddress
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

from desktop.errors import LocalOnlyRefused


@dataclass(frozen=True)
class ServerAddress:
    base_url: str  # scheme://host[:port]/path: no credentials, query or fragment
    query: dict[str, str] = field(default_factory=dict)
    username: str = ""
    password: str = ""

    def auth_headers(self) -> dict[str, str]:
        """The Basic ``Authorization`` header for the address's credentials ({} without)."""
        if not (self.username or self.password):
            return {}
        pair = f"{self.username}:{self.password}".encode()
        return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}


def split_address(url: str) -> ServerAddress:
    text = url.strip()
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:  # an address the client will refuse with its own message
        return ServerAddress(text.rstrip("/"))
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None else f"{host}:{port}"
    base = urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))
    return ServerAddress(
        base_url=base,
        query=dict(parse_qsl(parts.query, keep_blank_values=True)),
        username=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
    )


def host_of(url: str) -> str:
    """The address's host and port, for a message: never its credentials or query."""
    try:
        netloc = urlsplit(url.strip()).netloc
    except ValueError:
        netloc = ""
    return netloc.rpartition("@")[2] or url.partition("?")[0].rpartition("@")[2]


def is_loopback_host(host: str) -> bool:
    """True when ``host`` names this computer (localhost, 127.0.0.0/8, ::1)."""
    name = host.strip().strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_local_url(url: str) -> bool:
    """True when the address is this machine (loopback), so the transcript stays here."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return False
    return is_loopback_host(host)


def refuse_if_not_local(local_only: bool, url: str) -> None:
    """'Local only' holds even against a hand-edited settings file or a command-line address."""
    if local_only and not is_local_url(url):
        raise LocalOnlyRefused(
            "“Local only” is on, and the server chosen in Settings is not on this computer: "
            "nothing was sent. Choose a local server, or turn “Local only” off."
        )
