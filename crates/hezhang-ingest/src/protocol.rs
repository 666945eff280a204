//! The messages between the web page and the ingest worker (`crates/hezhang-worker`).
//!
//! The page posts `{ req, bytes }`: `req` is a [`Request`] as JSON text and `bytes` the file's
//! `ArrayBuffer`, transferred rather than copied. The worker answers with [`Reply`]s as text in
//! a compact line format ([`Reply::encode`]; the page decodes it without a JSON deserialiser,
//! which would add about 25 KB gzip to the first load, and faster):
//! [`Reply::Ready`] once after it starts (messages sent before that would be lost), then
//! for each read some [`Reply::Progress`] and one [`Reply::Done`] or [`Reply::Failed`]. The page
//! recognises and checks the [`Ingested`] document itself, with the same
//! [`check_ingested`](crate::check_ingested) the CLI uses, so a language switch re-checks
//! without reading the file again.
//!
//! The types live here, in the crate both sides link, so that they cannot drift apart; this
//! module needs no optional feature.

use hezhang_core::model::{Loc, RawCell, RawDoc, RawLine, SourceKind};
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
            InputError::PdfUnreadable | InputError::WorkbookUnreadable | InputError::Binary => {
                Reason::Damaged
            }
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
    /// The reply as the worker posts it. One record per line, fields separated by tabs, text
    /// escaped (`\\`, `\t`, `\n`, `\r`); coordinates as the bits of their `f32`, so they
    /// arrive exactly:
    ///
    /// ```text
    /// ready
    /// progress  page|sheet  done  total
    /// failed    reason      pages (1,2,3)
    /// done      kind        pages|-  unreadable (1,2)
    /// T|G|C     line  page  bbox (4 hex f32 bits, comma-separated)  sheet  cell  text
    /// ```
    ///
    /// After `done`, each raw line is a `T` (text) or `G` (grid) record, a grid line followed
    /// by its `C` (cell) records.
    pub fn encode(&self) -> String {
        match self {
            Reply::Ready => "ready".to_string(),
            Reply::Progress { unit, done, total } => {
                format!("progress\t{}\t{done}\t{total}", unit_word(*unit))
            }
            Reply::Failed(f) => format!("failed\t{}\t{}", reason_word(f.reason), list(&f.pages)),
            Reply::Done { ingested } => {
                let doc = &ingested.doc;
                let mut out = format!(
                    "done\t{}\t{}\t{}",
                    kind_word(doc.kind),
                    doc.pages.map_or("-".to_string(), |p| p.to_string()),
                    list(&ingested.unreadable)
                );
                for l in &doc.lines {
                    let tag = if l.cells.is_some() { 'G' } else { 'T' };
                    record(&mut out, tag, &l.loc, &l.text);
                    for c in l.cells.iter().flatten() {
                        record(&mut out, 'C', &c.loc, &c.text);
                    }
                }
                out
            }
        }
    }

    /// Read a reply posted by the worker; `None` for anything else.
    pub fn decode(s: &str) -> Option<Reply> {
        let mut records = s.split('\n');
        let head: Vec<&str> = records.next()?.split('\t').collect();
        match head.as_slice() {
            ["ready"] => Some(Reply::Ready),
            ["progress", unit, done, total] => Some(Reply::Progress {
                unit: word_unit(unit)?,
                done: done.parse().ok()?,
                total: total.parse().ok()?,
            }),
            ["failed", reason, pages] => Some(Reply::Failed(Failure {
                reason: word_reason(reason)?,
                pages: parse_list(pages)?,
            })),
            ["done", kind, pages, unreadable] => {
                let mut lines: Vec<RawLine> = Vec::new();
                for rec in records {
                    let f: Vec<&str> = rec.split('\t').collect();
                    let [tag, line, page, bbox, sheet, cell, text] = f.as_slice() else {
                        return None;
                    };
                    let loc = Loc {
                        line: opt_u32(line)?,
                        page: opt_u32(page)?,
                        bbox: parse_bbox(bbox)?,
                        sheet: opt_text(sheet)?,
                        cell: opt_text(cell)?,
                    };
                    let text = unescape(text)?;
                    match *tag {
                        "T" | "G" => lines.push(RawLine {
                            text,
                            cells: (*tag == "G").then(Vec::new),
                            loc,
                        }),
                        "C" => lines
                            .last_mut()?
                            .cells
                            .as_mut()?
                            .push(RawCell { text, loc }),
                        _ => return None,
                    }
                }
                Some(Reply::Done {
                    ingested: Ingested {
                        doc: RawDoc {
                            kind: word_kind(kind)?,
                            lines,
                            pages: match *pages {
                                "-" => None,
                                p => Some(p.parse().ok()?),
                            },
                        },
                        unreadable: parse_list(unreadable)?,
                    },
                })
            }
            _ => None,
        }
    }
}

