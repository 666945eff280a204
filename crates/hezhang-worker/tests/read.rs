//! The worker's answers, end to end on the host: what the page gets from the worker, sent as
//! text and checked with `check_ingested`, equals what the CLI's `check_bytes` prints for the
//! same file (PDF and workbook), progress comes in order, and failures say why.

use std::path::PathBuf;

use hezhang_core::Options;
use hezhang_ingest::protocol::{Reason, Reply, Unit};

fn replies(bytes: &[u8]) -> Vec<Reply> {
    let mut out = Vec::new();
    hezhang_worker::read(bytes, &mut |r| {
        // every reply crosses postMessage as text
        out.push(Reply::decode(&r.encode()).expect("a reply reads back"))
    });
    out
}

fn progress_of(rs: &[Reply]) -> Vec<(Unit, u32, u32)> {
    rs.iter()
        .filter_map(|r| match r {
            Reply::Progress { unit, done, total } => Some((*unit, *done, *total)),
            _ => None,
        })
        .collect()
}

/// The page's result equals the CLI's, byte for byte as JSON.
fn assert_same_as_cli(bytes: &[u8], name: &str) {
    let rs = replies(bytes);
    let Some(Reply::Done { ingested }) = rs.last() else {
        panic!("{name}: no Done: {:?}", rs.last());
    };
    let opts = Options::default();
    let page = hezhang_ingest::check_ingested(ingested, name, &opts).expect("checks");
    let cli = hezhang_ingest::check_bytes(bytes, name, &opts).expect("checks");
    assert_eq!(
        serde_json::to_string(&page).unwrap(),
        serde_json::to_string(&cli).unwrap(),
        "{name}"
    );
}

#[test]
fn a_corpus_pdf_reads_page_by_page_and_checks_as_the_cli_does() {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/shanghai-putuo-czj-2024.pdf");
    let Ok(bytes) = std::fs::read(&p) else {
        eprintln!("skipping: {} not found", p.display());
        return;
    };
    let rs = replies(&bytes);
    let prog = progress_of(&rs);
    let total = prog.first().expect("progress").2;
    assert!(total > 1);
    let expected: Vec<_> = (0..=total).map(|d| (Unit::Page, d, total)).collect();
    assert_eq!(prog, expected, "one count per page, in order");
    assert_same_as_cli(&bytes, "shanghai-putuo-czj-2024.pdf");
}

#[test]
fn a_workbook_reads_sheet_by_sheet_and_checks_as_the_cli_does() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let rows: [&[&str]; 6] = [
        &["部门决算公开相关信息统计表"],
        &["项目", "行次", "金额"],
        &["合计", "1", "75425.00"],
        &["货物", "2", ""],
        &["工程", "3", ""],
        &["服务", "4", "130652.46"],
    ];
    let ws = wb.add_worksheet();
    ws.set_name("政府采购").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, t) in row.iter().enumerate() {
            if let Ok(n) = t.parse::<f64>() {
                ws.write(r as u32, c as u16, n).unwrap();
            } else if !t.is_empty() {
                ws.write(r as u32, c as u16, *t).unwrap();
            }
        }
    }
    wb.add_worksheet()
        .set_name("说明")
        .unwrap()
        .write(0, 0, "无")
        .unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let rs = replies(&bytes);
    assert_eq!(
        progress_of(&rs),
        vec![
            (Unit::Sheet, 0, 2),
            (Unit::Sheet, 1, 2),
            (Unit::Sheet, 2, 2)
        ]
    );
    let Some(Reply::Done { ingested }) = rs.last() else {
        panic!("{:?}", rs.last())
    };
    let cell = ingested
        .doc
        .lines
        .iter()
        .flat_map(|l| l.cells.iter().flatten())
        .find(|c| c.text == "75425.00")
        .expect("the 合计 cell");
    assert_eq!(cell.loc.sheet.as_deref(), Some("政府采购"));
    assert_eq!(cell.loc.cell.as_deref(), Some("C3"));
    if hezhang_ingest::check_bytes(&bytes, "a.xlsx", &Options::default()).is_ok() {
        assert_same_as_cli(&bytes, "a.xlsx");
    }
}

#[test]
fn failures_say_why() {
    let last = |b: &[u8]| replies(b).pop().unwrap();
    assert_eq!(
        last(b"just some text"),
        Reply::Failed(Reason::Unsupported.into())
    );
    assert_eq!(
        last(b"%PDF-1.7\nnot really a pdf"),
        Reply::Failed(Reason::Damaged.into())
    );
    assert_eq!(
        last(b"PK\x03\x04not a zip"),
        Reply::Failed(Reason::Damaged.into())
    );
    let big = vec![b' '; hezhang_ingest::MAX_BYTES + 1];
    assert_eq!(last(&big), Reply::Failed(Reason::TooLarge.into()));
}

#[test]
fn requests_parse_or_are_refused() {
    use hezhang_worker::{Request, TestAction};
    assert_eq!(
        hezhang_worker::parse(r#"{"type":"read","name":"a.pdf","test":"hang"}"#),
        Some(Request::Read {
            name: "a.pdf".into(),
            test: Some(TestAction::Hang)
        })
    );
    assert_eq!(hezhang_worker::parse("read a.pdf"), None);
}

/// A one-page PDF showing only a grey image, as a scan does.
fn image_only_pdf() -> Vec<u8> {
    let image = b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\x80\xc8\xff\nendstream";
    let content = b"<< /Length 31 >>\nstream\nq 200 0 0 200 0 0 cm /Im1 Do Q\nendstream";
    let objs: [&[u8]; 5] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        image,
        content,
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 6\n0000000000 65535 f \n");
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

#[test]
fn a_scan_is_refused_naming_its_pages() {
    let rs = replies(&image_only_pdf());
    assert_eq!(
        progress_of(&rs),
        vec![(Unit::Page, 0, 1), (Unit::Page, 1, 1)]
    );
    assert_eq!(
        rs.last(),
        Some(&Reply::Failed(hezhang_ingest::protocol::Failure {
            reason: Reason::NoTextLayer,
            pages: vec![1],
        }))
    );
}
