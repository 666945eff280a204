//! Small text helpers shared by recognition: width folding, matching keys, amounts.

use rust_decimal::Decimal;
use std::str::FromStr;

/// Fold full-width ASCII (Ｕ+FF01…FF5E) to ASCII and the ideographic space to a space.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{00A0}' => ' ',
            _ => c,
        })
        .collect()
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// A label as printed, with whitespace removed where it only wraps or spaces out CJK text.
pub fn clean_label(s: &str) -> String {
    let s = fold_width(s);
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.chars().last();
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            let keep = match (prev, next) {
                (Some(p), Some(&n)) => p.is_ascii_alphanumeric() && n.is_ascii_alphanumeric(),
                _ => false,
            };
            if keep && prev != Some(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// A matching key: width folded, whitespace, quotes and bracket styles unified away.
pub fn key(s: &str) -> String {
    fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .filter(|c| !matches!(c, '“' | '”' | '"' | '「' | '」' | '‘' | '’' | '\''))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '【' | '[' => '(',
            '】' | ']' => ')',
            _ => c,
        })
        .collect()
}

/// Strip a leading list marker: `一、`, `（一）`, `(二)`, `1.`, `1、`, `1．`, `十一、`.
pub fn strip_ordinal(s: &str) -> &str {
    let t = s.trim_start();
    const NUMS: &str = "一二三四五六七八九十百零〇";
    // （一） / (一)
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = t.strip_prefix(open) {
            if let Some(end) = rest.find(close) {
                let inner = &rest[..end];
                if !inner.is_empty()
                    && inner
                        .chars()
                        .all(|c| NUMS.contains(c) || c.is_ascii_digit())
                {
                    return rest[end + close.len_utf8()..].trim_start();
                }
            }
        }
    }
    let n: usize = t
        .char_indices()
        .take_while(|(_, c)| NUMS.contains(*c) || c.is_ascii_digit())
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    if n > 0 {
        let rest = &t[n..];
        for sep in ['、', '.', '．', ' '] {
            if let Some(r) = rest.strip_prefix(sep) {
                // "1.00" is a number, not a marker
                if sep == '.' && r.starts_with(|c: char| c.is_ascii_digit()) {
                    return t;
                }
                return r.trim_start();
            }
        }
    }
    t
}

/// Parse a printed amount: `1,234.56`, `4777056.13`, `-3.5`, `（1.2）` is not accepted.
/// Returns the decimal with its printed scale.
pub fn parse_amount(s: &str) -> Option<Decimal> {
    let t = fold_width(s);
    let t = t.trim();
    if t.is_empty() || t.len() > 40 {
        return None;
    }
    let (neg, body) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t),
    };
    if body.is_empty() || !body.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut digits = String::with_capacity(body.len());
    let mut seen_dot = false;
    let int_part_end = body.find('.').unwrap_or(body.len());
    // Validate thousands separators in the integer part when present.
    let int_part = &body[..int_part_end];
    if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        if groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    for c in body.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ',' if !seen_dot => {}
            '.' if !seen_dot => {
                seen_dot = true;
                digits.push('.');
            }
            _ => return None,
        }
    }
    if digits.ends_with('.') {
        return None;
    }
    let mut d = Decimal::from_str(&digits).ok()?;
    if neg {
        d.set_sign_negative(true);
    }
    Some(d)
}

/// `——`, `—`, `-`, `–`: not applicable.
pub fn is_dash(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '—' | '-' | '–' | '－' | '─'))
}

/// Template residue: `XX`, `XXX`, `××`.
pub fn is_placeholder(s: &str) -> bool {
    let t = fold_width(s);
    let t = t.trim();
    t.chars().count() >= 2 && t.chars().all(|c| matches!(c, 'X' | 'x' | '×'))
}

/// A code of 3, 5 or 7 digits (function classification) or 3/5 (economic).
pub fn parse_code(s: &str) -> Option<String> {
    let t: String = fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if matches!(t.len(), 3 | 5 | 7) && t.chars().all(|c| c.is_ascii_digit()) {
        Some(t)
    } else {
        None
    }
}

/// A decimal digit, ASCII or full-width (０…９), as its ASCII form.
pub fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

