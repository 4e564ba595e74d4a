//! Bulletin structure, extraction repairs and sentence splitting on the real sample page
//! (`projects/bulletin-sample/documents/000_8a8e23ef3e59d156.txt`, 4,434 chars, LF).
//! Offsets are chars (code points), end exclusive.

use biaozhu::zh::sentences;
use biaozhu::zh::structure::{Article, PartKind, RepairKind, Structure, analyse, apply_repairs};

fn sample() -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("projects/bulletin-sample/documents/000_8a8e23ef3e59d156.txt"),
    )
    .unwrap()
}

fn slice(t: &str, s: u32, e: u32) -> String {
    t.chars().skip(s as usize).take((e - s) as usize).collect()
}

fn parts_of(t: &str, a: &Article, kind: PartKind) -> Vec<(u32, u32, String)> {
    a.parts
        .iter()
        .filter(|p| p.kind == kind)
        .map(|p| (p.start, p.end, slice(t, p.start, p.end)))
        .collect()
}

fn summary(t: &str, st: &Structure) {
    println!(
        "{} articles, {} repairs",
        st.articles.len(),
        st.repairs.len()
    );
    for (i, a) in st.articles.iter().enumerate() {
        println!(
            "{}. {}..{} {}",
            i + 1,
            a.start,
            a.end,
            a.headline.as_deref().unwrap_or("(no headline)")
        );
        if let Some(d) = &a.dateline {
            println!("     dateline {d}");
        }
        if let Some(b) = &a.byline {
            println!("     byline   {b}");
        }
        for p in &a.parts {
            if !matches!(p.kind, PartKind::Body | PartKind::Headline) {
                let s = slice(t, p.start, p.end);
                let short: String = s.chars().take(24).collect();
                println!("     {:?} {}..{} {short}", p.kind, p.start, p.end);
            }
        }
        let bodies = a.parts.iter().filter(|p| p.kind == PartKind::Body).count();
        println!("     {bodies} body paragraph(s)");
    }
    for r in &st.repairs {
        println!(
            "repair {:?} {}..{} «{}» → «{}»: {}",
            r.kind,
            r.start,
            r.end,
            slice(t, r.start, r.end).replace('\n', "⏎"),
            r.replacement,
            r.reason
        );
    }
}

#[test]
fn the_sample_page_splits_into_its_eight_articles_by_headline() {
    let t = sample();
    let st = analyse(&t);
    summary(&t, &st);
    let heads: Vec<Option<&str>> = st.articles.iter().map(|a| a.headline.as_deref()).collect();
    assert_eq!(
        heads,
        vec![
            Some("甘肃省总出台实施方案持续开展强县级工会行动 49项“必答题”推动县级工会“身强体健”"),
            Some("2023年全国中小学青教赛 优秀获奖选手巡讲活动举办"),
            Some("“轨道上的京津冀”职工职业技能竞赛决赛开幕"),
            Some("烟台出台工匠人才发展三年行动方案"),
            Some("香榧手工炒制大赛"),
            Some("江苏工会APP“伊犁馆”农副产品展销平台上线 职工普惠服务与消费援疆深度融合"),
            None,
            Some(
                "海南电网大力推进产业工人队伍建设改革，锻造高素质职工队伍——职工成长快车道这样打造"
            ),
        ]
    );
    // Articles follow each other, cover the page's text and hold their parts.
    let n = t.chars().count() as u32;
    assert_eq!(st.articles[0].start, 2);
    assert_eq!(st.articles[7].end, n);
    for w in st.articles.windows(2) {
        assert!(w[0].end < w[1].start);
        assert!(slice(&t, w[0].end, w[1].start).trim().is_empty());
    }
    for a in &st.articles {
        let mut at = a.start;
        for p in &a.parts {
            assert!(at <= p.start && p.start < p.end && p.end <= a.end, "{p:?}");
            at = p.end;
        }
        let head = parts_of(&t, a, PartKind::Headline);
        assert_eq!(head.first().map(|h| h.2.as_str()), a.headline.as_deref());
    }
}

