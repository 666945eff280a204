//! Property tests (house style §5): the pipeline never panics and every location it reports is
//! inside the input; amounts survive printing with thousands separators; sums do not depend on
//! the order of their terms.

use hezhang_core::model::{Num, Slot};
use hezhang_core::text::parse_amount;
use hezhang_core::tolerance::{compare_sum, half_unit};
use hezhang_core::{i18n, CheckOutput, Options};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Lines as the paste ingester counts them (LF, CRLF or CR; a leading BOM is dropped).
fn count_lines(text: &str) -> u32 {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut n = 0;
    let mut rest = text;
    while !rest.is_empty() {
        n += 1;
        match rest.find(['\n', '\r']) {
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
            }
            None => rest = "",
        }
    }
    n
}

/// Run the whole pipeline; every place it names must be a line of the input.
fn check_in_bounds(text: &str) -> Result<(), TestCaseError> {
    let Ok(out) = hezhang_ingest::check_text(text, "prop.txt", &Options::default()) else {
        return Ok(()); // rejected with a reason: fine
    };
    let n = count_lines(text);
    assert_locations(&out, n)
}

fn assert_locations(out: &CheckOutput, n: u32) -> Result<(), TestCaseError> {
    prop_assert_eq!(out.source.lines, Some(n));
    let in_range = |l: Option<u32>| l.is_none_or(|l| (1..=n).contains(&l));
    for f in &out.findings {
        for l in &f.locations {
            prop_assert!(
                in_range(l.line),
                "{} line {:?} outside 1..={n}",
                f.rule,
                l.line
            );
            if let (Some(text), Some((s, e))) = (&l.text, l.span) {
                prop_assert!(
                    s <= e
                        && e <= text.len()
                        && text.is_char_boundary(s)
                        && text.is_char_boundary(e)
                );
            }
        }
        prop_assert!(!f.message.is_empty());
    }
    for t in &out.tables {
        prop_assert!(in_range(t.span.first_line) && in_range(t.span.last_line));
        for r in &t.grid {
            prop_assert!(in_range(r.line));
        }
    }
    prop_assert_eq!(out.checks.run, out.checks.passed + out.checks.failed);
    prop_assert_eq!(out.checks.not_applicable, out.not_run.len());
    for nr in &out.not_run {
        prop_assert!(!nr.reason.trim().is_empty());
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Generators

/// Pieces real reports are made of, so random inputs reach recognition and the rules.
fn fragment() -> impl Strategy<Value = String> {
    let titles: Vec<String> = Slot::ALL.iter().map(|s| s.title_zh().to_string()).collect();
    prop_oneof![
        prop::sample::select(titles),
        (1u32..=12).prop_map(|n| format!("公开{n:02}表")),
        Just("金额单位：元".to_string()),
        Just("单位：万元".to_string()),
        Just("单位名称：某某单位".to_string()),
        Just("2022年度".to_string()),
        Just("第三部分 情况说明".to_string()),
        Just("第四部分 名词解释".to_string()),
        Just("项目支出绩效自评分析报告".to_string()),
        Just("一、政府采购情况\t\t".to_string()),
        Just("项目\t行次\t采购金额".to_string()),
        amount_text().prop_map(|a| format!("合计\t1\t{a}")),
        amount_text().prop_map(|a| format!("服务\t4\t{a}")),
        (amount_text(), amount_text()).prop_map(|(a, b)| format!(
            "2022年度政府采购支出总额{a}元，其中：政府采购货物支出{b}元、政府采购服务支出0.00元。"
        )),
        (amount_text(), 0u32..200).prop_map(|(a, p)| format!(
            "一般公共预算财政拨款支出{a}万元，占{p}.5%，比上年增长{p}%。"
        )),
        prop::collection::vec(cell(), 1..12).prop_map(|c| c.join("\t")),
        ".{0,40}",
        Just(String::new()),
    ]
}

/// A printed amount: plain, with separators, full-width, negative, or odd.
fn amount_text() -> impl Strategy<Value = String> {
    (any::<i64>(), 0u32..=4, 0u8..6).prop_map(|(m, scale, style)| {
        let d = Decimal::new(m % 10_000_000_000, scale);
        match style {
            0 => d.to_string(),
            1 => i18n::thousands(d),
            2 => i18n::thousands(d.abs()),
            3 => hezhang_core::text::fold_width(&d.to_string())
                .chars()
                .map(|c| match c {
                    '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                    _ => c,
                })
                .collect(),
            4 => format!("{}.", d.trunc()),
            _ => format!("{d}万"),
        }
    })
}

/// A grid cell: amounts, blanks, dashes, placeholders, codes, labels, junk.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        amount_text(),
        Just(String::new()),
        Just("——".to_string()),
        Just("XX".to_string()),
        prop::sample::select(vec![
            "合计",
            "货物",
            "工程",
            "服务",
            "总计",
            "本年收入合计",
            "本年支出合计",
            "基本支出",
            "项目支出",
            "栏次",
            "行次",
            "项目",
            "科目编码",
            "科目名称",
            "年初结转和结余",
            "(一) 行政单位",
            "1. 主要领导干部用车",
            "全年预算数",
            "全年执行数",
            "执行率",
        ])
        .prop_map(str::to_string),
        prop::sample::select(vec![
            "201", "20103", "2010306", "301", "30101", "208", "2080505"
        ])
        .prop_map(str::to_string),
        (0u32..200).prop_map(|n| format!("{n}%")),
        "[ -~]{0,8}",
        "\\PC{0,6}",
    ]
}

