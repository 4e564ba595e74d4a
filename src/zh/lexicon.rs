//! Words whose POS tag in jieba's dictionary is wrong for suggestions: well-known places
//! tagged as something else (合肥 `n`, 大连 `d`, 石家庄 `nr`, 海口 `s`, 开罗 `nz`) and
//! weather words tagged as names (多云 `nr`, 雷阵雨 `nr`, 多云转晴 `nr`). The lists were
//! written from general knowledge (China's provinces and prefecture-level cities, the
//! world's countries, capitals and large cities, continents, seas, rivers, lakes and
//! mountains), not from any test data; a word that is also a common word (日照 sunshine,
//! 来宾 guest, 白银 silver, 安康 well-being) is left out. Common words jieba tags as places
//! (城市, 上市, 美丽) were picked from jieba's own dictionary. Organisations known by a short
//! name (欧盟, 北大, 波音) get `nt`, and the rules suggest them as ORG
//! ([`is_known_organisation`]). [`corrected_tag`] gives the tag a word should have;
//! `Segmenter::tag` applies it.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// China's provinces, autonomous regions and municipalities, by their short names: a place
/// written right after one (山西, 山西省, 新疆维吾尔自治区) lies in it, and the two are one
/// place (山西和顺, 新疆维吾尔自治区伊犁哈萨克自治州).
pub const PROVINCES: [&str; 34] = [
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
];

/// China's prefecture-level cities and prefectures (and a few county-level cities and
/// districts as well known), by province, without 市/地区/州; also Taiwan's and Hong
/// Kong's large cities and areas.
const CHINESE_CITIES: &str = "
石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水
太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁
呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 锡林郭勒 阿拉善 二连浩特 满洲里
沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 葫芦岛
长春 四平 辽源 通化 松原 白城 延边 延吉
哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 绥芬河
南京 无锡 徐州 常州 苏州 南通 连云港 淮安 淮阴 盐城 扬州 镇江 泰州 宿迁 昆山 江阴 张家港
杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 义乌
合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 滁州 阜阳 宿州 六安 亳州 池州 宣城 巢湖
福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德
南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶
济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 临沂 德州 聊城 滨州 菏泽 莱芜
郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源
武汉 黄石 十堰 宜昌 襄阳 襄樊 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施 仙桃 潜江 神农架
长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西
广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 阳江 清远 东莞 潮州 揭阳 云浮
南宁 柳州 桂林 梧州 防城港 钦州 贵港 玉林 百色 贺州 河池 崇左
海口 三亚 三沙 儋州
成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 阿坝 甘孜 凉山
贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南 黔东南 黔南
昆明 曲靖 玉溪 保山 昭通 丽江 思茅 临沧 楚雄 西双版纳 大理 德宏 迪庆
拉萨 日喀则 昌都 林芝 那曲
西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 商洛
兰州 嘉峪关 金昌 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏 甘南
西宁 海东 果洛 格尔木
银川 石嘴山 吴忠 固原
乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉 博尔塔拉 巴音郭楞 阿克苏 克孜勒苏 喀什 和田 伊犁 塔城 阿勒泰 石河子
台北 高雄 台中 台南 新竹 基隆 嘉义 花莲
九龙 新界
";

