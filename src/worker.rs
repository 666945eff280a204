//! The boundary between the page and the file reader.
//!
//! Plain text is decoded on the page with the browser's `TextDecoder` (UTF-8, else GB18030):
//! that is cheap. Everything heavier — PDF and Excel — goes through [`Request`] / [`Reply`]
//! messages to a reader that will run as a Web Worker (a separate, lazily loaded wasm), so the
//! page never parses such files itself. In this version the reader answers every PDF or Excel
//! request with [`Reply::Unsupported`]; the page shows "PDF/Excel reading comes in a later
//! version" in the reader's language. The messages are plain data so that they can cross
//! `postMessage` unchanged when the real worker arrives.

/// What a file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Text; `Some(label)` when a byte-order mark names a UTF-16 encoding.
    Text(Option<&'static str>),
    Pdf,
    /// Office Open XML workbook (a zip).
    Xlsx,
    /// Legacy Excel workbook (OLE compound file).
    Xls,
    /// Anything else that is not text.
    Binary,
}

impl FileKind {
    /// Does this kind go to the worker?
    pub fn needs_worker(self) -> bool {
        matches!(self, FileKind::Pdf | FileKind::Xlsx | FileKind::Xls)
    }
}

/// Sniff a file's kind from its content (never from its name alone).
pub fn sniff(bytes: &[u8]) -> FileKind {
    if bytes.starts_with(b"%PDF-") {
        return FileKind::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return FileKind::Xlsx;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return FileKind::Xls;
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return FileKind::Text(Some("utf-16le"));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return FileKind::Text(Some("utf-16be"));
    }
    let head = &bytes[..bytes.len().min(8192)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x09 || (0x0E..0x1A).contains(&b))
        .count();
    if head.contains(&0) || control * 20 > head.len().max(1) {
        return FileKind::Binary;
    }
    FileKind::Text(None)
}

/// A message to the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Read a PDF or a workbook into the text the checker takes.
    Read { name: String, bytes: Vec<u8> },
    /// Stop the current read.
    Cancel,
}

/// A message from the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Reading goes on: page (or sheet) `done` of `total`.
    Progress { done: u32, total: u32 },
    /// The file's content, as text the checker takes.
    Text { name: String, text: String },
    /// This kind of file cannot be read yet.
    Unsupported { name: String, kind: FileKind },
    /// The file could not be read (damaged, encrypted, no text layer).
    Failed { name: String },
    /// The read was cancelled.
    Cancelled,
}

/// What the reader does with a request. Today it reads nothing: PDF and Excel come later.
pub fn handle(req: Request) -> Reply {
    match req {
        Request::Read { name, bytes } => Reply::Unsupported {
            kind: sniff(&bytes),
            name,
        },
        Request::Cancel => Reply::Cancelled,
    }
}

#[cfg(target_arch = "wasm32")]
pub use client::{decode_text, WorkerClient};

#[cfg(target_arch = "wasm32")]
mod client {
    use super::{handle, Reply, Request};

    /// The page's handle on the reader. It will own the worker's life cycle (spawned on the
    /// first PDF or workbook, restarted after a trap); for now it answers in-process, after
    /// yielding to the event loop as a real worker round trip would.
    #[derive(Debug, Default)]
    pub struct WorkerClient;

    impl WorkerClient {
        pub async fn request(&self, req: Request) -> Reply {
            let tick = js_sys::Promise::resolve(&wasm_bindgen::JsValue::UNDEFINED);
            let _ = wasm_bindgen_futures::JsFuture::from(tick).await;
            handle(req)
        }
    }

    /// Decode a text file with the browser's `TextDecoder`: the encoding its byte-order mark
    /// names, else strict UTF-8, else GB18030. Returns the text and whether GB18030 was used.
    pub fn decode_text(bytes: &[u8], label: Option<&'static str>) -> Option<(String, bool)> {
        let decoder = |label: &str, fatal: bool| {
            let opts = web_sys::TextDecoderOptions::new();
            opts.set_fatal(fatal);
            web_sys::TextDecoder::new_with_label_and_options(label, &opts).ok()
        };
        if let Some(label) = label {
            return decoder(label, false)?
                .decode_with_u8_array(bytes)
                .ok()
                .map(|t| (t, false));
        }
        if let Some(t) = decoder("utf-8", true).and_then(|d| d.decode_with_u8_array(bytes).ok()) {
            return Some((t, false));
        }
        decoder("gb18030", false)?
            .decode_with_u8_array(bytes)
            .ok()
            .map(|t| (t, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), FileKind::Pdf);
        assert_eq!(sniff(b"PK\x03\x04rest"), FileKind::Xlsx);
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            FileKind::Xls
        );
        assert_eq!(sniff("合计 1 75425.00".as_bytes()), FileKind::Text(None));
        assert_eq!(
            sniff(&[0xFF, 0xFE, b'a', 0]),
            FileKind::Text(Some("utf-16le"))
        );
        assert_eq!(sniff(&[1, 2, 3, 0, 5]), FileKind::Binary);
        assert_eq!(sniff(b""), FileKind::Text(None));
        // GB18030 bytes are text too.
        assert_eq!(sniff(&[0xBA, 0xCF, 0xBC, 0xC6]), FileKind::Text(None));
    }

    #[test]
    fn pdf_and_excel_are_not_read_yet() {
        for (bytes, kind) in [
            (b"%PDF-1.4".to_vec(), FileKind::Pdf),
            (b"PK\x03\x04".to_vec(), FileKind::Xlsx),
        ] {
            let name = "a".to_string();
            assert!(kind.needs_worker());
            assert_eq!(
                handle(Request::Read {
                    name: name.clone(),
                    bytes
                }),
                Reply::Unsupported { name, kind }
            );
        }
        assert_eq!(handle(Request::Cancel), Reply::Cancelled);
    }
}
