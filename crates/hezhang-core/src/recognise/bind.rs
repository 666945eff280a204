//! Binding narrative numbers to their subjects (domain guide §2.7, §4.4).
//!
//! Each sentence of the 情况说明 is cut into clauses (at ；，、：。 and at “其中”). A subject
//! lexicon, matched longest first on a normalised copy of the text (width folded, quotes and
//! spaces dropped, brackets unified), finds what each clause talks about; marker words tell what
//! a number is (a plain amount, a budget, a 决算, a change, a share, a completion rate, last
//! year's figure). Every number binds to the nearest preceding subject in its clause; clauses
//! that carry only a marker (“下降38.83%”, “支出决算4,777,056.13元”) continue the sentence's
//! subject. A number that binds to nothing is left unbound: rules count it as not applicable
//! and never guess.
//!
//! The module knows the Shanxi (`shanxi-10`) forms in full and the Shanghai template forms; the
//! lexicon is shared, with a few entries that depend on the section they occur in (收入总计 is
//! T4's in 财政拨款收支 sections and T1's elsewhere).

use crate::model::{MentionKind, Num, Report, Row, Sentence, Slot, Table};
use crate::rules::util::Term;
use crate::text;

/// What a narrative section is about, from its heading path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Overall,
    Income,
    Expenditure,
    FiscalSummary,
    GeneralBudget,
    Basic,
    GovFund,
    StateCapital,
    ThreePublic,
    RunningCost,
    Procurement,
    Assets,
    Performance,
    Other,
}

/// The kind of section a heading path designates (the deepest heading that names one; any
/// heading mentioning 绩效 makes it a performance section).
pub fn section_kind(path: &[String]) -> SectionKind {
    if path.iter().any(|h| h.contains("绩效")) {
        return SectionKind::Performance;
    }
    for (depth, h) in path.iter().enumerate().rev() {
        let k = text::key(h);
        // sub-headings such as “(一)财政拨款支出决算总体情况” refine only with specific topics
        let top = depth == 0;
        let kind = if k.contains("三公") {
            SectionKind::ThreePublic
        } else if k.contains("机关运行经费") {
            SectionKind::RunningCost
        } else if k.contains("政府采购") {
            SectionKind::Procurement
        } else if k.contains("国有资产") || k.contains("车辆") {
            SectionKind::Assets
        } else if k.contains("政府性基金") {
            SectionKind::GovFund
        } else if k.contains("国有资本经营") {
            SectionKind::StateCapital
        } else if top && k.contains("基本支出") {
            SectionKind::Basic
        } else if top && k.contains("一般公共预算") {
            SectionKind::GeneralBudget
        } else if top && k.contains("财政拨款收") {
            SectionKind::FiscalSummary
        } else if top && (k.contains("收入支出决算总体") || k.contains("收支决算总体"))
        {
            SectionKind::Overall
        } else if top && k.contains("收入决算") {
            SectionKind::Income
        } else if top && k.contains("支出决算") {
            SectionKind::Expenditure
        } else {
            continue;
        };
        return kind;
    }
    SectionKind::Other
}

