//! `biaozhu review DIR`: where the review of a project stands, document by document (what
//! the curated layer has decided, the agreements not taken yet, the disagreements left by
//! kind), and with `--accept-agreements` the window's 审阅 → 全项目采纳一致项 without the
//! window: what every annotator tagged alike goes into the curated layer, saved, leaving
//! the reviewer only the disagreements; with `--accept-majority` (审阅 → 全项目采纳多数人的
//! 版本), the version most annotators gave a disagreement, where more than half gave one.

use std::path::Path;
use std::process::ExitCode;

use crate::i18n::Lang;
use crate::model::CURATED;
use crate::review::ReviewStatus;
use crate::review::compare::DiffKind;
use crate::session::Session;
use crate::session::overview::{review_name, title_of};
use crate::session::review::{FinishedEverywhere, ReviewFilter, ReviewTally, diff_kind_name};
use crate::store::{self, Store};

use super::no_progress;
use super::say::{count, fail, pad, say, width};

/// What `biaozhu review` was asked.
#[derive(Debug, Clone, Default)]
pub struct ReviewArgs {
    /// Which annotators to compare (none: every annotator with work in the project).
    pub annotators: Option<Vec<String>>,
    /// Take every open agreement into the curated layer and save it.
    pub accept_agreements: bool,
    /// Take the majority's version of every open disagreement that has one, and save it.
    pub accept_majority: bool,
    /// Then mark reviewed every document with nothing left to decide, and save it.
    pub finish: bool,
    /// List each open item with every annotator's version.
    pub items: bool,
    /// With `items`: only those of this kind (a [`crate::review::compare::DiffKind`] name).
    pub kind: Option<String>,
    /// With `items`: only those where some annotator gave each of these labels or event
    /// types.
    pub labels: Vec<String>,
    /// Print JSON.
    pub json: bool,
}

/// One document's line of the report.
struct Row {
    id: String,
    title: String,
    status: crate::model::DocStatus,
    tally: ReviewTally,
    /// With `--items`: its open items, as text lines and as JSON.
    items: Vec<(String, serde_json::Value)>,
}

impl Row {
    /// Where the document's review stands, from its curated layer's status.
    fn review(&self) -> ReviewStatus {
        ReviewStatus::of_status(Some(self.status))
    }
}

/// One open item of document `doc`: a head line (range, text, kind) with one line per
/// annotator, and the same as JSON (spans and events with their offsets and text).
/// The totals over the documents of a report, worked out once for the text and the JSON.
struct Totals {
    /// Documents compared.
    documents: usize,
    /// Of them, those with an open item.
    documents_open: usize,
    /// Open items (disagreements and unconfirmed spans not yet decided).
    open: usize,
    /// Agreements not yet taken into the curated layer.
    agreements_open: usize,
    /// Items decided.
    decided: usize,
}

impl Totals {
    fn of(rows: &[Row]) -> Self {
        let sum = |f: &dyn Fn(&ReviewTally) -> usize| rows.iter().map(|r| f(&r.tally)).sum();
        Totals {
            documents: rows.len(),
            documents_open: rows.iter().filter(|r| r.tally.open() > 0).count(),
            open: sum(&ReviewTally::open),
            agreements_open: sum(&|t| t.agreements_open),
            decided: sum(&|t| t.decided),
        }
    }
}

