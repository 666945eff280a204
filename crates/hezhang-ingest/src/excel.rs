//! Workbooks (.xlsx, .xls) through calamine → raw grid rows, one sheet after another.
//!
//! - Every visible or hidden sheet is read; a hidden sheet is announced by a text line.
//! - Merged header cells are spread over their region (text only), so a spanning 本年支出 or
//!   预算数 names each column under it.
//! - Numbers arrive as `f64`; each is converted to a decimal at its printed scale (at least two
//!   places, the usual 分 / 0.01 万元), never summed as a float.
//!   .xls whole numbers (integers in the file) get two places too, outside code columns.
//! - Code columns (编码, 类/款/项, 行次, 栏次) are found from their header down to the next
//!   table title, so a sheet holding a whole report, table under table, reads as one per sheet.
//! - Codes stored as numbers in split 款 / 项 columns are re-padded to two digits.
//! - A formula cell without a cached value is marked 未计算, never read as 0.
//! - A row with a single filled cell becomes a text line (titles, 部门名称, 单位, notes).

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Range, Reader, SheetVisible, Sheets};
use hezhang_core::model::{Loc, RawCell, RawDoc, RawLine, SourceKind};
use hezhang_core::InputError;
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;

/// True for the zip (xlsx) or OLE (xls) signatures.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// A float as the decimal it was printed as: the shortest round-trip form, cleaned of float
/// noise (at most 6 places), with at least two decimals.
pub fn float_to_decimal(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    let mut d = Decimal::from_f64(f)?.round_dp(6).normalize();
    if d.scale() < 2 {
        d.rescale(2);
    }
    Some(d)
}

/// `code_col`: the column holds codes or serial numbers (编码, 类/款/项, 行次, 栏次), where whole
/// numbers print without decimals.
fn cell_text(v: &Data, code_col: bool) -> String {
    match v {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        // .xls keeps whole numbers as integers (RK records); outside code columns they print
        // with two decimals like any other amount (calamine does not expose "#,##0.00")
        Data::Int(i) if code_col => i.to_string(),
        Data::Int(i) => {
            let mut d = Decimal::from(*i);
            d.rescale(2);
            d.to_string()
        }
        Data::Float(f) if code_col && f.fract() == 0.0 && f.abs() < 1e9 => format!("{}", *f as i64),
        Data::Float(f) => float_to_decimal(*f)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Most bytes an .xlsx may inflate to, all parts together (a real report's workbook inflates
/// to a few MB; a zip bomb to GBs). The zip reader also stops any part at its declared size.
pub const MAX_UNZIPPED: u64 = 100 * 1024 * 1024;
/// Most cells a sheet's used range may span: calamine allocates the whole rectangle between
/// the first and the last used cell, so two cells at A1 and XFD1048576 would ask for 17 G cells.
pub const MAX_CELLS: u64 = 2_000_000;

/// Refuse an .xlsx that would inflate beyond [`MAX_UNZIPPED`] or whose sheets span more than
/// [`MAX_CELLS`] cells, before calamine reads it. Only the zip directory and the sheet XML are
/// read (the sheets as a stream, never whole).
fn guard_xlsx(bytes: &[u8]) -> Result<(), InputError> {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // not a zip calamine can read either: it reports the error
    };
    let mut total = 0u64;
    let mut sheets = Vec::new();
    for i in 0..zip.len() {
        let Ok(f) = zip.by_index_raw(i) else { continue };
        total = total.saturating_add(f.size());
        let name = f.name().map(|n| n.to_string()).unwrap_or_default();
        if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            sheets.push(i);
        }
    }
    if total > MAX_UNZIPPED {
        return Err(InputError::WorkbookTooLarge);
    }
    for i in sheets {
        let Ok(f) = zip.by_index(i) else { continue };
        let mut span = Span::default();
        let mut buf = vec![0u8; 64 * 1024];
        let mut carry: Vec<u8> = Vec::new();
        // the reader stops at the declared size, so this reads at most MAX_UNZIPPED bytes
        let mut f = f.take(MAX_UNZIPPED);
        loop {
            let n = match f.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            carry.extend_from_slice(&buf[..n]);
            let used = span.scan(&carry);
            carry.drain(..used);
            if carry.len() > 1 << 20 {
                carry.clear(); // no tag is a megabyte long: skip it rather than rescan it
            }
            if span.too_large() {
                return Err(InputError::WorkbookTooLarge);
            }
        }
    }
    Ok(())
}

/// The used range of a sheet, followed tag by tag the way calamine places cells: a `<row>`
/// without `r` follows the previous row, a `<c>` without `r` the previous cell.
#[derive(Default)]
struct Span {
    row: u64,
    col: u64,
    cells: u64,
    seen: bool,
    min: (u64, u64),
    max: (u64, u64),
}

impl Span {
    /// Scan whole tags in `xml`; returns how many bytes were consumed (an unfinished tag stays).
    fn scan(&mut self, xml: &[u8]) -> usize {
        let mut i = 0;
        while let Some(lt) = xml[i..].iter().position(|&b| b == b'<') {
            let start = i + lt;
            let Some(gt) = xml[start..].iter().position(|&b| b == b'>') else {
                return start;
            };
            let tag = &xml[start + 1..start + gt];
            i = start + gt + 1;
            let name_end = tag
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b == b'/')
                .unwrap_or(tag.len());
            let name = &tag[..name_end];
            let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
            let r = attr_r(&tag[name_end..]);
            match local {
                b"row" => {
                    self.row = match r.and_then(|v| std::str::from_utf8(v).ok()?.parse().ok()) {
                        Some(n) => n,
                        None => self.row + 1,
                    };
                    self.col = 0;
                }
                b"c" => {
                    match r.and_then(cell_ref) {
                        Some((row, col)) => {
                            self.row = row;
                            self.col = col;
                        }
                        None => self.col += 1,
                    }
                    self.cells += 1;
                    let p = (self.row, self.col);
                    if self.seen {
                        self.min = (self.min.0.min(p.0), self.min.1.min(p.1));
                        self.max = (self.max.0.max(p.0), self.max.1.max(p.1));
                    } else {
                        (self.min, self.max, self.seen) = (p, p, true);
                    }
                }
                _ => {}
            }
        }
        xml.len()
    }
    fn too_large(&self) -> bool {
        let area = (self.max.0 - self.min.0 + 1).saturating_mul(self.max.1 - self.min.1 + 1);
        self.seen && (area > MAX_CELLS || self.cells > MAX_CELLS)
    }
}

