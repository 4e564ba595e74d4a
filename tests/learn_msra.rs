//! The learning curve of the entity tagger (`biaozhu::learn`) on MSRA NER sentences: train on
//! the first 200, 1,000 and 5,000 sentences of `../shared/dev/ner/msra_train_bio.first20000.txt`,
//! score exact span + label on sentences 15,001-20,000, which no feature was tuned on.
//! `BIAOZHU_LEARN=dev` scores sentences 10,001-15,000 instead (the part features were tuned
//! on), `BIAOZHU_LEARN=dev2` sentences 5,001-10,000 (no tagger feature came from them, but
//! the rules, which the tagger reads, were tuned on sentences 1-10,000: a second opinion on
//! a change, less noisy than one part alone); `BIAOZHU_LEARN_SIZES=200,1000` picks the
//! points. `-- --nocapture` prints the curve with training and tagging times. The sentences
//! are grouped 50 to a document, so the gazetteer of a training document leaves its own
//! spans out as it does in a project. Times are those of the profile the test runs in
//! (debug under `cargo test`, about ten times slower than release); `cargo bench --bench
//! learn` gives the release figures. Each point also prints what `suggest` offers: the
//! model's spans with the rules' where it found nothing. `BIAOZHU_LEARN_DUMP=1` (with
//! `BIAOZHU_LEARN=dev` or `dev2`) lists the tuning part's errors by surface, the 150 most
//! frequent or `BIAOZHU_LEARN_DUMP_LINES`; `BIAOZHU_LEARN_CTX=中国` also prints, for each
//! wrong span of that surface, its context and the gold spans near it, and each missed one
//! in its context.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

use biaozhu::learn::crf::TrainParams;
use biaozhu::learn::features::FeatureSet;
use biaozhu::learn::training::{self, TrainDoc, TrainOptions};
use biaozhu::model::CharRange;
use biaozhu::zh::segment::Segmenter;

#[path = "support/msra.rs"]
mod msra;
use msra::{Sentence, sentences};

/// Sentences as documents of `per` sentences (joined by newlines), with their spans.
fn docs(sents: &[Sentence], per: usize) -> Vec<TrainDoc> {
    sents
        .chunks(per)
        .map(|chunk| {
            let mut text = String::new();
            let mut spans = Vec::new();
            let mut at = 0u32;
            for (t, gold) in chunk {
                for (s, e, l) in gold {
                    spans.push((CharRange::new(at + s, at + e), l.clone()));
                }
                text.push_str(t);
                text.push('\n');
                at += t.chars().count() as u32 + 1;
            }
            TrainDoc {
                text,
                spans,
                whole: true,
            }
        })
        .collect()
}

/// The CRF's settings, or those of `BIAOZHU_LEARN_C1`, `_C2`, `_ITERS` when tuning.
fn params() -> TrainParams {
    let mut p = TrainParams::default();
    let var = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f64>().ok());
    if let Some(v) = var("BIAOZHU_LEARN_C1") {
        p.c1 = v;
    }
    if let Some(v) = var("BIAOZHU_LEARN_C2") {
        p.c2 = v;
    }
    if let Some(v) = var("BIAOZHU_LEARN_ITERS") {
        p.max_iterations = v as usize;
    }
    p
}

