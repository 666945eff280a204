//! 核账 ingestion: bytes or pasted text → [`hezhang_core::RawDoc`] → checked report.
//!
//! Pasted text lives here with no heavy dependency, so the web app's first load can link it
//! (`default-features = false`). PDF and Excel come behind the `pdf` and `excel` features.

pub mod csv;
pub mod decode;
#[cfg(feature = "excel")]
pub mod excel;
pub mod paste;

use hezhang_core::{check_doc, CheckOutput, InputError, Options};

/// Largest input accepted (bytes).
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// Check pasted text.
pub fn check_text(text: &str, file: &str, opts: &Options) -> Result<CheckOutput, InputError> {
    if text.len() > MAX_BYTES {
        return Err(InputError::TooLarge);
    }
    let doc = paste::parse(text);
    check_doc(&doc, file, opts)
}

/// Check a file's bytes: the kind is detected from the content.
#[cfg(feature = "encodings")]
pub fn check_bytes(bytes: &[u8], file: &str, opts: &Options) -> Result<CheckOutput, InputError> {
    let doc = read(bytes, file)?;
    check_doc(&doc, file, opts)
}

/// Read a file's bytes into the raw document model: a workbook, CSV or pasted text, detected
/// from the content (the file name only tells CSV from text when the content cannot).
#[cfg(feature = "encodings")]
pub fn read(bytes: &[u8], file: &str) -> Result<hezhang_core::RawDoc, InputError> {
    if bytes.len() > MAX_BYTES {
        return Err(InputError::TooLarge);
    }
    #[cfg(feature = "excel")]
    if excel::is_workbook(bytes) {
        return excel::parse(bytes);
    }
    let text = decode::decode(bytes)?;
    if file.to_ascii_lowercase().ends_with(".csv") || csv::looks_like_csv(&text) {
        return Ok(csv::parse(&text));
    }
    Ok(paste::parse(&text))
}

/// "A1"-style address of a 0-based (row, column).
pub fn a1(row: u32, col: u32) -> String {
    let mut c = col + 1;
    let mut letters = Vec::new();
    while c > 0 {
        letters.push((b'A' + ((c - 1) % 26) as u8) as char);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn addresses() {
        assert_eq!(super::a1(0, 0), "A1");
        assert_eq!(super::a1(11, 2), "C12");
        assert_eq!(super::a1(0, 26), "AA1");
    }
}