/// Countries and territories, by the names Chinese news uses (some also by a short name).
const COUNTRIES: &str = "
中国 美国 英国 法国 德国 俄罗斯 日本 韩国 朝鲜 印度 巴基斯坦 孟加拉国 孟加拉 斯里兰卡 尼泊尔
不丹 马尔代夫 阿富汗 伊朗 伊拉克 叙利亚 约旦 黎巴嫩 以色列 巴勒斯坦 沙特阿拉伯 沙特 也门 阿曼
阿联酋 卡塔尔 巴林 科威特 土耳其 塞浦路斯 格鲁吉亚 亚美尼亚 阿塞拜疆 哈萨克斯坦 乌兹别克斯坦
土库曼斯坦 吉尔吉斯斯坦 吉尔吉斯 塔吉克斯坦 蒙古 越南 老挝 柬埔寨 泰国 缅甸 马来西亚 新加坡
印度尼西亚 印尼 菲律宾 文莱 东帝汶 澳大利亚 新西兰 巴布亚新几内亚 斐济 萨摩亚 汤加 瓦努阿图
基里巴斯 所罗门群岛 密克罗尼西亚 马绍尔群岛 帕劳 瑙鲁 图瓦卢 加拿大 墨西哥 古巴 牙买加 海地
多米尼加 巴哈马 危地马拉 洪都拉斯 萨尔瓦多 尼加拉瓜 哥斯达黎加 巴拿马 哥伦比亚 委内瑞拉
厄瓜多尔 秘鲁 玻利维亚 巴西 巴拉圭 乌拉圭 阿根廷 智利 圭亚那 苏里南 特立尼达和多巴哥 巴巴多斯
格林纳达 伯利兹 埃及 利比亚 突尼斯 阿尔及利亚 摩洛哥 苏丹 南苏丹 埃塞俄比亚 厄立特里亚 吉布提
索马里 肯尼亚 乌干达 坦桑尼亚 卢旺达 布隆迪 刚果 扎伊尔 安哥拉 赞比亚 津巴布韦 莫桑比克 马拉维
纳米比亚 博茨瓦纳 南非 莱索托 斯威士兰 马达加斯加 毛里求斯 塞舌尔 科摩罗 尼日利亚 尼日尔 加纳
科特迪瓦 塞内加尔 马里 几内亚 几内亚比绍 塞拉利昂 利比里亚 多哥 贝宁 布基纳法索 喀麦隆 乍得
加蓬 赤道几内亚 毛里塔尼亚 冈比亚 佛得角 爱尔兰 意大利 西班牙 葡萄牙 荷兰 比利时 卢森堡 瑞士
奥地利 瑞典 挪威 丹麦 芬兰 冰岛 波兰 捷克 斯洛伐克 匈牙利 罗马尼亚 保加利亚 希腊 阿尔巴尼亚
南斯拉夫 塞尔维亚 黑山 克罗地亚 斯洛文尼亚 波黑 马其顿 乌克兰 白俄罗斯 摩尔多瓦 立陶宛 拉脱维亚
爱沙尼亚 梵蒂冈 摩纳哥 列支敦士登 圣马力诺 安道尔 马耳他 苏联 波多黎各 格陵兰
";

/// Capitals and large cities abroad.
const WORLD_CITIES: &str = "
东京 大阪 京都 横滨 名古屋 神户 广岛 长崎 札幌 冲绳 首尔 汉城 平壤 釜山 仁川 新德里 孟买
加尔各答 班加罗尔 伊斯兰堡 卡拉奇 拉合尔 达卡 科伦坡 加德满都 喀布尔 德黑兰 巴格达 大马士革
安曼 贝鲁特 耶路撒冷 特拉维夫 加沙 利雅得 吉达 麦加 多哈 迪拜 阿布扎比 马斯喀特 萨那 麦纳麦
安卡拉 伊斯坦布尔 第比利斯 埃里温 巴库 阿斯塔纳 阿拉木图 塔什干 阿什哈巴德 比什凯克 杜尚别
乌兰巴托 河内 胡志明市 万象 金边 曼谷 仰光 吉隆坡 雅加达 马尼拉 堪培拉 悉尼 墨尔本 惠灵顿
渥太华 多伦多 温哥华 蒙特利尔 华盛顿 纽约 洛杉矶 芝加哥 旧金山 波士顿 休斯敦 西雅图 费城
亚特兰大 迈阿密 底特律 拉斯维加斯 墨西哥城 哈瓦那 巴西利亚 里约热内卢 圣保罗 布宜诺斯艾利斯
利马 波哥大 加拉加斯 基多 蒙得维的亚 开罗 的黎波里 阿尔及尔 拉巴特 卡萨布兰卡 喀土穆
亚的斯亚贝巴 内罗毕 坎帕拉 达累斯萨拉姆 基加利 金沙萨 罗安达 卢萨卡 哈拉雷 马普托 比勒陀利亚
约翰内斯堡 开普敦 阿布贾 拉各斯 阿克拉 达喀尔 伦敦 巴黎 柏林 波恩 法兰克福 慕尼黑 汉堡 罗马
米兰 威尼斯 佛罗伦萨 那不勒斯 都灵 马德里 巴塞罗那 里斯本 阿姆斯特丹 鹿特丹 海牙 布鲁塞尔
日内瓦 苏黎世 伯尔尼 洛桑 维也纳 萨尔茨堡 斯德哥尔摩 奥斯陆 哥本哈根 赫尔辛基 雷克雅未克 华沙
布拉格 布拉迪斯拉发 布达佩斯 布加勒斯特 索非亚 雅典 地拉那 贝尔格莱德 萨格勒布 卢布尔雅那
萨拉热窝 斯科普里 基辅 明斯克 基希讷乌 维尔纽斯 里加 塔林 莫斯科 圣彼得堡 都柏林 爱丁堡
曼彻斯特 利物浦 伯明翰 马赛 里昂 戛纳 莱比锡 科隆 斯图加特 汉诺威 达沃斯 蒙特卡洛
";

