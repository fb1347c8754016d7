"""The check of the consultation history (the encounter database): does it open, is it whole
(``PRAGMA integrity_check``), is it encrypted, and can it be read with the key in the keychain.

Read only: the file is opened read-only (``immutable`` when no Scribe has it open) and nothing is
created, repaired or set aside here (the app does that when it opens the store). Says plainly
when the history is stored unencrypted because there is no keychain.

Threads: runs on the doctor's worker thread (a large history takes a second to check).
"""

from __future__ import annotations

import base64
import binascii
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop.doctor.result import CheckResult, Status
from desktop.errors import ScribeError
from desktop.secrets import STORE_KEY, Secrets
from desktop.store.crypto import KEY_BYTES, PLAIN, RowCipher
from desktop.store.schema import SCHEMA_VERSION
from desktop.store.sqlite_file import KEY_CHECK, KEY_CHECK_TEXT

_ERRORS_SHOWN = 5

KEYCHAIN_FIX = (
    "Install or unlock a keychain (GNOME Keyring or KWallet on Linux), then restart Scribe: new "
    "consultations are then encrypted."
)
SET_ASIDE_FIX = (
    "Start Scribe: it keeps the damaged file aside and saves the consultations it can still read "
    "into a new history."
)


@dataclass(frozen=True)
class _Found:
    encounters: int
    sealed: bool  # the history carries the key check: it is encrypted
    plain_rows: int  # segments and documents stored unencrypted
    key_opens: bool | None  # the keychain's key opens the key check (None: no key to try)


def check_database(path: Path, secrets: Secrets) -> CheckResult:
    key = _keychain_key(secrets)
    if not path.exists():
        if key is None:
            return _result(
                Status.WARN,
                "unencrypted",
                "There is no consultation history yet, and it will be stored unencrypted on "
                "this computer because there is no keychain.",
                KEYCHAIN_FIX,
            )
        return _result(Status.PASS, "new", "There is no consultation history yet.")
    if path.is_file() and path.stat().st_size == 0:
        return _result(
            Status.WARN,
            "empty",
            f"The consultation history {path.name} is an empty file (0 bytes).",
            "Start Scribe: it keeps the empty file aside and starts a new history.",
        )
    try:
        found = _inspect(path, key)
    except _Damaged as damaged:
        return _result(
            Status.FAIL,
            "damaged",
            f"The consultation history {path.name} is damaged ({damaged.detail}).",
            SET_ASIDE_FIX,
        )
    except _Newer:
        return _result(
            Status.WARN,
            "newer",
            f"The consultation history {path.name} was written by a newer version of Scribe.",
            "Install the newer version of Scribe again, or start this one: it keeps the file "
            "aside and starts a new history.",
        )
    except sqlite3.Error as exc:
        return _result(
            Status.FAIL,
            "unreadable",
            f"The consultation history {path.name} cannot be opened ({_reason(exc)}).",
            "Make the data folder and its files readable and writable for your user account.",
        )
    return _verdict(found, key)


def _verdict(found: _Found, key: bytes | None) -> CheckResult:
    count = f"{found.encounters} consultation(s)"
    if key is None and found.sealed:
        return _result(
            Status.WARN,
            "locked",
            f"The consultation history ({count}) is encrypted, but its key is not available "
            "because there is no keychain: earlier consultations cannot be read, and new ones "
            "would be stored unencrypted.",
            KEYCHAIN_FIX,
        )
    if key is None:
        return _result(
            Status.WARN,
            "unencrypted",
            f"The consultation history ({count}) is stored unencrypted on this computer, "
            "because there is no keychain.",
            KEYCHAIN_FIX,
        )
    if found.key_opens is False:
        return _result(
            Status.WARN,
            "wrong_key",
            f"The consultation history ({count}) is encrypted with a key that is no longer in "
            "the keychain: it cannot be read.",
            "Restore the keychain that held Scribe's key, or start Scribe: it keeps the file "
            "aside and starts a new history.",
        )
    if found.plain_rows:
        return _result(
            Status.WARN,
            "partly_unencrypted",
            f"The consultation history ({count}) is readable; {found.plain_rows} of its "
            "records were stored unencrypted, before a keychain was available.",
            "Delete the older consultations in the history once they are no longer needed.",
        )
    return _result(Status.PASS, "ok", f"The consultation history ({count}) is whole and encrypted.")


class _Damaged(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class _Newer(Exception):
    pass


def _inspect(path: Path, key: bytes | None) -> _Found:
    conn = _read_only(path)
    try:
        try:
            rows = conn.execute(f"PRAGMA integrity_check({_ERRORS_SHOWN})").fetchall()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and _reason(exc) not in (
                "SQLITE_CORRUPT",
                "SQLITE_NOTADB",
            ):
                raise
            raise _Damaged(_reason(exc)) from None
        problems = [str(r[0]) for r in rows]
        if problems != ["ok"]:
            raise _Damaged(f"{len(problems)} problem(s) found, first: {problems[0][:80]}")
        if int(conn.execute("PRAGMA user_version").fetchone()[0]) > SCHEMA_VERSION:
            raise _Newer
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"meta", "encounters", "segments", "documents"} <= tables:
            return _Found(0, False, 0, None)
        encounters = int(conn.execute("SELECT count(*) FROM encounters").fetchone()[0])
        check = conn.execute("SELECT value FROM meta WHERE key = ?", (KEY_CHECK,)).fetchone()
        plain = sum(
            int(
                conn.execute(
                    f"SELECT count(*) FROM {t} WHERE substr(text, 1, 1) = ?", (PLAIN,)
                ).fetchone()[0]
            )
            for t in ("segments", "documents")
        )
    finally:
        conn.close()
    return _Found(encounters, check is not None, plain, _opens(key, check))


def _read_only(path: Path) -> sqlite3.Connection:
    """Read-only, leaving no file behind: with no write-ahead log beside it (no Scribe has the
    history open) the file is read as immutable; else through its log, as the app sees it."""
    uri = path.resolve().as_uri()
    if not Path(f"{path}-wal").exists():
        return sqlite3.connect(f"{uri}?immutable=1", uri=True)
    return sqlite3.connect(f"{uri}?mode=ro", uri=True)


def _opens(key: bytes | None, check: tuple[object, ...] | None) -> bool | None:
    if key is None or check is None or not isinstance(check[0], bytes):
        return None
    try:
        return RowCipher(key).open(check[0], aad=KEY_CHECK) == KEY_CHECK_TEXT
    except ScribeError:
        return False


def _keychain_key(secrets: Secrets) -> bytes | None:
    """The store's key from the keychain, never created here; None without a usable one."""
    if not secrets.is_secure():
        return None
    try:
        stored = secrets.read_keychain(STORE_KEY)
    except ScribeError:
        return None
    if not stored:
        return b""  # a keychain, no key yet: the store makes one when it first opens
    try:
        key = base64.b64decode(stored.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None
    return key if len(key) == KEY_BYTES else None


def _reason(exc: sqlite3.Error) -> str:
    return str(getattr(exc, "sqlite_errorname", "") or type(exc).__name__)


def _result(status: Status, code: str, detail: str, fix: str = "") -> CheckResult:
    return CheckResult("database", status, code, detail, fix)
