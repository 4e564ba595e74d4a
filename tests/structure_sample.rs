//! Bulletin structure and repairs on the real sample page.

use biaozhu::zh::structure::{PartKind, RepairKind, analyse, apply_repairs};

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

#[test]
fn the_sample_page_has_its_eight_articles() {
    let t = sample();
    let st = analyse(&t);
    for a in &st.articles {
        println!(
            "{:>5}..{:<5} {:?} | {:?} | {:?}",
            a.start, a.end, a.headline, a.dateline, a.byline
        );
        for p in &a.parts {
            if p.kind != PartKind::Body {
                println!("        {:?} {}", p.kind, slice(&t, p.start, p.end));
            }
        }
    }
    for r in &st.repairs {
        println!("repair {:?} {}..{} {}", r.kind, r.start, r.end, r.reason);
    }
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
    let datelines: Vec<Option<&str>> = st.articles.iter().map(|a| a.dateline.as_deref()).collect();
    assert_eq!(datelines[0], Some("【本报甘肃专电】"));
    assert_eq!(datelines[2], Some("【本报北京10月24日电】"));
    assert_eq!(datelines[5], Some("【本报南京10月24日电】"));
    assert_eq!(st.articles[2].byline.as_deref(), Some("记者赖志航"));
    assert_eq!(
        st.articles[3].byline.as_deref(),
        Some("记者杨明清 张璐 通讯员宋洁")
    );
    assert_eq!(st.articles[7].byline.as_deref(), Some("本报记者 赖书闻"));
    // The dateline part covers just 【本报北京10月24日电】, by char offsets.
    let d = st.articles[2]
        .parts
        .iter()
        .find(|p| p.kind == PartKind::Dateline)
        .unwrap();
    assert_eq!(slice(&t, d.start, d.end), "【本报北京10月24日电】");
    assert!(
        st.articles[4]
            .parts
            .iter()
            .any(|p| p.kind == PartKind::Caption)
    );
    assert!(
        st.articles[6]
            .parts
            .iter()
            .any(|p| p.kind == PartKind::Caption)
    );
    let labels: Vec<String> = st.articles[7]
        .parts
        .iter()
        .filter(|p| p.kind == PartKind::SectionLabel)
        .map(|p| slice(&t, p.start, p.end))
        .collect();
    assert_eq!(
        labels,
        vec![
            "分类培训为职工赋能",
            "创客联盟凝聚创造合力",
            "激励职工走技能成才之路"
        ]
    );
}

#[test]
fn the_sample_debris_is_found_and_repairs_apply_cleanly() {
    let t = sample();
    let st = analyse(&t);
    let kinds: Vec<RepairKind> = st.repairs.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == RepairKind::JoinBrokenLine)
            .count(),
        2,
        "{:?}",
        st.repairs
    );
    assert!(kinds.contains(&RepairKind::DropRepeat));
    assert!(kinds.contains(&RepairKind::DropFragment));
    let fixed = apply_repairs(&t, &st.repairs);
    assert!(fixed.contains("连接上下级工会的关键节点"));
    assert!(fixed.contains("技能人员能力提升工程"));
    assert_eq!(
        fixed
            .matches("参加炒制大赛的榧农种植户通过了全榧榧炒制高手赛。")
            .count(),
        1
    );
    assert!(!fixed.contains("合力，\n\n元，获得专利312项。"));
    assert!(
        analyse(&fixed).repairs.is_empty(),
        "{:?}",
        analyse(&fixed).repairs
    );
    // Applying no repair changes nothing.
    assert_eq!(apply_repairs(&t, &[]), t);
}
