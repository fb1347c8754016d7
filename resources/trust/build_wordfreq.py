"""Build ``wordfreq_en.tsv`` and ``wordfreq_fr.tsv``: how common each word is in everyday
English and French (Zipf scale, 1 = once per 100 million words ... 7 = "the"), so that the
note checker weighs a missing common word ("shows", "discussed") less than a missing rare one
("colonoscopy"). Run once, by hand, in a throwaway venv with the ``wordfreq`` package (3.1.1):

    python -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1
    /tmp/wf/bin/python resources/trust/build_wordfreq.py

The lists are derived from wordfreq's data (CC BY-SA 4.0, see LICENCE.md); Scribe itself does
not depend on wordfreq.
"""

from __future__ import annotations

import re
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency  # type: ignore[import-not-found]

HERE = Path(__file__).resolve().parent
WORD = re.compile(r"^[a-zà-ÿœæ'-]+$")
MIN_ZIPF = 2.5  # rarer words are left out: missing from the list means rare


def build(language: str, n: int = 60_000) -> None:
    rows = []
    for word in top_n_list(language, n):
        if not WORD.match(word):
            continue
        z = zipf_frequency(word, language)
        if z >= MIN_ZIPF:
            rows.append(f"{word}\t{z:.2f}")
    out = HERE / f"wordfreq_{language}.tsv"
    header = f"# word\tzipf (wordfreq 3.1.1, {language}, CC BY-SA 4.0)\n"
    out.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(out.name, len(rows))


if __name__ == "__main__":
    build("en")
    build("fr")
