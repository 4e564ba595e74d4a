//! The command line in Chinese and in English: `--lang` (before or after the subcommand),
//! the window's choice in the user's settings, the locale; and a sweep of the commands in
//! Chinese in which no message is left in English.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

#[path = "support/bin.rs"]
mod bin;
use bin::{Run, bz_in as run_in};

/// A place to work, with empty user settings of its own.
struct Bench {
    tmp: tempfile::TempDir,
}

impl Bench {
    fn new() -> Self {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(tmp.path().join("config")).expect("config dir");
        Self { tmp }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// Run with `--lang zh` after the other arguments, in an English locale: the flag wins.
    fn zh(&self, args: &[&OsStr]) -> Run {
        let mut a: Vec<&OsStr> = args.to_vec();
        a.extend([OsStr::new("--lang"), OsStr::new("zh")]);
        run_in(&self.path("config"), "en_US.UTF-8", a)
    }

    /// Run in the locale `locale`, no flag.
    fn with_locale(&self, locale: &str, args: &[&OsStr]) -> Run {
        run_in(&self.path("config"), locale, args)
    }
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir").flatten() {
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

/// Lines that read as English prose: three English words of two letters or more in a row,
/// outside a path, a backquoted command or an option. Label keys, format names, figures
/// and metric names (P R F1, kappa) are not prose.
fn english_lines(out: &str) -> Vec<String> {
    out.lines()
        .filter(|line| {
            let words: Vec<&str> = line
                .split(|c: char| c.is_whitespace() || "，。：；（）、,;:()".contains(c))
                .filter(|w| !w.is_empty())
                .collect();
            let mut run = 0;
            for w in words {
                let plain = w.len() >= 2
                    && w.chars().all(|c| c.is_ascii_lowercase())
                    && !w.contains('/')
                    && !w.contains('`');
                run = if plain { run + 1 } else { 0 };
                if run >= 3 {
                    return true;
                }
            }
            false
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn the_flag_comes_before_or_after_the_subcommand_and_the_locale_decides_without_it() {
    let b = Bench::new();
    let p = b.path("p");
    let r = b.zh(&[os("new"), p.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.starts_with("已创建 "), "{r:?}");
    let q = b.path("q");
    let r = run_in(
        &b.path("config"),
        "zh_CN.UTF-8",
        [os("--lang"), os("en"), os("new"), q.as_os_str()],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.starts_with("created "), "{r:?}");
    // No flag: the locale.
    let r = b.with_locale("zh_CN.UTF-8", &[os("check"), p.as_os_str()]);
    assert!(r.stdout.starts_with("ok：0 篇文档"), "{r:?}");
    let r = b.with_locale("en_US.UTF-8", &[os("check"), p.as_os_str()]);
    assert!(r.stdout.starts_with("ok: 0 documents"), "{r:?}");
    // A locale that names no language (C, as in a container): Chinese, as the window.
    let r = b.with_locale("C", &[os("check"), p.as_os_str()]);
    assert!(r.stdout.starts_with("ok：0 篇文档"), "{r:?}");
    // An error exits 2 with its prefix and message in the language.
    let missing = b.path("missing");
    let r = b.with_locale("zh_CN.UTF-8", &[os("check"), missing.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.starts_with("错误："), "{r:?}");
    assert!(r.stderr.contains("不是 biaozhu 项目"), "{r:?}");
    let r = b.with_locale("en_US.UTF-8", &[os("check"), missing.as_os_str()]);
    assert!(r.stderr.starts_with("error: "), "{r:?}");
    assert!(r.stderr.contains("not a biaozhu project"), "{r:?}");
    // `--help` follows the language too (clap's own in English).
    let r = b.zh(&[os("export"), os("--help")]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("以某种格式导出标注好的语料"), "{r:?}");
    assert!(r.stdout.contains("用法："), "{r:?}");
    let r = b.with_locale("en_US.UTF-8", &[os("export"), os("--help")]);
    assert!(r.stdout.contains("Export the labelled corpus"), "{r:?}");
    // The window's options before a subcommand are refused, not ignored.
    let r = b.zh(&[os("--review"), os("check"), p.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--review 用于打开窗口"), "{r:?}");
}

#[test]
fn the_language_chosen_in_the_window_is_the_command_lines_too() {
    let b = Bench::new();
    let p = b.path("p");
    assert_eq!(b.zh(&[os("new"), p.as_os_str()]).code, 0);
    std::fs::write(b.path("config").join("config.ron"), "(lang: Some(\"en\"))")
        .expect("write config");
    let r = b.with_locale("zh_CN.UTF-8", &[os("check"), p.as_os_str()]);
    assert!(r.stdout.starts_with("ok: 0 documents"), "{r:?}");
    // The flag still wins.
    let r = b.zh(&[os("check"), p.as_os_str()]);
    assert!(r.stdout.starts_with("ok：0 篇文档"), "{r:?}");
}

#[test]
fn every_command_speaks_chinese_when_asked() {
    let b = Bench::new();
    let mut said = Vec::new();
    let expect = |r: Run, code: i32, has: &str, said: &mut Vec<String>| {
        assert_eq!(r.code, code, "{r:?}");
        assert!(r.all().contains(has), "wanted {has:?} in {r:?}");
        said.push(r.all());
    };
    let dir = b.path("sample");
    copy_dir(&sample(), &dir);
    let d = dir.as_os_str();
    // A second annotator: the main layer again, for agreement.
    let annotations = dir.join("annotations");
    for e in std::fs::read_dir(&annotations)
        .expect("annotations")
        .flatten()
    {
        let main = e.path().join("main.ron");
        if main.is_file() {
            std::fs::copy(&main, e.path().join("bob.ron")).expect("copy layer");
        }
    }
    expect(b.zh(&[os("check"), d]), 0, "ok：", &mut said);
    expect(
        b.zh(&[os("stats"), d, os("--layer"), os("main")]),
        0,
        "文档",
        &mut said,
    );
    expect(b.zh(&[os("agree"), d]), 0, "各标签", &mut said);
    expect(
        b.zh(&[os("review"), d, os("--annotators"), os("main,bob")]),
        0,
        "一致未采纳",
        &mut said,
    );
    expect(
        b.zh(&[os("consistency"), d, os("--layer"), os("main")]),
        1,
        "个文本标得不一致",
        &mut said,
    );
    expect(
        b.zh(&[os("assign"), d, os("--annotator"), os("bob"), os("--all")]),
        0,
        "已分配",
        &mut said,
    );
    expect(
        b.zh(&[os("schema"), os("show"), d]),
        0,
        "事件类型",
        &mut said,
    );
    // `export` of the main layer in `format`, with `extra`.
    let export = |format: &str, extra: &[&OsStr]| {
        let mut a = vec![os("export"), d, os("--layer"), os("main"), os("--format")];
        a.push(os(format));
        a.extend_from_slice(extra);
        b.zh(&a)
    };
    let out = b.path("out.jsonl");
    expect(
        export("doccano", &[os("--out"), out.as_os_str()]),
        0,
        "已写出",
        &mut said,
    );
    expect(
        export("conll", &[os("--split"), os("8:1:1")]),
        2,
        "请用 --out",
        &mut said,
    );
    expect(
        b.zh(&[
            os("export"),
            d,
            os("--layer"),
            os("nobody"),
            os("--format"),
            os("json"),
        ]),
        2,
        "没有标注层",
        &mut said,
    );
    expect(
        b.zh(&[os("export"), d, os("--format"), os("json")]),
        2,
        "有多个标注层",
        &mut said,
    );
    expect(
        b.zh(&[
            os("export"),
            d,
            os("--format"),
            os("json"),
            os("--split"),
            os("8:1"),
        ]),
        2,
        "不是 8:1:1 这样的划分",
        &mut said,
    );
    // A new project: text in, suggestions, training with nothing to learn from.
    let p = b.path("p");
    let pp = p.as_os_str();
    expect(b.zh(&[os("new"), pp]), 0, "已创建", &mut said);
    let txt = b.path("news.txt");
    std::fs::write(
        &txt,
        "【本报北京10月24日电】全国总工会今天召开推进会，86个县区参加。\n",
    )
    .expect("write text");
    expect(
        b.zh(&[os("import"), pp, txt.as_os_str()]),
        0,
        "已导入",
        &mut said,
    );
    expect(
        b.zh(&[os("import"), pp, txt.as_os_str(), os("--pending")]),
        2,
        "文件不含标注",
        &mut said,
    );
    let bad = b.path("bad.jsonl");
    std::fs::write(&bad, "{\"text\": \"甲\", \"label\": [[0, 5, \"PER\"]]}\n").expect("write");
    let r = b.zh(&[
        os("import"),
        pp,
        bad.as_os_str(),
        os("--format"),
        os("doccano"),
    ]);
    assert_ne!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("bad.jsonl:1"), "{r:?}");
    said.push(r.all());
    expect(b.zh(&[os("suggest"), pp]), 0, "条建议", &mut said);
    expect(b.zh(&[os("train"), pp]), 1, "没有可供学习", &mut said);
    expect(
        b.zh(&[os("suggest"), txt.as_os_str(), os("--project"), pp]),
        0,
        "全国总工会",
        &mut said,
    );
    expect(
        b.zh(&[os("structure"), txt.as_os_str()]),
        0,
        "电头",
        &mut said,
    );
    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/duee_event_schema.json");
    expect(
        b.zh(&[os("schema"), os("import"), pp, schema.as_os_str()]),
        0,
        "已导入",
        &mut said,
    );
    let missing = b.path("nowhere.txt");
    expect(
        b.zh(&[os("import"), pp, missing.as_os_str()]),
        1,
        "nowhere.txt",
        &mut said,
    );
    // Last, as it writes a curated layer, which later exports would take by default.
    expect(
        b.zh(&[
            os("review"),
            d,
            os("--annotators"),
            os("main,bob"),
            os("--accept-agreements"),
        ]),
        0,
        "已存入审定层",
        &mut said,
    );
    let english: Vec<String> = said.iter().flat_map(|s| english_lines(s)).collect();
    assert!(
        english.is_empty(),
        "left in English:\n{}",
        english.join("\n")
    );
    // The sweep's check can fail: the same commands in English are caught by it.
    let r = run_in(&b.path("config"), "en_US.UTF-8", [os("train"), pp]);
    assert!(!english_lines(&r.all()).is_empty(), "{r:?}");
}
