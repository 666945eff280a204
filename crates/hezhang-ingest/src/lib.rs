//! 核账 ingestion: bytes or pasted text → [`hezhang_core::RawDoc`] → checked report.
//!
//! Pasted text lives here with no heavy dependency, so the web app's first load can link it
//! (`default-features = false`). PDF and Excel come behind the `pdf` and `excel` features.

pub mod csv;
pub mod decode;
#[cfg(feature = "excel")]
pub mod excel;
#[cfg(feature = "pdf")]
pub mod layout;
pub mod paste;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod protocol;

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

/// True when the bytes are a PDF (`%PDF` within the first KiB, as readers accept).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(4)
        .any(|w| w == b"%PDF")
}

/// Read a PDF into the raw document model. Pages without a readable text layer are
/// listed in the second value (1-based); when no page is readable the PDF is refused.
#[cfg(feature = "pdf")]
pub fn read_pdf(bytes: &[u8]) -> Result<(hezhang_core::RawDoc, Vec<u32>), InputError> {
    read_pdf_with_progress(bytes, &mut |_, _| {}).map_err(|f| f.reason.input_error())
}

/// [`read_pdf`], calling `progress(done, total)` as pages are read, and saying why a PDF is
/// refused in more detail (encrypted or damaged; the pages without a text layer).
#[cfg(feature = "pdf")]
pub fn read_pdf_with_progress(
    bytes: &[u8],
    progress: &mut dyn FnMut(u32, u32),
) -> Result<(hezhang_core::RawDoc, Vec<u32>), protocol::Failure> {
    use protocol::{Failure, Reason};
    if bytes.len() > MAX_BYTES {
        return Err(Reason::TooLarge.into());
    }
    // last resort: the engine must never take the caller down
    let pages = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pdf::HayroSource.pages_with_progress(bytes, progress)
    }))
    .map_err(|_| Failure::from(Reason::Damaged))?
    .map_err(|e| {
        Failure::from(match e {
            pdf::PdfError::Encrypted => Reason::Encrypted,
            pdf::PdfError::Invalid => Reason::Damaged,
        })
    })?;
    if pages.is_empty() {
        return Err(Reason::Damaged.into());
    }
    // a page is unreadable when it paints glyphs that are mostly garbage, or images and no
    // glyphs (a scan); a blank page is neither
    let unreadable: Vec<u32> = pages
        .iter()
        .filter(|p| !p.readable() && (p.glyphs > 0 || p.images > 0))
        .map(|p| p.number)
        .collect();
    let readable: Vec<pdf::PdfPage> = pages.into_iter().filter(|p| p.readable()).collect();
    if readable.is_empty() {
        return Err(Failure {
            reason: Reason::NoTextLayer,
            pages: unreadable,
        });
    }
    let doc = std::panic::catch_unwind(|| layout::to_raw_doc(&readable))
        .map_err(|_| Failure::from(Reason::Damaged))?;
    Ok((doc, unreadable))
}

/// A file read into the raw document model, with the PDF pages that had no readable text layer.
/// This is what the ingest worker hands the page (`protocol::Reply::Done`); [`check_ingested`]
/// checks it the way [`check_bytes`] checks the file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Ingested {
    pub doc: hezhang_core::RawDoc,
    /// 1-based pages without a readable text layer (PDF only); `doc.pages` counts them.
    #[serde(default)]
    pub unreadable: Vec<u32>,
}

/// Read a PDF for checking: `doc.pages` counts every page, readable or not.
#[cfg(feature = "pdf")]
pub fn ingest_pdf(
    bytes: &[u8],
    progress: &mut dyn FnMut(u32, u32),
) -> Result<Ingested, protocol::Failure> {
    let (mut doc, unreadable) = read_pdf_with_progress(bytes, progress)?;
    if let Some(n) = doc.pages.as_mut() {
        *n += unreadable.len() as u32;
    }
    Ok(Ingested { doc, unreadable })
}

/// Check a read file. The CLI ([`check_bytes`]) and the web app (after the worker read the file)
/// share this, so both give the same output for the same file.
pub fn check_ingested(
    ing: &Ingested,
    file: &str,
    opts: &Options,
) -> Result<CheckOutput, InputError> {
    let unreadable = &ing.unreadable;
    let mut out = match check_doc(&ing.doc, file, opts) {
        Err(InputError::Empty) | Err(InputError::NotRecognised) if !unreadable.is_empty() => {
            return Err(InputError::NoTextLayer)
        }
        r => r?,
    };
    if !unreadable.is_empty() {
        let list = unreadable
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("、");
        out.notes.push(format!(
            "第 {list} 页没有可读取的文字层（可能是扫描件），这些页未核对。"
        ));
    }
    Ok(out)
}

/// Check a PDF's bytes; pages without a text layer are named in the notes.
#[cfg(feature = "pdf")]
pub fn check_pdf(bytes: &[u8], file: &str, opts: &Options) -> Result<CheckOutput, InputError> {
    let ing = ingest_pdf(bytes, &mut |_, _| {}).map_err(|f| f.reason.input_error())?;
    check_ingested(&ing, file, opts)
}

/// Text from a file: CSV when the name says so or the content looks like it, else a pasted
/// report. The CLI and the web app decide the same way.
pub fn parse_named_text(text: &str, file: &str) -> hezhang_core::RawDoc {
    if file.to_ascii_lowercase().ends_with(".csv") || csv::looks_like_csv(text) {
        csv::parse(text)
    } else {
        paste::parse(text)
    }
}

/// Check the decoded text of a file named `file` ([`parse_named_text`]).
pub fn check_named_text(text: &str, file: &str, opts: &Options) -> Result<CheckOutput, InputError> {
    if text.len() > MAX_BYTES {
        return Err(InputError::TooLarge);
    }
    check_doc(&parse_named_text(text, file), file, opts)
}

/// Check a file's bytes: the kind is detected from the content.
#[cfg(feature = "encodings")]
pub fn check_bytes(bytes: &[u8], file: &str, opts: &Options) -> Result<CheckOutput, InputError> {
    #[cfg(feature = "pdf")]
    if is_pdf(bytes) {
        return check_pdf(bytes, file, opts);
    }
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
    #[cfg(feature = "pdf")]
    if is_pdf(bytes) {
        return read_pdf(bytes).map(|(doc, _)| doc);
    }
    #[cfg(feature = "excel")]
    if excel::is_workbook(bytes) {
        return excel::parse(bytes);
    }
    let text = decode::decode(bytes)?;
    Ok(parse_named_text(&text, file))
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
