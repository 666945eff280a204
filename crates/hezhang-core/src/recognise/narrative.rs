//! The 情况说明 narrative: sections by headings, sentences ending at 。, numbers with units.
//! Binding numbers to table cells is done by the narrative rules through
//! [`crate::recognise::bind`]; here the text is only cut and tokenised.

use rust_decimal::Decimal;

use super::Regions;
use crate::model::{Loc, Mention, MentionKind, Num, RawDoc, Sentence, Unit};
use crate::text;
use crate::tolerance::half_unit;

/// A heading line: a list marker, short, no sentence end, no amount.
pub fn is_heading(t: &str) -> bool {
    let t = t.trim();
    if t.is_empty() || t.chars().count() > 40 || t.contains('。') || t.contains('；') {
        return false;
    }
    let stripped = text::strip_ordinal(t);
    if stripped.len() == t.len() {
        // (1) / （1） style
        let f = text::fold_width(t);
        let is_paren_num = f.starts_with('(')
            && f[1..]
                .find(')')
                .is_some_and(|e| f[1..1 + e].chars().all(|c| c.is_ascii_digit()));
        if !is_paren_num {
            return false;
        }
    }
    !t.contains('元') && !t.contains('%')
}

/// Cut the narrative region into sentences with their section path.
pub fn recognise_narrative(doc: &RawDoc, regions: &Regions, unit: Unit) -> Vec<Sentence> {
    let Some((s, e)) = regions.narrative else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut section: Vec<String> = Vec::new();
    // current sentence buffer: text and the line it starts on
    let mut buf = String::new();
    let mut buf_loc: Option<Loc> = None;
    let flush =
        |buf: &mut String, loc: &mut Option<Loc>, section: &[String], out: &mut Vec<Sentence>| {
            let t = buf.trim();
            if !t.is_empty() {
                let l = loc.clone().unwrap_or_default();
                out.push(make_sentence(t, l, section, unit));
            }
            buf.clear();
            *loc = None;
        };
    for l in &doc.lines[s..e.min(doc.lines.len())] {
        let t = l.text.trim();
        if t.is_empty() {
            continue;
        }
        if is_heading(t) {
            flush(&mut buf, &mut buf_loc, &section, &mut out);
            let level = heading_level(t);
            section.truncate(level);
            while section.len() < level {
                section.push(String::new());
            }
            section.push(text::clean_label(t));
            continue;
        }
        // split the line at 。 keeping each piece with its start line
        let mut rest = t;
        while !rest.is_empty() {
            if buf_loc.is_none() {
                buf_loc = Some(l.loc.clone());
            }
            match rest.find('。') {
                Some(p) => {
                    let end = p + '。'.len_utf8();
                    buf.push_str(&rest[..end]);
                    flush(&mut buf, &mut buf_loc, &section, &mut out);
                    rest = rest[end..].trim_start_matches('。');
                }
                None => {
                    buf.push_str(rest);
                    rest = "";
                }
            }
        }
    }
    flush(&mut buf, &mut buf_loc, &section, &mut out);
    out
}

fn heading_level(t: &str) -> usize {
    let f = text::fold_width(t.trim());
    if let Some(rest) = f.strip_prefix('(') {
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            2
        } else {
            1
        }
    } else if f.starts_with(|c: char| c.is_ascii_digit()) {
        2
    } else {
        0
    }
}

fn make_sentence(t: &str, loc: Loc, section: &[String], unit: Unit) -> Sentence {
    let text = t.to_string();
    let mentions = find_mentions(&text, unit);
    Sentence {
        text,
        loc,
        section: section.iter().filter(|s| !s.is_empty()).cloned().collect(),
        mentions,
    }
}

const COUNT_UNITS: &[&str] = &[
    "人次", "批次", "个", "辆", "台", "套", "分", "项", "次", "人", "份", "类",
];

