//! Speed of the entity tagger (`biaozhu::learn`): training on 5,000 MSRA sentences (the
//! learning curve's largest point) and tagging a 1 MB document (the sample bulletin
//! repeated), in KB of UTF-8 text per second, the median of 3 runs, with the share of the time
//! spent reading the text (jieba, the rules, the attributes) against the CRF itself.
//!
//! Then the event taggers (`learn::triggers`, `learn::arguments`): trained on DuEE records
//! 0-399 (`../shared/dev/events/`, skipped without it), and the suggestions of records 400-499
//! with and without them, per trigger suggested.
//!
//! `cargo bench --bench learn` prints the figures; it needs `../shared/dev/ner/` for the
//! training part (without it, it trains on the sample project). Under `cargo test` (no
//! `--bench` argument) it does a small smoke run; timings are never asserted.

#[path = "../support/duee_records.rs"]
mod duee_records;

use std::path::Path;
use std::time::Instant;

use biaozhu::learn::features::{self, Gazetteer, Hints};
use biaozhu::learn::training::{self, TrainDoc, TrainOptions};
use biaozhu::learn::triggers::{MIN_PROBABILITY, TriggerTagger};
use biaozhu::model::CharRange;
use biaozhu::zh::segment::Segmenter;
use biaozhu::zh::triggers::MIN_SHARE;

/// MSRA sentences (`char<TAB>tag`, BIO) as documents of 50 sentences.
fn msra(path: &Path, n: usize) -> Option<Vec<TrainDoc>> {
    let src = std::fs::read_to_string(path).ok()?;
    let mut docs = Vec::new();
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut count = 0;
    for block in src.split("\n\n").take(n) {
        let mut at = text.chars().count() as u32;
        let mut open: Option<(u32, String)> = None;
        for line in block.lines() {
            let Some((c, tag)) = line.split_once('\t') else {
                continue;
            };
            let Some(ch) = c.chars().next() else {
                continue;
            };
            let close = |open: &mut Option<(u32, String)>, spans: &mut Vec<_>, end| {
                if let Some((s, l)) = open.take() {
                    spans.push((CharRange::new(s, end), l));
                }
            };
            match tag.split_once('-') {
                Some(("B", l)) => {
                    close(&mut open, &mut spans, at);
                    open = Some((at, l.to_string()));
                }
                Some(_) => {}
                None => close(&mut open, &mut spans, at),
            }
            text.push(ch);
            at += 1;
        }
        if let Some((s, l)) = open.take() {
            spans.push((CharRange::new(s, at), l));
        }
        text.push('\n');
        count += 1;
        if count % 50 == 0 {
            docs.push(TrainDoc {
                text: std::mem::take(&mut text),
                spans: std::mem::take(&mut spans),
                whole: true,
            });
        }
    }
    if !text.is_empty() {
        docs.push(TrainDoc {
            text,
            spans,
            whole: true,
        });
    }
    Some(docs)
}