#[test]
fn learning_curve_on_unseen_msra_sentences() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/dev/ner/msra_train_bio.first20000.txt");
    let all = sentences(&path);
    assert_eq!(all.len(), 20_000, "the MSRA file has 20,000 sentences");
    let part = std::env::var("BIAOZHU_LEARN").unwrap_or_default();
    let dev = part == "dev" || part == "dev2";
    let (test, name) = match part.as_str() {
        "dev" => (&all[10_000..15_000], "10,001-15,000 (tuning part)"),
        "dev2" => (&all[5_000..10_000], "5,001-10,000 (second tuning part)"),
        _ => (&all[15_000..], "15,001-20,000 (never tuned on)"),
    };
    let sizes: Vec<usize> = std::env::var("BIAOZHU_LEARN_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![200, 1_000, 5_000]);
    let seg = Segmenter::new();
    let test_docs = docs(test, 50);
    let test_chars: usize = test_docs.iter().map(|d| d.text.len()).sum();
    println!("entity tagger on MSRA sentences {name} (exact span + label):");
    let mut last = None;
    // `BIAOZHU_LEARN_PLAIN=1`: a plain character CRF (chars ±2, bigrams, classes), the
    // curve before the feature work.
    let features = if std::env::var("BIAOZHU_LEARN_PLAIN").is_ok() {
        FeatureSet::Plain
    } else {
        FeatureSet::Full
    };
    for n in sizes {
        let train = docs(&all[..n], 50);
        let opts = TrainOptions {
            labels: Some(vec!["LOC".into(), "ORG".into(), "PER".into()]),
            params: params(),
            held_out: false,
            features,
            empty_per_spanned: None,
            max_sentences: None,
        };
        let t0 = Instant::now();
        let mut iters = 0;
        let model = training::train(&seg, &train, &opts, &mut |p| {
            iters = p.done;
            true
        })
        .expect("a model");
        let secs = t0.elapsed().as_secs_f64();
        let gaz = training::gazetteer_of(&train, 0..train.len());
        let t1 = Instant::now();
        let (per, overall) = training::score_on(&seg, &model, &test_docs, &gaz);
        let tag_secs = t1.elapsed().as_secs_f64();
        let labels: Vec<String> = per
            .iter()
            .map(|(l, s)| format!("{l} P {:.3} R {:.3}", s.precision, s.recall))
            .collect();
        println!(
            "  {n:>5} sentences: P {:.3} R {:.3} F1 {:.3} · {} · trained in {secs:.1} s, scored {:.0} KB/s (each text read twice, for the gold and to tag; cargo bench --bench learn times tagging alone; {} attributes, {iters} iterations)",
            overall.precision,
            overall.recall,
            overall.f1,
            labels.join(" · "),
            test_chars as f64 / 1024.0 / tag_secs,
            model.num_attributes(),
        );
        // What `suggest` offers: the model's spans, and the rules' where it found nothing.
        let (_, offered) = training::score_offered_on(&seg, &model, &test_docs, &gaz);
        println!(
            "         offered with the rules where the model found nothing: P {:.3} R {:.3} F1 {:.3}",
            offered.precision, offered.recall, offered.f1
        );
        // Where the model's errors are: U walks the sentences from the least sure.
        let [(e10, g10, c10), (e20, g20, c20)] =
            errors_where_least_sure(&seg, &model, &test_docs, &gaz);
        println!(
            "         the 10% of sentences the model is least sure of hold {:.0}% of its wrong and missed spans ({:.0}% of the gold spans, {:.0}% of the chars), the 20% {:.0}% ({:.0}%, {:.0}%)",
            100.0 * e10,
            100.0 * g10,
            100.0 * c10,
            100.0 * e20,
            100.0 * g20,
            100.0 * c20
        );
        // On these sentences, 34% of the errors in 23% of the gold spans (session 39): the
        // walk finds errors half again as often as names, or the ranking is broken.
        if !dev && n == 5_000 {
            assert!(
                e10 >= 1.2 * g10,
                "the least sure tenth holds {e10:.2} of the errors, {g10:.2} of the gold"
            );
        }
        if dev && std::env::var("BIAOZHU_LEARN_DUMP").is_ok() {
            dump(&seg, &model, &test_docs, &gaz);
        }
        last = Some((n, overall));
    }
    let Some((n, s)) = last else { return };
    if dev || n != 5_000 {
        return;
    }
    // What the tagger reached on these sentences at the end of its tuning (P 0.820,
    // R 0.691, F1 0.750; with session 11's rules P 0.813, R 0.693, F1 0.748; with session
    // 14's one-char places P 0.815, R 0.699, F1 0.753; with session 17's corrected POS tags
    // P 0.830, R 0.709, F1 0.765; with session 18's rules and tags P 0.827, R 0.716,
    // F1 0.768; with session 20's rules and tags P 0.831, R 0.723, F1 0.773; with session
    // 21's P 0.837, R 0.725, F1 0.777; with session 22's P 0.845, R 0.727, F1 0.781; with
    // session 25's surnames, titles and state bodies P 0.843, R 0.732, F1 0.784, at its
    // end P 0.844, R 0.733, F1 0.785; with session 26's (a surname alone no longer spread,
    // 高达 and 日讯 no names) P 0.848, R 0.737, F1 0.789; with session 27's one-char places'
    // neighbours P 0.842, R 0.734, F1 0.785; with session 28's sentences about sport
    // P 0.847, R 0.741, F1 0.791; with session 29's fixed expressions P 0.848, R 0.742,
    // F1 0.791; with session 36's decoding (the rules' surest spans where the CRF found
    // nothing, its unsure spans dropped where the rules see otherwise) P 0.851, R 0.746,
    // F1 0.795, with the bodies and people the lexicon knows P 0.851, R 0.748, F1 0.796;
    // with session 37's short names, one-char spans off the path and no spreading against
    // the rules P 0.849, R 0.749, F1 0.796; with session 38's organisations a place opens
    // P 0.848, R 0.749, F1 0.796; a plain character CRF: P 0.783, R 0.500), less a
    // margin: a regression fails. Issue #15's goal (P 0.85, R 0.75) is not reached: they
    // fall short by 0.002 and 0.001.
    assert!(
        s.precision >= 0.83,
        "precision {:.3} below 0.83",
        s.precision
    );
    assert!(s.recall >= 0.725, "recall {:.3} below 0.725", s.recall);
    assert!(s.f1 >= 0.78, "F1 {:.3} below 0.78", s.f1);
}

/// A span as scored: (start, end, label).
type Scored = BTreeSet<(u32, u32, String)>;

/// The model's spans in `tagged` and the gold spans of `d`, as scored.
fn spans_of(tagged: &biaozhu::learn::model::Tagged, d: &TrainDoc) -> (Scored, Scored) {
    let pred = tagged
        .spans
        .iter()
        .map(|f| (f.range.start, f.range.end, f.label.clone()))
        .collect();
    let gold = d
        .spans
        .iter()
        .map(|(r, l)| (r.start, r.end, l.clone()))
        .collect();
    (pred, gold)
}

