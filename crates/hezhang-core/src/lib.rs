//! 核账 HeZhang rules core.
//!
//! Raw document (from an ingester) → [`recognise`] → typed [`Report`] → [`rules`] →
//! [`finding::Finding`]s → [`output::CheckOutput`] (the CLI's JSON contract). No I/O, no web
//! dependency: the same code runs natively and in WebAssembly.

pub mod config;
pub mod finding;
pub mod i18n;
pub mod model;
pub mod output;
pub mod recognise;
pub mod rules;
pub mod text;
pub mod tolerance;

pub use config::Config;
pub use finding::{Finding, Location, Role, Severity};
pub use i18n::Lang;
pub use model::{RawDoc, Report};
pub use output::CheckOutput;

/// The tool's version, printed in reports.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why an input could not be checked at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputError {
    /// Nothing but whitespace.
    Empty,
    /// Not text (binary bytes, or an undecodable encoding).
    Binary,
    /// A workbook that inflates to more than the limit, or whose sheets span too many cells
    /// (a zip bomb, or two cells at opposite corners of the grid).
    WorkbookTooLarge,
    /// A workbook that could not be opened (damaged: a broken zip or OLE structure, a sector
    /// chain that loops, or a record the reader fails on).
    WorkbookUnreadable,
    /// Text, but no 决算 table was recognised.
    NotRecognised,
    /// Over the size limit.
    TooLarge,
    /// A PDF without a readable text layer (a scan, or fonts without a Unicode map).
    NoTextLayer,
    /// A PDF that could not be opened (damaged, or encrypted).
    PdfUnreadable,
}

impl InputError {
    /// A plain-language message in `lang`.
    pub fn message(self, lang: Lang) -> &'static str {
        i18n::word(
            match self {
                InputError::Empty => "empty",
                InputError::Binary => "binary",
                InputError::WorkbookTooLarge => "workbook_too_large",
                InputError::WorkbookUnreadable => "workbook_unreadable",
                InputError::NotRecognised => "not_recognised",
                InputError::TooLarge => "too_large",
                InputError::NoTextLayer => "no_text_layer",
                InputError::PdfUnreadable => "pdf_unreadable",
            },
            lang,
        )
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message(Lang::Zh))
    }
}

impl std::error::Error for InputError {}

/// Options of a check.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub lang: Lang,
    pub config: Config,
}

/// Recognise and check a raw document.
pub fn check_doc(doc: &RawDoc, file: &str, opts: &Options) -> Result<CheckOutput, InputError> {
    if doc.lines.iter().all(|l| l.is_blank()) {
        return Err(InputError::Empty);
    }
    let report = recognise::recognise(doc);
    if report.tables.is_empty() && report.narrative.is_empty() && report.performance.is_empty() {
        return Err(InputError::NotRecognised);
    }
    let run = rules::run(&report, &opts.config);
    Ok(output::build(file, &report, &run, opts.lang))
}