/// Continents, regions of the world, oceans and seas, China's large regions, rivers, lakes,
/// mountains and plateaus, regions abroad, and the planets (places, as in MSRA's and
/// OntoNotes' corpora).
const GEOGRAPHY: &str = "
亚洲 欧洲 非洲 美洲 北美洲 南美洲 拉丁美洲 拉美 大洋洲 南极洲 北极 南极 中东 东南亚 南亚 西亚
东亚 北非 西欧 东欧 北欧 南欧 太平洋 大西洋 印度洋 北冰洋 地中海 加勒比海 波斯湾 红海 黑海
里海 南海 东海 黄海 渤海 台湾海峡 长江 黄河 珠江 淮河 汉水 汉江 澜沧江 雅鲁藏布江 松花江 嫩江
辽河 海河 湘江 赣江 闽江 钱塘江 黄浦江 漓江 嘉陵江 金沙江 塔里木河 洞庭湖 鄱阳湖 太湖 洪泽湖
青海湖 滇池 泰山 华山 衡山 嵩山 峨眉山 庐山 五台山 武夷山 井冈山 昆仑山 天山 喜马拉雅山
珠穆朗玛峰 秦岭 太行山 长白山 祁连山 阿尔卑斯山 尼罗河 亚马孙河 密西西比河 多瑙河 莱茵河
伏尔加河 湄公河 恒河 三峡 青藏高原 黄土高原 云贵高原 四川盆地 塔里木盆地 华北 华东 华南 华中
英格兰 苏格兰 威尔士 北爱尔兰 北爱 西伯利亚 阿拉斯加 夏威夷 加利福尼亚 巴伐利亚 克里米亚
地球 月球 火星 金星 木星 水星 土星 太阳系 银河系
";

