//! Training-set export options shared by every format (`format::training::prepare`, applied
//! by `Format::build`): status, labels, map, unit and a reproducible split by document. Checked
//! through the JSON corpus export, whose records carry ids, texts and spans.

use std::collections::BTreeSet;

use biaozhu::format::training::Split;
use biaozhu::format::{Options, Output, Unit, by_name};
use biaozhu::model::{
    CharRange, DocMeta, DocStatus, Document, Layer, Project, Span, SpanId, SpanKind, Text,
};

/// A document `d{i}` whose text names a person and a place, with both tagged.
fn doc(i: usize, status: DocStatus) -> Document {
    let text = format!("第{i}篇：张三在北京工作。李四去了上海。\r\n😀王五在𠮷野家。");
    let chars: Vec<char> = text.chars().collect();
    let find = |s: &str| -> CharRange {
        let n: Vec<char> = s.chars().collect();
        let at = (0..chars.len())
            .find(|&k| chars[k..].starts_with(&n))
            .expect("in the text");
        CharRange::new(at as u32, (at + n.len()) as u32)
    };
    let spans = [
        ("张三", "PER"),
        ("北京", "LOC"),
        ("李四", "PER"),
        ("上海", "LOC"),
        ("王五", "PER"),
        ("𠮷野家", "ORG"),
    ]
    .iter()
    .enumerate()
    .map(|(k, (s, l))| Span::new(SpanId(k as u32 + 1), find(s), SpanKind::Entity, *l))
    .collect();
    Document {
        meta: DocMeta {
            id: format!("d{i}"),
            published: None,
            imported_from: None,
        },
        text: Text::new(text),
        layer: Layer::from_parts(spans, Vec::new(), status, 1, 1),
    }
}

/// `p` with its ORG spans left only in the documents `keep` (by index).
fn orgs_only_in(p: &Project, keep: &[usize]) -> Project {
    let mut rare = p.clone();
    for (i, d) in rare.documents.iter_mut().enumerate() {
        if !keep.contains(&i) {
            let spans: Vec<Span> = d
                .layer
                .spans()
                .iter()
                .filter(|s| s.label != "ORG")
                .cloned()
                .collect();
            d.layer = Layer::from_parts(spans, Vec::new(), d.layer.status, 1, 1);
        }
    }
    rare
}

fn project(n: usize) -> Project {
    let mut p = Project::new("t", "main");
    for i in 0..n {
        let status = match i % 4 {
            0 => DocStatus::New,
            1 => DocStatus::InProgress,
            2 => DocStatus::Done,
            _ => DocStatus::Reviewed,
        };
        p.documents.push(doc(i, status));
    }
    p
}

/// Build the JSON corpus export of `p` with `opts`: (files, notes).
fn build(p: &Project, opts: &Options) -> (Vec<(String, serde_json::Value)>, Vec<String>) {
    let f = by_name("json").expect("json");
    let out = f
        .build(p, opts, &mut |_, _| true)
        .expect("builds")
        .expect("not cancelled");
    let files = match out.output {
        Output::File(s) => vec![(String::new(), serde_json::from_str(&s).expect("json"))],
        // The parts; the manifest beside them is checked on its own.
        Output::Folder(fs) => fs
            .into_iter()
            .filter(|(n, _)| n != "manifest.json")
            .map(|(n, s)| (n, serde_json::from_str(&s).expect("json")))
            .collect(),
    };
    (files, out.notes.into_iter().map(|n| n.en).collect())
}

fn ids(v: &serde_json::Value) -> Vec<String> {
    v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["id"].as_str().expect("id").to_string())
        .collect()
}

/// Every span's stated text is the text at its offsets (chars).
fn assert_spans_land(v: &serde_json::Value) {
    for d in v["documents"].as_array().expect("documents") {
        let text: Vec<char> = d["text"].as_str().expect("text").chars().collect();
        for s in d["spans"].as_array().expect("spans") {
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            let got: String = text[a..b].iter().collect();
            assert_eq!(got, s["text"].as_str().unwrap(), "{d}");
        }
    }
}

#[test]
fn a_split_is_by_document_reproducible_and_leaks_no_text() {
    let p = project(20);
    let opts = Options {
        split: Some(Split::parse("8:1:1", 42).unwrap()),
        ..Options::default()
    };
    let (files, notes) = build(&p, &opts);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["train.json", "dev.json", "test.json"]);
    let parts: Vec<Vec<String>> = files.iter().map(|(_, v)| ids(v)).collect();
    assert_eq!(parts.iter().map(Vec::len).collect::<Vec<_>>(), [16, 2, 2]);
    let all: BTreeSet<&String> = parts.iter().flatten().collect();
    assert_eq!(all.len(), 20, "every document once, none in two parts");
    assert!(
        notes.iter().any(|n| n.contains("train 16, dev 2, test 2")),
        "{notes:?}"
    );
    // What each part holds, per label (each document: three PER, two LOC, one ORG).
    for want in [
        "train: 16 records, LOC 32 · ORG 16 · PER 48",
        "dev: 2 records, LOC 4 · ORG 2 · PER 6",
        "test: 2 records, LOC 4 · ORG 2 · PER 6",
    ] {
        assert!(notes.iter().any(|n| n == want), "{want}: {notes:?}");
    }
    assert!(
        notes
            .iter()
            .all(|n| !n.contains("has no span of these labels") && !n.contains("got no document")),
        "{notes:?}"
    );
    // Too few documents for the parts: said, naming the empty ones (a part the proportions
    // leave out is not one).
    let (_, notes) = build(&project(1), &opts);
    let want = "dev and test got no document: a split by document never cuts one, and 1 document cannot fill 8:1:1";
    assert!(notes.iter().any(|n| n.starts_with(want)), "{notes:?}");
    let no_test = Options {
        split: Some(Split::parse("9:1:0", 42).unwrap()),
        ..Options::default()
    };
    let (_, notes) = build(&project(1), &no_test);
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("dev got no document: a split by document never cuts one")),
        "{notes:?}"
    );
    // Only one training document keeps its ORG: dev and test have none, and say so.
    let split = Split::parse("8:1:1", 42).unwrap();
    let parts = split.assign(20);
    let keeper = parts.iter().position(|&p| p == 0).unwrap();
    let rare = orgs_only_in(&p, &[keeper]);
    let (_, notes) = build(&rare, &opts);
    for part in ["dev", "test"] {
        let want = format!(
            "{part} has no span of these labels (train has): ORG; try another seed (--seed)"
        );
        assert!(
            notes.iter().any(|n| n.starts_with(&want)),
            "{want}: {notes:?}"
        );
    }
    // The same seed gives the same split; another seed another one.
    assert_eq!(build(&p, &opts).0, files);
    let other = Options {
        split: Some(Split::parse("8:1:1", 43).unwrap()),
        ..Options::default()
    };
    assert_ne!(build(&p, &other).0, files);
    // Per sentence, the sentences of one document stay in one part.
    let per_sentence = Options {
        unit: Unit::Sentence,
        ..opts.clone()
    };
    let (files, _) = build(&p, &per_sentence);
    let doc_of = |id: &str| id.split('_').next().unwrap().to_string();
    let mut seen: Vec<BTreeSet<String>> = Vec::new();
    for (_, v) in &files {
        seen.push(ids(v).iter().map(|i| doc_of(i)).collect());
        assert_spans_land(v);
    }
    for a in 0..3 {
        for b in a + 1..3 {
            assert!(seen[a].is_disjoint(&seen[b]), "{seen:?}");
        }
    }
}

