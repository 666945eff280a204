//! Workbooks and CSV files give the same table-level findings as the pasted text they were
//! made from; each Excel trap of ingestion.md §7 has a test. The .xlsx and .csv files are made
//! here, at test time, from the text reports (the seed when ../shared is present, and the
//! rule fixtures, which are always in the repository).

use std::path::PathBuf;

use hezhang_core::{CheckOutput, Options};
use rust_xlsxwriter::{Format, Formula, Workbook};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The findings a workbook can reproduce: those citing cells, outside the narrative and the
/// performance appendices.
fn table_findings(o: &CheckOutput) -> impl Iterator<Item = &hezhang_core::output::FindingOut> {
    o.findings
        .iter()
        .filter(|f| f.locations.iter().any(|l| l.kind == "cell"))
        .filter(|f| !f.rule.starts_with("NARR") && !f.rule.starts_with("PERF"))
}

/// One table-level finding as a comparable key.
fn keys(o: &CheckOutput) -> Vec<String> {
    let mut v: Vec<String> = table_findings(o)
        .map(|f| {
            format!(
                "{} {:?} {:?} {:?}",
                f.rule,
                f.severity,
                f.stated.as_deref().map(norm),
                f.computed.as_deref().map(norm)
            )
        })
        .collect();
    v.sort();
    v
}

fn norm(s: &str) -> String {
    let d: rust_decimal::Decimal = s.parse().unwrap();
    d.normalize().to_string()
}

