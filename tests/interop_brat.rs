//! brat standoff against real files: the brat tutorial's `.ann` files (T, E, A, R, N, `#`
//! and `*` lines, with their `annotation.conf`) import with the right spans, notes and
//! schema; what biaozhu has no home for is reported with file and line; a project with
//! CRLF, full-width chars, 😀, 👨‍👩‍👧 and 𠮷 goes out and comes back the same; bad files name
//! the file and line, exit non-zero and leave the project as it was.

#[path = "support/bin.rs"]
mod support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use biaozhu::model::{Project, SpanKind};
use support::{Run, bz};

fn new_project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("proj");
    let r = bz([OsStr::new("new"), dir.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    (tmp, dir)
}

fn import(dir: &Path, files: &[PathBuf]) -> Run {
    let mut args: Vec<&OsStr> = vec![OsStr::new("import"), dir.as_os_str()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    args.extend([OsStr::new("--format"), OsStr::new("brat")]);
    bz(args)
}

fn export(dir: &Path, out: &Path) -> Run {
    bz([
        OsStr::new("export"),
        dir.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("brat"),
        OsStr::new("--out"),
        out.as_os_str(),
    ])
}

fn news() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/interop/brat-news")
}

fn anns(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    v.sort();
    v
}

fn load(dir: &Path) -> Project {
    biaozhu::store::load(dir, "main", &mut |_, _| true).unwrap()
}

/// One span as `(label, start, end, surface, note)`.
type SpanRow = (String, u32, u32, String, Option<String>);

/// The spans of document `id`, by position.
fn spans(p: &Project, id: &str) -> Vec<SpanRow> {
    let d = &p.documents[p
        .doc_index(id)
        .unwrap_or_else(|| panic!("no document {id}"))];
    d.layer
        .spans()
        .iter()
        .map(|s| {
            (
                s.label.clone(),
                s.range.start,
                s.range.end,
                d.text.slice(s.range).unwrap().to_string(),
                s.note.clone(),
            )
        })
        .collect()
}

fn find(rows: &[SpanRow], start: u32, end: u32) -> &SpanRow {
    rows.iter()
        .find(|r| r.1 == start && r.2 == end)
        .unwrap_or_else(|| panic!("no span {start}-{end} in {rows:?}"))
}

/// Everything a document's layer holds, ids replaced by ranges (export renumbers them):
/// spans (range, label, kind, value, note, status) and events (type, trigger, roles).
fn layer_summary(p: &Project) -> Vec<(String, String, Vec<String>, Vec<String>)> {
    p.documents
        .iter()
        .map(|d| {
            let l = &d.layer;
            let r = |id| l.span(id).map(|s| s.range.to_string()).unwrap_or_default();
            let mut spans: Vec<String> = l
                .spans()
                .iter()
                .map(|s| {
                    format!(
                        "{} {} {:?} {:?} {:?} {:?}",
                        s.range, s.label, s.kind, s.value, s.note, s.status
                    )
                })
                .collect();
            spans.sort();
            let events = l
                .events
                .iter()
                .map(|e| {
                    let args: Vec<String> = e
                        .args
                        .iter()
                        .map(|(role, a)| format!("{role}={}", r(*a)))
                        .collect();
                    format!("{} {} {}", e.event_type, r(e.trigger), args.join(" "))
                })
                .collect();
            (
                d.meta.id.clone(),
                d.text.as_str().to_string(),
                spans,
                events,
            )
        })
        .collect()
}

#[test]
fn the_brat_tutorial_files_import_with_their_spans_notes_attributes_and_schema() {
    let (tmp, dir) = new_project();
    let r = import(&dir, &anns(&news()));
    // Relations, normalisations, equivalences and events as arguments are reported: exit 1,
    // every document goes in.
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(r.stdout.matches("imported ").count(), 13, "{r:?}");
    let err = &r.stderr;
    let says = |file: &str, line: usize, what: &str| {
        let head = format!("{file}:line {line}: ");
        assert!(
            err.lines().any(|l| l.contains(&head) && l.contains(what)),
            "{head}{what}:\n{err}"
        )
    };
    says("000-introduction.ann", 9, "R2 (a relation) is not imported");
    says(
        "000-introduction.ann",
        11,
        "R1 (a relation) is not imported",
    );
    says(
        "000-introduction.ann",
        17,
        "N1 (a normalisation) is not imported",
    );
    says(
        "060-relation_annotation.ann",
        6,
        "(an equivalence) is not imported",
    );
    says(
        "070-editing_relation_annotations.ann",
        13,
        "R3 (a relation)",
    );
    says(
        "090-event_structures.ann",
        7,
        "E2: argument E1 of role Event-Arg",
    );
    says(
        "100-attribute_annotation.ann",
        18,
        "E1: argument E2 of role Event-Arg",
    );
    says(
        "110-note_annotation.ann",
        12,
        "#3 (a note) is not imported: R1",
    );
    // The schema's one problem is said once, not once per file.
    assert_eq!(
        err.matches("annotation.conf:line 66: Report: role Event-Arg accepts <EVENT>")
            .count(),
        1,
        "{err}"
    );
    // Nothing else is left out: each problem names its line.
    let problems: Vec<&str> = err.lines().filter(|l| l.contains(":line ")).collect();
    // 000: R R N; the conf; 060: * R; 070: R * R R; 090 and 100: four events as
    // arguments each; 110: R, R and the note on R1.
    assert_eq!(problems.len(), 3 + 1 + 2 + 4 + 4 + 4 + 3, "{problems:#?}");
    for l in ["Person", "Organization", "GPE", "Money"] {
        assert!(
            err.contains(&format!("label {l} is declared beside the files")),
            "{err}"
        );
    }
    assert!(
        err.contains("event type Merge-org is declared beside the files"),
        "{err}"
    );
    let p = load(&dir);
    assert_eq!(p.documents.len(), 13);
    // The schema: annotation.conf's labels, event types and roles.
    let merge = p.schema.event_type("Merge-org").unwrap();
    assert_eq!(merge.roles.len(), 1);
    assert_eq!(merge.roles[0].name, "Org-Arg");
    assert_eq!(merge.roles[0].accepts, ["Organization"]);
    assert!(merge.roles[0].required && merge.roles[0].repeat);
    let born = p.schema.event_type("Be-born").unwrap();
    assert_eq!(
        born.roles
            .iter()
            .map(|r| (r.name.as_str(), r.required, r.repeat))
            .collect::<Vec<_>>(),
        [("Person-Arg", true, false), ("Place-Arg", false, false)]
    );
    let report = p.schema.event_type("Report").unwrap();
    assert_eq!(report.roles.len(), 1, "Event-Arg takes events: left out");
    // Each type declared gets a Shift key and a colour of its own while letters last.
    let keys: Vec<char> = p.schema.events.iter().filter_map(|t| t.hotkey).collect();
    assert_eq!(keys.len(), p.schema.events.len().min(26));
    let distinct: std::collections::BTreeSet<char> = keys.iter().copied().collect();
    assert_eq!(distinct.len(), keys.len(), "{keys:?}");
    assert_ne!(merge.color, born.color);
    assert_eq!(report.roles[0].accepts, ["Person", "Organization", "GPE"]);

    // 000: spans, a note, attributes on spans and on the event.
    let s = spans(&p, "000-introduction");
    assert_eq!(s.len(), 7);
    assert_eq!(
        find(&s, 418, 426),
        &("Organization".into(), 418, 426, "Citibank".into(), None)
    );
    assert_eq!(find(&s, 456, 468).3, "$100 million");
    assert_eq!(find(&s, 456, 468).4.as_deref(), Some("100000000 USD"));
    assert_eq!(
        find(&s, 473, 496).4.as_deref(),
        Some("brat-attribute Mention Name\nbrat-attribute Individual")
    );
    assert_eq!(find(&s, 511, 535).3, "former Mexican president");
    let moving = find(&s, 443, 449);
    assert_eq!(
        (moving.0.as_str(), moving.3.as_str()),
        ("Transfer-money", "moving")
    );
    assert_eq!(
        moving.4.as_deref(),
        Some("brat-event-attribute Confidence High")
    );
    let d = &p.documents[p.doc_index("000-introduction").unwrap()];
    let roles: Vec<&str> = d.layer.events[0]
        .args
        .iter()
        .map(|(r, _)| r.as_str())
        .collect();
    assert_eq!(
        roles,
        ["Giver-Arg", "Money-Arg", "Beneficiary-Arg", "Recipient-Arg"]
    );

    // 080: repeated roles (Org-Arg2 …) are the same role.
    let d = &p.documents[p.doc_index("080-event-annotation").unwrap()];
    assert_eq!(d.layer.events.len(), 4);
    assert_eq!(
        d.layer.events[2]
            .args
            .iter()
            .map(|(r, _)| r.as_str())
            .collect::<Vec<_>>(),
        ["Org-Arg"; 4]
    );

    // 100: attributes on a span and on events (each on its trigger).
    let s = spans(&p, "100-attribute_annotation");
    assert_eq!(s.len(), 26);
    let somebody = find(&s, 497, 505);
    assert_eq!(somebody.3, "Somebody");
    assert_eq!(somebody.4.as_deref(), Some("brat-attribute Individual"));
    for (start, end, surface, conf) in [
        (506, 513, "twitted", "Neutral"),
        (531, 536, "merge", "Low"),
        (557, 563, "merger", "Neutral"),
        (601, 608, "reports", "Neutral"),
        (626, 632, "merged", "High"),
    ] {
        let t = find(&s, start, end);
        assert_eq!(t.3, surface);
        assert_eq!(
            t.4.as_deref(),
            Some(format!("brat-event-attribute Confidence {conf}").as_str())
        );
    }
    assert_eq!(find(&s, 873, 880).4, None, "E6 has no attribute");

    // 110: notes on a span and on an event.
    let s = spans(&p, "110-note_annotation");
    let disc = find(&s, 412, 421);
    assert_eq!(
        (disc.0.as_str(), disc.3.as_str(), disc.4.as_deref()),
        (
            "GPE",
            "Discworld",
            Some("Should fictional places be annotated?")
        )
    );
    assert_eq!(
        find(&s, 495, 501).4.as_deref(),
        Some(
            "brat-event-note Annotate as one merge event with three participants or two \
             events with two participants each?"
        )
    );
    assert_eq!(find(&s, 520, 534).3, "Orville Wright");

    // The project goes out as brat and comes back the same (the A and # lines written
    // again), into a project that gets the same schema from the exported annotation.conf.
    let out = tmp.path().join("out");
    let e = export(&dir, &out);
    assert_eq!(e.code, 0, "{e:?}");
    let ann = std::fs::read_to_string(out.join("100-attribute_annotation.ann")).unwrap();
    assert_eq!(
        ann.lines().filter(|l| l.starts_with('A')).count(),
        6,
        "{ann}"
    );
    assert!(ann.lines().any(|l| l.ends_with("\tIndividual T1")), "{ann}");
    let conf = std::fs::read_to_string(out.join("annotation.conf")).unwrap();
    assert!(
        conf.contains("\nConfidence\tArg:<EVENT>, Value:High|Low|Neutral\n"),
        "{conf}"
    );
    assert!(
        conf.contains("\nMerge-org\tOrg-Arg+:Organization\n"),
        "{conf}"
    );
    let (_t2, dir2) = new_project();
    let r2 = import(&dir2, &anns(&out));
    assert_eq!(r2.code, 0, "{r2:?}");
    let p2 = load(&dir2);
    assert_eq!(layer_summary(&p2), layer_summary(&p));
    for t in &p.schema.events {
        assert_eq!(
            p2.schema.event_type(&t.key).map(|x| &x.roles),
            Some(&t.roles)
        );
    }
}

#[test]
fn a_discontinuous_span_becomes_one_span_per_fragment_with_its_line() {
    let (tmp, dir) = new_project();
    let d = tmp.path().join("d");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("甘肃.txt"), "甘肃省和兰州市举办活动\r\n😀👨‍👩‍👧𠮷").unwrap();
    std::fs::write(
        d.join("甘肃.ann"),
        "T1\tLOC 0 2;4 6\t甘肃 兰州\nT2\tLOC 13 14;19 20\t😀 𠮷\nT3\t举办 7 9\t举办\n\
         E1\t举办:T3 地点:T1\nA1\tMention T1 Name\n",
    )
    .unwrap();
    let r = import(&dir, &[d.join("甘肃.ann")]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains(
            "甘肃.ann:line 1: T1 is discontinuous (0 2;4 6): imported as 2 separate LOC spans \
             (0-2 \"甘肃\", 4-6 \"兰州\")"
        ),
        "{r:?}"
    );
    assert!(
        r.stderr.contains("甘肃.ann:line 2: T2 is discontinuous"),
        "{r:?}"
    );
    let p = load(&dir);
    let s = spans(&p, "甘肃");
    let rows: Vec<(&str, u32, u32, &str)> = s
        .iter()
        .map(|r| (r.0.as_str(), r.1, r.2, r.3.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("LOC", 0, 2, "甘肃"),
            ("LOC", 4, 6, "兰州"),
            ("举办", 7, 9, "举办"),
            ("LOC", 13, 14, "😀"),
            ("LOC", 19, 20, "𠮷"),
        ],
        "brat offsets are code points"
    );
    // The event's argument and the attribute go to the first fragment.
    assert_eq!(s[0].4.as_deref(), Some("brat-attribute Mention Name"));
    let l = &p.documents[0].layer;
    assert_eq!(l.span(l.events[0].args[0].1).unwrap().range.start, 0);
}

