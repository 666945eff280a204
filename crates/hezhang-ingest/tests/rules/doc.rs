//! `docs/rules.md` is generated from the rule registry; this test fails when the committed file
//! is stale. Regenerate it with
//!
//! ```text
//! UPDATE_RULES_DOC=1 cargo test -p hezhang-ingest --test rules
//! ```

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use hezhang_core::rules::{self, Certainty, Rule, RuleDoc};

fn doc_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md")
}

const ZH_HEADINGS: [&str; 5] = ["检查内容", "为何重要", "示例", "容差", "不适用情形"];
const EN_HEADINGS: [&str; 5] = [
    "What it checks",
    "Why it matters",
    "Example",
    "Tolerance",
    "When it does not run",
];

fn sections(d: &RuleDoc) -> [&'static str; 5] {
    [d.what, d.why, d.example, d.tolerance, d.not_applicable]
}

fn certainty(c: Certainty) -> &'static str {
    match c {
        Certainty::Certain => "C（必然成立 / certain: broken beyond rounding → error）",
        Certainty::Customary => "U（惯例 / customary: broken → warning, never error）",
    }
}

fn render_rule(s: &mut String, r: &Rule) {
    let _ = writeln!(s, "## {} — {}\n", r.code, r.name);
    let _ = writeln!(s, "**{}** / {}\n", r.title_zh, r.title_en);
    let _ = writeln!(s, "| | |\n|---|---|");
    let _ = writeln!(s, "| 代码 / Code | `{}` |", r.code);
    let _ = writeln!(s, "| 名称 / Name | `{}` |", r.name);
    let _ = writeln!(s, "| 类别 / Family | {} |", r.family);
    let _ = writeln!(s, "| 确定性 / Certainty | {} |", certainty(r.certainty));
    let _ = writeln!(s, "| 恒等式 / Identities | {} |", r.identities.join(", "));
    let _ = writeln!(s, "| 起始版本 / Since | {} |\n", r.since);
    for (h, text) in ZH_HEADINGS.iter().zip(sections(&r.zh)) {
        let _ = writeln!(s, "### {h}\n\n{}\n", text.trim());
    }
    for (h, text) in EN_HEADINGS.iter().zip(sections(&r.en)) {
        let _ = writeln!(s, "### {h}\n\n{}\n", text.trim());
    }
}

/// The whole generated document.
pub fn render() -> String {
    let mut s = String::new();
    s.push_str("<!-- Generated from crates/hezhang-core/src/rules by crates/hezhang-ingest/tests/rules/doc.rs. Do not edit by hand: run `UPDATE_RULES_DOC=1 cargo test -p hezhang-ingest --test rules`. -->\n\n");
    s.push_str("# 核账 规则 / HeZhang rules\n\n");
    s.push_str(
        "每条规则有固定的代码、名称、确定性（C 必然成立 / U 惯例）和它实现的领域指南恒等式。\n",
    );
    s.push_str("Each rule has a permanent code, a name, a certainty (C certain / U customary) and the domain-guide identities it implements.\n\n");
    s.push_str("| 代码 / Code | 名称 / Name | C/U | 恒等式 / Identities | 标题 / Title |\n|---|---|---|---|---|\n");
    for r in rules::all() {
        let cu = match r.certainty {
            Certainty::Certain => "C",
            Certainty::Customary => "U",
        };
        let anchor = r.code.to_lowercase();
        let _ = writeln!(
            s,
            "| [`{}`](#{}--{}) | {} | {} | {} | {} / {} |",
            r.code,
            anchor,
            r.name,
            r.name,
            cu,
            r.identities.join(", "),
            r.title_zh,
            r.title_en
        );
    }
    s.push('\n');
    for r in rules::all() {
        render_rule(&mut s, r);
    }
    if !rules::REDIRECTS.is_empty() {
        s.push_str("## 已停用或改名的代码 / Retired and renamed codes\n\n| 旧代码 / Old | 新代码 / New | 版本 / Version | 原因 / Reason |\n|---|---|---|---|\n");
        for (old, new, version, reason) in rules::REDIRECTS {
            let _ = writeln!(s, "| `{old}` | `{new}` | {version} | {reason} |");
        }
        s.push('\n');
    }
    s
}

#[test]
fn rules_md_is_up_to_date() {
    let want = render();
    let path = doc_path();
    if std::env::var_os("UPDATE_RULES_DOC").is_some_and(|v| v == "1") {
        std::fs::write(&path, &want).expect("write docs/rules.md");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/rules.md is stale or missing: regenerate it with \
         `UPDATE_RULES_DOC=1 cargo test -p hezhang-ingest --test rules` and commit it"
    );
}

#[test]
fn every_rule_appears_with_all_headings() {
    let doc = render();
    for r in rules::all() {
        let start = doc
            .find(&format!("## {} — ", r.code))
            .unwrap_or_else(|| panic!("{} missing from docs/rules.md", r.code));
        let rest = &doc[start + 3..];
        let section = &rest[..rest.find("\n## ").unwrap_or(rest.len())];
        for h in ZH_HEADINGS.iter().chain(EN_HEADINGS.iter()) {
            let at = section
                .find(&format!("### {h}\n\n"))
                .unwrap_or_else(|| panic!("{}: heading {h} missing", r.code));
            let body = section[at..].split_once("\n\n").map(|x| x.1).unwrap_or("");
            assert!(
                !body.trim_start().starts_with('#') && !body.trim().is_empty(),
                "{}: section {h} is empty",
                r.code
            );
        }
    }
}