/// Write a pasted-text report as a one-sheet workbook: tab lines become cells (numbers as
/// numbers, codes as numbers too), other lines a single cell.
fn to_xlsx(text: &str) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("决算").unwrap();
    for (r, line) in text.lines().enumerate() {
        let r = r as u32;
        let cells: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else {
            vec![line]
        };
        for (c, cell) in cells.iter().enumerate() {
            let t = cell.trim();
            if t.is_empty() {
                continue;
            }
            // "06" stays text: as a number it would print as 6 (the 款/项 of a PDF's grid)
            let zero_led = t.len() > 1 && t.starts_with('0') && !t.contains('.');
            let is_num = !zero_led
                && t.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
                && t.parse::<f64>().is_ok();
            if is_num && line.contains('\t') {
                ws.write_number(r, c as u16, t.parse::<f64>().unwrap())
                    .unwrap();
            } else {
                ws.write_string(r, c as u16, t).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn to_csv(text: &str) -> String {
    text.lines()
        .map(|l| {
            l.split('\t')
                .map(|c| {
                    let c = c.trim();
                    if c.contains(',') || c.contains('"') {
                        format!("\"{}\"", c.replace('"', "\"\""))
                    } else {
                        c.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn check_all(text: &str) -> (CheckOutput, CheckOutput, CheckOutput) {
    let o = Options::default();
    let a = hezhang_ingest::check_text(text, "r.txt", &o).unwrap();
    let b = hezhang_ingest::check_bytes(&to_xlsx(text), "r.xlsx", &o).unwrap();
    let c = hezhang_ingest::check_bytes(to_csv(text).as_bytes(), "r.csv", &o).unwrap();
    (a, b, c)
}

#[test]
fn fixtures_give_the_same_table_findings_in_xlsx_and_csv() {
    let dir = root().join("crates/hezhang-core/tests/fixtures");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let d = e.unwrap().path();
        for k in ["pass.txt", "fail.txt"] {
            let p = d.join(k);
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            if !text.contains('\t') {
                continue; // narrative-only fixtures have no table to carry into a sheet
            }
            let (a, b, c) = check_all(&text);
            assert_eq!(keys(&a), keys(&b), "xlsx differs for {}", p.display());
            assert_eq!(keys(&a), keys(&c), "csv differs for {}", p.display());
            assert_eq!(a.tables.len(), b.tables.len(), "{}", p.display());
            n += 1;
        }
    }
    assert!(n >= 10, "expected fixtures, found {n}");
}

#[test]
fn seed_gives_the_same_table_findings_in_xlsx_and_csv() {
    let p = root().join("../shared/corpus/shanxi-jincheng-zwfw-2022.txt");
    let Ok(text) = std::fs::read_to_string(&p) else {
        eprintln!("skipped: {} not found", p.display());
        return;
    };
    if let Ok(out) = std::env::var("HEZHANG_XLSX_OUT") {
        std::fs::write(out, to_xlsx(&text)).unwrap();
    }
    let (a, b, c) = check_all(&text);
    assert_eq!(keys(&a), keys(&b));
    assert_eq!(keys(&a), keys(&c));
    let finance = |o: &CheckOutput| o.tables.iter().filter(|t| t.kind != "performance").count();
    assert_eq!(finance(&a), 10);
    assert_eq!(finance(&b), 10);
    assert!(keys(&b).iter().any(|k| k.starts_with("PROC-TOTAL Error")));
    // locations are sheet + cell in a workbook
    let f = b.findings.iter().find(|f| f.rule == "PROC-TOTAL").unwrap();
    let l = &f.locations[0];
    assert_eq!(l.sheet.as_deref(), Some("决算"));
    assert_eq!(l.cell.as_deref(), Some("C363"));
    assert_eq!(l.line, None);
}

/// A T5 with split 类/款/项 columns whose codes were stored as numbers (06 → 6).
#[test]
fn split_codes_stored_as_numbers_are_repadded_and_formulas_without_value_flagged() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let bold = Format::new().set_bold();
    ws.merge_range(0, 0, 0, 5, "一般公共预算财政拨款支出决算表", &bold)
        .unwrap();
    ws.write_string(1, 0, "单位：万元").unwrap();
    ws.merge_range(2, 0, 2, 2, "科目编码", &bold).unwrap();
    ws.write_string(2, 3, "科目名称").unwrap();
    ws.merge_range(2, 4, 2, 6, "本年支出", &bold).unwrap();
    for (c, h) in ["类", "款", "项", "", "合计", "基本支出", "项目支出"]
        .iter()
        .enumerate()
    {
        if !h.is_empty() {
            ws.write_string(3, c as u16, *h).unwrap();
        }
    }
    let rows: &[(&[f64], &str, [f64; 3])] = &[
        (&[201.0], "一般公共服务支出", [10.5, 8.0, 2.5]),
        (&[201.0, 6.0], "财政事务", [10.5, 8.0, 2.5]),
        (&[201.0, 6.0, 1.0], "行政运行", [8.0, 8.0, 0.0]),
        (&[201.0, 6.0, 2.0], "一般行政管理事务", [2.5, 0.0, 2.5]),
    ];
    ws.write_string(4, 3, "合计").unwrap();
    ws.write_number(4, 4, 10.5).unwrap();
    ws.write_number(4, 5, 8.0).unwrap();
    // a formula saved without its value (openpyxl/xlwt style): never read as 0
    ws.write_formula(4, 6, Formula::new("=G6").set_result(""))
        .unwrap();
    for (i, (code, name, v)) in rows.iter().enumerate() {
        let r = 5 + i as u32;
        for (c, part) in code.iter().enumerate() {
            ws.write_number(r, c as u16, *part).unwrap();
        }
        ws.write_string(r, 3, *name).unwrap();
        for (c, x) in v.iter().enumerate() {
            if *x != 0.0 {
                ws.write_number(r, 4 + c as u16, *x).unwrap();
            }
        }
    }
    let bytes = strip_formula_values(&wb.save_to_buffer().unwrap());
    let doc = hezhang_ingest::excel::parse(&bytes).unwrap();
    // codes stored as numbers come back re-padded in the 款 and 项 columns
    let row = doc
        .lines
        .iter()
        .find(|l| l.text.contains("一般行政管理事务"))
        .and_then(|l| l.cells.as_ref())
        .expect("the 项 row is a grid row");
    let codes: Vec<&str> = row.iter().take(3).map(|c| c.text.as_str()).collect();
    assert_eq!(codes, ["201", "06", "02"]);
    assert_eq!(row[0].loc.cell.as_deref(), Some("A9"));
    let report = hezhang_core::recognise::recognise(&doc);
    let t5 = report
        .table(hezhang_core::model::Slot::T5)
        .expect("T5 recognised");
    assert_eq!(t5.unit, hezhang_core::model::Unit::WanYuan);
    let total = t5.row_by_role("total").expect("合计 row");
    let project = total.cell("project").expect("project cell");
    assert_eq!(project.raw, "未计算");
    assert_eq!(project.num(), None, "a formula without a value is not 0");
    // 6.2-style floats keep two decimals
    let basic = total.cell("basic").unwrap();
    assert_eq!(basic.raw, "8.00");
}

/// Remove the cached values of formula cells, as openpyxl and xlwt leave them.
fn strip_formula_values(xlsx: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name.starts_with("xl/worksheets/") {
            let s = String::from_utf8(data).unwrap();
            let mut t = String::new();
            let mut rest = s.as_str();
            while let Some(i) = rest.find("</f><v>") {
                t.push_str(&rest[..i + 4]);
                let after = &rest[i + 4..];
                let end = after.find("</v>").unwrap() + 4;
                rest = &after[end..];
            }
            t.push_str(rest);
            data = t.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn hidden_sheets_are_noted() {
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("封面")
        .unwrap()
        .write_string(0, 0, "示例单位")
        .unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("隐藏").unwrap();
    ws.write_string(0, 0, "备用").unwrap();
    ws.set_hidden(true);
    let bytes = wb.save_to_buffer().unwrap();
    let doc = hezhang_ingest::excel::parse(&bytes).unwrap();
    assert!(doc
        .lines
        .iter()
        .any(|l| l.text.contains("隐藏工作表：隐藏")));
}

#[test]
fn broken_workbooks_are_refused_cleanly() {
    let o = Options::default();
    let mut bytes = to_xlsx("合计\t1.00\t2.00\n");
    bytes.truncate(bytes.len() / 2);
    assert!(hezhang_ingest::check_bytes(&bytes, "x.xlsx", &o).is_err());
    assert!(hezhang_ingest::check_bytes(b"PK\x03\x04garbage", "x.xlsx", &o).is_err());
    assert!(hezhang_ingest::check_bytes(&[0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3], "x.xls", &o).is_err());
}

#[test]
fn csv_in_gb18030_and_semicolons() {
    let text = "收入决算表\n金额单位：元\n项目;;本年收入合计;财政拨款收入\n功能分类科目编码;科目名称;;\n合计;;10.00;10.00\n201;一般公共服务支出;10.00;10.00\n";
    let (gb, _, _) = encoding_rs::GB18030.encode(text);
    let o = Options::default();
    let out = hezhang_ingest::check_bytes(&gb, "r.csv", &o).unwrap();
    assert_eq!(out.tables.len(), 1);
    assert_eq!(out.tables[0].kind, "income");
    assert_eq!(out.source.kind, hezhang_core::model::SourceKind::Csv);
}

/// One table-level finding as rule + table + row + column of each cell it cites.
fn place_keys(o: &CheckOutput) -> Vec<String> {
    let mut v: Vec<String> = table_findings(o)
        .map(|f| {
            let cells: Vec<String> = f
                .locations
                .iter()
                .filter(|l| l.kind == "cell")
                .map(|l| format!("{:?}/{:?}/{:?}", l.table, l.row, l.column))
                .collect();
            format!("{} {}", f.rule, cells.join(" "))
        })
        .collect();
    v.sort();
    v
}

/// The .xls of a tab-separated text, made by scripts/tsv_to_xls.py (Python + xlwt). `None`
/// (with a printed note) when python3 or xlwt is missing, unless `CI` is set: then it fails.
fn to_xls(text: &str, tag: &str) -> Option<Vec<u8>> {
    let dir = std::env::temp_dir().join(format!("hezhang-xls-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (tsv, xls) = (dir.join("in.tsv"), dir.join("out.xls"));
    std::fs::write(&tsv, text).unwrap();
    let run = std::process::Command::new("python3")
        .arg(root().join("scripts/tsv_to_xls.py"))
        .arg(&tsv)
        .arg(&xls)
        .output();
    let bytes = match run {
        Ok(o) if o.status.success() => std::fs::read(&xls).ok(),
        Ok(o) => {
            let err = String::from_utf8_lossy(&o.stderr).to_string();
            if !err.contains("No module named 'xlwt'") {
                panic!("scripts/tsv_to_xls.py failed: {err}");
            }
            None
        }
        Err(_) => None,
    };
    let _ = std::fs::remove_dir_all(&dir);
    if bytes.is_none() {
        let msg = "python3 with xlwt is needed to make the .xls (scripts/setup.sh installs it) \
                   / 需要 python3 与 xlwt 生成 .xls";
        assert!(std::env::var_os("CI").is_none(), "{msg}");
        eprintln!("skipped: {msg}");
    }
    bytes
}

#[test]
fn seed_gives_the_same_table_findings_in_xls() {
    let p = root().join("../shared/corpus/shanxi-jincheng-zwfw-2022.txt");
    let Ok(text) = std::fs::read_to_string(&p) else {
        eprintln!("skipped: {} not found", p.display());
        return;
    };
    let Some(xls) = to_xls(&text, "seed") else {
        return;
    };
    let o = Options::default();
    let a = hezhang_ingest::check_text(&text, "r.txt", &o).unwrap();
    let b = hezhang_ingest::check_bytes(&xls, "r.xls", &o).unwrap();
    assert_eq!(b.source.kind, hezhang_core::model::SourceKind::Excel);
    assert!(!place_keys(&a).is_empty());
    assert_eq!(place_keys(&a), place_keys(&b));
    assert_eq!(keys(&a), keys(&b));
    let f = b.findings.iter().find(|f| f.rule == "PROC-TOTAL").unwrap();
    assert_eq!(f.locations[0].sheet.as_deref(), Some("决算"));
    assert!(f.locations[0].cell.is_some());
}

/// A Shanghai report's PDF, its table grids written out as .xlsx, .xls and .csv: each gives
/// the same table-level findings as the PDF.
#[cfg(feature = "pdf")]
#[test]
fn shanghai_pdf_tables_give_the_same_findings_as_workbooks_and_csv() {
    let p = root().join("../shared/corpus/shanghai-putuo-czj-2024.pdf");
    let Ok(pdf) = std::fs::read(&p) else {
        eprintln!("skipped: {} not found", p.display());
        return;
    };
    let o = Options::default();
    let from_pdf = hezhang_ingest::check_pdf(&pdf, "r.pdf", &o).unwrap();
    let (doc, _) = hezhang_ingest::read_pdf(&pdf).unwrap();
    // grid lines as tab-separated cells; titles, 单位 lines and notes as one field
    let text: String = doc
        .lines
        .iter()
        .map(|l| match &l.cells {
            Some(cells) => cells
                .iter()
                .map(|c| c.text.replace(['\t', '\n'], " "))
                .collect::<Vec<_>>()
                .join("\t"),
            None => l.text.replace('\t', " "),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let want = place_keys(&from_pdf);
    assert!(!want.is_empty(), "the PDF has table-level findings");
    let xlsx = hezhang_ingest::check_bytes(&to_xlsx(&text), "r.xlsx", &o).unwrap();
    assert_eq!(place_keys(&xlsx), want, ".xlsx");
    let csv = hezhang_ingest::check_bytes(to_csv(&text).as_bytes(), "r.csv", &o).unwrap();
    assert_eq!(place_keys(&csv), want, ".csv");
    let tables = |o: &CheckOutput| o.tables.iter().filter(|t| t.kind != "performance").count();
    assert_eq!(tables(&xlsx), tables(&from_pdf));
    if let Some(xls) = to_xls(&text, "putuo") {
        let xls = hezhang_ingest::check_bytes(&xls, "r.xls", &o).unwrap();
        assert_eq!(place_keys(&xls), want, ".xls");
        assert_eq!(tables(&xls), tables(&from_pdf));
    }
}

/// Several tables on one sheet: a code column headed far below the first rows still prints
/// its codes as codes (201, not 201.00) and re-pads 款 stored as a number; the next table's
/// title ends it, so amounts there keep two decimals.
#[test]
fn code_columns_are_found_below_the_first_rows_and_end_at_the_next_title() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for r in 0..12 {
        ws.write_string(r, 0, format!("说明第{r}行")).unwrap();
    }
    ws.write_string(12, 0, "一般公共预算财政拨款支出决算表")
        .unwrap();
    for (c, h) in ["类", "款", "科目名称", "合计"].iter().enumerate() {
        ws.write_string(13, c as u16, *h).unwrap();
    }
    ws.write_number(14, 0, 201.0).unwrap();
    ws.write_number(14, 1, 6.0).unwrap();
    ws.write_string(14, 2, "财政事务").unwrap();
    ws.write_number(14, 3, 5.0).unwrap();
    ws.write_string(15, 0, "财政拨款收入支出决算总表").unwrap();
    ws.write_number(16, 0, 300.0).unwrap();
    ws.write_number(16, 1, 7.0).unwrap();
    let doc = hezhang_ingest::excel::parse(&wb.save_to_buffer().unwrap()).unwrap();
    let cells = |needle: &str| -> Vec<String> {
        doc.lines
            .iter()
            .filter_map(|l| l.cells.as_ref())
            .find(|c| c.iter().any(|c| c.text == needle))
            .map(|c| c.iter().map(|c| c.text.clone()).collect())
            .unwrap_or_default()
    };
    assert_eq!(cells("财政事务")[..2], ["201", "06"]);
    assert_eq!(cells("300.00")[..2], ["300.00", "7.00"]);
}

/// .xls stores whole amounts as integers: they still print with two decimals, as in .xlsx,
/// while codes stay codes.
#[test]
fn xls_whole_amounts_keep_two_decimals() {
    let Some(xls) = to_xls(
        "编码\t科目名称\t合计\n201\t一般公共服务支出\t1300.00\n",
        "int",
    ) else {
        return;
    };
    let doc = hezhang_ingest::excel::parse(&xls).unwrap();
    let row = doc
        .lines
        .iter()
        .filter_map(|l| l.cells.as_ref())
        .find(|c| c.iter().any(|c| c.text == "一般公共服务支出"))
        .expect("grid row");
    let texts: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["201", "一般公共服务支出", "1300.00"]);
}
