"""A deterministic, streamed corpus of Chinese government-disclosure records for benchmarks.

Pure Python (no Django): `iter_records(n, seed=...)` yields `(object_id, payload)` one at a
time, so a million records never sit in memory. The same seed gives the same records, and the
first k records are the same whatever n is (one random stream, consumed record by record).

What a record is made of:

* sentences of the five real sample notices (gongkai/demo/samples/*.txt), with their years
  moved to the record's year;
* sentences of one primary topic (and sometimes a secondary one), drawn with unequal weights,
  so that topic words range from ~20 % of the records (家庭医生签约, 政务公开 topics) down to
  ~0.05 % (尘肺病, a named clinic): the query set gets common, medium and rare terms;
* administrative sentences full of numbers, dates, phone numbers and amounts (a realistic,
  growing vocabulary);
* a title from templates such as 关于印发{year}年{agency}{topic}工作要点的通知, a 文号 such as
  晋市卫发〔2020〕45号, an 索引号, an issuing agency among a few hundred (named by era:
  卫生局 → 卫生和计划生育委员会 → 卫生健康委员会), a year 2005–2026, a document type and a validity.

Bodies are 600–1,500 characters.
"""

from __future__ import annotations

import datetime
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "gongkai" / "demo" / "samples"
DEFAULT_SEED = 20261123
FIRST_YEAR, LAST_YEAR = 2005, 2026
LAST_DATE = datetime.date(2026, 11, 20)
_FURNITURE = (re.compile(r"^登录\s*\|\s*注册$"), re.compile(r".*>>.*政府信息公开制度$"))
_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")
_YEAR = re.compile(r"20[012]\d(?=年)")


def _names(text: str) -> list[str]:
    return text.split()


# --- agencies ------------------------------------------------------------------------------

PROVINCES = [
    ("北京市", "京"), ("天津市", "津"), ("河北省", "冀"), ("山西省", "晋"), ("内蒙古自治区", "内"),
    ("辽宁省", "辽"), ("吉林省", "吉"), ("黑龙江省", "黑"), ("上海市", "沪"), ("江苏省", "苏"),
    ("浙江省", "浙"), ("安徽省", "皖"), ("福建省", "闽"), ("江西省", "赣"), ("山东省", "鲁"),
    ("河南省", "豫"), ("湖北省", "鄂"), ("湖南省", "湘"), ("广东省", "粤"),
    ("广西壮族自治区", "桂"), ("海南省", "琼"), ("重庆市", "渝"), ("四川省", "川"),
    ("贵州省", "黔"), ("云南省", "云"), ("西藏自治区", "藏"), ("陕西省", "陕"), ("甘肃省", "甘"),
    ("青海省", "青"), ("宁夏回族自治区", "宁"), ("新疆维吾尔自治区", "新"),
]  # fmt: skip

CITIES = _names(
    "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 太原 大同 "
    "阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁 呼和浩特 包头 赤峰 沈阳 "
    "大连 鞍山 抚顺 本溪 丹东 锦州 营口 长春 吉林 四平 辽源 通化 白山 哈尔滨 "
    "齐齐哈尔 牡丹江 佳木斯 大庆 南京 无锡 徐州 常州 苏州 南通 连云港 淮安 "
    "盐城 扬州 镇江 泰州 宿迁 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 "
    "台州 丽水 合肥 芜湖 蚌埠 淮南 马鞍山 安庆 黄山 阜阳 福州 厦门 莆田 三明 "
    "泉州 漳州 南昌 景德镇 萍乡 九江 赣州 济南 青岛 淄博 枣庄 东营 烟台 潍坊 "
    "济宁 泰安 威海 日照 临沂 郑州 开封 洛阳 平顶山 安阳 新乡 焦作 南阳 武汉 "
    "黄石 十堰 宜昌 襄阳 荆州 长沙 株洲 湘潭 衡阳 岳阳 常德 广州 韶关 深圳 "
    "珠海 汕头 佛山 江门 湛江 南宁 柳州 桂林 海口 三亚 成都 自贡 攀枝花 泸州 "
    "绵阳 南充 宜宾 贵阳 遵义 昆明 曲靖 玉溪 西安 宝鸡 咸阳 渭南 延安 兰州 "
    "天水 西宁 银川 乌鲁木齐"
)