#[test]
fn subheads_under_the_headlines() {
    let t = sample();
    let st = analyse(&t);
    assert_eq!(
        parts_of(&t, &st.articles[0], PartKind::Subhead),
        vec![(46, 63, "扎实推进“县级工会加强年”专项工作".to_string())]
    );
    assert_eq!(
        parts_of(&t, &st.articles[3], PartKind::Subhead)[0].2,
        "通过“种子孵化行动”等工作让技能人才脱颖而出"
    );
    for i in [1, 2, 4, 5, 6, 7] {
        assert!(parts_of(&t, &st.articles[i], PartKind::Subhead).is_empty());
    }
}

#[test]
fn datelines_cover_just_the_bracketed_dateline_at_exact_offsets() {
    let t = sample();
    let st = analyse(&t);
    let want: [Option<(u32, u32, &str)>; 8] = [
        Some((65, 73, "【本报甘肃专电】")),
        Some((550, 563, "【本报北京10月24日电】")),
        Some((1115, 1128, "【本报北京10月24日电】")),
        Some((1569, 1577, "【本报烟台专电】")),
        None,
        Some((2425, 2438, "【本报南京10月24日电】")),
        None,
        None,
    ];
    for (a, w) in st.articles.iter().zip(want) {
        let got = parts_of(&t, a, PartKind::Dateline);
        match w {
            Some((s, e, text)) => {
                assert_eq!(got, vec![(s, e, text.to_string())]);
                assert_eq!(a.dateline.as_deref(), Some(text));
            }
            None => {
                assert!(got.is_empty());
                assert_eq!(a.dateline, None);
            }
        }
    }
    // The body starts right after the dateline (and byline).
    let body = &parts_of(&t, &st.articles[1], PartKind::Body)[0];
    assert_eq!(body.0, 563);
    assert!(body.2.starts_with("2023年全国中小学青年教师教学竞赛"));
}

#[test]
fn bylines_in_brackets_and_on_their_own_line() {
    let t = sample();
    let st = analyse(&t);
    let bylines: Vec<Option<&str>> = st.articles.iter().map(|a| a.byline.as_deref()).collect();
    assert_eq!(
        bylines,
        vec![
            None,
            None,
            Some("记者赖志航"),
            Some("记者杨明清 张璐 通讯员宋洁"),
            None,
            Some("记者黄洪涛"),
            None,
            Some("本报记者 赖书闻"),
        ]
    );
    assert_eq!(
        parts_of(&t, &st.articles[2], PartKind::Byline),
        vec![(1128, 1135, "(记者赖志航)".to_string())]
    );
    assert_eq!(
        parts_of(&t, &st.articles[3], PartKind::Byline),
        vec![(1577, 1593, "(记者杨明清 张璐 通讯员宋洁)".to_string())]
    );
    assert_eq!(
        parts_of(&t, &st.articles[5], PartKind::Byline),
        vec![(2438, 2445, "(记者黄洪涛)".to_string())]
    );
    assert_eq!(
        parts_of(&t, &st.articles[7], PartKind::Byline),
        vec![(3008, 3016, "本报记者 赖书闻".to_string())]
    );
}

#[test]
fn photo_captions_are_their_own_items() {
    let t = sample();
    let st = analyse(&t);
    // 香榧: a headline over a dated caption.
    let a = &st.articles[4];
    assert_eq!(a.parts.len(), 2);
    assert_eq!(a.parts[1].kind, PartKind::Caption);
    assert_eq!(a.parts[1].start, 2223);
    // The 连云港 marathon: a caption standing alone after a wide gap.
    let m = &st.articles[6];
    assert_eq!((m.start, m.end), (2818, 2963));
    assert_eq!(m.parts.len(), 1);
    assert_eq!(m.parts[0].kind, PartKind::Caption);
    assert!(slice(&t, m.start, m.end).starts_with("10月22日，“盛虹杯”2023连云港·徐圩马拉松赛"));
    // No other article has a caption.
    for i in [0, 1, 2, 3, 5, 7] {
        assert!(parts_of(&t, &st.articles[i], PartKind::Caption).is_empty());
    }
}