#[test]
fn a_project_with_crlf_and_astral_chars_round_trips_through_brat() {
    let (tmp, dir) = new_project();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/brat-roundtrip");
    let r = import(&dir, &[fixture.join("rt.ann")]);
    assert_eq!(r.code, 0, "{r:?}");
    let p = load(&dir);
    let d = &p.documents[0];
    assert!(d.text.as_str().contains("会。\r\nＡＢＣ"));
    let s = spans(&p, "rt");
    assert_eq!(s.len(), 13);
    // Spans around and right after each astral char and the family emoji, in code points.
    assert_eq!(find(&s, 30, 33).3, "😀北京");
    assert_eq!(find(&s, 31, 33).3, "北京");
    assert_eq!(find(&s, 33, 38).3, "👨‍👩‍👧");
    assert_eq!(find(&s, 33, 38).4.as_deref(), Some("一家 😀 three"));
    assert_eq!(find(&s, 38, 41).3, "𠮷上海");
    assert_eq!(find(&s, 19, 26).3, "会。\r\nＡＢＣ");
    assert_eq!(find(&s, 23, 29).3, "ＡＢＣ１２３");
    assert_eq!(
        find(&s, 0, 6).4.as_deref(),
        Some("全称\t(简称)\n第二行\nbrat-attribute Mention Name\nbrat-attribute Individual")
    );
    let quantity = d
        .layer
        .spans()
        .iter()
        .find(|s| s.range.start == 41)
        .unwrap();
    assert_eq!(quantity.kind, SpanKind::Figure);
    let v = quantity.value.as_ref().unwrap();
    assert_eq!((v.number, v.unit.as_deref()), (Some(350000.0), Some("人")));
    assert_eq!(v.qualifier, Some(biaozhu::model::Qualifier::Approx));
    assert_eq!(d.layer.events.len(), 2);
    assert_eq!(
        find(&s, 15, 17).4.as_deref(),
        Some("brat-event-attribute Confidence High\nbrat-event-note one event or two?")
    );
    assert_eq!(
        find(&s, 49, 51).4.as_deref(),
        Some("brat-event-attribute Negation")
    );

    // Out and back: the same text (CRLF kept), spans, values, notes, events; a second
    // export is the same bytes.
    let out = tmp.path().join("out");
    assert_eq!(export(&dir, &out).code, 0);
    assert_eq!(
        std::fs::read(out.join("rt.txt")).unwrap(),
        std::fs::read(fixture.join("rt.txt")).unwrap()
    );
    let (tmp2, dir2) = new_project();
    let r2 = import(&dir2, &[out.join("rt.ann")]);
    assert_eq!(r2.code, 0, "{r2:?}");
    let p2 = load(&dir2);
    assert_eq!(layer_summary(&p2), layer_summary(&p));
    let out2 = tmp2.path().join("out");
    assert_eq!(export(&dir2, &out2).code, 0);
    for f in ["rt.ann", "rt.txt", "annotation.conf"] {
        assert_eq!(
            std::fs::read_to_string(out2.join(f)).unwrap(),
            std::fs::read_to_string(out.join(f)).unwrap(),
            "{f}"
        );
    }
    // The A and # lines are the fixture's, numbered anew.
    let lines = |ann: &str| {
        let mut v: Vec<String> = ann
            .lines()
            .filter(|l| l.starts_with(['A', '#']))
            .map(|l| {
                let body = l.split_once('\t').unwrap().1;
                // Without the target id, which export renumbers.
                let mut w: Vec<&str> = body.split(' ').collect();
                w.retain(|x| !(x.starts_with(['T', 'E']) && x[1..].parse::<u32>().is_ok()));
                w.join(" ")
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        lines(&std::fs::read_to_string(out.join("rt.ann")).unwrap()),
        lines(&std::fs::read_to_string(fixture.join("rt.ann")).unwrap())
    );
}

#[test]
fn bad_brat_files_name_the_file_and_line_and_leave_the_project_as_it_was() {
    let (tmp, dir) = new_project();
    let before = std::fs::read(dir.join("project.ron")).unwrap();
    // No .txt beside the .ann: refused, naming it; nothing goes in.
    let lonely = tmp.path().join("lonely.ann");
    std::fs::write(&lonely, "T1\tLOC 0 2\t甘肃\n").unwrap();
    let r = import(&dir, &[lonely]);
    assert_ne!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("lonely.txt"), "{r:?}");
    assert_eq!(std::fs::read(dir.join("project.ron")).unwrap(), before);
    assert_eq!(load(&dir).documents.len(), 0);
    // An annotation.conf that cannot be decoded refuses the files beside it, naming it.
    let d = tmp.path().join("badconf");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("a.txt"), "甘肃").unwrap();
    std::fs::write(d.join("a.ann"), "T1\tLOC 0 2\t甘肃\n").unwrap();
    std::fs::write(
        d.join("annotation.conf"),
        b"[entities]\nLOC\n\xff\xfe\xfd\x80\n",
    )
    .unwrap();
    let r = import(&dir, &[d.join("a.ann")]);
    assert_ne!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("annotation.conf"), "{r:?}");
    assert_eq!(std::fs::read(dir.join("project.ron")).unwrap(), before);
    // A span past the end, or whose surface is not the text: that line, by file and line.
    let d = tmp.path().join("past");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("b.txt"), "甘肃省兰州\r\n😀").unwrap();
    std::fs::write(
        d.join("b.ann"),
        "T1\tLOC 0 2\t甘肃\nT2\tLOC 5 99\t兰州\nT3\tLOC 3 5\t北京\nT4\tX 7 8\t😀\n",
    )
    .unwrap();
    let r = import(&dir, &[d.join("b.ann")]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("b.ann:line 2: T2"), "{r:?}");
    assert!(
        r.stderr
            .contains("b.ann:line 3: T3 says \"北京\" but the text at 3 5 is \"兰州\""),
        "{r:?}"
    );
    let p = load(&dir);
    let s = spans(&p, "b");
    assert_eq!(s.len(), 2, "T1 and T4 only: {s:?}");
    assert_eq!(find(&s, 7, 8).3, "😀");
}
