//! The page's side of the ingest worker.
//!
//! Plain text is decoded on the page with the browser's `TextDecoder` (UTF-8, else GB18030):
//! that is cheap, and CSV is text too. PDF and Excel go to the ingest worker
//! (`crates/hezhang-worker`, a separate wasm run as a dedicated Web Worker), which the page
//! creates on the first such file, so the first load never carries the PDF engine or calamine.
//! The file's `ArrayBuffer` is transferred to the worker, not copied; the worker answers with
//! progress by page or sheet, then the read document ([`hezhang_ingest::Ingested`]), which the
//! page checks with the same `check_ingested` as the CLI (protocol: `hezhang_ingest::protocol`).
//!
//! The client owns the worker's life: a trap (a panic aborts on wasm32), an error event, an
//! unreadable message or no answer within the time limit ([`TIMEOUT_MS`], reset by every message)
//! terminate it, and the next file creates a new one. Cancelling terminates it too: a worker
//! busy reading cannot take a message.

pub use hezhang_ingest::protocol::{Failure, Reason, Reply, Request, TestAction, Unit};
use hezhang_ingest::Ingested;

/// The worker's loader (Trunk's `data-loader-shim`), relative to the page's base URL. Trunk
/// names worker files after the binary, without a content hash.
pub const WORKER_URL: &str = "hezhang-worker_loader.js";

/// How long the page waits for any message from the worker before giving up on it.
pub const TIMEOUT_MS: u32 = 30_000;

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

/// How many leading bytes [`sniff`] looks at.
pub const SNIFF_BYTES: usize = 8192;

/// Sniff a file's kind from its content (never from its name alone). PDF is told the way the
/// CLI tells it (`%PDF` within the first KiB).
pub fn sniff(bytes: &[u8]) -> FileKind {
    if hezhang_ingest::is_pdf(bytes) {
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
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x09 || (0x0E..0x1A).contains(&b))
        .count();
    if head.contains(&0) || control * 20 > head.len().max(1) {
        return FileKind::Binary;
    }
    FileKind::Text(None)
}

/// The time limit asked for by `?worker_timeout_ms=N` in the page's query string (the
/// end-to-end tests shorten it), clamped to 0.1 s … 10 min; else [`TIMEOUT_MS`].
pub fn timeout_from_query(search: &str) -> u32 {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("worker_timeout_ms="))
        .and_then(|v| v.parse::<u32>().ok())
        .map_or(TIMEOUT_MS, |ms| ms.clamp(100, 600_000))
}

/// How a read ended, as the page sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Read(Ingested),
    Failed(Failure),
    /// The worker trapped, fired an error event, or sent something that is no reply.
    Crashed,
    /// No message from the worker within the time limit.
    TimedOut,
    Cancelled,
}

/// A message from the worker, as the page acts on it.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Ready,
    Progress { unit: Unit, done: u32, total: u32 },
    End(Outcome),
}

/// Read one message from the worker (its `data`, text when it is a reply).
pub fn event(data: Option<&str>) -> Event {
    match data.and_then(Reply::decode) {
        Some(Reply::Ready) => Event::Ready,
        Some(Reply::Progress { unit, done, total }) => Event::Progress { unit, done, total },
        Some(Reply::Done { ingested }) => Event::End(Outcome::Read(ingested)),
        Some(Reply::Failed(f)) => Event::End(Outcome::Failed(f)),
        None => Event::End(Outcome::Crashed),
    }
}

/// The 1-based unit being read while `done` of `total` are done ("page 3 of 25").
pub fn current(done: u32, total: u32) -> u32 {
    (done + 1).min(total.max(1))
}

#[cfg(target_arch = "wasm32")]
pub use client::{cancel, decode_text, read, spawned};

#[cfg(target_arch = "wasm32")]
mod client {
    use std::cell::RefCell;
    use std::rc::Rc;

    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    use super::{event, Event, Outcome, Request, TestAction, WORKER_URL};

    type Listener = Rc<dyn Fn(Event)>;

