//! Performance self-evaluation appendices (项目支出绩效自评): funds block, indicator table and
//! the figures their narrative states; and the 情况说明's 绩效 sentences bound to them.
//!
//! Layouts handled (domain guide §2.8, §4.2, §4.3):
//! - tab grids (pasted spreadsheets): columns come from the header's cell positions;
//! - space-separated text (PDF text layers, pasted Word tables): empty cells vanish, so columns
//!   are assigned by counting the values against the header and anchoring on what a value can
//!   be (a `%` is a rate; weight and score are the last two plain numbers before the free text);
//! - Shanxi 分析报告 (资金来源 | 年初预算数 (目标申报, 预算编制) | 全年预算数 | 全年执行数 | 结余 |
//!   执行率 | 得分) and the central 自评表 (项目资金 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 |
//!   执行率 | 得分, rows 年度资金总额 / 其中：… and a 总分 row under the indicators).
//!
//! Every value keeps its line. Nothing downstream reads a position.

use rust_decimal::Decimal;
use serde::Serialize;

use super::narrative::{find_mentions, is_heading};
use super::Regions;
use crate::model::{Loc, Mention, MentionKind, Num, PrintedRow, RawDoc, RawLine, Sentence, Unit};
use crate::text;
use crate::tolerance::half_unit;

/// One figure of a performance table, with its place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerfValue {
    pub raw: String,
    /// The number; `None` for a blank, a dash or text. Amounts carry the half-unit of their
    /// printed precision (元 to the 分 is exact); scores and weights are exact points.
    pub num: Option<Num>,
    /// Printed with `%`.
    pub percent: bool,
    /// Nothing printed.
    pub blank: bool,
    /// `——`: not applicable.
    pub dash: bool,
    pub loc: Loc,
    /// Column in the printed row (`PerfProject::printed`), when the layout gave one.
    #[serde(skip)]
    pub col: Option<usize>,
}

impl PerfValue {
    /// The number for arithmetic: blank = exact 0, dash or text = none.
    pub fn arith(&self) -> Option<Num> {
        if self.blank {
            Some(Num::exact(Decimal::ZERO))
        } else {
            self.num
        }
    }
    /// Printed decimals.
    pub fn decimals(&self) -> u32 {
        self.num.map(|n| n.value.scale()).unwrap_or(0)
    }
}

/// A canonical column of a performance table: key and printed header.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerfColumn {
    pub key: &'static str,
    pub label: String,
}

/// A row of the 预算执行情况 block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FundsRow {
    pub label: String,
    /// `total` (合计, 年度资金总额) or `source` (市县区财政资金, 其中：当年财政拨款, …).
    pub role: &'static str,
    /// Cells by canonical key: `initial_declared` (目标申报), `initial_compiled` (预算编制),
    /// `initial` (年初预算数, one column), `annual_budget`, `executed`, `balance`, `weight`
    /// (分值), `rate` (执行率), `score` (得分).
    pub cells: Vec<(&'static str, PerfValue)>,
    /// The values were placed by counting them against the header (a text layer without cell
    /// boundaries) and the count left a doubt about which column a value belongs to.
    pub ambiguous: bool,
    pub loc: Loc,
}

impl FundsRow {
    pub fn cell(&self, key: &str) -> Option<&PerfValue> {
        self.cells.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
    /// The 年初预算 figure: 预算编制, else the single 年初预算数 column, else 目标申报.
    pub fn initial_budget(&self) -> Option<(&'static str, &PerfValue)> {
        ["initial_compiled", "initial", "initial_declared"]
            .into_iter()
            .find_map(|k| self.cell(k).filter(|v| !v.dash).map(|v| (k, v)))
    }
}

/// A row of the indicator table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    pub level1: Option<String>,
    pub level2: Option<String>,
    pub name: String,
    /// 年初指标 (or the single 年度指标值).
    pub target: Option<String>,
    /// 调整后指标.
    pub target_adjusted: Option<String>,
    pub actual: Option<String>,
    pub weight: Option<PerfValue>,
    pub score: Option<PerfValue>,
    pub reason: Option<String>,
    pub loc: Loc,
}

/// The 总分 row printed under some indicator tables (central 自评表).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorTotal {
    pub label: String,
    pub weight: Option<PerfValue>,
    pub score: Option<PerfValue>,
    pub loc: Loc,
}

/// A grade as stated in a sentence (优, 良, 合格, …) with its byte range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeMention {
    pub grade: String,
    pub start: usize,
    pub end: usize,
}

/// A sentence stating scores and a grade: "预算执行情况得分 10 分、…指标完成情况得分 74 分，…
/// 总得分 84 分，属于“良”".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreStatement {
    pub text: String,
    pub loc: Loc,
    /// 预算执行情况得分 / 执行率得分.
    pub exec_score: Option<Mention>,
    /// 指标完成情况得分.
    pub indicator_score: Option<Mention>,
    /// 总得分.
    pub total: Option<Mention>,
    pub grade: Option<GradeMention>,
}

/// The figures a project's own text states: "全年预算资金 60 万元，全年执行资金 13.44 万元，
/// 预算执行率 22.4%". Amounts are converted to the funds block's unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExecutionStatement {
    pub text: String,
    pub loc: Loc,
    pub budget: Option<Mention>,
    pub executed: Option<Mention>,
    pub rate: Option<Mention>,
}

/// One project's self-evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerfProject {
    /// `p1`, `p2`, … (the table id in the output).
    pub id: String,
    pub name: String,
    pub loc: Loc,
    pub first_line: Option<u32>,
    pub last_line: Option<u32>,
    /// The funds block's money unit, when its headers or a unit line say it.
    pub unit: Option<Unit>,
    pub funds_columns: Vec<PerfColumn>,
    pub funds: Vec<FundsRow>,
    pub indicator_columns: Vec<PerfColumn>,
    pub indicators: Vec<Indicator>,
    pub indicator_total: Option<IndicatorTotal>,
    /// False when rows that look like funds rows follow the point where the block was left
    /// (a layout the recogniser could not follow): sums over the block are not reliable.
    pub funds_complete: bool,
    /// The same for the indicator table.
    pub indicators_complete: bool,
    /// The 自评得分和结论 sentence.
    pub statement: Option<ScoreStatement>,
    /// The 预算执行情况 sentence of the project's text.
    pub execution: Option<ExecutionStatement>,
    /// The blocks as printed, for rendering.
    pub printed: Vec<PrintedRow>,
}