/// Common words jieba's dictionary tags `ns` (a place), by the tag they should have: taken
/// from its 2,300 most frequent `ns` words of two chars or more (the first 1,100 in session
/// 17, the next 1,200 in session 18), leaving out those that name a district, a gate or a
/// road (东城, 东门, 中路), those that are places too (江口, 镇海) and the names of people
/// (欧阳, 莎士比亚); and, from the rules' false places on the tuning half of the MSRA file,
/// rarer ones (莫非, 长达, 各乡镇, 四国); and 江水, 江堤, 江畔, seen as places in a news
/// file's suggestions.
const COMMON_WORDS_TAGGED_NS: [(&str, &str); 4] = [
    (
        "n",
        "
城市 东西 外国 英雄 朝廷 哥哥 海洋 湖泊 高原 山区 江湖 大街 王国 共和国 城镇 大都
阿哥 庆典 深度 治安 大国 古城 冰川 长度 山水 琉璃瓦 商城 内河 古典 阴阳 江山 高山 大海 山坡
河谷 太平 福利 日志 青春 山河 桥头堡 法西斯 河水 山洞 都城 上半场 湖水 广义 舞美 大洋 山峰
内城 石桥 中密度 山寨 西洋 契约 二哥 入口 金牙 都市 古都 诸国 重阳 重镇 千古 城堡 深山 江河
伦理 泉水 城垣 大河 大湖 大江 法典 诸州 长河 池塘 黄沙 海滨 湖区 海滩 牡丹 西瓜 贵宾 滨海
沧海 嘉宾 海港 山林 山川 北风 新村 大城 四海 台地 大门口 礼拜 深海 山羊 远洋 井口 台基 中堂
山门 深谷 朝野 台风 山岭 余脉 象牙 深水 河湾 江流 海岛 深渊 河畔 夕阳 河沟 远古 港湾 新春
台站 绵羊 冰山 旧城 古镇 江海 南郊 广度 三鲜 马克思列宁主义
美德 山野 密林 锦旗 黑洞 大伯 香水 四壁 虎口 法度 河滩 浅海 法门 大坝 山丘 湖畔 沧桑 朝霞
佛门 海沟 南瓜 小国 黑马 青山 长脚 葡萄园 旁门 山村 古堡 海鲜 太阳穴 山崖 阳极 蓝牙 河川
横梁 满嘴 恩典 龙脉 巴士 大城市 中风 列国 马脚 鞍马 牙关 湖底 上下水 墨水 城建 满意度
东南西北 半山 英里 中考 陡坡 满街 美感 长尾 满门 远山 太阴 古国 火海 吉他 文明古国 深涧
山岳 匹夫 馆藏 独木桥 虎狼 东西南北 故国 山脚 塔顶 土坡 龟甲 摩崖 胶原 城隍 四野 长跑 井水
大哥大 云海 万古 蛟龙 库藏 太古 爪牙 福地 深沟 山岩 仙丹 下坡 松脂 无人区 千里马 中立国
山梁 大牙 黑麦 黑市 老城区 山冈 大都市 伦常 拱桥 古庙 天国 万国
之遥 河里 镇里 商海 上联 下联 大中城市 南国 上古 南南合作 各乡镇 各省市 外省市 广大干部 五壮士
四国 三国 五国 五大洲 大洲 科教兴国 大江南北 一棵树
江水 江堤 江畔
",
    ),
    (
        "v",
        "
爱国 上市 建国 开国 回国 云集 中断 新建 关联 上山 下山 上台 入市 广布 渡江 治国 加盟 登山
密封 上门 沿河 卫国 入海 屯田 赞美 登极 入川 上路 归国 渡河 上岗 波及 来京 安顿 普及 长大
上马 欢庆 立国 缅怀 珍藏 上楼 越野 入阁 滑坡 串联 美化 深藏 登门 扎根 下海 加密 爱美 罗列
朝拜 保鲜 抚摩 渡海 西化 安家 复国 朝贡 铺平 株连 临街 拜寿 治本 落山 努嘴 长达 广开 入门
东渡
",
    ),
    (
        "a",
        "美丽 新鲜 神圣 安宁 喜庆 吉利 白嫩 长寿 永固 兴旺 乌黑 开朗 端庄 广博 歇斯底里 委顿 英武
喜乐 安乐 太大 洋洋",
    ),
    ("d", "莫非"),
];

/// Common words jieba's dictionary tags `nt` (an organisation) that name no one body: kinds
/// of body (人民法院, 商业银行, 公安局: after a place they still end its name), events (音乐会,
/// 交易会), fields of study (天文学, 伦理学) and others (国际化, 中西部); read from its 300
/// most frequent `nt` words, with, from the rules' false organisations on the tuning half of
/// the MSRA file, 党和政府, 太空飞行, 公共场所, 镇政府.
const COMMON_WORDS_TAGGED_NT: &str = "
国家机关 国际化 交易所 公安局 人民检察院 人民法院 军事法院 军事检察院 社会科学 联合政府
音乐会 音乐学院 军政府 中央政府 天文学 商学院 商业银行 党政军 安全局 人民共和国 中西部 中南部
联合体 卫生院 中医药 统计学 伦理学 黑社会 信息中心 超级大国 卫生局 党政机关 海洋生物 大中学校
中文系 加工厂 古典文学 施工队 交易会 党组织 联邦政府 人民军队 文理学院 高级中学
理工学院 音乐厅 美术馆 人民政府 联合会 陆战队 海军陆战队 文工团 四合院 国家森林公园 建设路 渣 暨
中人 党和政府 太空飞行 公共场所 镇政府
";

