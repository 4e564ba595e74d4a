//! The project's entity model (issue #15): training on a project learns a label no rule
//! knows and suggests it in a sentence it never saw, with a confidence; the model files
//! round-trip; a damaged or outdated model file is reported by name and the rules suggest
//! alone; cancelling leaves no model; a project with no model suggests exactly as before.
//! With enough accepted events, the trigger tagger's triggers join the lexicon's (issue #14).

#[path = "support/bin.rs"]
mod bin;
#[path = "support/duee.rs"]
mod duee;
#[path = "support/products.rs"]
mod products;

use biaozhu::learn::model::{META_FILE, MODEL_FILE};
use biaozhu::learn::{EntityModel, ModelError, Stage, Take, TrainError};
use biaozhu::model::{SpanKind, SpanStatus, Suggester};
use biaozhu::session::Session;
use biaozhu::session::learn::ModelState;
use products::{UNSEEN, UNSEEN_PRODUCT, doc_of, products_session};

/// Trains the session's model and installs it.
fn train(s: &mut Session) {
    let input = s.train_input(Take::Done, None);
    assert_eq!(input.documents(), 12);
    let trained = input.run(&mut |_| true).expect("a model");
    s.install_model(trained).unwrap();
}

/// The pending PROD suggestions of the unseen document, with their confidence and what
/// proposed them.
fn prod_suggestions(s: &Session) -> Vec<(u32, u32, Option<f32>, Option<Suggester>)> {
    let d = &s.project().documents[doc_of(s, UNSEEN)];
    d.layer
        .spans()
        .iter()
        .filter(|sp| sp.label == "PROD" && sp.status == SpanStatus::Pending)
        .map(|sp| (sp.range.start, sp.range.end, sp.confidence, sp.suggested_by))
        .collect()
}

#[test]
fn a_model_learns_a_label_no_rule_knows_and_suggests_it_in_an_unseen_sentence() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = products_session(tmp.path());
    let unseen = doc_of(&s, UNSEEN);
    // Without a model, nothing proposes PROD.
    let mut rules_only = products_session(&tmp.path().join("again"));
    rules_only.suggest_document(unseen).unwrap();
    assert!(prod_suggestions(&rules_only).is_empty());

    train(&mut s);
    let dir = s.store().dir().to_path_buf();
    assert!(dir.join(MODEL_FILE).is_file());
    let meta = std::fs::read_to_string(dir.join(META_FILE)).unwrap();
    assert!(meta.contains("PROD"), "{meta}");
    assert!(meta.contains("last 10% of documents: 2 of 12"), "{meta}");
    let m = s.model().unwrap();
    assert_eq!(m.labels, vec!["PROD".to_string()]);
    assert_eq!(m.meta.documents, 12);
    assert!(m.meta.scores.contains_key("PROD"));
    assert!(s.doc_uncertainty("z_unseen").is_some() || !m.meta.held_out.is_empty());

    s.suggest_document(unseen).unwrap();
    let found = prod_suggestions(&s);
    let first = found
        .iter()
        .find(|(a, b, ..)| (*a, *b) == (UNSEEN_PRODUCT.start, UNSEEN_PRODUCT.end))
        .unwrap_or_else(|| panic!("紫电V8 not suggested: {found:?}"));
    let c = first.2.expect("a model suggestion carries its confidence");
    assert!(c > 0.5 && c <= 1.0, "confidence {c}");
    assert_eq!(
        first.3,
        Some(Suggester::Model),
        "and says the model proposed it"
    );
    // The confidence and the suggester are written in the layer file and read back.
    s.save().unwrap();
    drop(s);
    let (st, p) = biaozhu::store::Store::open(&dir, "main", &mut |_, _| true).unwrap();
    let s = Session::new(st, p);
    assert!(s.model().is_some(), "the model is read at open");
    assert_eq!(prod_suggestions(&s), found);
}