/// What a narrative number talks about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subj {
    /// 收入总计 (T1 r31).
    IncomeGrand,
    /// 支出总计 (T1 r62).
    ExpGrand,
    /// 收入支出总计 (T1 r31 = r62).
    BothGrand,
    /// 财政拨款收入总计 (T4 r32).
    FiscalIncomeGrand,
    /// 财政拨款支出总计 (T4 r64).
    FiscalExpGrand,
    /// 财政拨款收入支出总计 (T4 r32).
    FiscalBothGrand,
    /// 本年收入合计 (T1 r27 = T2 合计).
    IncomeTotal,
    /// An income line of T1 by row role (一般公共预算财政拨款收入 …).
    IncomeLine(&'static str),
    /// A T2 合计 column (财政拨款收入, 事业收入, …).
    IncomeCol(&'static str),
    /// 本年支出合计 (T1 r58 = T3 合计).
    ExpTotal,
    /// A T3 合计 column (基本支出, 项目支出, …).
    ExpCol(&'static str),
    /// A T5 合计 column: `total`, `basic`, `project`.
    Gb(&'static str),
    /// A T5 row by code (类/款/项 named in the text), with the name as printed.
    GbRow(String, String),
    /// A 类/款/项 named in the text that T5 does not list.
    Unresolved(String),
    /// 人员经费 (T6 footer).
    Personnel,
    /// 公用经费 / 日常公用经费 (T6 footer).
    Public,
    /// A T6 economic class (301, 302, 303).
    Econ(&'static str),
    /// A 三公 item: `total`, `abroad`, `vehicle`, `vehicle_purchase`, `vehicle_running`,
    /// `reception`.
    Tp(&'static str),
    /// 机关运行经费 (T10 r5 + r6).
    RunningCost,
    /// A T10 procurement row: `proc_total`, `proc_goods`, `proc_works`, `proc_services`.
    Proc(&'static str),
    /// 授予中小企业合同金额.
    Sme,
    /// 授予小微企业合同金额.
    SmallMicro,
    /// 车辆数 (T10 r7).
    Vehicles,
    /// A vehicle category by its printed name.
    VehCategory(String),
    /// 单价100万元以上设备 (T10 r17).
    Equipment,
    /// 三公 公务用车保有量.
    VehHeld,
    /// A T8 合计 column (`income`, `total`).
    GovFund(&'static str),
    /// T9 合计 支出.
    StateCapital,
}

impl Subj {
    /// A short name for messages (zh, en).
    pub fn name(&self) -> (String, String) {
        let s = |z: &str, e: &str| (z.to_string(), e.to_string());
        match self {
            Subj::IncomeGrand => s("收入总计", "total income"),
            Subj::ExpGrand => s("支出总计", "total expenditure"),
            Subj::BothGrand => s("收入支出总计", "income and expenditure total"),
            Subj::FiscalIncomeGrand => s("财政拨款收入总计", "total fiscal appropriations income"),
            Subj::FiscalExpGrand => s(
                "财政拨款支出总计",
                "total fiscal appropriations expenditure",
            ),
            Subj::FiscalBothGrand => s(
                "财政拨款收入支出总计",
                "fiscal appropriations income and expenditure total",
            ),
            Subj::IncomeTotal => s("本年收入合计", "income of the year"),
            Subj::IncomeLine(r) => match *r {
                "inc_general" => s(
                    "一般公共预算财政拨款收入",
                    "general-budget appropriations income",
                ),
                "inc_gov_fund" => s(
                    "政府性基金预算财政拨款收入",
                    "government-fund appropriations income",
                ),
                _ => s(
                    "国有资本经营预算财政拨款收入",
                    "state-capital appropriations income",
                ),
            },
            Subj::IncomeCol(c) => match *c {
                "fiscal" => s("财政拨款收入", "fiscal appropriations income"),
                "superior" => s("上级补助收入", "subsidies from the superior unit"),
                "business" => s("事业收入", "service income"),
                "operating" => s("经营收入", "operating income"),
                "affiliated" => s("附属单位上缴收入", "income from affiliated units"),
                _ => s("其他收入", "other income"),
            },
            Subj::ExpTotal => s("本年支出合计", "expenditure of the year"),
            Subj::ExpCol(c) => match *c {
                "basic" => s("基本支出", "basic expenditure"),
                "project" => s("项目支出", "project expenditure"),
                "to_superior" => s("上缴上级支出", "payments to the superior unit"),
                "operating" => s("经营支出", "operating expenditure"),
                _ => s("对附属单位补助支出", "subsidies to affiliated units"),
            },
            Subj::Gb(c) => match *c {
                "basic" => s(
                    "一般公共预算财政拨款基本支出",
                    "general-budget basic expenditure",
                ),
                "project" => s(
                    "一般公共预算财政拨款项目支出",
                    "general-budget project expenditure",
                ),
                _ => s("一般公共预算财政拨款支出", "general-budget expenditure"),
            },
            Subj::GbRow(c, n) => (n.clone(), format!("{n} ({c})")),
            Subj::Unresolved(n) => (n.clone(), n.clone()),
            Subj::Personnel => s("人员经费", "personnel costs"),
            Subj::Public => s("公用经费", "public costs"),
            Subj::Econ(c) => match *c {
                "301" => s("工资福利支出", "wages and benefits"),
                "302" => s("商品和服务支出", "goods and services"),
                _ => s(
                    "对个人和家庭的补助",
                    "transfers to individuals and families",
                ),
            },
            Subj::Tp(i) => match *i {
                "total" => s("“三公”经费", "“three public” expenses"),
                "abroad" => s("因公出国（境）费", "official travel abroad"),
                "vehicle" => s("公务用车购置及运行维护费", "official vehicles"),
                "vehicle_purchase" => s("公务用车购置费", "official vehicle purchase"),
                "vehicle_running" => s("公务用车运行维护费", "official vehicle running costs"),
                _ => s("公务接待费", "official reception"),
            },
            Subj::RunningCost => s("机关运行经费", "running costs of the organs"),
            Subj::Proc(r) => match *r {
                "proc_total" => s("政府采购总额", "total procurement"),
                "proc_goods" => s("货物采购", "goods procurement"),
                "proc_works" => s("工程采购", "works procurement"),
                _ => s("服务采购", "services procurement"),
            },
            Subj::Sme => s("授予中小企业合同金额", "contracts awarded to SMEs"),
            Subj::SmallMicro => s(
                "授予小微企业合同金额",
                "contracts awarded to small and micro firms",
            ),
            Subj::Vehicles => s("车辆数", "number of vehicles"),
            Subj::VehCategory(n) => (n.clone(), n.clone()),
            Subj::Equipment => s("单价100万元以上设备", "equipment over 1m yuan"),
            Subj::VehHeld => s("公务用车保有量", "official vehicles held"),
            Subj::GovFund(c) => match *c {
                "income" => s(
                    "政府性基金预算财政拨款收入",
                    "government-fund appropriations income",
                ),
                _ => s(
                    "政府性基金预算财政拨款支出",
                    "government-fund appropriations expenditure",
                ),
            },
            Subj::StateCapital => s(
                "国有资本经营预算财政拨款支出",
                "state-capital appropriations expenditure",
            ),
        }
    }

    /// Subjects whose numbers belong to another rule family (procurement SME shares,
    /// vehicles): the narrative amount rule leaves them alone.
    pub fn owned_elsewhere(&self) -> bool {
        matches!(
            self,
            Subj::Sme
                | Subj::SmallMicro
                | Subj::Vehicles
                | Subj::VehCategory(_)
                | Subj::Equipment
                | Subj::VehHeld
        )
    }
}

/// Which budget a figure or a rate refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetKind {
    /// 年初预算.
    Initial,
    /// 全年预算 (adjusted).
    Full,
    /// 预算 without qualifier.
    Plain,
}

/// Direction of a stated change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Up,
    Down,
}

/// What a number is, from the marker words before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumRole {
    /// A plain amount (this year's figure).
    Level,
    /// 决算 / 执行数.
    Final,
    /// 预算.
    Budget(BudgetKind),
    /// Last year's figure.
    Prior,
    /// 增加/减少 an amount.
    Change(Dir),
    /// 增长/下降 a percentage.
    ChangeRate(Dir),
    /// 占 / 占比 a percentage.
    Share,
    /// 完成…预算的 / 执行率.
    Rate(BudgetKind),
    /// A count (辆, 个, 批次…).
    Count,
    /// A number no marker explains.
    Unknown,
}

impl NumRole {
    /// A figure of this year (plain or 决算).
    pub fn is_level(self) -> bool {
        matches!(self, NumRole::Level | NumRole::Final)
    }
}

/// The denominator a share names (“占本年支出合计的”).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denom {
    Subj(Subj),
    /// Named, but not resolvable to one figure (text as printed).
    Ambiguous(String),
}

/// One narrative number with what it binds to.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// Index of the sentence in `report.narrative`.
    pub s: usize,
    /// Index of the mention in the sentence.
    pub m: usize,
    pub subject: Option<Subj>,
    pub role: NumRole,
    /// For shares: the denominator the text names.
    pub denom: Option<Denom>,
    /// The 其中 list parent (index into [`Bindings::items`]), a plain or 决算 amount.
    pub parent: Option<usize>,
    /// The clause the number stands in.
    pub clause: usize,
    /// Whether the number stands after a 其中 in its sentence.
    pub in_list: bool,
    /// The section kind.
    pub section: SectionKind,
}

/// A 持平 / 与上年相同 statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Flat {
    pub s: usize,
    pub clause: usize,
    pub subject: Option<Subj>,
    /// Byte span in the sentence.
    pub span: (usize, usize),
    /// 基本持平 (roughly flat).
    pub roughly: bool,
    pub in_list: bool,
}

/// All bindings of a report's narrative.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bindings {
    pub items: Vec<Binding>,
    pub flats: Vec<Flat>,
}

impl Bindings {
    /// Bindings of one sentence.
    pub fn of_sentence(&self, s: usize) -> impl Iterator<Item = (usize, &Binding)> + '_ {
        self.items.iter().enumerate().filter(move |(_, b)| b.s == s)
    }
}

// ---------------------------------------------------------------------------------------------
// Normalised text

/// A normalised copy of a sentence: chars with the byte offset of each in the original.
struct Norm {
    c: Vec<char>,
    off: Vec<usize>,
    len: usize,
}