/// Organisations known well enough to go by a name jieba does not tag `nt` or the suffix
/// rule does not take (欧盟 `j`, 北大 `j`, 波音 `n`; 党中央 `nt` but too short, 中国人民解放军
/// `nt` but ending in 军): international bodies,
/// China's party and state organs (with the ministries and commissions of the 1990s and
/// 2000s), mass bodies and democratic parties, universities, news agencies and large
/// companies (with state firms known by two chars: 鞍钢, 一汽).
const ORGANISATIONS: &str = "
联合国 欧盟 北约 东盟 欧佩克 世贸组织 世界贸易组织 关贸总协定 世界银行 国际货币基金组织
世界卫生组织 世卫组织 亚太经合组织 经合组织 非统组织 非盟 阿盟 阿拉伯联盟 海合会 上合组织
独联体 欧安组织 国际奥委会 奥委会 国际足联 亚足联 欧足联 国际原子能机构 教科文组织 红十字会
安理会 联大 欧洲议会 欧委会 欧洲央行 美联储 北大西洋公约组织 华约 经互会
党中央 中共中央 中共 国务院 全国人大 全国政协 中央军委 中纪委 中组部 中宣部 解放军 人民解放军
中国人民解放军 中国人民武装警察部队
武警 省委 市委 县委 区委 地委 州委 最高人民法院 最高人民检察院 最高法 最高检
北大 清华 复旦 南开 浙大 北师大 武大 哈工大 中科大 中科院 社科院 科学院 工程院
新华社 中新社 路透社 美联社 法新社 塔斯社 俄塔社 共同社 合众国际社 央视 人民日报
微软 谷歌 英特尔 波音 空客 通用汽车 福特 丰田 本田 日产 索尼 松下 三星 诺基亚 摩托罗拉 西门子
飞利浦 雀巢 可口可乐 百事可乐 麦当劳 肯德基 沃尔玛 壳牌 埃克森 美孚 宝洁 联想 海尔 华为 长虹
首钢 宝钢 曼联 皇马 巴萨 拜仁 尤文图斯 国际米兰
外交部 国防部 教育部 科技部 财政部 公安部 国家安全部 民政部 司法部 人事部 劳动部 铁道部 交通部
农业部 林业部 水利部 文化部 卫生部 商务部 外经贸部 外贸部 建设部 电力部 化工部 冶金部 邮电部
信息产业部 国土资源部 监察部 审计署 海关总署 国家计委 国家经贸委 国家体委 国家教委 国家科委
国家民委 计生委 国家统计局 国家旅游局 国家环保局 国家税务总局 新闻出版署 广电部 国务院新闻办
中联部 统战部 中央统战部 中央书记处 团中央 共青团 全国妇联 全国总工会 全国工商联 中国科协
中国文联 中国作协 民革 民盟 民建 民进 农工党 致公党 九三学社 台盟
一汽 二汽 鞍钢 武钢 包钢 攀钢 邯钢 马钢 太钢 本钢 中石化 中石油 中海油 中远 中粮 中信 国航
东航 南航
";

/// People known well enough that jieba's dictionary has their names as frequent words, which
/// the name rules take for common words (孙权 943, 鲁迅 1507, 曹操 2410): thinkers, writers,
/// rulers and statesmen of China's history, leaders of the revolution and the state, and
/// the best known foreign names, from general knowledge. None is a common word as well
/// (孙子, 老子 and 华盛顿 are left out).
const FAMOUS_PEOPLE: &str = "
孔子 孟子 庄子 荀子 墨子 韩非子 屈原 司马迁 诸葛亮 曹操 刘备 孙权 周瑜 关羽 张飞 项羽 刘邦 秦始皇
汉武帝 唐太宗 武则天 成吉思汗 忽必烈 朱元璋 康熙 雍正 乾隆 慈禧 光绪 李白 杜甫 白居易 苏轼 王安石
司马光 李清照 辛弃疾 陆游 曹雪芹 蒲松龄 包拯 岳飞 文天祥 郑和 林则徐 李时珍 华佗 张衡 祖冲之
孙中山 毛泽东 周恩来 刘少奇 朱德 邓小平 陈云 彭德怀 贺龙 陈毅 林彪 任弼时 董必武 叶剑英 李大钊
陈独秀 瞿秋白 鲁迅 郭沫若 茅盾 巴金 老舍 冰心 雷锋 焦裕禄 孔繁森
马克思 恩格斯 列宁 斯大林 林肯 拿破仑 牛顿 爱因斯坦 达尔文 莎士比亚 贝多芬 莫扎特 甘地
";