fn open_item(
    session: &Session,
    doc: usize,
    item: &crate::review::compare::Item,
    lang: Lang,
) -> (String, serde_json::Value) {
    let Some(r) = session.review() else {
        return (String::new(), serde_json::Value::Null);
    };
    let d = session.project().documents.get(doc);
    let text = |range: crate::model::CharRange| -> String {
        d.and_then(|d| d.text.slice(range).ok())
            .unwrap_or_default()
            .to_string()
    };
    let (start, end) = (item.range.start, item.range.end);
    let kind = diff_kind_name(lang, item.kind);
    // On one line, whatever line ends the item's text holds.
    let shown = text(item.range).replace('\n', "⏎");
    let mut lines = format!("    [{start},{end}) {shown} · {kind}");
    let mut versions = serde_json::Map::new();
    for (n, who) in r.annotators().iter().enumerate() {
        // Only those who worked on the document: one who never opened it said nothing.
        let Some(layer) = r
            .source(doc, n)
            .filter(|l| crate::review::compare::has_work(l))
        else {
            continue;
        };
        lines.push_str(&format!(
            "\n      {who}: {}",
            crate::session::review::version_text(lang, session, doc, layer, item, n)
        ));
        let Some(v) = item.versions.get(n) else {
            continue;
        };
        let span_json = |s: &crate::model::Span| {
            serde_json::json!({
                "label": s.label,
                "start": s.range.start,
                "end": s.range.end,
                "text": text(s.range),
            })
        };
        let mut got: Vec<serde_json::Value> = v
            .spans
            .iter()
            .filter_map(|id| layer.span(*id))
            .map(span_json)
            .collect();
        got.extend(v.events.iter().filter_map(|id| layer.event(*id)).map(|e| {
            let args: Vec<serde_json::Value> = e
                .args
                .iter()
                .filter_map(|(role, a)| {
                    let s = layer.span(*a)?;
                    Some(serde_json::json!({
                        "role": role,
                        "start": s.range.start,
                        "end": s.range.end,
                        "text": text(s.range),
                    }))
                })
                .collect();
            serde_json::json!({
                "type": e.event_type,
                "trigger": layer.span(e.trigger).map(span_json),
                "args": args,
            })
        }));
        versions.insert(who.clone(), got.into());
    }
    let json = serde_json::json!({
        "start": start,
        "end": end,
        "text": text(item.range),
        "kind": item.kind.as_str(),
        "event": item.is_event,
        "versions": versions,
    });
    (lines, json)
}

