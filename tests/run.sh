#!/usr/bin/env bash
# The test command of README.md: every Rust test (unit, model, CLI, formats, the window with
# egui_kittest, the benchmark's smoke run), then the exported sample corpus checked by a
# plain Python json.load reader, and the DuEE exports by Hugging Face datasets.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v python3 >/dev/null 2>&1; then
    echo "installing python3 for the consumer checks"
    if command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null
    fi
fi

cargo test --all-targets

out=target/consumers
mkdir -p "$out"
cargo run --quiet -- check projects/bulletin-sample
cargo run --quiet -- export projects/bulletin-sample --format json --out "$out/sample.json"
python3 tests/consumers/check_corpus.py "$out/sample.json"

# DuEE events: import the fixture into a fresh project, export it, check offsets in Python.
rm -rf "$out/duee"
cargo run --quiet -- new "$out/duee" > /dev/null
cargo run --quiet -- schema import "$out/duee" tests/fixtures/duee_event_schema.json > /dev/null
cargo run --quiet -- import "$out/duee" tests/fixtures/duee_sample.jsonl --format duee > /dev/null
cargo run --quiet -- export "$out/duee" --format duee --out "$out/duee.jsonl"
python3 tests/consumers/check_duee.py "$out/duee.jsonl"
# The same per sentence (offsets relative to each sentence), and the sample's own events.
cargo run --quiet -- export "$out/duee" --format duee --unit sentence --out "$out/duee_sentences.jsonl"
python3 tests/consumers/check_duee.py "$out/duee_sentences.jsonl" 8
cargo run --quiet -- export projects/bulletin-sample --format duee --unit sentence --out "$out/sample_sentences.jsonl"
python3 tests/consumers/check_duee.py "$out/sample_sentences.jsonl" 30

# The DuEE exports read by a real consumer: Hugging Face datasets' JSON loader, in a venv.
venv="$out/venv"
if [ ! -x "$venv/bin/python" ]; then
    if ! python3 -m venv "$venv" 2>/dev/null; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
        python3 -m venv "$venv"
    fi
fi
"$venv/bin/python" -c "import datasets" 2>/dev/null || "$venv/bin/pip" install -q datasets
"$venv/bin/python" tests/consumers/check_duee_hf.py "$out/duee.jsonl" "$out/duee_sentences.jsonl" "$out/sample_sentences.jsonl"

# --- doccano, label-studio ---
# The sample project (with its events) and the emoji/𠮷/CRLF corpus exported as doccano (UTF-16
# offsets) and Label Studio tasks (char offsets), each span checked in Python against biaozhu's
# own corpus export and the expected surfaces of tests/fixtures/interop_emoji.json.
ix="$out/interop"
rm -rf "$ix"
mkdir -p "$ix"
cargo run --quiet -- export projects/bulletin-sample --format json --out "$ix/sample.json" > /dev/null
cargo run --quiet -- export projects/bulletin-sample --format doccano --out "$ix/sample.doccano.jsonl"
cargo run --quiet -- export projects/bulletin-sample --format label-studio --out "$ix/sample.ls.json"
cargo run --quiet -- new "$ix/emoji" > /dev/null
cargo run --quiet -- import "$ix/emoji" tests/fixtures/interop_emoji.json --format label-studio > /dev/null
cargo run --quiet -- export "$ix/emoji" --format json --include-pending --out "$ix/emoji.json" > /dev/null
cargo run --quiet -- export "$ix/emoji" --format doccano --include-pending --out "$ix/emoji.doccano.jsonl"
cargo run --quiet -- export "$ix/emoji" --format label-studio --include-pending --out "$ix/emoji.ls.json"
"$venv/bin/python" tests/consumers/check_doccano.py "$ix/sample.json" "$ix/sample.doccano.jsonl"
"$venv/bin/python" tests/consumers/check_doccano.py "$ix/emoji.json" "$ix/emoji.doccano.jsonl" tests/fixtures/interop_emoji.json
"$venv/bin/python" tests/consumers/check_label_studio.py "$ix/sample.json" "$ix/sample.ls.json"
"$venv/bin/python" tests/consumers/check_label_studio.py "$ix/emoji.json" "$ix/emoji.ls.json" tests/fixtures/interop_emoji.json

