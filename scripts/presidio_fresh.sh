#!/usr/bin/env bash
# Accuracy on fresh synthetic lines of the dev corpus's second kind: the presidio-research
# generator (presidio-evaluator on PyPI, MIT: its sentence templates, its fake-person table
# and Faker) writes new lines with new values, which `phigate detect` has never seen, and
# `../shared/corpus/score.py` scores them as it scores the dev corpus. A check that the
# rules generalise beyond the dev corpus's 1,500 lines; nothing of the output is kept in
# the project.
#
#   scripts/presidio_fresh.sh [SAMPLES] [SEED...]   (defaults: 3000 samples, seeds 1234 99)
#
# Needs python3 with venv and PyPI. The generator's package pulls spaCy and presidio for
# features not used here: only its wheel is fetched (no dependencies), and the modules that
# import them are given stand-ins. Work files live in target/presidio-fresh/.
#
# Mapping to the corpus's labels as its README gives it: PERSON → NAME, STREET_ADDRESS →
# ADDRESS, CREDIT_CARD and IBAN_CODE → ACCOUNT, DATE_TIME → DATE, PHONE_NUMBER → PHONE,
# EMAIL_ADDRESS → EMAIL, ZIP_CODE → ZIP, DOMAIN_NAME → URL, US_SSN → SSN, IP_ADDRESS → IP,
# US_DRIVER_LICENSE → LICENSE; cities, states, countries, organisations, titles, ages and
# nationalities are `ignore` spans. Literal "\n" in the templates become line breaks, as in
# the corpus. A seed gives the same lines each run, but for the time of day in some
# DATE_TIME values (Faker draws them relative to now).
set -euo pipefail
cd "$(dirname "$0")/.."
samples=${1:-3000}
seeds=("${@:2}")
((${#seeds[@]})) || seeds=(1234 99)
gold_dir=../shared/corpus
[[ -f $gold_dir/score.py ]] || { echo "needs ../shared/corpus/score.py" >&2; exit 2; }
work=target/presidio-fresh
mkdir -p "$work"
if [[ ! -x $work/venv/bin/python ]]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q faker pandas numpy pyyaml tqdm requests
fi
if [[ ! -d $work/pkg/presidio_evaluator ]]; then
  "$work/venv/bin/pip" download -q --no-deps -d "$work/wheel" presidio-evaluator
  mkdir -p "$work/pkg"
  "$work/venv/bin/python" -m zipfile -e "$work"/wheel/presidio_evaluator-*.whl "$work/pkg"
  # stand-ins for what the generator does not use (spaCy, presidio, dotenv)
  mkdir -p "$work/stubs/spacy"
  echo 'class Language: pass' >"$work/stubs/spacy/__init__.py"
  echo 'class Language: pass' >"$work/stubs/spacy/language.py"
  printf 'class Doc: pass\nclass DocBin: pass\n' >"$work/stubs/spacy/tokens.py"
  echo 'def iob_to_biluo(x): return x' >"$work/stubs/spacy/training.py"
  pe=$work/pkg/presidio_evaluator
  sed -i 's/^from dotenv import load_dotenv.*$//; s/^load_dotenv().*$//; s/^from .span_to_tag import.*$//' "$pe/__init__.py"
  sed -i 's/^from .presidio_pseudonymize import.*$//; s/"PresidioPseudonymization",//' "$pe/data_generator/__init__.py"
  sed -i 's/^from presidio_evaluator import span_to_tag, tokenize/span_to_tag = tokenize = None/' "$pe/data_objects.py"
fi
bin=target/release/phigate
[[ -x $bin ]] || cargo build --release
for seed in "${seeds[@]}"; do
  gold=$work/gold_${samples}_$seed.jsonl
  PYTHONHASHSEED=0 PYTHONPATH="$work/pkg:$work/stubs" "$work/venv/bin/python" - "$samples" "$seed" "$gold" <<'EOF' >/dev/null 2>&1
import json, sys
from presidio_evaluator.data_generator import PresidioSentenceFaker, presidio_templates_file_path
n, seed, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
# (the table of fake people draws its middle initials before the generator seeds itself)
import random
random.seed(seed)
templates = [l.strip().replace("\\n", "\n") for l in presidio_templates_file_path.read_text().splitlines() if l.strip()]
faker = PresidioSentenceFaker(locale="en_US", lower_case_ratio=0.05, random_seed=seed, sentence_templates=templates)
LABELS = {"PERSON": "NAME", "STREET_ADDRESS": "ADDRESS", "CREDIT_CARD": "ACCOUNT", "IBAN_CODE": "ACCOUNT",
          "DATE_TIME": "DATE", "PHONE_NUMBER": "PHONE", "EMAIL_ADDRESS": "EMAIL", "ZIP_CODE": "ZIP",
          "DOMAIN_NAME": "URL", "US_SSN": "SSN", "IP_ADDRESS": "IP", "US_DRIVER_LICENSE": "LICENSE"}
with open(out, "w") as f:
    for i, r in enumerate(faker.generate_new_fake_sentences(num_samples=n)):
        t = r.full_text
        spans, ignore = [], []
        for s in r.spans:
            d = {"start": s.start_position, "end": s.end_position,
                 "bstart": len(t[:s.start_position].encode()), "bend": len(t[:s.end_position].encode()),
                 "orig_label": s.entity_type}
            if s.entity_type in LABELS:
                d["label"] = LABELS[s.entity_type]
                spans.append(d)
            else:
                ignore.append(d)
        f.write(json.dumps({"id": f"fresh-{seed}-{i:05d}", "text": t, "spans": spans, "ignore": ignore,
                            "source": "presidio-evaluator"}, ensure_ascii=False) + "\n")
EOF
  "$bin" detect "$gold" >"$work/pred_${samples}_$seed.jsonl"
  echo "seed $seed, $samples lines:"
  python3 "$gold_dir/score.py" --gold "$gold" --pred "$work/pred_${samples}_$seed.jsonl" --pred-offsets bytes |
    grep -E '^\| (NAME|ADDRESS|PHONE|ZIP) |^char-level'
done
