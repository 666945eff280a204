//! The raw document: what an ingester (paste, PDF, Excel) hands to recognition.
//!
//! It knows lines, grids and cells with their places in the input, nothing about
//! what a table means. Recognition (`crate::recognise`) turns it into a typed [`crate::Report`].

use serde::{Deserialize, Serialize};

/// Where something is in the input. Unknown parts stay `None`, never guessed.
///
/// The raw model is (de)serialisable so that the ingest worker can hand a read document to the
/// page, which recognises and checks it (`hezhang_ingest::protocol`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Loc {
    /// 1-based line in a text input.
    pub line: Option<u32>,
    /// 1-based page in a PDF.
    pub page: Option<u32>,
    /// `[x0, y0, x1, y1]` in PDF points from the page's top-left.
    pub bbox: Option<[f32; 4]>,
    /// Sheet name in a workbook.
    pub sheet: Option<String>,
    /// A1 address in a workbook.
    pub cell: Option<String>,
}

impl Loc {
    pub fn line(line: u32) -> Self {
        Loc {
            line: Some(line),
            ..Loc::default()
        }
    }
}

/// What kind of input the document came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Text,
    Pdf,
    Excel,
    Csv,
}

/// One cell of a grid row as printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawCell {
    pub text: String,
    pub loc: Loc,
}

/// A line of the input. `cells` is `Some` when the line is a grid row (tab separated, or a
/// spreadsheet row); `text` always holds the whole line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawLine {
    pub text: String,
    pub cells: Option<Vec<RawCell>>,
    pub loc: Loc,
}

impl RawLine {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
    pub fn is_grid(&self) -> bool {
        self.cells.is_some()
    }
}

/// The whole input as lines, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawDoc {
    pub kind: SourceKind,
    pub lines: Vec<RawLine>,
    /// Number of pages (PDF) or `None`.
    pub pages: Option<u32>,
}
