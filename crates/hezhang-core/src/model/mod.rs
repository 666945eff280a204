//! The typed report model. Rules read only this: tables by slot, rows by code, role or label,
//! columns by canonical key. Positions and raw strings stop at recognition.

pub mod raw;

use rust_decimal::Decimal;
use serde::Serialize;

pub use raw::{Loc, RawCell, RawDoc, RawLine, SourceKind};

/// An amount as printed: its value in the table's unit and the half-unit of its printed
/// precision (`0` when the figure is exact, e.g. 元 to the 分).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Num {
    pub value: Decimal,
    /// Half of the last printed unit, in the same unit as `value`; zero for exact figures.
    pub half_unit: Decimal,
}

impl Num {
    pub fn exact(value: Decimal) -> Self {
        Num {
            value,
            half_unit: Decimal::ZERO,
        }
    }
    pub fn is_exact(&self) -> bool {
        self.half_unit.is_zero()
    }
}

/// What a value cell holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Value {
    /// Nothing printed: 0 in arithmetic, exact.
    Blank,
    /// A number.
    Num(Num),
    /// `——`: not applicable, excluded from arithmetic.
    NotApplicable,
    /// Template residue such as `XX`.
    Placeholder,
    /// Any other text in a value column.
    Text,
    /// Rebuilt from space-separated text, where the dropped empty cells leave more than one
    /// column this amount (or blank) could belong to. Rules see no cell: the checks that need
    /// it do not run.
    Ambiguous,
}

/// A value cell: what was printed, what it means, where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub raw: String,
    pub value: Value,
    pub loc: Loc,
    /// Position in the table's printed grid: (row index, column index).
    pub grid: Option<(usize, usize)>,
}

impl Cell {
    /// The number used in arithmetic: blanks are exact zeros; `——`, text and placeholders
    /// have none.
    pub fn num(&self) -> Option<Num> {
        match &self.value {
            Value::Blank => Some(Num::exact(Decimal::ZERO)),
            Value::Num(n) => Some(*n),
            _ => None,
        }
    }
    pub fn is_blank(&self) -> bool {
        matches!(self.value, Value::Blank)
    }
}

/// The money unit of a table or a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Unit {
    #[serde(rename = "元")]
    Yuan,
    #[serde(rename = "万元")]
    WanYuan,
    #[serde(rename = "亿元")]
    YiYuan,
}

impl Unit {
    /// How many 元 one of this unit is.
    pub fn in_yuan(self) -> Decimal {
        match self {
            Unit::Yuan => Decimal::ONE,
            Unit::WanYuan => Decimal::from(10_000),
            Unit::YiYuan => Decimal::from(100_000_000),
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::WanYuan => "万元",
            Unit::YiYuan => "亿元",
        }
    }
    pub fn en(self) -> &'static str {
        match self {
            Unit::Yuan => "yuan",
            Unit::WanYuan => "10k yuan",
            Unit::YiYuan => "100m yuan",
        }
    }
}

/// The table slots of domain guide §1.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Slot {
    T1,
    T2,
    T3,
    T4,
    T5,
    T6,
    T7,
    T8,
    T9,
    T10,
}

