//! 核账 ingestion: bytes or pasted text → [`hezhang_core::RawDoc`] → checked report.
//!
//! Pasted text lives here with no heavy dependency, so the web app's first load can link it
//! (`default-features = false`). PDF and Excel come behind the `pdf` and `excel` features.

pub mod decode;
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
    if bytes.len() > MAX_BYTES {
        return Err(InputError::TooLarge);
    }
    let text = decode::decode(bytes)?;
    check_text(&text, file, opts)
}