/// Find a 4-digit year followed by 年 in a string: `2022年度`, `2024 年` (as pdftotext
/// spaces it), `２０２４年` (full-width digits). The four digits must not be part of a longer
/// number, and at most two spaces may stand between them and 年.
pub fn find_year(s: &str) -> Option<i32> {
    let chars: Vec<char> = s.chars().collect();
    let digit = |i: usize| chars.get(i).and_then(|&c| ascii_digit(c));
    let mut i = 0;
    while i + 4 < chars.len() {
        let starts_number = digit(i).is_some()
            && (i == 0 || (digit(i - 1).is_none() && !matches!(chars[i - 1], '.' | '．')));
        if !starts_number {
            i += 1;
            continue;
        }
        let run = (i..chars.len()).take_while(|&k| digit(k).is_some()).count();
        if run == 4 {
            let mut k = i + 4;
            let mut spaces = 0;
            while k < chars.len() && matches!(chars[k], ' ' | '\u{3000}' | '\u{00A0}') && spaces < 2
            {
                k += 1;
                spaces += 1;
            }
            if chars.get(k) == Some(&'年') {
                let y: String = (i..i + 4).filter_map(digit).collect();
                if let Some(y) = y.parse::<i32>().ok().filter(|y| (1990..=2100).contains(y)) {
                    return Some(y);
                }
            }
        }
        i += run;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(
            parse_amount("4777056.13").unwrap().to_string(),
            "4777056.13"
        );
        assert_eq!(
            parse_amount("4,777,056.13").unwrap().to_string(),
            "4777056.13"
        );
        assert_eq!(parse_amount("１２.５").unwrap().to_string(), "12.5");
        assert_eq!(parse_amount("0"), Some(Decimal::ZERO));
        assert_eq!(parse_amount("1,23"), None);
        assert_eq!(parse_amount("12a"), None);
        assert_eq!(parse_amount("-"), None);
        assert_eq!(parse_amount("1."), None);
        assert_eq!(parse_amount("-5.5").unwrap().to_string(), "-5.5");
    }

    #[test]
    fn ordinals() {
        assert_eq!(strip_ordinal("一、一般公共服务支出"), "一般公共服务支出");
        assert_eq!(strip_ordinal("（一）行政单位"), "行政单位");
        assert_eq!(
            strip_ordinal("(二) 参照公务员法管理事业单位"),
            "参照公务员法管理事业单位"
        );
        assert_eq!(strip_ordinal("十一、城乡社区支出"), "城乡社区支出");
        assert_eq!(
            strip_ordinal("1. 副部(省)级及以上领导用车"),
            "副部(省)级及以上领导用车"
        );
        assert_eq!(strip_ordinal("1.00"), "1.00");
        assert_eq!(strip_ordinal("合计"), "合计");
    }

    #[test]
    fn labels() {
        assert_eq!(clean_label("社会保障和就业 支出"), "社会保障和就业支出");
        assert_eq!(
            clean_label("政府办公厅 (室)及相关机 构事务"),
            "政府办公厅(室)及相关机构事务"
        );
        assert_eq!(
            key("财政拨款“三公”经费支出决算表"),
            "财政拨款三公经费支出决算表"
        );
        assert!(is_placeholder("XXX"));
        assert!(is_dash("——"));
        assert_eq!(find_year("2022年度"), Some(2022));
    }

    #[test]
    fn years_with_spaces_and_full_width_digits() {
        // pdftotext puts a space between the digits and 年
        assert_eq!(find_year("2024 年度部门决算"), Some(2024));
        assert_eq!(find_year("晋城市政务服务中心 2024 年部门决算"), Some(2024));
        assert_eq!(find_year("2024\u{3000}年"), Some(2024));
        assert_eq!(find_year("２０２４年度"), Some(2024));
        assert_eq!(find_year("２０２４ 年"), Some(2024));
        // not a year: part of a longer number, a decimal, too many spaces, out of range
        assert_eq!(find_year("12024年"), None);
        assert_eq!(find_year("１２０２４年"), None);
        assert_eq!(find_year("合计 3.2024 年"), None);
        assert_eq!(find_year("2024   年"), None);
        assert_eq!(find_year("1234 年"), None);
        assert_eq!(find_year("2024 月"), None);
        assert_eq!(find_year("2024"), None);
        assert_eq!(find_year("编号 12345 2023 年"), Some(2023));
        assert_eq!(find_year("2023年"), Some(2023));
    }
}
