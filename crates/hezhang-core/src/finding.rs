//! Structured findings: code, severity, numbers, locations. Prose is rendered last, from the
//! rule's templates with named arguments (`crate::i18n`).

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Cell, Loc, Row, Sentence, Table};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The part a location plays in a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The figure that is stated and found inconsistent (marked strongly).
    Stated,
    /// A figure it was computed from (marked lightly).
    Component,
    /// A sentence or cell that repeats the same figures.
    Restated,
}

/// A place a finding rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    /// `cell` or `text`.
    pub kind: &'static str,
    pub role: Role,
    pub table: Option<String>,
    pub row: Option<String>,
    pub column: Option<String>,
    pub value: Option<String>,
    pub text: Option<String>,
    pub line: Option<u32>,
    pub page: Option<u32>,
    pub bbox: Option<[f32; 4]>,
    pub sheet: Option<String>,
    pub cell: Option<String>,
    /// Position in the table's printed grid (for the UI): row, column.
    pub grid_row: Option<usize>,
    pub grid_col: Option<usize>,
    /// Byte range of the highlighted number inside `text`.
    pub span: Option<(usize, usize)>,
}

impl Location {
    fn from_loc(kind: &'static str, role: Role, loc: &Loc) -> Self {
        Location {
            kind,
            role,
            table: None,
            row: None,
            column: None,
            value: None,
            text: None,
            line: loc.line,
            page: loc.page,
            bbox: loc.bbox,
            sheet: loc.sheet.clone(),
            cell: loc.cell.clone(),
            grid_row: None,
            grid_col: None,
            span: None,
        }
    }

    /// A cell of a table.
    pub fn cell(role: Role, table: &Table, row: &Row, column: &str, cell: &Cell) -> Self {
        let mut l = Location::from_loc("cell", role, &cell.loc);
        if l.line.is_none() {
            l.line = row.loc.line;
        }
        l.table = Some(table.id.clone());
        l.row = Some(row.display());
        l.column = Some(table.column_label(column));
        l.value = Some(match cell.num() {
            Some(n) if cell.is_blank() => n.value.to_string(),
            _ => cell.raw.clone(),
        });
        if cell.is_blank() {
            l.value = Some(String::new());
        }
        if let Some((r, c)) = cell.grid {
            l.grid_row = Some(r);
            l.grid_col = Some(c);
        }
        l
    }

    /// A sentence of the narrative, optionally with the highlighted number's range.
    pub fn text(role: Role, s: &Sentence, span: Option<(usize, usize)>) -> Self {
        let mut l = Location::from_loc("text", role, &s.loc);
        l.text = Some(s.text.clone());
        l.span = span;
        l
    }

    /// A passage given by its text and place.
    pub fn passage(role: Role, text: &str, loc: &Loc) -> Self {
        let mut l = Location::from_loc("text", role, loc);
        l.text = Some(text.to_string());
        l
    }
}

/// An argument of a message template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Arg {
    /// Plain text, the same in every language.
    Text(String),
    /// Text that differs by language.
    Both { zh: String, en: String },
    /// An amount, printed with thousands separators and its decimals.
    Amount(Decimal),
    /// A percentage (no sign added).
    Percent(Decimal),
    /// A money unit.
    Unit(crate::model::Unit),
}

/// A finding as rules produce it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// Which message variant of the rule to use (`""` for the main one).
    pub variant: &'static str,
    pub args: Vec<(&'static str, Arg)>,
    pub stated: Option<Decimal>,
    pub computed: Option<Decimal>,
    pub difference: Option<Decimal>,
    pub tolerance: Option<Decimal>,
    pub locations: Vec<Location>,
}

impl Finding {
    pub fn new(rule: &'static str, severity: Severity) -> Self {
        Finding {
            rule,
            severity,
            variant: "",
            args: Vec::new(),
            stated: None,
            computed: None,
            difference: None,
            tolerance: None,
            locations: Vec::new(),
        }
    }
    pub fn variant(mut self, v: &'static str) -> Self {
        self.variant = v;
        self
    }
    pub fn arg(mut self, k: &'static str, v: Arg) -> Self {
        self.args.push((k, v));
        self
    }
    pub fn text(self, k: &'static str, v: impl Into<String>) -> Self {
        self.arg(k, Arg::Text(v.into()))
    }
    pub fn both(self, k: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        self.arg(
            k,
            Arg::Both {
                zh: zh.into(),
                en: en.into(),
            },
        )
    }
    pub fn amount(self, k: &'static str, v: Decimal) -> Self {
        self.arg(k, Arg::Amount(v))
    }
    pub fn numbers(mut self, stated: Decimal, computed: Decimal, tolerance: Decimal) -> Self {
        self.stated = Some(stated);
        self.computed = Some(computed);
        self.difference = Some(stated - computed);
        self.tolerance = Some(tolerance);
        self
    }
    pub fn at(mut self, l: Location) -> Self {
        self.locations.push(l);
        self
    }
    pub fn at_all(mut self, ls: impl IntoIterator<Item = Location>) -> Self {
        self.locations.extend(ls);
        self
    }
}
