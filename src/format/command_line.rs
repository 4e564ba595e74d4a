//! The command that redoes an export: `biaozhu export DIR --format … --out …` with the
//! arguments that give the same options. The window's export dialog shows it, so that an
//! export chosen there can go into a script or a Makefile and be run again as the corpus
//! grows.

use std::path::Path;

use super::{Format, OptionKind, Options, Unit};

/// The arguments after `biaozhu` that export `layer` of the project in `dir` as `f` to
/// `out` with `opts`. Options the format does not take are left out (the command line
/// would refuse them, and the format ignores them), and so are those at their defaults.
pub fn export_args(dir: &Path, f: &Format, out: &Path, layer: &str, opts: &Options) -> Vec<String> {
    let mut a: Vec<String> = vec![
        "export".into(),
        dir.display().to_string(),
        "--format".into(),
        f.name.into(),
        "--out".into(),
        out.display().to_string(),
        "--layer".into(),
        layer.into(),
    ];
    let mut flag = |name: &str, value: Option<String>| {
        a.push(format!("--{name}"));
        a.extend(value);
    };
    if opts.include_pending && f.takes(OptionKind::IncludePending) {
        flag("include-pending", None);
    }
    if opts.unit != Unit::Document {
        flag("unit", Some(opts.unit.name().into()));
    }
    if let Some(s) = opts.status {
        flag("status", Some(s.as_str().into()));
    }
    if let Some(l) = opts.labels.as_ref().filter(|l| !l.is_empty()) {
        flag("labels", Some(l.join(",")));
    }
    if !opts.map.is_empty() {
        let m: Vec<String> = opts.map.iter().map(|(a, b)| format!("{a}={b}")).collect();
        flag("map", Some(m.join(",")));
    }
    let (seed, stratify) = match (&opts.split, &opts.folds) {
        (Some(s), _) => {
            let [tr, dev, te] = s.parts;
            flag("split", Some(format!("{tr}:{dev}:{te}")));
            (s.seed, s.stratify)
        }
        (None, Some(k)) => {
            flag("folds", Some(k.k.to_string()));
            if k.dev {
                flag("fold-dev", None);
            }
            (k.seed, k.stratify)
        }
        (None, None) => (0, false),
    };
    if seed != 0 {
        flag("seed", Some(seed.to_string()));
    }
    if stratify {
        flag("stratify", None);
    }
    if opts.dedup {
        flag("dedup", None);
    }
    if let Some(n) = opts.max_chars {
        flag("max-chars", Some(n.to_string()));
    }
    if opts.skip_unsure {
        flag("skip-unsure", None);
    }
    if let Some(x) = opts.keep_empty {
        flag("keep-empty", Some(x.to_string()));
    }
    if f.takes(OptionKind::Nested) && opts.nested != Default::default() {
        flag("nested", Some(opts.nested.name().into()));
    }
    // The default kinds, in their order, go without saying (the command's default).
    if let Some(k) = opts
        .kinds
        .as_ref()
        .filter(|k| f.takes(OptionKind::Kinds) && k.as_slice() != super::training::DEFAULT_KINDS)
    {
        let k: Vec<&str> = k.iter().map(|k| k.as_str()).collect();
        flag("kinds", Some(k.join(",")));
    }
    if opts.roles && f.takes(OptionKind::Roles) {
        flag("roles", None);
    }
    if f.takes(OptionKind::Scheme) && opts.scheme != Default::default() {
        flag("scheme", Some(opts.scheme.name().into()));
    }
    if f.takes(OptionKind::Sep) && opts.sep != Default::default() {
        flag("sep", Some(opts.sep.name().into()));
    }
    if f.takes(OptionKind::Tokens) && opts.tokens != Default::default() {
        flag("tokens", Some(opts.tokens.name().into()));
    }
    a
}

/// `biaozhu` and `args` as one line for a POSIX shell: an argument with anything but
/// letters, digits (Chinese ones too) and `-_./:=,+%@` in it is single-quoted.
pub fn shell_line(args: &[String]) -> String {
    let quoted = args.iter().map(|a| {
        let plain = !a.is_empty()
            && a.chars()
                .all(|c| c.is_alphanumeric() || "-_./:=,+%@".contains(c));
        if plain {
            a.clone()
        } else {
            format!("'{}'", a.replace('\'', r"'\''"))
        }
    });
    std::iter::once("biaozhu".to_string())
        .chain(quoted)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Scheme;
    use crate::format::training::Nested;
    use crate::model::SpanKind;

    /// An option the format does not take is left out: the command line would refuse it.
    /// (`cli`'s tests read every argument back through the command line's parser.)
    #[test]
    fn an_option_the_format_does_not_take_is_left_out() {
        let json = crate::format::by_name("json").expect("json");
        let opts = Options {
            scheme: Scheme::ALL[2],
            nested: Nested::ALL[1],
            kinds: Some(vec![SpanKind::Entity]),
            ..Options::default()
        };
        let args = export_args(Path::new("p"), json, Path::new("c.json"), "main", &opts);
        assert_eq!(
            args,
            [
                "export", "p", "--format", "json", "--out", "c.json", "--layer", "main"
            ]
        );
    }

    /// The default kinds (entity, figure) go without saying; any other choice is written.
    #[test]
    fn the_default_kinds_are_left_out_and_others_written() {
        let conll = crate::format::by_name("conll").expect("conll");
        let args = |kinds: Vec<SpanKind>| {
            let opts = Options {
                kinds: Some(kinds),
                ..Options::default()
            };
            export_args(Path::new("p"), conll, Path::new("c.conll"), "main", &opts)
        };
        let default = args(crate::format::training::DEFAULT_KINDS.to_vec());
        assert!(!default.iter().any(|a| a == "--kinds"), "{default:?}");
        let entities = args(vec![SpanKind::Entity]);
        assert!(
            entities.ends_with(&["--kinds".into(), "entity".into()]),
            "{entities:?}"
        );
    }

    #[test]
    fn the_shell_line_quotes_what_a_shell_would_split_or_expand() {
        let args: Vec<String> = [
            "export",
            "/data/项目 one",
            "--labels",
            "PER,机构",
            "out's",
            "$x",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            shell_line(&args),
            r"biaozhu export '/data/项目 one' --labels PER,机构 'out'\''s' '$x'"
        );
    }
}