impl PerfProject {
    /// The unit used for comparisons (元 when the report does not say).
    pub fn money_unit(&self) -> Unit {
        self.unit.unwrap_or(Unit::Yuan)
    }
    /// The 合计 row, or the only row.
    pub fn total_row(&self) -> Option<&FundsRow> {
        self.funds
            .iter()
            .find(|r| r.role == "total")
            .or_else(|| (self.funds.len() == 1).then(|| &self.funds[0]))
    }
    pub fn sources(&self) -> impl Iterator<Item = &FundsRow> + '_ {
        self.funds.iter().filter(|r| r.role == "source")
    }
    /// 执行率 score from the funds block.
    pub fn exec_score(&self) -> Option<&PerfValue> {
        self.total_row()
            .and_then(|r| r.cell("score"))
            .filter(|v| v.num.is_some())
    }
    /// 执行率 分值 as printed (central 自评表), if any.
    pub fn exec_weight(&self) -> Option<&PerfValue> {
        self.total_row()
            .and_then(|r| r.cell("weight"))
            .filter(|v| v.num.is_some())
    }
    /// Σ indicator weights and Σ indicator scores, when every row has both and the table was
    /// read to its end.
    pub fn indicator_sums(&self) -> Option<(Decimal, Decimal)> {
        if self.indicators.is_empty() || !self.indicators_complete {
            return None;
        }
        let mut w = Decimal::ZERO;
        let mut s = Decimal::ZERO;
        for i in &self.indicators {
            w += i.weight.as_ref()?.arith()?.value;
            s += i.score.as_ref()?.arith()?.value;
        }
        Some((w, s))
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens: a line as cells (tab grid) or whitespace-separated words.

#[derive(Debug, Clone)]
struct Tok {
    text: String,
    /// Grid column, for tab lines.
    col: Option<usize>,
}

fn grid_cells(l: &RawLine) -> Option<Vec<Tok>> {
    l.cells.as_ref().map(|cs| {
        cs.iter()
            .enumerate()
            .map(|(i, c)| Tok {
                text: c.text.trim().to_string(),
                col: Some(i),
            })
            .collect()
    })
}

const UNIT_WORDS: &[&str] = &[
    "%",
    "％",
    "‰",
    "份",
    "次",
    "类",
    "项",
    "个",
    "台",
    "套",
    "元",
    "万元",
    "亿元",
    "人次",
    "批次",
    "户次",
    "天",
    "日",
    "小时",
    "分钟",
    "周",
    "月",
    "年",
    "季度",
    "户",
    "家",
    "件",
    "人",
    "名",
    "位",
    "辆",
    "艘",
    "架",
    "篇",
    "部",
    "期",
    "场",
    "所",
    "座",
    "处",
    "栋",
    "间",
    "条",
    "张",
    "册",
    "本",
    "卷",
    "宗",
    "盏",
    "棵",
    "株",
    "只",
    "头",
    "批",
    "分",
    "公里",
    "千米",
    "米",
    "平方米",
    "平方公里",
    "立方米",
    "亩",
    "公顷",
    "吨",
    "千克",
    "万人",
    "万人次",
    "台（套）",
    "台(套)",
    "个百分点",
];

/// Whitespace words, with a lone unit glued to the number before it ("≥100000 份") and a lone
/// comparison sign glued to the number after it ("≥ 95%").
fn words(s: &str) -> Vec<Tok> {
    let folded = s.replace('\u{3000}', " ");
    let mut out: Vec<Tok> = Vec::new();
    let mut pending_sign: Option<String> = None;
    for w in folded.split_whitespace() {
        let mut w = w.to_string();
        if let Some(sign) = pending_sign.take() {
            w = format!("{sign}{w}");
        }
        if matches!(
            w.as_str(),
            "≥" | "≤" | "=" | ">" | "<" | "＞" | "＜" | "＝" | ">=" | "<="
        ) {
            pending_sign = Some(w);
            continue;
        }
        if UNIT_WORDS.contains(&w.as_str()) {
            if let Some(prev) = out.last_mut() {
                if prev.text.chars().any(|c| c.is_ascii_digit()) {
                    prev.text.push_str(&w);
                    continue;
                }
            }
        }
        out.push(Tok { text: w, col: None });
    }
    if let Some(sign) = pending_sign {
        out.push(Tok {
            text: sign,
            col: None,
        });
    }
    out
}

fn tokens(l: &RawLine) -> Vec<Tok> {
    grid_cells(l).unwrap_or_else(|| words(&l.text))
}

/// A plain number (no %, no unit): weights, scores and amounts.
fn plain_number(s: &str) -> Option<Decimal> {
    text::parse_amount(s.trim())
}

fn is_dash_like(s: &str) -> bool {
    let t = s.trim();
    text::is_dash(t) || t == "/" || t == "／"
}

/// A value token of the funds block: number, percentage or dash.
fn is_funds_value(s: &str) -> bool {
    let t = s.trim();
    is_dash_like(t) || plain_number(t).is_some() || percent_number(t).is_some()
}

fn percent_number(s: &str) -> Option<Decimal> {
    let t = s.trim();
    let body = t.strip_suffix('%').or_else(|| t.strip_suffix('％'))?;
    plain_number(body)
}

// ---------------------------------------------------------------------------------------------
// Headers.

fn funds_key(k: &str) -> Option<&'static str> {
    let k = strip_parens(k);
    let k = k.as_str();
    Some(if k.contains("目标申报") || k.contains("申报数") {
        "initial_declared"
    } else if k.contains("预算编制") || k.contains("编制数") {
        "initial_compiled"
    } else if k.contains("年初预算") {
        "initial"
    } else if k.contains("全年预算") || k.contains("调整后预算") || k == "预算数" {
        "annual_budget"
    } else if k.contains("执行率") {
        "rate"
    } else if k.contains("执行数") || k.contains("全年执行") || k.contains("实际支出") {
        "executed"
    } else if k.contains("结余") || k.contains("结转") {
        "balance"
    } else if k == "分值" || k == "权重" {
        "weight"
    } else if k == "得分" {
        "score"
    } else if k.contains("资金来源") || k.contains("项目资金") || k.contains("资金") {
        "label"
    } else {
        return None;
    })
}

/// Drop parenthesised parts: "资金结(转)余(元)" → "资金结余".
fn strip_parens(k: &str) -> String {
    let mut out = String::with_capacity(k.len());
    let mut depth = 0;
    for c in k.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn indicator_key(k: &str) -> Option<&'static str> {
    Some(if k.contains("一级指标") {
        "level1"
    } else if k.contains("二级指标") {
        "level2"
    } else if k.contains("三级指标") || k.contains("指标名称") || k.contains("指标内容")
    {
        "name"
    } else if k.contains("调整后指标") || k.contains("全年指标") {
        "target_adjusted"
    } else if k.contains("年初指标") {
        "target_initial"
    } else if k.contains("指标值") || k.contains("年度指标") || k.contains("目标值") {
        "target"
    } else if k.contains("实际完成") || k.contains("完成值") {
        "actual"
    } else if k == "权重" || k == "分值" || k.starts_with("权重") || k.starts_with("分值") {
        "weight"
    } else if k == "得分" || k.starts_with("得分") {
        "score"
    } else if k.contains("偏差") || k.contains("原因") || k.contains("备注") || k.contains("措施")
    {
        "reason"
    } else if k.contains("绩效指标") {
        "label"
    } else {
        return None;
    })
}

fn is_funds_header(k: &str) -> bool {
    !k.contains('。') && k.contains("执行") && (k.contains("全年预算") || k.contains("年初预算"))
}

fn is_indicator_header(k: &str) -> bool {
    !k.contains('。')
        && (k.contains("一级指标") || k.contains("三级指标") || k.contains("指标名称"))
        && (k.contains("权重") || k.contains("分值"))
        && k.contains("得分")
}

/// Keys whose header spans sub-headers on the next line.
fn is_group(key: &str) -> bool {
    matches!(key, "initial" | "target")
}