/// `biaozhu review DIR`.
pub fn cmd_review(dir: &Path, args: ReviewArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    if !store::is_project(dir) {
        return Err(store::StoreError::NotAProject(dir.to_path_buf()).into());
    }
    let annotators = args.annotators.unwrap_or_default();
    let layers = store::layer_names(dir);
    for a in &annotators {
        store::check_annotator(a)?;
        if a == CURATED {
            fail!(
                "{CURATED} 是审定层，不能作为标注人对照",
                "{CURATED} is the curated layer, not an annotator to compare"
            );
        }
        if !layers.contains(a) {
            let (d, list) = (
                dir.display(),
                layers
                    .iter()
                    .filter(|l| *l != CURATED)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            fail!(
                "{d}：没有标注人 {a:?} 的标注层；现有的是 {list}",
                "{d}: no layer of annotator {a:?}; the annotators are {list}"
            );
        }
    }
    // Reading needs no lock (the window may have the project open); writing takes it.
    let writes = args.accept_agreements || args.accept_majority || args.finish;
    let (st, p) = if writes {
        Store::open(dir, CURATED, &mut no_progress())?
    } else {
        Store::open_read_only(dir, CURATED, &mut no_progress())?
    };
    let kind = match args.kind.as_deref() {
        None => None,
        Some(k) => {
            let open = || DiffKind::ALL.into_iter().filter(|d| *d != DiffKind::Agree);
            let Some(found) = open().find(|d| d.as_str() == k) else {
                let names = open().map(|d| d.as_str()).collect::<Vec<_>>().join(", ");
                fail!(
                    "没有 {k:?} 这种未决项；可用的是 {names}",
                    "no kind of open item {k:?}; the kinds are {names}"
                );
            };
            Some(found)
        }
    };
    for l in &args.labels {
        if p.schema.label(l).is_none() && p.schema.event_type(l).is_none() {
            let known = p
                .schema
                .labels
                .iter()
                .map(|d| d.key.clone())
                .chain(p.schema.events.iter().map(|e| e.key.clone()))
                .collect::<Vec<_>>()
                .join(", ");
            fail!(
                "模式中没有标签或事件类型 {l:?}；现有的是 {known}",
                "no label or event type {l:?} in the schema; it has {known}"
            );
        }
    }
    let mut session = Session::new(st, p);
    session.start_review(&annotators)?;
    let compared = session
        .review()
        .map(|r| r.annotators().to_vec())
        .unwrap_or_default();
    let accepted = if args.accept_agreements {
        Some(session.accept_agreements_everywhere()?)
    } else {
        None
    };
    let majority = if args.accept_majority {
        Some(session.accept_majority_everywhere()?)
    } else {
        None
    };
    let finished = if args.finish {
        Some(session.finish_review_everywhere()?)
    } else {
        None
    };
    if session.project().is_dirty() {
        session.save()?;
    }
    let filter = ReviewFilter {
        kind,
        labels: args.labels.clone(),
    };
    let filtered = !filter.is_all();
    session.set_review_filter(filter);
    let rows: Vec<Row> = session
        .project()
        .documents
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let tally = session.review_tally(i)?;
            let items = if args.items {
                let r = session.review()?;
                let all = r.items(i);
                session
                    .review_open_items(i)
                    .into_iter()
                    .filter_map(|k| all.get(k))
                    .filter(|it| r.shows(i, it))
                    .map(|it| open_item(&session, i, it, lang))
                    .collect()
            } else {
                Vec::new()
            };
            Some(Row {
                id: d.meta.id.clone(),
                title: title_of(d),
                status: d.layer.status,
                tally,
                items,
            })
        })
        .collect();
    let listed = (args.items && filtered).then(|| {
        (
            args.kind.clone(),
            args.labels.clone(),
            rows.iter().map(|r| r.items.len()).sum::<usize>(),
        )
    });
    if args.json {
        print_json(
            &compared,
            [accepted, majority],
            finished,
            &rows,
            args.items,
            &listed,
        )?;
    } else {
        print_text(
            dir,
            &compared,
            [accepted, majority],
            finished,
            &rows,
            &listed,
            lang,
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// With `--items` and `--kind` or `--label`: the kind, the labels and how many items were
/// listed.
type Listed = Option<(Option<String>, Vec<String>, usize)>;

/// The report as JSON: the annotators compared, what was accepted, and every document.
fn print_json(
    compared: &[String],
    [accepted, majority]: [Option<(usize, usize)>; 2],
    finished: Option<FinishedEverywhere>,
    rows: &[Row],
    items: bool,
    listed: &Listed,
) -> anyhow::Result<()> {
    let docs: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            let by_kind: serde_json::Map<String, serde_json::Value> = r
                .tally
                .open_by_kind
                .iter()
                .map(|(k, n)| (k.as_str().to_string(), (*n).into()))
                .collect();
            let mut doc = serde_json::json!({
                "id": r.id,
                "title": r.title,
                "status": r.status.as_str(),
                "review_status": r.review().as_str(),
                "items": r.tally.items,
                "decided": r.tally.decided,
                "agreements_open": r.tally.agreements_open,
                "open": r.tally.open(),
                "open_by_kind": by_kind,
            });
            if items {
                doc["open_items"] = r.items.iter().map(|(_, j)| j.clone()).collect();
            }
            doc
        })
        .collect();
    let t = Totals::of(rows);
    let mut out = serde_json::json!({
        "annotators": compared,
        "accepted": accepted.map(|(items, documents)| serde_json::json!({
            "items": items,
            "documents": documents,
        })),
        "majority": majority.map(|(items, documents)| serde_json::json!({
            "items": items,
            "documents": documents,
        })),
        "finished": finished.map(|f| serde_json::json!({
            "documents": f.documents,
            "agreements": f.agreements,
            "documents_still_open": f.left_open,
        })),
        "documents": docs,
        "total": {
            "documents": t.documents,
            "documents_open": t.documents_open,
            "open": t.open,
            "agreements_open": t.agreements_open,
            "decided": t.decided,
        },
    });
    if let Some((kind, labels, n)) = listed {
        out["filter"] = serde_json::json!({
            "kind": kind,
            "labels": labels,
            "open_items_listed": n,
        });
    }
    outln!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}