# --- brat ---
# brat standoff as brat reads it, checked in plain Python (brat itself is not a package):
# the sample project's export, and the round-trip corpus (CRLF, ＡＢＣ１２３，, 😀, 👨‍👩‍👧, 𠮷,
# attributes, notes, events) imported and exported again; every T line's offsets must land
# on its surface, every E, A and # line refer to ids of its file, every label and attribute
# be declared in annotation.conf.
rm -rf "$out/brat-sample" "$out/brat-rt" "$out/brat-rt-out"
cargo run --quiet -- export projects/bulletin-sample --format brat --out "$out/brat-sample" > /dev/null
python3 tests/consumers/check_brat.py "$out/brat-sample" 30
cargo run --quiet -- new "$out/brat-rt" > /dev/null
cargo run --quiet -- import "$out/brat-rt" tests/fixtures/brat-roundtrip/rt.ann --format brat > /dev/null
cargo run --quiet -- export "$out/brat-rt" --format brat --out "$out/brat-rt-out" > /dev/null
python3 tests/consumers/check_brat.py "$out/brat-rt-out" 13
# --- end brat ---

# --- cluener ---
# CLUENER 2020 (ends inclusive): the sample project and the CRLF/emoji/𠮷 round-trip corpus
# exported and every range checked against its surface in Python; the whole CLUENER training
# file imported into a project and exported back, record by record equal.
cargo run --quiet -- export projects/bulletin-sample --format cluener --out "$out/sample.cluener.jsonl"
python3 tests/consumers/check_cluener.py "$out/sample.cluener.jsonl" 100
rm -rf "$out/roundtrip"
cargo run --quiet -- new "$out/roundtrip" > /dev/null
cargo run --quiet -- import "$out/roundtrip" tests/fixtures/cluener_roundtrip.jsonl --format cluener > /dev/null 2> "$out/import.log" || { cat "$out/import.log"; exit 1; }
cargo run --quiet -- export "$out/roundtrip" --format cluener --out "$out/roundtrip.cluener.jsonl"
python3 tests/consumers/check_cluener.py "$out/roundtrip.cluener.jsonl" 19
python3 tests/consumers/check_cluener.py --same tests/fixtures/cluener_roundtrip.jsonl "$out/roundtrip.cluener.jsonl"
cluener_train=../shared/dev/ner/cluener2020_train.jsonl
if [ -f "$cluener_train" ]; then
    rm -rf "$out/cluener"
    cargo run --quiet -- new "$out/cluener" > /dev/null
    cargo run --quiet -- import "$out/cluener" "$cluener_train" --format cluener > /dev/null 2> "$out/import.log" || { cat "$out/import.log"; exit 1; }
    cargo run --quiet -- export "$out/cluener" --format cluener --out "$out/cluener_train.jsonl"
    python3 tests/consumers/check_cluener.py "$out/cluener_train.jsonl" 23971
    python3 tests/consumers/check_cluener.py --same "$cluener_train" "$out/cluener_train.jsonl"
else
    echo "no $cluener_train: the whole-file CLUENER round trip is skipped"
fi