/// Find the numbers of a sentence with their units. `table_unit` is the unit amounts are
/// converted to; unit-less amounts inherit 元 or 万元 from the nearest amount before them.
pub fn find_mentions(s: &str, table_unit: Unit) -> Vec<Mention> {
    // full-width digits (１２.５万元) are read as ASCII ones; byte ranges and `raw` refer to
    // the sentence as printed
    if s.chars().any(|c| ('\u{FF10}'..='\u{FF19}').contains(&c)) {
        let (folded, orig) = fold_digits(s);
        let mut out = find_mentions_ascii(&folded, table_unit);
        for m in &mut out {
            m.start = orig[m.start];
            m.end = orig[m.end];
            m.raw = s[m.start..m.end].to_string();
        }
        return out;
    }
    find_mentions_ascii(s, table_unit)
}

/// `s` with full-width digits, and a full-width point between digits, in ASCII; with the byte
/// offset in `s` of every byte offset of the result (and of its end).
fn fold_digits(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut orig = Vec::with_capacity(s.len() + 1);
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let digit_at = |k: usize| {
            chars
                .get(k)
                .is_some_and(|&(_, c)| text::ascii_digit(c).is_some())
        };
        let f = match c {
            '．' if k > 0 && digit_at(k - 1) && digit_at(k + 1) => '.',
            _ => text::ascii_digit(c).unwrap_or(c),
        };
        for _ in 0..f.len_utf8() {
            orig.push(at);
        }
        out.push(f);
    }
    orig.push(s.len());
    (out, orig)
}

fn find_mentions_ascii(s: &str, table_unit: Unit) -> Vec<Mention> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    let mut last_unit: Option<Unit> = None;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.')) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        while j < b.len() && (b[j].is_ascii_digit() || b[j] == b',' || b[j] == b'.') {
            j += 1;
        }
        // trailing separators belong to the sentence
        while j > start && (b[j - 1] == b',' || b[j - 1] == b'.') {
            j -= 1;
        }
        let raw = &s[start..j];
        i = j.max(start + 1);
        let Some(d) = text::parse_amount(raw) else {
            continue;
        };
        let after = &s[j..];
        let after_t = after.trim_start();
        let before = &s[..start];
        // years, dates and list markers are not figures
        if after_t.starts_with('年') && raw.len() == 4 && d.scale() == 0 {
            continue;
        }
        if after_t.starts_with('月') || after_t.starts_with('日') || after_t.starts_with('季') {
            continue;
        }
        if (after.starts_with('、') || after.starts_with('.') || after.starts_with('．'))
            && d.scale() == 0
            && d < Decimal::from(30)
        {
            continue;
        }
        // thresholds inside a name (单价100万元（含）以上设备) are not figures
        if before.trim_end().ends_with("单价") || before.trim_end().ends_with("单价在") {
            continue;
        }
        if let Some(u) = unit_after(after_t) {
            let rest = text::key(&after_t[u.1..]);
            if rest.starts_with("以上") || rest.starts_with("(含)以上") {
                continue;
            }
        }
        let (kind, num, end, decimals) = if let Some(u) = unit_after(after_t) {
            let consumed = after.len() - after_t.len() + u.1;
            last_unit = Some(u.0);
            let n = convert(d, u.0, table_unit);
            (MentionKind::Amount, n, j + consumed, d.scale())
        } else if after_t.starts_with('%') || after_t.starts_with('％') {
            let consumed =
                after.len() - after_t.len() + after_t.chars().next().map_or(1, |c| c.len_utf8());
            (
                MentionKind::Percent,
                Num {
                    value: d,
                    half_unit: half_unit(d.scale(), false),
                },
                j + consumed,
                d.scale(),
            )
        } else if let Some(cu) = COUNT_UNITS.iter().find(|u| after_t.starts_with(**u)) {
            (
                MentionKind::Count,
                Num::exact(d),
                j + (after.len() - after_t.len()) + cu.len(),
                d.scale(),
            )
        } else {
            // unit-less: an amount when it follows CJK text and looks like money
            let prev = before.chars().last();
            let money_like = d.scale() > 0 || raw.len() >= 3;
            if prev.is_some_and(text::is_cjk) && money_like {
                let u = last_unit.unwrap_or(table_unit);
                (MentionKind::Amount, convert(d, u, table_unit), j, d.scale())
            } else {
                continue;
            }
        };
        out.push(Mention {
            start,
            end,
            raw: s[start..end].to_string(),
            kind,
            num,
            decimals,
        });
        i = end.max(i);
    }
    out
}

