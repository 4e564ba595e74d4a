//! Reading the MSRA NER file (`char<TAB>tag`, BIO, a blank line between sentences), shared
//! by `tests/entities_msra.rs` and `tests/learn_msra.rs`.

use std::collections::BTreeSet;
use std::path::Path;

/// A sentence and its gold spans (char offsets, end exclusive, label).
pub type Sentence = (String, BTreeSet<(u32, u32, String)>);

/// The sentences of the MSRA file (`char<TAB>tag`, BIO, blank line between sentences).
pub fn sentences(path: &Path) -> Vec<Sentence> {
    let src = std::fs::read_to_string(path).expect("the MSRA file in ../shared/dev");
    let mut out = Vec::new();
    for block in src.split("\n\n") {
        let mut text = String::new();
        let mut gold = BTreeSet::new();
        let mut open: Option<(u32, String)> = None;
        let mut n = 0u32;
        let close = |open: &mut Option<(u32, String)>, at: u32, gold: &mut BTreeSet<_>| {
            if let Some((s, l)) = open.take() {
                gold.insert((s, at, l));
            }
        };
        for line in block.lines() {
            let Some((c, tag)) = line.split_once('\t') else {
                continue;
            };
            let Some(ch) = c.chars().next() else {
                continue;
            };
            match tag.split_once('-') {
                Some(("B", l)) => {
                    close(&mut open, n, &mut gold);
                    open = Some((n, l.to_string()));
                }
                Some(("I", l)) if open.as_ref().is_some_and(|(_, o)| o == l) => {}
                Some((_, l)) => {
                    close(&mut open, n, &mut gold);
                    open = Some((n, l.to_string()));
                }
                None => close(&mut open, n, &mut gold),
            }
            text.push(ch);
            n += 1;
        }
        close(&mut open, n, &mut gold);
        if !text.is_empty() {
            out.push((text, gold));
        }
    }
    out
}