impl Slot {
    pub const ALL: [Slot; 10] = [
        Slot::T1,
        Slot::T2,
        Slot::T3,
        Slot::T4,
        Slot::T5,
        Slot::T6,
        Slot::T7,
        Slot::T8,
        Slot::T9,
        Slot::T10,
    ];
    /// The contract's `tables[].kind` name.
    pub fn kind(self) -> &'static str {
        match self {
            Slot::T1 => "income_expenditure_summary",
            Slot::T2 => "income",
            Slot::T3 => "expenditure",
            Slot::T4 => "fiscal_summary",
            Slot::T5 => "general_budget_expenditure",
            Slot::T6 => "general_budget_economic",
            Slot::T7 => "three_public",
            Slot::T8 => "gov_fund",
            Slot::T9 => "state_capital",
            Slot::T10 => "related_info",
        }
    }
    pub fn id(self) -> &'static str {
        match self {
            Slot::T1 => "t1",
            Slot::T2 => "t2",
            Slot::T3 => "t3",
            Slot::T4 => "t4",
            Slot::T5 => "t5",
            Slot::T6 => "t6",
            Slot::T7 => "t7",
            Slot::T8 => "t8",
            Slot::T9 => "t9",
            Slot::T10 => "t10",
        }
    }
    /// The standard title (zh).
    pub fn title_zh(self) -> &'static str {
        match self {
            Slot::T1 => "收入支出决算总表",
            Slot::T2 => "收入决算表",
            Slot::T3 => "支出决算表",
            Slot::T4 => "财政拨款收入支出决算总表",
            Slot::T5 => "一般公共预算财政拨款支出决算表",
            Slot::T6 => "一般公共预算财政拨款基本支出决算表",
            Slot::T7 => "财政拨款“三公”经费支出决算表",
            Slot::T8 => "政府性基金预算财政拨款收入支出决算表",
            Slot::T9 => "国有资本经营预算财政拨款支出决算表",
            Slot::T10 => "部门决算公开相关信息统计表",
        }
    }
    pub fn title_en(self) -> &'static str {
        match self {
            Slot::T1 => "Income and expenditure summary",
            Slot::T2 => "Income",
            Slot::T3 => "Expenditure",
            Slot::T4 => "Fiscal appropriations summary",
            Slot::T5 => "General-budget appropriations expenditure",
            Slot::T6 => "General-budget expenditure by economic classification",
            Slot::T7 => "“Three public” expenses",
            Slot::T8 => "Government-fund budget",
            Slot::T9 => "State-capital operations budget",
            Slot::T10 => "Related information (procurement, running costs, assets)",
        }
    }
}

/// One recognised row: code, label, canonical role, cells by canonical column key.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Function or economic classification code, digits only (`2010306`, `30101`).
    pub code: Option<String>,
    /// The label as printed, whitespace inside CJK removed.
    pub label: String,
    /// A canonical role for rows that have one (`income_total`, `grand_total`, `category`, …).
    pub role: Option<&'static str>,
    /// Panel or block the row belongs to in multi-panel tables (`income`/`expenditure`, …).
    pub panel: Option<&'static str>,
    /// The printed 行次, if any (a label, never an amount).
    pub line_no: Option<String>,
    /// Cells by canonical column key.
    pub cells: Vec<(&'static str, Cell)>,
    pub loc: Loc,
    /// Index in the printed grid.
    pub grid_row: Option<usize>,
}

impl Row {
    /// The cell of a column; `None` when the column is missing or its cell is ambiguous.
    pub fn cell(&self, key: &str) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, c)| c)
            .filter(|c| c.value != Value::Ambiguous)
    }
    /// The column's cell could not be placed (text without cell boundaries).
    pub fn is_ambiguous(&self, key: &str) -> bool {
        self.cells
            .iter()
            .any(|(k, c)| *k == key && c.value == Value::Ambiguous)
    }
    /// A short printed name for messages: code and label.
    pub fn display(&self) -> String {
        match &self.code {
            Some(c) if !self.label.is_empty() => format!("{c} {}", self.label),
            Some(c) => c.clone(),
            None => self.label.clone(),
        }
    }
}

/// A canonical column: key and printed header.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub key: &'static str,
    pub label: String,
}

/// A printed grid row, for faithful rendering.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrintedRow {
    pub cells: Vec<String>,
    pub line: Option<u32>,
    pub header: bool,
}

/// A recognised table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub id: String,
    pub slot: Option<Slot>,
    pub kind: &'static str,
    pub title: String,
    pub label: Option<String>,
    pub unit: Unit,
    pub entity: Option<String>,
    pub year: Option<i32>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
    /// The table says it has no data (本表无数据).
    pub empty_note: bool,
    /// The body came as space-separated text lines (copied from a PDF viewer, `pdftotext`)
    /// without cell boundaries: empty cells are lost, so amounts cannot be placed in columns
    /// and the table is not checked.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub flat: bool,
    pub printed: Vec<PrintedRow>,
    pub first_line: Option<u32>,
    pub last_line: Option<u32>,
    pub first_page: Option<u32>,
    pub last_page: Option<u32>,
}