#[test]
fn section_labels_inside_the_hainan_article() {
    let t = sample();
    let st = analyse(&t);
    assert_eq!(
        parts_of(&t, &st.articles[7], PartKind::SectionLabel),
        vec![
            (3192, 3201, "分类培训为职工赋能".to_string()),
            (3924, 3934, "创客联盟凝聚创造合力".to_string()),
            (4109, 4120, "激励职工走技能成才之路".to_string()),
        ]
    );
    let labels = st
        .articles
        .iter()
        .take(7)
        .flat_map(|a| parts_of(&t, a, PartKind::SectionLabel))
        .count();
    assert_eq!(labels, 0);
}

#[test]
fn the_sample_debris_is_proposed_as_four_repairs() {
    let t = sample();
    let st = analyse(&t);
    let got: Vec<(RepairKind, u32, u32, String)> = st
        .repairs
        .iter()
        .map(|r| (r.kind, r.start, r.end, slice(&t, r.start, r.end)))
        .collect();
    let rep = "参加炒制大赛的榧农种植户通过了全榧榧炒制高手赛。".repeat(3);
    assert_eq!(
        got,
        vec![
            (RepairKind::JoinBrokenLine, 283, 285, "\n\n".to_string()),
            (RepairKind::DropRepeat, 2311, 2383, rep),
            (RepairKind::JoinBrokenLine, 3376, 3378, "\n\n".to_string()),
            (
                RepairKind::DropFragment,
                4094,
                4107,
                "\n\n元，获得专利312项。".to_string()
            ),
        ]
    );
    assert!(st.repairs.iter().all(|r| r.replacement.is_empty()));
    assert!(st.repairs.iter().all(|r| !r.reason.is_empty()));
    // The broken lines are 上下级工会 / 的关键节点 and 技能人员能 / 力提升工程.
    assert!(slice(&t, 270, 283).ends_with("上下级工会"));
    assert!(slice(&t, 285, 290).starts_with("的关键节点"));
    assert!(slice(&t, 3370, 3376).ends_with("技能人员能"));
    assert!(slice(&t, 3378, 3383).starts_with("力提升工程"));
    // The repeated sentence: four times in a row, one kept.
    assert_eq!(
        t.matches("参加炒制大赛的榧农种植户通过了全榧榧炒制高手赛。")
            .count(),
        4
    );
}

#[test]
fn nothing_changes_until_repairs_are_applied_and_then_none_remain() {
    let t = sample();
    let st = analyse(&t);
    assert_eq!(apply_repairs(&t, &[]), t);
    let fixed = apply_repairs(&t, &st.repairs);
    println!(
        "{} chars before, {} after the {} repairs",
        t.chars().count(),
        fixed.chars().count(),
        st.repairs.len()
    );
    assert_eq!(t.chars().count() - fixed.chars().count(), 2 + 72 + 2 + 13);
    assert!(fixed.contains("县级工会是连接上下级工会的关键节点，"));
    assert!(fixed.contains("抓实一线技能人员能力提升工程，"));
    assert_eq!(
        fixed
            .matches("参加炒制大赛的榧农种植户通过了全榧榧炒制高手赛。")
            .count(),
        1
    );
    assert!(fixed.contains("的合力，\n\n激励职工走技能成才之路"));
    assert_eq!(fixed.matches("元，获得专利312项。").count(), 1);
    let again = analyse(&fixed);
    assert!(again.repairs.is_empty(), "{:?}", again.repairs);
    // The structure survives the repairs.
    assert_eq!(again.articles.len(), 8);
    let h0: Vec<_> = st.articles.iter().map(|a| a.headline.clone()).collect();
    let h1: Vec<_> = again.articles.iter().map(|a| a.headline.clone()).collect();
    assert_eq!(h0, h1);
    // A single repair applies alone.
    let one = apply_repairs(&t, &st.repairs[3..]);
    assert_eq!(one.chars().count(), t.chars().count() - 13);
    assert_eq!(analyse(&one).repairs.len(), 3);
}

