"""Opening a damaged encounter database: how long saving its readable encounters takes; prints
JSON.

    .venv/bin/python bench/store_salvage.py [--encounters 2000] [--segments 30]

Builds an encrypted history of N encounters × S segments and a note each (in a temp dir),
overwrites one leaf page of the encounters table in the middle of the file with random bytes,
then times ``open_store``: the integrity check, setting the file aside, and the row-by-row
salvage (``desktop/store/salvage.py``) into a new database. It runs once at start-up on the GUI
thread, so it is the wait the doctor sees after damage. The machine's load average is recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.secrets import Secrets
from desktop.store import opening as store_opening
from desktop.store.crypto import RowCipher, load_or_create_key
from desktop.store.reading import doc_aad, seg_aad
from tests.support.memory_keyring import MemoryKeyring

SENTENCE = "the patient describes a dry cough for three weeks, worse at night, no fever"


def _build(db: Path, secrets: Secrets, encounters: int, segments: int) -> None:
    first = store_opening.open_store(db, audio_dir=db.parent / "audio", secrets=secrets).store
    assert first is not None
    first.close()
    cipher = RowCipher(load_or_create_key(secrets).key)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN")
    for n in range(encounters):
        eid = f"enc-{n:06d}"
        conn.execute(
            "INSERT INTO encounters(id, started_at, ended_at, language, transcribed_until)"
            " VALUES (?, ?, ?, 'en', ?)",
            (eid, 1.7e9 + n * 900, 1.7e9 + n * 900 + 600, float(segments)),
        )
        conn.executemany(
            "INSERT INTO segments(encounter_id, start_s, end_s, text) VALUES (?, ?, ?, ?)",
            [
                (eid, float(i), float(i + 1), cipher.seal(SENTENCE, aad=seg_aad(eid)))
                for i in range(segments)
            ],
        )
        conn.execute(
            "INSERT INTO documents(encounter_id, template_id, text, updated_at)"
            " VALUES (?, 'soap', ?, ?)",
            (eid, cipher.seal(SENTENCE * 6, aad=doc_aad(eid, "soap")), 1.7e9 + n * 900),
        )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _damage_a_leaf(db: Path) -> int:
    """Overwrite the middle leaf page of the encounters table; return its number of rows."""
    conn = sqlite3.connect(db)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    leaves = [
        r[0]
        for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'encounters' AND pagetype = 'leaf'"
            " ORDER BY pageno"
        )
    ]
    conn.close()
    page = leaves[len(leaves) // 2]
    with open(db, "r+b") as fh:
        fh.seek((page - 1) * size)
        cells = int.from_bytes(fh.read(5)[3:5], "big")
        fh.seek((page - 1) * size)
        fh.write(random.Random(21).randbytes(size))
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--encounters", type=int, default=2000)
    parser.add_argument("--segments", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "scribe.db"
        secrets = Secrets(keyring_backend=MemoryKeyring(), environ={})
        _build(db, secrets, args.encounters, args.segments)
        size_mb = db.stat().st_size / 1e6
        lost = _damage_a_leaf(db)
        load = os.getloadavg()
        started = time.perf_counter()
        result = store_opening.open_store(db, audio_dir=db.parent / "audio", secrets=secrets)
        seconds = time.perf_counter() - started
        assert result.store is not None and result.notice is not None
        result.store.close()
    print(
        json.dumps(
            {
                "encounters": args.encounters,
                "segments_each": args.segments,
                "database_mb": round(size_mb, 1),
                "encounters_on_the_damaged_page": lost,
                "encounters_saved": int(result.notice.names[1]),
                "open_store_s": round(seconds, 3),
                "loadavg_before_after": [round(load[0], 2), round(os.getloadavg()[0], 2)],
                "cpu_count": os.cpu_count(),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
