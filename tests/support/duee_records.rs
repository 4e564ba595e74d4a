//! DuEE 1.0's sample records and schema from `../shared/dev/events`, read the one way the
//! event quality tests (`tests/triggers_duee.rs`, `tests/arguments_duee.rs`) and the learn
//! bench (`tests/bench/learn.rs`) read them, and taught to a [`Learning`] as a project's
//! accepted events would teach it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use biaozhu::model::{CharRange, Schema};
use biaozhu::zh::roles::LearntArgument;
use biaozhu::zh::triggers::Learning;

/// A gold event: trigger range, type, and its arguments (role, range).
pub type Event = (CharRange, String, Vec<(String, CharRange)>);

/// A record: its text and events.
pub type Record = (String, Vec<Event>);

/// `../shared/dev/events`.
pub fn dev() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/dev/events")
}

/// The records of a DuEE 1.0 JSONL file; `None` if it is missing or a record does not read.
pub fn read(path: &Path) -> Option<Vec<Record>> {
    let src = std::fs::read_to_string(path).ok()?;
    let range = |v: &serde_json::Value, s: &serde_json::Value| -> Option<CharRange> {
        let at = v.as_u64()? as u32;
        Some(CharRange::new(at, at + s.as_str()?.chars().count() as u32))
    };
    src.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            let events = v["event_list"]
                .as_array()?
                .iter()
                .map(|e| {
                    let args = e["arguments"]
                        .as_array()?
                        .iter()
                        .map(|a| {
                            Some((
                                a["role"].as_str()?.to_string(),
                                range(&a["argument_start_index"], &a["argument"])?,
                            ))
                        })
                        .collect::<Option<Vec<_>>>()?;
                    Some((
                        range(&e["trigger_start_index"], &e["trigger"])?,
                        e["event_type"].as_str()?.to_string(),
                        args,
                    ))
                })
                .collect::<Option<Vec<_>>>()?;
            Some((v["text"].as_str()?.to_string(), events))
        })
        .collect()
}

/// The 500 sample records (a test fails without them).
pub fn records() -> Vec<Record> {
    read(&dev().join("duee1.0_sample_data.500.jsonl"))
        .expect("the DuEE sample in ../shared/dev, every record readable")
}

/// DuEE's event types, `None` if the schema file is missing or does not read.
pub fn event_types() -> Option<Vec<biaozhu::model::EventType>> {
    let src = std::fs::read_to_string(dev().join("duee1.0_event_schema.jsonl")).ok()?;
    biaozhu::format::duee_schema::parse(&src).ok()
}

/// The news labels with DuEE's event types (a test fails without them).
pub fn schema() -> Schema {
    Schema {
        events: event_types().expect("the DuEE schema in ../shared/dev"),
        ..Schema::default_bulletin()
    }
}

/// The arguments of `recs`, each with the index of its record, as bare `ARG` spans (DuEE
/// gives no labels).
pub fn arguments_of(recs: &[Record]) -> Vec<(usize, LearntArgument)> {
    let mut out = Vec::new();
    for (i, (_, events)) in recs.iter().enumerate() {
        for (trigger, ty, args) in events {
            for (role, range) in args {
                out.push((
                    i,
                    LearntArgument {
                        event_type: ty.clone(),
                        role: role.clone(),
                        trigger: *trigger,
                        range: *range,
                        label: "ARG".into(),
                    },
                ));
            }
        }
    }
    out
}

/// Each record's text with its events' (trigger range, type).
pub fn triggers_of(recs: &[Record]) -> Vec<(String, Vec<(CharRange, String)>)> {
    recs.iter()
        .map(|(t, e)| {
            (
                t.clone(),
                e.iter().map(|(r, ty, _)| (*r, ty.clone())).collect(),
            )
        })
        .collect()
}

/// What `recs` teach as a project's accepted events: triggers and arguments.
pub fn learning(recs: &[Record]) -> Learning {
    Learning::from_texts(triggers_of(recs)).with_arguments(arguments_of(recs))
}
