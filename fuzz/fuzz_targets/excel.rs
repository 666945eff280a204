//! A workbook's bytes (.xlsx zip or .xls OLE) through calamine, the grid reader and the whole
//! pipeline: no panic, every cell located on a named sheet with an A1 address, and the check
//! counts add up.
#![no_main]

use hezhang_core::Options;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = hezhang_ingest::excel::parse(data) else {
        return;
    };
    for line in &doc.lines {
        assert!(line.loc.sheet.is_some(), "line without a sheet: {line:?}");
        for cell in line.cells.iter().flatten() {
            assert!(cell.loc.sheet.is_some(), "cell without a sheet: {cell:?}");
            let a1 = cell.loc.cell.as_deref().expect("cell without an address");
            let letters = a1.bytes().take_while(u8::is_ascii_uppercase).count();
            assert!(
                letters >= 1 && a1[letters..].parse::<u32>().is_ok_and(|r| r >= 1),
                "bad cell address {a1:?}"
            );
        }
    }
    if let Ok(out) = hezhang_core::check_doc(&doc, "fuzz.xlsx", &Options::default()) {
        assert_eq!(out.checks.run, out.checks.passed + out.checks.failed);
    }
});
