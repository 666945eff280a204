//! 情况说明 ↔ tables (domain guide §2.7, §4, §5 rows 5–17). The numbers of the narrative are
//! bound to their subjects by [`crate::recognise::bind`]; these rules check what they state.
pub mod comparison_year_mismatch;
pub mod completion_rate_mismatch;
pub mod direction_word_contradiction;
pub mod narrative_amount_mismatch;
pub mod share_mismatch;
pub mod shares_do_not_sum;
pub mod template_placeholder;
pub mod year_on_year_mismatch;

use rust_decimal::Decimal;

use crate::finding::{Location, Role};
use crate::model::{MentionKind, Num, Report, Sentence};
use crate::recognise::bind::{self, Binding, Bindings, NumRole, Subj};
use crate::rules::util::{table_name, Term};
use crate::rules::Ctx;

/// The text location of a bound number, the number highlighted.
pub fn loc(r: &Report, b: &Binding, role: Role) -> Location {
    let s = &r.narrative[b.s];
    let m = &s.mentions[b.m];
    Location::text(role, s, Some((m.start, m.end)))
}

/// The number of a binding as printed.
pub fn raw(r: &Report, b: &Binding) -> String {
    r.narrative[b.s].mentions[b.m].raw.clone()
}

/// The percentage value and its printed decimals (also for a share printed without `%`).
pub fn percent(r: &Report, b: &Binding) -> (Decimal, u32) {
    let m = &r.narrative[b.s].mentions[b.m];
    if m.kind == MentionKind::Amount {
        if let Some(d) = crate::text::parse_amount(&m.raw) {
            return (d, d.scale());
        }
    }
    (m.num.value, m.decimals)
}

/// A computed percentage for messages: no trailing zeros beyond the `q` decimals printed.
pub fn pct(v: Decimal, q: u32) -> String {
    let mut n = v.normalize();
    if n.scale() < q {
        n.rescale(q);
    }
    format!("{n}%")
}

/// The first characters of a sentence, to name it in a not-applicable reason.
pub fn head(s: &Sentence) -> String {
    let t: String = s.text.chars().take(24).collect();
    if s.text.chars().count() > 24 {
        format!("“{t}…”")
    } else {
        format!("“{t}”")
    }
}

/// “公开05表《…》合计（本年支出小计）”, and the English name; several cells joined by +.
pub fn cells_desc(terms: &[Term]) -> (String, String) {
    let Some(first) = terms.first() else {
        return (String::new(), String::new());
    };
    let (tz, te) = table_name(first.table);
    let names: Vec<String> = terms.iter().map(|t| t.name()).collect();
    (
        format!("{tz}{}", names.join(" + ")),
        format!("{te}: {}", names.join(" + ")),
    )
}

/// Locations of table cells.
pub fn cell_locs(terms: &[Term], role: Role) -> Vec<Location> {
    terms.iter().filter_map(|t| t.location(role)).collect()
}

/// Whether any of the cells is blank (counted as 0).
pub fn any_blank(terms: &[Term]) -> bool {
    terms.iter().any(|t| t.is_blank())
}

/// The plain (or 决算) amount stated for `subj` in the sentence of `b` before it, or in an
/// earlier sentence of the same section; the nearest one.
pub fn stated_level<'b>(
    r: &Report,
    bs: &'b Bindings,
    b: &Binding,
    subj: &Subj,
) -> Option<&'b Binding> {
    let sec = &r.narrative[b.s].section;
    bs.items.iter().rfind(|x| {
        x.subject.as_ref() == Some(subj)
            && x.role.is_level()
            && r.narrative[x.s].mentions[x.m].kind == MentionKind::Amount
            && (x.s < b.s || (x.s == b.s && x.m < b.m))
            && r.narrative[x.s].section == *sec
    })
}

/// The first plain (or 决算) amount the narrative states for `subj`, anywhere.
pub fn first_stated<'b>(r: &Report, bs: &'b Bindings, subj: &Subj) -> Option<&'b Binding> {
    bs.items.iter().find(|x| {
        x.subject.as_ref() == Some(subj)
            && x.role.is_level()
            && r.narrative[x.s].mentions[x.m].kind == MentionKind::Amount
            && !in_performance(x)
    })
}

/// The plain (or 决算) amount stated for `subj` in the same section as sentence `si`, the
/// nearest one (same sentence first).
pub fn level_in_section<'b>(
    r: &Report,
    bs: &'b Bindings,
    si: usize,
    subj: &Subj,
) -> Option<&'b Binding> {
    let sec = &r.narrative[si].section;
    let cands = bs.items.iter().filter(|x| {
        x.subject.as_ref() == Some(subj)
            && x.role.is_level()
            && r.narrative[x.s].mentions[x.m].kind == MentionKind::Amount
            && r.narrative[x.s].section == *sec
    });
    cands.min_by_key(|x| x.s.abs_diff(si))
}

/// The value of a subject's cells, or `None` with the reason recorded as not applicable.
pub fn cell_value<'r>(
    ctx: &mut Ctx,
    r: &'r Report,
    subj: &Subj,
    budget: bool,
    s: &Sentence,
) -> Option<(Num, Vec<Term<'r>>)> {
    match bind::cells(r, subj, budget) {
        Ok(terms) => match bind::cells_value(&terms) {
            Some(v) => Some((v, terms)),
            None => {
                ctx.na(
                    format!("{}：{} 的表中单元格不是数字", head(s), subj.name().0),
                    format!(
                        "{}: the table cell for {} is not a number",
                        head(s),
                        subj.name().1
                    ),
                );
                None
            }
        },
        Err(nc) => {
            ctx.na(
                format!("{}：{}，无法核对“{}”", head(s), nc.zh, subj.name().0),
                format!(
                    "{}: {}, so “{}” cannot be checked",
                    head(s),
                    nc.en,
                    subj.name().1
                ),
            );
            None
        }
    }
}

/// Whether a binding is in a performance (绩效) section, left to the performance rules.
pub fn in_performance(b: &Binding) -> bool {
    b.section == bind::SectionKind::Performance
}

/// Whether a percentage binding is of one of the given roles.
pub fn is_role(b: &Binding, f: impl Fn(NumRole) -> bool) -> bool {
    f(b.role)
}
