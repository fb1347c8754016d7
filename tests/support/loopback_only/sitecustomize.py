"""The network of a command-line test's subprocess: loopback only (put this folder on PYTHONPATH).

Python imports ``sitecustomize`` at start-up. Here it makes every connection to an address that is
not loopback go to the recording server named by ``SCRIBE_TEST_ELSEWHERE`` (``127.0.0.1:PORT``)
instead, as if every remote host were that server; names other than ``localhost`` do not
resolve (no DNS query leaves the machine). A test can thus see what the command would have sent
to ``http://192.0.2.10:8080/v1``, whether or not the HTTP client honours ``HTTP(S)_PROXY``, and
nothing ever leaves the machine, even from the code before a fix.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
from typing import Any

_ELSEWHERE = os.environ.get("SCRIBE_TEST_ELSEWHERE", "")
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo


def _ip(host: Any) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(str(host).strip("[]").split("%")[0])
    except ValueError:
        return None


def _routed(sock: socket.socket, address: Any) -> Any:
    if sock.family not in (socket.AF_INET, socket.AF_INET6) or not isinstance(address, tuple):
        return address
    ip = _ip(address[0])
    if ip is not None and ip.is_loopback:
        return address
    if not _ELSEWHERE or sock.family != socket.AF_INET:
        raise OSError(errno.ENETUNREACH, f"test network: {address[0]} is not loopback")
    host, _, port = _ELSEWHERE.rpartition(":")
    return (host, int(port))


def _connect_routed(self: socket.socket, address: Any) -> None:
    _connect(self, _routed(self, address))


def _connect_ex_routed(self: socket.socket, address: Any) -> int:
    return _connect_ex(self, _routed(self, address))


def _getaddrinfo_local(host: Any, *args: Any, **kwargs: Any) -> Any:
    name = host.decode() if isinstance(host, bytes) else host
    if name is None or _ip(name) is not None or str(name).lower() == "localhost":
        return _getaddrinfo(host, *args, **kwargs)
    raise socket.gaierror(socket.EAI_NONAME, f"test network: no DNS for {name}")


socket.socket.connect = _connect_routed  # type: ignore[method-assign]
socket.socket.connect_ex = _connect_ex_routed  # type: ignore[method-assign]
socket.getaddrinfo = _getaddrinfo_local