COUNTIES = _names(
    "滨海新区 武清区 宝坻区 蓟州区 正定县 迁安市 涿州市 阳城县 沁水县 高平市 "
    "陵川县 泽州县 平遥县 介休市 寿阳县 榆次区 洪洞县 梨树县 双辽市 伊通县 "
    "公主岭市 桦甸市 昆山市 江阴市 宜兴市 常熟市 张家港市 太仓市 如皋市 海门区 "
    "东台市 义乌市 永康市 东阳市 乐清市 瑞安市 慈溪市 余姚市 诸暨市 桐乡市 "
    "长兴县 安吉县 肥西县 长丰县 庐江县 无为市 晋江市 石狮市 南安市 惠安县 "
    "龙海区 福清市 长乐区 瑞金市 南康区 寿光市 诸城市 青州市 邹城市 荣成市 "
    "莱州市 龙口市 胶州市 平度市 新郑市 巩义市 荥阳市 登封市 林州市 禹州市 "
    "长葛市 宜都市 枝江市 仙桃市 浏阳市 宁乡市 醴陵市 湘乡市 韶山市 耒阳市 "
    "顺德区 南海区 增城区 从化区 博罗县 台山市 开平市 都江堰市 彭州市 简阳市 "
    "江油市 仁怀市 清镇市 安宁市 宣威市 神木市 府谷县 韩城市 敦煌市 玉门市 "
    "格尔木市 灵武市 库尔勒市 石河子市 阿勒泰市 伊宁市 金湖县 沭阳县 泗阳县 丰县 "
    "沛县 睢宁县 邳州市 新沂市 海安市 启东市 建湖县 射阳县 宝应县 高邮市"
)


@dataclass(frozen=True)
class Agency:
    code: str
    place: str
    level: str  # province, city, county, hospital, cdc
    abbr: str

    def name(self, year: int) -> str:
        """The agency's name in a year: health bureaus were renamed twice (2013, 2018)."""
        if self.level == "hospital":
            return f"{self.place}人民医院"
        if self.level == "cdc":
            return f"{self.place}疾病预防控制中心"
        if year < 2013:
            return self.place + ("卫生厅" if self.level == "province" else "卫生局")
        if year < 2018:
            suffix = "卫生和计划生育委员会" if self.level != "county" else "卫生和计划生育局"
            return self.place + suffix
        return self.place + ("卫生健康委员会" if self.level != "county" else "卫生健康局")


@cache
def agencies() -> tuple[Agency, ...]:
    """About four hundred issuing agencies: provinces, cities, counties, hospitals, CDCs."""
    found: list[Agency] = []

    def add(place: str, level: str, abbr: str) -> None:
        found.append(Agency(f"{11_000_000 + len(found) * 37:09d}", place, level, abbr))

    for place, abbr in PROVINCES:
        add(place, "province", abbr)
    for city in CITIES:
        add(f"{city}市", "city", f"{city[0]}市")
    for county in COUNTIES:
        add(county, "county", county[:2])
    for city in CITIES[::3]:
        add(f"{city}市", "hospital", f"{city[0]}医")
    for city in CITIES[1::4]:
        add(f"{city}市", "cdc", f"{city[0]}疾控")
    return tuple(found)


# --- topics --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicSpec:
    name: str  # as used in titles
    weight: float
    years: tuple[int, int]
    category: str
    doc_types: tuple[str, ...]
    sentences: tuple[str, ...]


