//! Inputs found by the fuzz targets (fuzz/), each kept as a fixture in tests/fixtures/fuzz/.
//! The CLI runs them too, under memory and time limits (tests/malformed.rs).

use hezhang_core::{InputError, Options};

fn fixture(name: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// `bytes` target, 2026-11-29: an .xls whose FAT sector is cut short made calamine panic
/// (`assert_eq!(s.len() % 4, 0)` in its `to_u32`). Now a damaged workbook, not a panic.
#[test]
fn xls_with_a_short_sector_is_a_damaged_workbook() {
    let b = fixture("xls-short-sector.xls");
    assert_eq!(
        hezhang_ingest::excel::parse(&b).err(),
        Some(InputError::WorkbookUnreadable)
    );
    assert_eq!(
        hezhang_ingest::check_bytes(&b, "x.xls", &Options::default()).err(),
        Some(InputError::WorkbookUnreadable)
    );
}

/// `excel` target, 2026-11-29: an .xls whose sector allocation table loops made calamine
/// follow the directory chain forever (23 GB, then killed, in the release CLI). Now refused
/// before calamine reads it. (The guard alone is tested beside it in src/excel.rs, so that a
/// regression fails there rather than eating the machine's memory here; this test runs the
/// whole path once the guard is known to hold.)
#[test]
fn xls_with_a_looping_sector_table_is_refused() {
    let b = fixture("xls-fat-loop.xls");
    assert_eq!(
        hezhang_ingest::check_bytes(&b, "x.xls", &Options::default()).err(),
        Some(InputError::WorkbookUnreadable)
    );
}

/// `excel` target, 2026-11-29 (after the two above were fixed): a DIMENSIONS record whose
/// last row is before its first made calamine reserve room for 2^32 rows (3.7 PB: the process
/// aborted). Now refused as too large before calamine reads it.
#[test]
fn xls_with_a_huge_dimensions_range_is_refused() {
    let b = fixture("xls-dimensions-bomb.xls");
    assert_eq!(
        hezhang_ingest::check_bytes(&b, "x.xls", &Options::default()).err(),
        Some(InputError::WorkbookTooLarge)
    );
}

/// `excel` target, 2026-11-29: calamine's `parse_mul_rk` subtracts with overflow on a MulRk
/// record whose last column is before its first. With overflow checks (tests, fuzzing) that
/// is a panic, caught here; in a release build it wraps and calamine reports the damage.
/// Either way: a damaged workbook, never a crash.
#[test]
fn xls_with_a_backwards_mulrk_record_is_a_damaged_workbook() {
    let b = fixture("xls-mulrk-overflow.xls");
    assert_eq!(
        hezhang_ingest::check_bytes(&b, "x.xls", &Options::default()).err(),
        Some(InputError::WorkbookUnreadable)
    );
}

/// `excel` target in fork mode, 2026-11-29: the same DIMENSIONS bomb inside a sheet that a
/// record-by-record walk from the stream's start misses (a damaged length) but calamine reaches
/// from its BOUNDSHEET position. The release CLI aborted; now refused as too large.
#[test]
fn xls_with_a_huge_dimensions_range_inside_a_sheet_is_refused() {
    let b = fixture("xls-dimensions-in-sheet.xls");
    assert_eq!(
        hezhang_ingest::check_bytes(&b, "x.xls", &Options::default()).err(),
        Some(InputError::WorkbookTooLarge)
    );
}

/// The valid workbook these were mutated from still reads.
#[test]
fn the_valid_xls_still_reads() {
    let doc = hezhang_ingest::excel::parse(&fixture("valid.xls")).expect("a valid .xls");
    assert!(doc.lines.iter().any(|l| l.text.contains("工资福利支出")));
}
