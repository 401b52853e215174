#!/usr/bin/env bash
# Coverage of values that Faker writes in 30 locales (addresses, street addresses, cities,
# names, phone numbers, e-mail addresses, dates), each set in a short English template:
# the share of each value's alphanumeric characters that a span of `phigate detect` covers,
# by kind and by locale, and how often the spans over a value carry the label its kind
# expects. A probe of how the rules generalise beyond the dev corpus, not a score to tune
# to: Faker's locale formats are not the corpus's (a US product meets few of them), and the
# templates are plain. Nothing of its output is kept in the project.
#
#   scripts/faker_probe.sh [SEED] [KIND [N]]   (default seed 1; KIND lists up to N misses)
#
# Needs python3 with venv and PyPI (Faker). Work files live in target/faker-probe/.
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${1:-1}
work=target/faker-probe
mkdir -p "$work"
if [[ ! -x $work/venv/bin/python ]]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q faker
fi
bin=target/release/phigate
[[ -x $bin ]] || cargo build --release
"$work/venv/bin/python" - "$seed" "$work/set_$seed.jsonl" <<'EOF'
import json, random, sys
from faker import Faker
random.seed(int(sys.argv[1]))
locales = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "es_MX", "it_IT", "pt_BR", "nl_NL",
           "pl_PL", "sv_SE", "da_DK", "fi_FI", "cs_CZ", "hu_HU", "ru_RU", "ja_JP", "zh_CN",
           "ko_KR", "tr_TR", "en_AU", "en_CA", "en_IN", "vi_VN", "el_GR", "ro_RO", "no_NO",
           "et_EE", "hr_HR", "sk_SK"]
templates = {
    "address": ["Please send the package to {v}.", "My address is {v}",
                "I moved to {v} last month", "Ship it to {v} please",
                "The billing address on file is {v}."],
    "street_address": ["I live at {v}, apartment upstairs", "Meet me at {v} at noon",
                       "Our office is at {v}."],
    "name": ["My name is {v}", "{v} called about the bill", "Please contact {v} for details.",
             "Thanks, {v}", "Can you ask {v} to call me back?", "Dr. {v} will see you now"],
    "phone_number": ["Call me at {v}", "my number is {v}", "You can reach her on {v} after 5"],
    "email": ["email me at {v}", "my email is {v}."],
    "date": ["I was born on {v}", "The appointment is on {v}"],
    "city": ["I live in {v}", "She flew to {v} on Tuesday morning.",
             "We are moving from {v} next year"],
}
n = 0
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for loc in locales:
        f = Faker(loc)
        f.seed_instance(random.randint(0, 10**9))
        for kind, tpls in templates.items():
            for _ in range(12):
                if kind == "date":
                    fmt = random.choice(["%m/%d/%Y", "%B %d, %Y", "%d %b %Y", "%Y-%m-%d"])
                    v = f.date_of_birth().strftime(fmt)
                else:
                    v = getattr(f, kind)()
                v = v.replace("\n", ", ")
                text = random.choice(tpls).replace("{v}", v)
                at = len(text[:text.index(v)].encode())
                out.write(json.dumps({"id": f"{loc}-{kind}-{n}", "text": text, "loc": loc,
                                      "kind": kind, "span": [at, at + len(v.encode())]},
                                     ensure_ascii=False) + "\n")
                n += 1
EOF
python3 -c '
import json, sys
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for l in open(sys.argv[1], encoding="utf-8"):
        d = json.loads(l)
        f.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
' "$work/set_$seed.jsonl" "$work/in_$seed.jsonl"
"$bin" detect "$work/in_$seed.jsonl" >"$work/pred_$seed.jsonl"
python3 - "$work/set_$seed.jsonl" "$work/pred_$seed.jsonl" "${2:-}" "${3:-30}" <<'EOF'
import collections, json, sys
gold = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
pred = {}
for l in open(sys.argv[2], encoding="utf-8"):
    p = json.loads(l)
    pred[p["id"]] = p["spans"]
expect = {"address": {"ADDRESS", "ZIP"}, "street_address": {"ADDRESS"}, "name": {"NAME"},
          "phone_number": {"PHONE"}, "email": {"EMAIL"}, "date": {"DATE"}, "city": {"ADDRESS"}}
cover = collections.defaultdict(lambda: [0, 0])
labelled = collections.defaultdict(lambda: [0, 0])
misses = collections.defaultdict(list)
for g in gold:
    b = g["text"].encode()
    s0, e0 = g["span"]
    hit = bytearray(len(b))
    labels = set()
    for sp in pred[g["id"]]:
        hit[sp["start"]:sp["end"]] = b"\x01" * (sp["end"] - sp["start"])
        if sp["start"] < e0 and sp["end"] > s0:
            labels.add(sp["label"])
    got = total = 0
    at = s0
    for ch in b[s0:e0].decode():
        if ch.isalnum():
            total += 1
            got += hit[at]
        at += len(ch.encode())
    for k in (g["kind"], g["loc"]):
        cover[k][0] += got
        cover[k][1] += total
    labelled[g["kind"]][1] += 1
    labelled[g["kind"]][0] += bool(labels) and labels <= expect[g["kind"]]
    if got < total:
        misses[g["kind"]].append((g["loc"], g["text"],
                                  [b[sp["start"]:sp["end"]].decode() for sp in pred[g["id"]]]))
print(f"{len(gold)} values; covered share of their alphanumeric characters:")
for k, (got, total) in sorted(cover.items(), key=lambda kv: kv[1][0] / max(1, kv[1][1])):
    print(f"  {k:16} {got / max(1, total):.3f}  ({got}/{total})")
print("labelled as their kind expects:",
      ", ".join(f"{k} {a}/{n}" for k, (a, n) in labelled.items()))
if sys.argv[3]:
    for m in misses[sys.argv[3]][: int(sys.argv[4])]:
        print(m)
EOF
