//! Suggestions: entities from jieba's POS tags plus rules for the forms news uses, figures from
//! the recogniser, and propagation of strings the user has tagged. Precision comes first: a
//! reviewer should rather accept a suggestion than retype it, so every rule is conservative.
//! Suggestions become `Pending` spans with `Source::Suggested`; they never overwrite or
//! duplicate a span, and a rejected one is never proposed again.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::{CharRange, FigureValue, Layer, SpanKind, SpanStatus};

/// Where a suggestion comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Origin {
    /// jieba POS tag (nr, ns, nt).
    Pos,
    /// A rule for news forms (…总工会, 记者XXX, foreign names with ·).
    Rule,
    /// The figure recogniser.
    Figure,
    /// Another occurrence of a string the user tagged (no confidence), or of a name the
    /// project's model tagged elsewhere in the text (with the model's probability where it
    /// stands).
    Propagation,
    /// The project's trained model (`learn`).
    Model,
}

impl Origin {
    /// Name used in JSON output.
    pub fn as_str(self) -> &'static str {
        self.suggester().as_str()
    }

    /// The suggester a span of this origin records ([`crate::model::Span::suggested_by`]).
    pub fn suggester(self) -> crate::model::Suggester {
        use crate::model::Suggester;
        match self {
            Origin::Pos => Suggester::Pos,
            Origin::Rule => Suggester::Rule,
            Origin::Figure => Suggester::Figure,
            Origin::Propagation => Suggester::Propagation,
            Origin::Model => Suggester::Model,
        }
    }
}

/// One suggested span.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// Char range in the text.
    pub range: CharRange,
    /// Label key (PER/ORG/LOC or a figure kind).
    pub label: String,
    /// Entity or figure.
    pub kind: SpanKind,
    /// Normalised value of a figure.
    pub value: Option<FigureValue>,
    /// Where it came from.
    pub origin: Origin,
    /// The model's probability of the span (model suggestions only).
    pub confidence: Option<f32>,
}

/// Common Chinese surnames (single and double), for accepting jieba `nr` tags.
pub(crate) const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝赖傅萧阎尉茅蔺鞠邰钮鄢竺邴宦洪郁晋楚闻荆廉谈丘蔚凤阚郗靖揭郦雍晁匡糜綦昝谌訾郜仝禹扈栗辜邸贲逄蒯桓厉粟";
pub(crate) const DOUBLE_SURNAMES: [&str; 8] = [
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容",
];

/// Words that end an organisation name.
pub(crate) const ORG_SUFFIXES: [&str; 114] = [
    // Societies, troupes and institutions (中国烹饪协会, 中国歌剧院, 中央乐团合唱团).
    "研究会",
    "促进会",
    "联谊会",
    "商会",
    "剧院",
    "乐团",
    "合唱团",
    "剧团",
    "艺术团",
    "图书馆",
    "博物馆",
    "文学馆",
    // Venues, which are places ([`VENUES`]): 北京工人体育场, 开罗机场, 香山公园.
    "美术馆",
    "纪念馆",
    "展览馆",
    "体育馆",
    "体育场",
    "艺术馆",
    "科技馆",
    "音乐厅",
    "机场",
    "公园",
    "广场",
    "植物园",
    "动物园",
    // Teams and delegations (中国队, 印尼女队, 北京国安队, 中国女篮).
    "队",
    "女篮",
    "男篮",
    "女排",
    "男排",
    "代表团",
    // International and other bodies (世贸组织, 世界卫生组织).
    "组织",
    "理事会",
    "议会",
    "政党",
    "党",
    "局",
    "厅",
    "署",
    "统计局",
    "联盟",
    "总工会",
    "工会",
    "常委会",
    "委员会",
    "人大常委会",
    "政府",
    "集团有限公司",
    "有限公司",
    "股份有限公司",
    "公司",
    "集团",
    "大学",
    "学院",
    "中学",
    "小学",
    "附属中学",
    "医院",
    "研究院",
    "研究所",
    "供电局",
    "交易所",
    "供销社",
    "电网",
    "银行",
    "协会",
    "学会",
    "联合会",
    "基金会",
    "出版社",
    "报社",
    "通讯社",
    "新闻社",
    "图片社",
    "旅行社",
    "合作社",
    "电视台",
    "法院",
    "检察院",
    "工作室",
    "学校",
    "饭店",
    "海关",
    "办事处",
    // Firms by what they run: works and mills (卓里机械厂), restaurants, credit co-operatives.
    "厂",
    "酒家",
    "信用社",
    "使馆",
    "杂志社",
    "舞团",
    "内阁",
    // Party committees and sports commissions of a place (延安市委, 沭阳县委, 北京市体委).
    "市委",
    "县委",
    "区委",
    "党委",
    "体委",
    // Abbreviated associations and federations (中国剧协, 中国武协, 全国政协, 省文联).
    "剧协",
    "作协",
    "武协",
    "保协",
    "足协",
    "篮协",
    "科协",
    "记协",
    "书协",
    "美协",
    "音协",
    "影协",
    "侨联",
    "文联",
    "妇联",
    "残联",
    "工商联",
    "政协",
];

/// Words that end as an organisation does but name none (开局 ends in 局, 领队 in 队, 签署
/// in 署).
const NOT_BODIES: [&str; 22] = [
    "开局", "格局", "结局", "大局", "全局", "布局", "时局", "僵局", "出局", "平局", "定局", "残局",
    "败局", "领队", "带队", "率队", "随队", "入队", "归队", "排队", "部署", "签署",
];

/// Nouns that, before 队, name a kind of team rather than a club (国家队, 冠军队, 梯队; 足球队
/// and the like end in 球 and are left out apart).
const TEAM_KINDS: &[&str] = &[
    "国家",
    "冠军",
    "亚军",
    "季军",
    "东道主",
    "明星",
    "全明星",
    "种子",
    "梯",
    "青年",
    "少年",
    "青少年",
    "职业",
    "业余",
    "预备",
    "代表",
    "对手",
    "混合",
    "女子",
    "男子",
    "甲级",
    "乙级",
    "田径",
    "游泳",
    "体操",
    "击剑",
    "举重",
    "射击",
    "射箭",
    "跳水",
    "滑雪",
    "滑冰",
    "速滑",
    "自行车",
    "拳击",
    "摔跤",
    "柔道",
    "跆拳道",
    "赛艇",
    "皮划艇",
    "帆船",
    "马术",
    "围棋",
    "象棋",
    "桥牌",
    "武术",
    "蹦床",
    "冰壶",
    "雪橇",
    "医疗",
    "消防",
    "志愿",
    "仪仗",
    "工程",
    "民兵",
    "警卫",
    "骑兵",
    "探险",
    "足球",
    "篮球",
    "排球",
    "乒乓",
    "羽毛",
    "曲棍",
    "啦啦",
    "集训",
    "俱乐部",
    "主力",
    "后备",
    "选拔",
    "地方",
    "专业",
    "体育",
    "运动",
    "联合",
];

/// Results between two teams, where a team's name before them ends (jieba tags 战胜 a noun).
const RESULTS: &[&str] = &[
    "战胜", "击败", "负于", "不敌", "战平", "逼平", "险胜", "大胜", "完胜", "横扫", "对阵", "迎战",
];