/// Columns of a (one- or two-line) header, each with its grid column when known.
fn header_columns(
    h1: &[Tok],
    h2: Option<&[Tok]>,
    map: fn(&str) -> Option<&'static str>,
) -> Vec<(Option<usize>, &'static str, String)> {
    let mut cols: Vec<(Option<usize>, &'static str, String)> = Vec::new();
    for t in h1 {
        if t.text.is_empty() {
            continue;
        }
        if let Some(k) = map(&text::key(&t.text)) {
            cols.push((t.col, k, text::clean_label(&t.text)));
        }
    }
    if let Some(h2) = h2 {
        let subs: Vec<(Option<usize>, &'static str, String)> = h2
            .iter()
            .filter(|t| !t.text.is_empty())
            .filter_map(|t| {
                map(&text::key(&t.text)).map(|k| (t.col, k, text::clean_label(&t.text)))
            })
            .collect();
        if let Some(gi) = cols.iter().position(|c| is_group(c.1)) {
            if !subs.is_empty() {
                let mut out: Vec<_> = cols[..gi].to_vec();
                out.extend(subs);
                out.extend(cols[gi + 1..].iter().cloned());
                // a grid keeps positions: order by column
                if out.iter().all(|c| c.0.is_some()) {
                    out.sort_by_key(|c| c.0);
                }
                cols = out;
            }
        }
    }
    cols
}

/// A sub-header line: every non-empty token is a sub-column name.
fn sub_header(toks: &[Tok], map: fn(&str) -> Option<&'static str>) -> bool {
    let ne: Vec<&Tok> = toks.iter().filter(|t| !t.text.is_empty()).collect();
    !ne.is_empty()
        && ne.iter().all(|t| {
            matches!(
                map(&text::key(&t.text)),
                Some(
                    "initial_declared" | "initial_compiled" | "target_initial" | "target_adjusted"
                )
            )
        })
}

fn unit_in(k: &str) -> Option<Unit> {
    if k.contains("万元") {
        Some(Unit::WanYuan)
    } else if k.contains("(元)") || k.contains("单位:元") || k.contains("单位：元") {
        Some(Unit::Yuan)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Values.

fn make_value(raw: &str, key: &str, unit: Unit, loc: &Loc) -> PerfValue {
    let t = raw.trim();
    let mut v = PerfValue {
        raw: t.to_string(),
        num: None,
        percent: false,
        blank: t.is_empty(),
        dash: is_dash_like(t),
        loc: loc.clone(),
        col: None,
    };
    if v.blank || v.dash {
        return v;
    }
    if let Some(d) = percent_number(t) {
        v.percent = true;
        v.num = Some(Num {
            value: d,
            half_unit: half_unit(d.scale(), false),
        });
        return v;
    }
    if let Some(d) = plain_number(t) {
        v.num = Some(match key {
            "weight" | "score" => Num::exact(d),
            "rate" => Num {
                value: d,
                half_unit: half_unit(d.scale(), false),
            },
            _ => Num {
                value: d,
                half_unit: half_unit(d.scale(), unit == Unit::Yuan && d.scale() >= 2),
            },
        });
    }
    v
}

fn funds_role(label: &str) -> &'static str {
    let k = text::key(label);
    if k.contains("合计") || k.contains("总额") || k.contains("总计") || k == "小计" {
        "total"
    } else {
        "source"
    }
}

/// Place `vals` (a text layer's values, in order) in `cols`.
fn assign_by_count(cols: &[&'static str], vals: &[String]) -> (Vec<(&'static str, String)>, bool) {
    let n = cols.len();
    let m = vals.len();
    if m >= n {
        return (
            cols.iter().copied().zip(vals.iter().cloned()).collect(),
            m > n,
        );
    }
    // A percentage can only be the rate: anchor on it.
    if let (Some(ri), Some(pi)) = (
        cols.iter().position(|k| *k == "rate"),
        vals.iter().position(|v| percent_number(v).is_some()),
    ) {
        if pi <= ri && m - pi <= n - ri {
            let mut out = Vec::new();
            // before the rate: the leading columns, right-aligned to it
            let before = &vals[..pi];
            let lead = &cols[..ri];
            let skip = lead.len().saturating_sub(before.len());
            out.extend(lead[skip..].iter().copied().zip(before.iter().cloned()));
            out.extend(cols[ri..].iter().copied().zip(vals[pi..].iter().cloned()));
            return (out, skip > 0 && !before.is_empty());
        }
    }
    // Rows other than the total usually leave 分值 / 执行率 / 得分 empty: those trail.
    let optional_tail = cols
        .iter()
        .rev()
        .take_while(|k| matches!(**k, "weight" | "rate" | "score"))
        .count();
    let exact = m == n - optional_tail || m == n;
    (
        cols.iter().copied().zip(vals.iter().cloned()).collect(),
        !exact,
    )
}

// ---------------------------------------------------------------------------------------------
// Indicator rows.

const LEVEL1: &[&str] = &[
    "产出指标",
    "效益指标",
    "满意度指标",
    "成本指标",
    "决策",
    "过程",
    "产出",
    "效益",
    "满意度",
];

fn is_level2_name(k: &str) -> bool {
    k.ends_with("指标") && !matches!(k, "产出指标" | "效益指标" | "满意度指标")
}

#[derive(Default)]
struct Carry {
    level1: Option<String>,
    level2: Option<String>,
}

fn indicator_from_grid(
    toks: &[Tok],
    cols: &[(Option<usize>, &'static str, String)],
    carry: &mut Carry,
    loc: &Loc,
) -> Option<Indicator> {
    let at = |key: &str| -> Option<String> {
        let c = cols.iter().find(|c| c.1 == key)?.0?;
        toks.get(c)
            .map(|t| t.text.clone())
            .filter(|s| !s.is_empty())
    };
    let col_of = |key: &str| cols.iter().find(|c| c.1 == key).and_then(|c| c.0);
    let grid_value = |raw: &str, key: &str| PerfValue {
        col: col_of(key),
        ..make_value(raw, key, Unit::Yuan, loc)
    };
    let weight = at("weight")?;
    let score = at("score")?;
    plain_number(&weight)?;
    plain_number(&score)?;
    let name = at("name")?;
    if let Some(l1) = at("level1") {
        carry.level1 = Some(l1);
        carry.level2 = None;
    }
    if let Some(l2) = at("level2") {
        carry.level2 = Some(l2);
    }
    let (target, target_adjusted) =
        match (at("target_initial"), at("target_adjusted"), at("target")) {
            (Some(a), b, _) => (Some(a), b),
            (None, Some(b), t) => (t, Some(b)),
            (None, None, t) => (t, None),
        };
    Some(Indicator {
        level1: carry.level1.clone(),
        level2: carry.level2.clone(),
        name: text::clean_label(&name),
        target,
        target_adjusted,
        actual: at("actual"),
        weight: Some(grid_value(&weight, "weight")),
        score: Some(grid_value(&score, "score")),
        reason: at("reason"),
        loc: loc.clone(),
    })
}

/// A text-layer indicator row: levels (when printed), name, values, weight, score, reason.
/// Weight and score are the rightmost pair of plain numbers followed by free text or nothing.
fn indicator_from_words(
    toks: &[Tok],
    n_values: usize,
    carry: &mut Carry,
    loc: &Loc,
) -> Option<Indicator> {
    let w: Vec<&str> = toks
        .iter()
        .map(|t| t.text.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    if w.len() < 3 {
        return None;
    }
    let is_num = |s: &str| plain_number(s).is_some();
    let i = (0..w.len() - 1)
        .rev()
        .find(|&i| is_num(w[i]) && is_num(w[i + 1]) && (i + 2 == w.len() || !is_num(w[i + 2])))?;
    // leading level tokens
    let mut lv = 0;
    while lv < 2 && lv + 1 < i {
        let k = text::key(w[lv]);
        if LEVEL1.contains(&k.as_str()) || is_level2_name(&k) {
            lv += 1;
        } else {
            break;
        }
    }
    if lv + 1 > i {
        return None;
    }
    let name_end = if i >= lv + 1 + n_values {
        i - n_values
    } else {
        lv + 1
    };
    let name = w[lv..name_end].join("");
    let values = &w[name_end..i];
    match lv {
        2 => {
            carry.level1 = Some(w[0].to_string());
            carry.level2 = Some(w[1].to_string());
        }
        1 => {
            let k = text::key(w[0]);
            let old_framework_cost = k == "成本指标"
                && carry
                    .level1
                    .as_deref()
                    .is_some_and(|l| text::key(l) == "产出指标");
            if LEVEL1.contains(&k.as_str()) && !old_framework_cost {
                carry.level1 = Some(w[0].to_string());
                carry.level2 = None;
            } else {
                carry.level2 = Some(w[0].to_string());
            }
        }
        _ => {}
    }
    let (target, target_adjusted, actual) = match values.len() {
        0 => (None, None, None),
        1 => (None, None, Some(values[0].to_string())),
        2 => (
            Some(values[0].to_string()),
            None,
            Some(values[1].to_string()),
        ),
        _ => (
            Some(values[0].to_string()),
            Some(values[1..values.len() - 1].join(" ")),
            Some(values[values.len() - 1].to_string()),
        ),
    };
    let reason = (i + 2 < w.len()).then(|| w[i + 2..].join(" "));
    Some(Indicator {
        level1: carry.level1.clone(),
        level2: carry.level2.clone(),
        name: text::clean_label(&name),
        target,
        target_adjusted,
        actual,
        weight: Some(make_value(w[i], "weight", Unit::Yuan, loc)),
        score: Some(make_value(w[i + 1], "score", Unit::Yuan, loc)),
        reason,
        loc: loc.clone(),
    })
}

/// A 总分 / 合计 row under the indicators.
fn indicator_total(toks: &[Tok], loc: &Loc) -> Option<IndicatorTotal> {
    let ne: Vec<&str> = toks
        .iter()
        .map(|t| t.text.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    let first = text::key(ne.first()?);
    if !(first == "总分" || first == "合计" || first == "总计" || first.starts_with("总分"))
    {
        return None;
    }
    let nums: Vec<&str> = ne[1..]
        .iter()
        .copied()
        .filter(|s| plain_number(s).is_some())
        .collect();
    let (weight, score) = match nums.len() {
        0 => return None,
        1 => (None, Some(nums[0])),
        _ => (Some(nums[nums.len() - 2]), Some(nums[nums.len() - 1])),
    };
    Some(IndicatorTotal {
        label: ne[0].to_string(),
        weight: weight.map(|w| make_value(w, "weight", Unit::Yuan, loc)),
        score: score.map(|s| make_value(s, "score", Unit::Yuan, loc)),
        loc: loc.clone(),
    })
}

// ---------------------------------------------------------------------------------------------
// Sentences.

const GRADES: &[&str] = &[
    "不合格",
    "合格",
    "优秀",
    "良好",
    "较差",
    "一般",
    "优",
    "良",
    "中",
    "差",
];

const OPEN_QUOTES: &[char] = &['“', '"', '「', '‘', '\'', '『', '”'];
const CLOSE_QUOTES: &[char] = &['”', '"', '」', '’', '\'', '』', '“'];

/// A grade at byte `i` of `s`, quoted or not: (grade, start, end of the grade word).
fn grade_at(s: &str, i: usize, need_quote: bool) -> Option<(String, usize, usize)> {
    let mut j = i;
    let rest = &s[j..];
    let quoted = rest.starts_with(OPEN_QUOTES);
    if quoted {
        j += rest.chars().next().map_or(0, |c| c.len_utf8());
    } else if need_quote {
        return None;
    }
    let rest = &s[j..];
    let g = GRADES.iter().find(|g| rest.starts_with(**g))?;
    let end = j + g.len();
    let after = &s[end..];
    if quoted && !after.starts_with(CLOSE_QUOTES) {
        return None;
    }
    if !quoted {
        // an unquoted grade must end there: "属于良" but not "属于中等偏上"
        if after.chars().next().is_some_and(text::is_cjk) {
            return None;
        }
    }
    Some((g.to_string(), j, end))
}

/// The number right after byte `from` (skipping spaces and a few joining characters), as a
/// score mention (with its 分 when printed).
fn number_after(s: &str, from: usize) -> Option<Mention> {
    let mut i = from;
    let mut skipped = 0;
    while let Some(c) = s[i..].chars().next() {
        if c.is_ascii_digit() {
            break;
        }
        if skipped >= 4 || !(c.is_whitespace() || "为是：:约达共计的".contains(c)) {
            return None;
        }
        i += c.len_utf8();
        skipped += 1;
    }
    let start = i;
    let b = s.as_bytes();
    let mut j = i;
    while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'.') {
        j += 1;
    }
    while j > start && b[j - 1] == b'.' {
        j -= 1;
    }
    if j == start {
        return None;
    }
    let d = text::parse_amount(&s[start..j])?;
    let mut end = j;
    let after = &s[j..];
    let t = after.trim_start();
    for u in ["分", "个"] {
        if t.starts_with(u) {
            end = j + (after.len() - t.len()) + u.len();
            break;
        }
    }
    Some(Mention {
        start,
        end,
        raw: s[start..end].to_string(),
        kind: MentionKind::Count,
        num: Num::exact(d),
        decimals: d.scale(),
    })
}

/// The number after the first of `keys` found in `s` (from byte `from`).
fn keyed_number(s: &str, keys: &[&str], from: usize) -> Option<Mention> {
    for k in keys {
        let mut at = from;
        while let Some(p) = s[at..].find(k) {
            let end = at + p + k.len();
            if let Some(m) = number_after(s, end) {
                return Some(m);
            }
            at = end;
        }
    }
    None
}

/// Read scores and grade from a sentence.
pub fn parse_score_statement(text: &str, loc: &Loc) -> Option<ScoreStatement> {
    let exec_score = keyed_number(
        text,
        &[
            "预算执行情况得分",
            "预算执行率得分",
            "执行率得分",
            "预算执行得分",
            "资金执行得分",
        ],
        0,
    );
    let indicator_score = keyed_number(
        text,
        &[
            "指标完成情况得分",
            "绩效指标得分",
            "指标得分",
            "指标完成得分",
        ],
        0,
    );
    let total = keyed_number(
        text,
        &[
            "总得分",
            "自评总得分",
            "综合得分",
            "自评得分",
            "总分",
            "评价得分",
            "最终得分",
        ],
        0,
    );
    let from = total.as_ref().map_or(0, |t| t.end);
    let grade = find_grade(text, from);
    if total.is_none() && grade.is_none() {
        return None;
    }
    if total.is_none() && exec_score.is_none() && indicator_score.is_none() {
        return None;
    }
    Some(ScoreStatement {
        text: text.to_string(),
        loc: loc.clone(),
        exec_score,
        indicator_score,
        total,
        grade,
    })
}

/// A grade after a verb like 属于 / 等级为 / 评为, or quoted anywhere after `from`.
fn find_grade(s: &str, from: usize) -> Option<GradeMention> {
    for k in [
        "属于",
        "等级为",
        "等级是",
        "等级：",
        "等级:",
        "评价为",
        "评定为",
        "评级为",
        "评为",
        "定为",
        "结果为",
        "为",
    ] {
        let mut at = from;
        while let Some(p) = s[at..].find(k) {
            let end = at + p + k.len();
            let skip = s[end..].len() - s[end..].trim_start().len();
            if let Some((g, a, b)) = grade_at(s, end + skip, false) {
                return Some(GradeMention {
                    grade: g,
                    start: a,
                    end: b,
                });
            }
            at = end;
        }
    }
    None
}

const BUDGET_KEYS: &[&str] = &[
    "全年预算资金",
    "全年预算数",
    "全年预算金额",
    "全年预算",
    "调整后预算",
    "预算资金",
    "预算数",
    "预算金额",
];
const EXEC_KEYS: &[&str] = &[
    "全年执行资金",
    "全年执行数",
    "全年执行金额",
    "全年执行",
    "实际执行",
    "执行资金",
    "执行数",
    "执行金额",
    "实际支出",
    "支出资金",
];
const RATE_KEYS: &[&str] = &["预算执行率", "资金执行率", "执行率"];

/// The first mention of `kind` starting within a few characters after one of `keys`.
fn bind_after(s: &str, ms: &[Mention], keys: &[&str], kind: MentionKind) -> Option<Mention> {
    let mut best: Option<&Mention> = None;
    for k in keys {
        let mut at = 0;
        while let Some(p) = s[at..].find(k) {
            let kstart = at + p;
            let kend = kstart + k.len();
            at = kend;
            // 年初预算… is not the 全年 budget
            if s[..kstart].ends_with("年初") {
                continue;
            }
            let m = ms.iter().find(|m| m.start >= kend && m.kind == kind);
            let Some(m) = m else { continue };
            let gap = &s[kend..m.start];
            if gap.chars().count() <= 6
                && gap
                    .chars()
                    .all(|c| c.is_whitespace() || "为是：:约达共计了".contains(c))
                && best.is_none_or(|b| m.start < b.start)
            {
                best = Some(m);
            }
        }
        if best.is_some() {
            break;
        }
    }
    best.cloned()
}

fn parse_execution(text: &str, loc: &Loc, unit: Unit) -> Option<ExecutionStatement> {
    let ms = find_mentions(text, unit);
    let budget = bind_after(text, &ms, BUDGET_KEYS, MentionKind::Amount);
    let executed = bind_after(text, &ms, EXEC_KEYS, MentionKind::Amount);
    let rate = bind_after(text, &ms, RATE_KEYS, MentionKind::Percent);
    let n = [budget.is_some(), executed.is_some(), rate.is_some()]
        .iter()
        .filter(|b| **b)
        .count();
    (n >= 2).then(|| ExecutionStatement {
        text: text.to_string(),
        loc: loc.clone(),
        budget,
        executed,
        rate,
    })
}

/// Cut text lines into sentences at 。, each with the line it starts on.
fn sentences<'a>(lines: impl Iterator<Item = &'a RawLine>) -> Vec<(String, Loc)> {
    let mut out = Vec::new();
    for l in lines {
        let t = l.text.trim();
        if t.is_empty() {
            continue;
        }
        for piece in t.split_inclusive('。') {
            let p = piece.trim();
            if !p.is_empty() {
                out.push((p.to_string(), l.loc.clone()));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Projects.

fn project_name(l: &RawLine) -> Option<String> {
    if let Some(cells) = &l.cells {
        let ne: Vec<&str> = cells
            .iter()
            .map(|c| c.text.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if ne.len() >= 2 && text::key(ne[0]).trim_end_matches([':', '：']) == "项目名称" {
            return Some(text::clean_label(ne[1]));
        }
    }
    let t = text::fold_width(l.text.trim());
    let rest = t.strip_prefix("项目名称")?;
    let rest = rest.trim_start().strip_prefix([':', '：'])?;
    let name = text::clean_label(rest);
    (!name.is_empty() && name.chars().count() <= 60).then_some(name)
}

fn is_report_title(l: &RawLine) -> bool {
    let k = text::key(&l.text);
    k.contains("绩效自评") && (k.ends_with("报告") || k.ends_with("表")) && k.chars().count() < 40
}

/// Find the performance appendices.
pub fn recognise_performance(doc: &RawDoc, regions: &Regions) -> Vec<PerfProject> {
    let n = doc.lines.len();
    // the appendices first; self-evaluation tables printed elsewhere (inside the 情况说明, or
    // after the tables without a 附件 heading) when the appendices hold none
    if let Some((s, e)) = regions.appendix {
        let found = projects_in(&doc.lines[s.min(n)..e.min(n)]);
        if !found.is_empty() {
            return found;
        }
    }
    projects_in(&doc.lines)
}

fn projects_in(lines: &[RawLine]) -> Vec<PerfProject> {
    if lines.is_empty() {
        return Vec::new();
    }
    // project starts: 项目名称 lines
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| project_name(l).is_some())
        .map(|(i, _)| i)
        .collect();
    let mut out = Vec::new();
    for (n, &st) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(lines.len());
        // the report title just before the name belongs to this project; drop it from the
        // previous project's block
        let block_end = {
            let mut be = end;
            if n + 1 < starts.len() {
                let mut k = end;
                let mut seen = 0;
                while k > st + 1 && seen < 3 {
                    k -= 1;
                    if lines[k].is_blank() {
                        continue;
                    }
                    seen += 1;
                    if is_report_title(&lines[k]) {
                        be = k;
                        break;
                    }
                }
            }
            be
        };
        let title_line = (st.saturating_sub(4)..st)
            .rev()
            .find(|&k| is_report_title(&lines[k]));
        if let Some(p) = parse_project(
            &lines[st..block_end],
            title_line.map(|k| &lines[k]),
            out.len() + 1,
        ) {
            out.push(p);
        }
    }
    out
}

fn parse_project(lines: &[RawLine], title: Option<&RawLine>, idx: usize) -> Option<PerfProject> {
    let name = project_name(&lines[0])?;
    let mut p = PerfProject {
        id: format!("p{idx}"),
        name,
        loc: lines[0].loc.clone(),
        first_line: title.and_then(|t| t.loc.line).or(lines[0].loc.line),
        last_line: lines
            .iter()
            .rev()
            .find(|l| !l.is_blank())
            .and_then(|l| l.loc.line),
        unit: None,
        funds_columns: Vec::new(),
        funds: Vec::new(),
        indicator_columns: Vec::new(),
        indicators: Vec::new(),
        indicator_total: None,
        funds_complete: true,
        indicators_complete: true,
        statement: None,
        execution: None,
        printed: Vec::new(),
    };
    let mut used = vec![false; lines.len()];
    let mut unit_line: Option<Unit> = None;
    let mut i = 1;
    while i < lines.len() {
        let l = &lines[i];
        let k = text::key(&l.text);
        if unit_line.is_none() && k.contains("单位") && k.chars().count() < 30 {
            unit_line = unit_in(&k);
        }
        if p.funds.is_empty() && is_funds_header(&k) {
            i = parse_funds(lines, i, &mut p, &mut used, unit_line);
            continue;
        }
        if p.indicators.is_empty() && is_indicator_header(&k) {
            i = parse_indicators(lines, i, &mut p, &mut used);
            continue;
        }
        i += 1;
    }
    if p.unit.is_none() {
        p.unit = unit_line;
    }
    // the text: lines not used by a table
    let text_lines = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| !used[*i] && !l.is_grid())
        .map(|(_, l)| l);
    let sents = sentences(text_lines);
    let unit = p.money_unit();
    // the execution figures: prefer the 预算执行 section (other sections may speak of next
    // year's budget)
    let mut in_exec_section = false;
    let mut in_section: Option<ExecutionStatement> = None;
    let mut elsewhere: Option<ExecutionStatement> = None;
    for (t, loc) in &sents {
        if is_heading(t) {
            in_exec_section = t.contains("预算执行") || t.contains("资金使用");
            continue;
        }
        if p.statement.is_none() && t.contains("得分") {
            if let Some(st) = parse_score_statement(t, loc) {
                if st.total.is_some() {
                    p.statement = Some(st);
                }
            }
        }
        if in_exec_section && in_section.is_none() {
            let ms = find_mentions(t, unit);
            let budget = bind_after(t, &ms, BUDGET_KEYS, MentionKind::Amount);
            let executed = bind_after(t, &ms, EXEC_KEYS, MentionKind::Amount);
            let rate = bind_after(t, &ms, RATE_KEYS, MentionKind::Percent);
            if budget.is_some() || executed.is_some() || rate.is_some() {
                in_section = Some(ExecutionStatement {
                    text: t.clone(),
                    loc: loc.clone(),
                    budget,
                    executed,
                    rate,
                });
            }
        } else if elsewhere.is_none() {
            elsewhere = parse_execution(t, loc, unit);
        }
    }
    p.execution = in_section.or(elsewhere);
    if p.funds.is_empty() && p.indicators.is_empty() && p.statement.is_none() {
        return None;
    }
    Some(p)
}

fn printed(toks: &[Tok], loc: &Loc, header: bool) -> PrintedRow {
    PrintedRow {
        cells: toks.iter().map(|t| t.text.clone()).collect(),
        line: loc.line,
        header,
    }
}

/// Next non-blank line index from `i`.
fn next_nonblank(lines: &[RawLine], mut i: usize) -> Option<usize> {
    while i < lines.len() {
        if !lines[i].is_blank() {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn parse_funds(
    lines: &[RawLine],
    hi: usize,
    p: &mut PerfProject,
    used: &mut [bool],
    unit_line: Option<Unit>,
) -> usize {
    let h1 = tokens(&lines[hi]);
    used[hi] = true;
    p.printed.push(printed(&h1, &lines[hi].loc, true));
    let mut i = hi + 1;
    let mut h2 = None;
    if let Some(j) = next_nonblank(lines, i) {
        let t = tokens(&lines[j]);
        if sub_header(&t, funds_key) {
            used[j] = true;
            p.printed.push(printed(&t, &lines[j].loc, true));
            h2 = Some(t);
            i = j + 1;
        }
    }
    let cols = header_columns(&h1, h2.as_deref(), funds_key);
    let header_key: String = h1
        .iter()
        .chain(h2.iter().flatten())
        .map(|t| text::key(&t.text))
        .collect();
    p.unit = unit_in(&header_key).or(unit_line);
    let unit = p.money_unit();
    let value_cols: Vec<(Option<usize>, &'static str, String)> =
        cols.iter().filter(|c| c.1 != "label").cloned().collect();
    p.funds_columns = value_cols
        .iter()
        .map(|c| PerfColumn {
            key: c.1,
            label: c.2.clone(),
        })
        .collect();
    let grid_ok = value_cols.iter().all(|c| c.0.is_some());
    let parse = |l: &RawLine| -> Option<FundsRow> {
        if is_heading(&l.text) {
            return None;
        }
        let toks = tokens(l);
        if l.is_grid() && grid_ok {
            funds_row_grid(&toks, &value_cols, unit, &l.loc)
        } else {
            funds_row_words(&toks, &value_cols, unit, &l.loc)
        }
    };
    // a label wrapped onto its own line (PDF text layers) goes in front of the next row's
    let mut pending = String::new();
    loop {
        let Some(j) = next_nonblank(lines, i) else {
            return lines.len();
        };
        let l = &lines[j];
        let toks = tokens(l);
        match parse(l) {
            Some(mut r) => {
                if !pending.is_empty() {
                    r.label = format!("{pending}{}", r.label);
                    r.role = funds_role(&r.label);
                    pending.clear();
                }
                used[j] = true;
                p.printed.push(printed(&toks, &l.loc, false));
                p.funds.push(r);
                i = j + 1;
            }
            None => {
                let t = text::clean_label(&l.text);
                let short = t.chars().count() <= 20 && !t.chars().any(|c| c.is_ascii_digit());
                let next_is_row =
                    next_nonblank(lines, j + 1).is_some_and(|k| parse(&lines[k]).is_some());
                if short
                    && !t.contains("单位")
                    && next_is_row
                    && !is_heading(&l.text)
                    && !is_indicator_header(&text::key(&l.text))
                {
                    used[j] = true;
                    p.printed.push(printed(&toks, &l.loc, false));
                    pending.push_str(&t);
                    i = j + 1;
                    continue;
                }
                // rows past the stop (before the next heading) mean the block was not read
                // to its end
                if !is_heading(&l.text) {
                    for m in &lines[j + 1..] {
                        if m.is_blank() {
                            continue;
                        }
                        if is_heading(&m.text) || is_indicator_header(&text::key(&m.text)) {
                            break;
                        }
                        if parse(m).is_some() {
                            p.funds_complete = false;
                            break;
                        }
                    }
                }
                return j;
            }
        }
    }
}

fn funds_row_grid(
    toks: &[Tok],
    cols: &[(Option<usize>, &'static str, String)],
    unit: Unit,
    loc: &Loc,
) -> Option<FundsRow> {
    let value_idx: Vec<usize> = cols.iter().filter_map(|c| c.0).collect();
    let label: Vec<&str> = toks
        .iter()
        .filter(|t| !t.text.is_empty() && !t.col.is_some_and(|c| value_idx.contains(&c)))
        .map(|t| t.text.as_str())
        .collect();
    let label = label.last()?.to_string();
    if is_funds_value(&label) {
        return None;
    }
    let mut cells = Vec::new();
    let mut any = false;
    for c in cols {
        let raw =
            c.0.and_then(|ci| toks.get(ci))
                .map_or("", |t| t.text.as_str());
        if !raw.is_empty() && !is_funds_value(raw) {
            return None;
        }
        any |= !raw.is_empty();
        let mut v = make_value(raw, c.1, unit, loc);
        v.col = c.0;
        cells.push((c.1, v));
    }
    any.then(|| FundsRow {
        role: funds_role(&label),
        label: text::clean_label(&label),
        cells,
        ambiguous: false,
        loc: loc.clone(),
    })
}

fn funds_row_words(
    toks: &[Tok],
    cols: &[(Option<usize>, &'static str, String)],
    unit: Unit,
    loc: &Loc,
) -> Option<FundsRow> {
    let w: Vec<&str> = toks
        .iter()
        .map(|t| t.text.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    let first_val = w.iter().position(|s| is_funds_value(s))?;
    if first_val == 0 {
        return None;
    }
    let label = w[..first_val].join("");
    let vals: Vec<String> = w[first_val..].iter().map(|s| s.to_string()).collect();
    if vals.iter().any(|v| !is_funds_value(v)) {
        return None;
    }
    let keys: Vec<&'static str> = cols.iter().map(|c| c.1).collect();
    let (placed, ambiguous) = assign_by_count(&keys, &vals);
    let cells = keys
        .iter()
        .map(|k| {
            let raw = placed
                .iter()
                .find(|(pk, _)| pk == k)
                .map_or("", |(_, v)| v.as_str());
            (*k, make_value(raw, k, unit, loc))
        })
        .collect();
    Some(FundsRow {
        role: funds_role(&label),
        label: text::clean_label(&label),
        cells,
        ambiguous,
        loc: loc.clone(),
    })
}

fn parse_indicators(lines: &[RawLine], hi: usize, p: &mut PerfProject, used: &mut [bool]) -> usize {
    let h1 = tokens(&lines[hi]);
    used[hi] = true;
    p.printed.push(printed(&h1, &lines[hi].loc, true));
    let mut i = hi + 1;
    let mut h2 = None;
    if let Some(j) = next_nonblank(lines, i) {
        let t = tokens(&lines[j]);
        if sub_header(&t, indicator_key) {
            used[j] = true;
            p.printed.push(printed(&t, &lines[j].loc, true));
            h2 = Some(t);
            i = j + 1;
        }
    }
    let cols = header_columns(&h1, h2.as_deref(), indicator_key);
    p.indicator_columns = cols
        .iter()
        .filter(|c| c.1 != "label")
        .map(|c| PerfColumn {
            key: c.1,
            label: c.2.clone(),
        })
        .collect();
    // values between the name and the weight
    let n_values = {
        let name = cols.iter().position(|c| c.1 == "name");
        let weight = cols.iter().position(|c| c.1 == "weight");
        match (name, weight) {
            (Some(a), Some(b)) if b > a => b - a - 1,
            _ => 3,
        }
    };
    let grid_ok = cols
        .iter()
        .filter(|c| matches!(c.1, "name" | "weight" | "score"))
        .count()
        == 3
        && cols.iter().all(|c| c.0.is_some());
    let parse = |l: &RawLine, carry: &mut Carry| -> Option<Indicator> {
        if is_heading(&l.text) {
            return None;
        }
        let toks = tokens(l);
        if l.is_grid() && grid_ok {
            indicator_from_grid(&toks, &cols, carry, &l.loc)
                .or_else(|| indicator_from_words(&toks, n_values, carry, &l.loc))
        } else if !l.text.contains('。') || l.text.chars().count() < 200 {
            indicator_from_words(&toks, n_values, carry, &l.loc)
        } else {
            None
        }
    };
    let is_header = |l: &RawLine| {
        is_indicator_header(&text::key(&l.text)) || sub_header(&tokens(l), indicator_key)
    };
    let mut carry = Carry::default();
    let stop = loop {
        let Some(j) = next_nonblank(lines, i) else {
            return lines.len();
        };
        let l = &lines[j];
        let toks = tokens(l);
        if is_heading(&l.text) {
            break j;
        }
        if let Some(t) = indicator_total(&toks, &l.loc) {
            used[j] = true;
            p.printed.push(printed(&toks, &l.loc, false));
            p.indicator_total = Some(t);
            return j + 1;
        }
        // a header repeated after a page break
        if is_header(l) {
            used[j] = true;
            i = j + 1;
            continue;
        }
        match parse(l, &mut carry) {
            Some(r) => {
                used[j] = true;
                p.printed.push(printed(&toks, &l.loc, false));
                // subtotal rows (产出指标 小计 50 45) are not indicators
                if !matches!(text::key(&r.name).as_str(), "小计" | "合计" | "总计") {
                    p.indicators.push(r);
                }
                i = j + 1;
            }
            None => {
                // a wrapped cell or a page footer (PDF text layers): a short line followed
                // by another row (a repeated header in between is skipped)
                let mut next = j + 1;
                let next = loop {
                    match next_nonblank(lines, next) {
                        Some(k) if is_header(&lines[k]) => next = k + 1,
                        other => break other,
                    }
                };
                let Some(next) = next else {
                    break j;
                };
                let mut probe = Carry {
                    level1: carry.level1.clone(),
                    level2: carry.level2.clone(),
                };
                if p.indicators.is_empty()
                    || l.text.trim().chars().count() > 60
                    || parse(&lines[next], &mut probe).is_none()
                {
                    break j;
                }
                used[j] = true;
                p.printed.push(printed(&toks, &l.loc, false));
                let page_footer = !l.text.chars().any(text::is_cjk);
                if let Some(last) = p.indicators.last_mut().filter(|_| !page_footer) {
                    let extra = text::clean_label(&l.text);
                    match &mut last.reason {
                        Some(r) => r.push_str(&extra),
                        None => last.reason = Some(extra),
                    }
                }
                i = j + 1;
            }
        }
    };
    // rows past the stop (before the next heading) mean the table was not read to its end
    let mut probe = Carry::default();
    let tail = if is_heading(&lines[stop].text) {
        &lines[0..0]
    } else {
        &lines[stop + 1..]
    };
    for l in tail {
        if l.is_blank() || is_header(l) {
            continue;
        }
        if is_heading(&l.text) {
            break;
        }
        if parse(l, &mut probe).is_some() {
            p.indicators_complete = false;
            break;
        }
    }
    stop
}

// ---------------------------------------------------------------------------------------------
// The 情况说明's 绩效 sentences.

/// "N个项目…“优”，N个…“良”…" or "“优”的项目 N 个；…": grade counts of a set of projects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeCounts {
    pub text: String,
    pub loc: Loc,
    /// The number of projects the sentence speaks of, when it says.
    pub total: Option<Mention>,
    pub counts: Vec<(String, Mention)>,
    /// 平均得分 (Shanghai 十).
    pub average: Option<Mention>,
}

/// "{项目}…总得分 84 分，属于“良”" for one appendix project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectResult {
    pub project: String,
    pub statement: ScoreStatement,
}

/// "…项目 N 个…涉及资金 A 元".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FundsStatement {
    pub text: String,
    pub loc: Loc,
    pub count: Mention,
    pub amount: Mention,
}

/// "共发现问题 k 个，已经完成整改的 k1 个，正在整改的 k2 个".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rectification {
    pub text: String,
    pub loc: Loc,
    pub found: Mention,
    pub done: Option<Mention>,
    pub ongoing: Option<Mention>,
}

/// A statement that all (年初预算安排的) projects were self-evaluated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    pub text: String,
    pub loc: Loc,
}

/// What the 情况说明 says about performance, bound to the appendix projects.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PerfSummary {
    pub grade_counts: Vec<GradeCounts>,
    pub project_results: Vec<ProjectResult>,
    pub funds: Vec<FundsStatement>,
    pub rectification: Vec<Rectification>,
    pub coverage: Vec<Coverage>,
}

fn is_perf_sentence(s: &Sentence) -> bool {
    s.section.iter().any(|h| h.contains("绩效"))
        || s.text.contains("绩效自评")
        || s.text.contains("绩效评价")
}

fn count_mentions(text: &str) -> Vec<Mention> {
    find_mentions(text, Unit::Yuan)
        .into_iter()
        .filter(|m| {
            m.kind == MentionKind::Count && m.raw.ends_with('个') && m.num.value.scale() == 0
        })
        .collect()
}

/// The count of projects a sentence states before byte `before`: the last "N个" near 项目.
fn project_count(text: &str, counts: &[Mention], before: usize, skip: &[usize]) -> Option<Mention> {
    counts
        .iter()
        .filter(|m| m.end <= before && !skip.contains(&m.start))
        .rfind(|m| {
            let before: String = text[..m.start].chars().rev().take(10).collect();
            let after: String = text[m.end..].chars().take(6).collect();
            before.contains("目项") || after.contains("项目")
        })
        .cloned()
}

fn parse_grade_counts(s: &Sentence) -> Option<GradeCounts> {
    let text = &s.text;
    let counts = count_mentions(text);
    if counts.is_empty() {
        return None;
    }
    let mut pairs: Vec<(String, Mention)> = Vec::new();
    // clauses
    let mut start = 0;
    let seps: &[char] = &[
        '，', '；', '。', ',', ';', '、', '：', ':', '（', '）', '(', ')',
    ];
    let mut bounds = Vec::new();
    for (i, c) in text.char_indices() {
        if seps.contains(&c) {
            bounds.push((start, i));
            start = i + c.len_utf8();
        }
    }
    bounds.push((start, text.len()));
    for (a, b) in bounds {
        let clause = &text[a..b];
        let mut grades = Vec::new();
        for (i, _) in clause.char_indices() {
            if let Some(g) = grade_at(clause, i, true) {
                grades.push((g.0, a + g.1));
            }
        }
        if grades.len() != 1 {
            continue;
        }
        let (g, gpos) = grades.remove(0);
        let inside: Vec<&Mention> = counts
            .iter()
            .filter(|m| m.start >= a && m.end <= b)
            .collect();
        let m = inside
            .iter()
            .rev()
            .find(|m| m.end <= gpos)
            .or_else(|| inside.iter().find(|m| m.start > gpos));
        if let Some(m) = m {
            pairs.push((g, (*m).clone()));
        }
    }
    if pairs.is_empty() {
        return None;
    }
    let first = pairs.iter().map(|p| p.1.start).min().unwrap_or(0);
    let used: Vec<usize> = pairs.iter().map(|p| p.1.start).collect();
    let total = project_count(text, &counts, first, &used);
    let average = keyed_number(text, &["平均得分", "平均分"], 0).map(|mut m| {
        m.num.half_unit = half_unit(m.decimals, false);
        m
    });
    Some(GradeCounts {
        text: text.clone(),
        loc: s.loc.clone(),
        total,
        counts: pairs,
        average,
    })
}

fn parse_rectification(s: &Sentence) -> Option<Rectification> {
    let t = &s.text;
    let found = keyed_number(t, &["发现问题", "发现的问题", "问题"], 0)?;
    if !t.contains("整改") {
        return None;
    }
    let done = keyed_number(
        t,
        &[
            "已经完成整改的",
            "已完成整改的",
            "完成整改的",
            "已整改",
            "完成整改",
        ],
        0,
    );
    let ongoing = keyed_number(
        t,
        &["正在整改的", "正在整改", "整改中的", "未完成整改的"],
        0,
    );
    Some(Rectification {
        text: t.clone(),
        loc: s.loc.clone(),
        found,
        done,
        ongoing,
    })
}

fn parse_funds_statement(s: &Sentence, unit: Unit) -> Option<FundsStatement> {
    let t = &s.text;
    if t.contains("整体") {
        return None;
    }
    let ms = find_mentions(t, unit);
    let amount = bind_after(
        t,
        &ms,
        &["涉及资金", "涉及预算金额", "涉及预算资金", "涉及金额"],
        MentionKind::Amount,
    )?;
    let counts = count_mentions(t);
    let count = project_count(t, &counts, amount.start, &[])?;
    Some(FundsStatement {
        text: t.clone(),
        loc: s.loc.clone(),
        count,
        amount,
    })
}

/// Bind the 情况说明's 绩效 sentences. Amounts are converted to `unit`.
pub fn summarise(narrative: &[Sentence], projects: &[PerfProject], unit: Unit) -> PerfSummary {
    let mut out = PerfSummary::default();
    for s in narrative.iter().filter(|s| is_perf_sentence(s)) {
        if let Some(g) = parse_grade_counts(s) {
            out.grade_counts.push(g);
        }
        if let Some(r) = parse_rectification(s) {
            out.rectification.push(r);
        }
        if let Some(f) = parse_funds_statement(s, unit) {
            out.funds.push(f);
        }
        let k = &s.text;
        if (k.contains("所有项目") || k.contains("全部项目") || k.contains("项目支出总额的100%"))
            && (k.contains("自评") || k.contains("评价"))
        {
            out.coverage.push(Coverage {
                text: s.text.clone(),
                loc: s.loc.clone(),
            });
        }
        // a project's result: the longest project name the sentence contains
        let named = projects
            .iter()
            .filter(|p| !p.name.is_empty() && s.text.contains(&p.name))
            .max_by_key(|p| p.name.len());
        if let Some(p) = named {
            let from = s.text.find(&p.name).unwrap_or(0);
            if let Some(st) = parse_score_statement(&s.text[from..], &s.loc) {
                // spans relative to the whole sentence
                let shift = |m: Option<Mention>| {
                    m.map(|mut m| {
                        m.start += from;
                        m.end += from;
                        m
                    })
                };
                let grade = st.grade.map(|mut g| {
                    g.start += from;
                    g.end += from;
                    g
                });
                out.project_results.push(ProjectResult {
                    project: p.name.clone(),
                    statement: ScoreStatement {
                        text: s.text.clone(),
                        loc: s.loc.clone(),
                        exec_score: shift(st.exec_score),
                        indicator_score: shift(st.indicator_score),
                        total: shift(st.total),
                        grade,
                    },
                });
            }
        }
    }
    out
}

/// A raw document from pasted text (tab lines become grids), for tests.
#[cfg(test)]
pub(crate) fn test_doc(text: &str) -> RawDoc {
    use crate::model::{RawCell, SourceKind};
    let lines = text
        .lines()
        .enumerate()
        .map(|(i, t)| {
            let loc = Loc::line(i as u32 + 1);
            RawLine {
                text: t.to_string(),
                cells: t.contains('\t').then(|| {
                    t.split('\t')
                        .map(|c| RawCell {
                            text: c.trim().to_string(),
                            loc: loc.clone(),
                        })
                        .collect()
                }),
                loc,
            }
        })
        .collect();
    RawDoc {
        kind: SourceKind::Text,
        lines,
        pages: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> RawDoc {
        test_doc(text)
    }

    const SPACED: &str = "第五部分 附件
项目支出绩效自评分析报告
项目名称：窗口运行经费
二、项目绩效完成情况
(一) 预算执行情况
资金来源 年初预算数 全年预算数(元) 全年执行数(元) 资金结(转)余(元) 执行率 得分
目标申报(元) 预算编制(元)
合计 600,000 600,000 134,392 134,392 0 100 10
市县区财政资金 600,000 600,000 134,392 134,392 0
(二) 绩效指标完成情况
一级指标 二级指标 指标名称 年度指标 实际完成值 权重 得分 偏差原因分析及改进措施
年初指标 调整后指标
产出指标 数量指标 应急预案演练次数 2 ≥2次 0 4 0 因疫情原因未开展此项工作。
征订报刊种类 10 ≥10类 0 4 0 由局机关统一征订
出差报销次数 2 ≥2 次 12 6 6 根据实际出差情况，每月报销。
质量指标 采购合格率 100 =100% 100 5 5
成本指标 运行经费所需成本总额 93 =93万元 13.44 10 2 全年预算资金实际下发60万元, 部分未支付。
效益指标 社会效益指标 保障日常工作正常开展 保障 保障 达成预期指标 41 41
满意度指标 服务对象满意度指标 工作人员满意度 90 ≥90% 90 20 20
三、项目自评结果
1. 项目自评得分和结论
综合考虑预算执行情况得分 10 分、产出、效益各方面因素，指标完成情况得分 74 分，最终评分结果：总得分 84 分，属于\"良\"。
3. 项目实施和预算执行情况分析
2022 年全年预算资金 60 万元，全年执行资金 13.44 万元，预算执行率 22.4%，由于疫情原因，部分项目未开展。
";

    #[test]
    fn space_separated_project() {
        let d = doc(SPACED);
        let r = Regions::find(&d);
        let ps = recognise_performance(&d, &r);
        assert_eq!(ps.len(), 1);
        let p = &ps[0];
        assert_eq!(p.name, "窗口运行经费");
        assert_eq!(p.unit, Some(Unit::Yuan));
        let keys: Vec<&str> = p.funds_columns.iter().map(|c| c.key).collect();
        assert_eq!(
            keys,
            [
                "initial_declared",
                "initial_compiled",
                "annual_budget",
                "executed",
                "balance",
                "rate",
                "score"
            ]
        );
        assert_eq!(p.funds.len(), 2);
        let t = p.total_row().unwrap();
        assert_eq!(t.cell("rate").unwrap().raw, "100");
        assert_eq!(t.cell("score").unwrap().raw, "10");
        let s = &p.funds[1];
        assert_eq!(s.role, "source");
        assert!(!s.ambiguous);
        assert_eq!(s.cell("balance").unwrap().raw, "0");
        assert!(s.cell("rate").unwrap().blank);
        assert_eq!(p.indicators.len(), 7);
        let i1 = &p.indicators[1];
        assert_eq!(i1.name, "征订报刊种类");
        assert_eq!(i1.level1.as_deref(), Some("产出指标"));
        assert_eq!(i1.level2.as_deref(), Some("数量指标"));
        assert_eq!(i1.weight.as_ref().unwrap().raw, "4");
        let i2 = &p.indicators[2];
        assert_eq!(i2.target_adjusted.as_deref(), Some("≥2次"));
        assert_eq!(i2.score.as_ref().unwrap().raw, "6");
        let cost = &p.indicators[4];
        assert_eq!(cost.level1.as_deref(), Some("产出指标"));
        assert_eq!(cost.level2.as_deref(), Some("成本指标"));
        assert_eq!(cost.weight.as_ref().unwrap().raw, "10");
        assert_eq!(cost.score.as_ref().unwrap().raw, "2");
        assert_eq!(
            p.indicator_sums(),
            Some((Decimal::from(90), Decimal::from(74)))
        );
        let st = p.statement.as_ref().unwrap();
        assert_eq!(st.total.as_ref().unwrap().num.value, Decimal::from(84));
        assert_eq!(st.exec_score.as_ref().unwrap().num.value, Decimal::from(10));
        assert_eq!(
            st.indicator_score.as_ref().unwrap().num.value,
            Decimal::from(74)
        );
        assert_eq!(st.grade.as_ref().unwrap().grade, "良");
        let ex = p.execution.as_ref().unwrap();
        assert_eq!(
            ex.budget.as_ref().unwrap().num.value,
            Decimal::from(600_000)
        );
        assert_eq!(
            ex.executed.as_ref().unwrap().num.value,
            Decimal::from(134_400)
        );
        assert_eq!(ex.rate.as_ref().unwrap().raw, "22.4%");
        assert_eq!(
            &ex.text[ex.rate.as_ref().unwrap().start..ex.rate.as_ref().unwrap().end],
            "22.4%"
        );
    }

    #[test]
    fn central_grid_project() {
        let t = "附件
项目支出绩效自评表
项目名称\t社区服务补助
项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
\t年度资金总额\t100.00\t120.00\t108.00\t10\t90%\t9
\t其中：当年财政拨款\t100.00\t120.00\t108.00\t—\t—\t—
\t上年结转资金\t\t\t\t—\t—\t—
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
\t产出指标\t数量指标\t服务人次\t≥1000人次\t1200人次\t30\t30\t
\t\t质量指标\t合格率\t100%\t98%\t20\t18\t
\t效益指标\t社会效益指标\t群众获得感\t提高\t提高\t30\t30\t
\t满意度指标\t服务对象满意度指标\t满意度\t≥90%\t92%\t10\t10\t
总分\t\t\t\t\t\t100\t97\t
";
        let d = doc(t);
        let ps = recognise_performance(&d, &Regions::find(&d));
        assert_eq!(ps.len(), 1);
        let p = &ps[0];
        assert_eq!(p.unit, Some(Unit::WanYuan));
        assert_eq!(p.funds.len(), 3);
        let tot = p.total_row().unwrap();
        assert_eq!(tot.label, "年度资金总额");
        assert!(tot.cell("rate").unwrap().percent);
        assert_eq!(p.exec_weight().unwrap().raw, "10");
        assert_eq!(p.indicators.len(), 4);
        assert_eq!(p.indicators[1].level1.as_deref(), Some("产出指标"));
        assert_eq!(p.indicators[1].level2.as_deref(), Some("质量指标"));
        assert_eq!(
            p.indicator_sums(),
            Some((Decimal::from(90), Decimal::from(88)))
        );
        let it = p.indicator_total.as_ref().unwrap();
        assert_eq!(it.weight.as_ref().unwrap().raw, "100");
        assert_eq!(it.score.as_ref().unwrap().raw, "97");
    }

    fn sentence(t: &str) -> Sentence {
        Sentence {
            text: t.to_string(),
            loc: Loc::line(1),
            section: vec![
                "十、其他重要事项情况说明".into(),
                "(四)预算绩效情况说明".into(),
            ],
            mentions: find_mentions(t, Unit::Yuan),
        }
    }

    #[test]
    fn grade_count_sentences() {
        let s = sentence("组织对2022年度年初预算安排的3个项目资金开展了绩效自评；其中：1个项目绩效评价结果为“优”，1个项目绩效评价结果为“良”，1个项目绩效评价结果为“中”；对于项目自评结果为“中”的项目，在下一步工作中要改进。");
        let g = parse_grade_counts(&s).unwrap();
        assert_eq!(g.total.as_ref().unwrap().num.value, Decimal::from(3));
        let gs: Vec<&str> = g.counts.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(gs, ["优", "良", "中"]);
        let s = sentence("绩效自评的2024年度项目 12 个，平均得分 91.5 分（其中，绩效评级为“优”的项目 8 个；“良”的项目 3 个；“合格”的项目 1 个；“不合格”的项目 0 个。");
        let g = parse_grade_counts(&s).unwrap();
        assert_eq!(g.total.as_ref().unwrap().num.value, Decimal::from(12));
        let gs: Vec<(&str, String)> = g
            .counts
            .iter()
            .map(|c| (c.0.as_str(), c.1.num.value.to_string()))
            .collect();
        assert_eq!(
            gs,
            [
                ("优", "8".to_string()),
                ("良", "3".to_string()),
                ("合格", "1".to_string()),
                ("不合格", "0".to_string())
            ]
        );
        assert_eq!(g.average.as_ref().unwrap().raw, "91.5 分");
        let s = sentence("对于自评结果为“中”和“差”的项目，本部门采取的改进管理措施为无。");
        assert!(parse_grade_counts(&s).is_none());
    }

    #[test]
    fn funds_and_rectification_sentences() {
        let s = sentence("晋城市某中心2022年度部门预算二级项目绩效自评个数3个，涉及资金1,735,000.00元：1个项目自评等级为“优”。");
        let f = parse_funds_statement(&s, Unit::Yuan).unwrap();
        assert_eq!(f.count.num.value, Decimal::from(3));
        assert_eq!(f.amount.num.value.to_string(), "1735000.00");
        let s = sentence("组织开展了2022年度部门整体支出绩效自评，涉及资金0元。");
        assert!(parse_funds_statement(&s, Unit::Yuan).is_none());
        let s = sentence("共发现问题 5 个，已经完成整改的 3 个，正在整改的 2 个）。");
        let r = parse_rectification(&s).unwrap();
        assert_eq!(r.found.num.value, Decimal::from(5));
        assert_eq!(r.done.unwrap().num.value, Decimal::from(3));
        assert_eq!(r.ongoing.unwrap().num.value, Decimal::from(2));
    }

    #[test]
    fn words_glue_units() {
        let w: Vec<String> = words("邮寄数量 100000 ≥100000 份 5600 20 1 由于 此工作")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            w,
            [
                "邮寄数量",
                "100000",
                "≥100000份",
                "5600",
                "20",
                "1",
                "由于",
                "此工作"
            ]
        );
    }
}