/// DuEE records (text, events as (trigger, type, arguments as (role, range))).
/// The event taggers trained on DuEE records 0-399 and the suggestions on 400-499 timed.
fn events(seg: &Segmenter, bench: bool) {
    let dev = duee_records::dev();
    let (Some(recs), Some(events)) = (
        duee_records::read(&dev.join("duee1.0_sample_data.500.jsonl")),
        duee_records::event_types(),
    ) else {
        println!("learn/events  skipped: no readable ../shared/dev/events");
        return;
    };
    let schema = biaozhu::model::Schema {
        events,
        ..biaozhu::model::Schema::default_bulletin()
    };
    let (learn, test) = if bench {
        (&recs[..400], &recs[400..])
    } else {
        (&recs[..120], &recs[400..420])
    };
    let learning = duee_records::learning(learn);
    let t = Instant::now();
    let Some(tagger) = TriggerTagger::train(seg, &learning, &mut || true) else {
        println!("learn/events  too few events to train on");
        return;
    };
    let secs = t.elapsed().as_secs_f64();
    println!(
        "learn/events  trigger and argument taggers trained on {} records, {} events, {} arguments: {secs:.1} s (argument tagger: {})",
        learn.len(),
        learning.events(),
        learning.arguments().len(),
        if tagger.has_arguments() { "yes" } else { "no" }
    );
    let lex = learning.learn(seg, &schema);
    let runs = if bench { 3 } else { 1 };
    let time = |with: bool| {
        let mut all = Vec::new();
        let mut found = 0;
        for _ in 0..runs {
            let t = Instant::now();
            found = 0;
            for (text, _) in test {
                let reading = tagger.reading(seg, text);
                let mut view = reading.view(seg, MIN_PROBABILITY);
                if !with {
                    view.arguments = None;
                }
                found += lex
                    .suggest_with(seg, &schema, text, &[], MIN_SHARE, &view)
                    .len();
            }
            all.push(t.elapsed().as_secs_f64());
        }
        (median(all), found)
    };
    let (without, n) = time(false);
    let (with, _) = time(true);
    println!(
        "learn/events  suggestions on {} records, {n} triggers: {:.1} ms a trigger with the argument tagger, {:.1} ms without",
        test.len(),
        1000.0 * with / n.max(1) as f64,
        1000.0 * without / n.max(1) as f64
    );
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let n = if bench { 5_000 } else { 100 };
    let seg = Segmenter::new();
    let docs = msra(
        &root.join("../shared/dev/ner/msra_train_bio.first20000.txt"),
        n,
    )
    .unwrap_or_else(|| {
        let (_, p) = biaozhu::store::Store::open_read_only(
            &root.join("projects/bulletin-sample"),
            "main",
            &mut |_, _| true,
        )
        .expect("the sample project");
        training::project_docs(&p, training::Take::Done)
    });
    let opts = TrainOptions {
        labels: None,
        held_out: false,
        ..TrainOptions::default()
    };
    let t = Instant::now();
    let mut iterations = 0;
    let model = training::train(&seg, &docs, &opts, &mut |p| {
        iterations = p.done;
        true
    })
    .expect("a model");
    let train_secs = t.elapsed().as_secs_f64();
    let size = model.to_bytes().len();
    println!(
        "learn/train   {} documents, {} sentences: {train_secs:.1} s, {iterations} iterations, {} attributes, model file {:.1} MB",
        docs.len(),
        n,
        model.num_attributes(),
        size as f64 / 1e6
    );

    // Tagging: the sample bulletin repeated to about 1 MB (20 KB under `cargo test`).
    let sample = std::fs::read_dir(root.join("projects/bulletin-sample/documents"))
        .expect("the sample's documents")
        .filter_map(Result::ok)
        .find_map(|e| std::fs::read_to_string(e.path()).ok())
        .expect("the sample text");
    let target = if bench { 1_000_000 } else { 20_000 };
    let mut text = String::new();
    while text.len() < target {
        text.push_str(&sample);
    }
    let gaz = Gazetteer::new();
    let kb = text.len() as f64 / 1024.0;
    let runs = if bench { 3 } else { 1 };
    let mut all = Vec::new();
    let mut reading = Vec::new();
    let mut spans = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let tagged = model.tag(&seg, &text, &gaz);
        all.push(t.elapsed().as_secs_f64());
        spans = tagged.spans.len();
        let t = Instant::now();
        let chars: Vec<char> = text.chars().collect();
        let mut hints = Hints::words_and_rules(&seg, &text, &chars);
        hints.set_gazetteer(&gaz, &chars, None);
        let mut n_attrs = 0;
        for r in biaozhu::zh::sentences::split_chars(&chars) {
            let range = r.start as usize..(r.end as usize).min(chars.len());
            n_attrs += features::sentence(&chars, &hints, range).len();
        }
        std::hint::black_box(n_attrs);
        reading.push(t.elapsed().as_secs_f64());
    }
    let (all, reading) = (median(all), median(reading));
    println!(
        "learn/tag     {kb:.0} KB: {:.0} KB/s ({spans} spans); reading the text (jieba, rules, attributes) {:.0}% of the time",
        kb / all,
        100.0 * reading / all
    );
    events(&seg, bench);
}