impl Norm {
    fn new(s: &str) -> Norm {
        let mut c = Vec::new();
        let mut off = Vec::new();
        for (i, ch) in s.char_indices() {
            let f = match ch {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
                _ => ch,
            };
            if f.is_whitespace() || matches!(f, '“' | '”' | '"' | '「' | '」' | '‘' | '’' | '\'')
            {
                continue;
            }
            c.push(f);
            off.push(i);
        }
        Norm {
            c,
            off,
            len: s.len(),
        }
    }
    /// The char index at or after byte offset `b`.
    fn at_byte(&self, b: usize) -> usize {
        self.off.partition_point(|&o| o < b)
    }
    fn byte(&self, i: usize) -> usize {
        self.off.get(i).copied().unwrap_or(self.len)
    }
    fn starts(&self, i: usize, p: &str) -> bool {
        // most candidates fail on the first character: test it before walking the pattern
        let Some(&first) = self.c.get(i) else {
            return p.is_empty();
        };
        let mut pc = p.chars();
        match pc.next() {
            None => return true,
            Some(c) if c != first => return false,
            Some(_) => {}
        }
        pc.enumerate()
            .all(|(j, ch)| self.c.get(i + 1 + j) == Some(&ch))
    }
    fn slice(&self, a: usize, b: usize) -> String {
        self.c[a.min(self.c.len())..b.min(self.c.len())]
            .iter()
            .collect()
    }
    fn find(&self, p: &str, from: usize) -> Option<usize> {
        (from..self.c.len()).find(|&i| self.starts(i, p))
    }
}

// ---------------------------------------------------------------------------------------------
// Lexicon