fn record(out: &mut String, tag: char, loc: &Loc, text: &str) {
    out.push('\n');
    out.push(tag);
    out.push('\t');
    if let Some(n) = loc.line {
        out.push_str(&n.to_string());
    }
    out.push('\t');
    if let Some(n) = loc.page {
        out.push_str(&n.to_string());
    }
    out.push('\t');
    if let Some(b) = loc.bbox {
        let hex: Vec<String> = b.iter().map(|v| format!("{:x}", v.to_bits())).collect();
        out.push_str(&hex.join(","));
    }
    out.push('\t');
    // `-` is no sheet; a sheet or cell text starts with `=` so that an empty name survives
    for v in [&loc.sheet, &loc.cell] {
        match v {
            Some(t) => {
                out.push('=');
                escape_into(out, t);
            }
            None => out.push('-'),
        }
        out.push('\t');
    }
    escape_into(out, text);
}

fn escape_into(out: &mut String, t: &str) {
    for c in t.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

fn unescape(t: &str) -> Option<String> {
    if !t.contains('\\') {
        return Some(t.to_string());
    }
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            _ => return None,
        });
    }
    Some(out)
}

fn opt_u32(s: &str) -> Option<Option<u32>> {
    if s.is_empty() {
        Some(None)
    } else {
        s.parse().ok().map(Some)
    }
}

fn opt_text(s: &str) -> Option<Option<String>> {
    match s {
        "-" => Some(None),
        _ => unescape(s.strip_prefix('=')?).map(Some),
    }
}

fn parse_bbox(s: &str) -> Option<Option<[f32; 4]>> {
    if s.is_empty() {
        return Some(None);
    }
    let mut b = [0f32; 4];
    let mut parts = s.split(',');
    for v in &mut b {
        *v = f32::from_bits(u32::from_str_radix(parts.next()?, 16).ok()?);
    }
    parts.next().is_none().then_some(Some(b))
}

fn list(v: &[u32]) -> String {
    v.iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_list(s: &str) -> Option<Vec<u32>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    s.split(',').map(|n| n.parse().ok()).collect()
}

fn unit_word(u: Unit) -> &'static str {
    match u {
        Unit::Page => "page",
        Unit::Sheet => "sheet",
    }
}

fn word_unit(s: &str) -> Option<Unit> {
    [Unit::Page, Unit::Sheet]
        .into_iter()
        .find(|u| unit_word(*u) == s)
}

const REASONS: [Reason; 7] = [
    Reason::NoTextLayer,
    Reason::Encrypted,
    Reason::Damaged,
    Reason::WorkbookTooLarge,
    Reason::TooLarge,
    Reason::Empty,
    Reason::Unsupported,
];

fn reason_word(r: Reason) -> &'static str {
    match r {
        Reason::NoTextLayer => "no_text_layer",
        Reason::Encrypted => "encrypted",
        Reason::Damaged => "damaged",
        Reason::WorkbookTooLarge => "workbook_too_large",
        Reason::TooLarge => "too_large",
        Reason::Empty => "empty",
        Reason::Unsupported => "unsupported",
    }
}

