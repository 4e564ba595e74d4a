//! A thesaurus of Chinese event words: for a word that names an event type (死亡, 结婚, 车祸),
//! other words that report such an event (去世 逝世 身亡; 完婚 成婚; 相撞 追尾). The trigger
//! lexicon is seeded with them for each schema type whose name holds the word, so that a
//! project's first documents already get suggestions for triggers it has not accepted yet;
//! the lexicon's context filter then learns from the project's texts which of them are
//! triggers there.
//!
//! Written from general knowledge of Chinese news wording, not from any dataset's labels.

/// (a word naming an event type, words reporting such an event).
pub const EVENT_WORDS: &[(&str, &[&str])] = &[
    ("收购", &["收购", "并购", "入股"]),
    ("出售", &["出售", "卖掉", "转让", "抛售"]),
    ("跌停", &["跌停", "跌停板"]),
    ("涨停", &["涨停", "涨停板"]),
    ("加息", &["加息", "上调利率"]),
    ("降息", &["降息", "下调利率"]),
    ("降价", &["降价", "调低", "打折", "降至"]),
    ("涨价", &["涨价", "提价", "上调", "上涨"]),
    ("融资", &["融资", "募资", "筹资", "获投"]),
    ("上市", &["上市", "挂牌"]),
    ("发布", &["发布", "推出", "首发", "推送"]),
    ("获奖", &["获奖", "荣获", "斩获", "夺得"]),
    ("上映", &["上映", "首映"]),
    ("下架", &["下架"]),
    ("召回", &["召回"]),
    ("道歉", &["道歉", "致歉"]),
    ("点赞", &["点赞", "称赞"]),
    ("感谢", &["感谢", "致谢"]),
    ("会见", &["会见", "会晤", "接见"]),
    ("探班", &["探班"]),
    ("夺冠", &["夺冠", "折桂", "称王", "封王"]),
    ("晋级", &["晋级", "挺进"]),
    ("禁赛", &["禁赛"]),
    (
        "胜负",
        &[
            "击败", "战胜", "打败", "负于", "不敌", "惜败", "力克", "险胜", "完胜", "横扫", "绝杀",
            "惨败", "连胜",
        ],
    ),
    ("退赛", &["退赛"]),
    ("退役", &["退役", "挂靴"]),
    ("产子", &["产子", "生子", "诞下", "产女", "喜得"]),
    ("出轨", &["出轨", "婚外情"]),
    ("订婚", &["订婚"]),
    ("分手", &["分手"]),
    ("怀孕", &["怀孕", "怀上", "身孕", "有孕"]),
    ("婚礼", &["婚礼", "婚宴"]),
    ("结婚", &["结婚", "完婚", "成婚", "大婚", "迎娶"]),
    ("离婚", &["离婚", "离异"]),
    ("庆生", &["庆生"]),
    ("求婚", &["求婚"]),
    ("失联", &["失联", "失踪"]),
    (
        "死亡",
        &[
            "死亡", "去世", "逝世", "身亡", "遇难", "丧生", "病逝", "过世", "离世", "罹难", "遇害",
            "刺死", "打死",
        ],
    ),
    ("罚款", &["罚款"]),
    (
        "拘捕",
        &[
            "拘捕", "逮捕", "抓获", "被捕", "刑拘", "抓捕", "落网", "行拘",
        ],
    ),
    ("举报", &["举报", "检举"]),
    ("开庭", &["开庭", "庭审"]),
    ("立案", &["立案"]),
    ("起诉", &["起诉", "诉讼", "控告", "状告"]),
    ("入狱", &["入狱", "服刑", "获刑"]),
    ("约谈", &["约谈"]),
    ("爆炸", &["爆炸"]),
    ("车祸", &["车祸", "相撞", "追尾", "翻车", "碰撞"]),
    ("地震", &["地震"]),
    ("洪灾", &["洪灾", "洪水", "洪涝", "山洪"]),
    ("起火", &["起火", "失火", "着火", "火灾"]),
    ("垮塌", &["垮塌", "坍塌", "塌方", "溃坝"]),
    ("袭击", &["袭击", "枪击", "遇袭", "遭袭"]),
    ("坠机", &["坠机", "坠毁"]),
    ("裁员", &["裁员"]),
    ("离职", &["离职", "辞去", "卸任", "辞任"]),
    ("加盟", &["加盟", "签下"]),
    ("解雇", &["解雇", "开除", "辞退", "解聘"]),
    ("解散", &["解散"]),
    ("解约", &["解约"]),
    ("停职", &["停职", "免职"]),
    ("退出", &["退出"]),
    ("罢工", &["罢工"]),
    ("闭幕", &["闭幕", "落幕"]),
    ("开幕", &["开幕", "揭幕", "开赛", "拉开帷幕"]),
    ("游行", &["游行", "示威"]),
];

/// The words reporting an event named `name` (none when the thesaurus does not know it).
pub fn reporting(name: &str) -> &'static [&'static str] {
    EVENT_WORDS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[], |(_, w)| w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_name_twice_and_words_of_two_chars_or_more() {
        let mut seen = std::collections::BTreeSet::new();
        for (name, words) in EVENT_WORDS {
            assert!(seen.insert(*name), "{name} twice");
            assert!(!words.is_empty(), "{name}");
            assert!(words.iter().all(|w| w.chars().count() >= 2), "{name}");
        }
        assert!(reporting("死亡").contains(&"去世"));
        assert!(reporting("会议").is_empty());
    }
}
