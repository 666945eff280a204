//! 核账 ingest worker: the part of the web app that reads PDF and Excel files.
//!
//! It runs as a dedicated Web Worker, a separate wasm that the page fetches only with the first
//! PDF or workbook, so the first load never carries the PDF engine or calamine. The page posts
//! the file's bytes (a transferred `ArrayBuffer`) with a [`Request`]; the worker answers with
//! [`Reply`]s: progress by page or sheet, then the read document or why it could not be read
//! (the protocol is `hezhang_ingest::protocol`). Recognition and the rules run on the page,
//! with the same `hezhang_ingest::check_ingested` as the CLI.
//!
//! This file is the worker's logic and builds on every target (tested on the host); `main.rs`
//! holds the wasm32 glue.

use hezhang_ingest::protocol::{Failure, Reason, Reply, Unit};
pub use hezhang_ingest::protocol::{Request, TestAction};
use hezhang_ingest::Ingested;

/// Read a file's bytes: posts [`Reply::Progress`] as pages (PDF) or sheets (workbook) are read,
/// then exactly one [`Reply::Done`] or [`Reply::Failed`]. The kind is told from the content.
pub fn read(bytes: &[u8], post: &mut dyn FnMut(&Reply)) {
    let reply = match ingest(bytes, post) {
        Ok(ingested) => Reply::Done { ingested },
        Err(f) => Reply::Failed(f),
    };
    post(&reply);
}

fn ingest(bytes: &[u8], post: &mut dyn FnMut(&Reply)) -> Result<Ingested, Failure> {
    if bytes.len() > hezhang_ingest::MAX_BYTES {
        return Err(Reason::TooLarge.into());
    }
    if hezhang_ingest::is_pdf(bytes) {
        return hezhang_ingest::ingest_pdf(bytes, &mut |done, total| {
            post(&Reply::Progress {
                unit: Unit::Page,
                done,
                total,
            })
        });
    }
    if hezhang_ingest::excel::is_workbook(bytes) {
        let doc = hezhang_ingest::excel::parse_with_progress(bytes, &mut |done, total| {
            post(&Reply::Progress {
                unit: Unit::Sheet,
                done,
                total,
            })
        })?;
        return Ok(Ingested {
            doc,
            unreadable: Vec::new(),
        });
    }
    Err(Reason::Unsupported.into())
}

/// What the worker does with one message's request text (`None` when it is no request).
pub fn parse(req: &str) -> Option<Request> {
    Request::from_json(req)
}
