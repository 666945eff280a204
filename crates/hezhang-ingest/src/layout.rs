//! Text runs and ruling lines → the raw document model (ingestion guide §5).
//!
//! Tables are rebuilt from their ruling lines: the horizontal rules give the row bands, the
//! vertical rules that cross a band give that band's cells. Digits set a few points off
//! their label's baseline and names wrapped over two lines therefore land in the right row
//! and cell. Each band becomes one grid [`RawLine`] with one cell per column (empty cells
//! kept); a header cell that spans several columns is repeated over them, so that a
//! spanning 科目编码 names each of 类/款/项. Everything outside a table becomes plain lines
//! in reading order; page numbers are dropped.

use hezhang_core::model::{Loc, RawCell, RawDoc, RawLine, SourceKind};
use hezhang_core::text;

use crate::pdf::{PdfPage, Segment, TextRun};

/// Build the raw document from the pages of a PDF.
pub fn to_raw_doc(pages: &[PdfPage]) -> RawDoc {
    let mut lines = Vec::new();
    for p in pages {
        lines.extend(page_lines(p));
    }
    RawDoc {
        kind: SourceKind::Pdf,
        lines,
        pages: Some(pages.len() as u32),
    }
}

/// NFKC-like folding of what a PDF text layer gives (full-width digits and punctuation
/// as ASCII where the core expects them) and removal of spaces between CJK characters.
pub fn normalise(s: &str) -> String {
    let folded: String = s
        .chars()
        .map(|c| match c {
            '\u{ff10}'..='\u{ff19}' => char::from(b'0' + (c as u32 - 0xff10) as u8),
            '\u{ff0e}' => '.',
            '\u{3000}' | '\u{a0}' => ' ',
            _ => c,
        })
        .collect();
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = out.chars().last();
            let next = chars[i + 1..].iter().find(|c| **c != ' ');
            if prev.is_some_and(text::is_cjk) && next.is_some_and(|n| text::is_cjk(*n)) {
                continue;
            }
            if prev == Some(' ') {
                continue;
            }
        }
        out.push(c);
    }
    out.trim().to_string()
}

#[derive(Debug, Clone, Copy)]
struct Box4 {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

impl Box4 {
    fn of(s: &Segment) -> Box4 {
        Box4 {
            x0: s.x0,
            y0: s.y0,
            x1: s.x1,
            y1: s.y1,
        }
    }
    fn touches(&self, o: &Box4, tol: f32) -> bool {
        self.x0 - tol <= o.x1
            && o.x0 - tol <= self.x1
            && self.y0 - tol <= o.y1
            && o.y0 - tol <= self.y1
    }
    fn union(&mut self, o: &Box4) {
        self.x0 = self.x0.min(o.x0);
        self.y0 = self.y0.min(o.y0);
        self.x1 = self.x1.max(o.x1);
        self.y1 = self.y1.max(o.y1);
    }
    fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x0 - 1.0 && x <= self.x1 + 1.0 && y >= self.y0 - 1.0 && y <= self.y1 + 1.0
    }
}

/// A ruled table on a page.
struct Grid {
    bbox: Box4,
    /// Distinct x of the vertical rules, sorted.
    xs: Vec<f32>,
    /// Distinct y of the horizontal rules, sorted.
    ys: Vec<f32>,
    /// Vertical rules: (x, y0, y1).
    verticals: Vec<(f32, f32, f32)>,
}

impl Grid {
    /// The separators that cross the horizontal band around `y`.
    fn separators_at(&self, ya: f32, yb: f32) -> Vec<f32> {
        let mid = (ya + yb) / 2.0;
        let mut seps: Vec<f32> = self
            .xs
            .iter()
            .copied()
            .filter(|&x| {
                self.verticals
                    .iter()
                    .any(|&(vx, y0, y1)| (vx - x).abs() < 1.5 && y0 - 1.0 <= mid && mid <= y1 + 1.0)
            })
            .collect();
        if seps.first().is_none_or(|&f| f > self.bbox.x0 + 1.5) {
            seps.insert(0, self.bbox.x0);
        }
        if seps.last().is_none_or(|&l| l < self.bbox.x1 - 1.5) {
            seps.push(self.bbox.x1);
        }
        seps
    }
    fn col_index(&self, x: f32) -> usize {
        // index of the global column starting at separator x
        self.xs
            .iter()
            .position(|&gx| (gx - x).abs() < 1.5)
            .unwrap_or_else(|| {
                self.xs
                    .iter()
                    .filter(|&&gx| gx < x)
                    .count()
                    .saturating_sub(1)
            })
    }
}