# --- spacy ---
# spaCy/Prodigy span records read by spaCy itself: spacy.blank("zh") gives the same tokens,
# Doc.char_span finds every span, and assets/tools/to_docbin.py makes a DocBin that reloads
# with every doc, span and ent; on the sample project and the CRLF/emoji/𠮷 round-trip corpus.
"$venv/bin/python" -c "import spacy" 2>/dev/null || "$venv/bin/pip" install -q spacy
cargo run --quiet -- export projects/bulletin-sample --format spacy --out "$out/sample.spacy.jsonl"
"$venv/bin/python" tests/consumers/check_spacy.py "$out/sample.spacy.jsonl" "$out/sample.spacy" 100
rm -rf "$out/spacy_roundtrip"
cargo run --quiet -- new "$out/spacy_roundtrip" > /dev/null
cargo run --quiet -- import "$out/spacy_roundtrip" tests/fixtures/cluener_roundtrip.jsonl --format cluener > /dev/null 2> "$out/import.log" || { cat "$out/import.log"; exit 1; }
cargo run --quiet -- export "$out/spacy_roundtrip" --format spacy --out "$out/roundtrip.spacy.jsonl"
"$venv/bin/python" tests/consumers/check_spacy.py "$out/roundtrip.spacy.jsonl" "$out/roundtrip.spacy" 19
# The CLUENER training project of the cluener block (Latin words, digits, spaces): spaCy's
# tokens and every span's alignment, on 10,748 real texts.
if [ -d "$out/cluener" ]; then
    cargo run --quiet -- export "$out/cluener" --format spacy --out "$out/cluener_train.spacy.jsonl"
    "$venv/bin/python" tests/consumers/check_spacy.py "$out/cluener_train.spacy.jsonl" "$out/cluener_train.spacy" 23971
fi

# --- conll, hf ---
# CoNLL and Hugging Face token classification read by their real consumers (seqeval,
# datasets): the MSRA sample (its first 3,000 sentences) back with seqeval f1 = 1.0 against
# its own tags, the sample project's and the round-trip corpus's spans found by seqeval, the
# hf exports loaded by datasets with labels.json as ClassLabel, and a set written by datasets
# imported.
"$venv/bin/python" -c "import seqeval" 2>/dev/null || "$venv/bin/python" -m pip install -q seqeval
msra=../shared/dev/ner/msra_train_bio.first20000.txt
if [ -f "$msra" ]; then
    awk '/^$/{n++} n==3000{exit} {print}' "$msra" > "$out/msra3000.bio"
    rm -rf "$out/msra"
    cargo run --quiet -- new "$out/msra" > /dev/null
    cargo run --quiet -- import "$out/msra" "$out/msra3000.bio" --format conll --scheme bio > /dev/null || [ $? -eq 1 ]
    cargo run --quiet -- export "$out/msra" --format conll --scheme bio --out "$out/msra3000.conll"
    "$venv/bin/python" tests/consumers/check_conll.py same "$out/msra3000.conll" "$out/msra3000.bio"
    rm -rf "$out/msra_hf"
    cargo run --quiet -- export "$out/msra" --format hf --out "$out/msra_hf"
    "$venv/bin/python" tests/consumers/check_hf.py load "$out/msra_hf" 1
else
    echo "no $msra here: the MSRA check is skipped"
fi
# Event arguments under their roles (--roles), as a role tagger's training set: what seqeval
# reads is DuEE's own arguments, role and text, for 100 records of the dev data.
duee=../shared/dev/events/duee1.0_sample_data.500.jsonl
if [ -f "$duee" ] && [ -f ../shared/dev/events/duee1.0_event_schema.jsonl ]; then
    head -100 "$duee" > "$out/duee100.jsonl"
    rm -rf "$out/duee100"
    cargo run --quiet -- new "$out/duee100" > /dev/null
    cargo run --quiet -- schema import "$out/duee100" ../shared/dev/events/duee1.0_event_schema.jsonl > /dev/null
    cargo run --quiet -- import "$out/duee100" "$out/duee100.jsonl" --format duee > /dev/null
    cargo run --quiet -- export "$out/duee100" --format conll --kinds argument --roles --out "$out/duee100_roles.conll" 2> /dev/null
    "$venv/bin/python" tests/consumers/check_roles.py "$out/duee100_roles.conll" "$out/duee100.jsonl" 0.9
else
    echo "no $duee here: the role check is skipped"