#[test]
fn a_stratified_split_brings_a_rare_label_into_dev_and_test_where_a_plain_one_may_not() {
    // 20 documents with PER; RARE in three of them.
    let mut p = Project::new("t", "main");
    for i in 0..20 {
        let mut d = doc(i, DocStatus::Done);
        if i % 7 == 3 {
            let mut spans = d.layer.spans().to_vec();
            spans.push(Span::new(
                SpanId(99),
                CharRange::new(0, 1),
                SpanKind::Entity,
                "RARE",
            ));
            d.layer = Layer::from_parts(spans, Vec::new(), DocStatus::Done, 100, 1);
        }
        p.documents.push(d);
    }
    let split = |seed: u64, stratify: bool| Options {
        split: Some(Split {
            stratify,
            ..Split::parse("8:1:1", seed).unwrap()
        }),
        ..Options::default()
    };
    let lacks_rare = |notes: &[String]| {
        notes
            .iter()
            .any(|n| n.contains("has no span of these labels") && n.contains("RARE"))
    };
    let plain_misses = (0..20)
        .filter(|&seed| lacks_rare(&build(&p, &split(seed, false)).1))
        .count();
    assert!(
        plain_misses > 0,
        "some plain split leaves RARE out of dev or test"
    );
    for seed in 0..20 {
        let (files, notes) = build(&p, &split(seed, true));
        assert!(!lacks_rare(&notes), "seed {seed}: {notes:?}");
        // Every document once, in one part; RARE once in each part.
        let mut all: Vec<String> = files.iter().flat_map(|(_, v)| ids(v)).collect();
        all.sort();
        assert_eq!(all.len(), 20);
        all.dedup();
        assert_eq!(all.len(), 20);
        for (name, v) in &files {
            let rare = v["documents"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|d| d["spans"].as_array().unwrap().clone())
                .filter(|s| s["label"] == "RARE")
                .count();
            assert_eq!(rare, 1, "seed {seed}: {name}");
        }
        assert!(
            notes
                .iter()
                .any(|n| n.contains("stratified by label (seed")),
            "{notes:?}"
        );
        // The same seed, the same split.
        assert_eq!(build(&p, &split(seed, true)).0, files);
    }
}

#[test]
fn status_labels_and_map_choose_and_rename_and_say_what_they_left_out() {
    let p = project(8);
    let opts = Options {
        status: Some(DocStatus::Done),
        labels: Some(vec!["PER".into(), "机构".into()]),
        map: vec![("ORG".into(), "机构".into())],
        ..Options::default()
    };
    let (files, notes) = build(&p, &opts);
    let v = &files[0].1;
    // Done and reviewed documents only: d2, d3, d6, d7.
    assert_eq!(ids(v), ["d2", "d3", "d6", "d7"]);
    assert!(
        notes
            .iter()
            .any(|n| n.contains("4 of 8 documents left out")),
        "{notes:?}"
    );
    for d in v["documents"].as_array().unwrap() {
        let labels: Vec<&str> = d["spans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["label"].as_str().unwrap())
            .collect();
        assert_eq!(labels, ["PER", "PER", "PER", "机构"], "{d}");
    }
    assert_spans_land(v);
    // LOC is named with its count, never dropped silently.
    assert!(notes.iter().any(|n| n.contains("LOC 8")), "{notes:?}");
    // The schema says the new name.
    let keys: Vec<&str> = v["schema"]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["key"].as_str().unwrap())
        .collect();
    assert!(
        keys.contains(&"机构") && !keys.contains(&"ORG") && !keys.contains(&"LOC"),
        "{keys:?}"
    );
}

