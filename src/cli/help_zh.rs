//! `--help` in Chinese: what each command does and what each of its options means, put
//! over clap's English (the doc comments of [`super::Cli`]) when the run speaks Chinese. A
//! test walks every command and option, so one added without its Chinese fails.

use clap::{Arg, ArgAction, Command};

use crate::i18n::Lang;

/// `(command path, option id or "" for the command itself, the Chinese)`. The path is the
/// subcommands' names joined by spaces (`schema import`), "" for `biaozhu` itself.
const ZH: &[(&str, &str, &str)] = &[
    ("", "", "biaozhu（标注）：为中文文本标注实体、数字和事件。"),
    (
        "",
        "path",
        "要打开的项目文件夹，或一个文本文件（在它旁边新建项目并导入）。不给时窗口打开上次的项目（第一次打开示例项目）",
    ),
    ("", "annotator", "窗口打开谁的标注层（默认 main）"),
    (
        "",
        "review",
        "以审阅模式打开窗口：项目的审定层，旁边对照每位标注人的标注层",
    ),
    (
        "",
        "lang",
        "消息的语言：zh（中文）或 en（默认：窗口中选择的语言，其次是系统区域设置，再次是 zh）",
    ),
    ("new", "", "新建一个空项目，带默认的新闻版面模式"),
    ("new", "dir", "新项目的文件夹"),
    ("new", "name", "显示的名称（默认：文件夹名）"),
    (
        "import",
        "",
        "把文件导入为文档：纯文本（UTF-8、UTF-16、GB18030/GBK 等，自动识别），或带标注的文件（见 --format）",
    ),
    ("import", "dir", "项目文件夹"),
    ("import", "files", "要导入的文件"),
    (
        "import",
        "encoding",
        "指定纯文本的编码（utf-8、gbk、gb18030、utf-16le、utf-16be、big5 等）",
    ),
    (
        "import",
        "lossy",
        "把纯文本中的坏字节替换为 U+FFFD，而不是拒绝该文件；会报告替换了多少处（退出码为 1）",
    ),
    (
        "import",
        "format",
        "文件的格式（默认：能从内容明确判断时自动识别并说明；否则按纯文本）",
    ),
    (
        "import",
        "pending",
        "所有标注都作为待定建议导入，供审阅（另一个模型的输出）",
    ),
    (
        "import",
        "annotator",
        "导入的标注写入谁的标注层（默认 main）",
    ),
    (
        "import",
        "extend_schema",
        "把文件用到而模式中没有的事件类型和角色加入模式（否则逐一说明，退出码为 1）",
    ),
    ("import", "scheme", "词元格式（conll、hf）的标记方案"),
    ("import", "sep", "词元格式（conll）的列分隔符：tab 或 space"),
    (
        "import",
        "tokens",
        "词元格式（conll、hf）中一个词元是什么：一个字，或一个 jieba 词",
    ),
    (
        "export",
        "",
        "以某种格式导出标注好的语料（已接受的标注和事件）",
    ),
    ("export", "dir", "项目文件夹"),
    ("export", "format", "输出格式"),
    ("export", "out", "输出文件（默认：标准输出）"),
    (
        "export",
        "layer",
        "导出哪个标注层（默认：审定层，否则唯一的那一层）；--annotator 与它相同",
    ),
    (
        "export",
        "include_pending",
        "同时导出待定建议（仅限能表示待定的格式）",
    ),
    (
        "export",
        "unit",
        "每条记录是一篇文档（默认）、一篇文章还是一个句子",
    ),
    (
        "export",
        "status",
        "只导出进度达到此状态的文档：done 包括已完成和已审阅的",
    ),
    (
        "export",
        "labels",
        "只导出这些标签（在 --map 之后）的标注，逗号分隔：PER,ORG；也可写事件类型（只导出这些类型的事件）或角色（只导出这些角色的论元）",
    ),
    (
        "export",
        "map",
        "重命名标签，原名=新名（机构=ORG）；可重复，或用逗号分隔",
    ),
    (
        "export",
        "split",
        "按文档划分为 train/dev/test，如 8:1:1；此时 --out 是一个文件夹",
    ),
    (
        "export",
        "split_from",
        "沿用以前一次划分导出的 manifest.json（或其所在文件夹）：其中的文档留在原来的部分，只有新文档按比例分入，测试集的文档永远不会进入训练集；比例、种子和分层取自该文件，除非另给 --split",
    ),
    (
        "export",
        "seed",
        "--split 或 --folds 的随机种子（同一种子得到同样的划分）",
    ),
    (
        "export",
        "max_chars",
        "每条记录最多多少字（模型的输入上限：BERT 为 510）；更长的在句末切开，不行再在逗号等处，从不切在标注之内",
    ),
    (
        "export",
        "stratify",
        "与 --split 或 --folds 同用：按比例把每个标签分到各部分（按文档的迭代分层），让少见的标签也进入开发集和测试集",
    ),
    (
        "export",
        "folds",
        "按文档做 K 折交叉验证：写出 fold0/train … fold{K-1}/test，每篇文档恰好在一折中作测试；此时 --out 是一个文件夹",
    ),
    (
        "export",
        "dry_run",
        "构建导出并说明它会包含什么（各项说明；划分或 K 折时还有哪些文档去了哪里的清单），但什么也不写：用来试种子或比例，直到每个标签都进入开发集和测试集",
    ),
    (
        "export",
        "fold_dev",
        "与 --folds 同用：每轮另取下一折作开发集（第 i 轮以第 i 折测试、第 i+1 折开发，其余训练；此时 K 至少为 3）",
    ),
    (
        "export",
        "skip_unsure",
        "含存疑（Ctrl+U 标记）的标注的记录不导出；能写事件的格式中含存疑事件的记录也不导出（不加此项时照样写出并计数）",
    ),
    (
        "export",
        "keep_empty",
        "没有可写内容（无标注、无事件：触发词导出中的多数句子）的记录只保留这个比例（0 到 1），按 --seed 抽取；与 --split 或 --folds 同用时只作用于训练集，开发集和测试集照常保留",
    ),
    (
        "export",
        "dedup",
        "文本（不计空白）与前面某条记录相同的记录不导出，先 train 后 dev 再 test（不加此项时只计数，照样写出）",
    ),
    (
        "export",
        "nested",
        "词元格式：嵌套或重叠的标注保留哪一个（其余的计数，在一条说明中）",
    ),
    (
        "export",
        "kinds",
        "片段格式：写出哪些种类的标注，逗号分隔（默认 entity,figure）",
    ),
    (
        "export",
        "roles",
        "片段格式，--kinds 含 argument 时：事件的每个论元以其角色（胜者、时间）为标签写出，每个事件一次，而不用其标注的标签（ARG）：用来训练论元角色标注器",
    ),
    ("export", "scheme", "词元格式（conll、hf）的标记方案"),
    ("export", "sep", "词元格式（conll）的列分隔符：tab 或 space"),
    (
        "export",
        "tokens",
        "词元格式（conll、hf）中一个词元是什么：一个字，或一个 jieba 词",
    ),
    (
        "consistency",
        "",
        "找出同一标注层中标得不一致的文本：同一个词标了两种标签，或此处标了、彼处（作为独立的词）没标。发现时退出码为 1",
    ),
    ("consistency", "dir", "项目文件夹"),
    ("consistency", "json", "输出 JSON"),
    (
        "consistency",
        "layer",
        "哪个标注层（默认与导出相同）；--annotator 同义",
    ),
    ("stats", "", "统计文档、字数和各标签的标注数"),
    ("stats", "dir", "项目文件夹"),
    ("stats", "json", "输出 JSON"),
    (
        "stats",
        "layer",
        "哪个标注层（默认：与 export 相同）；--annotator 与它相同",
    ),
    (
        "agree",
        "",
        "标注人之间的一致性：标注 F1（精确、重叠）、每对标注人按字计算的 Cohen's kappa、三人及以上的 Fleiss' kappa、触发词和论元 F1，分标签列出，以及每对标注人混淆了哪些标签；加 --against curated 时给出每位标注人以审定层为准的精确率和召回率",
    ),
    ("agree", "dir", "项目文件夹"),
    ("agree", "json", "输出 JSON"),
    (
        "agree",
        "annotators",
        "比较哪些标注人，逗号分隔（默认：每位有标注层的标注人）",
    ),
    (
        "agree",
        "labels",
        "比较哪些实体/数字标签，逗号分隔（默认：全部）",
    ),
    (
        "agree",
        "against",
        "把每位标注人只与这个标注层对照（curated：审定层），给出每人以它为准的精确率和召回率",
    ),
    (
        "suggest",
        "",
        "建议实体和数字。对文本文件，打印出来；对项目文件夹，作为待定建议加到每篇文档中（在窗口中接受或拒绝）",
    ),
    ("suggest", "path", "文本文件或项目文件夹"),
    (
        "suggest",
        "json",
        "输出 JSON：文本文件给出建议；项目文件夹给出每个文档新增的建议数，有模型时还有不确定度和模型最没把握的十个句子",
    ),
    ("suggest", "encoding", "指定文本文件的编码"),
    (
        "suggest",
        "annotator",
        "建议加到谁的标注层（项目文件夹；默认 main）",
    ),
    (
        "suggest",
        "project",
        "对文本文件：也建议事件触发词（用这个项目的模式，以及从它已接受的事件学到的触发词词表），如果项目训练过模型（biaozhu train），也用模型建议实体",
    ),
    (
        "suggest",
        "min_confidence",
        "略去概率低于此值（0 到 1）的模型建议",
    ),
    (
        "train",
        "",
        "用项目已接受的标注训练实体模型：标为完成的文档（没有标注的句子算作没有实体），先在后 10% 上评测，再用全部文档训练。写出 models/entities.crf 和 models/entities.ron；此后（这里和窗口中的）建议都会用它。有 50 个以上已接受的事件时，也同样训练并评测触发词和论元标注器（models/triggers.crf、arguments.crf、triggers.ron）。模型是派生数据：删除 models 文件夹就回到只用规则",
    ),
    ("train", "dir", "项目文件夹"),
    (
        "train",
        "labels",
        "学习哪些实体标签，逗号分隔（默认：每个有标注的标签）",
    ),
    (
        "train",
        "annotator",
        "从谁的标注层学习（默认 main；curated 从审阅结果学习）",
    ),
    (
        "train",
        "include_unfinished",
        "也从未标为完成的文档中有已接受标注的句子学习",
    ),
    ("train", "iterations", "每次训练最多迭代多少次 L-BFGS"),
    (
        "train",
        "only",
        "只训练实体模型（entities）或只训练事件标注器（events）（默认两者都训练）",
    ),
    (
        "structure",
        "",
        "打印一期报纸的版面结构：文章及其标题、电头、署名和各部分（字偏移），以及 biaozhu 会建议的修复",
    ),
    ("structure", "file", "文本文件"),
    ("structure", "json", "输出 JSON"),
    ("structure", "encoding", "指定文件的编码"),
    ("schema", "", "查看或导入项目的模式（标签和事件类型）"),
    ("schema show", "", "打印标签和事件类型及其角色"),
    ("schema show", "dir", "项目文件夹"),
    ("schema show", "json", "输出 JSON"),
    (
        "schema show",
        "annotator",
        "与模式一起读入谁的标注层（默认 main）",
    ),
    (
        "schema import",
        "",
        "从 DuEE 1.0 模式文件（每行一个 JSON 对象）导入事件类型。项目已有的类型保留它的角色，并加入文件中的其他角色（逐一说明）；--replace 则改用文件中的类型",
    ),
    ("schema import", "dir", "项目文件夹"),
    ("schema import", "file", "DuEE 模式文件"),
    (
        "schema import",
        "replace",
        "用文件中的同名事件类型替换项目中的",
    ),
    (
        "schema import",
        "annotator",
        "保存模式时打开谁的标注层（默认 main）",
    ),
    (
        "assign",
        "",
        "把文档分配给一位标注人（窗口中为其排在前面并标出），或用 --clear 收回；不给文档时打印当前分配",
    ),
    ("assign", "dir", "项目文件夹"),
    ("assign", "annotator", "谁的分配"),
    (
        "assign",
        "docs",
        "文档编号（如 biaozhu stats 和窗口中悬停所示）",
    ),
    ("assign", "all", "项目的全部文档"),
    ("assign", "clear", "把给出的文档（不给则全部）从分配中收回"),
    (
        "remove",
        "",
        "从项目中移除文档。不删除任何东西：每篇的文本和所有标注人的标注层移到项目文件夹的 removed/<时间>/，biaozhu restore 可放回",
    ),
    ("remove", "dir", "项目文件夹"),
    (
        "remove",
        "docs",
        "文档编号（如 biaozhu stats 和窗口中悬停所示）",
    ),
    (
        "restore",
        "",
        "把一次移除移到 FOLDER（项目中的 removed/<时间>）的文档放回，每篇回到原来在列表中的位置，分配照旧",
    ),
    ("restore", "dir", "项目文件夹"),
    (
        "restore",
        "folder",
        "那次移除的文件夹（removed/<时间>，项目文件夹中的或一个路径）",
    ),
    (
        "review",
        "",
        "审阅进展：每篇文档中审定层已决定的项、尚未采纳的一致项和仍未决定的分歧（按类型）；加 --accept-agreements 时先把所有一致项（对照的标注人都标得一样的）采纳进审定层并保存，审阅人只需处理分歧",
    ),
    ("review", "dir", "项目文件夹"),
    (
        "review",
        "annotators",
        "对照哪些标注人，用逗号分隔（默认：项目中有标注的每位标注人）",
    ),
    (
        "review",
        "accept_agreements",
        "把所有尚未决定的一致项采纳进审定层（审阅人拒绝过的仍是拒绝）并保存",
    ),
    (
        "review",
        "accept_majority",
        "然后（三位及以上标注人时）把过半数标注人给出的同一版本写入审定层（都没有标时拒绝其余人的标注）并保存",
    ),
    (
        "review",
        "finish",
        "然后把分歧都已决定的每篇文档标为审阅完毕，并采纳其余一致项（如同窗口中的“本篇审阅完毕”，一次处理所有文档），并保存；仍有未决项的文档不动，只计数",
    ),
    (
        "review",
        "items",
        "在每篇文档下列出仍未决定的每一项及每位标注人的版本（JSON 中为 open_items，带偏移和文本）",
    ),
    (
        "review",
        "kind",
        "与 --items 同用：只列出这一类的未决项（label、boundary、label_and_boundary、missing、event_type、event_args、unconfirmed），同窗口中的审阅筛选",
    ),
    (
        "review",
        "labels",
        "与 --items 同用：只列出有标注人给出了这些标签或事件类型（逗号分隔，须全部出现）的未决项，同窗口中的审阅筛选",
    ),
    ("review", "json", "输出 JSON"),
    (
        "check",
        "",
        "检查项目：每个文件都能解析，偏移都在范围内，标签都存在。也以“提示：”行列出标为存疑或有备注的标注和事件（不算问题）",
    ),
    ("check", "dir", "项目文件夹"),
    (
        "check",
        "annotator",
        "只检查这位标注人的标注层（默认：每一层）",
    ),
];