/// The shares of the model's errors (spans it gave wrongly or missed, by the sentence they
/// start in), of the gold spans and of the chars, held by the 10% and the 20% of sentences
/// it is least sure of (mean entropy per char, [`biaozhu::learn::model::Tagged::sentences`]):
/// how much U's walk finds early, against how much there is to look at and read there.
fn errors_where_least_sure(
    seg: &Segmenter,
    model: &biaozhu::learn::EntityModel,
    docs: &[TrainDoc],
    gaz: &biaozhu::learn::features::Gazetteer,
) -> [(f64, f64, f64); 2] {
    // (entropy, errors, gold spans, chars) per sentence.
    let mut all: Vec<(f64, usize, usize, u32)> = Vec::new();
    for d in docs {
        let tagged = model.tag(seg, &d.text, gaz);
        let (pred, gold) = spans_of(&tagged, d);
        let wrong: Vec<u32> = pred.symmetric_difference(&gold).map(|x| x.0).collect();
        for (r, h) in &tagged.sentences {
            let inside = |at: &u32| r.start <= *at && *at < r.end;
            let n = wrong.iter().filter(|at| inside(at)).count();
            let g = gold.iter().filter(|x| inside(&x.0)).count();
            all.push((*h, n, g, r.end - r.start));
        }
    }
    all.sort_by(|a, b| b.0.total_cmp(&a.0));
    let errors: usize = all.iter().map(|x| x.1).sum::<usize>().max(1);
    let golds: usize = all.iter().map(|x| x.2).sum::<usize>().max(1);
    let chars: u32 = all.iter().map(|x| x.3).sum::<u32>().max(1);
    let share = |part: f64| {
        let top = &all[..(all.len() as f64 * part).round() as usize];
        (
            top.iter().map(|x| x.1).sum::<usize>() as f64 / errors as f64,
            top.iter().map(|x| x.2).sum::<usize>() as f64 / golds as f64,
            f64::from(top.iter().map(|x| x.3).sum::<u32>()) / f64::from(chars),
        )
    };
    [share(0.1), share(0.2)]
}

/// The tuning part's errors by surface (only with `BIAOZHU_LEARN=dev` or `dev2`).
fn dump(
    seg: &Segmenter,
    model: &biaozhu::learn::EntityModel,
    docs: &[TrainDoc],
    gaz: &biaozhu::learn::features::Gazetteer,
) {
    let mut wrong: std::collections::BTreeMap<String, usize> = Default::default();
    for d in docs.iter() {
        let chars: Vec<char> = d.text.chars().collect();
        let sf = |s: u32, e: u32| -> String { chars[s as usize..e as usize].iter().collect() };
        let (pred, gold) = spans_of(&model.tag(seg, &d.text, gaz), d);
        let ctx = std::env::var("BIAOZHU_LEARN_CTX").unwrap_or_default();
        for x in pred.difference(&gold) {
            if !ctx.is_empty() && sf(x.0, x.1) == ctx {
                let a = (x.0 as usize).saturating_sub(6);
                let b = (x.1 as usize + 6).min(chars.len());
                let g: Vec<String> = gold
                    .iter()
                    .filter(|g| g.0 < x.1 + 6 && g.1 + 6 > x.0)
                    .map(|g| format!("{}:{}", g.2, sf(g.0, g.1)))
                    .collect();
                println!(
                    "CTX FP {} {} | {}",
                    x.2,
                    chars[a..b].iter().collect::<String>().replace('\n', "/"),
                    g.join(" ")
                );
            }
            *wrong
                .entry(format!("FP {} {}", x.2, sf(x.0, x.1)))
                .or_default() += 1;
        }
        for x in gold.difference(&pred) {
            if !ctx.is_empty() && sf(x.0, x.1) == ctx {
                let a = (x.0 as usize).saturating_sub(8);
                let b = (x.1 as usize + 8).min(chars.len());
                println!(
                    "CTX FN {} {}[{}]{}",
                    x.2,
                    chars[a..x.0 as usize]
                        .iter()
                        .collect::<String>()
                        .replace('\n', "/"),
                    sf(x.0, x.1),
                    chars[x.1 as usize..b]
                        .iter()
                        .collect::<String>()
                        .replace('\n', "/"),
                );
            }
            let near: Vec<String> = pred
                .iter()
                .filter(|p| p.0 < x.1 && p.1 > x.0)
                .map(|p| format!("{}:{}", p.2, sf(p.0, p.1)))
                .collect();
            *wrong
                .entry(format!("FN {} {} ~ {}", x.2, sf(x.0, x.1), near.join(" ")))
                .or_default() += 1;
        }
    }
    let mut w: Vec<_> = wrong.into_iter().collect();
    w.sort_by_key(|x| std::cmp::Reverse(x.1));
    for (k, n) in w.iter().take(
        std::env::var("BIAOZHU_LEARN_DUMP_LINES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(150),
    ) {
        println!("{n:4} {k}");
    }
}