/// Weather words (a forecast table lists them after each city): never names.
const WEATHER: &str = "
晴 多云 阴 小雨 中雨 大雨 暴雨 大暴雨 阵雨 雷阵雨 雷雨 小雪 中雪 大雪 暴雪 阵雪 雨夹雪 冻雨
小到中雨 中到大雨 大到暴雨 小到中雪 雾 浮尘 扬沙 沙尘暴
";

/// The places above, with the provinces' short names.
fn places() -> &'static HashSet<&'static str> {
    static PLACES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    PLACES.get_or_init(|| {
        [CHINESE_CITIES, COUNTRIES, WORLD_CITIES, GEOGRAPHY]
            .iter()
            .flat_map(|l| l.split_whitespace())
            .chain(PROVINCES.iter().copied())
            .collect()
    })
}

fn organisations() -> &'static HashSet<&'static str> {
    static ORGS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    ORGS.get_or_init(|| ORGANISATIONS.split_whitespace().collect())
}

/// Words of a sentence about sport (a match, a player, a result).
pub const SPORT_WORDS: &[&str] = &[
    "比赛",
    "选手",
    "棋手",
    "球员",
    "冠军",
    "亚军",
    "季军",
    "金牌",
    "银牌",
    "铜牌",
    "决赛",
    "预赛",
    "锦标赛",
    "联赛",
    "世界杯",
    "奥运",
    "亚运",
    "男单",
    "女单",
    "男双",
    "女双",
    "混双",
    "队员",
    "主场",
    "客场",
    "进球",
    "比分",
    "击败",
    "战胜",
    "负于",
    "夺冠",
    "卫冕",
    "名将",
    "小将",
    "女将",
    "教练",
    "赛季",
    "公开赛",
    "巡回赛",
    "出战",
    "晋级",
    "射门",
    "球队",
    "棋赛",
    "田径",
    "游泳",
    "体操",
    "足球",
    "篮球",
    "排球",
    "乒乓",
    "羽毛球",
    "网球",
];

/// Whether `word` is a well-known organisation in the list above.
pub fn is_known_organisation(word: &str) -> bool {
    organisations().contains(word)
}

fn famous_people() -> &'static HashSet<&'static str> {
    static PEOPLE: OnceLock<HashSet<&'static str>> = OnceLock::new();
    PEOPLE.get_or_init(|| FAMOUS_PEOPLE.split_whitespace().collect())
}

/// Whether `word` is a famous person's name in the list above.
pub fn is_famous_person(word: &str) -> bool {
    famous_people().contains(word)
}

fn weather() -> &'static HashSet<&'static str> {
    static WEATHER_WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WEATHER_WORDS.get_or_init(|| WEATHER.split_whitespace().collect())
}

/// Whether `word` is a well-known place (in the lists above, alone or with 市/省 after it).
pub fn is_known_place(word: &str) -> bool {
    let set = places();
    set.contains(word)
        || word
            .strip_suffix(['市', '省'])
            .is_some_and(|w| w.chars().count() >= 2 && set.contains(w))
}

/// Whether `word` is a weather word, or weather words joined by 转 (多云转晴, 阴转小雨).
pub fn is_weather(word: &str) -> bool {
    let set = weather();
    !word.is_empty() && word.split('转').all(|p| set.contains(p))
}

/// [`COMMON_WORDS_TAGGED_NT`] as a set.
fn common_words_tagged_nt() -> &'static HashSet<&'static str> {
    static COMMON: OnceLock<HashSet<&'static str>> = OnceLock::new();
    COMMON.get_or_init(|| COMMON_WORDS_TAGGED_NT.split_whitespace().collect())
}

/// [`COMMON_WORDS_TAGGED_NS`] as word → tag.
fn common_words_tagged_ns() -> &'static HashMap<&'static str, &'static str> {
    static COMMON: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    COMMON.get_or_init(|| {
        COMMON_WORDS_TAGGED_NS
            .iter()
            .flat_map(|(tag, words)| words.split_whitespace().map(move |w| (w, *tag)))
            .collect()
    })
}