#[derive(Clone, Copy)]
enum When {
    Always,
    In(&'static [SectionKind]),
    NotIn(&'static [SectionKind]),
}

use SectionKind as K;

const GB_SECTIONS: &[SectionKind] = &[K::GeneralBudget, K::Basic];

/// (pattern, subject, condition). Longest match wins at each position; for the same pattern
/// the first entry whose condition holds wins.
fn static_lexicon() -> Vec<(&'static str, Subj, When)> {
    use Subj::*;
    let a = When::Always;
    let mut v = vec![
        ("一般公共预算财政拨款基本支出", Gb("basic"), a),
        ("一般公共预算财政拨款项目支出", Gb("project"), a),
        ("一般公共预算财政拨款支出", Gb("total"), a),
        (
            "一般公共预算财政拨款收入",
            IncomeLine("inc_general"),
            When::NotIn(GB_SECTIONS),
        ),
        (
            "政府性基金预算财政拨款收入",
            GovFund("income"),
            When::In(&[K::GovFund]),
        ),
        ("政府性基金预算财政拨款收入", IncomeLine("inc_gov_fund"), a),
        ("政府性基金预算财政拨款支出", GovFund("total"), a),
        (
            "国有资本经营预算财政拨款收入",
            IncomeLine("inc_state_capital"),
            a,
        ),
        ("国有资本经营预算财政拨款支出", StateCapital, a),
        ("财政拨款收入支出总计", FiscalBothGrand, a),
        ("财政拨款收支总计", FiscalBothGrand, a),
        ("收入支出总计", BothGrand, When::NotIn(&[K::FiscalSummary])),
        ("收入支出总计", FiscalBothGrand, a),
        ("收支总计", BothGrand, When::NotIn(&[K::FiscalSummary])),
        ("财政拨款收入总计", FiscalIncomeGrand, a),
        ("财政拨款支出总计", FiscalExpGrand, a),
        ("收入总计", FiscalIncomeGrand, When::In(&[K::FiscalSummary])),
        ("收入总计", IncomeGrand, a),
        ("支出总计", FiscalExpGrand, When::In(&[K::FiscalSummary])),
        ("支出总计", ExpGrand, a),
        ("本年收入合计", IncomeTotal, a),
        ("收入合计", IncomeTotal, a),
        ("本年支出合计", ExpTotal, a),
        ("支出合计", ExpTotal, a),
        ("财政拨款基本支出", Gb("basic"), a),
        ("财政拨款项目支出", Gb("project"), a),
        ("财政拨款决算支出", Gb("total"), a),
        (
            "财政拨款支出",
            Gb("total"),
            When::NotIn(&[K::FiscalSummary, K::ThreePublic]),
        ),
        (
            "财政拨款收入",
            IncomeCol("fiscal"),
            When::NotIn(&[K::FiscalSummary]),
        ),
        ("上级补助收入", IncomeCol("superior"), a),
        ("事业收入", IncomeCol("business"), a),
        ("经营收入", IncomeCol("operating"), a),
        ("附属单位上缴收入", IncomeCol("affiliated"), a),
        ("其他收入", IncomeCol("other"), a),
        ("基本支出", Gb("basic"), When::In(GB_SECTIONS)),
        (
            "基本支出",
            ExpCol("basic"),
            When::In(&[K::Expenditure, K::Overall]),
        ),
        ("项目支出", Gb("project"), When::In(GB_SECTIONS)),
        (
            "项目支出",
            ExpCol("project"),
            When::In(&[K::Expenditure, K::Overall]),
        ),
        ("上缴上级支出", ExpCol("to_superior"), a),
        ("经营支出", ExpCol("operating"), a),
        ("对附属单位补助支出", ExpCol("to_affiliated"), a),
        (
            "人员经费",
            Personnel,
            When::NotIn(&[K::ThreePublic, K::RunningCost]),
        ),
        ("日常公用经费", Public, When::NotIn(&[K::RunningCost])),
        ("公用经费", Public, When::NotIn(&[K::RunningCost])),
        ("工资福利支出", Econ("301"), a),
        ("商品和服务支出", Econ("302"), a),
        ("对个人和家庭的补助", Econ("303"), a),
        ("三公经费财政拨款支出", Tp("total"), a),
        ("三公经费支出", Tp("total"), a),
        ("三公经费", Tp("total"), a),
        ("因公出国(境)费用", Tp("abroad"), a),
        ("因公出国(境)费", Tp("abroad"), a),
        ("因公出国境费", Tp("abroad"), a),
        ("因公出国(境)", Tp("abroad"), a),
        ("公务用车购置及运行维护费", Tp("vehicle"), a),
        ("公务用车购置及运行费", Tp("vehicle"), a),
        ("公务用车购置费", Tp("vehicle_purchase"), a),
        ("公务用车购置支出", Tp("vehicle_purchase"), a),
        ("公务用车运行维护费", Tp("vehicle_running"), a),
        ("公务用车运行维护支出", Tp("vehicle_running"), a),
        ("公务用车运行费", Tp("vehicle_running"), a),
        ("公务接待费", Tp("reception"), a),
        ("公务用车保有量", VehHeld, a),
        ("保有量", VehHeld, a),
        ("机关运行经费", RunningCost, a),
        ("政府采购支出总额", Proc("proc_total"), a),
        ("政府采购总额", Proc("proc_total"), a),
        ("政府采购金额", Proc("proc_total"), a),
        ("政府采购支出", Proc("proc_total"), a),
        ("采购总额", Proc("proc_total"), When::In(&[K::Procurement])),
        ("货物", Proc("proc_goods"), When::In(&[K::Procurement])),
        ("工程", Proc("proc_works"), When::In(&[K::Procurement])),
        ("服务", Proc("proc_services"), When::In(&[K::Procurement])),
        ("中小企业", Sme, When::In(&[K::Procurement])),
        ("小微企业", SmallMicro, When::In(&[K::Procurement])),
        ("共有车辆", Vehicles, a),
        ("车辆", Vehicles, When::In(&[K::Assets])),
        ("以上设备(不含车辆)", Equipment, a),
        ("以上设备", Equipment, a),
    ];
    // longest first; a stable sort keeps the order of entries of equal length
    v.sort_by_key(|e| std::cmp::Reverse(e.0.chars().count()));
    v
}

fn when_holds(w: When, k: SectionKind) -> bool {
    match w {
        When::Always => true,
        When::In(ks) => ks.contains(&k),
        When::NotIn(ks) => !ks.contains(&k),
    }
}

/// A subject found in a sentence: char range and subject.
#[derive(Debug, Clone)]
struct Hit {
    a: usize,
    b: usize,
    subj: Subj,
}

struct Lex {
    stat: Vec<(&'static str, Subj, When)>,
    /// T5 rows by normalised label: (key, code).
    t5: Vec<(String, String)>,
    /// T10 vehicle categories by normalised label.
    veh: Vec<String>,
    entity: Option<String>,
}

fn norm_key(s: &str) -> String {
    Norm::new(s).c.into_iter().collect()
}

impl Lex {
    fn new(r: &Report) -> Self {
        let t5 = r
            .table(Slot::T5)
            .map(|t| {
                t.rows
                    .iter()
                    .filter_map(|row| row.code.as_ref().map(|c| (norm_key(&row.label), c.clone())))
                    .collect()
            })
            .unwrap_or_default();
        let veh = r
            .table(Slot::T10)
            .map(|t| {
                t.rows_by_role("veh_category")
                    .map(|row| norm_key(text::strip_ordinal(&row.label)))
                    .collect()
            })
            .unwrap_or_default();
        Lex {
            stat: static_lexicon(),
            t5,
            veh,
            entity: r.meta.entity.as_ref().map(|e| norm_key(e)),
        }
    }

    /// All subjects of a normalised sentence, left to right, non-overlapping.
    fn hits(&self, n: &Norm, sec: SectionKind) -> Vec<Hit> {
        let mut out = Vec::new();
        let mut masked = vec![false; n.c.len()];
        if let Some(e) = &self.entity {
            if e.chars().count() >= 2 {
                let mut from = 0;
                while let Some(p) = n.find(e, from) {
                    let l = e.chars().count();
                    for m in masked.iter_mut().skip(p).take(l) {
                        *m = true;
                    }
                    from = p + l;
                }
            }
        }
        // 类/款/项 named with their level in brackets
        let codes = self.code_hits(n);
        let mut i = 0;
        while i < n.c.len() {
            if masked[i] {
                i += 1;
                continue;
            }
            if let Some(h) = codes.iter().find(|h| h.a == i) {
                i = h.b;
                out.push(h.clone());
                continue;
            }
            if sec == K::Assets {
                if let Some(h) = self.vehicle_hit(n, i) {
                    i = h.b;
                    out.push(h);
                    continue;
                }
            }
            let mut found = None;
            for (p, subj, w) in &self.stat {
                if when_holds(*w, sec) && n.starts(i, p) {
                    found = Some((p.chars().count(), subj.clone()));
                    break;
                }
            }
            match found {
                Some((l, subj)) => {
                    out.push(Hit {
                        a: i,
                        b: i + l,
                        subj,
                    });
                    i += l;
                }
                None => i += 1,
            }
        }
        out
    }

    /// `名称(类)[名称(款)[名称(项)]]`: found backward from each `(类)`, the 类 name being the
    /// longest T5 类 label the text before it ends with.
    fn code_hits(&self, n: &Norm) -> Vec<Hit> {
        let delim = |c: char| "，、；：。,;:".contains(c) || c.is_ascii_digit();
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(e) = n.find("(类)", from) {
            let text_before = n.slice(0, e);
            let cat = self
                .t5
                .iter()
                .filter(|(l, c)| c.len() == 3 && !l.is_empty() && text_before.ends_with(l.as_str()))
                .max_by_key(|(l, _)| l.len())
                .map(|(l, c)| (l.chars().count(), c.clone()));
            let (a, mut code) = match cat {
                Some((len, c)) => (e - len, Some(c)),
                None => (
                    (0..e).rev().find(|&k| delim(n.c[k])).map_or(0, |k| k + 1),
                    None,
                ),
            };
            let mut printed = format!("{}（类）", n.slice(a, e));
            let mut b = e + 3;
            let mut unresolved = code.is_none();
            for (lvl, len, zh) in [("(款)", 5usize, "（款）"), ("(项)", 7usize, "（项）")] {
                let Some(k) =
                    (b..n.c.len().min(b + 40)).find(|&k| delim(n.c[k]) || n.starts(k, lvl))
                else {
                    break;
                };
                if !n.starts(k, lvl) {
                    break;
                }
                let name = n.slice(b, k);
                printed.push_str(&name);
                printed.push_str(zh);
                b = k + 3;
                if let Some(c0) = &code {
                    match self
                        .t5
                        .iter()
                        .find(|(l, c)| c.len() == len && c.starts_with(c0.as_str()) && *l == name)
                    {
                        Some((_, c)) => code = Some(c.clone()),
                        None => unresolved = true,
                    }
                }
            }
            let subj = if unresolved {
                Some(Subj::Unresolved(printed.clone()))
            } else {
                None
            };
            let code = code.unwrap_or_default();
            from = b;
            out.push(Hit {
                a,
                b,
                subj: subj.unwrap_or(Subj::GbRow(code, printed)),
            });
        }
        out
    }

    fn vehicle_hit(&self, n: &Norm, i: usize) -> Option<Hit> {
        // a T10 category label, or any name ending in 用车 right after a delimiter
        for l in &self.veh {
            if !l.is_empty() && n.starts(i, l) {
                let len = l.chars().count();
                return Some(Hit {
                    a: i,
                    b: i + len,
                    subj: Subj::VehCategory(l.clone()),
                });
            }
        }
        let boundary =
            i == 0 || "，、；：。,;:".contains(n.c[i - 1]) || n.c[i - 1].is_ascii_digit();
        if !boundary {
            return None;
        }
        let end = (i..n.c.len().min(i + 20))
            .find(|&k| "，、；：。,;:".contains(n.c[k]) || n.c[k].is_ascii_digit())?;
        let name = n.slice(i, end);
        if name.ends_with("用车") && !name.contains("保有") && !name.contains("购置") {
            let name = name.strip_prefix("其中").unwrap_or(&name).to_string();
            return Some(Hit {
                a: end - name.chars().count(),
                b: end,
                subj: Subj::VehCategory(name),
            });
        }
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Markers

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Role(NumRole),
    /// 占 (share; its denominator may follow up to 的).
    Share,
    Flat {
        roughly: bool,
    },
}

const MARKERS: &[(&str, Mark)] = &[
    (
        "完成调整后预算的",
        Mark::Role(NumRole::Rate(BudgetKind::Full)),
    ),
    (
        "完成年初预算的",
        Mark::Role(NumRole::Rate(BudgetKind::Initial)),
    ),
    (
        "完成全年预算的",
        Mark::Role(NumRole::Rate(BudgetKind::Full)),
    ),
    ("完成预算的", Mark::Role(NumRole::Rate(BudgetKind::Plain))),
    ("预算执行率", Mark::Role(NumRole::Rate(BudgetKind::Plain))),
    ("执行率", Mark::Role(NumRole::Rate(BudgetKind::Plain))),
    ("与上年度相同", Mark::Flat { roughly: false }),
    ("与上年相同", Mark::Flat { roughly: false }),
    ("与上年度持平", Mark::Flat { roughly: false }),
    ("与上年持平", Mark::Flat { roughly: false }),
    ("基本持平", Mark::Flat { roughly: true }),
    ("持平", Mark::Flat { roughly: false }),
    ("无变化", Mark::Flat { roughly: false }),
    ("没有变化", Mark::Flat { roughly: false }),
    ("占比", Mark::Share),
    ("占", Mark::Share),
    ("年初预算", Mark::Role(NumRole::Budget(BudgetKind::Initial))),
    ("全年预算", Mark::Role(NumRole::Budget(BudgetKind::Full))),
    ("调整后预算", Mark::Role(NumRole::Budget(BudgetKind::Full))),
    ("预算", Mark::Role(NumRole::Budget(BudgetKind::Plain))),
    ("决算", Mark::Role(NumRole::Final)),
    ("执行数", Mark::Role(NumRole::Final)),
    ("执行资金", Mark::Role(NumRole::Final)),
    // “由 X 减少到 Y”: Y is the new figure
    ("增加到", Mark::Role(NumRole::Level)),
    ("增长到", Mark::Role(NumRole::Level)),
    ("上升到", Mark::Role(NumRole::Level)),
    ("减少到", Mark::Role(NumRole::Level)),
    ("下降到", Mark::Role(NumRole::Level)),
    ("增加至", Mark::Role(NumRole::Level)),
    ("减少至", Mark::Role(NumRole::Level)),
    ("增至", Mark::Role(NumRole::Level)),
    ("降至", Mark::Role(NumRole::Level)),
    ("减至", Mark::Role(NumRole::Level)),
    ("增加", Mark::Role(NumRole::Change(Dir::Up))),
    ("增长", Mark::Role(NumRole::Change(Dir::Up))),
    ("上升", Mark::Role(NumRole::Change(Dir::Up))),
    ("提高", Mark::Role(NumRole::Change(Dir::Up))),
    ("增幅", Mark::Role(NumRole::Change(Dir::Up))),
    ("减少", Mark::Role(NumRole::Change(Dir::Down))),
    ("下降", Mark::Role(NumRole::Change(Dir::Down))),
    ("降低", Mark::Role(NumRole::Change(Dir::Down))),
    ("降幅", Mark::Role(NumRole::Change(Dir::Down))),
    ("上年度", Mark::Role(NumRole::Prior)),
    ("上年", Mark::Role(NumRole::Prior)),
    ("上一年", Mark::Role(NumRole::Prior)),
];

#[derive(Debug, Clone, Copy)]
struct MarkHit {
    a: usize,
    b: usize,
    mark: Mark,
}

fn markers(n: &Norm, prior_year: Option<i32>) -> Vec<MarkHit> {
    let mut out = Vec::new();
    let py = prior_year.map(|y| format!("{y}年"));
    let mut i = 0;
    while i < n.c.len() {
        if let Some(py) = &py {
            if n.starts(i, py) && (i == 0 || !n.c[i - 1].is_ascii_digit()) {
                // “与2021年相比” and “比2021年” name last year
                let l = py.chars().count();
                let l = if n.starts(i + l, "度") { l + 1 } else { l };
                out.push(MarkHit {
                    a: i,
                    b: i + l,
                    mark: Mark::Role(NumRole::Prior),
                });
                i += l;
                continue;
            }
        }
        let mut hit = None;
        for (p, m) in MARKERS {
            if n.starts(i, p) {
                hit = Some((p.chars().count(), *m));
                break;
            }
        }
        match hit {
            Some((l, m)) => {
                out.push(MarkHit {
                    a: i,
                    b: i + l,
                    mark: m,
                });
                i += l;
            }
            None => i += 1,
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Binding

/// Clause boundaries (char indices where a clause starts) of a normalised sentence.
fn clause_starts(n: &Norm) -> Vec<usize> {
    let mut v = vec![0];
    for (i, c) in n.c.iter().enumerate() {
        // an ASCII comma between digits is a thousands separator, not a clause break
        let in_number = matches!(c, ',' | '.')
            && i > 0
            && n.c[i - 1].is_ascii_digit()
            && n.c.get(i + 1).is_some_and(|d| d.is_ascii_digit());
        if "，、；：。,;:".contains(*c) && !in_number {
            v.push(i + 1);
        } else if n.starts(i, "其中") {
            v.push(i);
        }
    }
    v.dedup();
    v
}

fn clause_of(starts: &[usize], i: usize) -> usize {
    starts.partition_point(|&s| s <= i).saturating_sub(1)
}

/// List openers: 其中, 主要用于以下方面, 主要包括.
fn list_openers(n: &Norm) -> Vec<usize> {
    let mut v = Vec::new();
    for p in ["其中", "主要用于以下方面", "主要包括"] {
        let mut from = 0;
        while let Some(i) = n.find(p, from) {
            v.push(i);
            from = i + 1;
        }
    }
    v.sort_unstable();
    v
}

/// The narrative's bindings: computed once at recognition and kept in the report.
pub fn bind(r: &Report) -> std::borrow::Cow<'_, Bindings> {
    match &r.bindings {
        Some(b) => std::borrow::Cow::Borrowed(b),
        None => std::borrow::Cow::Owned(compute(r)),
    }
}

/// Bind every number of the narrative.
pub fn compute(r: &Report) -> Bindings {
    let lex = Lex::new(r);
    let prior_year = r.meta.year.map(|y| y - 1);
    let mut out = Bindings::default();
    // the subject of the previous sentence in the same section (for sentences that elide it)
    let mut prev_subject: Option<(Vec<String>, Subj)> = None;
    // last plain amount of the section (其中 at a sentence start lists its parts)
    let mut last_level: Option<(Vec<String>, usize)> = None;
    // a 类/款/项 named at the start of a recent sentence (“1、…（类）…（项）。”): the subject of
    // the 年初预算/支出决算 sentence that follows it
    let mut code_heading: Option<(Vec<String>, usize, Subj)> = None;
    for (si, s) in r.narrative.iter().enumerate() {
        let sec = section_kind(&s.section);
        let n = Norm::new(&s.text);
        let hits = lex.hits(&n, sec);
        let marks = markers(&n, prior_year);
        let starts = clause_starts(&n);
        let openers = list_openers(&n);
        if prev_subject.as_ref().is_some_and(|(p, _)| *p != s.section) {
            prev_subject = None;
        }
        if last_level.as_ref().is_some_and(|(p, _)| *p != s.section) {
            last_level = None;
        }
        // denominators: subjects standing between 占 and the next 的 before a number
        let mut denom_ranges: Vec<(usize, usize)> = Vec::new();
        for mh in &marks {
            if let Mark::Share = mh.mark {
                if let Some(de) = n.find("的", mh.b) {
                    let next_num = (mh.b..n.c.len()).find(|&k| n.c[k].is_ascii_digit());
                    if next_num.is_none_or(|d| de < d) && de - mh.b <= 30 {
                        denom_ranges.push((mh.b, de));
                    }
                }
            }
        }
        let in_denom = |h: &Hit| denom_ranges.iter().any(|(a, b)| h.a >= *a && h.b <= *b);
        if code_heading
            .as_ref()
            .is_some_and(|(p, i, _)| *p != s.section || si > i + 2)
        {
            code_heading = None;
        }
        let heading_subject = if hits.is_empty() {
            code_heading.as_ref().map(|(_, _, s)| s.clone())
        } else {
            None
        };
        if let Some(h) = hits.first() {
            let lead = n.slice(0, h.a);
            let lead = lead
                .trim_start_matches("其中")
                .trim_start_matches([':', '：', ',', '，']);
            let lead_ok = lead
                .chars()
                .all(|c| c.is_ascii_digit() || "、.()（）一二三四五六七八九十".contains(c));
            if lead_ok && matches!(h.subj, Subj::GbRow(..) | Subj::Unresolved(_)) {
                code_heading = Some((s.section.clone(), si, h.subj.clone()));
            }
        }
        let mut sentence_subject: Option<Subj> = None;
        let mut list_parent: Option<usize> = last_level
            .as_ref()
            .map(|(_, i)| *i)
            .filter(|_| openers.first().is_some_and(|&o| o <= 1));
        let mut sentence_levels: Vec<usize> = Vec::new();
        // flats
        for mh in &marks {
            if let Mark::Flat { roughly } = mh.mark {
                let cl = clause_of(&starts, mh.a);
                let subj = hits
                    .iter()
                    .rfind(|h| !in_denom(h) && h.b <= mh.a && clause_of(&starts, h.a) == cl)
                    .map(|h| h.subj.clone())
                    .or_else(|| {
                        hits.iter()
                            .rfind(|h| !in_denom(h) && h.b <= mh.a)
                            .map(|h| h.subj.clone())
                    });
                out.flats.push(Flat {
                    s: si,
                    clause: cl,
                    subject: subj,
                    span: (n.byte(mh.a), n.byte(mh.b)),
                    roughly,
                    in_list: openers.iter().any(|&o| o < mh.a),
                });
            }
        }
        let mut prev_end = 0usize;
        for (mi, m) in s.mentions.iter().enumerate() {
            let a = n.at_byte(m.start);
            let cl = clause_of(&starts, a);
            let cl_start = starts[cl];
            // a list opener before this number: the parent is the last plain amount before it
            let opened = openers.iter().rev().find(|&&o| o < a).copied();
            if let Some(o) = opened {
                let before: Vec<usize> = sentence_levels
                    .iter()
                    .copied()
                    .filter(|&bi| n.at_byte(r.narrative[si].mentions[out.items[bi].m].start) < o)
                    .collect();
                if let Some(&p) = before.last() {
                    list_parent = Some(p);
                }
            }
            let subj_hit = hits
                .iter()
                .rfind(|h| !in_denom(h) && h.b <= a && h.a >= cl_start);
            let anchor = subj_hit
                .map(|h| h.b)
                .unwrap_or(cl_start)
                .max(prev_end.max(cl_start));
            let mark = marks
                .iter()
                .filter(|mh| mh.a >= anchor && mh.b <= a)
                .rfind(|mh| !matches!(mh.mark, Mark::Flat { .. }))
                .map(|mh| mh.mark);
            // the share marker may stand before the subject range (占 X 的 p%)
            let share_mark = marks
                .iter()
                .rfind(|mh| mh.a >= cl_start && mh.b <= a && matches!(mh.mark, Mark::Share));
            let mut role = match (m.kind, mark) {
                (MentionKind::Count, _) => NumRole::Count,
                (MentionKind::Percent, Some(Mark::Role(NumRole::Change(d)))) => {
                    NumRole::ChangeRate(d)
                }
                (MentionKind::Percent, Some(Mark::Role(r @ NumRole::Rate(_)))) => r,
                (MentionKind::Percent, _) if share_mark.is_some() => NumRole::Share,
                (MentionKind::Percent, _) => NumRole::Unknown,
                (MentionKind::Amount, Some(Mark::Role(r @ NumRole::Rate(_)))) => {
                    // “完成预算的” followed by an amount: not a rate
                    let _ = r;
                    NumRole::Unknown
                }
                (MentionKind::Amount, Some(Mark::Role(r))) => r,
                // “占 41.70” with the percent sign missing: a share all the same
                (MentionKind::Amount, Some(Mark::Share))
                    if m.raw
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == ',') =>
                {
                    NumRole::Share
                }
                (MentionKind::Amount, Some(Mark::Share)) => NumRole::Unknown,
                // “上年收入总计 X 元”, “2021年度支出总计 X 元”: last year's figure
                (MentionKind::Amount, _)
                    if subj_hit.is_some_and(|h| {
                        marks.iter().any(|mh| {
                            mh.a >= cl_start && mh.b <= h.a && mh.mark == Mark::Role(NumRole::Prior)
                        })
                    }) =>
                {
                    NumRole::Prior
                }
                (MentionKind::Amount, _) => NumRole::Level,
            };
            let denom = if role == NumRole::Share {
                share_mark.and_then(|sm| {
                    let range = denom_ranges.iter().find(|(x, _)| *x == sm.b)?;
                    let inner: Vec<&Hit> = hits
                        .iter()
                        .filter(|h| h.a >= range.0 && h.b <= range.1)
                        .collect();
                    let txt = n.slice(range.0, range.1);
                    if txt.is_empty() {
                        return None;
                    }
                    match inner.as_slice() {
                        [h] if is_clean_denominator(*range, h, &n) => {
                            Some(Denom::Subj(h.subj.clone()))
                        }
                        _ => Some(Denom::Ambiguous(txt)),
                    }
                })
            } else {
                None
            };
            let mut subject = subj_hit.map(|h| h.subj.clone());
            if subject.is_none()
                && matches!(role, NumRole::Budget(_) | NumRole::Final | NumRole::Rate(_))
            {
                subject = heading_subject.clone();
            }
            if subject.is_none() && role != NumRole::Level && role != NumRole::Count {
                subject = sentence_subject.clone().or_else(|| {
                    if matches!(role, NumRole::Change(_) | NumRole::ChangeRate(_)) {
                        prev_subject.as_ref().map(|(_, s)| s.clone())
                    } else {
                        None
                    }
                });
            }
            if role == NumRole::Unknown && m.kind == MentionKind::Amount {
                subject = None;
            }
            if m.kind == MentionKind::Count && subject.is_none() {
                role = NumRole::Count;
            }
            if let Some(h) = subj_hit {
                sentence_subject = Some(h.subj.clone());
            }
            let b = Binding {
                s: si,
                m: mi,
                subject,
                role,
                denom,
                parent: if opened.is_some() { list_parent } else { None },
                clause: cl,
                in_list: opened.is_some(),
                section: sec,
            };
            let idx = out.items.len();
            if b.role.is_level() && m.kind == MentionKind::Amount && b.subject.is_some() {
                sentence_levels.push(idx);
                if !b.in_list {
                    last_level = Some((s.section.clone(), idx));
                }
            }
            out.items.push(b);
            prev_end = n.at_byte(m.end);
        }
        if let Some(subj) =
            sentence_subject.or_else(|| hits.iter().rfind(|h| !in_denom(h)).map(|h| h.subj.clone()))
        {
            prev_subject = Some((s.section.clone(), subj));
        }
    }
    out
}

/// A denominator is clean when the text between 占 and 的 is the subject, optionally after
/// 本年/全年, and nothing follows it (“占本部门项目支出总额的” is not: 项目支出 of which budget?).
fn is_clean_denominator(range: (usize, usize), h: &Hit, n: &Norm) -> bool {
    let before = n.slice(range.0, h.a);
    let after = n.slice(h.b, range.1);
    after.is_empty() && (before.is_empty() || before == "本年" || before == "全年")
}

// ---------------------------------------------------------------------------------------------
// Resolution to table cells

/// Why a subject has no cell to compare with.
#[derive(Debug, Clone, PartialEq)]
pub struct NoCell {
    pub zh: String,
    pub en: String,
}

fn no_table(slot: Slot) -> NoCell {
    NoCell {
        zh: format!("报告中没有《{}》", slot.title_zh()),
        en: format!("the report has no table “{}”", slot.title_en()),
    }
}

fn no_row(t: &Table, zh: &str) -> NoCell {
    NoCell {
        zh: format!("《{}》中没有“{}”", t.title, zh),
        en: format!("“{}” has no “{}”", t.title, zh),
    }
}

fn total_row(t: &Table) -> Option<&Row> {
    t.row_by_role("total")
}

fn row_panel<'t>(t: &'t Table, role: &'t str, panel: &str) -> Option<&'t Row> {
    t.rows
        .iter()
        .find(|r| r.role == Some(role) && r.panel == Some(panel))
        .or_else(|| {
            if panel == "income" {
                t.row_by_role(role)
            } else {
                t.rows_by_role(role).nth(1)
            }
        })
}

/// The cells a subject designates (several are added up), for this year's figure
/// (`budget = false`) or its budget (`budget = true`, 三公 only).
pub fn cells<'r>(r: &'r Report, subj: &Subj, budget: bool) -> Result<Vec<Term<'r>>, NoCell> {
    let need = |slot: Slot| r.table(slot).ok_or_else(|| no_table(slot));
    let one = |t: &'r Table, row: Option<&'r Row>, col: &'static str, zh: &str| {
        let row = row.ok_or_else(|| no_row(t, zh))?;
        if row.cell(col).is_none() && !t.has_column(col) {
            return Err(no_row(t, zh));
        }
        Ok(vec![Term::new(t, row, col)])
    };
    if budget && !matches!(subj, Subj::Tp(_)) {
        return Err(NoCell {
            zh: "表中没有该项的预算数".into(),
            en: "the tables give no budget for it".into(),
        });
    }
    match subj {
        Subj::IncomeGrand | Subj::BothGrand => {
            let t = need(Slot::T1)?;
            one(
                t,
                row_panel(t, "grand_total", "income"),
                "amount",
                "收入总计",
            )
        }
        Subj::ExpGrand => {
            let t = need(Slot::T1)?;
            one(
                t,
                row_panel(t, "grand_total", "expenditure"),
                "amount",
                "支出总计",
            )
        }
        Subj::FiscalIncomeGrand | Subj::FiscalBothGrand => {
            let t = need(Slot::T4)?;
            one(
                t,
                row_panel(t, "grand_total", "income"),
                "amount",
                "收入总计",
            )
        }
        Subj::FiscalExpGrand => {
            let t = need(Slot::T4)?;
            one(
                t,
                row_panel(t, "grand_total", "expenditure"),
                "total",
                "支出总计",
            )
        }
        Subj::IncomeTotal => match r.table(Slot::T1) {
            Some(t) => one(t, t.row_by_role("income_total"), "amount", "本年收入合计"),
            None => {
                let t = need(Slot::T2)?;
                one(t, total_row(t), "total", "合计")
            }
        },
        Subj::IncomeLine(role) => {
            let t = need(Slot::T1)?;
            one(t, t.row_by_role(role), "amount", &subj.name().0)
        }
        Subj::IncomeCol(c) => {
            let t = need(Slot::T2)?;
            one(t, total_row(t), c, &subj.name().0)
        }
        Subj::ExpTotal => match r.table(Slot::T1) {
            Some(t) => one(
                t,
                t.row_by_role("expenditure_total"),
                "amount",
                "本年支出合计",
            ),
            None => {
                let t = need(Slot::T3)?;
                one(t, total_row(t), "total", "合计")
            }
        },
        Subj::ExpCol(c) => {
            let t = need(Slot::T3)?;
            one(t, total_row(t), c, &subj.name().0)
        }
        Subj::Gb(c) => {
            let t = need(Slot::T5)?;
            one(t, total_row(t), c, "合计")
        }
        Subj::GbRow(code, _) => {
            let t = need(Slot::T5)?;
            one(t, t.row_by_code(code), "total", code)
        }
        Subj::Unresolved(name) => Err(NoCell {
            zh: format!("“{name}”不在一般公共预算财政拨款支出决算表中"),
            en: format!("“{name}” is not listed in the general-budget expenditure table"),
        }),
        Subj::Personnel | Subj::Public | Subj::Econ(_) => {
            let t = need(Slot::T6)?;
            let col = if t.has_column("basic") {
                "basic"
            } else {
                "amount"
            };
            let row = match subj {
                Subj::Personnel => t.row_by_role("personnel_total"),
                Subj::Public => t.row_by_role("public_total"),
                Subj::Econ(c) => t.row_by_code(c),
                _ => None,
            };
            one(t, row, col, &subj.name().0)
        }
        Subj::Tp(item) => {
            let t = need(Slot::T7)?;
            let col: &'static str = match (budget, *item) {
                (false, "total") => "final_total",
                (false, "abroad") => "final_abroad",
                (false, "vehicle") => "final_vehicle",
                (false, "vehicle_purchase") => "final_vehicle_purchase",
                (false, "vehicle_running") => "final_vehicle_running",
                (false, _) => "final_reception",
                (true, "total") => "budget_total",
                (true, "abroad") => "budget_abroad",
                (true, "vehicle") => "budget_vehicle",
                (true, "vehicle_purchase") => "budget_vehicle_purchase",
                (true, "vehicle_running") => "budget_vehicle_running",
                (true, _) => "budget_reception",
            };
            let row = t.rows.iter().find(|row| row.cell(col).is_some());
            one(t, row.or(t.rows.first()), col, &subj.name().0)
        }
        Subj::RunningCost => {
            let t = need(Slot::T10)?;
            let a = t.row_by_role("moe_admin");
            let c = t.row_by_role("moe_civil");
            match (a, c) {
                (Some(a), Some(c)) => Ok(vec![Term::new(t, a, "value"), Term::new(t, c, "value")]),
                _ => Err(no_row(t, "机关运行经费")),
            }
        }
        Subj::Proc(role) => {
            let t = need(Slot::T10)?;
            one(t, t.row_by_role(role), "value", &subj.name().0)
        }
        Subj::Vehicles => {
            let t = need(Slot::T10)?;
            one(t, t.row_by_role("veh_total"), "value", "车辆数合计")
        }
        Subj::Equipment => {
            let t = need(Slot::T10)?;
            one(
                t,
                t.row_by_role("equipment"),
                "value",
                "单价100万元以上设备",
            )
        }
        Subj::VehCategory(name) => {
            let t = need(Slot::T10)?;
            let row = t
                .rows_by_role("veh_category")
                .find(|row| norm_key(text::strip_ordinal(&row.label)) == *name);
            one(t, row, "value", name)
        }
        Subj::GovFund(c) => {
            let t = need(Slot::T8)?;
            one(t, total_row(t), c, "合计")
        }
        Subj::StateCapital => {
            let t = need(Slot::T9)?;
            one(t, total_row(t), "total", "合计")
        }
        Subj::Sme | Subj::SmallMicro | Subj::VehHeld => Err(NoCell {
            zh: "表中没有对应的栏目".into(),
            en: "no table cell corresponds".into(),
        }),
    }
}

/// Another reading of a subject's figure that is just as legitimate: Shanxi's 支出决算明细表
/// prints 金额 (basic + project) beside 其中：基本支出, and narratives quote 人员经费 / 公用经费 /
/// economic classes from either column.
pub fn alt_cells<'r>(r: &'r Report, subj: &Subj) -> Option<Vec<Term<'r>>> {
    let t = r.table(Slot::T6)?;
    if !(t.has_column("basic") && t.has_column("amount")) {
        return None;
    }
    let row = match subj {
        Subj::Personnel => t.row_by_role("personnel_total"),
        Subj::Public => t.row_by_role("public_total"),
        Subj::Econ(c) => t.row_by_code(c),
        _ => None,
    }?;
    Some(vec![Term::new(t, row, "amount")])
}