# Placeholders: {place} {year} {n} {m} {pct} {money} {clinic} {month}
TOPICS = [
    TopicSpec("政务公开", 12, (2005, 2026), "openness", ("notice", "policy", "plan"), (
        "{year}年，全{unit}政务公开工作坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。",
        "各单位要对照公开标准目录，逐项梳理公开事项，及时更新政府信息公开指南和公开目录。",
        "全年主动公开政府信息{n}条，其中通过政府网站公开{m}条。",
        "要严格落实公开属性源头认定机制，拟制公文时明确主动公开、依申请公开或不予公开。",
        "推进基层政务公开标准化规范化，编制医疗卫生领域基层政务公开标准目录。",
    )),
    TopicSpec("家庭医生签约服务", 8, (2011, 2026), "health", ("notice", "plan", "news"), (
        "{year}年全{unit}家庭医生签约服务覆盖率达到{pct}%，重点人群签约率达到{pct2}%。",
        "家庭医生团队由全科医生、社区护士和公共卫生人员组成，为签约居民提供基本医疗和健康管理服务。",
        "签约居民在基层就诊可享受预约优先、转诊优先和长处方等便利。",
        "各乡镇卫生院和社区卫生服务中心要公开家庭医生团队名单、服务内容和签约方式。",
    )),
    TopicSpec("双随机一公开监督抽查", 5, (2015, 2026), "market_regulation",
              ("inspection", "notice"), (
        "按照双随机一公开要求，随机抽取检查对象{n}户，随机选派执法检查人员{m}名。",
        "抽查结果在{days}个工作日内通过政府网站向社会公开，接受社会监督。",
        "本次随机抽查共发现问题{m}个，已责令限期整改。",
    )),
    TopicSpec("传染病疫情防控", 5, (2005, 2026), "disease_control", ("notice", "news"), (
        "{year}年{month}月全{unit}共报告法定传染病{n}例，死亡{m}例，未发生甲类传染病疫情。",
        "各级医疗机构要严格落实传染病疫情报告制度，发现疫情后按规定时限进行网络直报。",
        "卫生健康行政部门按照法定权限和程序，及时、准确地发布传染病疫情信息。",
        "疾病预防控制机构要加强流感、手足口病等重点传染病监测和预警。",
    )),
    TopicSpec("预防接种", 4, (2005, 2026), "disease_control", ("notice", "service_guide"), (
        "全{unit}共设置预防接种门诊{n}个，国家免疫规划疫苗接种率保持在{pct}%以上。",
        "接种单位应当公示疫苗品种、免疫程序、接种方法和咨询电话。",
        "疫苗管理实行全程电子追溯，严防过期疫苗流入接种单位。",
    )),
    TopicSpec("部门预算", 4, (2010, 2026), "finance", ("budget",), (
        "{year}年部门预算收入合计{money}万元，支出合计{money2}万元。",
        "{year}年“三公”经费预算{small}万元，其中公务接待费{tiny}万元，公务用车运行维护费{tiny2}万元。",
        "三公经费支出较上年减少{pct3}%，主要原因是严格执行中央八项规定精神，压减一般性支出。",
        "部门预算和决算按规定在批复后二十日内向社会公开。",
    )),
    TopicSpec("医疗机构执业登记", 5, (2005, 2026), "health", ("licensing",), (
        "{clinic}申请医疗机构执业登记，经审查符合条件，准予登记，诊疗科目为{dept}。",
        "医疗机构执业许可证有效期为五年，校验结果向社会公示。",
        "本期共办理医疗机构设置审批{n}件、执业登记{m}件、变更登记{k}件。",
    )),
    TopicSpec("行政处罚", 4, (2005, 2026), "market_regulation", ("penalty",), (
        "{clinic}存在超范围执业等违法行为，依据《医疗机构管理条例》给予警告并罚款{small}千元。",
        "行政处罚决定信息在作出决定之日起七个工作日内公示，公示期限为三年。",
        "当事人对行政处罚决定不服的，可以在六十日内申请行政复议。",
    )),
    TopicSpec("公立医院综合改革", 4, (2010, 2026), "health", ("policy", "plan", "news"), (
        "全{unit}{n}家公立医院全部取消药品加成，医疗服务价格同步调整。",
        "深化公立医院综合改革，建立现代医院管理制度，推进分级诊疗。",
        "公立医院要公开医疗服务价格、常用药品价格和收费标准。",
    )),
    TopicSpec("基本公共卫生服务项目", 5, (2009, 2026), "health", ("notice", "plan"), (
        "{year}年人均基本公共卫生服务经费补助标准提高到{small}元。",
        "基本公共卫生服务项目包括居民健康档案管理、健康教育、老年人健康管理等内容。",
        "全{unit}居民电子健康档案建档率达到{pct}%，65岁及以上老年人健康管理率{pct2}%。",
    )),
    TopicSpec("卫生应急", 3, (2005, 2026), "disease_control", ("plan", "notice"), (
        "修订突发公共卫生事件应急预案，开展卫生应急演练{n}次。",
        "卫生应急队伍实行二十四小时值班，确保突发事件发生后两小时内到达现场。",
    )),
    TopicSpec("职业病防治", 2, (2005, 2026), "health", ("notice", "plan"), (
        "全{unit}新发职业病病例{n}例，其中尘肺病{m}例。",
        "用人单位应当依法开展职业病危害因素检测，并向劳动者公布检测结果。",
        "开展尘肺病防治攻坚行动，对接尘工龄较长的劳动者进行健康检查。",
    )),
    TopicSpec("无偿献血", 1, (2005, 2026), "health", ("news", "notice"), (
        "{year}年全{unit}无偿献血{n}人次，献血量{m}万毫升，临床用血全部来自无偿献血。",
        "表彰无偿献血奉献奖获得者{k}名，公示期为七天。",
    )),
    TopicSpec("新农合", 2.5, (2005, 2016), "social_security", ("notice", "policy"), (
        "{year}年新农合参合率达到{pct}%，人均筹资标准提高到{small}元。",
        "新型农村合作医疗住院费用报销比例提高到{pct2}%，新农合补偿情况按季度张榜公布。",
        "定点医疗机构要公示新农合报销政策和报销程序。",
    )),
    TopicSpec("院务公开", 1.5, (2005, 2026), "health", ("notice", "news"), (
        "{clinic}全面推行院务公开，在门诊大厅设置公开栏和电子显示屏。",
        "医院院务公开的内容包括医疗服务价格、药品价格、服务流程和投诉渠道。",
    )),
    TopicSpec("健康扶贫", 2, (2016, 2021), "health", ("plan", "news"), (
        "建档立卡贫困人口住院费用实际报销比例达到{pct}%，实行先诊疗后付费。",
        "健康扶贫工程实施以来，累计救治大病贫困患者{n}人。",
    )),
    TopicSpec("新冠肺炎疫情防控", 3, (2020, 2022), "disease_control", ("notice", "news"), (
        "{month}月{day}日0—24时，全{unit}新增新冠肺炎确诊病例{k}例，累计完成核酸检测{n}人次。",
        "严格落实新冠肺炎疫情防控措施，做好发热门诊和核酸检测点信息公开。",
        "疫情防控期间，每日通过官方网站和政务新媒体发布疫情信息。",
    )),
    TopicSpec("县域医共体建设", 2, (2018, 2026), "health", ("plan", "news"), (
        "全{unit}组建紧密型县域医共体{k}个，实现乡镇卫生院全覆盖。",
        "医共体内推行人员统筹、药品统一采购和医保打包支付。",
    )),
    TopicSpec("中医药", 2, (2005, 2026), "medicine", ("plan", "notice"), (
        "全{unit}{pct}%的乡镇卫生院设立中医馆，能够提供中医药适宜技术{k}项以上。",
        "传承发展中医药事业，推进中医药服务进社区、进家庭。",
    )),
    TopicSpec("计划生育奖励扶助", 2, (2005, 2019), "family_planning", ("notice", "policy"), (
        "{year}年全{unit}农村部分计划生育家庭奖励扶助对象{n}人，资金按时足额发放。",
        "计划生育奖励扶助对象名单在村务公开栏公示七天，接受群众监督。",
    )),
    TopicSpec("精神卫生", 1, (2005, 2026), "health", ("plan", "notice"), (
        "严重精神障碍患者规范管理率达到{pct}%，在册患者{n}人。",
        "开展精神卫生综合管理试点，建立心理援助热线。",
    )),
    TopicSpec("生活饮用水卫生监督", 1, (2005, 2026), "health", ("inspection",), (
        "共监测生活饮用水水样{n}份，合格率{pct}%。",
        "对集中式供水单位和二次供水设施开展饮用水卫生专项检查。",
    )),
    TopicSpec("学校卫生", 1, (2005, 2026), "health", ("inspection", "notice"), (
        "对全{unit}{n}所中小学校开展学校卫生综合监督检查，重点检查教学环境和传染病防控。",
        "学生常见病和健康影响因素监测覆盖学生{m}人。",
    )),
    TopicSpec("老年人健康管理", 2, (2009, 2026), "health", ("notice", "plan"), (
        "为65岁及以上老年人免费提供健康体检，全年体检{n}人。",
        "推进医养结合，全{unit}建成医养结合机构{k}家。",
    )),
    TopicSpec("医疗废物管理", 1, (2005, 2026), "health", ("inspection", "notice"), (
        "检查医疗机构医疗废物分类收集、暂存和转运情况，发现问题{k}处。",
        "医疗废物集中处置率达到100%，转运联单实行电子化管理。",
    )),
    TopicSpec("互联网医院", 0.5, (2019, 2026), "health", ("licensing", "news"), (
        "{clinic}互联网医院通过审批，可提供常见病、慢性病复诊和在线处方服务。",
        "互联网医院名单及其依托的实体医疗机构在政府网站公开。",
    )),
    TopicSpec("政策解读", 4, (2012, 2026), "openness", ("interpretation",), (
        "为便于社会公众准确理解政策，现就《{place}{subject}》解读如下。",
        "一、出台背景。二、主要内容。三、适用范围。四、群众关心的问题。",
        "坚持谁起草谁解读，政策文件与解读材料同步组织、同步审签、同步部署。",
    )),
    TopicSpec("政府信息公开年度报告", 2, (2009, 2026), "openness", ("annual_report",), (
        "本报告根据《中华人民共和国政府信息公开条例》要求编制，统计期限自{year}年1月1日至12月31日。",
        "全年收到政府信息公开申请{n}件，其中予以公开{m}件，部分公开{k}件。",
        "因政府信息公开被申请行政复议{k}件，被提起行政诉讼{tiny}件。",
    )),
    TopicSpec("尘肺病防治", 0.2, (2015, 2026), "health", ("plan",), (
        "摸清尘肺病患者底数，建立尘肺病患者信息库，累计救治{n}人。",
        "对煤矿、非煤矿山等重点行业开展尘肺病防治专项治理。",
    )),
]  # fmt: skip