#[test]
fn the_model_file_round_trips() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = products_session(tmp.path());
    train(&mut s);
    let dir = s.store().dir().to_path_buf();
    let bytes = std::fs::read(dir.join(MODEL_FILE)).unwrap();
    let read = EntityModel::load(&dir).unwrap().unwrap();
    assert_eq!(read.to_bytes(), bytes, "written again, byte for byte");
    let mem = s.model().unwrap();
    assert_eq!(read.labels, mem.labels);
    assert_eq!(read.meta, mem.meta, "entities.ron read back");
    let seg = biaozhu::zh::segment::Segmenter::new();
    let gaz = biaozhu::learn::training::project_gazetteer(s.project());
    assert_eq!(read.tag(&seg, UNSEEN, &gaz), mem.tag(&seg, UNSEEN, &gaz));
}

#[test]
fn a_damaged_or_outdated_model_is_reported_by_name_and_the_rules_suggest_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = products_session(tmp.path());
    train(&mut s);
    s.save().unwrap();
    let dir = s.store().dir().to_path_buf();
    drop(s);
    let file = dir.join(MODEL_FILE);
    let good = std::fs::read(&file).unwrap();
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x55;
    cases.push(("flipped", flipped));
    cases.push(("cut off", good[..good.len() / 3].to_vec()));
    cases.push(("empty", Vec::new()));
    cases.push(("not a model", b"(labels: [\"PROD\"])".to_vec()));
    let mut newer = good.clone();
    newer[8..12].copy_from_slice(&99u32.to_le_bytes());
    cases.push(("newer", newer));
    for (what, bytes) in cases {
        std::fs::write(&file, &bytes).unwrap();
        let state = ModelState::load(&dir);
        assert!(state.model.is_none(), "{what}");
        let problem = state
            .problem
            .unwrap_or_else(|| panic!("{what}: no problem"));
        match (&problem, what) {
            (ModelError::Version { .. }, "newer") => {}
            (ModelError::Corrupt { .. }, w) if w != "newer" => {}
            (p, w) => panic!("{w}: {p:?}"),
        }
        let said = problem.said();
        assert!(said.en.contains("entities.crf"), "{what}: {}", said.en);
        assert!(said.en.contains("rules only"), "{what}: {}", said.en);
        assert!(
            said.zh.contains("entities.crf") && said.zh.contains("规则"),
            "{}",
            said.zh
        );
        // The project opens and suggests with the rules.
        let (st, p) = biaozhu::store::Store::open(&dir, "main", &mut |_, _| true).unwrap();
        let mut s = Session::new(st, p);
        assert!(s.model().is_none());
        assert!(s.model_problem().is_some());
        let unseen = doc_of(&s, UNSEEN);
        s.suggest_document(unseen).unwrap();
        assert!(prod_suggestions(&s).is_empty(), "{what}");
        drop(s);
    }
    // The command line says so too, and still suggests.
    let txt = tmp.path().join("new.txt");
    std::fs::write(&txt, UNSEEN).unwrap();
    let run = bin::bz([
        "suggest".as_ref(),
        txt.as_os_str(),
        "--project".as_ref(),
        dir.as_os_str(),
        "--json".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stderr.contains("entities.crf"), "{}", run.stderr);
    assert!(!run.stdout.contains("\"model\""), "{}", run.stdout);
}

#[test]
fn cancelling_training_leaves_no_model() {
    let tmp = tempfile::tempdir().unwrap();
    let s = products_session(tmp.path());
    let dir = s.store().dir().to_path_buf();
    for stop_at in [
        Stage::Features,
        Stage::HeldOut,
        Stage::Final,
        Stage::Ranking,
    ] {
        let input = s.train_input(Take::Done, None);
        let mut seen = false;
        let r = input.run(&mut |p| {
            if p.stage == stop_at && p.done >= 1.min(p.total.saturating_sub(1)) {
                seen = true;
                return false;
            }
            true
        });
        assert!(seen, "{stop_at:?} never reported");
        assert_eq!(r.err(), Some(TrainError::Cancelled), "{stop_at:?}");
        assert!(!dir.join("models").exists(), "{stop_at:?}");
    }
}