impl Table {
    pub fn row_by_role(&self, role: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.role == Some(role))
    }
    pub fn rows_by_role<'a>(&'a self, role: &'a str) -> impl Iterator<Item = &'a Row> + 'a {
        self.rows.iter().filter(move |r| r.role == Some(role))
    }
    pub fn row_by_code(&self, code: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.code.as_deref() == Some(code))
    }
    pub fn has_column(&self, key: &str) -> bool {
        self.columns.iter().any(|c| c.key == key)
    }
    pub fn column_label(&self, key: &str) -> String {
        self.columns
            .iter()
            .find(|c| c.key == key)
            .map(|c| c.label.clone())
            .unwrap_or_else(|| key.to_string())
    }
    /// Rows with a classification code of `len` digits.
    pub fn coded_rows(&self, len: usize) -> impl Iterator<Item = &Row> + '_ {
        self.rows
            .iter()
            .filter(move |r| r.code.as_ref().is_some_and(|c| c.len() == len))
    }
    /// The rows by code (the first row of each code, as [`Table::row_by_code`] finds it), for
    /// rules that look up many codes: one pass instead of a scan per look-up.
    pub fn rows_by_code(&self) -> std::collections::HashMap<&str, &Row> {
        let mut m = std::collections::HashMap::with_capacity(self.rows.len());
        for r in &self.rows {
            if let Some(c) = r.code.as_deref() {
                m.entry(c).or_insert(r);
            }
        }
        m
    }
    /// The rows with a code of `len` digits grouped by the code's first `parent_len` digits
    /// (their parent code), in table order. One pass over the rows.
    pub fn children_by_parent(
        &self,
        parent_len: usize,
        len: usize,
    ) -> std::collections::HashMap<&str, Vec<&Row>> {
        let mut m: std::collections::HashMap<&str, Vec<&Row>> = std::collections::HashMap::new();
        for r in &self.rows {
            if let Some(parent) = r
                .code
                .as_deref()
                .filter(|c| c.len() == len)
                .and_then(|c| c.get(..parent_len))
            {
                m.entry(parent).or_default().push(r);
            }
        }
        m
    }
}

/// A number stated in the narrative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Byte range of the number (with its unit) in the sentence text.
    pub start: usize,
    pub end: usize,
    pub raw: String,
    pub kind: MentionKind,
    /// Value converted to the report's table unit (amounts) or the percentage / count.
    pub num: Num,
    /// Printed decimals.
    pub decimals: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    Amount,
    Percent,
    Count,
}

/// A sentence of the narrative, with the numbers found in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentence {
    pub text: String,
    pub loc: Loc,
    /// The section heading path, e.g. ["九、财政拨款“三公”经费支出决算情况说明", "(一)…"].
    pub section: Vec<String>,
    pub mentions: Vec<Mention>,
}

/// Report metadata.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meta {
    pub entity: Option<String>,
    pub year: Option<i32>,
    pub unit: Option<Unit>,
    pub family: &'static str,
    /// Looks like an unfilled template (XX placeholders).
    pub template: bool,
}

/// The typed report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub meta: Meta,
    pub source: SourceKind,
    pub lines: Option<u32>,
    pub pages: Option<u32>,
    pub tables: Vec<Table>,
    /// The 情况说明 narrative, sentence by sentence.
    pub narrative: Vec<Sentence>,
    /// Performance self-evaluation appendices.
    pub performance: Vec<crate::recognise::perf::PerfProject>,
    /// Things recognition noticed but could not place (unknown titles, …).
    pub notes: Vec<String>,
    /// The narrative's numbers bound to their subjects, computed once at recognition.
    #[serde(skip)]
    pub bindings: Option<crate::recognise::bind::Bindings>,
}

impl Report {
    pub fn table(&self, slot: Slot) -> Option<&Table> {
        self.tables.iter().find(|t| t.slot == Some(slot))
    }
    /// The money unit used for comparisons (the tables' unit).
    pub fn unit(&self) -> Unit {
        self.meta.unit.unwrap_or(Unit::Yuan)
    }
}