/// The value of an `r="…"` attribute among a tag's attributes.
fn attr_r(attrs: &[u8]) -> Option<&[u8]> {
    let mut i = 0;
    while i + 3 < attrs.len() {
        let before_ok = i == 0 || attrs[i - 1].is_ascii_whitespace();
        if before_ok
            && attrs[i] == b'r'
            && attrs[i + 1] == b'='
            && matches!(attrs[i + 2], b'"' | b'\'')
        {
            let q = attrs[i + 2];
            let rest = &attrs[i + 3..];
            let end = rest.iter().position(|&b| b == q)?;
            return Some(&rest[..end]);
        }
        i += 1;
    }
    None
}

/// "B12" → (12, 2): 1-based row, 1-based column.
fn cell_ref(r: &[u8]) -> Option<(u64, u64)> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = r[..letters].iter().fold(0u64, |c, b| {
        c * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let row = std::str::from_utf8(&r[letters..]).ok()?.parse().ok()?;
    Some((row, col))
}

/// Refuse an .xls (an OLE compound file) whose sector allocation table loops, before calamine
/// reads it: calamine follows a chain until it ends, so a loop grows one stream without bound
/// (a 5.6 KB file found by the `excel` fuzz target took 23 GB). Only the header, the DIFAT and
/// the FAT sectors are read, the way calamine locates them; a valid file has no loop.
fn guard_ole(bytes: &[u8]) -> Result<(), InputError> {
    const RESERVED: u32 = 0xFFFF_FFFA; // the DIFAT chain stops at or above this, as calamine's
    const DIFSECT: u32 = 0xFFFF_FFFC;
    let u16_at = |o: usize| {
        bytes
            .get(o..o + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
    };
    let u32_at = |o: usize| {
        bytes
            .get(o..o + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let size = match u16_at(30) {
        Some(9) => 512usize,
        Some(12) => 4096,
        _ => return Ok(()), // calamine refuses the header itself
    };
    // sector `id` starts after the header, which fills the first sector
    let sector = |id: u32| {
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        bytes.get(start..start.checked_add(size)?)
    };
    let words = |b: &[u8]| -> Vec<u32> {
        b.chunks_exact(4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
            .collect()
    };
    let mut difat: Vec<u32> = bytes.get(76..512).map(words).unwrap_or_default();
    let mut next = u32_at(68).unwrap_or(u32::MAX);
    let mut steps = 0usize;
    while next < RESERVED {
        steps += 1;
        let Some(s) = sector(next) else {
            return Err(InputError::WorkbookUnreadable);
        };
        if steps > bytes.len() / size + 1 {
            return Err(InputError::WorkbookUnreadable);
        }
        difat.extend(words(s));
        next = difat.pop().unwrap_or(u32::MAX);
    }
    let mut fat: Vec<u32> = Vec::new();
    for id in difat.into_iter().filter(|&id| id < DIFSECT) {
        match sector(id) {
            Some(s) => fat.extend(words(s)),
            None => return Err(InputError::WorkbookUnreadable),
        }
    }
    // the FAT maps each sector to the next of its chain: refuse any loop (0 unseen, 1 on the
    // path being walked, 2 known to end)
    let mut state = vec![0u8; fat.len()];
    let mut path = Vec::new();
    for first in 0..fat.len() {
        let mut i = first;
        while i < fat.len() && state[i] == 0 {
            state[i] = 1;
            path.push(i);
            i = fat[i] as usize;
        }
        if i < fat.len() && state[i] == 1 {
            return Err(InputError::WorkbookUnreadable);
        }
        for &p in &path {
            state[p] = 2;
        }
        path.clear();
    }
    // calamine reserves room for a sheet's whole DIMENSIONS range before reading its cells
    // (a 5.6 KB file asked for 3.7 PB and aborted): refuse a range over MAX_CELLS
    match workbook_stream(bytes, size, &fat, &sector) {
        Some(stream) if xls_span(&stream) > MAX_CELLS => Err(InputError::WorkbookTooLarge),
        _ => Ok(()),
    }
}

/// The `Workbook` (or BIFF5 `Book`) stream of a compound file whose FAT has no loop, found and
/// read as calamine does; `None` when it cannot be (calamine then reports the damage).
fn workbook_stream<'a>(
    bytes: &[u8],
    size: usize,
    fat: &[u32],
    sector: &dyn Fn(u32) -> Option<&'a [u8]>,
) -> Option<Vec<u8>> {
    const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
    let u32_at = |b: &[u8], o: usize| {
        b.get(o..o + 4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
    };
    // a chain has no loop (checked), so it ends within the file or at a bad id
    let chain = |mut id: u32, limit: usize| -> Option<Vec<u8>> {
        let mut out = Vec::new();
        while id != ENDOFCHAIN && out.len() < limit {
            out.extend_from_slice(sector(id)?);
            id = *fat.get(id as usize)?;
        }
        out.truncate(limit);
        Some(out)
    };
    let dirs = chain(u32_at(bytes, 48)?, usize::MAX)?;
    let entry = |d: &[u8]| {
        let units: Vec<u16> = d[..64]
            .chunks_exact(2)
            .map(|u| u16::from_le_bytes([u[0], u[1]]))
            .take_while(|&u| u != 0)
            .collect();
        let len = if size == 512 {
            u32_at(d, 120)? as usize
        } else {
            let lo = u32_at(d, 120)? as u64;
            let hi = u32_at(d, 124)? as u64;
            usize::try_from(lo | hi << 32).ok()?
        };
        Some((String::from_utf16_lossy(&units), u32_at(d, 116)?, len))
    };
    let entries: Vec<_> = dirs.chunks_exact(128).filter_map(entry).collect();
    let (_, start, len) = ["Workbook", "Book"].iter().find_map(|want| {
        entries
            .iter()
            .find(|(n, _, _)| n.eq_ignore_ascii_case(want))
            .cloned()
    })?;
    if len >= 4096 {
        return chain(start, len);
    }
    // a small stream lives in 64-byte mini sectors inside the root entry's stream
    let (_, root_start, root_len) = entries.first()?.clone();
    let mini = chain(root_start, root_len)?;
    let minifat_len = (u32_at(bytes, 64)? as usize).checked_mul(size)?;
    let minifat: Vec<u32> = chain(u32_at(bytes, 60)?, minifat_len)?
        .chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .collect();
    let mut out = Vec::new();
    let mut id = start;
    while id != ENDOFCHAIN && out.len() < len {
        let at = (id as usize).checked_mul(64)?;
        out.extend_from_slice(mini.get(at..at.checked_add(64)?.min(mini.len()))?);
        id = *minifat.get(id as usize)?;
        if out.len() > 4096 + 64 {
            return None; // a mini chain that loops
        }
    }
    out.truncate(len);
    Some(out)
}

/// The largest cell range a DIMENSIONS record of a BIFF stream declares, counted the way
/// calamine sizes it (including its wrap-around when the last row is before the first). The
/// records are walked as calamine walks them: the globals from the start, and each sheet from
/// the position its BOUNDSHEET record gives (a damaged record length cannot hide a sheet).
fn xls_span(stream: &[u8]) -> u64 {
    let u16_at = |o: usize| u16::from_le_bytes([stream[o], stream[o + 1]]) as u32;
    let u32_at =
        |o: usize| u32::from_le_bytes([stream[o], stream[o + 1], stream[o + 2], stream[o + 3]]);
    let mut worst = 0u64;
    let mut sheets = Vec::new();
    let mut walked = std::collections::HashSet::new();
    // a valid file's walks do not overlap: four times one whole walk is plenty, and bounds the
    // work on a file whose BOUNDSHEET records all point into one long run of records
    let mut budget = stream.len();
    let mut next: Option<usize> = Some(0);
    while let Some(mut at) = next.take().or_else(|| sheets.pop()) {
        let globals = walked.is_empty();
        if !walked.insert(at) {
            continue;
        }
        while at + 4 <= stream.len() {
            if budget == 0 {
                return u64::MAX;
            }
            budget -= 1;
            let typ = u16_at(at);
            let len = u16_at(at + 2) as usize;
            let d = at + 4;
            if d + len > stream.len() || (typ == 0x000A && !globals) {
                break; // a sheet ends at its EOF record
            }
            if typ == 0x0085 && len >= 4 && globals {
                // BOUNDSHEET: where a sheet's records start
                sheets.push(u32_at(d) as usize);
            }
            if typ == 0x0200 {
                let (rf, rl, mut cf, cl) = match len {
                    10 => (u16_at(d), u16_at(d + 2), u16_at(d + 4), u16_at(d + 6)),
                    14 | 16 => (u32_at(d), u32_at(d + 4), u16_at(d + 8), u16_at(d + 10)),
                    _ => (0, 0, 0, 0),
                };
                if 0xFF < cf || cl < cf {
                    cf = 0;
                }
                let cells = if 1 <= rl && 1 <= cl {
                    let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1) as u64;
                    let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1) as u64;
                    rows.saturating_mul(cols)
                } else {
                    1
                };
                worst = worst.max(cells);
            }
            at = d + len;
        }
    }
    worst
}

/// Parse a workbook into raw lines. A damaged workbook is refused with
/// [`InputError::WorkbookUnreadable`], also when calamine panics on it (caught here: the
/// reader must never take the caller down).
pub fn parse(bytes: &[u8]) -> Result<RawDoc, InputError> {
    parse_with_progress(bytes, &mut |_, _| {})
}

/// [`parse`], calling `progress(done, total)` after each sheet is read (the ingest worker
/// reports it to the page).
pub fn parse_with_progress(
    bytes: &[u8],
    progress: &mut dyn FnMut(u32, u32),
) -> Result<RawDoc, InputError> {
    if bytes.starts_with(b"PK\x03\x04") {
        guard_xlsx(bytes)?;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        guard_ole(bytes)?;
    }
    // a panic leaves nothing half-built behind: the progress callback only reports numbers
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_workbook(bytes, progress)
    }))
    .unwrap_or(Err(InputError::WorkbookUnreadable))
}

