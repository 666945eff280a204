//! Performance self-evaluation appendices (项目支出绩效自评): funds block, indicator table and
//! the figures their narrative states.

use serde::Serialize;

use super::Regions;
use crate::model::{Loc, Num, RawDoc};

/// One figure of a performance table, with its place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerfValue {
    pub raw: String,
    pub num: Option<Num>,
    pub loc: Loc,
}

/// One project's self-evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerfProject {
    pub name: String,
    pub loc: Loc,
}

/// Find the performance appendices.
pub fn recognise_performance(_doc: &RawDoc, _regions: &Regions) -> Vec<PerfProject> {
    Vec::new()
}