    /// The live worker and the read it is doing.
    struct Live {
        worker: web_sys::Worker,
        ready: bool,
        /// Terminated: replaced on the next read (its closures are dropped then, never while
        /// one of them runs).
        dead: bool,
        /// The read request, waiting for [`Event::Ready`].
        queued: Option<js_sys::Object>,
        job: Option<Listener>,
        timeout_ms: u32,
        timer: Option<i32>,
        timer_fn: Option<Closure<dyn FnMut()>>,
        _onmessage: Closure<dyn FnMut(web_sys::MessageEvent)>,
        _onerror: Closure<dyn FnMut(web_sys::Event)>,
    }

    thread_local! {
        static LIVE: RefCell<Option<Live>> = const { RefCell::new(None) };
    }

    /// Has a worker been created (tests and diagnostics)?
    pub fn spawned() -> bool {
        LIVE.with(|l| l.borrow().is_some())
    }

    /// Read a PDF or workbook. `listener` gets the progress and then exactly one
    /// [`Event::End`]. A read still running is abandoned (its listener hears nothing more).
    pub fn read(
        name: &str,
        bytes: js_sys::ArrayBuffer,
        test: Option<TestAction>,
        timeout_ms: u32,
        listener: impl Fn(Event) + 'static,
    ) {
        let req = Request::Read {
            name: name.to_string(),
            test,
        };
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"req".into(), &req.to_json().into());
        let _ = js_sys::Reflect::set(&msg, &"bytes".into(), &bytes);
        let listener: Listener = Rc::new(listener);
        let refused = LIVE.with(|l| {
            let mut l = l.borrow_mut();
            if let Some(live) = l.as_mut().filter(|live| !live.dead && live.job.is_some()) {
                kill(live); // abandon the read in progress
            }
            if l.as_ref().is_none_or(|live| live.dead) {
                // The old worker's closures are not running now: they may be dropped.
                *l = spawn().ok();
            }
            let Some(live) = l.as_mut() else {
                return true;
            };
            live.job = Some(listener.clone());
            live.timeout_ms = timeout_ms;
            if live.ready {
                post(live, msg);
            } else {
                live.queued = Some(msg);
            }
            arm(live);
            false
        });
        if refused {
            // The browser refused to create the worker: as good as a crash.
            listener(Event::End(Outcome::Crashed));
        }
    }

    /// Stop the read in progress: the worker is terminated and recreated on the next read.
    pub fn cancel() {
        finish(Outcome::Cancelled, true);
    }

    fn spawn() -> Result<Live, JsValue> {
        let worker = web_sys::Worker::new(WORKER_URL)?;
        let onmessage =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
                on_message(e.data().as_string())
            });
        let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
            // Handled here: the page shows its own message.
            e.prevent_default();
            finish(Outcome::Crashed, true);
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        Ok(Live {
            worker,
            ready: false,
            dead: false,
            queued: None,
            job: None,
            timeout_ms: super::TIMEOUT_MS,
            timer: None,
            timer_fn: None,
            _onmessage: onmessage,
            _onerror: onerror,
        })
    }

    fn post(live: &mut Live, msg: js_sys::Object) {
        let transfer = js_sys::Array::of1(
            &js_sys::Reflect::get(&msg, &"bytes".into()).unwrap_or(JsValue::UNDEFINED),
        );
        if live
            .worker
            .post_message_with_transfer(&msg, &transfer)
            .is_err()
        {
            let _ = live.worker.post_message(&msg);
        }
    }

    fn on_message(data: Option<String>) {
        let ev = event(data.as_deref());
        match ev {
            Event::Ready => LIVE.with(|l| {
                if let Some(live) = l.borrow_mut().as_mut().filter(|l| !l.dead) {
                    live.ready = true;
                    if let Some(msg) = live.queued.take() {
                        post(live, msg);
                    }
                    if live.job.is_some() {
                        arm(live);
                    }
                }
            }),
            Event::Progress { .. } => {
                let listener = LIVE.with(|l| {
                    let mut l = l.borrow_mut();
                    let live = l.as_mut().filter(|l| !l.dead)?;
                    arm(live);
                    live.job.clone()
                });
                if let Some(f) = listener {
                    f(ev);
                }
            }
            Event::End(outcome) => {
                // A message that is no reply means the worker is in a state we do not know.
                let kill = outcome == Outcome::Crashed;
                finish(outcome, kill);
            }
        }
    }

    /// End the current read with `outcome` (terminating the worker when `kill`), then tell
    /// its listener, outside the borrow.
    fn finish(outcome: Outcome, kill_it: bool) {
        let listener = LIVE.with(|l| {
            let mut l = l.borrow_mut();
            let live = l.as_mut()?;
            disarm(live);
            if kill_it {
                kill(live);
            }
            live.job.take()
        });
        if let Some(f) = listener {
            f(Event::End(outcome));
        }
    }

    fn kill(live: &mut Live) {
        disarm(live);
        // Stale events of a terminated worker must reach no closure.
        live.worker.set_onmessage(None);
        live.worker.set_onerror(None);
        live.worker.terminate();
        live.dead = true;
        live.ready = false;
        live.queued = None;
    }

    /// (Re)start the time limit.
    fn arm(live: &mut Live) {
        disarm(live);
        let Some(window) = web_sys::window() else {
            return;
        };
        // The previous closure is not running now (this runs from a message, a read or a
        // finished timer's successor), so it may be dropped.
        let f = Closure::<dyn FnMut()>::new(|| finish(Outcome::TimedOut, true));
        live.timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                f.as_ref().unchecked_ref(),
                live.timeout_ms as i32,
            )
            .ok();
        live.timer_fn = Some(f);
    }

    fn disarm(live: &mut Live) {
        if let (Some(id), Some(w)) = (live.timer.take(), web_sys::window()) {
            w.clear_timeout_with_handle(id);
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
    use hezhang_core::model::{RawDoc, SourceKind};

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), FileKind::Pdf);
        // as the CLI: %PDF within the first KiB
        assert_eq!(sniff(b"\r\n%PDF-1.4\n"), FileKind::Pdf);
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
        assert!(FileKind::Pdf.needs_worker() && FileKind::Xls.needs_worker());
        assert!(!FileKind::Text(None).needs_worker() && !FileKind::Binary.needs_worker());
    }

    #[test]
    fn worker_messages_become_events() {
        assert_eq!(event(Some("ready")), Event::Ready);
        assert_eq!(
            event(Some("progress\tpage\t2\t25")),
            Event::Progress {
                unit: Unit::Page,
                done: 2,
                total: 25
            }
        );
        assert_eq!(
            event(Some("failed\tno_text_layer\t1,2")),
            Event::End(Outcome::Failed(Failure {
                reason: Reason::NoTextLayer,
                pages: vec![1, 2]
            }))
        );
        let doc = RawDoc {
            kind: SourceKind::Excel,
            lines: Vec::new(),
            pages: None,
        };
        let done = Reply::Done {
            ingested: Ingested {
                doc: doc.clone(),
                unreadable: Vec::new(),
            },
        }
        .encode();
        assert_eq!(
            event(Some(&done)),
            Event::End(Outcome::Read(Ingested {
                doc,
                unreadable: Vec::new()
            }))
        );
        // Anything else means the worker is in an unknown state.
        for junk in [
            None,
            Some(""),
            Some(r#"{"type":"ready"}"#),
            Some("progress"),
        ] {
            assert_eq!(event(junk), Event::End(Outcome::Crashed), "{junk:?}");
        }
    }

    #[test]
    fn the_time_limit_can_be_shortened_for_tests_only_within_bounds() {
        assert_eq!(timeout_from_query(""), TIMEOUT_MS);
        assert_eq!(timeout_from_query("?worker_timeout_ms=1500"), 1500);
        assert_eq!(timeout_from_query("?lang=en&worker_timeout_ms=2000"), 2000);
        assert_eq!(timeout_from_query("?worker_timeout_ms=1"), 100);
        assert_eq!(timeout_from_query("?worker_timeout_ms=x"), TIMEOUT_MS);
        assert_eq!(timeout_from_query("?worker_timeout_ms=99999999"), 600_000);
    }

    #[test]
    fn progress_names_the_unit_being_read() {
        assert_eq!(current(0, 25), 1);
        assert_eq!(current(2, 25), 3);
        assert_eq!(current(25, 25), 25);
        assert_eq!(current(0, 0), 1);
    }
}
