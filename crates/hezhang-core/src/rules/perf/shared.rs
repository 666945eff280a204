//! Helpers shared by the performance rules: locations of performance cells and sentences,
//! project names for messages, the 情况说明 binding.

use rust_decimal::Decimal;

use crate::finding::{Location, Role};
use crate::model::{Loc, Mention, Num, Report, Unit};
use crate::recognise::perf::{
    summarise, FundsRow, GradeMention, Indicator, PerfProject, PerfSummary, PerfValue,
};
use crate::rules::Ctx;

/// The projects, or record "not applicable" and return `None`.
pub fn need_projects<'r>(ctx: &mut Ctx, r: &'r Report) -> Option<&'r [PerfProject]> {
    if r.performance.is_empty() {
        ctx.na(
            "报告未附项目支出绩效自评表",
            "the report has no project performance self-evaluation",
        );
        None
    } else {
        Some(&r.performance)
    }
}

/// The 情况说明's 绩效 sentences bound to the projects.
pub fn summary(r: &Report) -> PerfSummary {
    summarise(&r.narrative, &r.performance, r.unit())
}

fn base(kind: &'static str, role: Role, loc: &Loc) -> Location {
    let mut l = Location::passage(role, "", loc);
    l.kind = kind;
    l.text = None;
    l
}

/// A cell of a project's funds block.
pub fn funds_loc(role: Role, p: &PerfProject, row: &FundsRow, key: &str) -> Option<Location> {
    let v = row.cell(key)?;
    let col = p
        .funds_columns
        .iter()
        .find(|c| c.key == key)
        .map(|c| c.label.clone())
        .unwrap_or_else(|| key.to_string());
    Some(value_loc(role, p, &row.label, &col, v))
}

/// A weight or score cell of an indicator row.
pub fn indicator_loc(role: Role, p: &PerfProject, ind: &Indicator, key: &str) -> Option<Location> {
    let v = match key {
        "weight" => ind.weight.as_ref()?,
        "score" => ind.score.as_ref()?,
        _ => return None,
    };
    let col = p
        .indicator_columns
        .iter()
        .find(|c| c.key == key)
        .map(|c| c.label.clone())
        .unwrap_or_else(|| key.to_string());
    Some(value_loc(role, p, &ind.name, &col, v))
}

/// Any value of a project's tables, by row and column label.
pub fn value_loc(role: Role, p: &PerfProject, row: &str, col: &str, v: &PerfValue) -> Location {
    let mut l = base("cell", role, &v.loc);
    l.table = Some(p.id.clone());
    l.row = Some(row.to_string());
    l.column = Some(col.to_string());
    l.value = Some(v.raw.clone());
    // Place it in the printed grid so the page can mark it: the printed row of its line, and
    // its column when the layout gave one, else the only printed cell with its text.
    let row_i = v
        .loc
        .line
        .and_then(|line| p.printed.iter().position(|r| r.line == Some(line)));
    if let Some(ri) = row_i {
        let cells = &p.printed[ri].cells;
        let col = v.col.filter(|&c| c < cells.len()).or_else(|| {
            let mut same = cells.iter().enumerate().filter(|(_, c)| **c == v.raw);
            match (same.next(), same.next()) {
                (Some((ci, _)), None) if !v.raw.is_empty() => Some(ci),
                _ => None,
            }
        });
        if let Some(ci) = col {
            l.grid_row = Some(ri);
            l.grid_col = Some(ci);
        }
    }
    l
}

/// A number in a sentence.
pub fn mention_loc(role: Role, text: &str, loc: &Loc, m: &Mention) -> Location {
    let mut l = Location::passage(role, text, loc);
    l.span = Some((m.start, m.end));
    l
}

/// A grade in a sentence.
pub fn grade_loc(role: Role, text: &str, loc: &Loc, g: &GradeMention) -> Location {
    let mut l = Location::passage(role, text, loc);
    l.span = Some((g.start, g.end));
    l
}

/// `项目“X”` / `project “X”`.
pub fn project_names(p: &PerfProject) -> (String, String) {
    (format!("项目“{}”", p.name), format!("Project “{}”", p.name))
}

/// A decimal for messages: thousands separators, printed scale kept.
pub fn show(d: Decimal) -> String {
    crate::i18n::thousands(d)
}

/// A percentage rounded to two decimals for messages.
pub fn pct2(d: Decimal) -> String {
    let mut r = d.round_dp(2);
    r.rescale(2);
    r.to_string()
}

/// A value converted from `from` to `to` keeping its half-unit proportionally.
pub fn rescale(n: Num, from: Unit, to: Unit) -> Num {
    if from == to {
        return n;
    }
    let f = from.in_yuan() / to.in_yuan();
    Num {
        value: n.value * f,
        half_unit: n.half_unit * f,
    }
}

/// The 执行率 分值: printed, or what the weights leave of the configured total.
pub fn exec_weight(p: &PerfProject, total: Decimal) -> Option<(Decimal, bool)> {
    if let Some(w) = p.exec_weight().and_then(|v| v.num) {
        return Some((w.value, true));
    }
    let (w, _) = p.indicator_sums()?;
    Some((total - w, false))
}

/// The grade names of the configured bands, normalising common long forms (优秀 → 优).
pub fn normalise_grade<'a>(g: &'a str, bands: &[crate::config::Band]) -> Option<&'a str> {
    if bands.iter().any(|b| b.grade == g) {
        return Some(g);
    }
    let short = match g {
        "优秀" => "优",
        "良好" => "良",
        "较差" => "差",
        _ => return None,
    };
    bands.iter().any(|b| b.grade == short).then_some(short)
}

/// The execution rate is scored as one of the indicators (some regions list 预算执行率 among
/// the indicators); the funds block's 得分 then restates that row.
pub fn exec_in_indicators(p: &PerfProject) -> bool {
    p.indicators.iter().any(|i| i.name.contains("执行率"))
}
