//! Recognition: raw lines → typed [`Report`]. Titles find tables, headers map columns to
//! canonical keys, labels and codes key the rows. Nothing downstream reads a position.

pub mod bind;
pub mod flat;
pub mod narrative;
pub mod perf;
pub mod tables;

use crate::model::{Meta, RawDoc, Report, Slot, Unit};
use crate::text;

/// Recognise a whole document.
pub fn recognise(doc: &RawDoc) -> Report {
    let regions = Regions::find(doc);
    let mut notes = Vec::new();
    let tables = tables::recognise_tables(doc, &regions, &mut notes);
    let unit = dominant_unit(&tables);
    let narrative = narrative::recognise_narrative(doc, &regions, unit.unwrap_or(Unit::Yuan));
    let performance = perf::recognise_performance(doc, &regions);

    let entity = tables
        .iter()
        .filter_map(|t| t.entity.clone())
        .next()
        .or_else(|| cover_entity(doc));
    let year = tables.iter().filter_map(|t| t.year).next().or_else(|| {
        doc.lines
            .iter()
            .take(40)
            .find_map(|l| text::find_year(&l.text))
    });
    let template = is_template(doc);
    let family = detect_family(&tables, unit);
    let lines = if doc.kind == crate::model::SourceKind::Text {
        Some(doc.lines.len() as u32)
    } else {
        None
    };
    let mut report = Report {
        meta: Meta {
            entity,
            year,
            unit,
            family,
            template,
        },
        source: doc.kind,
        lines,
        pages: doc.pages,
        tables,
        narrative,
        performance,
        notes,
        bindings: None,
    };
    report.bindings = Some(bind::compute(&report));
    report
}

/// Line ranges of the document's parts (half-open indices into `doc.lines`).
#[derive(Debug, Clone, Default)]
pub struct Regions {
    /// The 情况说明 narrative.
    pub narrative: Option<(usize, usize)>,
    /// The appendices (附件), where performance self-evaluations live.
    pub appendix: Option<(usize, usize)>,
}

fn is_toc_line(s: &str) -> bool {
    s.contains("....") || s.contains("……") || s.contains('\t')
}

/// A part heading that opens the 情况说明 narrative: 第三部分 …决算情况说明 (Shanxi, Shanghai),
/// also numbered otherwise (第二部分 …情况说明) or wrapped so that 说明 sits on the next line.
fn is_narrative_heading(k: &str, next: &str) -> bool {
    let part = k.starts_with('第') && k.chars().take(6).collect::<String>().contains("部分");
    if !part || k.contains("名词解释") {
        return false;
    }
    let both = format!("{k}{next}");
    k.contains("说明") || (both.contains("说明") && next.chars().count() <= 6)
}

impl Regions {
    pub fn find(doc: &RawDoc) -> Regions {
        let n = doc.lines.len();
        let keys: Vec<String> = doc
            .lines
            .iter()
            .map(|l| {
                if l.text.trim().is_empty() || is_toc_line(&l.text) {
                    String::new()
                } else {
                    text::key(l.text.trim())
                }
            })
            .collect();
        let next_key = |i: usize| {
            keys[i + 1..]
                .iter()
                .find(|k| !k.is_empty())
                .cloned()
                .unwrap_or_default()
        };
        let is_end =
            |k: &str| k.starts_with("第四部分") || k.starts_with("第五部分") || k == "名词解释";
        // every candidate heading; a contents page without leader dots repeats it, so take
        // the one that opens the longest region
        let mut best: Option<(usize, usize, usize)> = None; // (start, end, chars)
        for i in 0..n {
            let k = &keys[i];
            if k.is_empty() || !is_narrative_heading(k, &next_key(i)) {
                continue;
            }
            let start = if k.contains("说明") { i + 1 } else { i + 2 };
            let start = start.min(n);
            let end = (start..n).find(|&j| is_end(&keys[j])).unwrap_or(n);
            let chars: usize = keys[start..end].iter().map(|k| k.len()).sum();
            if best.is_none_or(|(_, _, c)| chars > c) {
                best = Some((start, end, chars));
            }
        }
        let narrative = best.map(|(s, e, _)| (s, e.max(s)));
        let mut appendix_start = narrative.and_then(|(s, _)| {
            (s..n)
                .find(|&j| keys[j].starts_with("第五部分") || keys[j].starts_with("附件"))
                .map(|j| j + 1)
        });
        if appendix_start.is_none() {
            // Appendices without a 第五部分 heading: the first 绩效自评 report title.
            appendix_start = doc
                .lines
                .iter()
                .position(|l| {
                    let k = text::key(&l.text);
                    k.contains("绩效自评") && k.ends_with("报告") && k.chars().count() < 30
                })
                .map(|i| i + 1);
        }
        Regions {
            narrative,
            appendix: appendix_start.map(|s| (s, n)),
        }
    }
}

