//! A PDF's bytes through hayro, the text-layer rebuild and the whole pipeline: no panic (a
//! panic inside hayro is caught in production, but libFuzzer's hook still reports it), and
//! every box — of each raw line and cell, and of each finding's location — lies inside its
//! page, so that a viewer can always draw it.
#![no_main]

use hezhang_core::model::Loc;
use hezhang_core::Options;
use hezhang_ingest::pdf::{HayroSource, PdfSource};
use libfuzzer_sys::fuzz_target;

/// Boxes are rounded to 0.01 pt after clipping.
const SLACK: f32 = 0.006;

fn inside(page: Option<u32>, bbox: Option<[f32; 4]>, sizes: &[(f32, f32)], what: &str) {
    let Some([x0, y0, x1, y1]) = bbox else {
        return;
    };
    let n = page.unwrap_or_else(|| panic!("{what}: a box without a page"));
    let &(w, h) = sizes
        .get((n as usize).wrapping_sub(1))
        .unwrap_or_else(|| panic!("{what}: page {n} of {}", sizes.len()));
    assert!(
        0.0 <= x0 && x0 <= x1 && x1 <= w + SLACK && 0.0 <= y0 && y0 <= y1 && y1 <= h + SLACK,
        "{what}: box {:?} outside page {n} ({w} × {h})",
        [x0, y0, x1, y1]
    );
}

fn loc_inside(loc: &Loc, sizes: &[(f32, f32)], what: &str) {
    inside(loc.page, loc.bbox, sizes, what);
}

fn sizes(data: &[u8]) -> Vec<(f32, f32)> {
    let pages = HayroSource
        .pages(data)
        .expect("read once, so it reads again");
    pages.iter().map(|p| (p.width, p.height)).collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(out) = hezhang_ingest::check_pdf(data, "fuzz.pdf", &Options::default()) else {
        return;
    };
    assert_eq!(out.checks.run, out.checks.passed + out.checks.failed);
    let sizes = sizes(data);
    for f in &out.findings {
        for l in &f.locations {
            inside(l.page, l.bbox, &sizes, f.rule);
        }
    }
    let (doc, _) = hezhang_ingest::read_pdf(data).expect("checked once, so it reads again");
    for line in &doc.lines {
        loc_inside(&line.loc, &sizes, "line");
        for cell in line.cells.iter().flatten() {
            loc_inside(&cell.loc, &sizes, "cell");
        }
    }
});