/// The help template, with the usage's heading in Chinese.
const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// The Chinese of `path`'s option `id` ("" for the command).
fn lookup(path: &str, id: &str) -> Option<&'static str> {
    ZH.iter()
        .find(|(p, i, _)| *p == path && *i == id)
        .map(|(_, _, zh)| *zh)
}

/// `cmd` (the whole command line) with its help in `lang`: unchanged in English.
pub fn localized(cmd: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => cmd,
        Lang::Zh => {
            let mut cmd = zh_command(cmd, "").disable_version_flag(true).arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help("显示版本")
                    .help_heading("选项"),
            );
            // clap makes its `help` command when the command is built: built now, so that
            // it can be worded too.
            cmd.build();
            if cmd.find_subcommand("help").is_some() {
                cmd = cmd.mut_subcommand("help", |h| h.about("显示本帮助，或某个命令的帮助"));
            }
            cmd
        }
    }
}

/// `cmd` at `path` and its subcommands, in Chinese.
fn zh_command(mut cmd: Command, path: &str) -> Command {
    if let Some(about) = lookup(path, "") {
        cmd = cmd.about(about).long_about(None);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let zh = lookup(path, &id);
        cmd = cmd.mut_arg(&id, |a| {
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            let a = a.help_heading(heading);
            match zh {
                Some(h) => a.help(h).long_help(None),
                None => a,
            }
        });
    }
    if matches!(path, "import" | "export") {
        cmd = cmd.mut_arg("format", |a| a.value_parser(formats_zh(path == "import")));
    }
    cmd = cmd
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        )
        .subcommand_help_heading("命令")
        .help_template(TEMPLATE);
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |sc| zh_command(sc, &sub));
    }
    cmd
}