/// Texts of every record of an export's files, per file.
fn texts(files: &[(String, serde_json::Value)]) -> Vec<Vec<String>> {
    files
        .iter()
        .map(|(_, v)| {
            v["documents"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["text"].as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn repeated_records_are_counted_and_dedup_keeps_test_sentences_out_of_train() {
    // Every document holds 李四去了上海。 and 😀王五在𠮷野家。: per sentence, a split puts
    // copies of both in train, dev and test.
    let mut p = project(20);
    // d3 tags 李四 as an organisation: its copy says something else than the others.
    let d = &mut p.documents[3];
    let spans: Vec<Span> = d
        .layer
        .spans()
        .iter()
        .map(|s| {
            let mut s = s.clone();
            if s.label == "PER" && d.text.slice(s.range).unwrap() == "李四" {
                s.label = "ORG".into();
            }
            s
        })
        .collect();
    d.layer = Layer::from_parts(spans, Vec::new(), d.layer.status, 1, 1);
    let opts = Options {
        unit: Unit::Sentence,
        split: Some(Split::parse("8:1:1", 42).unwrap()),
        ..Options::default()
    };
    let (files, notes) = build(&p, &opts);
    let all: usize = texts(&files).iter().map(Vec::len).sum();
    assert_eq!(all, 60, "without --dedup every record is written");
    let said = notes.join("\n");
    assert!(
        said.contains("38 records whose text (whitespace aside) repeats an earlier one's: written all the same (\"Leave out repeated records\" in the export dialog, or --dedup, leaves them out)"),
        "{said}"
    );
    assert!(said.contains("train → dev 4, train → test 4"), "{said}");
    assert!(
        said.contains("repeated records are annotated otherwise than their first copy")
            && said.contains("d3"),
        "{said}"
    );
    let dedup = Options {
        dedup: true,
        ..opts.clone()
    };
    let (files, notes) = build(&p, &dedup);
    let parts = texts(&files);
    // Each document's own first sentence, and the two shared ones once, in train.
    assert_eq!(parts.iter().map(Vec::len).collect::<Vec<_>>(), [18, 2, 2]);
    let mut seen = BTreeSet::new();
    for t in parts.iter().flatten() {
        assert!(seen.insert(t.clone()), "{t} written twice");
    }
    assert!(parts[0].contains(&"李四去了上海。".to_string()));
    assert!(
        notes.iter().any(|n| n.contains(
            "38 records whose text (whitespace aside) repeats an earlier one's: left out"
        )),
        "{notes:?}"
    );
    for (_, v) in &files {
        assert_spans_land(v);
    }
    // The same seed gives the same records.
    assert_eq!(build(&p, &dedup).0, files);
}

#[test]
fn whole_documents_that_repeat_whitespace_aside_are_found_too() {
    let mut p = Project::new("t", "main");
    for (i, t) in ["张三在北京。", "张三 在北京。\n", "李四在上海。"]
        .iter()
        .enumerate()
    {
        p.documents.push(Document {
            meta: DocMeta {
                id: format!("d{i}"),
                published: None,
                imported_from: None,
            },
            text: Text::new(*t),
            layer: Layer::default(),
        });
    }
    // Written as it is: said, not removed.
    let (files, notes) = build(&p, &Options::default());
    assert_eq!(texts(&files)[0].len(), 3);
    assert!(
        notes
            .iter()
            .any(|n| n.contains("1 record whose text") && n.contains("the first: d1 repeats d0")),
        "{notes:?}"
    );
    let (files, notes) = build(
        &p,
        &Options {
            dedup: true,
            ..Options::default()
        },
    );
    assert_eq!(texts(&files)[0], ["张三在北京。", "李四在上海。"]);
    assert!(
        notes.iter().all(|n| !n.contains("annotated otherwise")),
        "{notes:?}"
    );
    // A project with no repeat says nothing about repeats.
    p.documents.remove(1);
    let (_, notes) = build(&p, &Options::default());
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn sentences_carry_their_spans_with_offsets_from_the_sentence_start() {
    let p = project(1);
    let opts = Options {
        unit: Unit::Sentence,
        ..Options::default()
    };
    let (files, notes) = build(&p, &opts);
    let v = &files[0].1;
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3, "{v}");
    assert_eq!(docs[0]["text"], "第0篇：张三在北京工作。");
    assert_eq!(docs[2]["text"], "😀王五在𠮷野家。");
    let spans: usize = docs
        .iter()
        .map(|d| d["spans"].as_array().unwrap().len())
        .sum();
    assert_eq!(spans, 6);
    assert_spans_land(v);
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn a_span_across_a_sentence_end_is_named_not_dropped_silently() {
    let mut p = project(1);
    let d = &mut p.documents[0];
    let mut spans: Vec<Span> = d.layer.spans().to_vec();
    // 工作。李四: across the first sentence's end.
    spans.push(Span::new(
        SpanId(9),
        CharRange::new(9, 14),
        SpanKind::Entity,
        "PER",
    ));
    d.layer = Layer::from_parts(spans, Vec::new(), DocStatus::New, 1, 1);
    let (_, notes) = build(
        &p,
        &Options {
            unit: Unit::Sentence,
            ..Options::default()
        },
    );
    assert!(
        notes
            .iter()
            .any(|n| n.contains("d0: left out 1 span in no single unit") && n.contains("[9, 14)")),
        "{notes:?}"
    );
}

/// An event `E{id}` of type `ty` on the trigger span `trigger`, with `(role, span)` arguments.
fn event(id: u32, ty: &str, trigger: u32, args: &[(&str, u32)]) -> biaozhu::model::Event {
    biaozhu::model::Event {
        id: biaozhu::model::EventId(id),
        event_type: ty.into(),
        trigger: SpanId(trigger),
        args: args
            .iter()
            .map(|(r, a)| (r.to_string(), SpanId(*a)))
            .collect(),
        unsure: false,
        note: None,
    }
}

/// `d`'s layer with `spans` (id, chars, kind, label) added and `events`, marked done.
fn with_events(
    d: &mut Document,
    spans: &[(u32, u32, u32, SpanKind, &str)],
    events: Vec<biaozhu::model::Event>,
) {
    let mut all: Vec<Span> = d.layer.spans().to_vec();
    all.extend(
        spans
            .iter()
            .map(|(id, s, e, k, l)| Span::new(SpanId(*id), CharRange::new(*s, *e), *k, *l)),
    );
    d.layer = Layer::from_parts(all, events, DocStatus::Done, 30, 3);
}

/// `p` exported in `format` with `opts`.
fn exported(p: &Project, format: &str, opts: &Options) -> biaozhu::format::Exported {
    by_name(format)
        .expect("a format")
        .build(p, opts, &mut |_, _| true)
        .expect("builds")
        .expect("not cancelled")
}

/// The spans (start, end, label) of the first record of `p`'s Hugging Face spans export.
fn first_record_spans(p: &Project, opts: &Options) -> Vec<(u32, u32, String)> {
    let Output::File(s) = exported(p, "hf-spans", opts).output else {
        panic!("one file")
    };
    let v: serde_json::Value = serde_json::from_str(s.lines().next().unwrap()).unwrap();
    v["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["start"].as_u64().unwrap() as u32,
                s["end"].as_u64().unwrap() as u32,
                s["label"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The notes of exporting `p` in `format` with `opts`, in English.
fn export_notes(p: &Project, format: &str, opts: &Options) -> Vec<String> {
    exported(p, format, opts)
        .notes
        .into_iter()
        .map(|n| n.en)
        .collect()
}

/// Export notes on what a unit or a kind leaves out name only what the format would have
/// written, once for the export: a CoNLL export of triggers by sentence says nothing of the
/// arguments it never writes (it said so for every record), while formats that write events
/// still name an argument cut off from its trigger.
#[test]
fn notes_on_what_an_export_leaves_out_name_only_what_its_format_writes_once() {
    let mut p = project(3);
    for d in &mut p.documents {
        // 工作 (chars 9-11) in the first sentence, the argument 李四 (12-14) in the second,
        // and an argument across the first sentence's end (工作。李四).
        with_events(
            d,
            &[
                (20, 9, 11, SpanKind::Trigger, "就业"),
                (21, 12, 14, SpanKind::Argument, "ARG"),
                (22, 9, 14, SpanKind::Argument, "ARG"),
            ],
            vec![event(1, "就业", 20, &[("雇员", 21), ("事由", 22)])],
        );
    }
    let notes_of = |format: &str, opts: &Options| export_notes(&p, format, opts);
    let by_sentence = |kinds: Option<Vec<SpanKind>>| Options {
        unit: Unit::Sentence,
        kinds,
        ..Options::default()
    };
    let triggers = notes_of("conll", &by_sentence(Some(vec![SpanKind::Trigger])));
    let left: Vec<&String> = triggers
        .iter()
        .filter(|n| n.contains("of kinds this export does not write"))
        .collect();
    // Every sentence lost an entity; the argument across a sentence end is in none.
    assert_eq!(left.len(), 1, "one note for the export: {triggers:?}");
    assert!(
        left[0]
            .contains("18 entity, 3 argument, in 9 records, the first d0_s0 (it writes trigger)"),
        "{left:?}"
    );
    // In Chinese, the kinds by the names the export dialog gives them.
    let zh: Vec<String> = exported(&p, "conll", &by_sentence(Some(vec![SpanKind::Trigger])))
        .notes
        .into_iter()
        .map(|n| n.zh)
        .filter(|n| n.contains("不写入的种类"))
        .collect();
    assert_eq!(
        zh,
        [
            "本次导出不写入的种类的标注未导出：18 个实体，3 个论元，在 9 条记录中，第一条是 d0_s0（写入的种类：触发词）"
        ]
    );
    assert!(
        !triggers
            .iter()
            .any(|n| n.contains("of its trigger") || n.contains("in no single unit")),
        "CoNLL writes no argument: {triggers:?}"
    );
    // Entities and figures, the default: the argument across the sentence end is no loss.
    let entities = notes_of("conll", &by_sentence(None));
    assert!(
        !entities.iter().any(|n| n.contains("in no single unit")),
        "{entities:?}"
    );
    // A format that writes events names both losses, for each document.
    for format in ["doccano", "json"] {
        let notes = notes_of(format, &by_sentence(Some(vec![SpanKind::Trigger])));
        for d in ["d0", "d1", "d2"] {
            assert!(
                notes.iter().any(|n| n
                    .starts_with(&format!("{d}: left out 1 span in no single unit"))
                    && n.contains("ARG [9, 14)")),
                "{format}: {notes:?}"
            );
            assert!(
                notes.iter().any(|n| n
                    .starts_with(&format!("{d}: event E1 (就业): argument 雇员"))
                    && n.contains("of its trigger")),
                "{format}: {notes:?}"
            );
        }
    }
}

/// A DuEE split shares out and counts event types, the only labels DuEE writes: its summary
/// named the figures and entities of the arguments (DATE 45 …) and warned of a DATE missing
/// from dev, while a type missing from test went unsaid.
#[test]
fn a_duee_split_counts_and_stratifies_event_types() {
    use biaozhu::format::training::Split;
    let mut p = project(20);
    for (i, d) in p.documents.iter_mut().enumerate() {
        // A rare type in three documents, a common one in the others.
        let ty = if i % 7 == 3 {
            "人生-婚礼"
        } else {
            "组织关系-加盟"
        };
        with_events(
            d,
            &[(20, 9, 11, SpanKind::Trigger, ty)],
            vec![event(1, ty, 20, &[("地点", 2)])],
        );
    }
    let notes_of = |format: &str, stratify: bool| {
        let opts = Options {
            split: Some(Split {
                parts: [8, 1, 1],
                seed: 1,
                stratify,
            }),
            ..Options::default()
        };
        export_notes(&p, format, &opts)
    };
    let notes = notes_of("duee", true);
    let test = notes
        .iter()
        .find(|n| n.starts_with("test: "))
        .expect("a summary of test");
    assert!(
        test.contains("人生-婚礼 1") && test.contains("组织关系-加盟"),
        "{notes:?}"
    );
    assert!(
        !notes.iter().any(|n| n.contains("LOC") || n.contains("PER")),
        "{notes:?}"
    );
    // The corpus writes entities and events: both are counted, the trigger once as its event.
    let notes = notes_of("json", true);
    let train = notes
        .iter()
        .find(|n| n.starts_with("train: "))
        .expect("a summary of train");
    assert!(
        train.contains("LOC ") && train.contains("PER ") && train.contains("人生-婚礼 1 "),
        "{notes:?}"
    );
    // CoNLL of entities: no event type.
    let notes = notes_of("conll", true);
    assert!(!notes.iter().any(|n| n.contains("人生-婚礼")), "{notes:?}");
    // Hugging Face numbers the event types (and roles) from the schema in every part, so a
    // part without 人生-婚礼 has the same ids as train (each part numbered its own before).
    p.schema.events = biaozhu::format::duee_schema::parse(
        r#"{"event_type": "组织关系-加盟", "role_list": [{"role": "地点"}], "class": "组织关系"}
{"event_type": "人生-婚礼", "role_list": [{"role": "地点"}], "class": "人生"}"#,
    )
    .expect("a DuEE schema");
    let opts = Options {
        split: Some(Split {
            parts: [8, 1, 1],
            seed: 1,
            stratify: false,
        }),
        kinds: Some(vec![SpanKind::Trigger, SpanKind::Argument]),
        roles: true,
        ..Options::default()
    };
    let Output::Folder(files) = exported(&p, "hf", &opts).output else {
        panic!("a folder")
    };
    let labels: Vec<&String> = files
        .iter()
        .filter(|(n, _)| n.ends_with("labels.json"))
        .map(|(_, s)| s)
        .collect();
    assert_eq!(
        labels.len(),
        3,
        "{:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(labels.iter().all(|l| *l == labels[0]), "{labels:?}");
    for tag in ["B-人生-婚礼", "B-组织关系-加盟", "B-地点"] {
        assert!(labels[0].contains(tag), "{tag} in {}", labels[0]);
    }
}

/// `--roles`: a span format writes each argument of an event under its role, once per role
/// it fills (an entity that is also an argument keeps its label where entities are written),
/// and a split counts the roles it writes.
#[test]
fn arguments_are_written_under_their_roles_once_per_event() {
    let mut p = project(1);
    // 工作 (9-11): two events on one trigger span, 张三 (4-6, a PER) the 雇员 of both and
    // 北京 (7-9) the 地点 of the first; a bare ARG 李四 (12-14) in no event.
    with_events(
        &mut p.documents[0],
        &[
            (20, 9, 11, SpanKind::Trigger, "就业"),
            (21, 12, 14, SpanKind::Argument, "ARG"),
        ],
        vec![
            event(1, "就业", 20, &[("雇员", 1), ("地点", 2)]),
            event(2, "就业", 20, &[("受雇者", 1)]),
        ],
    );
    let spans_of = |kinds: Vec<SpanKind>, roles: bool| -> Vec<(u32, u32, String)> {
        let opts = Options {
            kinds: Some(kinds),
            roles,
            ..Options::default()
        };
        first_record_spans(&p, &opts)
    };
    let args = vec![SpanKind::Trigger, SpanKind::Argument];
    assert_eq!(
        spans_of(args.clone(), true),
        [
            (4, 6, "受雇者".to_string()),
            (4, 6, "雇员".to_string()),
            (7, 9, "地点".to_string()),
            (9, 11, "就业".to_string()),
            (12, 14, "ARG".to_string()),
        ]
    );
    // Without --roles, arguments are their spans (the ARG alone: the others are entities).
    assert_eq!(
        spans_of(args, false),
        [(9, 11, "就业".to_string()), (12, 14, "ARG".to_string())]
    );
    // With entities written too, 张三 is a PER and a 雇员.
    let with_entities = spans_of(vec![SpanKind::Entity, SpanKind::Argument], true);
    assert!(
        with_entities.contains(&(4, 6, "PER".to_string())),
        "{with_entities:?}"
    );
    assert!(
        with_entities.contains(&(4, 6, "雇员".to_string())),
        "{with_entities:?}"
    );
    // Roles need the argument kind: without it, nothing changes.
    assert_eq!(
        spans_of(vec![SpanKind::Entity], true),
        spans_of(vec![SpanKind::Entity], false)
    );
}

/// `--labels` may name event types and roles as well as span labels: a training set for one
/// event type, or for some roles, holds those events and arguments alone (before, an event
/// type or role in the list selected nothing and was said to be missing from the project).
#[test]
fn labels_may_name_event_types_and_roles() {
    let mut p = project(1);
    // 工作 (9-11) a 就业 with 张三 (4-6, PER) its 雇员 and 北京 (7-9, LOC) its 地点; 去了
    // (14-16) a 出行 with 李四 (12-14, PER) its 出行者 and 上海 (16-18, LOC) its 目的地.
    with_events(
        &mut p.documents[0],
        &[
            (20, 9, 11, SpanKind::Trigger, "就业"),
            (22, 14, 16, SpanKind::Trigger, "出行"),
        ],
        vec![
            event(1, "就业", 20, &[("雇员", 1), ("地点", 2)]),
            event(2, "出行", 22, &[("出行者", 3), ("目的地", 4)]),
        ],
    );
    let opts = |labels: &str, kinds: &[SpanKind], roles: bool| Options {
        labels: biaozhu::format::training::parse_labels(labels),
        kinds: Some(kinds.to_vec()),
        roles,
        ..Options::default()
    };
    let spans_of = |o: &Options| first_record_spans(&p, o);
    let span = |a: u32, b: u32, l: &str| (a, b, l.to_string());
    let (trig, arg, ent) = (SpanKind::Trigger, SpanKind::Argument, SpanKind::Entity);
    // One event type, its trigger and its arguments under their roles; not the other type,
    // and no entity written as an entity (PER and LOC are not in the list).
    assert_eq!(
        spans_of(&opts("就业", &[trig, arg, ent], true)),
        [span(4, 6, "雇员"), span(7, 9, "地点"), span(9, 11, "就业")]
    );
    // Some roles, of either type.
    assert_eq!(
        spans_of(&opts("雇员，目的地", &[arg], true)),
        [span(4, 6, "雇员"), span(16, 18, "目的地")]
    );
    // A type and a label: the entities of that label everywhere, the type's trigger.
    assert_eq!(
        spans_of(&opts("出行,LOC", &[trig, ent], false)),
        [span(7, 9, "LOC"), span(14, 16, "出行"), span(16, 18, "LOC")]
    );
    // The JSON corpus holds the kept event with the spans it names, nothing of the other.
    let (files, notes) = build(&p, &opts("就业", &SpanKind::ALL, false));
    let d = &files[0].1["documents"][0];
    let texts: Vec<&str> = d["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["张三", "北京", "工作"], "{d}");
    let events = d["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{d}");
    assert_eq!(events[0]["type"], "就业", "{d}");
    assert_eq!(events[0]["args"].as_array().map(Vec::len), Some(2), "{d}");
    assert!(
        notes.contains(
            &"1 event of types not among those kept (--labels) left out, with their triggers and arguments"
                .to_string()
        ),
        "{notes:?}"
    );
    assert!(!notes.iter().any(|n| n.contains("no label")), "{notes:?}");
    // 李四 and 上海 went with the 出行 event; 王五 and 𠮷野家 are counted by label.
    assert!(
        notes.contains(&"spans of labels not kept (--labels) left out: ORG 1, PER 1".to_string()),
        "{notes:?}"
    );
    // A name the project has nowhere is said to be missing, as a label, a type or a role
    // (the export dialog says so as it is typed).
    assert_eq!(
        biaozhu::format::training::unknown_labels(&p, &opts("就业,雇员,PER,无此", &[], false)),
        ["无此"]
    );
    let notes = export_notes(&p, "json", &opts("就业,无此", &SpanKind::ALL, false));
    assert!(
        notes
            .iter()
            .any(|n| n
                == "无此 to keep (--labels): no label, event type or role 无此 in the project"),
        "{notes:?}"
    );
    // A list of span labels alone filters spans as before: the events stay, and the
    // arguments whose spans' labels it lacks are left out, in one note for the export.
    let (files, notes) = build(&p, &opts("PER", &SpanKind::ALL, false));
    let events = files[0].1["documents"][0]["events"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(events.len(), 2);
    assert!(
        events
            .iter()
            .all(|e| e["args"].as_array().map(Vec::len) == Some(1))
    );
    assert!(
        notes.contains(
            &"2 event arguments in 1 document left out, their labels or roles not among those kept (--labels); the first in d0"
                .to_string()
        ),
        "{notes:?}"
    );
    // The triggers it keeps all the same are said to be kept, and why.
    let why = "the labels kept (--labels) name no event type, so 2 triggers of every type are written; name event types there to keep only theirs";
    assert!(notes.iter().any(|n| n == why), "{notes:?}");
    let triggers = opts("PER", &[trig], false);
    assert_eq!(
        spans_of(&triggers),
        [span(9, 11, "就业"), span(14, 16, "出行")]
    );
    let notes = export_notes(&p, "conll", &triggers);
    assert!(
        notes.iter().any(|n| n == why),
        "a span format writing triggers says it too"
    );
    // It writes no entity or argument: what the list left out of those is no loss.
    assert!(
        !notes
            .iter()
            .any(|n| n.contains("labels not kept") || n.contains("event arguments")),
        "{notes:?}"
    );
    // A span format that writes no trigger has nothing to say of them.
    assert!(
        !export_notes(&p, "conll", &opts("PER", &[ent], false))
            .iter()
            .any(|n| n.contains("name no event type")),
    );
}

/// `--keep-empty`: of the records with nothing to write (here, sentences without a
/// trigger), only a share stays, the same for the same seed; with a split, in train alone.
#[test]
fn keep_empty_thins_the_records_with_nothing_to_write_in_train_only() {
    let mut p = project(40);
    // Every document: a trigger (就业, on 工作) in its first sentence; the other sentences
    // hold none.
    for d in &mut p.documents {
        with_events(
            d,
            &[(20, 9, 11, SpanKind::Trigger, "就业")],
            vec![event(1, "就业", 20, &[])],
        );
    }
    let opts = |keep: Option<f64>, seed: u64| Options {
        unit: Unit::Sentence,
        kinds: Some(vec![SpanKind::Trigger]),
        keep_empty: keep,
        split: Some(Split {
            parts: [8, 1, 1],
            seed,
            stratify: false,
        }),
        ..Options::default()
    };
    // The records of each part: (with a trigger, without).
    let counts = |o: &Options| -> Vec<(usize, usize)> {
        let Output::Folder(files) = exported(&p, "hf-spans", o).output else {
            panic!("a folder")
        };
        let mut out = Vec::new();
        for part in ["train.jsonl", "dev.jsonl", "test.jsonl"] {
            let (_, body) = files.iter().find(|(n, _)| n == part).expect(part);
            let (mut with, mut without) = (0, 0);
            for l in body.lines() {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                if v["spans"].as_array().unwrap().is_empty() {
                    without += 1;
                } else {
                    with += 1;
                }
            }
            out.push((with, without));
        }
        out
    };
    let all = counts(&opts(None, 1));
    assert!(
        all[0].1 >= 2 * all[0].0,
        "most sentences hold no trigger: {all:?}"
    );
    // None kept: train holds triggers alone; dev and test are as they were.
    let none = counts(&opts(Some(0.0), 1));
    assert_eq!(none[0], (all[0].0, 0));
    assert_eq!(none[1..], all[1..]);
    // All kept: nothing changes.
    assert_eq!(counts(&opts(Some(1.0), 1)), all);
    // A quarter: about a quarter of train's, the same for the same seed, others for another.
    let quarter = counts(&opts(Some(0.25), 1));
    assert_eq!(quarter[0].0, all[0].0);
    let (kept, of) = (quarter[0].1 as f64, all[0].1 as f64);
    assert!((0.1..0.4).contains(&(kept / of)), "{quarter:?} of {all:?}");
    assert_eq!(counts(&opts(Some(0.25), 1)), quarter);
    let ids = |seed: u64| -> String {
        let Output::Folder(files) = exported(&p, "hf-spans", &opts(Some(0.25), seed)).output else {
            panic!("a folder")
        };
        files
            .into_iter()
            .find(|(n, _)| n == "train.jsonl")
            .unwrap()
            .1
    };
    assert_ne!(ids(1), ids(2));
    let notes = export_notes(&p, "hf-spans", &opts(Some(0.25), 1));
    let said = format!(
        "{} of train's {} records with nothing to write left out (kept 25 %, --keep-empty 0.25, seed 1); dev and test keep all theirs",
        all[0].1 - quarter[0].1,
        all[0].1
    );
    assert!(notes.contains(&said), "{notes:?}");
    // Without a split, the whole export.
    let o = Options {
        split: None,
        ..opts(Some(0.0), 0)
    };
    let Output::File(body) = exported(&p, "hf-spans", &o).output else {
        panic!("one file")
    };
    assert!(body.lines().all(|l| !l.contains("\"spans\":[]")), "{body}");
    assert_eq!(body.lines().count(), 40);
    // With no record empty, the option says it changed nothing.
    let o = Options {
        unit: Unit::Document,
        ..o
    };
    let notes = export_notes(&p, "hf-spans", &o);
    assert!(
        notes.contains(
            &"every record has something to write: \"Keep 0 % of the records with nothing to write\" (--keep-empty 0) left none out".to_string()
        ),
        "{notes:?}"
    );
    assert!(!notes.iter().any(|n| n.contains("0 of the 0")), "{notes:?}");
}

#[test]
fn articles_of_the_sample_bulletin_keep_every_span_on_its_text() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample");
    let p = biaozhu::store::load(&dir, "main", &mut |_, _| true).expect("sample loads");
    let opts = Options {
        unit: Unit::Article,
        ..Options::default()
    };
    let (files, _notes) = build(&p, &opts);
    let v = &files[0].1;
    let docs = v["documents"].as_array().unwrap();
    assert!(
        docs.len() > p.documents.len(),
        "several articles a page: {}",
        docs.len()
    );
    assert!(
        docs.iter()
            .all(|d| d["id"].as_str().unwrap().contains("_a"))
    );
    assert_spans_land(v);
}

/// Every accepted span of `p`'s documents (any kind: the corpus JSON writes triggers and
/// arguments too) as (text, label), sorted: what an export must keep.
fn span_texts(p: &Project) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = p
        .documents
        .iter()
        .flat_map(|d| {
            d.layer.accepted().map(|s| {
                (
                    d.text.slice(s.range).expect("in range").to_string(),
                    s.label.clone(),
                )
            })
        })
        .collect();
    v.sort();
    v
}

/// The exported spans of a corpus JSON as (text, label), sorted.
fn exported_span_texts(v: &serde_json::Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .flat_map(|d| d["spans"].as_array().expect("spans").clone())
        .map(|s| {
            (
                s["text"].as_str().expect("text").to_string(),
                s["label"].as_str().expect("label").to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn records_longer_than_max_chars_are_cut_at_sentence_ends_and_never_inside_a_span() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample");
    let p = biaozhu::store::load(&dir, "main", &mut |_, _| true).expect("sample loads");
    let whole: usize = p
        .documents
        .iter()
        .map(|d| d.text.len_chars() as usize)
        .sum();
    assert!(whole > 510, "the sample is one long page: {whole} chars");
    let opts = Options {
        max_chars: Some(510),
        ..Options::default()
    };
    let (files, notes) = build(&p, &opts);
    let v = &files[0].1;
    let docs = v["documents"].as_array().expect("documents");
    let lens: Vec<usize> = docs
        .iter()
        .map(|d| d["text"].as_str().expect("text").chars().count())
        .collect();
    assert!(docs.len() >= whole / 510, "{} pieces", docs.len());
    assert!(lens.iter().all(|&n| n <= 510 && n > 0), "{lens:?}");
    // The pieces are the page in order, nothing lost or repeated.
    let joined: String = docs
        .iter()
        .map(|d| d["text"].as_str().expect("text"))
        .collect();
    assert_eq!(joined, p.documents[0].text.as_str());
    assert!(
        docs.iter()
            .all(|d| d["id"].as_str().expect("id").contains("_c"))
    );
    // Every span on its text, and every span of the page kept.
    assert_spans_land(v);
    assert_eq!(exported_span_texts(v), span_texts(&p));
    // The sample's sentences are short: every cut at a sentence end.
    let first = p.documents[0].text.as_str();
    let ends: BTreeSet<u32> = biaozhu::zh::sentences::split(first)
        .iter()
        .map(|r| r.end)
        .collect();
    let mut at = 0u32;
    for n in &lens[..lens.len() - 1] {
        at += *n as u32;
        assert!(ends.contains(&at), "a cut at {at} is no sentence end");
    }
    let note = notes
        .iter()
        .find(|n| n.contains("longer than 510 chars"))
        .unwrap_or_else(|| panic!("no note of the cut: {notes:?}"));
    assert!(
        note.contains(&format!(
            "into {} records (0 cuts inside a sentence",
            docs.len()
        )),
        "{note}"
    );
}

#[test]
fn a_sentence_longer_than_the_limit_is_cut_at_a_comma_then_anywhere_but_inside_a_span() {
    // 0 张三、李四、王五和赵六，在北京开会。  One sentence of 18 chars; a limit of 8.
    let text = "张三、李四、王五和赵六，在北京开会。";
    let find = |s: &str| {
        let chars: Vec<char> = text.chars().collect();
        let n: Vec<char> = s.chars().collect();
        let at = (0..chars.len())
            .find(|&k| chars[k..].starts_with(&n))
            .expect("in the text");
        CharRange::new(at as u32, (at + n.len()) as u32)
    };
    let spans = ["张三", "李四", "王五", "赵六", "在北京开会"]
        .iter()
        .enumerate()
        .map(|(k, s)| Span::new(SpanId(k as u32 + 1), find(s), SpanKind::Entity, "X"))
        .collect();
    let mut p = Project::new("t", "main");
    p.documents.push(Document {
        meta: DocMeta {
            id: "d".into(),
            published: None,
            imported_from: None,
        },
        text: Text::new(text),
        layer: Layer::from_parts(spans, Vec::new(), DocStatus::Done, 9, 1),
    });
    let opts = Options {
        max_chars: Some(8),
        ..Options::default()
    };
    let (files, notes) = build(&p, &opts);
    let v = &files[0].1;
    let got: Vec<&str> = v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["text"].as_str().expect("text"))
        .collect();
    // After the last 、 that fits (张三、李四、), then the ， (王五和赵六，), then what is
    // left (在北京开会。, 6 chars).
    assert_eq!(got, vec!["张三、李四、", "王五和赵六，", "在北京开会。"]);
    assert_spans_land(v);
    assert_eq!(exported_span_texts(v), span_texts(&p));
    assert!(
        notes
            .iter()
            .any(|n| n.contains("(2 cuts inside a sentence after a comma")),
        "{notes:?}"
    );
    // A span longer than the limit keeps its piece whole, and is named.
    let opts = Options {
        max_chars: Some(3),
        ..Options::default()
    };
    let (files, notes) = build(&p, &opts);
    let v = &files[0].1;
    assert_spans_land(v);
    assert_eq!(exported_span_texts(v), span_texts(&p));
    assert!(
        notes
            .iter()
            .any(|n| n.contains("still longer than 3 chars")),
        "{notes:?}"
    );
}

/// A copy of the sample project, opened: (its folder, the project).
fn sample() -> (tempfile::TempDir, Project) {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            if p.is_dir() {
                copy(&p, &to.join(e.file_name()));
            } else {
                std::fs::copy(&p, to.join(e.file_name())).unwrap();
            }
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    copy(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample"),
        &dir,
    );
    let (_store, p) = biaozhu::store::Store::open(&dir, "main", &mut |_, _| true).unwrap();
    (tmp, p)
}

/// Issue #13 item 7: every note an export writes reads in Chinese for the Chinese window:
/// some Chinese, and no English sentence left in it (outside quotes). Walks every exporter
/// with the options that make notes (events a format cannot hold, kinds left out, nested
/// spans, units, a label filter and map, a status filter, a split), on the sample with a
/// pending argument and an overlapping span added.
#[test]
fn every_export_note_reads_in_chinese() {
    let (_tmp, mut p) = sample();
    {
        let d = &mut p.documents[0];
        let spans: Vec<Span> = d.layer.spans().to_vec();
        let first = spans
            .iter()
            .find(|s| s.kind == SpanKind::Entity && s.range.len() >= 3)
            .expect("an entity of three chars or more");
        let mut inner = Span::new(
            SpanId(9000),
            CharRange::new(first.range.start + 1, first.range.end),
            SpanKind::Entity,
            "LOC",
        );
        inner.status = biaozhu::model::SpanStatus::Pending;
        let mut all = spans.clone();
        all.push(inner);
        // One entity flagged unsure: the notes say it was written, or its record skipped.
        if let Some(s) = all.iter_mut().find(|s| s.kind == SpanKind::Entity) {
            s.unsure = true;
        }
        let mut events = d.layer.events.clone();
        if let Some(e) = events.first_mut() {
            e.args.push(("地点".into(), SpanId(9000)));
        }
        d.layer = Layer::from_parts(
            all,
            events,
            d.layer.status,
            d.layer.next_span + 9001,
            d.layer.next_event,
        );
    }
    let english_run = |s: &str| -> Option<String> {
        // Quoted parts ("…", '…') are data; the rest is the message.
        let mut out = String::new();
        let mut quoted = false;
        for c in s.chars() {
            if c == '"' {
                quoted = !quoted;
                out.push(' ');
            } else if !quoted {
                out.push(c);
            }
        }
        let words: Vec<&str> = out
            .split(|c: char| !c.is_ascii_alphabetic() && c != ' ')
            .collect();
        words
            .iter()
            .map(|w| w.split(' ').filter(|x| !x.is_empty()).collect::<Vec<_>>())
            .find(|w| w.len() >= 4)
            .map(|w| w.join(" "))
    };
    let mut option_sets = vec![Options::default()];
    option_sets.push(Options {
        unit: Unit::Sentence,
        ..Options::default()
    });
    option_sets.push(Options {
        labels: Some(vec!["ORG".into(), "LOC".into()]),
        map: vec![("PER".into(), "PERSON".into()), ("NOPE".into(), "X".into())],
        status: Some(DocStatus::Reviewed),
        ..Options::default()
    });
    option_sets.push(Options {
        split: Some(Split::parse("8:1:1", 1).unwrap()),
        labels: Some(vec!["ORG".into(), "GONE".into()]),
        ..Options::default()
    });
    option_sets.push(Options {
        unit: Unit::Sentence,
        split: Some(Split::parse("8:1:1", 1).unwrap()),
        dedup: true,
        ..Options::default()
    });
    option_sets.push(Options {
        max_chars: Some(40),
        ..Options::default()
    });
    option_sets.push(Options {
        unit: Unit::Sentence,
        skip_unsure: true,
        ..Options::default()
    });
    option_sets.push(Options {
        folds: Some(biaozhu::format::training::Folds {
            k: 3,
            seed: 1,
            stratify: true,
            dev: true,
        }),
        ..Options::default()
    });
    let mut wrong = Vec::new();
    let mut seen = BTreeSet::new();
    let mut count = 0;
    for f in biaozhu::format::exporters() {
        for opts in &option_sets {
            let Ok(Some(built)) = f.build(&p, opts, &mut |_, _| true) else {
                continue;
            };
            for n in &built.notes {
                count += 1;
                seen.insert(f.name);
                let has_cjk = n.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                if !has_cjk {
                    wrong.push(format!("{}: no Chinese: {}", f.name, n.zh));
                } else if let Some(run) = english_run(&n.zh) {
                    wrong.push(format!("{}: English {run:?} in: {}", f.name, n.zh));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    eprintln!("{count} export notes from {seen:?} read in Chinese");
    assert!(
        count >= 30 && seen.len() >= 8,
        "{count} notes from {seen:?}"
    );
}

#[test]
fn records_with_unsure_tags_are_counted_or_left_out_with_skip_unsure() {
    let mut p = project(2);
    // 北京 in d0's first sentence and 王五 in d1's last are flagged unsure (存疑).
    for (d, label_text) in [(0usize, 1usize), (1, 4)] {
        let doc = &mut p.documents[d];
        let mut spans = doc.layer.spans().to_vec();
        spans[label_text].unsure = true;
        doc.layer = Layer::from_parts(spans, Vec::new(), doc.layer.status, 10, 1);
    }
    let by_sentence = Options {
        unit: Unit::Sentence,
        ..Options::default()
    };
    // Without the option: written as they are, and said.
    let (files, notes) = build(&p, &by_sentence);
    assert_eq!(files[0].1["documents"].as_array().unwrap().len(), 6);
    assert!(
        notes.iter().any(|n| n.contains(
            "2 spans or events flagged unsure written as they are (in 2 records); --skip-unsure"
        )),
        "{notes:?}"
    );
    // With it: the two sentences holding them are left out, the four others kept whole.
    let skip = Options {
        skip_unsure: true,
        ..by_sentence.clone()
    };
    let (files, notes) = build(&p, &skip);
    let v = &files[0].1;
    let texts: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        vec![
            "李四去了上海。",
            "😀王五在𠮷野家。",
            "第1篇：张三在北京工作。",
            "李四去了上海。"
        ]
    );
    assert_spans_land(v);
    assert!(
        notes
            .iter()
            .any(|n| n
                .contains("2 records holding a span or event flagged unsure (2 in all) left out")),
        "{notes:?}"
    );
    // A pending unsure span is not written, so it makes no record unsure; with
    // --include-pending it does.
    let mut q = project(1);
    {
        let doc = &mut q.documents[0];
        let mut spans = doc.layer.spans().to_vec();
        spans[0].unsure = true;
        spans[0].status = biaozhu::model::SpanStatus::Pending;
        doc.layer = Layer::from_parts(spans, Vec::new(), doc.layer.status, 10, 1);
    }
    let (files, _) = build(&q, &skip);
    assert_eq!(files[0].1["documents"].as_array().unwrap().len(), 3);
    let (files, _) = build(
        &q,
        &Options {
            include_pending: true,
            ..skip.clone()
        },
    );
    assert_eq!(files[0].1["documents"].as_array().unwrap().len(), 2);
    // Nothing unsure: no note.
    let (_, notes) = build(&project(1), &skip);
    assert!(!notes.iter().any(|n| n.contains("unsure")), "{notes:?}");
}

#[test]
fn k_fold_cross_validation_tests_every_document_once_and_keeps_a_document_on_one_side() {
    use biaozhu::format::training::Folds;
    let p = project(10);
    let opts = Options {
        folds: Some(Folds {
            k: 3,
            seed: 5,
            stratify: false,
            dev: false,
        }),
        unit: Unit::Sentence,
        ..Options::default()
    };
    let (files, notes) = build(&p, &opts);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "fold0/train.json",
            "fold0/test.json",
            "fold1/train.json",
            "fold1/test.json",
            "fold2/train.json",
            "fold2/test.json"
        ]
    );
    let doc_of = |id: &str| id.split('_').next().unwrap().to_string();
    let docs =
        |v: &serde_json::Value| -> BTreeSet<String> { ids(v).iter().map(|i| doc_of(i)).collect() };
    let mut tested: Vec<String> = Vec::new();
    for round in 0..3 {
        let train = docs(&files[2 * round].1);
        let test = docs(&files[2 * round + 1].1);
        assert!(
            train.is_disjoint(&test),
            "round {round}: {train:?} {test:?}"
        );
        assert_eq!(train.len() + test.len(), 10, "round {round}");
        assert_spans_land(&files[2 * round + 1].1);
        tested.extend(test);
    }
    tested.sort();
    let all: Vec<String> = (0..10).map(|i| format!("d{i}")).collect();
    let mut want = all.clone();
    want.sort();
    assert_eq!(tested, want, "every document is tested on exactly once");
    assert!(
        notes.iter().any(|n| n
            .starts_with("10 documents in 3 folds by document (seed 5): 4 · 3 · 3")
            || n.starts_with("10 documents in 3 folds by document (seed 5): 3 · 4 · 3")
            || n.starts_with("10 documents in 3 folds by document (seed 5): 3 · 3 · 4")),
        "{notes:?}"
    );
    // Each round's parts are summed up, named by the fold; no dev part.
    assert!(
        notes
            .iter()
            .any(|n| n.contains("fold1") && n.contains("test: ")),
        "{notes:?}"
    );
    assert!(!notes.iter().any(|n| n.contains("dev: ")), "{notes:?}");
    // The same seed gives the same folds.
    assert_eq!(build(&p, &opts).0, files);
    // Stratified: a label in three documents reaches every fold's test part.
    let rare = orgs_only_in(&p, &[1, 4, 7]);
    for seed in 0..10 {
        let strat = Options {
            folds: Some(Folds {
                k: 3,
                seed,
                stratify: true,
                dev: false,
            }),
            ..Options::default()
        };
        let (files, _) = build(&rare, &strat);
        for round in 0..3 {
            let test = &files[2 * round + 1].1;
            let orgs = test["documents"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|d| d["spans"].as_array().unwrap().iter())
                .filter(|s| s["label"] == "ORG")
                .count();
            assert_eq!(orgs, 1, "seed {seed}, round {round}");
        }
    }
}

#[test]
fn k_fold_with_a_dev_fold_tests_and_develops_on_every_document_once() {
    use biaozhu::format::training::Folds;
    let p = project(12);
    let opts = Options {
        folds: Some(Folds {
            k: 4,
            seed: 3,
            stratify: false,
            dev: true,
        }),
        unit: Unit::Sentence,
        ..Options::default()
    };
    let (files, notes) = build(&p, &opts);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let want: Vec<String> = (0..4)
        .flat_map(|r| ["train", "dev", "test"].map(|part| format!("fold{r}/{part}.json")))
        .collect();
    assert_eq!(names, want);
    let doc_of = |id: &str| id.split('_').next().unwrap().to_string();
    let docs =
        |v: &serde_json::Value| -> BTreeSet<String> { ids(v).iter().map(|i| doc_of(i)).collect() };
    let (mut tested, mut developed) = (Vec::new(), Vec::new());
    let mut tests_of_round = Vec::new();
    for round in 0..4 {
        let train = docs(&files[3 * round].1);
        let dev = docs(&files[3 * round + 1].1);
        let test = docs(&files[3 * round + 2].1);
        assert!(!dev.is_empty() && !test.is_empty() && !train.is_empty());
        assert!(train.is_disjoint(&dev) && train.is_disjoint(&test) && dev.is_disjoint(&test));
        assert_eq!(train.len() + dev.len() + test.len(), 12, "round {round}");
        assert_spans_land(&files[3 * round + 1].1);
        tested.extend(test.clone());
        developed.extend(dev.clone());
        tests_of_round.push((test, dev));
    }
    // Round i develops on the fold round i+1 tests on.
    for round in 0..4 {
        assert_eq!(tests_of_round[round].1, tests_of_round[(round + 1) % 4].0);
    }
    tested.sort();
    developed.sort();
    let mut all: Vec<String> = (0..12).map(|i| format!("d{i}")).collect();
    all.sort();
    assert_eq!(tested, all, "every document is tested on exactly once");
    assert_eq!(developed, all, "and is dev exactly once");
    assert!(
        notes.iter().any(|n| n.starts_with("12 documents in 4 folds by document (seed 3): 3 · 3 · 3 · 3; round i tests on fold i, develops on fold i+1 and trains on the rest")),
        "{notes:?}"
    );
    // Each round's dev part is summed up like its train and test.
    // (Every round has 3 documents of 3 sentences there, so it is said once for all.)
    assert!(
        notes.iter().any(|n| n.starts_with("dev: 9 records")),
        "{notes:?}"
    );
}

#[test]
fn a_split_or_folds_export_writes_a_manifest_of_which_documents_went_where() {
    use biaozhu::format::training::Folds;
    let p = project(9);
    let f = by_name("conll").expect("conll");
    let manifest = |opts: &Options| -> serde_json::Value {
        let out = f
            .build(&p, opts, &mut |_, _| true)
            .expect("builds")
            .expect("not cancelled");
        let Output::Folder(files) = out.output else {
            panic!("a folder");
        };
        let (_, m) = files
            .iter()
            .find(|(n, _)| n == "manifest.json")
            .expect("a manifest");
        serde_json::from_str(m).expect("json")
    };
    let split = Options {
        split: Some(Split {
            parts: [1, 1, 1],
            seed: 4,
            stratify: false,
        }),
        unit: Unit::Sentence,
        ..Options::default()
    };
    let m = manifest(&split);
    assert_eq!(m["format"], "conll");
    assert_eq!(m["layer"], "main");
    assert_eq!(m["unit"], "sentence");
    assert_eq!(m["split"]["seed"], 4);
    let parts = m["parts"].as_array().unwrap();
    let names: Vec<&str> = parts.iter().map(|x| x["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["train", "dev", "test"]);
    // Every document in exactly one part, and the records are its sentences.
    let mut all: Vec<&str> = parts
        .iter()
        .flat_map(|x| x["documents"].as_array().unwrap())
        .map(|d| d.as_str().unwrap())
        .collect();
    all.sort();
    let mut want: Vec<String> = p.documents.iter().map(|d| d.meta.id.clone()).collect();
    want.sort();
    assert_eq!(all, want);
    let (built, _) = build(&p, &split);
    for (part, (name, json)) in parts.iter().zip(&built) {
        assert!(name.starts_with(part["name"].as_str().unwrap()));
        assert_eq!(part["records"], ids(json).len(), "{name}");
    }
    // The same seed, the same manifest.
    assert_eq!(manifest(&split), m);
    // Folds: a round's parts list its documents; each is tested on once.
    let folds = Options {
        folds: Some(Folds {
            k: 3,
            seed: 1,
            stratify: false,
            dev: false,
        }),
        ..Options::default()
    };
    let m = manifest(&folds);
    assert_eq!(m["folds"]["k"], 3);
    let tested: usize = m["parts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["name"].as_str().unwrap().ends_with("/test"))
        .map(|x| x["documents"].as_array().unwrap().len())
        .sum();
    assert_eq!(tested, 9);
    // No split: a single file, no manifest.
    let out = f
        .build(&p, &Options::default(), &mut |_, _| true)
        .expect("builds")
        .expect("not cancelled");
    assert!(matches!(out.output, Output::File(_)));
}