#[test]
fn structure_serialises_with_snake_case_kinds() {
    let t = sample();
    let json = serde_json::to_value(analyse(&t)).unwrap();
    assert_eq!(json["articles"].as_array().unwrap().len(), 8);
    assert_eq!(json["articles"][2]["dateline"], "【本报北京10月24日电】");
    assert_eq!(json["articles"][2]["parts"][1]["kind"], "dateline");
    assert_eq!(json["articles"][2]["parts"][1]["start"], 1115);
    assert_eq!(json["repairs"][0]["kind"], "join_broken_line");
    assert_eq!(json["repairs"][1]["kind"], "drop_repeat");
    assert_eq!(json["repairs"][3]["kind"], "drop_fragment");
    let s = serde_json::to_string(&json).unwrap();
    assert!(s.contains("\"section_label\""));
}

fn sents(t: &str) -> Vec<String> {
    sentences::split(t)
        .into_iter()
        .map(|r| slice(t, r.start, r.end))
        .collect()
}

#[test]
fn sentences_of_the_sample_are_trimmed_non_empty_and_cover_the_text() {
    let t = sample();
    let rs = sentences::split(&t);
    println!("{} sentences on the sample page", rs.len());
    let chars: Vec<char> = t.chars().collect();
    let mut at = 0u32;
    for r in &rs {
        assert!(at <= r.start && r.start < r.end, "{r:?}");
        assert!(!chars[r.start as usize].is_whitespace());
        assert!(!chars[r.end as usize - 1].is_whitespace());
        assert!(
            chars[at as usize..r.start as usize]
                .iter()
                .all(|c| c.is_whitespace())
        );
        at = r.end;
    }
    assert!(chars[at as usize..].iter().all(|c| c.is_whitespace()));
    assert_eq!(rs.len(), 84);
}

#[test]
fn sentences_never_split_inside_titles_numbers_or_before_closing_marks() {
    let t = sample();
    let all = sents(&t);
    // 《关于推进全省模范县级工会建设的实施方案》(以下简称《方案》) stays in one sentence.
    assert!(
        all.iter()
            .any(|s| s.starts_with("【本报甘肃专电】近日") && s.ends_with("省级模范县级工会。"))
    );
    // 1+1>2 and 3029万元 stay inside their sentences; ASCII ? and ; end sentences.
    assert!(all.contains(&"如何让更多技能人才脱颖而出?".to_string()));
    assert!(all.contains(&"烟台市总工会从“种子孵化行动”破题，鼓励职业院校根据新兴产业等开设新专业、新课程，支持职业院校学生参加各类技能大赛;".to_string()));
    assert!(all.contains(
        &"“对于有发明创造想法的职工，公司除了给予硬件条件的支持，还给每个职工最高10万元的经费支持。”"
            .to_string()
    ));
    // …… ends a sentence (as one end).
    assert!(all.iter().any(|s| s.ends_with("签订300套供货协议……")));
    assert_eq!(
        sents("增长3.5%，达1.2万人。《说。明》好！？“是吗……”他问?网址a.php?id=3;"),
        vec![
            "增长3.5%，达1.2万人。",
            "《说。明》好！？",
            "“是吗……”",
            "他问?",
            "网址a.php?id=3;"
        ]
    );
}

#[test]
#[ignore = "prints the sentences for review"]
fn print_sentences() {
    for s in sents(&sample()) {
        println!("{s}");
    }
}