fn cluster(mut v: Vec<f32>, tol: f32) -> Vec<f32> {
    v.retain(|x| x.is_finite());
    v.sort_by(|a, b| a.total_cmp(b));
    let mut out: Vec<(f32, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((c, n)) if (x - *c / *n as f32).abs() < tol => {
                *c += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(c, n)| c / n as f32).collect()
}

const MAX_SEGMENTS: usize = 20_000;

fn find_grids(p: &PdfPage) -> Vec<Grid> {
    let segs: Vec<&Segment> = p
        .segments
        .iter()
        .filter(|s| s.is_horizontal() || s.is_vertical())
        .take(MAX_SEGMENTS)
        .collect();
    // connected components of touching rules
    let mut comps: Vec<(Box4, Vec<usize>)> = Vec::new();
    for (i, s) in segs.iter().enumerate() {
        let b = Box4::of(s);
        let hits: Vec<usize> = comps
            .iter()
            .enumerate()
            .filter(|(_, (cb, _))| cb.touches(&b, 2.0))
            .map(|(ci, _)| ci)
            .collect();
        match hits.first() {
            None => comps.push((b, vec![i])),
            Some(&first) => {
                comps[first].0.union(&b);
                comps[first].1.push(i);
                for &other in hits[1..].iter().rev() {
                    let (ob, members) = comps.remove(other);
                    comps[first].0.union(&ob);
                    comps[first].1.extend(members);
                }
            }
        }
    }
    // merging may make boxes touch again: repeat until stable
    loop {
        let mut merged = false;
        'outer: for a in 0..comps.len() {
            for b in a + 1..comps.len() {
                if comps[a].0.touches(&comps[b].0, 2.0) {
                    let (ob, members) = comps.remove(b);
                    comps[a].0.union(&ob);
                    comps[a].1.extend(members);
                    merged = true;
                    break 'outer;
                }
            }
        }
        if !merged {
            break;
        }
    }
    let mut grids = Vec::new();
    for (bbox, members) in comps {
        let hs: Vec<&Segment> = members
            .iter()
            .map(|&i| segs[i])
            .filter(|s| s.is_horizontal())
            .collect();
        let vs: Vec<&Segment> = members
            .iter()
            .map(|&i| segs[i])
            .filter(|s| s.is_vertical())
            .collect();
        let xs = cluster(vs.iter().map(|s| s.x0).collect(), 1.5);
        let ys = cluster(hs.iter().map(|s| s.y0).collect(), 1.5);
        if xs.len() < 2 || ys.len() < 2 || bbox.x1 - bbox.x0 < 100.0 || bbox.y1 - bbox.y0 < 15.0 {
            continue;
        }
        grids.push(Grid {
            bbox,
            xs,
            ys,
            verticals: vs.iter().map(|s| (s.x0, s.y0, s.y1)).collect(),
        });
    }
    grids.sort_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0));
    grids
}

/// Runs grouped into visual lines (|Δy| < 0.4 h), each sorted left to right.
fn group_lines<'a>(runs: &[&'a TextRun]) -> Vec<Vec<&'a TextRun>> {
    let mut sorted: Vec<&TextRun> = runs.to_vec();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<&TextRun>> = Vec::new();
    for r in sorted {
        match lines.last_mut() {
            Some(l) if (l[0].y - r.y).abs() < 0.4 * l[0].size.max(r.size).max(1.0) => l.push(r),
            _ => lines.push(vec![r]),
        }
    }
    for l in &mut lines {
        l.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    lines
}