fn read_workbook(bytes: &[u8], progress: &mut dyn FnMut(u32, u32)) -> Result<RawDoc, InputError> {
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|_| InputError::WorkbookUnreadable)?;
    let sheets: Vec<(String, bool)> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    let mut lines = Vec::new();
    let total = sheets.len() as u32;
    for (done, (name, hidden)) in sheets.into_iter().enumerate() {
        progress(done as u32, total);
        let Ok(range) = wb.worksheet_range(&name) else {
            continue;
        };
        let formulas = wb.worksheet_formula(&name).ok();
        let merges = merged(&mut wb, &name);
        let sheet_loc = Loc {
            sheet: Some(name.clone()),
            ..Loc::default()
        };
        if hidden {
            lines.push(RawLine {
                text: format!("（隐藏工作表：{name}）"),
                cells: None,
                loc: sheet_loc.clone(),
            });
        }
        // the sheet name may be the table's title (e.g. "C07 一般公共预算财政拨款基本支出决算表")
        let title = name
            .trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == ' ' || c == '_')
            .trim()
            .to_string();
        if !title.is_empty() {
            lines.push(RawLine {
                text: title,
                cells: None,
                loc: sheet_loc.clone(),
            });
        }
        sheet_lines(&name, &range, formulas.as_ref(), &merges, &mut lines);
    }
    progress(total, total);
    if lines.iter().all(|l| l.is_blank()) {
        return Err(InputError::Empty);
    }
    Ok(RawDoc {
        kind: SourceKind::Excel,
        lines,
        pages: None,
    })
}