/// Whether the sentence around token `i` is about sport: it holds one of
/// [`super::lexicon::SPORT_WORDS`] or a score (108比102, 3:1, 100-94, １０８比１０２).
fn about_sport(toks: &[Tok<'_>], i: usize) -> bool {
    let ends = |t: &Tok<'_>| matches!(t.word, "。" | "！" | "？" | "；" | "\n");
    let start = toks[..i].iter().rposition(ends).map_or(0, |k| k + 1);
    let end = toks[i..]
        .iter()
        .position(ends)
        .map_or(toks.len(), |k| i + k);
    let sentence = &toks[start..end];
    let text: String = sentence.iter().map(|t| t.word).collect();
    // A digit, a score's mark, a digit (jieba gives 100-94 as one word, １０８ char by char).
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let chars: Vec<char> = text.chars().collect();
    let score = chars
        .windows(3)
        .any(|w| digit(w[0]) && matches!(w[1], '比' | ':' | '：' | '-' | '－') && digit(w[2]));
    score
        || super::lexicon::SPORT_WORDS
            .iter()
            .chain(CLUB_WORDS)
            .any(|w| text.contains(w))
}

/// Words of club sport beyond [`super::lexicon::SPORT_WORDS`] (which the taggers' sport flag
/// reads as it was trained): leagues, transfers, fans (杜兰特 离开 勇士队 加盟 雄鹿队).
const CLUB_WORDS: &[&str] = &[
    "NBA",
    "CBA",
    "加盟",
    "转会",
    "季后赛",
    "常规赛",
    "球迷",
    "主帅",
    "战绩",
    "中超",
    "英超",
    "西甲",
    "德甲",
    "意甲",
    "法甲",
];

/// Whether `word` ends as an organisation's name does ([`ORG_SUFFIXES`]) and is no common
/// word that only looks so ([`NOT_BODIES`]).
fn ends_a_body(word: &str) -> bool {
    ORG_SUFFIXES.iter().any(|s| word.ends_with(s)) && !NOT_BODIES.iter().any(|w| word.ends_with(w))
}

/// Last chars or words of a unit inside a body (体育部, 场馆处, 编辑室, 教练组, 卢森堡分行).
const UNIT_ENDS: [&str; 13] = [
    "部",
    "处",
    "室",
    "科",
    "组",
    "司",
    "分行",
    "总行",
    "分公司",
    "分社",
    "分院",
    "附中",
    "党组",
];

/// Whether `word` names a unit of the body before it: a unit ending after a name of two
/// chars or more (体育部, not 干部 or 全部), in Chinese chars, not a direction (西部).
fn is_unit_of_body(word: &str) -> bool {
    let n = word.chars().count();
    word.chars().all(is_cjk)
        && n <= 6
        && UNIT_ENDS.iter().any(|e| {
            word.strip_suffix(e).is_some_and(|head| {
                head.chars().count() >= 2 && !head.ends_with(['东', '西', '南', '北', '中'])
            })
        })
}

/// The last token of the organisation whose name ends at token `i`, taking in up to two
/// suffix words or units after it: one word (体育部, 附属中学) or a name and a unit jieba
/// cuts apart (场馆 处, 卢森堡 分行).
fn units_after(toks: &[Tok<'_>], used: &[bool], i: usize) -> usize {
    let free = |k: usize| k < toks.len() && !used[k];
    // Not a place or a name that ends as a unit does (新华社 莫斯科).
    let unit =
        |t: &Tok<'_>| is_unit_of_body(t.word) && !matches!(t.tag, "ns" | "nr" | "nrt" | "nrfg");
    let mut k = i;
    for _ in 0..2 {
        if free(k + 1) && (ends_a_body(toks[k + 1].word) || unit(&toks[k + 1])) {
            k += 1;
        } else if free(k + 2)
            && UNIT_ENDS.contains(&toks[k + 2].word)
            && matches!(toks[k + 1].tag, "n" | "nz" | "j" | "ns" | "vn" | "nt")
            && is_unit_of_body(&format!("{}{}", toks[k + 1].word, toks[k + 2].word))
        {
            k += 2;
        } else {
            break;
        }
    }
    k
}

/// Last words of venues: buildings and halls where things take place, which are places
/// (LOC) as in MSRA's corpus, though built like an organisation's name.
const VENUES: [&str; 17] = [
    "体育场",
    "机场",
    "公园",
    "广场",
    "植物园",
    "动物园",
    "博物馆",
    "图书馆",
    "文学馆",
    "美术馆",
    "纪念馆",
    "展览馆",
    "体育馆",
    "艺术馆",
    "科技馆",
    "音乐厅",
    "展览中心",
];

/// Whether `word` ends as a venue's name does ([`VENUES`]).
fn is_venue(word: &str) -> bool {
    VENUES.iter().any(|v| word.ends_with(v))
}

/// Titles jieba joins to the organisation word before them (协会会长, 县委书记).
const TITLES: [&str; 16] = [
    "会长",
    "副会长",
    "行长",
    "副行长",
    "书记",
    "副书记",
    "主任",
    "副主任",
    "主席",
    "副主席",
    "校长",
    "院长",
    "秘书长",
    "总经理",
    "经理",
    "董事长",
];

/// jieba `ns` words that are not place names.
const NOT_PLACES: &[&str] = &[
    // Common words jieba's dictionary tags ns (found on the tuning half of the MSRA file).
    "外国",
    "东西",
    // A currency's area, not a place (MSRA leaves it untagged).
    "欧元区",
    "普及",
    "龟",
    "大国",
    "大城市",
    "福利",
    "英雄",
    "青春",
    "山区",
    "新村",
    "大都",
    "登山",
    "上岗",
    "两国",
    "新鲜",
    "爱国",
    "上半场",
    "冰山",
    "哥哥",
    "大山",
    "山林",
    "山水",
    "新建",
    "滑坡",
    "牡丹",
    "西瓜",
    "长大",
    "上门",
    "古城",
    "山村",
    "河",
    "上山",
    "下坡",
    "中风",
    "回国",
    "建国",
    "擂台赛",
    "馆内",
    "高山",
    "各国",
    "外省",
    "本市",
    "本省",
    "城镇",
    "城市",
    "地区",
    "落后地区",
    "贫困地区",
    "桥头堡",
    "全国",
    "全省",
    "全市",
    "农村",
    "基层",
    "海外",
    "国内",
    "美丽",
    "深度",
    "室外",
    "室内",
    "新区",
    "当地",
    "乡村",
];

/// Regions jieba does not tag as places.
const REGIONS: [&str; 5] = ["京津冀", "长三角", "珠三角", "粤港澳大湾区", "成渝"];

/// Words right before a name that mark it as a person (titles, roles).
pub(crate) const PERSON_BEFORE: [&str; 51] = [
    "总统",
    "总理",
    "首相",
    "大使",
    "外长",
    "议长",
    "秘书长",
    "行长",
    "总裁",
    "会长",
    "教练",
    "选手",
    "队员",
    "运动员",
    "名将",
    "作家",
    "画家",
    "主席",
    "副主席",
    "书记",
    "副书记",
    "主任",
    "副主任",
    "记者",
    "通讯员",
    "职工",
    "学员",
    "局长",
    "部长",
    "厅长",
    "市长",
    "省长",
    "县长",
    "经理",
    "总经理",
    "董事长",
    "教授",
    "老师",
    "院士",
    "工程师",
    "委员",
    "参谋长",
    "司令员",
    "司令",
    "政委",
    "常委",
    "校长",
    "院长",
    "厂长",
    "导演",
    "团长",
];

/// Forms of address written after a surname (徐先生, 李大妈, 吕老, 郭某, 杜氏, 王总).
pub(crate) const ADDRESS_AFTER: [&str; 20] = [
    "先生", "女士", "同志", "大妈", "大爷", "大娘", "大嫂", "大姐", "阿姨", "师傅", "老师", "老",
    "某", "氏", "总", "夫人", "奶奶", "爷爷", "叔叔", "伯伯",
];

/// Offices written after a surname as a form of address (孔经理, 范处长, 覃医生; 江主席,
/// 李总理, as the news writes a state leader).
pub(crate) const OFFICE_AFTER: [&str; 29] = [
    "经理",
    "处长",
    "局长",
    "科长",
    "厂长",
    "校长",
    "院长",
    "所长",
    "部长",
    "市长",
    "县长",
    "省长",
    "镇长",
    "乡长",
    "村长",
    "队长",
    "站长",
    "主任",
    "书记",
    "医生",
    "大夫",
    "老板",
    "主席",
    "副主席",
    "总理",
    "副总理",
    "总书记",
    "委员长",
    "副委员长",
];

/// Surname chars that also open a word for a body's office (党主席, 师部长): no name there.
const NOT_SURNAME_BEFORE_OFFICE: [char; 2] = ['党', '师'];

/// The char offset of the surname when token `i` is a surname with a form of address or an
/// office: one word jieba tags `nr` (徐先生, 吕老, 杜氏; 老于, 小王), a surname and an office
/// as one word tagged `nr` or `n` (周总理, 江主席), or a one-char surname tagged `nr`
/// followed by the form of address or office (王 先生, 李 总理). A frequent dictionary word is
/// a common word that looks like one (古老).
fn addressed_surname(seg: &super::segment::Segmenter, toks: &[Tok<'_>], i: usize) -> Option<u32> {
    let t = &toks[i];
    let chars: Vec<char> = t.word.chars().collect();
    // A word with a surname in it that is frequent in jieba's dictionary is a common word
    // (古老); a surname alone is frequent as a char.
    if chars.len() > 1 && seg.jieba().suggest_freq(t.word) > RARE_NAME_FREQ {
        return None;
    }
    let surname = |c: char| SURNAMES.contains(c);
    // A surname and an office as one word, which jieba's dictionary has as a noun as often
    // as a name (江主席 n, 周总理 nr).
    if let [c, rest @ ..] = chars.as_slice()
        && matches!(t.tag, "nr" | "n")
        && surname(*c)
        && !NOT_SURNAME_BEFORE_OFFICE.contains(c)
        && OFFICE_AFTER.contains(&rest.iter().collect::<String>().as_str())
    {
        return Some(t.start);
    }
    if t.tag != "nr" {
        return None;
    }
    match chars.as_slice() {
        [c] if surname(*c) => toks
            .get(i + 1)
            .is_some_and(|n| {
                (ADDRESS_AFTER.contains(&n.word) && n.word.chars().count() == 2)
                    || OFFICE_AFTER.contains(&n.word)
            })
            .then_some(t.start),
        ['老' | '小', c] if surname(*c) => Some(t.start + 1),
        [c, rest @ ..] if surname(*c) && !rest.is_empty() => {
            let rest: String = rest.iter().collect();
            ADDRESS_AFTER.contains(&rest.as_str()).then_some(t.start)
        }
        _ => None,
    }
}

/// Offices of state after which a foreign name follows (印度 总理 瓦杰帕伊).
const HEAD_OFFICES: [&str; 14] = [
    "总统",
    "总理",
    "首相",
    "国务卿",
    "秘书长",
    "外长",
    "外相",
    "议长",
    "国王",
    "王储",
    "女王",
    "国防部长",
    "外交部长",
    "特使",
];

/// Whether token `i` is a loan name (three chars or more, or two of loan-name chars) right
/// after an office of state, tagged as a name or a place (jieba's dictionary has 库马拉通加
/// as `ns`), but no place the lexicon knows.
fn leader_after_office(toks: &[Tok<'_>], i: usize) -> bool {
    let t = &toks[i];
    let office = i > 0 && HEAD_OFFICES.iter().any(|w| toks[i - 1].word.ends_with(w));
    let n = t.word.chars().count();
    let loan = t.word.chars().all(|c| TRANSLIT.contains(c));
    office
        && matches!(t.tag, "nr" | "nrt" | "nrfg" | "ns" | "nz")
        && (n >= 3 || (n == 2 && loan))
        && n <= 6
        && t.word.chars().all(is_cjk)
        // A Chinese name jieba tags `nr` is the name rules' (李鹏 after 总理).
        && !(t.tag == "nr" && looks_like_name(t.word))
        && !super::lexicon::is_known_place(t.word)
        && !t.word.ends_with(PLACE_ENDS)
        && !t.word.ends_with(NOT_NAME_ENDS)
}

/// Whether token `i`, a one-char surname jieba tags `nr`, and the two-char common word after
/// it (李 国庆, 陈 明亮, 袁 步兵) are a name: a title before or a speech verb or title after
/// says so.
fn split_given_name(toks: &[Tok<'_>], i: usize) -> bool {
    let [t, n] = [
        &toks[i],
        match toks.get(i + 1) {
            Some(n) => n,
            None => return false,
        },
    ];
    let one_surname = t.word.chars().count() == 1 && SURNAMES.contains(t.word);
    let word = n.word.chars().count() == 2
        && matches!(
            n.tag,
            "a" | "n" | "t" | "nz" | "ns" | "m" | "vn" | "ad" | "an"
        );
    one_surname
        && word
        && !OFFICE_AFTER.contains(&n.word)
        && !TITLE_AFTER.contains(&n.word)
        && !ADDRESS_AFTER.contains(&n.word)
        && (title_before(toks, i)
            || cue_after(toks, i + 2)
            || (starts_with_surname_among(t.word, RELAXED_SURNAMES)
                && matches!(n.tag, "a" | "t" | "nz" | "vn" | "an")))
}

/// Whether `word` starts with one of the `n` most frequent of `SURNAMES`.
fn starts_with_surname_among(word: &str, n: usize) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| SURNAMES.chars().take(n).any(|s| s == c))
}

/// How many of `SURNAMES` are common enough that jieba's one-char `nr` before an adjective
/// or a date word is a name without a title or a verb beside it (江 宏伟, 唐 四清).
const RELAXED_SURNAMES: usize = 100;

/// Whether the token before token `i` ends with a title (总统, 记者…): a name follows.
fn title_before(toks: &[Tok<'_>], i: usize) -> bool {
    i > 0 && PERSON_BEFORE.iter().any(|w| toks[i - 1].word.ends_with(w))
}

/// Whether token `k` is a speech verb or a title after a name (说, 先生, 等人).
fn cue_after(toks: &[Tok<'_>], k: usize) -> bool {
    toks.get(k)
        .is_some_and(|n| PERSON_AFTER.contains(&n.word) || TITLE_AFTER.contains(&n.word))
}

/// Last chars of words jieba tags as names that are not people: cups, festivals, contests,
/// buildings, things and places.
const NOT_NAME_ENDS: [char; 16] = [
    '杯', '节', '赛', '宫', '塔', '书', '鱼', '窑', '庄', '家', '人', '泉', '门', '田', '会', '峰',
];

/// Last chars of three-char common nouns that no given name ends with.
const COMMON_NOUN_ENDS: [char; 24] = [
    '性', '病', '车', '营', '型', '率', '物', '器', '剂', '药', '厂', '店', '站', '论', '史', '证',
    '费', '税', '类', '界', '工', '汉', '娃', '猿',
];

/// How often (in jieba's dictionary) a two-char word tagged `nr` may occur and still be taken
/// for a name without a title or verb beside it: real names are rare words, common words
/// whose first char is a surname (文明, 高峰, 阳光) are frequent.
const RARE_NAME_FREQ: usize = 100;

/// Frequency in jieba's dictionary at or under which a word it tags `ns` is taken for a place
/// only with more evidence (`rare_common_word`).
const RARE_PLACE_FREQ: usize = 100;

/// How many of `SURNAMES`, which runs from the most frequent, are common enough that a
/// two-char dictionary word starting with one is likely a name (王, 李 … 邓, 曹).
const COMMON_SURNAMES: usize = 30;

/// Words right after a name that mark it as a person (speech and action verbs).
pub(crate) const PERSON_AFTER: [&str; 10] = [
    "说", "表示", "介绍", "认为", "指出", "强调", "告诉", "就是", "坦言", "感慨",
];

/// Titles and forms of address right after a name that mark it as a person (克林顿总统,
/// 琼斯先生).
pub(crate) const TITLE_AFTER: [&str; 14] = [
    "先生", "女士", "同志", "夫人", "教授", "博士", "总统", "总理", "首相", "等人", "上将", "中将",
    "少将", "将军",
];

/// Char ranges inside 《…》, and inside short “…” (slogans and names of campaigns, which the
/// guideline leaves untagged).
fn quoted(chars: &[char]) -> Vec<CharRange> {
    let mut out = Vec::new();
    for (open, close, max) in [('《', '》', usize::MAX), ('“', '”', 12)] {
        // Where the next `close` is from each position on: one pass, so that openers
        // without a closer do not each scan the rest of the text.
        let next = super::figures::next_positions(chars, close);
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == open
                && let Some(&Some(j)) = next.get(i + 1)
            {
                let len = j - (i + 1);
                if len <= max {
                    out.push(CharRange::new(i as u32 + 1, (i + 1 + len) as u32));
                }
                i += len + 1;
            }
            i += 1;
        }
    }
    out
}

/// Which chars are already inside a suggestion, for O(length) overlap checks.
struct Covered(Vec<bool>);

impl Covered {
    fn new(n: usize) -> Self {
        Self(vec![false; n])
    }

    /// Mark `r` as taken if none of it is; true when it was free.
    fn take(&mut self, r: CharRange) -> bool {
        let (s, e) = (r.start as usize, (r.end as usize).min(self.0.len()));
        if s >= e || self.0[s..e].iter().any(|c| *c) {
            return false;
        }
        self.0[s..e].iter_mut().for_each(|c| *c = true);
        true
    }
}

/// Every occurrence in `chars` of each of the distinct `needles`, as (needle index, char
/// offset), ordered by needle and then by offset; each needle's occurrences do not overlap
/// each other (leftmost first, as `str::match_indices` finds them). That is what searching
/// the text once per needle gives, but found in one pass: at each position only the needle
/// lengths that start with its char are looked up, so the time grows with the text and not
/// with the text times the number of needles.
pub(crate) fn occurrences(chars: &[char], needles: &[Vec<char>]) -> Vec<(usize, u32)> {
    let mut which: HashMap<&[char], usize> = HashMap::new();
    let mut lengths: HashMap<char, Vec<usize>> = HashMap::new();
    for (k, n) in needles.iter().enumerate() {
        let Some(first) = n.first() else {
            continue;
        };
        if !which.contains_key(&n[..]) {
            which.insert(&n[..], k);
            lengths.entry(*first).or_default().push(n.len());
        }
    }
    for ls in lengths.values_mut() {
        ls.sort_unstable();
        ls.dedup();
    }
    let mut free_from = vec![0usize; needles.len()];
    let mut out = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        let Some(ls) = lengths.get(c) else {
            continue;
        };
        for &l in ls {
            let Some(k) = chars.get(i..i + l).and_then(|w| which.get(w)) else {
                continue;
            };
            if i >= free_from[*k] {
                free_from[*k] = i + l;
                out.push((*k, i as u32));
            }
        }
    }
    out.sort_unstable();
    out
}

fn starts_with_numeral(w: &str) -> bool {
    w.starts_with(|c: char| {
        "一二两三四五六七八九十百千万几数多各".contains(c) || c.is_ascii_digit()
    })
}

/// Chars of transliterated foreign names (for X·Y names).
pub(crate) const TRANSLIT: &str = "登拜普耶齐蕾娅丽莎露东阿埃艾安奥巴班贝本比彼宾波伯布查达戴丹道德迪蒂丁杜多厄恩法菲费芬弗福盖戈格古哈海汉赫亨胡华吉加贾杰金卡凯坎康科克肯库拉莱赖兰朗劳勒雷里利莉林琳卢鲁路伦罗洛马玛迈麦曼梅门蒙米明摩莫默姆穆纳娜奈南内尼妮纽诺欧帕潘佩皮普奇乔切琼萨塞桑瑟森沙尚史斯松苏索塔泰坦汤特梯提托瓦万威维温沃乌西希谢辛休雅亚扬伊因英尤约泽扎詹兹佐尔";

pub(crate) fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn looks_like_name(w: &str) -> bool {
    let n = w.chars().count();
    if !(2..=4).contains(&n) || !w.chars().all(is_cjk) {
        return false;
    }
    // Place names that jieba sometimes tags nr (连云港), and cups, festivals, buildings
    // and things (尤伯杯, 龙舟节, 卢浮宫, 金字塔).
    if w.ends_with(['港', '市', '省', '县', '镇', '村', '区', '州', '路', '街'])
        || w.ends_with(NOT_NAME_ENDS)
    {
        return false;
    }
    // A three-char word closed by a char that makes common nouns, never a given name
    // (安全性, 常见病, 吉普车, 夏令营, 钟点工), though jieba's dictionary tags many `nr`.
    if n == 3 && w.ends_with(COMMON_NOUN_ENDS) {
        return false;
    }
    // A surname with a form of address is not the name itself (吕老, 李大妈, 郭某, 杜氏).
    if [
        "老", "某", "氏", "总", "先生", "女士", "大妈", "大爷", "老师", "师傅", "同志",
    ]
    .iter()
    .any(|a| w.ends_with(a))
    {
        return false;
    }
    if DOUBLE_SURNAMES.iter().any(|s| w.starts_with(s)) {
        return n >= 3;
    }
    n <= 3 && w.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

struct Tok<'a> {
    word: &'a str,
    tag: &'a str,
    start: u32,
    end: u32,
}

/// Prepositions and conjunctions jieba's HMM glues to the loan name before them (阿杜对
/// 球队, 阿圭罗为 球队), which no loan name ends with.
const GLUED_AFTER_NAME: &str = "对为在和与被把将向从跟给让";

/// A name jieba tagged with the preposition after it glued on (阿圭罗为/nr), cut in two:
/// the name with its tag, and the preposition. Only for a loan name (the chars before the
/// last one a loan-name's, but one of three or more), which ends in none of these.
fn unglued<'a>(t: &Tok<'a>) -> Option<[Tok<'a>; 2]> {
    if !matches!(t.tag, "nr" | "nrt" | "nrfg") {
        return None;
    }
    let (cut, last) = t.word.char_indices().last()?;
    let name = &t.word[..cut];
    let n = name.chars().count();
    let loan = name.chars().filter(|c| TRANSLIT.contains(*c)).count();
    // Every char a loan name's, or all but one of three or more (圭 of 阿圭罗).
    (n >= 2 && GLUED_AFTER_NAME.contains(last) && (loan == n || (n >= 3 && loan + 1 == n))).then(
        || {
            [
                Tok {
                    word: name,
                    tag: t.tag,
                    start: t.start,
                    end: t.end - 1,
                },
                Tok {
                    word: &t.word[cut..],
                    tag: if matches!(last, '和' | '与') {
                        "c"
                    } else {
                        "p"
                    },
                    start: t.end - 1,
                    end: t.end,
                },
            ]
        },
    )
}

fn is_punct(w: &str) -> bool {
    w.chars().all(|c| !c.is_alphanumeric())
}

/// Last chars of place names jieba tags as people (罗滕堡, 岳阳楼, 田头乡).
const PLACE_ENDS: [char; 16] = [
    '国', '省', '州', '市', '岛', '港', '湾', '洲', '堡', '坡', '楼', '寺', '乡', '镇', '村', '岭',
];

/// The tokens of a sound-by-sound name around token `i` (卡巴 杰, 金 里奇; not 斯图 拉普, as
/// 图 is no transliteration char): the neighbours made only of transliteration chars, not
/// taken already.
fn loan_name_around(toks: &[Tok<'_>], used: &[bool], i: usize) -> (usize, usize) {
    // A piece jieba tags as a name (斯图塔 of 巴蒂 斯图塔, 林根费 of 林根费 特尔) may hold a
    // char the list lacks; at least half of its chars must be on it.
    let loan = |k: usize| {
        let n = toks[k].word.chars().count();
        let on_list = toks[k]
            .word
            .chars()
            .filter(|c| TRANSLIT.contains(*c))
            .count();
        !used[k]
            && n <= 3
            && (on_list == n || (matches!(toks[k].tag, "nr" | "nrt") && 2 * on_list >= n))
            && !matches!(
                toks[k].tag,
                "p" | "c" | "u" | "d" | "v" | "r" | "m" | "q" | "f"
            )
    };
    let mut a = i;
    while a > 0 && loan(a - 1) {
        a -= 1;
    }
    let mut b = i;
    while b + 1 < toks.len() && loan(b + 1) {
        b += 1;
    }
    (a, b)
}

/// Entity suggestions (PER, ORG, LOC) for a text, from `seg`'s words and POS tags.
pub fn entities(seg: &super::segment::Segmenter, text: &str) -> Vec<Suggestion> {
    entities_with(seg, text, true)
}

/// [`entities`] as the taggers of `crate::learn` read them: without session 46's sport
/// teams (clubs by nickname, a team's name stopping at a result), so that the attributes of
/// a model trained before stay what they were (its feature version unchanged) and the
/// taggers' figures, which those teams moved only within their noise, stay as measured.
pub fn entities_read_by_taggers(seg: &super::segment::Segmenter, text: &str) -> Vec<Suggestion> {
    entities_with(seg, text, false)
}

/// [`entities`], with the cases added after the taggers' feature version 17 (`newer`: the
/// sport teams, the names jieba glues to a preposition) or without them.
fn entities_with(seg: &super::segment::Segmenter, text: &str, newer: bool) -> Vec<Suggestion> {
    let sport_teams = newer;
    let toks: Vec<Tok<'_>> = seg
        .tag(text)
        .into_iter()
        .flat_map(|t| {
            let tok = Tok {
                word: t.word,
                tag: t.tag,
                start: t.start as u32,
                end: t.end as u32,
            };
            match newer.then(|| unglued(&tok)).flatten() {
                Some([a, b]) => vec![a, b],
                None => vec![tok],
            }
        })
        .collect();
    let mut out = Vec::new();
    let mut used = vec![false; toks.len()];
    let sugg = |s: u32, e: u32, label: &str, origin| Suggestion {
        range: CharRange::new(s, e),
        label: label.into(),
        kind: SpanKind::Entity,
        value: None,
        origin,
        confidence: None,
    };
    // Organisations: a suffix word, extended left over a name that starts with a proper noun.
    // Right to left, so that the longest chain (海南电网海口供电局) is built first.
    let proper_tag = |t: &Tok<'_>| {
        matches!(t.tag, "ns" | "nt" | "nz" | "j" | "nrt")
            || (t.tag == "s" && t.word.chars().count() >= 2 && !NOT_PLACES.contains(&t.word))
    };
    for i in (0..toks.len()).rev() {
        if used[i] {
            continue;
        }
        let t = &toks[i];
        // A suffix word jieba joined to the title after it (协会会长, 银行行长, 县委书记): the
        // name ends before the title.
        let (word, title) = TITLES
            .iter()
            .find_map(|ti| {
                t.word
                    .strip_suffix(ti)
                    .filter(|w| ends_a_body(w))
                    .map(|w| (w, ti.chars().count() as u32))
            })
            .unwrap_or((t.word, 0));
        // A minister: a ministry jieba knows joined to 长 (财政部长, 司法部长), whose
        // ministry is the body (美国 财政部长: 美国财政部).
        let ministry_word = t
            .word
            .strip_suffix('长')
            .filter(|m| title == 0 && m.ends_with('部'))
            .filter(|m| matches!(seg.tag_word(m).as_slice(), [one] if one.tag == "nt"));
        let ministry = ministry_word.is_some();
        let (word, title) = ministry_word.map_or((word, title), |m| (m, 1));
        // Not a kind of body after a place or a person, which is no one body (中国球队,
        // 中澳两队, 埃及部队; 阿圭罗 为 球队 扳回一城, with jieba's 阿圭罗为 a name).
        let suffix = (ends_a_body(word) || (word.ends_with("中心") && word.chars().count() >= 4))
            && !(["球队", "两队", "部队", "军队"].contains(&word)
                && i > 0
                && (proper_tag(&toks[i - 1]) || sport_teams && toks[i - 1].tag == "nr"));
        // A place's or a leader's government (美国政府, 俄政府, 布什政府) is the place or the
        // person, not an organisation's name (docs/guidelines.md).
        let government = (word.ends_with("政府") || word.ends_with("当局"))
            && i > 0
            && matches!(toks[i - 1].tag, "ns" | "j" | "nr" | "nrt" | "nrfg");
        if government {
            continue;
        }
        // The same written as one word (美国政府, 北京市政府): the place alone.
        if let Some(head) = ["人民政府", "地方政府", "政府", "当局"]
            .iter()
            .find_map(|g| word.strip_suffix(g))
            .filter(|h| !h.is_empty() && h.chars().all(is_cjk))
        {
            let tags = seg.tag_word(head);
            let place = super::lexicon::is_known_place(head)
                || matches!(tags.as_slice(), [one] if matches!(one.tag, "ns" | "j"));
            if place {
                used[i] = true;
                let end = t.start + head.chars().count() as u32;
                out.push(sugg(t.start, end, "LOC", Origin::Rule));
                continue;
            }
        }
        let team = word.ends_with('队');
        let nt = ministry
            || t.tag == "nt" && (suffix && t.word.chars().count() >= 2)
            || t.tag == "nt"
                && t.word.chars().count() >= 3
                && t.word.ends_with([
                    '会', '院', '局', '部', '厅', '委', '所', '社', '司', '团', '行', '台', '校',
                    '馆', '处', '心', '盟', '网', '国',
                ]);
        if !suffix && !nt {
            continue;
        }
        let mut j = i;
        let mut proper = nt;
        // Walk left over up to 6 tokens of name material: nouns, and inside a name also
        // one-char nouns and verbal nouns (中国/食/文化/研究会, 新闻/宣传/促进会).
        while j > 0 && i - j < 6 {
            let p = &toks[j - 1];
            let cjk = p.word.chars().all(is_cjk);
            let name_part = proper_tag(p)
                || (p.tag == "n" && p.word.chars().count() >= 2 && !is_punct(p.word))
                || (cjk && matches!(p.tag, "n" | "vn" | "b" | "ng" | "nr" | "l"))
                || ORG_SUFFIXES.contains(&p.word);
            // A team's name stops at another team, a contest or a result (中国队 首战 瑞典队,
            // 世界杯赛 南斯拉夫国家队, 冠军 巴西队, 力克 印尼女队).
            let other = team
                && (p.word.ends_with(['队', '赛'])
                    || ["冠军", "亚军", "季军", "力克", "首战", "场上"].contains(&p.word)
                    || sport_teams && RESULTS.contains(&p.word));
            if !name_part
                || other
                || used[j - 1]
                || NOT_PLACES.contains(&p.word)
                || starts_with_numeral(p.word)
            {
                break;
            }
            j -= 1;
            if proper_tag(p) {
                proper = true;
            }
        }
        // The leftmost token must itself be a proper noun of two chars or more, or a
        // country or province written as one char before a body jieba knows (美 司法部,
        // 俄 中央银行; but 俄 | 代表团, a delegation from it).
        // 国际 opens an international body's name with a word between it and the suffix
        // (国际 羊毛 局, 国际 武术 联合会; not 国际 组织).
        let leftmost = |k: usize| {
            let p = &toks[k];
            (proper_tag(p) && p.word.chars().count() >= 2)
                || (t.tag == "nt"
                    && matches!(p.tag, "ns" | "j")
                    && p.word.chars().count() == 1
                    && ONE_CHAR_PLACES.contains(p.word))
                || (p.word == "国际" && k + 1 < i)
        };
        while j < i && !leftmost(j) {
            j += 1;
        }
        if j + 1 < i && toks[j].word == "国际" {
            proper = true;
        }
        // A minister's ministry takes only the place right before it (美国 财政部长, not
        // 乌克兰 新任 外交部长).
        if ministry && j + 1 < i {
            j = if proper_tag(&toks[i - 1]) { i - 1 } else { i };
        }
        // 省总工会 / 市总工会: a one-char level before 总工会 (not in a list like 市、区总工会).
        let level = t.word == "总工会"
            && j == i
            && i > 0
            && matches!(toks[i - 1].word, "省" | "市")
            && (i < 2 || toks[i - 2].word != "、");
        if level {
            j = i - 1;
            proper = true;
        }
        // A brand or firm's name jieba took for a person's, right before the suffix (金田 集团,
        // 米高梅 公司, 卓里 机械厂).
        if !proper
            && suffix
            && i > 0
            && toks[i - 1].tag == "nr"
            && (2..=4).contains(&toks[i - 1].word.chars().count())
            && toks[i - 1].word.chars().all(is_cjk)
            // Not a common word jieba's dictionary tags nr (盛赞, 弘扬).
            && seg.jieba().suggest_freq(toks[i - 1].word) <= RARE_NAME_FREQ
        {
            j = i - 1;
            proper = true;
        }
        if !proper || (j == i && !nt) {
            continue;
        }
        // Extend right over a following suffix word (湖南师范大学 + 附属中学) or a unit of
        // the body (中央电视台 + 体育部, 中国队 + 教练组, 内贸部 + 饮食服务司).
        let k = if title == 0 {
            units_after(&toks, &used, i)
        } else {
            i
        };
        if used[j..=k].iter().any(|u| *u) {
            continue;
        }
        used[j..=k].iter_mut().for_each(|u| *u = true);
        // A venue named so is a place (docs/guidelines.md): 中国现代文学馆, 北京音乐厅.
        let label = if title == 0 && is_venue(toks[k].word) {
            "LOC"
        } else {
            "ORG"
        };
        out.push(sugg(
            toks[j].start,
            toks[k].end - title,
            label,
            Origin::Rule,
        ));
    }
    // Teams written as one word (葡萄牙队, 上海申花队): a team suffix after a name jieba
    // knows as a place or proper noun.
    for (i, t) in toks.iter().enumerate() {
        if used[i] || !t.word.chars().all(is_cjk) {
            continue;
        }
        let Some(stem) = ["女队", "男队", "队", "女篮", "男篮", "女排", "男排"]
            .iter()
            .find_map(|s| t.word.strip_suffix(s))
        else {
            continue;
        };
        // A nickname jieba cut before its last char (篮/n 网队/n): the noun before joins it.
        let split = sport_teams
            && t.word.ends_with('队')
            && stem.chars().count() == 1
            && i > 0
            && !used[i - 1]
            && toks[i - 1].tag == "n"
            && toks[i - 1].word.chars().count() == 1
            && toks[i - 1].word.chars().all(is_cjk);
        let joined;
        let (name, first) = if split {
            joined = format!("{}{stem}", toks[i - 1].word);
            (joined.as_str(), i - 1)
        } else {
            (stem, i)
        };
        if name.chars().count() < 2 {
            continue;
        }
        let tags = seg.tag(name);
        let proper = !split
            && tags
                .first()
                .is_some_and(|p| matches!(p.tag, "ns" | "nz" | "nt" | "nr" | "nrt" | "j" | "m"));
        // A club's nickname, in a sentence about sport (雄鹿队 战胜 火箭队, 勇士队 主场): a
        // common noun before 队 that names no kind of team (国家队, 足球队, 医疗队).
        let nickname = sport_teams
            && !proper
            && matches!(tags.as_slice(), [one] if one.tag == "n")
            && !TEAM_KINDS.contains(&name)
            && !name.ends_with('球')
            && about_sport(&toks, i);
        if proper || nickname {
            let k = units_after(&toks, &used, i);
            used[first..=k].iter_mut().for_each(|u| *u = true);
            out.push(sugg(toks[first].start, toks[k].end, "ORG", Origin::Rule));
        }
    }
    // Organisations known by a short name (欧盟, 北大, 波音, 省委).
    for (i, t) in toks.iter().enumerate() {
        if !used[i] && super::lexicon::is_known_organisation(t.word) {
            let k = units_after(&toks, &used, i);
            used[i..=k].iter_mut().for_each(|u| *u = true);
            out.push(sugg(t.start, toks[k].end, "ORG", Origin::Rule));
        }
    }
    // People: byline and title rules, then nr tags that look like names.
    let chars: Vec<char> = text.chars().collect();
    for (i, t) in toks.iter().enumerate() {
        if used[i] {
            continue;
        }
        // Part of an X·Y name: the dot rule below takes it whole (乔·拜登).
        let dotted =
            (i > 0 && toks[i - 1].word == "·") || toks.get(i + 1).is_some_and(|n| n.word == "·");
        if dotted {
            continue;
        }
        // A surname with a form of address (徐先生, 李大妈, 吕老, 杜氏, 老于, 小王; or 王 先生
        // as two words): the surname alone is the name, as MSRA's and OntoNotes' corpora
        // tag it.
        if let Some(at) = addressed_surname(seg, &toks, i) {
            used[i] = true;
            out.push(sugg(at, at + 1, "PER", Origin::Pos));
            continue;
        }
        // A famous name jieba's dictionary has as a frequent word (孙权, 鲁迅, 马克思).
        if super::lexicon::is_famous_person(t.word) {
            used[i] = true;
            out.push(sugg(t.start, t.end, "PER", Origin::Pos));
            continue;
        }
        // A foreign leader right after the office, whatever jieba tags the name (斯里兰卡
        // 总统 库马拉通加 ns, 秘书长 安南 ns, 总理 基里延科 nr).
        if leader_after_office(&toks, i) {
            used[i] = true;
            out.push(sugg(t.start, t.end, "PER", Origin::Pos));
            continue;
        }
        // A three-char name jieba cut into two `nr` words, a surname and a given name (王 金兰)
        // or a surname with one char and the last char (高允 连, 李致 忠).
        if let Some(n) = toks.get(i + 1).filter(|n| {
            !used[i + 1]
                && t.tag == "nr"
                && (n.tag == "nr" || split_given_name(&toks, i))
                && t.word.chars().count() + n.word.chars().count() == 3
                && t.word.chars().chain(n.word.chars()).all(is_cjk)
        }) {
            let whole = format!("{}{}", t.word, n.word);
            if looks_like_name(&whole) {
                used[i] = true;
                used[i + 1] = true;
                out.push(sugg(t.start, n.end, "PER", Origin::Pos));
                continue;
            }
        }
        let before = title_before(&toks, i);
        let after = cue_after(&toks, i + 1);
        // nr that looks like a Chinese name (a surname and one or two chars); a word jieba
        // took for a place (钟南山) only between a title and a speech verb.
        // A two-char nr is often a common word whose first char is a surname (文明, 高峰):
        // it needs the context; three chars (龚智超) rarely are.
        let name_tag = t.tag == "nr" || (t.tag == "ns" && before && after);
        // Not in jieba's dictionary (its HMM found the word: 柳萍), or a rare two-char
        // word there; a three-char dictionary word tagged nr is as often a thing (马拉松,
        // 高素质) as a person, and needs the context.
        let freq = seg.jieba().suggest_freq(t.word);
        let n = t.word.chars().count();
        let given: String = t.word.chars().skip(1).collect();
        // A two-char word tagged nr that jieba's dictionary has is a common word with a
        // surname char in front (甘甜, 农忙, 高达) more often than a name, unless that
        // surname is one of the most frequent (王刚, 陈原) or the word is a loan name (鲁宾).
        let common_surname = t.tag != "nr"
            || t.word.chars().all(|c| TRANSLIT.contains(c))
            || starts_with_surname_among(t.word, COMMON_SURNAMES);
        let rare = freq <= 1
            || (freq <= RARE_NAME_FREQ && n == 2 && common_surname)
            // A three-char name whose given name is no common word is a name however
            // often jieba's dictionary has it (毛泽东, 李永波).
            || (n == 3
                // Not a sound-by-sound loan word (马拉松) nor a surname char before a
                // common word (高素质).
                && !t.word.chars().all(|c| TRANSLIT.contains(c))
                && seg.jieba().suggest_freq(&given) <= RARE_NAME_FREQ);
        let sure = before || after || rare;
        // A two-char word jieba's dictionary tags `nrt` with a char no loan name uses is as
        // often a common word (日晒, 家什, 长鸣): it needs the context.
        let common_nrt = t.tag == "nrt"
            && n == 2
            && !t.word.chars().all(|c| TRANSLIT.contains(c))
            && !(before || after);
        // jieba's transliterated (克林顿, 卡尔波夫) and full names (董炯).
        // A loan name jieba tags `nr` (普罗迪; 克林顿, whose last char is rarer in loan
        // names) is taken as one too, with a cue.
        let loan_nr = t.tag == "nr"
            && n >= 3
            && t.word.chars().take(n - 1).all(|c| TRANSLIT.contains(c))
            && (before || after || freq <= 1);
        let foreign = (matches!(t.tag, "nrt" | "nrfg") || loan_nr)
            && sure
            && !common_nrt
            && t.word.chars().count() >= 2
            && t.word.chars().all(is_cjk)
            && !t.word.ends_with(NOT_NAME_ENDS)
            && !t.word.ends_with(PLACE_ENDS);
        if foreign {
            // jieba's HMM often cuts a loan name in pieces (卡巴 杰): take them all.
            let (a, b) = loan_name_around(&toks, &used, i);
            used[a..=b].iter_mut().for_each(|u| *u = true);
            out.push(sugg(toks[a].start, toks[b].end, "PER", Origin::Pos));
            continue;
        }
        if name_tag && looks_like_name(t.word) && sure && !t.word.ends_with(PLACE_ENDS) {
            let (a, b) = if n >= 2 && t.word.chars().all(|c| TRANSLIT.contains(c)) {
                loan_name_around(&toks, &used, i)
            } else {
                (i, i)
            };
            used[a..=b].iter_mut().for_each(|u| *u = true);
            out.push(sugg(toks[a].start, toks[b].end, "PER", Origin::Pos));
        }
    }
    let mut cov = Covered::new(chars.len());
    for o in &out {
        cov.take(o.range);
    }
    for cue in ["记者", "通讯员"] {
        let cue_chars: Vec<char> = cue.chars().collect();
        let mut p = 0;
        while p + cue_chars.len() <= chars.len() {
            if chars[p..p + cue_chars.len()] != cue_chars[..] {
                p += 1;
                continue;
            }
            // Names follow, separated by spaces, until a bracket or other text.
            let mut q = p + cue_chars.len();
            loop {
                while q < chars.len() && (chars[q] == ' ' || chars[q] == '\u{3000}') {
                    q += 1;
                }
                let s = q;
                while q < chars.len() && is_cjk(chars[q]) && q - s < 4 {
                    q += 1;
                }
                let name: String = chars[s..q].iter().collect();
                let ends = q >= chars.len()
                    || matches!(chars[q], ' ' | '\u{3000}' | ')' | '）' | '\n' | '、' | '，');
                if !(2..=3).contains(&(q - s)) || !ends || !looks_like_name(&name) {
                    break;
                }
                let r = CharRange::new(s as u32, q as u32);
                if cov.take(r) {
                    out.push(sugg(r.start, r.end, "PER", Origin::Rule));
                }
                if q >= chars.len() || chars[q] != ' ' {
                    break;
                }
            }
            p += cue_chars.len();
        }
    }
    // Foreign names: X·Y with transliteration chars on both sides.
    for (i, c) in chars.iter().enumerate() {
        if *c != '·' {
            continue;
        }
        let mut s = i;
        while s > 0 && TRANSLIT.contains(chars[s - 1]) {
            s -= 1;
        }
        let mut e = i + 1;
        while e < chars.len() && (TRANSLIT.contains(chars[e]) || chars[e] == '·') {
            e += 1;
        }
        if i - s >= 1 && e - i > 2 {
            let r = CharRange::new(s as u32, e as u32);
            if cov.take(r) {
                out.push(sugg(r.start, r.end, "PER", Origin::Rule));
            }
        }
    }
    // Places: ns tags, minus common nouns jieba tags ns. A province and the place after it
    // are one (山西壶关); other places side by side stay apart (日本 大阪), and a word of
    // one-char places is a place a char (京津, 欧美), but 中亚, 中欧, 中非 are regions
    // unless a word about what lies between them follows (中欧关系).
    let mut i = 0;
    while i < toks.len() {
        // jieba tags a lone country or province char `j` (abbreviation): 俄 of 俄政府; but
        // alone 法 is more often law and 港 a port.
        // A lone char jieba tags `ns` is a place only as an abbreviation (美 of 美司法部), not
        // as a common word: 的美, 朝南, a char of a name (张友香) or of a direction (东 南).
        let place = |k: usize| {
            let t = &toks[k];
            let one_char_word = t.word.chars().count() == 1
                && (!t.word.chars().all(|c| ONE_CHAR_PLACES.contains(c))
                    || k.checked_sub(1).is_some_and(|j| toks[j].tag == "uj")
                    || toks.get(k + 1).is_none_or(|n| is_punct(n.word)));
            (t.tag == "ns"
                && !NOT_PLACES.contains(&t.word)
                && t.word.chars().all(is_cjk)
                && !one_char_word
                && !rare_common_word(seg, &toks, k))
                || (t.tag == "j"
                    && t.word.chars().count() == 1
                    && t.word
                        .chars()
                        .all(|c| ONE_CHAR_PLACES.contains(c) && !matches!(c, '法' | '港')))
        };
        if used[i] || !place(i) {
            i += 1;
            continue;
        }
        let s = i;
        while i + 1 < toks.len()
            && !used[i + 1]
            && ((place(i + 1)
                && i == s
                && super::lexicon::PROVINCES
                    .iter()
                    .any(|p| toks[s].word.starts_with(p)))
                || (toks[i + 1].word.chars().count() <= 3
                    && toks[i + 1].word.chars().all(is_cjk)
                    && !NOT_PLACES.contains(&toks[i + 1].word)
                    && toks[i + 1]
                        .word
                        .ends_with(['镇', '乡', '村', '县', '港', '湾'])))
        {
            i += 1;
        }
        let r = CharRange::new(toks[s].start, toks[i].end);
        let each = &chars[r.start as usize..r.end as usize];
        if (2..=4).contains(&each.len())
            && each.iter().all(|c| ONE_CHAR_PLACES.contains(*c))
            && !super::lexicon::is_known_place(toks[s].word)
            && !repeats(each)
            && (!matches!(each, ['中', '亚' | '欧' | '非'])
                || toks
                    .get(i + 1)
                    .is_some_and(|t| BETWEEN_PLACES.contains(&t.word)))
        {
            for k in r.start..r.end {
                let one = CharRange::new(k, k + 1);
                if cov.take(one) {
                    out.push(sugg(k, k + 1, "LOC", Origin::Rule));
                }
            }
        } else if let Some(parts) = (s == i)
            .then(|| known_place_within(seg, toks[s].word))
            .flatten()
        {
            for (a, b) in parts {
                let part = CharRange::new(r.start + a, r.start + b);
                if cov.take(part) {
                    out.push(sugg(part.start, part.end, "LOC", Origin::Pos));
                }
            }
        } else if cov.take(r) {
            out.push(sugg(r.start, r.end, "LOC", Origin::Pos));
        }
        i += 1;
    }
    for r in one_char_places(&chars, &toks) {
        if cov.take(r) {
            out.push(sugg(r.start, r.end, "LOC", Origin::Rule));
        }
    }
    let regions: Vec<Vec<char>> = REGIONS.iter().map(|r| r.chars().collect()).collect();
    for (k, start) in occurrences(&chars, &regions) {
        let r = CharRange::new(start, start + regions[k].len() as u32);
        if cov.take(r) {
            out.push(sugg(r.start, r.end, "LOC", Origin::Rule));
        }
    }
    // A name found by a rule or in context is a name at its other occurrences too. Each name
    // once (its first suggestion's origin): a later copy would find its occurrences taken.
    // Not a surname alone (江 of 江主席, 徐 of 徐先生): it is a name only beside its title, and
    // elsewhere a common char (大江截流, 江边).
    let mut people: Vec<Vec<char>> = Vec::new();
    let mut origins: Vec<Origin> = Vec::new();
    let mut seen_names = HashSet::new();
    for s in out
        .iter()
        .filter(|s| s.label == "PER" && s.range.len() >= 2)
    {
        let name = &chars[s.range.start as usize..s.range.end as usize];
        if seen_names.insert(name) {
            people.push(name.to_vec());
            origins.push(s.origin);
        }
    }
    for (k, start) in occurrences(&chars, &people) {
        let r = CharRange::new(start, start + people[k].len() as u32);
        if cov.take(r) {
            out.push(sugg(r.start, r.end, "PER", origins[k]));
        }
    }
    // Names inside 《》 titles and short quoted slogans are not tagged.
    let quotes = super::figures::Inside::new(
        chars.len(),
        quoted(&chars)
            .into_iter()
            .map(|q| (q.start as usize, q.end as usize)),
    );
    out.retain(|s| !quotes.covers(s.range.start as usize, s.range.end as usize));
    // A region written with 地区 (西北地区, 亚太地区, 山南地区) is the region's name alone, as
    // MSRA's corpus tags it; a common word with it (周边地区, 北方地区) is no place.
    out.retain_mut(|s| {
        let (a, b) = (s.range.start as usize, s.range.end as usize);
        if s.label != "LOC" || b - a < 3 || chars[b - 2..b] != ['地', '区'] {
            return true;
        }
        let head: String = chars[a..b - 2].iter().collect();
        // The head's last word names a place (山南; 山东菏泽, a province and a place).
        let last = seg.tag_word(&head).last().map(|w| (w.word, w.tag));
        let place = super::lexicon::is_known_place(&head)
            || REGION_DIRECTIONS.contains(&head.as_str())
            || last.is_some_and(|(w, tag)| {
                super::lexicon::is_known_place(w) || matches!(tag, "ns" | "j" | "nr" | "nrt")
            });
        s.range = CharRange::new(s.range.start, s.range.end - 2);
        place
    });
    out.sort_by_key(|s| (s.range.start, s.range.end));
    out
}

/// Regions named by a direction (西北, 华东): a place before 地区.
const REGION_DIRECTIONS: [&str; 12] = [
    "东北", "西北", "东南", "西南", "华北", "华东", "华南", "华中", "亚太", "中东", "西欧", "东欧",
];

/// Last chars of place names: a three-char or longer word jieba tags `ns` and ends with one
/// is a place however rare (狼牙山, 玉门关, 沙矶头村).
const PLACE_FINALS: &str =
    "山河江湖海岛港湾峡关州县市省区镇乡村庄寨站桥路街坡岭峰沟洲城堡口门宫园泉池谷原滩寺町库台";

/// Last chars of two-char place names that are seldom the end of a common word (沛县, 瓜州,
/// 墨城, 阳关, 巫峡).
const SHORT_PLACE_FINALS: &str = "县州城关峡";

/// Words before a place: in, to, from, at (在, 到, 赴, 位于).
const PLACE_BEFORE: [&str; 14] = [
    "在", "到", "于", "赴", "从", "去", "来到", "前往", "位于", "抵达", "途经", "访问", "来自",
    "地处",
];

/// A word jieba's dictionary tags `ns` that is rare there or not there at all (its HMM found
/// it) and is more often a common word or a name than a place: two-char compounds (沙山, 竹海,
/// 深潭, 太多), four-char idioms (天南地北, 夕阳西下) and names written with loan-name chars
/// (扎加洛, 巴金). A known place, a longer word ending like a place (狼牙山, 西柏坡村) or one after a
/// word that leads to a place (到涿鹿) stays a place.
fn rare_common_word(seg: &super::segment::Segmenter, toks: &[Tok<'_>], k: usize) -> bool {
    let w = toks[k].word;
    let n = w.chars().count();
    if n < 2 || super::lexicon::is_known_place(w) || seg.jieba().suggest_freq(w) > RARE_PLACE_FREQ {
        return false;
    }
    let translit = w.chars().all(|c| TRANSLIT.contains(c));
    let finals = if n >= 3 {
        PLACE_FINALS
    } else {
        SHORT_PLACE_FINALS
    };
    if !translit && w.ends_with(|c| finals.contains(c)) {
        return false;
    }
    // Places a char (京津, 亚非) and a known place with more after it (德国马克, 香港回归)
    // are taken apart by the place rules below.
    if w.chars().all(|c| ONE_CHAR_PLACES.contains(c)) || known_place_within(seg, w).is_some() {
        return false;
    }
    // A word before a place (到涿鹿) or a one-char kind of place after it (西泉 镇).
    let before = k
        .checked_sub(1)
        .is_some_and(|j| PLACE_BEFORE.contains(&toks[j].word));
    let kind_after = toks
        .get(k + 1)
        .is_some_and(|t| matches!(t.word, "镇" | "乡" | "村" | "县" | "市" | "区"));
    !(before || kind_after)
}

/// The places inside a word jieba tags `ns` that begins with a well-known place and goes on
/// with something else, as char ranges in the word: the place alone before a common word
/// (德国 of 德国马克, 拉美 of 拉美地区, 北京 of 北京市民), or two places side by side
/// (中国 | 香港). `None` keeps the word whole: a known place itself, a province and a place in
/// it (山西太原), or a place whose rest jieba does not know as a common word (四川牧区).
fn known_place_within(seg: &super::segment::Segmenter, word: &str) -> Option<Vec<(u32, u32)>> {
    use super::lexicon::{PROVINCES, is_known_place};
    if is_known_place(word) {
        return None;
    }
    let w: Vec<char> = word.chars().collect();
    // The longest known place at the start that leaves a word of two chars or more.
    let p = (2..w.len().saturating_sub(1)).rev().find(|&p| {
        let head: String = w[..p].iter().collect();
        is_known_place(&head)
    })?;
    let head: String = w[..p].iter().collect();
    let rest: String = w[p..].iter().collect();
    let n = w.len() as u32;
    let p32 = p as u32;
    if is_known_place(&rest) {
        return (!PROVINCES.iter().any(|v| head.starts_with(v))).then(|| vec![(0, p32), (p32, n)]);
    }
    // 地区 and 各国 after a region are no part of its name (拉美地区, 欧洲各国).
    if ["地区", "各国"].contains(&rest.as_str()) {
        return Some(vec![(0, p32)]);
    }
    let tag = seg.tag_word(&rest);
    let common = tag.len() == 1
        && seg.jieba().suggest_freq(&rest) > 1
        && !matches!(tag[0].tag, "ns" | "nt" | "nz" | "s" | "f")
        && !rest.ends_with(PLACE_ENDS)
        && !rest.ends_with([
            '区', '县', '山', '河', '湖', '江', '城', '路', '街', '峰', '原',
        ]);
    common.then(|| vec![(0, p32)])
}

/// Whether a char comes twice in `chars` (美美, 宁宁: words, not a run of places).
fn repeats(chars: &[char]) -> bool {
    chars
        .iter()
        .enumerate()
        .any(|(i, c)| chars[i + 1..].contains(c))
}

/// Chars that name a country, region or province on their own in compounds (中美, 京津, 中日韩,
/// 欧亚, 访华).
pub(crate) const ONE_CHAR_PLACES: &str = "中美日英法德俄苏韩朝印巴越泰意加澳港台京津沪渝冀晋辽吉黑浙皖闽赣鲁豫鄂湘粤桂琼川黔滇藏陕甘陇青宁新欧亚非蒙以伊叙埃墨菲荷葡希瑞芬挪匈捷缅柬";

/// Countries written as one char that are too often something else to stand alone (阿 of
/// 阿姨, 马 the surname, 土 soil, 比 to compare): places beside one of [`ONE_CHAR_PLACES`]
/// before a word that makes a pair of places (中阿两国, 中马关系, 罗中友好), one in a run,
/// or alone in a text that names the country in full ([`SHORT_FOR`]).
const AMBIGUOUS_ONE_CHAR_PLACES: &str = "阿尼马土乌罗比";

/// Of [`AMBIGUOUS_ONE_CHAR_PLACES`], the countries each char can stand for once the text has
/// named one in full (比, to compare, is left out: it stands alone too often).
const SHORT_FOR: [(char, &[&str]); 6] = [
    (
        '阿',
        &[
            "阿根廷",
            "阿尔及利亚",
            "阿富汗",
            "阿联酋",
            "阿尔巴尼亚",
            "阿塞拜疆",
        ],
    ),
    ('尼', &["尼日利亚", "尼泊尔", "尼日尔", "尼加拉瓜"]),
    ('马', &["马来西亚", "马耳他", "马其顿", "马达加斯加"]),
    ('土', &["土耳其", "土库曼斯坦"]),
    ('乌', &["乌克兰", "乌兹别克斯坦", "乌干达", "乌拉圭"]),
    ('罗', &["罗马尼亚"]),
];

/// Of [`ONE_CHAR_PLACES`], the countries that 方 (side) and 军 (army) follow: 中方, 美军.
const ONE_CHAR_COUNTRIES: &str = "中美日英法德俄苏韩朝印巴越以伊叙";

/// Words after a run of one-char places that make the run a pair (or more) of places: 中美关系,
/// 中印边境, 美中两国, 中日友好.
const BETWEEN_PLACES: [&str; 27] = [
    "两国",
    "三国",
    "四国",
    "关系",
    "双边",
    "合作",
    "友好",
    "友谊",
    "边境",
    "边界",
    "联合",
    "经贸",
    "贸易",
    "建交",
    "会谈",
    "峰会",
    "战争",
    "和平",
    "双方",
    "之间",
    "人民",
    "外长",
    "首脑",
    "领导人",
    "交往",
    "对话",
    "谈判",
];

/// Verbs of going to, staying in or acting on China that 华 (China) follows: 访华, 驻华, 来华.
const TO_CHINA: &str = "访驻来对侵援在旅离抵赴返进";

/// Places written as one char that follow a verb of [`TO_CHINA`] (访华, 来京, 赴美, 进藏).
const TO_PLACE: &str = "华京美日英德俄韩欧沪津藏";

/// Places written as one char each (docs/guidelines.md): every char of a run of two to four
/// of them before a word about what lies between them (中美关系, 中印边境, 美中两国); 华 after
/// a verb of going to or being in China in one jieba word that ends at it or begins with
/// the two (访华, 驻华, 来华访问; not 在华盛顿, where 华 begins the word);
/// a country char in jieba's word X方 or X军 (中方, 美军); one of
/// [`AMBIGUOUS_ONE_CHAR_PLACES`] in such a run beside another (中阿两国), or alone once the
/// text has named its country in full ([`SHORT_FOR`]).
fn one_char_places(chars: &[char], toks: &[Tok<'_>]) -> Vec<CharRange> {
    let is_place = |c: char| ONE_CHAR_PLACES.contains(c);
    let ambiguous = |c: char| AMBIGUOUS_ONE_CHAR_PLACES.contains(c);
    let pair_place = |c: char| is_place(c) || ambiguous(c);
    let starts: HashSet<u32> = toks.iter().map(|t| t.start).collect();
    let ends: HashSet<u32> = toks.iter().map(|t| t.end).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !pair_place(chars[i]) || (i > 0 && pair_place(chars[i - 1])) {
            i += 1;
            continue;
        }
        let mut e = i;
        while e < chars.len() && pair_place(chars[e]) {
            e += 1;
        }
        // An ambiguous char that opens no word belongs to the word before (相比 中美).
        let mut s = i;
        while s < e && ambiguous(chars[s]) && !starts.contains(&(s as u32)) {
            s += 1;
        }
        let unsure = chars[s..e].iter().filter(|c| ambiguous(**c)).count();
        let next: String = chars[e..(e + 3).min(chars.len())].iter().collect();
        if (2..=4).contains(&(e - s))
            && unsure <= 1
            && unsure < e - s
            && starts.contains(&(s as u32))
            && BETWEEN_PLACES.iter().any(|w| next.starts_with(w))
        {
            out.extend((s..e).map(|k| CharRange::new(k as u32, k as u32 + 1)));
        }
        i = e;
    }
    for (i, c) in chars.iter().enumerate() {
        // The word ends at 华 (访华, 驻华), or begins with the verb and 华 (jieba's 来华访问);
        // the same for other places written as one char (来京, 赴美, 进藏).
        if TO_PLACE.contains(*c)
            && i > 0
            && TO_CHINA.contains(chars[i - 1])
            && (ends.contains(&(i as u32 + 1)) || starts.contains(&(i as u32 - 1)))
            && !starts.contains(&(i as u32))
            && !out.iter().any(|r| r.start == i as u32)
        {
            out.push(CharRange::new(i as u32, i as u32 + 1));
        }
    }
    for t in toks {
        let mut w = t.word.chars();
        if let (Some(x), Some('方' | '军'), None) = (w.next(), w.next(), w.next())
            && ONE_CHAR_COUNTRIES.contains(x)
        {
            out.push(CharRange::new(t.start, t.start + 1));
        }
    }
    // A country the text names in full, written after as its first char alone, a jieba
    // word of its own (尼日利亚 … 尼警方, 在尼注册; 阿根廷 … 从阿引渡): only when the text
    // names no other country with that char first.
    for (c, names) in SHORT_FOR {
        let text_has = |name: &str| {
            let n: Vec<char> = name.chars().collect();
            chars.windows(n.len()).any(|w| w == n.as_slice())
        };
        if names.iter().filter(|n| text_has(n)).count() != 1 {
            continue;
        }
        for (k, t) in toks.iter().enumerate() {
            let mut w = t.word.chars();
            let alone = matches!((w.next(), w.next()), (Some(x), None) if x == c);
            let next_is_word = toks
                .get(k + 1)
                .is_some_and(|n| n.word.chars().all(is_cjk) && !matches!(n.tag, "nr" | "nrfg"));
            if alone && next_is_word {
                out.push(CharRange::new(t.start, t.start + 1));
            }
        }
    }
    // A word of places a char each that jieba tags as an abbreviation or a name (德法/j,
    // 京沪/j, 中日/t, 中法/nt); the place loop splits those it tags ns.
    for t in toks {
        let w: Vec<char> = t.word.chars().collect();
        if (2..=3).contains(&w.len())
            && matches!(t.tag, "j" | "t" | "nt" | "nz")
            && w.iter().all(|c| is_place(*c))
            && !repeats(&w)
            && !super::lexicon::is_known_place(t.word)
        {
            out.extend((t.start..t.end).map(|k| CharRange::new(k, k + 1)));
        }
    }
    // A list of places a char each, each its own jieba word: 中、日、美、澳四国; 甘、宁、青.
    let lone = |t: &Tok<'_>| {
        let mut w = t.word.chars();
        matches!((w.next(), w.next()), (Some(c), None) if is_place(c))
    };
    let mut i = 0;
    while i < toks.len() {
        let mut k = i;
        if lone(&toks[i]) {
            while k + 2 < toks.len() && toks[k + 1].word == "、" && lone(&toks[k + 2]) {
                k += 2;
            }
        }
        if k > i {
            out.extend(
                (i..=k)
                    .step_by(2)
                    .map(|m| CharRange::new(toks[m].start, toks[m].start + 1)),
            );
        }
        i = k + 1;
    }
    out.sort_by_key(|r| r.start);
    out.dedup();
    out
}

/// Occurrences in `text` of strings the user tagged (`known`: surface → label), as
/// suggestions with the same label.
pub fn propagate(text: &str, known: &BTreeMap<String, (String, SpanKind)>) -> Vec<Suggestion> {
    let chars: Vec<char> = text.chars().collect();
    let (surfaces, tags): (Vec<Vec<char>>, Vec<&(String, SpanKind)>) = known
        .iter()
        .map(|(surface, tag)| (surface.chars().collect::<Vec<char>>(), tag))
        .filter(|(surface, _)| surface.len() >= 2)
        .unzip();
    occurrences(&chars, &surfaces)
        .into_iter()
        .map(|(k, start)| Suggestion {
            range: CharRange::new(start, start + surfaces[k].len() as u32),
            label: tags[k].0.clone(),
            kind: tags[k].1,
            value: None,
            origin: Origin::Propagation,
            confidence: None,
        })
        .collect()
}

/// Keep only suggestions that add something to a layer: none that duplicates a span (any
/// status, so rejected suggestions never come back) or overlaps an accepted or pending span
/// of the same kind; among overlapping suggestions the earlier origin in the list wins.
pub fn filter_new(layer: &Layer, mut sugg: Vec<Suggestion>) -> Vec<Suggestion> {
    let n = sugg.iter().map(|s| s.range.end as usize).max().unwrap_or(0);
    let mut taken_entity = Covered::new(n);
    let mut taken_other = Covered::new(n);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    // Propagation first (the user's own decisions), then figures, the project's model (and
    // what it spread, which has a confidence), rules, POS.
    sugg.sort_by_key(|s| match s.origin {
        Origin::Propagation if s.confidence.is_none() => 0,
        Origin::Propagation => 2,
        Origin::Figure => 1,
        Origin::Model => 2,
        Origin::Rule => 3,
        Origin::Pos => 4,
    });
    for s in sugg {
        if !seen.insert((s.range, s.label.clone())) {
            continue;
        }
        let clash = layer.overlapping(s.range).any(|sp| {
            (sp.range == s.range && sp.label == s.label)
                || (sp.status != SpanStatus::Rejected && sp.kind == s.kind)
                || (sp.status == SpanStatus::Rejected && sp.range == s.range)
        });
        if clash {
            continue;
        }
        let taken = match s.kind {
            SpanKind::Entity => &mut taken_entity,
            _ => &mut taken_other,
        };
        if !taken.take(s.range) {
            continue;
        }
        out.push(s);
    }
    out.sort_by_key(|s| (s.range.start, s.range.end));
    out
}

/// Strings the user has accepted in a project, with their label: the input of propagation.
/// A string accepted with two different labels is ambiguous and left out.
pub fn known_strings<'a>(
    docs: impl IntoIterator<Item = &'a crate::model::Document>,
) -> BTreeMap<String, (String, SpanKind)> {
    let mut out: BTreeMap<String, (String, SpanKind)> = BTreeMap::new();
    let mut ambiguous = HashSet::new();
    for d in docs {
        for s in d.layer.accepted() {
            if !matches!(s.kind, SpanKind::Entity) {
                continue;
            }
            let Ok(t) = d.text.slice(s.range) else {
                continue;
            };
            match out.get(t) {
                Some((l, _)) if *l != s.label => {
                    ambiguous.insert(t.to_string());
                }
                _ => {
                    out.insert(t.to_string(), (s.label.clone(), s.kind));
                }
            }
        }
    }
    for a in ambiguous {
        out.remove(&a);
    }
    out
}

/// Everything biaozhu would suggest for a document that is not already in its layer:
/// propagated strings, entity rules and POS tags, and figures.
pub fn for_document(
    seg: &super::segment::Segmenter,
    text: &str,
    published: Option<&str>,
    layer: &Layer,
    known: &BTreeMap<String, (String, SpanKind)>,
) -> Vec<Suggestion> {
    let mut all = propagate(text, known);
    all.extend(entities(seg, text));
    all.extend(figures(text, published));
    filter_new(layer, all)
}

/// [`for_document`] with more suggestions (the project's model's) merged in before
/// filtering: a duplicate of another origin's suggestion is kept once, and among overlapping
/// ones the user's own strings and figures come before the model, the model before rules.
/// `model_labels` are the labels the model tags: jieba's POS guesses for them are left out
/// ([`entities_beside_model`]).
pub fn for_document_with(
    seg: &super::segment::Segmenter,
    text: &str,
    published: Option<&str>,
    layer: &Layer,
    known: &BTreeMap<String, (String, SpanKind)>,
    extra: Vec<Suggestion>,
    model_labels: &[String],
) -> Vec<Suggestion> {
    let mut all = propagate(text, known);
    all.extend(extra);
    all.extend(entities_beside_model(seg, text, model_labels));
    all.extend(figures(text, published));
    filter_new(layer, all)
}

/// The rules' entity suggestions as they join a trained model's (`model_labels`, the labels
/// it tags; empty without a model): jieba's POS tags (origin `Pos`) are left out for those
/// labels. The model learnt from those tags, as features, and from the project's spans; a POS
/// guess where it found nothing costs more precision than it brings recall (MSRA sentences
/// 10,001-15,000, a model of 5,000 sentences with everything the rules find where it found
/// nothing: P 0.795 R 0.737 F1 0.765; without the POS guesses P 0.825 R 0.730 F1 0.775).
pub fn entities_beside_model(
    seg: &super::segment::Segmenter,
    text: &str,
    model_labels: &[String],
) -> Vec<Suggestion> {
    let mut out = entities(seg, text);
    out.retain(|s| !(s.origin == Origin::Pos && model_labels.contains(&s.label)));
    out
}

/// Figure suggestions: the recogniser's matches, labelled with their kind's key.
pub fn figures(text: &str, published: Option<&str>) -> Vec<Suggestion> {
    let ctx = super::figures::FigureContext {
        year: super::figures::page_year(text, published),
        published: published.map(str::to_string),
    };
    super::figures::recognise(text, &ctx)
        .into_iter()
        .map(|m| Suggestion {
            range: m.range,
            label: m.value.kind.as_str().to_string(),
            kind: SpanKind::Figure,
            value: Some(m.value),
            origin: Origin::Figure,
            confidence: None,
        })
        .collect()
}

/// The spans to add for suggestions: pending, from `Source::Suggested`, with fresh ids from
/// `first_id` on. Ids never wrap: when the layer has no ids left (a file with ids near
/// `u32::MAX`), the suggestions that would need one are not proposed.
pub fn to_spans(sugg: &[Suggestion], first_id: u32) -> Vec<crate::model::Span> {
    sugg.iter()
        .zip(first_id..u32::MAX)
        .map(|(s, id)| {
            let mut sp = pending_span(id, s.range, s.kind, s.label.clone());
            sp.value = s.value.clone();
            sp.confidence = s.confidence;
            sp.suggested_by = Some(s.origin.suggester());
            sp
        })
        .collect()
}

/// A span as a suggestion adds it: pending, from `Source::Suggested`.
pub fn pending_span(
    id: u32,
    range: CharRange,
    kind: SpanKind,
    label: String,
) -> crate::model::Span {
    let mut sp = crate::model::Span::new(crate::model::SpanId(id), range, kind, label);
    sp.source = crate::model::Source::Suggested;
    sp.status = SpanStatus::Pending;
    sp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<(String, String)> {
        let chars: Vec<char> = text.chars().collect();
        entities(&crate::zh::segment::Segmenter::new(), text)
            .into_iter()
            .map(|s| {
                (
                    chars[s.range.start as usize..s.range.end as usize]
                        .iter()
                        .collect(),
                    s.label,
                )
            })
            .collect()
    }

    #[test]
    fn one_char_places_are_places_in_pairs_after_visits_and_as_sides() {
        let got = labels("双方就中美关系交换意见。法国总统将访华，美驻华大使说，中方欢迎。");
        for want in ["中", "美", "华"] {
            assert!(
                got.contains(&(want.into(), "LOC".into())),
                "{want} as LOC in {got:?}"
            );
        }
        let places = |t: &str| {
            labels(t)
                .into_iter()
                .filter(|(s, l)| l == "LOC" && s.chars().count() == 1)
                .count()
        };
        assert_eq!(places("双方就中美关系交换意见。"), 2);
        assert_eq!(places("法国总统将访华。中方欢迎。"), 2);
        // jieba's one word 来华访问 (外国专家来华工作: 来华 alone).
        assert_eq!(places("美国总统来华访问。外国专家来华工作。"), 2);
        // Not a pair without a word about what lies between them, not 华 inside 华盛顿, not
        // 亚 of 亚军, not 中 of 其中.
        assert_eq!(places("其中美国代表团获得亚军。"), 0);
        assert_eq!(places("他在华盛顿说。中美洲国家。"), 0);
        assert_eq!(places("现在华人很多。他在华东工作。"), 0);
    }

    /// The strings of `text` suggested with `label`, in order.
    fn labelled(text: &str, label: &str) -> Vec<String> {
        labels(text)
            .into_iter()
            .filter(|(_, l)| l == label)
            .map(|(s, _)| s)
            .collect()
    }

    #[test]
    fn places_side_by_side_stay_apart_unless_the_first_is_a_province() {
        let locs = |t: &str| labelled(t, "LOC");
        assert_eq!(locs("他们从日本大阪出发。"), ["日本", "大阪"]);
        assert_eq!(
            locs("新疆维吾尔自治区伊犁哈萨克自治州发布通知。"),
            ["新疆维吾尔自治区伊犁哈萨克自治州"]
        );
        assert_eq!(locs("在山西壶关设立分会场。"), ["山西壶关"]);
        assert_eq!(locs("京津两地的合作。"), ["京", "津"]);
        assert_eq!(locs("他去过中亚。"), ["中亚"]);
        assert_eq!(locs("中欧关系发展顺利。"), ["中", "欧"]);
    }

    #[test]
    fn names_jieba_cut_in_pieces_are_whole_and_places_are_not_people() {
        let pers = |t: &str| labelled(t, "PER");
        // A loan name in pieces (卡巴 杰, 金 里奇).
        assert_eq!(pers("卡巴杰表示同意。"), ["卡巴杰"]);
        assert_eq!(pers("教练金里奇指出问题。"), ["金里奇"]);
        // Not a person: a name ending as places do.
        assert!(pers("罗滕堡是一座小城。").is_empty());
    }

    #[test]
    fn a_place_s_government_is_the_place_and_units_belong_to_their_body() {
        assert_eq!(labelled("美国政府今天宣布新的计划。", "LOC"), ["美国"]);
        assert!(labelled("美国政府今天宣布新的计划。", "ORG").is_empty());
        assert!(labelled("布什政府的政策没有改变。", "ORG").is_empty());
        assert_eq!(
            labelled("他在中央电视台体育部工作。", "ORG"),
            ["中央电视台体育部"]
        );
        assert_eq!(
            labelled("人民日报群工部收到来信。", "ORG"),
            ["人民日报群工部"]
        );
        // A venue built like a body's name is a place.
        assert_eq!(
            labelled("座谈会在中国现代文学馆举行。", "LOC"),
            ["中国现代文学馆"]
        );
        // Not a unit: 干部 and 全部 end as units do after a one-char head.
        assert!(!is_unit_of_body("干部") && !is_unit_of_body("全部") && !is_unit_of_body("西部"));
    }

    #[test]
    fn common_words_jieba_tags_as_names_or_places_are_not_suggested() {
        // A lone char tagged ns as a noun (的美), a two-char nrt word with a char no loan
        // name uses (日晒), and a loan name jieba cut into a nrt and a nr piece.
        assert!(labelled("这是一种朴素的美。", "LOC").is_empty());
        assert!(labelled("由于日晒，墙面褪色了。", "PER").is_empty());
        assert_eq!(labelled("前锋巴蒂斯图塔头球破门。", "PER"), ["巴蒂斯图塔"]);
        // A Chinese name jieba cut into two nr words (王 金兰).
        assert_eq!(labelled("王金兰激动不已。", "PER"), ["王金兰"]);
        // Rare words jieba's dictionary tags ns: compounds and idioms are no places, names
        // of mountains, counties and places after 到 are.
        assert!(labelled("远处是一片竹海，我们登上沙山看日落。", "LOC").is_empty());
        assert!(labelled("老同学见面，天南地北地聊了一夜。", "LOC").is_empty());
        // A two-char dictionary word tagged nr is a name with a frequent surname (王刚) or
        // as a loan name (鲁宾), not with a rarer surname char in front (农忙, 甘甜).
        assert!(labelled("到了农忙，他就回家种地。蜂蜜的甘甜让人难忘。", "PER").is_empty());
        assert_eq!(labelled("这部戏由王刚主演。", "PER"), ["王刚"]);
        assert_eq!(
            labelled("他出生在沛县，后来又到涿鹿，登上狼牙山。", "LOC"),
            ["沛县", "涿鹿", "狼牙山"]
        );
    }

    #[test]
    fn a_model_s_labels_get_no_pos_guesses_beside_it() {
        let seg = crate::zh::segment::Segmenter::new();
        let text = "上海的张三说，北京市总工会今天开会。";
        let all = entities(&seg, text);
        assert!(all.iter().any(|s| s.origin == Origin::Pos));
        let beside = entities_beside_model(&seg, text, &["LOC".into(), "PER".into()]);
        assert!(
            !beside
                .iter()
                .any(|s| s.origin == Origin::Pos && (s.label == "LOC" || s.label == "PER")),
            "{beside:?}"
        );
        // The rules' own finds stay, and a label the model does not tag keeps its POS guesses.
        assert!(beside.iter().any(|s| s.label == "ORG"));
        assert_eq!(entities_beside_model(&seg, text, &[]).len(), all.len());
    }

    #[test]
    fn news_forms_are_suggested() {
        let got = labels(
            "【本报北京10月24日电】(记者赖志航)今天，由北京市总工会牵头，甘肃省总工会主席胡焯表示。",
        );
        for want in [
            ("北京", "LOC"),
            ("赖志航", "PER"),
            ("北京市总工会", "ORG"),
            ("甘肃省总工会", "ORG"),
            ("胡焯", "PER"),
        ] {
            assert!(
                got.contains(&(want.0.into(), want.1.into())),
                "{want:?} not in {got:?}"
            );
        }
    }

    #[test]
    fn well_known_three_char_names_and_abbreviated_associations() {
        let got = labels("毛泽东更是深刻地认识到人民力量之伟大。");
        assert!(got.contains(&("毛泽东".into(), "PER".into())), "{got:?}");
        // A surname before a common word is still no name (高素质).
        let got = labels("培养高素质人才。");
        assert!(!got.iter().any(|(_, l)| l == "PER"), "{got:?}");
        let got = labels("同时中国剧协将为小演员举行佩花仪式。");
        assert!(got.contains(&("中国剧协".into(), "ORG".into())), "{got:?}");
    }

    #[test]
    fn several_reporters_in_a_byline_are_people() {
        let got = labels("【本报烟台专电】(记者杨明清 张璐 通讯员宋洁)近日，");
        for n in ["杨明清", "张璐", "宋洁"] {
            assert!(
                got.contains(&(n.into(), "PER".into())),
                "{n} not in {got:?}"
            );
        }
    }

    #[test]
    fn foreign_names_with_a_dot_but_not_place_pairs() {
        let got = labels("美国总统乔·拜登会见了安东尼奥·古特雷斯。连云港·徐圩马拉松赛举行。");
        assert!(
            got.iter()
                .any(|(s, l)| s == "安东尼奥·古特雷斯" && l == "PER"),
            "{got:?}"
        );
        assert!(
            got.iter().any(|(s, l)| s == "乔·拜登" && l == "PER"),
            "{got:?}"
        );
        assert!(
            !got.iter().any(|(s, l)| s.contains("连云港") && l == "PER"),
            "{got:?}"
        );
    }

    #[test]
    fn an_organisation_ends_before_the_title_jieba_joins_to_it() {
        let orgs = |t: &str| labelled(t, "ORG");
        assert_eq!(orgs("中国自行车协会会长说。"), ["中国自行车协会"]);
        assert_eq!(orgs("中共延安市委书记说。"), ["中共延安市委"]);
        assert_eq!(orgs("北京市体委主任说。"), ["北京市体委"]);
        // A place alone before a title is no organisation.
        assert!(orgs("北京市长说。").is_empty());
    }

    #[test]
    fn a_firm_named_like_a_person_or_a_works_is_an_organisation() {
        let orgs = |t: &str| labelled(t, "ORG");
        // jieba tags the firm's name nr (金田, 米高梅); a works (厂) and a restaurant (酒家)
        // end a body.
        assert_eq!(orgs("他在金田机械厂工作了十年。"), ["金田机械厂"]);
        assert_eq!(orgs("米高梅公司宣布了新片计划。"), ["米高梅公司"]);
        assert_eq!(orgs("他们到文华酒家吃饭。"), ["文华酒家"]);
        assert!(orgs("工厂里很热闹。").is_empty());
        // A country written as one char starts the ministry or bank it runs.
        assert_eq!(orgs("美司法部官员说，调查仍在进行。"), ["美司法部"]);
        assert_eq!(orgs("俄中央银行决定降息。"), ["俄中央银行"]);
        // A minister's ministry, with the place right before it; an international body.
        assert_eq!(orgs("美国财政部长今天说，利率不变。"), ["美国财政部"]);
        assert_eq!(orgs("国际羊毛局今天宣布了新标准。"), ["国际羊毛局"]);
        assert!(orgs("国际组织提供了援助。").is_empty());
        // A place that ends as a unit does (莫斯科) is no unit of the agency before it.
        assert_eq!(
            orgs("据新华社莫斯科５月１８日电，会议今天开幕。"),
            ["新华社"]
        );
    }

    #[test]
    fn people_named_by_a_title_a_form_of_address_or_a_loan_name() {
        let people = |t: &str| labelled(t, "PER");
        // A loan name jieba tags nr, after a head of state's or government's title.
        assert_eq!(people("美国总统克林顿今天说"), ["克林顿"]);
        assert_eq!(people("意大利总理普罗迪九日在罗马会见客人。"), ["普罗迪"]);
        // A surname with a form of address: the surname alone.
        assert_eq!(people("徐先生告诉记者，李大妈今年七十岁。"), ["徐", "李"]);
        // ... but not a common word that looks like one.
        assert!(people("这座城市的历史很古老。").is_empty());
        // A surname and a common word jieba cut apart, with a title before.
        assert_eq!(people("副局长李国庆说，工程已经完工。"), ["李国庆"]);
        assert!(people("国庆节快到了。").is_empty());
    }

    #[test]
    fn a_verb_of_amount_is_no_name() {
        // 高达 before a number is "as much as" (jieba: nr before ASCII digits).
        assert!(labelled("票房收入高达750万元，失业率高达35％。", "PER").is_empty());
    }

    #[test]
    fn a_dateline_does_not_open_an_organisation() {
        // jieba tags 日讯 nz, which the organisation rule took for the start of a name.
        assert_eq!(
            labelled("本报北京１月２５日讯新华社记者王言彬报道", "ORG"),
            ["新华社"]
        );
    }

    #[test]
    fn a_leader_named_by_surname_and_office_is_the_surname() {
        let people = |t: &str| labelled(t, "PER");
        // One word, which jieba tags a noun (江主席) or a name (周总理).
        assert_eq!(people("江主席会见了外宾。"), ["江"]);
        assert_eq!(people("周总理和毛主席在一起。"), ["周", "毛"]);
        // Two words: the surname, not the surname and the office as a name.
        assert_eq!(people("李总理说，改革要加快。"), ["李"]);
        // A surname char that opens a body's office is no name.
        assert!(people("党主席说，选举将在明年举行。").is_empty());
        // A surname alone is a name beside its office only, not wherever the char stands
        // again in the text (大江截流, 江边; 周围).
        assert_eq!(
            people("江主席来到大江截流工地，站在江边。周总理的周围是群众。"),
            ["江", "周"]
        );
    }

    #[test]
    fn famous_names_that_are_frequent_words_to_jieba_are_people() {
        let people = |t: &str| labelled(t, "PER");
        assert_eq!(people("赤壁之战中孙权和周瑜联手。"), ["孙权", "周瑜"]);
        assert_eq!(people("鲁迅先生的文章。"), ["鲁迅"]);
        // Not a common word that only looks like one.
        assert!(people("他的孙子上学了。").is_empty());
    }

    #[test]
    fn a_foreign_leader_after_the_office_is_a_person_whatever_jieba_tags_him() {
        let people = |t: &str| labelled(t, "PER");
        // jieba's dictionary tags these ns and nr; the office says who they are.
        assert_eq!(people("联合国秘书长安南今天表示。"), ["安南"]);
        assert_eq!(people("斯里兰卡总统库马拉通加会见了他。"), ["库马拉通加"]);
        assert_eq!(people("俄政府总理基里延科说。"), ["基里延科"]);
        // A place the lexicon knows after an office stays a place.
        assert!(people("总理北京之行很成功。").is_empty());
    }

    #[test]
    fn a_common_surname_before_an_adjective_or_a_date_word_is_a_name() {
        let people = |t: &str| labelled(t, "PER");
        // jieba cuts the surname from a given name that is also a word (宏伟 a, 四清 t).
        assert_eq!(people("江宏伟的作品展出了。"), ["江宏伟"]);
        assert_eq!(people("唐四清的家在村东头。"), ["唐四清"]);
        // Not 连 (even) before a number.
        assert!(people("连一天都没休息。").is_empty());
    }

    #[test]
    fn surnames_beyond_the_most_common_open_a_name() {
        let people = |t: &str| labelled(t, "PER");
        assert_eq!(people("总参谋长傅全有上将今天在这里会谈。"), ["傅全有"]);
        assert_eq!(people("尉健行说，两国友谊源远流长。"), ["尉健行"]);
    }

    #[test]
    fn planets_regions_abroad_and_venues_are_places() {
        let places = |t: &str| labelled(t, "LOC");
        // A venue is one place with the place it is named after (docs/guidelines.md).
        assert_eq!(places("他们在香山公园散步。"), ["香山公园"]);
        assert_eq!(places("比赛在北京工人体育场举行。"), ["北京工人体育场"]);
        assert!(places("文化广场很热闹。").is_empty());
        assert_eq!(places("科学家在火星上发现了水的痕迹。"), ["火星"]);
        assert_eq!(places("北爱和平进程有了进展。"), ["北爱"]);
        // A region with 地区 is the region's name; a common word with it is no place.
        assert_eq!(places("西北地区旱情严重。"), ["西北"]);
        assert!(places("周边地区局势稳定。").is_empty());
        assert_eq!(places("山东菏泽地区今年丰收。"), ["山东菏泽"]);
    }

    #[test]
    fn more_places_written_as_one_char() {
        let places = |t: &str| {
            labels(t)
                .into_iter()
                .filter(|(s, l)| l == "LOC" && s.chars().count() == 1)
                .map(|(s, _)| s)
                .collect::<Vec<_>>()
        };
        // A lone abbreviation, but not 法 (law).
        assert_eq!(places("他与俄代表团会谈。"), ["俄"]);
        assert!(places("他说此法可行。").is_empty());
        // After a verb of going or being; in a list; a word of them.
        assert_eq!(places("代表团昨天来京。"), ["京"]);
        assert_eq!(
            places("中、日、美、澳四国女篮参赛。"),
            ["中", "日", "美", "澳"]
        );
        assert_eq!(places("德法两国都同意。"), ["德", "法"]);
        // Countries further off too (墨 Mexico, 菲 the Philippines), and not 墨 of ink or 希 of
        // hope.
        assert_eq!(places("中墨两国签署协议。"), ["中", "墨"]);
        assert_eq!(places("中菲关系良好。"), ["中", "菲"]);
        assert!(places("他希望用水墨作画。").is_empty());
        // A province made of two such chars stays one place; a word with a char twice is no
        // pair of places.
        assert_eq!(labelled("辽宁发布通知。", "LOC"), ["辽宁"]);
        assert!(places("大、中、小学都放假。").is_empty());
    }

    #[test]
    fn an_ambiguous_one_char_country_is_a_place_in_a_pair_or_once_named_in_full() {
        let places = |t: &str| {
            labels(t)
                .into_iter()
                .filter(|(s, l)| l == "LOC" && s.chars().count() == 1)
                .map(|(s, _)| s)
                .collect::<Vec<_>>()
        };
        assert_eq!(places("中阿两国签署协议。"), ["中", "阿"]);
        assert_eq!(places("中尼关系良好。"), ["中", "尼"]);
        assert_eq!(places("罗中友好源远流长。"), ["罗", "中"]);
        // 比 of 相比 opens no word: the pair is 中美 alone.
        assert_eq!(places("相比中美关系，这不算什么。"), ["中", "美"]);
        // Not alone, and not two of them together.
        assert!(places("马先生到了。").is_empty());
        assert!(places("阿土两国").iter().all(|p| p != "阿" && p != "土"));
        // Once the text has named the country in full, the char alone stands for it.
        assert_eq!(places("尼日利亚警方说，毒品在尼注册的公司手中。"), ["尼"]);
        // Not when it names two countries that open with the char.
        assert!(places("尼日利亚和尼泊尔都说，在尼注册的公司。").is_empty());
    }

    #[test]
    fn a_known_place_is_cut_out_of_the_word_jieba_joined_it_to() {
        let locs = |t: &str| labelled(t, "LOC");
        // jieba's words 德国马克, 中国香港 and 北京市民 (ns).
        assert_eq!(locs("他们用德国马克付款。"), ["德国"]);
        assert_eq!(locs("他出生在中国香港。"), ["中国", "香港"]);
        assert_eq!(locs("北京市民都来了。"), ["北京"]);
        assert_eq!(locs("拉美地区经济增长。"), ["拉美"]);
        // A province and a place in it stay one.
        assert_eq!(locs("山西太原发布通知。"), ["山西太原"]);
    }

    #[test]
    fn a_team_is_no_longer_than_its_name() {
        let orgs = |t: &str| labelled(t, "ORG");
        assert_eq!(orgs("中国队首战瑞典队。"), ["中国队", "瑞典队"]);
        assert_eq!(orgs("上届冠军巴西队出局。"), ["巴西队"]);
        // Teams from a place are no one body.
        assert!(orgs("中国球队表现不错。").is_empty());
    }

    #[test]
    fn a_club_s_nickname_is_a_team_where_the_sentence_is_about_sport() {
        let orgs = |t: &str| labelled(t, "ORG");
        assert_eq!(orgs("雄鹿队以108比102战胜火箭队。"), ["雄鹿队", "火箭队"]);
        assert_eq!(orgs("湖人队在主场击败勇士队。"), ["湖人队", "勇士队"]);
        // A score alone tells a sentence about sport.
        assert_eq!(orgs("今天雄鹿队100-94火箭队。"), ["雄鹿队", "火箭队"]);
        assert_eq!(
            orgs("今天雄鹿队１０８比１０２火箭队。"),
            ["雄鹿队", "火箭队"]
        );
        // Kinds of team are no club, and elsewhere a noun before 队 is a crew.
        assert!(orgs("足球队的比赛很精彩。").is_empty());
        assert!(orgs("冠军队的教练很高兴。").is_empty());
        assert!(orgs("医疗队和施工队今天到达。").is_empty());
        assert!(orgs("火箭队今天到达。").is_empty());
        assert_eq!(orgs("杜兰特离开勇士队加盟雄鹿队。"), ["勇士队", "雄鹿队"]);
        // A team's name stops at a result jieba takes for a noun (上海 战胜/n 浙江队), and a
        // person's name before 球队 makes no team (阿圭罗为/nr 球队).
        assert_eq!(orgs("女队方面，上海战胜浙江队。"), ["浙江队"]);
        assert!(orgs("阿圭罗为球队扳回一城。").is_empty());
        // A nickname jieba cuts before its last char (篮/n 网队/n).
        assert_eq!(orgs("篮网队击败了尼克斯队。"), ["篮网队", "尼克斯队"]);
        // The taggers read the rules as they were: their models' attributes stay the same.
        let seg = crate::zh::segment::Segmenter::new();
        let read: Vec<String> = entities_read_by_taggers(&seg, "雄鹿队以108比102战胜火箭队。")
            .into_iter()
            .map(|s| s.label)
            .collect();
        assert!(read.is_empty(), "{read:?}");
    }

    #[test]
    fn a_preposition_jieba_glues_to_a_loan_name_is_cut_off() {
        let tok = |word, tag| Tok {
            word,
            tag,
            start: 10,
            end: 10 + word.chars().count() as u32,
        };
        let [name, p] = unglued(&tok("阿圭罗为", "nr")).expect("cut");
        assert_eq!(
            (name.word, name.tag, name.start, name.end),
            ("阿圭罗", "nr", 10, 13)
        );
        assert_eq!((p.word, p.tag, p.start, p.end), ("为", "p", 13, 14));
        let [_, c] = unglued(&tok("阿杜和", "nr")).expect("cut");
        assert_eq!(c.tag, "c");
        // A Chinese name may end with such a char (张国为), and a place is no name.
        assert!(unglued(&tok("张国为", "nr")).is_none());
        assert!(unglued(&tok("阿杜对", "ns")).is_none());
        assert!(unglued(&tok("杜对", "nr")).is_none());
        // No name with the preposition glued on is suggested (jieba: 阿杜对/nr 球队).
        let seg = crate::zh::segment::Segmenter::new();
        let text = "阿杜对球队的贡献很大。";
        let chars: Vec<char> = text.chars().collect();
        for s in entities(&seg, text) {
            let got: String = chars[s.range.start as usize..s.range.end as usize]
                .iter()
                .collect();
            assert_ne!(got, "阿杜对");
        }
    }

    #[test]
    fn propagation_finds_other_occurrences() {
        let mut known = BTreeMap::new();
        known.insert("伊犁馆".to_string(), ("ORG".to_string(), SpanKind::Entity));
        let s = propagate("江苏工会APP“伊犁馆”上线，伊犁馆展销", &known);
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].range, CharRange::new(15, 18));
    }

    #[test]
    fn one_pass_occurrences_are_those_of_one_search_per_needle() {
        let text = "哈哈哈哈，张三丰和张三说，三丰哈哈。张三丰张三";
        let needles = ["哈哈", "张三", "张三丰", "三丰", "哈哈哈", "李四"];
        let index = crate::model::Text::new(text);
        let mut want = Vec::new();
        for (k, n) in needles.iter().enumerate() {
            for (b, _) in text.match_indices(n) {
                want.push((k, index.char_at_byte(b).unwrap()));
            }
        }
        let chars: Vec<char> = text.chars().collect();
        let needles: Vec<Vec<char>> = needles.iter().map(|n| n.chars().collect()).collect();
        assert_eq!(occurrences(&chars, &needles), want);
    }
}
