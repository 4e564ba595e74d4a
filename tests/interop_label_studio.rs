//! Label Studio tasks through the command line: the real files Label Studio's repository
//! ships (an annotated task, a task list with predictions), a round trip over emoji, 𠮷,
//! full-width chars and CRLF, the sample project's events as relations, pending suggestions
//! as predictions, and bad files refused whole with their task and line.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

#[path = "support/bin.rs"]
mod support;
use support::{Run, bz};

fn new_project(tmp: &Path, name: &str) -> PathBuf {
    let dir = tmp.join(name);
    let r = bz([OsStr::new("new"), dir.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    dir
}

fn import(dir: &Path, file: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![OsStr::new("import"), dir.as_os_str(), file.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    bz(args)
}

fn export(dir: &Path, out: &Path, format: &str, extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("export"),
        dir.as_os_str(),
        OsStr::new("--format"),
        OsStr::new(format),
        OsStr::new("--out"),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(OsStr::new));
    bz(args)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/interop/label-studio")
        .join(name)
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The project as biaozhu's JSON corpus, pending suggestions included; written outside it.
fn corpus(dir: &Path, tmp: &Path) -> Value {
    let out = tmp.join(format!(
        "{}.corpus.json",
        dir.file_name().unwrap().to_string_lossy()
    ));
    let r = export(dir, &out, "json", &["--include-pending"]);
    assert_eq!(r.code, 0, "{r:?}");
    serde_json::from_str(&read(&out)).unwrap()
}

/// A span as (start, end, kind, label, status, surface).
type S = (u64, u64, String, String, String, String);

fn spans(d: &Value) -> Vec<S> {
    let chars: Vec<char> = d["text"].as_str().unwrap().chars().collect();
    let mut v: Vec<S> = d["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let (a, b) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
            (
                a,
                b,
                s["kind"].as_str().unwrap().to_string(),
                s["label"].as_str().unwrap().to_string(),
                s["status"].as_str().unwrap_or("accepted").to_string(),
                chars[a as usize..b as usize].iter().collect(),
            )
        })
        .collect();
    v.sort();
    v
}

fn s(a: u64, b: u64, kind: &str, label: &str, status: &str, surface: &str) -> S {
    (
        a,
        b,
        kind.into(),
        label.into(),
        status.into(),
        surface.into(),
    )
}

/// Every event as (type, trigger range, [(role, argument range)]), sorted.
type Events = Vec<(String, (u64, u64), Vec<(String, (u64, u64))>)>;

fn events(d: &Value) -> Events {
    let range = |id: &Value| {
        let s = d["spans"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == *id)
            .unwrap();
        (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap())
    };
    let mut out: Events = d["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let mut args: Vec<(String, (u64, u64))> = e["args"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| (a["role"].as_str().unwrap().to_string(), range(&a["span"])))
                .collect();
            args.sort();
            (
                e["type"].as_str().unwrap().to_string(),
                range(&e["trigger"]),
                args,
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn label_studios_own_files_import_annotations_accepted_and_predictions_pending() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_project(tmp.path(), "p");
    let r = import(&dir, &fixture("named_entity_annotations_1.json"), &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.all().contains("label-studio"), "detected: {r:?}");
    let r = import(&dir, &fixture("named_entity_tasks.json"), &[]);
    assert_eq!(r.code, 0, "{r:?}");
    let c = corpus(&dir, tmp.path());
    let d = c["documents"].as_array().unwrap();
    assert_eq!(d.len(), 2);
    assert_eq!(d[0]["id"], "1", "the task id names the document");
    assert_eq!(
        spans(&d[0]),
        vec![s(343, 354, "entity", "Date", "accepted", "February 22")]
    );
    assert_eq!(
        spans(&d[1]),
        vec![s(343, 354, "entity", "Date", "pending", "February 22")]
    );
    // The layer says where it came from.
    let layer = std::fs::read_dir(dir.join("annotations"))
        .unwrap()
        .flatten()
        .flat_map(|e| std::fs::read_dir(e.path()).unwrap().flatten())
        .map(|f| read(&f.path()))
        .find(|l| l.contains("status: Pending"))
        .expect("a layer with the prediction");
    assert!(layer.contains("source: Imported"), "{layer}");
}

/// CRLF, full-width chars, 😀, 𠮷, 👨‍👩‍👧 (5 chars), spans right after and around each.
const TEXT: &str = "甲ＡＢＣ１２３，😀乙𠮷丙👨\u{200d}👩\u{200d}👧丁\r\n第二行😀😀北京";

const MARKS: [(&str, &str); 9] = [
    ("ＡＢＣ", "FW"),
    ("１２３，", "NUM"),
    ("😀", "EMOJI"),
    ("乙", "AFTER_EMOJI"),
    ("𠮷", "EXT_B"),
    ("丙", "AFTER_EXT_B"),
    ("👨\u{200d}👩\u{200d}👧", "FAMILY"),
    ("丁\r\n第", "ACROSS_CRLF"),
    ("北京", "LOC"),
];

/// (start, end) in chars of `needle`'s first occurrence.
fn find(needle: &str) -> (u64, u64) {
    let b = TEXT.find(needle).unwrap();
    let a = TEXT[..b].chars().count() as u64;
    (a, a + needle.chars().count() as u64)
}

#[test]
fn char_offsets_round_trip_over_emoji_ext_b_and_crlf_with_pending_as_predictions() {
    let tmp = tempfile::tempdir().unwrap();
    let item = |k: usize, n: &str, l: &str| {
        let (a, b) = find(n);
        json!({"id": format!("r{k}"), "from_name": "label", "to_name": "text", "type": "labels",
               "value": {"start": a, "end": b, "text": n, "labels": [l]}})
    };
    let accepted: Vec<Value> = MARKS[..6]
        .iter()
        .enumerate()
        .map(|(k, (n, l))| item(k, n, l))
        .collect();
    let predicted: Vec<Value> = MARKS[6..]
        .iter()
        .enumerate()
        .map(|(k, (n, l))| item(k + 6, n, l))
        .collect();
    let task = json!([{"id": 9, "data": {"text": TEXT},
        "annotations": [{"id": 1, "result": accepted}],
        "predictions": [{"result": predicted, "score": 0.5}]}]);
    let src = tmp.path().join("emoji.json");
    std::fs::write(&src, serde_json::to_string_pretty(&task).unwrap()).unwrap();

    let dir = new_project(tmp.path(), "p");
    let r = import(&dir, &src, &["--format", "label-studio"]);
    assert_eq!(r.code, 0, "{r:?}");
    let first = corpus(&dir, tmp.path());
    let d = &first["documents"][0];
    assert_eq!(d["text"], TEXT, "CRLF kept");
    let mut want: Vec<S> = MARKS
        .iter()
        .enumerate()
        .map(|(k, (n, l))| {
            let (a, b) = find(n);
            let status = if k < 6 { "accepted" } else { "pending" };
            s(a, b, "entity", l, status, n)
        })
        .collect();
    want.sort();
    assert_eq!(spans(d), want);

    // Export: accepted spans in annotations, pending ones (asked for) in predictions.
    let out = tmp.path().join("out.json");
    let r = export(&dir, &out, "label-studio", &["--include-pending"]);
    assert_eq!(r.code, 0, "{r:?}");
    let tasks: Value = serde_json::from_str(&read(&out)).unwrap();
    let t = &tasks[0];
    assert_eq!(t["data"]["text"], TEXT);
    let res = t["annotations"][0]["result"].as_array().unwrap();
    assert_eq!(res.len(), 6);
    let pred = t["predictions"][0]["result"].as_array().unwrap();
    assert_eq!(pred.len(), 3);
    for r in res.iter().chain(pred) {
        assert_eq!(r["from_name"], "label");
        assert_eq!(r["to_name"], "text");
        let (a, b) = (
            r["value"]["start"].as_u64().unwrap(),
            r["value"]["end"].as_u64().unwrap(),
        );
        let here: String = TEXT
            .chars()
            .skip(a as usize)
            .take((b - a) as usize)
            .collect();
        assert_eq!(r["value"]["text"], here.as_str());
    }
    let fam = pred
        .iter()
        .find(|r| r["value"]["labels"][0] == "FAMILY")
        .unwrap();
    assert_eq!(fam["value"]["text"], "👨\u{200d}👩\u{200d}👧");

    // In again: the same spans and statuses.
    let dir2 = new_project(tmp.path(), "q");
    let r = import(&dir2, &out, &[]);
    assert_eq!(r.code, 0, "{r:?}");
    let back = corpus(&dir2, tmp.path());
    assert_eq!(spans(&back["documents"][0]), want);

    // Without --include-pending the predictions stay out.
    let r = export(&dir, &out, "label-studio", &[]);
    assert_eq!(r.code, 0, "{r:?}");
    let tasks: Value = serde_json::from_str(&read(&out)).unwrap();
    assert!(tasks[0].get("predictions").is_none(), "{tasks}");
}

#[test]
fn the_sample_projects_events_round_trip_as_relations() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample");
    let out = tmp.path().join("sample.json");
    let r = export(&sample, &out, "label-studio", &[]);
    assert_eq!(r.code, 0, "{r:?}");
    let tasks: Value = serde_json::from_str(&read(&out)).unwrap();
    let res = tasks[0]["annotations"][0]["result"].as_array().unwrap();
    assert!(
        res.iter()
            .any(|r| r["type"] == "relation" && r["labels"][0] == "主体"),
        "relations for roles"
    );
    let orig = corpus(&sample, tmp.path());
    let dir = new_project(tmp.path(), "p");
    let r = import(&dir, &out, &[]);
    assert_eq!(r.code, 0, "{r:?}");
    let back = corpus(&dir, tmp.path());
    let (a, b) = (&orig["documents"][0], &back["documents"][0]);
    assert_eq!(b["id"], a["id"], "the document keeps its id");
    assert_eq!(spans(b), spans(a));
    assert_eq!(events(a).len(), 10);
    assert_eq!(events(b), events(a));
}

#[test]
fn a_second_annotation_and_other_result_types_are_named() {
    let tmp = tempfile::tempdir().unwrap();
    let v = json!([{"id": 3, "data": {"text": "甘肃省总工会在兰州"},
        "annotations": [
            {"id": 11, "result": [{"id": "a", "from_name": "ner", "to_name": "text", "type": "labels",
              "value": {"start": 0, "end": 6, "text": "甘肃省总工会", "labels": ["ORG"]}}]},
            {"id": 12, "result": [{"id": "b", "from_name": "ner", "to_name": "text", "type": "labels",
              "value": {"start": 7, "end": 9, "text": "兰州", "labels": ["LOC"]}},
              {"id": "c", "from_name": "sentiment", "to_name": "text", "type": "choices",
               "value": {"choices": ["Positive"]}}]}]}]);
    let f = tmp.path().join("two.json");
    std::fs::write(&f, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let dir = new_project(tmp.path(), "p");
    let r = import(&dir, &f, &[]);
    assert!(
        r.all().contains(&format!(
            "{}:2: task 1: annotation 12 (2 results) is not imported",
            f.display()
        )),
        "{r:?}"
    );
    let c = corpus(&dir, tmp.path());
    assert_eq!(
        spans(&c["documents"][0]),
        vec![s(0, 6, "entity", "ORG", "accepted", "甘肃省总工会")]
    );
}

#[test]
fn bad_files_are_refused_whole_naming_file_task_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_project(tmp.path(), "p");
    let before = read(&dir.join("project.ron"));
    let task = |start: u64, end: u64, text: &str| {
        json!({"data": {"text": "甘肃省总工会在兰州😀"},
               "annotations": [{"result": [{"id": "a", "from_name": "label", "to_name": "text",
                 "type": "labels", "value": {"start": start, "end": end, "text": text, "labels": ["LOC"]}}]}]})
    };
    let two = |bad: Value| {
        format!(
            "[\n{},\n{}\n]\n",
            task(7, 9, "兰州"),
            serde_json::to_string(&bad).unwrap()
        )
    };
    let cases: [(&str, String, &str); 4] = [
        (
            "mismatch.json",
            two(task(6, 8, "兰州")),
            ":3: task 2: annotation #1, result 1: value.text is \"兰州\" but the text at [6, 8) is \"在兰\"",
        ),
        (
            "past.json",
            two(task(9, 12, "😀")),
            ":3: task 2: annotation #1, result 1: [9, 12) does not fit the text of 10 chars",
        ),
        (
            "broken.json",
            "[\n{\"data\": {\"text\": \"x\"}},\n{\"data\": }\n]\n".to_string(),
            ":3: not JSON",
        ),
        (
            "notext.json",
            "[{\"data\": {\"content\": \"x\"}}]".to_string(),
            ":1: task 1: no data.text",
        ),
    ];
    for (name, body, says) in cases {
        let f = tmp.path().join(name);
        std::fs::write(&f, body).unwrap();
        let r = import(&dir, &f, &["--format", "label-studio"]);
        assert_ne!(r.code, 0, "{name}: {r:?}");
        let want = format!("{}{says}", f.display());
        assert!(r.stderr.contains(&want), "{name}: want {want:?} in {r:?}");
        assert_eq!(
            read(&dir.join("project.ron")),
            before,
            "{name}: project unchanged"
        );
        assert!(
            std::fs::read_dir(dir.join("documents"))
                .map(|d| d.count() == 0)
                .unwrap_or(true),
            "{name}: no document written"
        );
    }
}