SUBJECTS = [
    "家庭医生签约服务管理办法", "医疗机构依法执业监督管理办法", "基本公共卫生服务项目实施方案",
    "卫生健康行政处罚裁量基准", "医疗卫生领域基层政务公开标准目录", "传染病防控工作方案",
    "公立医院综合改革实施方案", "院前急救管理办法", "医疗纠纷预防和处理办法",
]  # fmt: skip
DEPARTMENTS = ["内科", "外科", "妇产科", "儿科", "口腔科", "中医科", "预防保健科", "医学检验科"]
CLINIC_WORDS = _names(
    "康宁 仁和 安康 惠民 同仁 博爱 益民 济世 福康 德仁 华康 瑞康 长青 百草 "
    "仁心 康泰 健民 永康 明德 广济 康华 众康 佳美 嘉禾 春晖 和美 盛康 泰和 "
    "宏康 杏林"
)
CLINIC_KINDS = ["诊所", "门诊部", "口腔诊所", "中医诊所", "医院", "卫生室", "医疗美容诊所"]

ADMIN_SENTENCES = [
    "{year}年{month}月{day}日，{agency}召开专题会议，研究部署{topic}工作。",
    "截至{year}年{month}月底，全{unit}共有各级各类医疗卫生机构{n}个，卫生技术人员{m}人。",
    "联系人：{person}，联系电话：0{area}-{phone}。",
    "请各单位于{year}年{month}月{day}日前将工作总结报送{agency}办公室。",
    "项目总投资{money}万元，其中中央和省级财政资金{money2}万元。",
    "全年接待群众来访{n}人次，办结率{pct}%。",
    "{agency}将适时对各地落实情况进行督查，督查结果在全{unit}范围内通报。",
]
PERSONS = _names("王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 马 朱 胡 郭 何 高 林 罗")
OPENINGS = [
    "各县（市、区）卫生健康局，委机关各处室，委属各单位：",
    "各乡镇卫生院、社区卫生服务中心：",
    "各有关单位：",
    "各设区市卫生健康委，委直属各单位：",
]
CLOSINGS = ["特此通知。", "特此公告。", "请认真贯彻执行。", "请结合实际，认真抓好落实。"]
TITLE_TEMPLATES = [
    "关于印发{year}年{agency}{topic}工作要点的通知",
    "关于开展{year}年{topic}专项检查的通知",
    "{agency}关于{topic}工作情况的通报",
    "关于印发{place}{topic}实施方案的通知",
    "{agency}{year}年{topic}工作总结",
    "关于做好{year}年{topic}工作的通知",
    "关于公布{year}年第{quarter}季度{topic}结果的公告",
    "{agency}关于进一步加强{topic}工作的意见",
    "关于{topic}有关事项的公示",
]
NUMBER_KINDS = ["发", "函", "办发", "办函", "规", "通"]
VALIDITIES_OLD = (["有效", "已修改", "已废止", "已失效"], [50, 10, 20, 20])
VALIDITIES_NEW = (["有效", "已修改", "已废止", "已失效"], [90, 4, 3, 3])
YEARS = list(range(FIRST_YEAR, LAST_YEAR + 1))
YEAR_WEIGHTS = [1 + (year - FIRST_YEAR) * 0.25 for year in YEARS]  # more records lately