/// The report as lines: a head, one line per document with something to review, a total.
fn print_text(
    dir: &Path,
    compared: &[String],
    [accepted, majority]: [Option<(usize, usize)>; 2],
    finished: Option<FinishedEverywhere>,
    rows: &[Row],
    listed: &Listed,
    lang: Lang,
) {
    let d = dir.display();
    let sep = match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    };
    let who = compared.join(sep);
    outln!(
        "{}",
        say!(
            lang,
            "审阅 {d}：对照 {who}",
            "Review of {d}: comparing {who}"
        )
    );
    if let Some((items, docs)) = accepted {
        let (items, docs) = (
            count(lang, items, "项一致项", "agreement"),
            count(lang, docs, "篇文档", "document"),
        );
        outln!(
            "{}",
            say!(
                lang,
                "已采纳 {items}（{docs}），已存入审定层",
                "accepted {items} ({docs}) into the curated layer, saved"
            )
        );
    }
    if let Some((items, docs)) = majority {
        let (items, docs) = (
            count(lang, items, "项分歧", "disagreement"),
            count(lang, docs, "篇文档", "document"),
        );
        outln!(
            "{}",
            say!(
                lang,
                "按多数人的版本决定了 {items}（{docs}），已存入审定层",
                "decided {items} by the majority's version ({docs}) in the curated layer, saved"
            )
        );
    }
    if let Some(f) = finished {
        let (docs, agreements, open) = (
            count(lang, f.documents, "篇文档", "document"),
            count(lang, f.agreements, "项一致项", "agreement"),
            count(lang, f.left_open, "篇文档", "document"),
        );
        outln!(
            "{}",
            say!(
                lang,
                "已把 {docs}标为审阅完毕（采纳了 {agreements}），已存入审定层；仍有未决项的：{open}",
                "marked {docs} reviewed (taking {agreements}) in the curated layer, saved; still with open items: {open}"
            )
        );
    }
    let id_w = rows.iter().map(|r| r.id.chars().count()).max().unwrap_or(0);
    let status_w = rows
        .iter()
        .map(|r| width(review_name(r.review(), lang)))
        .max()
        .unwrap_or(0);
    let mut nothing = 0;
    for r in rows {
        let t = &r.tally;
        if t.items == 0 {
            nothing += 1;
            continue;
        }
        let open = t.open();
        let kinds = t.open_kinds_text(lang);
        let open = if kinds.is_empty() {
            say!(lang, "未决 {open}", "open {open}")
        } else {
            say!(lang, "未决 {open}（{kinds}）", "open {open} ({kinds})")
        };
        let (agree, decided) = (t.agreements_open, t.decided);
        let rest = say!(
            lang,
            "一致未采纳 {agree} · 已决定 {decided}",
            "agreements not taken {agree} · decided {decided}"
        );
        outln!(
            "{}",
            format!(
                "  {}  {}  {open} · {rest}  {}",
                pad(&r.id, id_w),
                pad(review_name(r.review(), lang), status_w),
                r.title
            )
        );
        for (line, _) in &r.items {
            outln!("{line}");
        }
    }
    let t = Totals::of(rows);
    let (with_open, open, agree, n) = (t.documents_open, t.open, t.agreements_open, t.documents);
    outln!(
        "{}",
        say!(
            lang,
            "合计：有未决项的文档 {with_open} / {n} · 未决 {open} · 一致未采纳 {agree}",
            "Total: documents with open items {with_open} / {n} · open {open} · agreements not taken {agree}"
        )
    );
    if let Some((kind, labels, n)) = listed {
        let mut by = Vec::new();
        if let Some(k) = kind {
            by.push(format!("--kind {k}"));
        }
        if !labels.is_empty() {
            by.push(format!("--label {}", labels.join(",")));
        }
        let by = by.join(" ");
        let n = count(lang, *n, "项未决项", "open item");
        outln!(
            "{}",
            say!(
                lang,
                "按 {by} 筛选，列出了 {n}",
                "listed {n}, filtered by {by}"
            )
        );
    }
    if nothing > 0 {
        let nothing = count(lang, nothing, "篇文档", "document");
        outln!(
            "{}",
            say!(
                lang,
                "（{nothing} 没有可审阅的：没有标注人标过）",
                "({nothing} with nothing to review: no annotator has tagged them)"
            )
        );
    }
}