/// A money unit at the start of `s`, with its byte length.
fn unit_after(s: &str) -> Option<(Unit, usize)> {
    if s.starts_with("万元") {
        Some((Unit::WanYuan, "万元".len()))
    } else if s.starts_with("亿元") {
        Some((Unit::YiYuan, "亿元".len()))
    } else if s.starts_with('元') {
        Some((Unit::Yuan, '元'.len_utf8()))
    } else if s.starts_with('万') && !s.starts_with("万人") {
        Some((Unit::WanYuan, '万'.len_utf8()))
    } else {
        None
    }
}

/// Convert an amount printed in `from` to `to`, with its rounding half-unit.
pub fn convert(d: Decimal, from: Unit, to: Unit) -> Num {
    let exact = from == Unit::Yuan && d.scale() >= 2;
    let h = half_unit(d.scale(), exact);
    let factor = from.in_yuan() / to.in_yuan();
    Num {
        value: d * factor,
        half_unit: h * factor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_with_units() {
        let m = find_mentions(
            "2022年度收入总计4,777,056.13元，下降38.83%，对个人和家庭的补助6880；共接待0批次，0人次。",
            Unit::Yuan,
        );
        let raws: Vec<&str> = m.iter().map(|m| m.raw.as_str()).collect();
        assert_eq!(raws, ["4,777,056.13元", "38.83%", "6880", "0批次", "0人次"]);
        assert!(m[0].num.is_exact());
        let w = find_mentions("全年预算资金 60 万元，全年执行资金 13.44 万元", Unit::Yuan);
        assert_eq!(w[0].num.value, Decimal::from(600_000));
        assert_eq!(w[1].num.value, Decimal::from(134_400));
        assert_eq!(w[1].num.half_unit, Decimal::from(50));
    }

    #[test]
    fn mentions_with_spaces_and_full_width_digits() {
        // pdftotext spacing: a year, a date and a percentage with a space before the unit
        let m = find_mentions(
            "2024 年 12 月 31 日，收入总计 1,234.50 元，增长 3.5 %，共 2 辆。",
            Unit::Yuan,
        );
        let raws: Vec<&str> = m.iter().map(|m| m.raw.as_str()).collect();
        assert_eq!(raws, ["1,234.50 元", "3.5 %", "2 辆"]);
        // full-width digits: the same figures, the printed text kept
        let s = "２０２４年收入总计１２.５万元，比上年增长３．２０％，支出１００，２００万元。";
        let m = find_mentions(s, Unit::Yuan);
        let raws: Vec<&str> = m.iter().map(|m| m.raw.as_str()).collect();
        assert_eq!(raws, ["１２.５万元", "３．２０％", "１００", "２００万元"]);
        assert_eq!(m[0].num.value, Decimal::from(125_000));
        assert_eq!(m[1].num.value, Decimal::new(320, 2));
        assert_eq!(m[1].kind, MentionKind::Percent);
        assert_eq!(&s[m[0].start..m[0].end], "１２.５万元");
    }

    #[test]
    fn headings() {
        assert!(is_heading("一、收入支出决算总体情况说明"));
        assert!(is_heading("(一) 财政拨款支出决算总体情况"));
        assert!(is_heading("（1）预算绩效管理工作的开展情况"));
        assert!(!is_heading("财政拨款收入4,777,056.13元，占比100.00%；"));
    }
}