def clean_lines(text: str) -> list[str]:
    """Lines of a sample without page furniture or blank lines."""
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if line and not any(pattern.match(line) for pattern in _FURNITURE):
            lines.append(line)
    return lines


@cache
def sample_sentences() -> tuple[str, ...]:
    """Every sentence (or heading) of at least six characters of the five sample notices."""
    sentences = []
    for path in sorted(SAMPLES_DIR.glob("*.txt")):
        for line in clean_lines(path.read_text(encoding="utf-8")):
            for sentence in _SENTENCE.findall(line):
                sentence = sentence.strip()
                if len(sentence) >= 6:
                    sentences.append(sentence)
    if not sentences:
        raise FileNotFoundError(f"No sample sentences under {SAMPLES_DIR}")
    return tuple(sentences)


def _cn_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class _Writer:
    """Draws one record from the shared random stream."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.sentences = sample_sentences()
        self.agencies = agencies()
        self.topic_weights = [topic.weight for topic in TOPICS]
        self.serials: dict[tuple[str, int], int] = {}

    def _topic(self, year: int) -> TopicSpec:
        while True:
            topic = self.rng.choices(TOPICS, self.topic_weights)[0]
            if topic.years[0] <= year <= topic.years[1]:
                return topic

    def _clinic(self) -> str:
        rng = self.rng
        return f"{rng.choice(CLINIC_WORDS)}{rng.choice(CLINIC_KINDS)}"

    def _fill(self, template: str, values: dict[str, Any]) -> str:
        rng = self.rng
        values = {
            **values,
            "n": rng.randint(12, 9800),
            "m": rng.randint(3, 900),
            "k": rng.randint(1, 60),
            "pct": rng.randint(60, 99),
            "pct2": rng.randint(40, 98),
            "pct3": rng.randint(1, 30),
            "money": rng.randint(500, 98000),
            "money2": rng.randint(100, 40000),
            "small": rng.randint(10, 900),
            "tiny": rng.randint(1, 30),
            "tiny2": rng.randint(1, 60),
            "days": rng.choice([5, 7, 10, 20]),
            "month": rng.randint(1, 12),
            "day": rng.randint(1, 28),
            "clinic": values["place"].removesuffix("市") + self._clinic(),
            "dept": "、".join(rng.sample(DEPARTMENTS, rng.randint(1, 3))),
            "subject": rng.choice(SUBJECTS),
            "person": rng.choice(PERSONS) + rng.choice("明华伟芳军丽强敏静磊洋艳"),
            "area": rng.randint(10, 999),
            "phone": rng.randint(1_000_000, 99_999_999),
        }
        return template.format_map(values)

    def record(self, object_id: int) -> dict[str, Any]:
        rng = self.rng
        year = rng.choices(YEARS, YEAR_WEIGHTS)[0]
        last = LAST_DATE if year == LAST_YEAR else datetime.date(year, 12, 31)
        first = datetime.date(year, 1, 1)
        published = first + datetime.timedelta(days=rng.randint(0, (last - first).days))
        agency = rng.choice(self.agencies)
        agency_name = agency.name(year)
        topic = self._topic(year)
        unit = {"province": "省", "city": "市", "county": "县", "hospital": "院"}.get(
            agency.level, "市"
        )
        values: dict[str, Any] = {
            "year": year,
            "agency": agency_name,
            "place": agency.place,
            "unit": unit,
            "topic": topic.name,
            "quarter": "一二三四"[rng.randint(0, 3)],
        }
        title = rng.choice(TITLE_TEMPLATES).format_map(values)

        # Body: opening, topic sentences, sample sentences, admin sentences, closing.
        target = rng.randint(600, 1500)
        parts = [rng.choice(OPENINGS)] if rng.random() < 0.6 else []
        topical = [self._fill(s, values) for s in topic.sentences if rng.random() < 0.7]
        if not topical:
            topical = [self._fill(rng.choice(topic.sentences), values)]
        if rng.random() < 0.3:
            second = self._topic(year)
            topical.append(self._fill(rng.choice(second.sentences), values))
        admin = [self._fill(s, values) for s in rng.sample(ADMIN_SENTENCES, rng.randint(1, 3))]
        body_sentences = [*topical, *admin]
        length = sum(map(len, parts)) + sum(map(len, body_sentences))
        while length < target:
            sentence = _YEAR.sub(str(year), rng.choice(self.sentences))
            if length >= 600 and length + len(sentence) > 1500:
                break
            body_sentences.insert(rng.randint(0, len(body_sentences)), sentence)
            length += len(sentence)
        paragraphs = []
        index = 0
        while index < len(body_sentences):
            size = rng.randint(2, 5)
            paragraphs.append("".join(body_sentences[index : index + size]))
            index += size
        parts += paragraphs
        parts += [rng.choice(CLOSINGS), agency_name, _cn_date(published)]
        body = "\n".join(parts)

        key = (agency.code, year)
        serial = self.serials.get(key, 0) + rng.randint(1, 9)
        self.serials[key] = serial
        number = f"{agency.abbr}卫{rng.choice(NUMBER_KINDS)}〔{year}〕{serial}号"
        index_number = f"{agency.code}/{year}-{serial:05d}"
        validities = VALIDITIES_OLD if year < 2015 else VALIDITIES_NEW
        validity = rng.choices(*validities)[0]
        return {
            "title": title,
            "numbers": [number, index_number],
            "summary": topical[0][:120],
            "body": body,
            "agency": agency.code,
            "agency_name": agency_name,
            "category": topic.category,
            "validity": validity,
            "doc_type": rng.choice(topic.doc_types),
            "year": year,
            "published_on": published.isoformat(),
            "url": f"/records/{object_id}/",
        }


def iter_records(n: int, seed: int = DEFAULT_SEED) -> Iterator[tuple[str, dict[str, Any]]]:
    """(object_id, payload) for records 1..n, generated lazily and deterministically."""
    writer = _Writer(random.Random(seed))
    for object_id in range(1, n + 1):
        yield str(object_id), writer.record(object_id)