fi
cargo run --quiet -- export projects/bulletin-sample --format conll --out "$out/sample.conll"
cargo run --quiet -- export projects/bulletin-sample --format hf-spans --out "$out/sample_spans.jsonl"
"$venv/bin/python" tests/consumers/check_conll.py spans "$out/sample.conll" "$out/sample_spans.jsonl"
rm -rf "$out/sample_hf"
cargo run --quiet -- export projects/bulletin-sample --format hf --scheme bioes --out "$out/sample_hf"
"$venv/bin/python" tests/consumers/check_hf.py load "$out/sample_hf" 1
# The same cut to a BERT-sized input: 10 rows of at most 510 tokens (chars), every span kept.
rm -rf "$out/sample_hf510"
cargo run --quiet -- export projects/bulletin-sample --format hf --max-chars 510 --out "$out/sample_hf510"
"$venv/bin/python" tests/consumers/check_hf.py load "$out/sample_hf510" 10 510
rm -rf "$out/roundtrip"
cargo run --quiet -- new "$out/roundtrip" > /dev/null
cargo run --quiet -- import "$out/roundtrip" tests/fixtures/interop_roundtrip.jsonl --format hf-spans > /dev/null
cargo run --quiet -- export "$out/roundtrip" --format hf-spans --out "$out/roundtrip_spans.jsonl"
for scheme in bio bioes; do
    # The CRs of the CRLF line ends cannot be written: a note on stderr, kept out of the log.
    cargo run --quiet -- export "$out/roundtrip" --format conll --scheme "$scheme" --out "$out/roundtrip_$scheme.conll" 2> /dev/null
    "$venv/bin/python" tests/consumers/check_conll.py spans "$out/roundtrip_$scheme.conll" "$out/roundtrip_spans.jsonl"
done
rm -rf "$out/roundtrip_hf"
cargo run --quiet -- export "$out/roundtrip" --format hf --tokens word --out "$out/roundtrip_hf"
"$venv/bin/python" tests/consumers/check_hf.py load "$out/roundtrip_hf" 1
rm -rf "$out/from_datasets" "$out/from_datasets_project"
"$venv/bin/python" tests/consumers/check_hf.py make "$out/from_datasets"
cargo run --quiet -- new "$out/from_datasets_project" > /dev/null
cargo run --quiet -- import "$out/from_datasets_project" "$out/from_datasets/data.jsonl" --format hf --tokens word > /dev/null
cargo run --quiet -- export "$out/from_datasets_project" --format hf-spans --out "$out/from_datasets_spans.jsonl"
"$venv/bin/python" tests/consumers/check_hf.py spans "$out/from_datasets_spans.jsonl" PER:张三 LOC:北京 "PER:Ada Lovelace" LOC:Paris

# --- agreement ---
# `biaozhu agree` checked independently: the sample's layer as alice's, and bob's a copy
# with every third entity's ORG/LOC swapped and every fifth entity one char shorter; each
# annotator's spans exported as the JSON corpus, Cohen's kappa over char tags by
# scikit-learn and exact span F1 in plain Python, equal to `agree --json` to 1e-9.
rm -rf "$out/agree"
cp -r projects/bulletin-sample "$out/agree"
for d in "$out"/agree/annotations/*/; do
    mv "$d/main.ron" "$d/alice.ron"
    awk '/kind: Entity/ {
            n++
            if (n % 3 == 0) {
                if (sub(/label: "ORG"/, "label: \"LOC\"") == 0) sub(/label: "LOC"/, "label: \"ORG\"")
            }
            if (n % 5 == 0 && match($0, /start: [0-9]+, end: [0-9]+/)) {
                split(substr($0, RSTART, RLENGTH), f, /[^0-9]+/)
                if (f[3] - f[2] >= 2) sub(/end: [0-9]+,/, "end: " (f[3] - 1) ",")
            }
        }
        { print }' "$d/alice.ron" > "$d/bob.ron"
done
# The swapped labels break some event roles (check exits 1); a layer that does not load exits 2.
cargo run --quiet -- check "$out/agree" > /dev/null 2>&1 || [ $? -eq 1 ]
"$venv/bin/python" -c "import sklearn" 2>/dev/null || "$venv/bin/pip" install -q scikit-learn
"$venv/bin/python" tests/consumers/check_agree.py "$out/agree" alice bob