fn dominant_unit(tables: &[crate::model::Table]) -> Option<Unit> {
    let known = || tables.iter().filter(|t| t.slot.is_some());
    let yuan = known().filter(|t| t.unit == Unit::Yuan).count();
    let wan = known().filter(|t| t.unit == Unit::WanYuan).count();
    if known().next().is_none() {
        None
    } else if wan > yuan {
        Some(Unit::WanYuan)
    } else {
        Some(Unit::Yuan)
    }
}

fn cover_entity(doc: &RawDoc) -> Option<String> {
    let name_like = |t: &str| {
        !t.is_empty()
            && text::key(t) != "目录"
            && t.chars().count() <= 40
            && t.chars().all(|c| text::is_cjk(c) || "（）()·".contains(c))
    };
    let lines: Vec<&str> = doc.lines.iter().take(10).map(|l| l.text.trim()).collect();
    let i = lines.iter().position(|t| name_like(t))?;
    let mut name = lines[i].to_string();
    // a cover title wrapped over two lines (上海市普陀区规划和自然 / 资源局)
    if let Some(next) = lines.get(i + 1) {
        let generic = ["决算", "公开", "报告", "目录", "部分"]
            .iter()
            .any(|w| next.contains(w));
        if name_like(next) && !generic && next.chars().count() <= 8 {
            name.push_str(next);
        }
    }
    Some(name)
}

fn is_template(doc: &RawDoc) -> bool {
    let mut n = 0;
    for l in &doc.lines {
        if l.text.contains("XX") || l.text.contains("××") || l.text.contains("202 年") {
            n += 1;
        }
    }
    n >= 5
}

fn detect_family(tables: &[crate::model::Table], unit: Option<Unit>) -> &'static str {
    let tables: Vec<&crate::model::Table> = tables.iter().filter(|t| t.slot.is_some()).collect();
    let tagged = tables
        .iter()
        .filter(|t| t.label.as_deref().is_some_and(|l| l.starts_with("公开")))
        .count();
    let get = |s: Slot| tables.iter().find(|t| t.slot == Some(s));
    let has = |s: Slot| get(s).is_some();
    let t6_title = get(Slot::T6)
        .map(|t| text::key(&t.title))
        .unwrap_or_default();
    // printed position, for the order of tables
    let at = |s: Slot| get(s).map(|t| (t.first_page.unwrap_or(0), t.first_line.unwrap_or(0)));
    // the older set: no 国有资本经营 table, 三公 printed after 政府性基金 as the last table
    let legacy = !has(Slot::T9)
        && !has(Slot::T10)
        && match (at(Slot::T7), at(Slot::T8)) {
            (Some(a), Some(b)) => a > b,
            _ => tables.len() == 8,
        };
    if has(Slot::T10) || (tagged >= 3 && t6_title.contains("支出决算明细表")) {
        "shanxi-10"
    } else if legacy {
        "legacy-8"
    } else if t6_title.contains("基本支出决算明细表") {
        "central-9"
    } else if unit == Some(Unit::WanYuan) && tagged == 0 && (has(Slot::T6) || has(Slot::T7)) {
        "shanghai-9"
    } else {
        "unknown"
    }
}
