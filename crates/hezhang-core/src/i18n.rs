//! Rendering findings into words, zh or en. Templates live with their rules; this module fills
//! `{named}` arguments and formats numbers.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::finding::{Arg, Finding};
use crate::rules;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" | "zh-CN" | "cn" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// `1234567.8` → `1,234,567.8`; keeps the decimal's own scale.
pub fn thousands(d: Decimal) -> String {
    let s = d.to_string();
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.as_str()),
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

fn render_arg(a: &Arg, lang: Lang) -> String {
    match a {
        Arg::Text(s) => s.clone(),
        Arg::Both { zh, en } => match lang {
            Lang::Zh => zh.clone(),
            Lang::En => en.clone(),
        },
        Arg::Amount(d) => thousands(*d),
        Arg::Percent(d) => format!("{}%", d.normalize_keep(2)),
        Arg::Unit(u) => match lang {
            Lang::Zh => u.zh().to_string(),
            Lang::En => u.en().to_string(),
        },
    }
}

trait NormalizeKeep {
    fn normalize_keep(&self, min_dp: u32) -> Decimal;
}
impl NormalizeKeep for Decimal {
    fn normalize_keep(&self, min_dp: u32) -> Decimal {
        let n = self.normalize();
        if n.scale() < min_dp {
            let mut m = n;
            m.rescale(min_dp);
            m
        } else {
            n
        }
    }
}

/// Fill `{name}` placeholders from `args`; unknown names are left as they are.
pub fn fill(template: &str, args: &[(&'static str, Arg)], lang: Lang) -> String {
    fill_with(template, |name| {
        args.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, a)| render_arg(a, lang))
    })
}

/// Fill `{name}` placeholders with whatever `lookup` gives; unknown names (`None`) and an
/// unclosed `{` are left as they are. Shared by rule messages and the web app's strings.
pub fn fill_with(template: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match lookup(name) {
                    Some(v) => out.push_str(&v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The finding's title in `lang`.
pub fn title(f: &Finding, lang: Lang) -> String {
    match rules::by_code(f.rule) {
        Some(r) => match lang {
            Lang::Zh => r.title_zh.to_string(),
            Lang::En => r.title_en.to_string(),
        },
        None => f.rule.to_string(),
    }
}

/// The finding's message in `lang`.
pub fn message(f: &Finding, lang: Lang) -> String {
    let Some(rule) = rules::by_code(f.rule) else {
        return f.rule.to_string();
    };
    let tpl = rule
        .messages
        .iter()
        .find(|m| m.0 == f.variant)
        .or_else(|| rule.messages.first());
    match tpl {
        Some((_, zh, en)) => fill(
            match lang {
                Lang::Zh => zh,
                Lang::En => en,
            },
            &f.args,
            lang,
        ),
        None => f.rule.to_string(),
    }
}

/// Fixed interface words, zh and en, by id.
pub fn word(id: &str, lang: Lang) -> &'static str {
    let (zh, en) = match id {
        "error" => ("错误", "Error"),
        "warning" => ("需核实", "Check"),
        "info" => ("提示", "Note"),
        "not_recognised" => (
            "未能识别出决算表格。请确认粘贴的是决算公开的正文，或直接上传 PDF。",
            "No final-accounts tables were recognised. Make sure the text is the published report, or upload the PDF.",
        ),
        "empty" => ("输入为空。", "The input is empty."),
        "workbook_too_large" => (
            "这个工作簿解压后过大（超过 100 MB，或一张表跨越超过 200 万个单元格），无法处理。",
            "This workbook is too large once unpacked (over 100 MB, or a sheet spanning over 2 million cells) and cannot be processed.",
        ),
        "workbook_unreadable" => (
            "这个工作簿无法打开（文件可能已损坏），无法核对。",
            "This workbook cannot be opened (the file may be damaged) and cannot be checked.",
        ),
        "binary" => (
            "这不是文本文件，无法读取。",
            "This is not a text file and cannot be read.",
        ),
        "no_text_layer" => (
            "这份PDF没有可读取的文字层（可能是扫描件），无法核对。",
            "This PDF has no readable text layer (it may be a scan) and cannot be checked.",
        ),
        "pdf_unreadable" => (
            "这份PDF无法打开（文件可能已损坏或加密），无法核对。",
            "This PDF cannot be opened (the file may be damaged or encrypted) and cannot be checked.",
        ),
        "too_large" => (
            "文件超过 50 MB，无法处理。",
            "The file is larger than 50 MB and cannot be processed.",
        ),
        _ => ("", ""),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn thousands_separators() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(thousands(d("75425.00")), "75,425.00");
        assert_eq!(thousands(d("-55227.46")), "-55,227.46");
        assert_eq!(thousands(d("130652.46")), "130,652.46");
        assert_eq!(thousands(d("100")), "100");
        assert_eq!(thousands(d("0.5")), "0.5");
    }

    #[test]
    fn fill_named() {
        let args = vec![
            ("a", Arg::Amount(Decimal::from(1234))),
            ("b", Arg::Text("x".into())),
        ];
        assert_eq!(
            fill("{a} and {b} and {c}", &args, Lang::Zh),
            "1,234 and x and {c}"
        );
    }
}