/// Join a line's runs: a space where the gap is wide.
fn join_line(runs: &[&TextRun]) -> String {
    let mut s = String::new();
    let mut prev_end: Option<f32> = None;
    for r in runs {
        if let Some(e) = prev_end {
            if r.x - e > 0.6 * r.size {
                s.push(' ');
            }
        }
        s.push_str(&r.text);
        prev_end = Some(r.x1());
    }
    normalise(&s)
}

fn bbox_of(runs: &[&TextRun]) -> [f32; 4] {
    let mut b = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
    for r in runs {
        b[0] = b[0].min(r.x);
        b[1] = b[1].min(r.top());
        b[2] = b[2].max(r.x1());
        b[3] = b[3].max(r.y + 0.15 * r.size);
    }
    b
}

/// A place on a page: the box is clipped to the page (a glyph's em box may overhang the edge,
/// a ruling line may be drawn past it) and rounded to 0.01 pt, so a viewer can always draw it
/// (within 0.005 pt of the page's edges).
fn page_loc(p: &PdfPage, bbox: [f32; 4]) -> Loc {
    // `max` before `min`: a NaN becomes the low edge
    let clip = |v: f32, hi: f32| (v.max(0.0).min(hi.max(0.0)) * 100.0).round() / 100.0;
    let (x0, x1) = (clip(bbox[0], p.width), clip(bbox[2], p.width));
    let (y0, y1) = (clip(bbox[1], p.height), clip(bbox[3], p.height));
    Loc {
        page: Some(p.number),
        bbox: Some([x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)]),
        ..Loc::default()
    }
}

/// A page number or running header/footer: only digits, `- 3 -`, `第 3 页`, `3/25`.
fn is_page_number(t: &str) -> bool {
    let k: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let k = k
        .trim_start_matches(['-', '—', '第'])
        .trim_end_matches(['-', '—', '页']);
    !k.is_empty()
        && k.len() <= 9
        && k.chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == '共')
}

/// Does a body cell make its row an anchor (a data row)? Amounts, placeholders and 类
/// codes; not 合计, whose cell often spans the code and name columns like a header.
fn is_anchor_text(t: &str) -> bool {
    text::parse_amount(t).is_some_and(|d| d.scale() > 0 || t.contains(','))
        || text::is_placeholder(t)
        || (t.len() == 3 && t.chars().all(|c| c.is_ascii_digit()))
}