fn line_ending() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["\n", "\n", "\n", "\r\n", "\r"])
}

fn num() -> impl Strategy<Value = Num> {
    (-1_000_000_000i64..1_000_000_000, 0u32..=2, any::<bool>()).prop_map(|(m, dp, exact)| Num {
        value: Decimal::new(m, dp),
        half_unit: half_unit(dp, exact),
    })
}

// ---------------------------------------------------------------------------------------------
// Properties

/// `PROPTEST_CASES` when set, otherwise the default given.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

// The pipeline properties run the whole check (debug build in `cargo test`): 128 cases each
// keeps the file under ~15 s. Raise PROPTEST_CASES locally for a longer hunt.
proptest! {
    #![proptest_config(ProptestConfig { cases: cases(128), ..ProptestConfig::default() })]

    /// Any string: no panic, and every location is a line of the input.
    #[test]
    fn any_string_never_panics(text in "\\PC*|(\\PC|[\\t\\r\\n])*") {
        check_in_bounds(&text)?;
    }

    /// Report-like lines in any order.
    #[test]
    fn report_fragments_never_panic(
        lines in prop::collection::vec((fragment(), line_ending()), 0..60),
        bom in any::<bool>(),
    ) {
        let mut text = String::from(if bom { "\u{feff}" } else { "" });
        for (l, end) in &lines {
            text.push_str(l);
            text.push_str(end);
        }
        check_in_bounds(&text)?;
    }

    /// A valid table title followed by an arbitrary tab grid.
    #[test]
    fn arbitrary_grids_after_a_valid_title(
        slot in prop::sample::select(Slot::ALL.to_vec()),
        unit in prop::sample::select(vec!["金额单位：元", "单位：万元", "单位：元", ""]),
        rows in prop::collection::vec(prop::collection::vec(cell(), 0..10), 0..40),
        narrative in prop::collection::vec(fragment(), 0..6),
    ) {
        let mut text = format!(
            "{}\n\n公开{:02}表\n\n单位名称：某某单位\n\n2022年度\n\n{unit}\n\n",
            slot.title_zh(),
            Slot::ALL.iter().position(|s| *s == slot).unwrap_or(0) + 1
        );
        for r in &rows {
            text.push_str(&r.join("\t"));
            text.push('\n');
        }
        if !narrative.is_empty() {
            text.push_str("\n第三部分 情况说明\n\n");
            for s in &narrative {
                text.push_str(s);
                text.push('\n');
            }
        }
        check_in_bounds(&text)?;
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(1024), ..ProptestConfig::default() })]

    /// Decimal → printed with thousands separators → parsed back: same value, same decimals.
    #[test]
    fn parse_amount_round_trip(m in any::<i64>(), scale in 0u32..=6) {
        let d = Decimal::new(m, scale);
        let printed = i18n::thousands(d);
        let back = parse_amount(&printed);
        prop_assert_eq!(back, Some(d), "{}", printed);
        prop_assert_eq!(back.map(|b| b.scale()), Some(scale));
        // and without separators
        prop_assert_eq!(parse_amount(&d.to_string()), Some(d));
    }

    /// A sum does not depend on the order of its terms.
    #[test]
    fn sums_unchanged_when_rows_are_permuted(
        (terms, shuffled) in prop::collection::vec(num(), 0..15)
            .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle())),
        stated in num(),
        use_sum in any::<bool>(),
    ) {
        // Half the time the stated figure is the exact sum (or near it), so every outcome is hit.
        let stated = if use_sum {
            Num { value: terms.iter().map(|t| t.value).sum(), ..stated }
        } else {
            stated
        };
        let a = compare_sum(stated, &terms);
        let b = compare_sum(stated, &shuffled);
        prop_assert_eq!(a, b);
    }
}

#[test]
fn line_counting_matches_the_ingester() {
    for (text, n) in [
        ("", 0),
        ("a", 1),
        ("a\n", 1),
        ("a\r\nb", 2),
        ("a\rb\r", 2),
        ("\n\n", 2),
        ("\u{feff}a\nb", 2),
    ] {
        assert_eq!(count_lines(text), n, "{text:?}");
        assert_eq!(
            hezhang_ingest::paste::parse(text).lines.len() as u32,
            n,
            "{text:?}"
        );
    }
}

/// Regression (found by `arbitrary_grids_after_a_valid_title`): a two-panel table title (T1, T4)
/// with no grid under it indexed an empty header row.
#[test]
fn a_title_without_a_grid_does_not_panic() {
    for slot in Slot::ALL {
        let text = format!("{}\n\n公开01表\n\n金额单位：元\n\n", slot.title_zh());
        let _ = hezhang_ingest::check_text(&text, "title-only.txt", &Options::default());
        let text = format!("{}\n项目\t\t\n", slot.title_zh());
        let _ = hezhang_ingest::check_text(&text, "title-only.txt", &Options::default());
    }
}
