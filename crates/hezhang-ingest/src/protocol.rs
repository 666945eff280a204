//! The messages between the web page and the ingest worker (`crates/hezhang-worker`).
//!
//! The page posts `{ req, bytes }`: `req` is a [`Request`] as JSON text and `bytes` the file's
//! `ArrayBuffer`, transferred rather than copied. The worker answers with [`Reply`]s as JSON
//! text: [`Reply::Ready`] once after it starts (messages sent before that would be lost), then
//! for each read some [`Reply::Progress`] and one [`Reply::Done`] or [`Reply::Failed`]. The page
//! recognises and checks the [`Ingested`] document itself, with the same
//! [`check_ingested`](crate::check_ingested) the CLI uses, so a language switch re-checks
//! without reading the file again.
//!
//! The types live here, in the crate both sides link, so that they cannot drift apart; this
//! module needs no optional feature.

use hezhang_core::InputError;
use serde::{Deserialize, Serialize};

use crate::Ingested;

/// Page → worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Read the file sent beside this message.
    Read {
        name: String,
        /// Test hook (end-to-end tests only; see [`TestAction`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        test: Option<TestAction>,
    },
}

/// What the end-to-end tests ask a worker to do instead of reading, to prove that the page
/// survives a broken worker. Harmless in production: only the page that owns a dedicated
/// worker can post to it, and the worst outcome is that this page's own worker stops (the page
/// then recreates it). The page sends one only when a test set `window.__hezhangWorkerTest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestAction {
    /// Abort the wasm instance (a trap, as a panic is on wasm32).
    Trap,
    /// Never answer (busy forever), to exercise the page's time limit.
    Hang,
}

/// What a progress count counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Page,
    Sheet,
}

/// Worker → page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Reply {
    /// The worker has started and listens.
    Ready,
    /// `done` of `total` pages (or sheets) are read.
    Progress { unit: Unit, done: u32, total: u32 },
    /// The file, read.
    Done { ingested: Ingested },
    /// The file could not be read.
    Failed(Failure),
}

/// Why a file could not be read, with the pages concerned (no text layer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub reason: Reason,
    /// 1-based pages the reason is about (empty when it is about the whole file).
    #[serde(default)]
    pub pages: Vec<u32>,
}

impl From<Reason> for Failure {
    fn from(reason: Reason) -> Self {
        Failure {
            reason,
            pages: Vec::new(),
        }
    }
}

impl From<InputError> for Failure {
    fn from(e: InputError) -> Self {
        Reason::from(e).into()
    }
}

/// The category of a read failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// A PDF without a readable text layer on any page (a scan, or fonts without a Unicode map).
    NoTextLayer,
    /// A PDF protected by a password.
    Encrypted,
    /// A PDF or workbook that could not be parsed.
    Damaged,
    /// A workbook that inflates beyond the limit or spans too many cells.
    WorkbookTooLarge,
    /// Over 50 MB.
    TooLarge,
    /// Nothing in it.
    Empty,
    /// Neither a PDF nor a workbook.
    Unsupported,
}

impl Reason {
    /// The core's error of the same meaning (its message is the CLI's).
    pub fn input_error(self) -> InputError {
        match self {
            Reason::NoTextLayer => InputError::NoTextLayer,
            Reason::Encrypted | Reason::Damaged => InputError::PdfUnreadable,
            Reason::WorkbookTooLarge => InputError::WorkbookTooLarge,
            Reason::TooLarge => InputError::TooLarge,
            Reason::Empty => InputError::Empty,
            Reason::Unsupported => InputError::Binary,
        }
    }
}

impl From<InputError> for Reason {
    fn from(e: InputError) -> Self {
        match e {
            InputError::NoTextLayer => Reason::NoTextLayer,
            InputError::PdfUnreadable | InputError::Binary => Reason::Damaged,
            InputError::WorkbookTooLarge => Reason::WorkbookTooLarge,
            InputError::TooLarge => Reason::TooLarge,
            InputError::Empty | InputError::NotRecognised => Reason::Empty,
        }
    }
}