fn page_lines(p: &PdfPage) -> Vec<RawLine> {
    let grids = find_grids(p);
    let mut in_grid: Vec<Vec<&TextRun>> = vec![Vec::new(); grids.len()];
    let mut free: Vec<&TextRun> = Vec::new();
    for r in &p.runs {
        match grids
            .iter()
            .position(|g| g.bbox.contains(r.mid_x(), r.mid_y()))
        {
            Some(gi) => in_grid[gi].push(r),
            None => free.push(r),
        }
    }
    // (sort key, line)
    let mut out: Vec<(f32, RawLine)> = Vec::new();
    for l in group_lines(&free) {
        let t = join_line(&l);
        if t.is_empty() {
            continue;
        }
        let b = bbox_of(&l);
        let margin = b[1] < p.height * 0.08 || b[3] > p.height * 0.90;
        if margin && is_page_number(&t) {
            continue;
        }
        out.push((
            b[1],
            RawLine {
                text: t,
                cells: None,
                loc: page_loc(p, b),
            },
        ));
    }
    for (g, runs) in grids.iter().zip(in_grid) {
        let mut header = true;
        for w in g.ys.windows(2) {
            let (ya, yb) = (w[0], w[1]);
            if yb - ya < 2.0 {
                continue;
            }
            let band: Vec<&TextRun> = runs
                .iter()
                .copied()
                .filter(|r| {
                    let m = r.mid_y();
                    m >= ya && m < yb
                })
                .collect();
            if band.is_empty() {
                continue;
            }
            let seps = g.separators_at(ya, yb);
            let width = g.xs.len().saturating_sub(1).max(1);
            // one cell per band interval: (first global column, last global column, runs)
            let mut cells: Vec<(usize, usize, f32, f32, Vec<&TextRun>)> = seps
                .windows(2)
                .map(|s| {
                    let a = g.col_index(s[0]).min(width - 1);
                    let b = g.col_index(s[1]).max(a + 1).min(width);
                    (a, b, s[0], s[1], Vec::new())
                })
                .collect();
            for r in band {
                let x = r.mid_x();
                let i = seps
                    .windows(2)
                    .position(|s| x >= s[0] && x < s[1])
                    .unwrap_or(if x < seps[0] { 0 } else { cells.len() - 1 });
                cells[i].4.push(r);
            }
            let texts: Vec<String> = cells
                .iter()
                .map(|c| {
                    group_lines(&c.4)
                        .iter()
                        .map(|l| join_line(l))
                        .collect::<Vec<_>>()
                        .join("")
                })
                .collect();
            if header && texts.iter().any(|t| is_anchor_text(t)) {
                header = false;
            }
            let mut row: Vec<RawCell> = (0..width)
                .map(|ci| RawCell {
                    text: String::new(),
                    loc: page_loc(p, [g.xs[ci], ya, g.xs[ci + 1], yb]),
                })
                .collect();
            for (c, t) in cells.iter().zip(&texts) {
                if t.is_empty() {
                    continue;
                }
                let span = if header { c.0..c.1 } else { c.0..c.0 + 1 };
                for ci in span {
                    if let Some(cell) = row.get_mut(ci) {
                        cell.text = t.clone();
                        cell.loc = page_loc(p, [c.2, ya, c.3, yb]);
                    }
                }
            }
            let text = row
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join("\t");
            out.push((
                ya,
                RawLine {
                    text,
                    cells: Some(row),
                    loc: page_loc(p, [g.bbox.x0, ya, g.bbox.x1, yb]),
                },
            ));
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.into_iter().map(|(_, l)| l).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_folds_and_removes_cjk_spaces() {
        assert_eq!(normalise("社 会 保 障 和 就"), "社会保障和就");
        assert_eq!(normalise("２０１０３０１"), "2010301");
        assert_eq!(normalise("201  06 01"), "201 06 01");
    }

    /// Found by the pdf fuzz target's "every box inside its page": a glyph at the top edge
    /// (its em box overhangs), text drawn past the right edge and a rule past the bottom.
    #[test]
    fn boxes_stay_inside_the_page() {
        let run = |x: f32, y: f32, text: &str| TextRun {
            x,
            y,
            width: 40.0,
            size: 12.0,
            text: text.into(),
        };
        let page = PdfPage {
            number: 1,
            width: 200.0,
            height: 100.0,
            runs: vec![
                run(10.0, 3.0, "标题在页边"),
                run(180.0, 50.0, "出界的文字"),
                run(10.0, f32::MAX, "远在页外"),
            ],
            segments: vec![Segment {
                x0: -50.0,
                y0: 250.0,
                x1: 400.0,
                y1: 250.0,
            }],
            glyphs: 3,
            ..PdfPage::default()
        };
        let doc = to_raw_doc(&[page]);
        assert_eq!(doc.lines.len(), 3, "{doc:#?}");
        for l in &doc.lines {
            let [x0, y0, x1, y1] = l.loc.bbox.expect("a box");
            assert!(0.0 <= x0 && x0 <= x1 && x1 <= 200.0, "{l:?}");
            assert!(0.0 <= y0 && y0 <= y1 && y1 <= 100.0, "{l:?}");
        }
        let nan = page_loc(
            &PdfPage {
                number: 2,
                width: 10.0,
                height: 10.0,
                ..PdfPage::default()
            },
            [f32::NAN, -1.0, f32::INFINITY, f32::NAN],
        );
        assert_eq!(nan.bbox, Some([0.0, 0.0, 10.0, 0.0]));
    }

    #[test]
    fn page_numbers() {
        assert!(is_page_number("- 3 -"));
        assert!(is_page_number("12"));
        assert!(!is_page_number("合计"));
    }
}