/// `--format`'s values with their Chinese titles and what each holds.
fn formats_zh(import: bool) -> clap::builder::PossibleValuesParser {
    let list: Vec<&'static crate::format::Format> = if import {
        crate::format::importers().collect()
    } else {
        crate::format::exporters().collect()
    };
    clap::builder::PossibleValuesParser::new(list.into_iter().map(|f| {
        let holds = f.holds_list_in(Lang::Zh);
        let help = if holds.is_empty() {
            f.title(Lang::Zh).to_string()
        } else {
            format!("{}［含{holds}］", f.title(Lang::Zh))
        };
        clap::builder::PossibleValue::new(f.name).help(help)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every (path, option) of the command line, the commands' own as (path, "").
    fn every(cmd: &Command, path: &str, out: &mut Vec<(String, String)>) {
        out.push((path.to_string(), String::new()));
        for a in cmd.get_arguments() {
            out.push((path.to_string(), a.get_id().to_string()));
        }
        for s in cmd.get_subcommands() {
            let sub = if path.is_empty() {
                s.get_name().to_string()
            } else {
                format!("{path} {}", s.get_name())
            };
            every(s, &sub, out);
        }
    }

    #[test]
    fn every_command_and_option_has_its_chinese_and_no_chinese_is_left_over() {
        let mut all = Vec::new();
        every(&crate::cli::Cli::command(), "", &mut all);
        let missing: Vec<String> = all
            .iter()
            .filter(|(p, i)| lookup(p, i).is_none())
            .map(|(p, i)| format!("{p:?} {i:?}"))
            .collect();
        assert!(missing.is_empty(), "no Chinese for: {missing:?}");
        let stale: Vec<String> = ZH
            .iter()
            .filter(|(p, i, _)| !all.iter().any(|(q, j)| q == p && j == i))
            .map(|(p, i, _)| format!("{p:?} {i:?}"))
            .collect();
        assert!(stale.is_empty(), "Chinese for nothing: {stale:?}");
    }

    #[test]
    fn the_help_reads_in_chinese() {
        let mut cmd = localized(crate::cli::Cli::command(), Lang::Zh);
        let top = cmd.render_help().to_string();
        assert!(top.starts_with("biaozhu（标注）"), "{top}");
        assert!(top.contains("用法："), "{top}");
        assert!(top.contains("命令:"), "{top}");
        assert!(top.contains("显示帮助"), "{top}");
        assert!(!top.contains("Print"), "{top}");
        let mut cmd = localized(crate::cli::Cli::command(), Lang::Zh);
        let import = cmd
            .find_subcommand_mut("import")
            .expect("import")
            .render_long_help()
            .to_string();
        assert!(import.contains("把文件导入为文档"), "{import}");
        assert!(import.contains("DuEE"), "{import}");
        assert!(import.contains("参数:"), "{import}");
        assert!(!import.contains("Force an encoding"), "{import}");
        // English stays clap's.
        let en = localized(crate::cli::Cli::command(), Lang::En)
            .render_help()
            .to_string();
        assert!(en.contains("Usage:") && en.contains("Options:"), "{en}");
    }
}