#[test]
fn without_a_model_suggestions_are_the_rules_as_before() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = products_session(tmp.path());
    let unseen = doc_of(&s, UNSEEN);
    let before = biaozhu::zh::suggest::for_document(
        &biaozhu::zh::segment::Segmenter::new(),
        UNSEEN,
        None,
        &s.project().documents[unseen].layer.clone(),
        &biaozhu::zh::suggest::known_strings(&s.project().documents),
    );
    s.suggest_document(unseen).unwrap();
    let got: Vec<(u32, u32, String)> = s.project().documents[unseen]
        .layer
        .spans()
        .iter()
        .filter(|sp| sp.kind != SpanKind::Trigger)
        .map(|sp| (sp.range.start, sp.range.end, sp.label.clone()))
        .collect();
    let want: Vec<(u32, u32, String)> = before
        .into_iter()
        .map(|x| (x.range.start, x.range.end, x.label))
        .collect();
    assert_eq!(got, want);
    assert!(
        s.project().documents[unseen]
            .layer
            .spans()
            .iter()
            .all(|sp| sp.confidence.is_none())
    );
}

#[test]
fn train_and_suggest_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = products_session(tmp.path());
    s.save().unwrap();
    let dir = s.store().dir().to_path_buf();
    drop(s);
    let run = bin::bz(["train".as_ref(), dir.as_os_str()]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("PROD"), "{}", run.stdout);
    assert!(
        run.stdout.contains("held out: last 10% of documents"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("training on every document"),
        "{}",
        run.stderr
    );
    assert!(dir.join(MODEL_FILE).is_file());
    // The same in Chinese: progress, the held-out part and the scores.
    let run = bin::bz([
        "train".as_ref(),
        dir.as_os_str(),
        "--lang".as_ref(),
        "zh".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stderr.contains("用全部文档训练"), "{}", run.stderr);
    assert!(
        run.stdout.contains("留出评测：后 10% 的文档"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("全部"), "{}", run.stdout);
    assert!(run.stdout.contains("已写出"), "{}", run.stdout);
    let txt = tmp.path().join("new.txt");
    std::fs::write(&txt, UNSEEN).unwrap();
    let run = bin::bz([
        "suggest".as_ref(),
        txt.as_os_str(),
        "--project".as_ref(),
        dir.as_os_str(),
        "--json".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let prod = v
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["label"] == "PROD" && x["text"] == "紫电V8")
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert_eq!(prod["source"], "model");
    let c = prod["confidence"].as_f64().unwrap();
    assert!(c > 0.5 && c <= 1.0, "{c}");
    // Every rule suggestion is there too, without a confidence.
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|x| x["source"] != "model" && x.get("confidence").is_none())
    );
    // A threshold above every confidence leaves the model out.
    let run = bin::bz([
        "suggest".as_ref(),
        txt.as_os_str(),
        "--project".as_ref(),
        dir.as_os_str(),
        "--json".as_ref(),
        "--min-confidence".as_ref(),
        "1.01".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(!run.stdout.contains("\"model\""), "{}", run.stdout);
    // A project with nothing done has nothing to learn from: a clear message, exit 1.
    let (st, p) = biaozhu::store::Store::create(&tmp.path().join("empty"), "e", "main").unwrap();
    drop((st, p));
    let run = bin::bz(["train".as_ref(), tmp.path().join("empty").as_os_str()]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stderr.contains("no accepted entity span"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_rejected_model_suggestion_never_comes_back_and_an_accepted_span_is_never_proposed_over() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = products_session(tmp.path());
    train(&mut s);
    let unseen = doc_of(&s, UNSEEN);
    s.open_doc(unseen);
    s.suggest_document(unseen).unwrap();
    let id = s.project().documents[unseen]
        .layer
        .spans()
        .iter()
        .find(|sp| sp.range == UNSEEN_PRODUCT && sp.label == "PROD")
        .expect("suggested")
        .id;
    s.select_span(id);
    s.decide_selected(false).unwrap();
    // Decide the rest: accept them all.
    s.decide_all(true, None).unwrap();
    let before = s.project().documents[unseen].layer.spans().len();
    s.suggest_document(unseen).unwrap();
    let layer = &s.project().documents[unseen].layer;
    assert_eq!(
        layer.spans().len(),
        before,
        "nothing new: {:?}",
        layer.spans()
    );
    assert_eq!(
        layer
            .spans()
            .iter()
            .filter(|sp| sp.range == UNSEEN_PRODUCT)
            .map(|sp| sp.status)
            .collect::<Vec<_>>(),
        vec![SpanStatus::Rejected]
    );
    // Accepting counts towards retraining.
    assert!(s.accepted_entities() > s.model().unwrap().meta.accepted_at_training);
}

/// Issue #14: with enough accepted events (DuEE records 0-399), Suggest in a session also
/// proposes the trigger tagger's words, each a pending trigger with its event and the
/// tagger's probability as its confidence; the lexicon's carry none.
#[test]
fn suggesting_adds_the_trigger_taggers_triggers_with_their_probability() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("proj");
    let d = dir.to_str().unwrap();
    assert_eq!(bin::bz(["new", d]).code, 0);
    let news = duee::learnt_from_duee(&dir, 400..450);
    let text = std::fs::read_to_string(&news).unwrap();
    assert_eq!(bin::bz(["import", d, news.to_str().unwrap()]).code, 0);
    let (st, p) = biaozhu::store::Store::open(&dir, "main", &mut |_, _| true).unwrap();
    let mut s = Session::new(st, p);
    let k = s
        .project()
        .documents
        .iter()
        .position(|doc| doc.text.as_str() == text)
        .expect("the news document");
    s.suggest_document(k).unwrap();
    let layer = &s.project().documents[k].layer;
    let triggers: Vec<_> = layer
        .spans()
        .iter()
        .filter(|sp| sp.kind == SpanKind::Trigger && sp.status == SpanStatus::Pending)
        .collect();
    let tagged: Vec<_> = triggers.iter().filter(|t| t.confidence.is_some()).collect();
    assert!(!tagged.is_empty(), "{triggers:?}");
    assert!(
        triggers.len() > tagged.len(),
        "the lexicon's too: {triggers:?}"
    );
    for t in &triggers {
        let by = if t.confidence.is_some() {
            Suggester::Model
        } else {
            Suggester::Lexicon
        };
        assert_eq!(t.suggested_by, Some(by), "{t:?}");
    }
    // Arguments the argument tagger found are the model's, with its probability.
    let args: Vec<_> = layer
        .spans()
        .iter()
        .filter(|sp| {
            sp.kind != SpanKind::Trigger
                && sp.status == SpanStatus::Pending
                && layer
                    .events
                    .iter()
                    .any(|e| e.args.iter().any(|(_, a)| *a == sp.id))
        })
        .collect();
    assert!(
        args.iter()
            .any(|a| a.suggested_by == Some(Suggester::Model) && a.confidence.is_some()),
        "{args:?}"
    );
    assert!(
        args.iter().any(|a| a.confidence.is_none()),
        "the rules' picks too: {args:?}"
    );
    for t in &tagged {
        assert!(t.confidence.is_some_and(|c| (0.5..=1.0).contains(&c)));
        assert!(
            layer
                .events
                .iter()
                .any(|e| e.trigger == t.id && e.event_type == t.label),
            "an event for {t:?}"
        );
    }
    // The session kept the tagger it trained in the project. A damaged one is said in both
    // languages, naming the file, and the tagger is trained again: the suggestions still come.
    let crf = dir.join(biaozhu::learn::triggers::TAGGER_FILE);
    assert!(crf.is_file());
    drop(s);
    std::fs::write(&crf, b"not a model").unwrap();
    let (st, p) = biaozhu::store::Store::open(&dir, "main", &mut |_, _| true).unwrap();
    let s = Session::new(st, p);
    let sugg = s.suggest_input(k).expect("a document").run();
    let said = sugg.problem.expect("the damaged tagger is said");
    assert!(said.en.contains("triggers.crf"), "{}", said.en);
    assert!(
        said.zh.contains("triggers.crf") && said.zh.contains("重新训练"),
        "{}",
        said.zh
    );
    // Not the entity model's consequence: the tagger was trained again, the rules do not
    // suggest alone.
    assert!(!said.en.contains("rules only"), "{}", said.en);
    assert!(!said.zh.contains("只用规则"), "{}", said.zh);
    assert!(!sugg.triggers.is_empty());
    // Replaced: the next session reads it without a word.
    drop(s);
    let (st, p) = biaozhu::store::Store::open(&dir, "main", &mut |_, _| true).unwrap();
    let s = Session::new(st, p);
    assert!(
        s.suggest_input(k)
            .expect("a document")
            .run()
            .problem
            .is_none()
    );
}

/// After suggesting with the model, U's walk goes through the document's sentences from the
/// one the model is least sure of (mean entropy per char, which averages to the document's
/// uncertainty), wrapping; N then goes on from the sentence, and U after it from where it
/// was; a new model forgets the ranking.
#[test]
fn the_model_points_to_the_sentences_it_is_least_sure_of() {
    use biaozhu::model::CharRange;
    let tmp = tempfile::tempdir().unwrap();
    let mut s = products_session(tmp.path());
    let unseen = doc_of(&s, UNSEEN);
    s.open_doc(unseen);
    assert!(s.next_unsure_sentence().is_none(), "no model yet");
    train(&mut s);
    // Training read every document not yet done: the unseen one is ranked already, and a
    // suggestion run with the same model ranks it the same.
    let at_training = s.unsure_sentences().to_vec();
    assert_eq!(at_training.len(), 2, "{at_training:?}");
    let done = s
        .project()
        .documents
        .iter()
        .find(|d| d.layer.status == biaozhu::model::DocStatus::Done)
        .map(|d| d.meta.id.clone())
        .unwrap();
    assert!(
        s.unsure_sentences_of(&done).is_empty(),
        "a done document is not ranked"
    );
    s.suggest_document(unseen).unwrap();
    let list = s.unsure_sentences().to_vec();
    assert_eq!(list.len(), at_training.len());
    for ((r, h), (r0, h0)) in list.iter().zip(&at_training) {
        assert_eq!(r, r0);
        assert!((h - h0).abs() < 1e-9, "{h} {h0}");
    }
    let mut ranges: Vec<CharRange> = list.iter().map(|x| x.0).collect();
    ranges.sort_by_key(|r| r.start);
    assert_eq!(ranges, vec![CharRange::new(0, 24), CharRange::new(24, 37)]);
    assert!(list[0].1 >= list[1].1, "the least sure first: {list:?}");
    // The sentences' entropies, weighed by their length, are the document's uncertainty.
    let chars = |r: &CharRange| f64::from(r.end - r.start);
    let mean = list.iter().map(|(r, h)| h * chars(r)).sum::<f64>() / 37.0;
    let doc_u = s.doc_uncertainty(&s.project().documents[unseen].meta.id);
    assert!((mean - doc_u.unwrap()).abs() < 1e-9, "{mean} {doc_u:?}");
    // U goes to the least sure sentence, selecting it, then to the next, then round.
    let walk: Vec<(usize, usize, CharRange)> = (0..3)
        .map(|_| {
            let u = s.next_unsure_sentence().unwrap();
            assert_eq!(s.selection().map(|x| x.range()), Some(u.range));
            (u.rank, u.of, u.range)
        })
        .collect();
    assert_eq!(
        walk,
        vec![(1, 2, list[0].0), (2, 2, list[1].0), (1, 2, list[0].0)]
    );
    // N goes to the first suggestion from the sentence's start, in text order.
    let at = list[0].0.start;
    let first_there = s
        .pending()
        .iter()
        .filter(|p| p.range.start >= at)
        .map(|p| (p.range.start, p.range.end, p.id))
        .min()
        .map(|(.., id)| id);
    assert!(first_there.is_some());
    assert_eq!(s.next_pending(), first_there);
    // With a suggestion selected (or accepted, which moves on), U goes on from the sentence
    // it went to last, not back to the first.
    assert_eq!(s.next_unsure_sentence().map(|u| u.rank), Some(2));
    // The ranking is kept with the model: a session opened again walks it as before.
    s.save().unwrap();
    let dir = s.store().dir().to_path_buf();
    let id = s.project().documents[unseen].meta.id.clone();
    drop(s);
    let reopen = || {
        let (st, p) = biaozhu::store::Store::open(&dir, "main", &mut |_, _| true).unwrap();
        let mut s = Session::new(st, p);
        s.open_doc(doc_of(&s, UNSEEN));
        s
    };
    let mut s = reopen();
    assert_eq!(s.unsure_sentences(), list.as_slice());
    assert_eq!(s.next_unsure_sentence().map(|u| u.range), Some(list[0].0));
    // A ranking that no longer fits its document (the text replaced outside the tool: here
    // the length it was read at is changed), or a damaged file, is no ranking.
    drop(s);
    let file = dir.join(biaozhu::session::learn::SENTENCES_FILE);
    let ron = std::fs::read_to_string(&file).unwrap();
    assert!(ron.contains(&id) && ron.contains("chars: 37"), "{ron}");
    std::fs::write(&file, ron.replace("chars: 37", "chars: 38")).unwrap();
    let mut s = reopen();
    assert!(s.unsure_sentences().is_empty());
    assert!(s.next_unsure_sentence().is_none());
    drop(s);
    std::fs::write(&file, "(broken").unwrap();
    assert!(reopen().unsure_sentences().is_empty());
}

/// `suggest DIR --json` says, per document, how many suggestions it added and, with a model,
/// how unsure the model is there and the sentences to read first; without `--json` the line
/// gives the uncertainty.
#[test]
fn suggest_on_a_folder_lists_the_sentences_the_model_is_least_sure_of() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = products_session(tmp.path());
    train(&mut s);
    s.save().unwrap();
    let dir = s.store().dir().to_path_buf();
    let unseen_id = s.project().documents[doc_of(&s, UNSEEN)].meta.id.clone();
    drop(s);
    let run = bin::bz(["suggest".as_ref(), dir.as_os_str(), "--json".as_ref()]);
    assert_eq!(run.code, 0, "{}", run.all());
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect(&run.stdout);
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 13);
    let d = docs.iter().find(|d| d["id"] == unseen_id.as_str()).unwrap();
    assert!(d["added"].as_u64().unwrap() > 0, "{d}");
    assert!(d["uncertainty"].as_f64().unwrap() > 0.0, "{d}");
    let least = d["least_sure"].as_array().unwrap();
    assert_eq!(least.len(), 2, "{d}");
    // The least sure first, each with its text.
    assert!(least[0]["uncertainty"].as_f64() >= least[1]["uncertainty"].as_f64());
    let texts: Vec<&str> = least.iter().map(|x| x["text"].as_str().unwrap()).collect();
    assert!(texts.contains(&"用户说紫电V8的续航很好。"), "{texts:?}");
    // Again without --json: nothing new to add, and the line says how unsure.
    let run = bin::bz(["suggest".as_ref(), dir.as_os_str()]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout
            .contains(&format!("{unseen_id}: 0 suggestions · uncertainty 0.")),
        "{}",
        run.stdout
    );
}