/// The value of a subject's cells added up (blank = 0), with the number of non-exact terms.
pub fn cells_value(terms: &[Term]) -> Option<Num> {
    let mut v = Num::exact(rust_decimal::Decimal::ZERO);
    for t in terms {
        let n = t.num()?;
        v.value += n.value;
        v.half_unit += n.half_unit;
    }
    Some(v)
}

/// The stated number of a binding.
pub fn num_of(r: &Report, b: &Binding) -> Num {
    r.narrative[b.s].mentions[b.m].num
}

/// The sentence of a binding.
pub fn sentence_of<'r>(r: &'r Report, b: &Binding) -> &'r Sentence {
    &r.narrative[b.s]
}

/// How the amounts and percentages of a narrative were bound (counts are left out).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Bound to a subject or a rate/budget triple: checked.
    pub bound: usize,
    /// Bound to nothing: not checked (listed as not applicable).
    pub unbound: usize,
    /// In the performance (绩效) part and not a completion rate: left to the performance rules.
    pub performance: usize,
}

/// Counts of bound and unbound amount/percentage mentions (for reports and tests).
pub fn stats(r: &Report, bs: &Bindings) -> Stats {
    let mut st = Stats::default();
    let rate_sentences: Vec<usize> = bs
        .items
        .iter()
        .filter(|b| matches!(b.role, NumRole::Rate(_)))
        .map(|b| b.s)
        .collect();
    for b in &bs.items {
        let m = &r.narrative[b.s].mentions[b.m];
        if m.kind == MentionKind::Count {
            continue;
        }
        if b.section == SectionKind::Performance && !rate_sentences.contains(&b.s) {
            st.performance += 1;
            continue;
        }
        let ok = (b.subject.is_some() && b.role != NumRole::Unknown)
            || (rate_sentences.contains(&b.s)
                && matches!(
                    b.role,
                    NumRole::Rate(_) | NumRole::Budget(_) | NumRole::Final
                ))
            || (b.role == NumRole::Share && (b.denom.is_some() || b.parent.is_some()));
        if ok {
            st.bound += 1;
        } else {
            st.unbound += 1;
        }
    }
    st
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_kinds() {
        let p = |s: &[&str]| section_kind(&s.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(p(&["四、财政拨款收支决算总体情况说明"]), K::FiscalSummary);
        assert_eq!(p(&["三、支出决算情况说明"]), K::Expenditure);
        assert_eq!(p(&["二、收入决算情况说明"]), K::Income);
        assert_eq!(
            p(&[
                "五、一般公共预算财政拨款支出决算情况说明",
                "(一)财政拨款支出决算总体情况"
            ]),
            K::GeneralBudget
        );
        assert_eq!(
            p(&["十、其他重要事项情况说明", "(二)政府采购情况说明"]),
            K::Procurement
        );
        assert_eq!(
            p(&["十、其他重要事项情况说明", "(四)预算绩效情况说明", "(1)x"]),
            K::Performance
        );
        assert_eq!(p(&["一、收入支出决算总体情况说明"]), K::Overall);
    }
}