fn merged(wb: &mut Sheets<Cursor<&[u8]>>, name: &str) -> Vec<calamine::Dimensions> {
    match wb {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn sheet_lines(
    sheet: &str,
    range: &Range<Data>,
    formulas: Option<&Range<String>>,
    merges: &[calamine::Dimensions],
    out: &mut Vec<RawLine>,
) {
    let Some((r0, c0)) = range.start() else {
        return;
    };
    let (h, w) = range.get_size();
    // Columns whose header names codes or serial numbers, from that header down. A sheet may
    // hold several tables one under another: a table's title (a row with a single filled cell
    // naming a 表) ends the code columns of the table above.
    let mut code_cols = vec![false; w];
    let mut grid: Vec<Vec<String>> = Vec::with_capacity(h);
    for r in 0..h {
        let filled: Vec<(usize, &Data)> = (0..w)
            .filter_map(|c| range.get((r, c)).map(|v| (c, v)))
            .filter(|(_, v)| !matches!(v, Data::Empty))
            .collect();
        if let [(_, Data::String(t))] = filled.as_slice() {
            if t.contains('表') {
                code_cols.iter_mut().for_each(|x| *x = false);
            }
        }
        for (c, v) in &filled {
            if let Data::String(t) = v {
                let t = t.trim();
                if t.contains("编码")
                    || t.contains("代码")
                    || t.contains("行次")
                    || t.contains("栏次")
                    || matches!(t, "类" | "款" | "项")
                {
                    code_cols[*c] = true;
                }
            }
        }
        grid.push(
            (0..w)
                .map(|c| {
                    range
                        .get((r, c))
                        .map(|v| cell_text(v, code_cols[c]))
                        .unwrap_or_default()
                })
                .collect(),
        );
    }
    // formula cells with no cached value
    if let Some(f) = formulas {
        if let Some((fr0, fc0)) = f.start() {
            for (r, row) in grid.iter_mut().enumerate() {
                for (c, cell) in row.iter_mut().enumerate() {
                    let (ar, ac) = (r0 + r as u32, c0 + c as u32);
                    if ar < fr0 || ac < fc0 {
                        continue;
                    }
                    let formula = f.get(((ar - fr0) as usize, (ac - fc0) as usize));
                    if cell.is_empty() && formula.is_some_and(|x| !x.is_empty()) {
                        *cell = "未计算".to_string();
                    }
                }
            }
        }
    }
    // spread merged text over its region
    for m in merges {
        let (sr, sc) = (
            m.start.0.saturating_sub(r0) as usize,
            m.start.1.saturating_sub(c0) as usize,
        );
        let Some(v) = grid.get(sr).and_then(|row| row.get(sc)).cloned() else {
            continue;
        };
        if v.is_empty() || hezhang_core::text::parse_amount(&v).is_some() {
            continue;
        }
        // clipped to the grid: a merge may name a region far larger than the used range
        let last_row = r0 + grid.len().saturating_sub(1) as u32;
        let last_col = c0 + grid.first().map_or(0, |r| r.len().saturating_sub(1)) as u32;
        for r in m.start.0.max(r0)..=m.end.0.min(last_row) {
            for c in m.start.1.max(c0)..=m.end.1.min(last_col) {
                let (rr, cc) = (r.saturating_sub(r0) as usize, c.saturating_sub(c0) as usize);
                if let Some(cell) = grid.get_mut(rr).and_then(|row| row.get_mut(cc)) {
                    if cell.is_empty() {
                        *cell = v.clone();
                    }
                }
            }
        }
    }
    repad_codes(&mut grid);
    for (r, row) in grid.iter().enumerate() {
        let ar = r0 + r as u32;
        let filled: Vec<usize> = (0..row.len()).filter(|&c| !row[c].is_empty()).collect();
        let first = filled.first().copied().unwrap_or(0);
        let loc = Loc {
            sheet: Some(sheet.to_string()),
            cell: Some(crate::a1(ar, c0 + first as u32)),
            ..Loc::default()
        };
        // one filled cell, or one merged text spread over the row: a text line
        let single = filled.len() <= 1 || filled.iter().all(|&c| row[c] == row[filled[0]]);
        if single {
            out.push(RawLine {
                text: filled.first().map(|&c| row[c].clone()).unwrap_or_default(),
                cells: None,
                loc,
            });
            continue;
        }
        // a merged label repeated across a row of text only reads as one line
        let cells = row
            .iter()
            .enumerate()
            .map(|(c, t)| RawCell {
                text: t.clone(),
                loc: Loc {
                    sheet: Some(sheet.to_string()),
                    cell: Some(crate::a1(ar, c0 + c as u32)),
                    ..Loc::default()
                },
            })
            .collect();
        out.push(RawLine {
            text: row.join("\t"),
            cells: Some(cells),
            loc,
        });
    }
}

/// Codes stored as numbers lose their leading zeros (`06` → 6). In a column headed 款 or 项,
/// whole numbers below 100 are re-padded to two digits, from the header down to the next
/// table's title (a row with a single filled cell naming a 表).
fn repad_codes(grid: &mut [Vec<String>]) {
    let width = grid.iter().map(|r| r.len()).max().unwrap_or(0);
    let mut code_cols = vec![false; width];
    for row in grid.iter_mut() {
        // a title merged over several columns was spread over them
        let filled: Vec<&String> = row.iter().filter(|t| !t.is_empty()).collect();
        if filled
            .first()
            .is_some_and(|t| t.contains('表') && filled.iter().all(|u| u == t))
        {
            code_cols.iter_mut().for_each(|x| *x = false);
        }
        for (c, cell) in row.iter_mut().enumerate() {
            if cell == "款" || cell == "项" {
                code_cols[c] = true;
            } else if code_cols[c] {
                if let Some(d) = hezhang_core::text::parse_amount(cell) {
                    if d < Decimal::from(100) && d.fract().is_zero() && d >= Decimal::ZERO {
                        *cell = format!("{:02}", d.trunc());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// The loop the `excel` fuzz target found (tests/fixtures/fuzz/xls-fat-loop.xls) is
    /// refused by the guard alone, and the valid file it came from passes it.
    #[test]
    fn ole_guard_refuses_a_looping_sector_table() {
        let looped = include_bytes!("../tests/fixtures/fuzz/xls-fat-loop.xls");
        assert_eq!(guard_ole(looped), Err(InputError::WorkbookUnreadable));
        assert_eq!(
            guard_ole(include_bytes!("../tests/fixtures/fuzz/valid.xls")),
            Ok(())
        );
        // a hand-made loop: one FAT sector whose entries 1 → 2 → 1
        let mut b = vec![0u8; 512 * 3];
        b[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
        b[30] = 9; // 512-byte sectors
        b[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes()); // no DIFAT sector
        b[76..80].copy_from_slice(&0u32.to_le_bytes()); // the FAT is sector 0
        for w in b[80..512].chunks_exact_mut(4) {
            w.copy_from_slice(&u32::MAX.to_le_bytes());
        }
        let fat = 512; // sector 0
        for (i, next) in [0xFFFF_FFFDu32, 2, 1].iter().enumerate() {
            b[fat + i * 4..fat + i * 4 + 4].copy_from_slice(&next.to_le_bytes());
        }
        for w in b[fat + 12..fat + 512].chunks_exact_mut(4) {
            w.copy_from_slice(&u32::MAX.to_le_bytes());
        }
        assert_eq!(guard_ole(&b), Err(InputError::WorkbookUnreadable));
        b[fat + 8..fat + 12].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes()); // 1 → 2 → end
        assert_eq!(guard_ole(&b), Ok(()));
    }

    /// The `excel` target's second find: a DIMENSIONS record spanning 2^32 rows made calamine
    /// reserve 3.7 PB and abort. The guard reads the Workbook stream and refuses the range.
    #[test]
    fn ole_guard_refuses_a_huge_dimensions_range() {
        let bomb = include_bytes!("../tests/fixtures/fuzz/xls-dimensions-bomb.xls");
        assert_eq!(guard_ole(bomb), Err(InputError::WorkbookTooLarge));
        let valid = include_bytes!("../tests/fixtures/fuzz/valid.xls");
        assert!(xls_span(&workbook_stream_of(valid)) < 100);
    }

    fn workbook_stream_of(b: &[u8]) -> Vec<u8> {
        let words = |s: &[u8]| -> Vec<u32> {
            s.chunks_exact(4)
                .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
                .collect()
        };
        // the valid file is small: its FAT is the sectors the header's DIFAT lists
        let sector = |id: u32| b.get((id as usize + 1) * 512..(id as usize + 2) * 512);
        let fat: Vec<u32> = words(&b[76..512])
            .into_iter()
            .filter(|&id| id < 0xFFFF_FFFC)
            .flat_map(|id| words(sector(id).unwrap()))
            .collect();
        workbook_stream(b, 512, &fat, &sector).expect("the Workbook stream")
    }

    use super::*;

    #[test]
    fn floats_keep_their_printed_scale() {
        assert_eq!(float_to_decimal(6.2).unwrap().to_string(), "6.20");
        assert_eq!(
            float_to_decimal(4777056.13).unwrap().to_string(),
            "4777056.13"
        );
        assert_eq!(float_to_decimal(0.1 + 0.2).unwrap().to_string(), "0.30");
        assert_eq!(float_to_decimal(12.3456).unwrap().to_string(), "12.3456");
        assert_eq!(float_to_decimal(f64::NAN), None);
    }

    #[test]
    fn a_sheet_spanning_the_whole_grid_is_refused_unread() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write(0, 0, "合计").unwrap();
        ws.write(1_048_575, 16_383, 1).unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        assert_eq!(parse(&bytes).err(), Some(InputError::WorkbookTooLarge));
        // a modest sheet still reads
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write(0, 0, "合计").unwrap();
        ws.write(0, 1, 1.5).unwrap();
        ws.write(999, 25, 2).unwrap();
        assert!(parse(&wb.save_to_buffer().unwrap()).is_ok());
    }

    #[test]
    fn sheet_spans_follow_calamine_placement() {
        let mut s = Span::default();
        s.scan(br#"<sheetData><row r="1"><c r="A1"/><c r="XFD1048576"><v>1</v></c></row>"#);
        assert_eq!((s.min, s.max), ((1, 1), (1_048_576, 16_384)));
        assert!(s.too_large());
        let mut s = Span::default();
        s.scan(br#"<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c/></x:row><x:row r="9"><x:c/><cols/><col/></x:row>"#);
        assert_eq!((s.min, s.max, s.cells), ((1, 1), (9, 2), 3));
        assert!(!s.too_large());
        // a tag cut at the end of a chunk is left for the next one
        let mut s = Span::default();
        assert_eq!(s.scan(br#"<row r="3"><c r="B"#), 11);
        assert_eq!(cell_ref(b"AA10"), Some((10, 27)));
        assert_eq!(attr_r(br#" t="s" r='C2'"#), Some(&b"C2"[..]));
        assert_eq!(attr_r(br#" spans="1:3""#), None);
    }
}