impl Request {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
    pub fn from_json(s: &str) -> Option<Request> {
        serde_json::from_str(s).ok()
    }
}

impl Reply {
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail; an empty answer would be
        // reported by the page as an unreadable reply.
        serde_json::to_string(self).unwrap_or_default()
    }
    pub fn from_json(s: &str) -> Option<Reply> {
        serde_json::from_str(s).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hezhang_core::model::{Loc, RawCell, RawDoc, RawLine, SourceKind};

    fn doc() -> RawDoc {
        let loc = Loc {
            page: Some(3),
            bbox: Some([10.5, 20.25, 300.125, 31.0]),
            ..Loc::default()
        };
        RawDoc {
            kind: SourceKind::Pdf,
            lines: vec![RawLine {
                text: "合计\t75,425.00".into(),
                cells: Some(vec![
                    RawCell {
                        text: "合计".into(),
                        loc: loc.clone(),
                    },
                    RawCell {
                        text: "75,425.00".into(),
                        loc: Loc {
                            sheet: Some("Sheet1".into()),
                            cell: Some("C7".into()),
                            ..Loc::default()
                        },
                    },
                ]),
                loc,
            }],
            pages: Some(4),
        }
    }

    #[test]
    fn replies_round_trip_as_json() {
        let replies = [
            Reply::Ready,
            Reply::Progress {
                unit: Unit::Page,
                done: 3,
                total: 25,
            },
            Reply::Done {
                ingested: Ingested {
                    doc: doc(),
                    unreadable: vec![4],
                },
            },
            Reply::Failed(Failure {
                reason: Reason::NoTextLayer,
                pages: vec![1, 2],
            }),
            Reply::Failed(Reason::Encrypted.into()),
        ];
        for r in replies {
            let json = r.to_json();
            assert_eq!(Reply::from_json(&json), Some(r), "{json}");
        }
    }

    #[test]
    fn the_wire_form_is_tagged_and_readable() {
        assert_eq!(Reply::Ready.to_json(), r#"{"type":"ready"}"#);
        assert_eq!(
            Reply::Progress {
                unit: Unit::Sheet,
                done: 1,
                total: 2
            }
            .to_json(),
            r#"{"type":"progress","unit":"sheet","done":1,"total":2}"#
        );
        assert_eq!(
            Reply::Failed(Failure {
                reason: Reason::NoTextLayer,
                pages: vec![7]
            })
            .to_json(),
            r#"{"type":"failed","reason":"no_text_layer","pages":[7]}"#
        );
        let read = Request::Read {
            name: "a.pdf".into(),
            test: None,
        };
        assert_eq!(read.to_json(), r#"{"type":"read","name":"a.pdf"}"#);
        assert_eq!(Request::from_json(&read.to_json()), Some(read));
        assert_eq!(
            Request::from_json(r#"{"type":"read","name":"x","test":"trap"}"#),
            Some(Request::Read {
                name: "x".into(),
                test: Some(TestAction::Trap)
            })
        );
    }

    #[test]
    fn garbage_is_no_message() {
        for s in ["", "{", "null", r#"{"type":"nope"}"#, r#"{"type":"read"}"#] {
            assert_eq!(Request::from_json(s), None, "{s}");
            assert_eq!(Reply::from_json(s), None, "{s}");
        }
        // missing optional parts default
        assert_eq!(
            Reply::from_json(r#"{"type":"failed","reason":"damaged"}"#),
            Some(Reply::Failed(Reason::Damaged.into()))
        );
    }

    #[test]
    fn reasons_map_to_the_cores_messages() {
        assert_eq!(
            Reason::Encrypted.input_error(),
            InputError::PdfUnreadable,
            "the CLI says “damaged or encrypted”"
        );
        for e in [
            InputError::NoTextLayer,
            InputError::WorkbookTooLarge,
            InputError::TooLarge,
            InputError::Empty,
        ] {
            assert_eq!(Reason::from(e).input_error(), e);
        }
    }
}