fn word_reason(s: &str) -> Option<Reason> {
    REASONS.into_iter().find(|r| reason_word(*r) == s)
}

const KINDS: [SourceKind; 4] = [
    SourceKind::Text,
    SourceKind::Pdf,
    SourceKind::Excel,
    SourceKind::Csv,
];

fn kind_word(k: SourceKind) -> &'static str {
    match k {
        SourceKind::Text => "text",
        SourceKind::Pdf => "pdf",
        SourceKind::Excel => "excel",
        SourceKind::Csv => "csv",
    }
}

fn word_kind(s: &str) -> Option<SourceKind> {
    KINDS.into_iter().find(|k| kind_word(*k) == s)
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
            let wire = r.encode();
            assert_eq!(Reply::decode(&wire), Some(r), "{wire}");
        }
    }

    #[test]
    fn the_wire_form_is_plain_lines() {
        assert_eq!(Reply::Ready.encode(), "ready");
        assert_eq!(
            Reply::Progress {
                unit: Unit::Sheet,
                done: 1,
                total: 2
            }
            .encode(),
            "progress\tsheet\t1\t2"
        );
        assert_eq!(
            Reply::Failed(Failure {
                reason: Reason::NoTextLayer,
                pages: vec![7, 8]
            })
            .encode(),
            "failed\tno_text_layer\t7,8"
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
        }
        for s in [
            "",
            "ready\tx",
            "progress\tpage\t1",
            "progress\tbook\t1\t2",
            "failed\tbroken\t",
            "failed\tdamaged\tx",
            "done\tpdf\t3",
            "done\tpdf\t3\t\nC\t\t\t\t-\t-\torphan cell",
            "done\tpdf\t3\t\nT\t\t\t1,2\t-\t-\tbad bbox",
            "done\tpdf\t3\t\nT\t\t\t\tsheet\t-\tno = prefix",
            "done\tpdf\t3\t\nT\t\t\t\t-\t-\tbad escape \\q",
            "done\tpdf\t3\t\nX\t\t\t\t-\t-\tunknown tag",
        ] {
            assert_eq!(Reply::decode(s), None, "{s:?}");
        }
        assert_eq!(
            Reply::decode("failed\tdamaged\t"),
            Some(Reply::Failed(Reason::Damaged.into()))
        );
    }

    proptest::proptest! {
        #[test]
        fn any_document_round_trips(
            texts in proptest::collection::vec(".*", 0..6),
            sheet in proptest::option::of(".*"),
            line in proptest::option::of(proptest::num::u32::ANY),
            bits in proptest::array::uniform4(proptest::num::u32::ANY),
        ) {
            let loc = Loc {
                line,
                page: line.map(|n| n / 2),
                bbox: Some(bits.map(f32::from_bits)),
                sheet: sheet.clone(),
                cell: sheet.map(|s| s + "\\"),
            };
            let lines = texts
                .iter()
                .enumerate()
                .map(|(i, t)| RawLine {
                    text: t.clone(),
                    cells: (i % 2 == 0).then(|| {
                        texts
                            .iter()
                            .map(|c| RawCell { text: c.clone(), loc: loc.clone() })
                            .collect()
                    }),
                    loc: if i % 3 == 0 { Loc::default() } else { loc.clone() },
                })
                .collect();
            let r = Reply::Done {
                ingested: Ingested {
                    doc: RawDoc { kind: SourceKind::Pdf, lines, pages: line },
                    unreadable: vec![1, 3],
                },
            };
            let back = Reply::decode(&r.encode()).expect("decodes");
            // NaN bits compare unequal as floats: compare the wire forms
            proptest::prop_assert_eq!(back.encode(), r.encode());
        }
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
