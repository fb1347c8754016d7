"""Read side of the store: a whole encounter, history lines, versions, crash-recovery info.

Plain functions over a ``Db`` (which serialises access) and a ``RowCipher``: any thread.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from desktop.asr.base import Segment
from desktop.encounter import Document, Encounter
from desktop.store.audio_crypt import is_encrypted_audio
from desktop.store.connection import Db
from desktop.store.crypto import RowCipher, StoreKeyError
from desktop.store.files import audio_file
from desktop.store.models import DocumentVersion, EncounterSummary, Recovery

FIRST_WORDS = 12
ENCRYPTED_AUDIO_SUFFIX = ".scra"


def seg_aad(encounter_id: str) -> str:
    return f"seg:{encounter_id}"


def doc_aad(encounter_id: str, template_id: str) -> str:
    return f"doc:{encounter_id}:{template_id}"


def instructions_aad(encounter_id: str, template_id: str) -> str:
    return f"instructions:{encounter_id}:{template_id}"


def _instructions(cipher: RowCipher, sealed: bytes | None, aad: str) -> list[str]:
    """The stored instructions; none when there are none or they cannot be read as a list of
    texts (they are evidence for the checks, never a reason to lose the document)."""
    if sealed is None:
        return []
    try:
        value = json.loads(cipher.open(sealed, aad=aad))
    except (ValueError, StoreKeyError):
        return []
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def load(db: Db, cipher: RowCipher, encounter_id: str) -> Encounter:
    row = db.require(encounter_id)
    segments = [
        Segment(r[0], r[1], cipher.open(r[2], aad=seg_aad(encounter_id)), r[3], bool(r[4]))
        for r in db.read(
            "SELECT start_s, end_s, text, speaker, speaker_uncertain FROM segments"
            " WHERE encounter_id = ? ORDER BY start_s, id",
            (encounter_id,),
        )
    ]
    documents = {
        r[0]: Document(
            r[0],
            cipher.open(r[1], aad=doc_aad(encounter_id, r[0])),
            r[2],
            _instructions(cipher, r[3], instructions_aad(encounter_id, r[0])),
        )
        for r in db.read(
            "SELECT template_id, text, copied_at, instructions FROM documents"
            " WHERE encounter_id = ? ORDER BY updated_at",
            (encounter_id,),
        )
    }
    return Encounter(
        id=row[0],
        started_at=row[1],
        ended_at=row[2],
        language=row[3],
        segments=segments,
        complete=row[2] is not None,
        documents=documents,
    )


def versions(
    db: Db, cipher: RowCipher, encounter_id: str, template_id: str
) -> list[DocumentVersion]:
    aad = doc_aad(encounter_id, template_id)
    rows = db.read(
        "SELECT saved_at, text FROM document_versions WHERE encounter_id = ?"
        " AND template_id = ? ORDER BY id",
        (encounter_id, template_id),
    )
    return [DocumentVersion(template_id, r[0], cipher.open(r[1], aad=aad)) for r in rows]


def recovery(db: Db, cipher: RowCipher, encounter_id: str, audio_dir: Path) -> Recovery:
    row = db.require(encounter_id)
    encounter = load(db, cipher, encounter_id)
    audio = audio_file(audio_dir, row[4])
    if audio is not None and not audio.exists():
        audio = None
    last_end = encounter.segments[-1].end if encounter.segments else 0.0
    return Recovery(
        encounter=encounter,
        audio_path=audio,
        audio_encrypted=audio is not None and is_encrypted_audio(audio),
        transcribed_until_s=max(float(row[5]), last_end),
    )


def _exists(path: Path | None) -> bool:
    return path is not None and path.exists()


def _first_words(db: Db, cipher: RowCipher, encounter_id: str) -> str:
    words: list[str] = []
    rows = db.read(
        "SELECT text FROM segments WHERE encounter_id = ? ORDER BY start_s, id LIMIT 6",
        (encounter_id,),
    )
    try:
        for r in rows:
            words.extend(cipher.open(r[0], aad=seg_aad(encounter_id)).split())
    except StoreKeyError:
        return ""  # sealed with a key the keychain no longer gives us
    return " ".join(words[:FIRST_WORDS])


def summaries(
    db: Db, cipher: RowCipher, audio_dir: Path, *, where: str, args: Sequence[object], limit: int
) -> list[EncounterSummary]:
    rows = db.read(
        "SELECT e.id, e.started_at, e.ended_at, e.language, e.audio_path,"
        " e.transcribed_until, EXISTS(SELECT 1 FROM documents d WHERE d.encounter_id = e.id"
        f" AND d.copied_at IS NOT NULL) FROM encounters e WHERE {where}"
        " ORDER BY e.started_at DESC LIMIT ?",
        (*args, limit),
    )
    return [
        EncounterSummary(
            id=r[0],
            started_at=r[1],
            ended_at=r[2],
            duration_s=(r[2] - r[1]) if r[2] is not None else r[5],
            first_words=_first_words(db, cipher, r[0]),
            language=r[3],
            copied=bool(r[6]),
            has_audio=_exists(audio_file(audio_dir, r[4])),
        )
        for r in rows
    ]