/// Words jieba's dictionary tags as names (`nr`, `nrt`, `nz`, `j`) that name nothing, with
/// the tag they should have: verbs of amount before a number (高达 30 米, 多达 50 万,
/// 深达 100 米; 长达, tagged `ns`, is among [`COMMON_WORDS_TAGGED_NS`]), and the ends of a
/// dateline (５月２７日电, １月２５日讯), which otherwise open an organisation's name
/// (日讯新华社).
const NOT_NAMES: [(&str, &str); 5] = [
    ("高达", "v"),
    ("多达", "v"),
    ("深达", "v"),
    ("日电", "n"),
    ("日讯", "n"),
];

/// The tag `word` should have where jieba's dictionary gives `tag`: `ns` for a well-known
/// place, `nt` for a well-known organisation, `n` for a weather word or a common word tagged
/// `nt`, the word's own for a common word tagged `ns` or one of `NOT_NAMES`; `None` to keep
/// jieba's.
pub fn corrected_tag(word: &str, tag: &str) -> Option<&'static str> {
    let better = if let Some((_, t)) = NOT_NAMES.iter().find(|(w, _)| *w == word) {
        t
    } else if is_known_place(word) {
        "ns"
    } else if is_known_organisation(word) {
        "nt"
    } else if is_weather(word) {
        "n"
    } else if tag == "ns" {
        common_words_tagged_ns().get(word).copied()?
    } else if tag == "nt" && common_words_tagged_nt().contains(word) {
        "n"
    } else {
        return None;
    };
    (better != tag).then_some(better)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_jieba_mistags_are_places() {
        for w in [
            "合肥",
            "大连",
            "石家庄",
            "海口",
            "银川",
            "开罗",
            "卡拉奇",
            "合肥市",
        ] {
            assert!(is_known_place(w), "{w}");
            assert_eq!(corrected_tag(w, "n"), Some("ns"), "{w}");
        }
        assert_eq!(corrected_tag("北京", "ns"), None);
        // Common words that are also place names are left alone.
        for w in ["日照", "来宾", "白银", "安康", "市", "省", "北京人"] {
            assert!(!is_known_place(w), "{w}");
        }
    }

    #[test]
    fn weather_words_and_their_changes_are_no_names() {
        for w in ["多云", "雷阵雨", "多云转晴", "阴转小雨", "晴"] {
            assert!(is_weather(w), "{w}");
        }
        assert_eq!(corrected_tag("雷阵雨", "nr"), Some("n"));
        // Common words tagged ns get their own tag; a place keeps ns.
        assert_eq!(corrected_tag("城市", "ns"), Some("n"));
        assert_eq!(corrected_tag("江水", "ns"), Some("n"));
        assert_eq!(corrected_tag("上市", "ns"), Some("v"));
        assert_eq!(corrected_tag("美丽", "ns"), Some("a"));
        assert_eq!(corrected_tag("城市", "n"), None);
        assert_eq!(corrected_tag("东城", "ns"), None);
        assert_eq!(corrected_tag("欧盟", "j"), Some("nt"));
        // China's ministries and large state firms by their short names.
        assert_eq!(corrected_tag("教育部", "n"), Some("nt"));
        assert_eq!(corrected_tag("鞍钢", "n"), Some("nt"));
        assert_eq!(corrected_tag("民盟", "n"), Some("nt"));
        assert!(is_known_organisation("中国人民解放军"));
        // Common words tagged nt become nouns; a named body keeps nt.
        assert_eq!(corrected_tag("音乐会", "nt"), Some("n"));
        assert_eq!(corrected_tag("人民法院", "nt"), Some("n"));
        assert_eq!(corrected_tag("外交部", "nt"), None);
        // Verbs of amount and dateline ends jieba tags as names.
        assert_eq!(corrected_tag("高达", "nr"), Some("v"));
        assert_eq!(corrected_tag("日讯", "nz"), Some("n"));
        for w in ["转", "", "雷锋", "多云转", "晴朗"] {
            assert!(!is_weather(w), "{w}");
        }
    }
}
