//! PDF → pages of text runs and ruling segments (ingestion guide §2–§3).
//!
//! The engine sits behind [`PdfSource`] so the layout never depends on it or on its run
//! granularity. [`HayroSource`] implements it with hayro-interpret (pinned `=0.9.0`).
//! Coordinates are PDF points from the page's top-left corner (y down), after the page's
//! rotation and crop box are applied.

use hayro_interpret::font::GlyphRun;
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect};
use hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image,
    ImageDrawProps, InterpreterCache, InterpreterSettings, SoftMask, TransformExt,
};

/// A piece of text on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left edge of the first glyph.
    pub x: f32,
    /// Baseline, from the page top.
    pub y: f32,
    /// Advance width of the whole run.
    pub width: f32,
    /// Font size (em height) in points.
    pub size: f32,
    pub text: String,
}

impl TextRun {
    pub fn x1(&self) -> f32 {
        self.x + self.width
    }
    /// Top of the run's em box (baseline minus ~0.85 em).
    pub fn top(&self) -> f32 {
        self.y - 0.85 * self.size
    }
    /// Vertical middle of the glyphs.
    pub fn mid_y(&self) -> f32 {
        self.y - 0.35 * self.size
    }
    pub fn mid_x(&self) -> f32 {
        self.x + self.width / 2.0
    }
}

/// A horizontal or vertical ruling line (transformed; thin filled rectangles included).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Segment {
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() < 0.5 && (self.x1 - self.x0).abs() >= 0.5
    }
    pub fn is_vertical(&self) -> bool {
        (self.x1 - self.x0).abs() < 0.5 && (self.y1 - self.y0).abs() >= 0.5
    }
}

/// One page as the layout sees it.
#[derive(Debug, Clone, Default)]
pub struct PdfPage {
    /// 1-based page number.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub runs: Vec<TextRun>,
    pub segments: Vec<Segment>,
    /// Glyphs painted (after dropping doubles).
    pub glyphs: usize,
    /// Glyphs without a readable character (U+FFFD, control characters).
    pub unreadable: usize,
    /// Images painted.
    pub images: usize,
}

impl PdfPage {
    /// The page has a readable text layer (ingestion guide §4.3): glyphs, and at most 1 %
    /// of them unreadable.
    pub fn readable(&self) -> bool {
        self.glyphs > 0 && self.unreadable * 100 <= self.glyphs
    }
}

/// Why a PDF could not be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfError {
    /// Damaged or not a PDF the engine can parse.
    Invalid,
    /// Encrypted with a password.
    Encrypted,
}

/// A PDF text engine.
pub trait PdfSource {
    fn pages(&self, bytes: &[u8]) -> Result<Vec<PdfPage>, PdfError>;
}

/// hayro-interpret as the engine.
#[derive(Debug, Default, Clone, Copy)]
pub struct HayroSource;

impl PdfSource for HayroSource {
    fn pages(&self, bytes: &[u8]) -> Result<Vec<PdfPage>, PdfError> {
        self.pages_with_progress(bytes, &mut |_, _| {})
    }
}

impl HayroSource {
    /// [`PdfSource::pages`], calling `progress(done, total)` after each page is read (the ingest
    /// worker reports it to the page). The pages are the same with or without it.
    pub fn pages_with_progress(
        &self,
        bytes: &[u8],
        progress: &mut dyn FnMut(u32, u32),
    ) -> Result<Vec<PdfPage>, PdfError> {
        let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
            hayro_interpret::hayro_syntax::LoadPdfError::Decryption(_) => PdfError::Encrypted,
            _ => PdfError::Invalid,
        })?;
        let cache = InterpreterCache::new();
        let mut out = Vec::new();
        let total = pdf.pages().len() as u32;
        progress(0, total);
        for (i, page) in pdf.pages().iter().enumerate() {
            let (w, h) = page.render_dimensions();
            let settings = InterpreterSettings::default();
            let mut ctx = Context::new(
                page.initial_transform(true).to_kurbo(),
                Rect::new(0.0, 0.0, w as f64, h as f64),
                &cache,
                pdf.xref(),
                settings,
            );
            let mut dev = Collector::default();
            interpret_page(page, &mut ctx, &mut dev);
            out.push(dev.finish(i as u32 + 1, w, h));
            progress(i as u32 + 1, total);
        }
        Ok(out)
    }
}

/// One painted glyph.
#[derive(Debug, Clone)]
struct Glyph {
    text: String,
    x: f32,
    y: f32,
    adv: f32,
    size: f32,
    /// The glyph's baseline direction is not left-to-right (rotated text).
    rotated: bool,
}

#[derive(Default)]
struct Collector {
    glyphs: Vec<Glyph>,
    segments: Vec<Segment>,
    images: usize,
}

fn is_wide(c: char) -> bool {
    hezhang_core::text::is_cjk(c) || ('\u{3000}'..='\u{30ff}').contains(&c) || c >= '\u{ff00}'
}

impl Collector {
    fn push_subpath(&mut self, pts: &[Point], fill: bool) {
        if pts.len() < 2 {
            return;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in pts {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        let (w, h) = (x1 - x0, y1 - y0);
        if fill {
            // a thin filled rectangle is a rule
            if h < 2.0 && w >= 2.0 {
                let y = ((y0 + y1) / 2.0) as f32;
                self.push(Segment {
                    x0: x0 as f32,
                    y0: y,
                    x1: x1 as f32,
                    y1: y,
                });
            } else if w < 2.0 && h >= 2.0 {
                let x = ((x0 + x1) / 2.0) as f32;
                self.push(Segment {
                    x0: x,
                    y0: y0 as f32,
                    x1: x,
                    y1: y1 as f32,
                });
            }
            return;
        }
        for pair in pts.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let s = Segment {
                x0: a.x.min(b.x) as f32,
                y0: a.y.min(b.y) as f32,
                x1: a.x.max(b.x) as f32,
                y1: a.y.max(b.y) as f32,
            };
            if s.is_horizontal() || s.is_vertical() {
                self.push(s);
            }
        }
    }

    fn push(&mut self, s: Segment) {
        if s.x0.is_finite() && s.y0.is_finite() && s.x1.is_finite() && s.y1.is_finite() {
            self.segments.push(s);
        }
    }

    fn finish(mut self, number: u32, width: f32, height: f32) -> PdfPage {
        // drop doubled glyphs: same text at the same point on a 0.5 pt grid
        let mut seen = std::collections::HashSet::new();
        self.glyphs.retain(|g| {
            seen.insert((
                g.text.clone(),
                (g.x * 2.0).round() as i64,
                (g.y * 2.0).round() as i64,
            ))
        });
        let glyphs = self.glyphs.len();
        let unreadable = self
            .glyphs
            .iter()
            .filter(|g| {
                g.text
                    .chars()
                    .any(|c| c == '\u{fffd}' || (c.is_control() && c != '\t'))
            })
            .count();
        let runs = join_runs(&self.glyphs);
        PdfPage {
            number,
            width,
            height,
            runs,
            segments: self.segments,
            glyphs,
            unreadable,
            images: self.images,
        }
    }
}

/// Join glyphs in painting order into runs on one baseline (|Δy| < 0.25 h, gap in
/// (−0.5 h, 0.3 h)); whitespace glyphs end nothing and are dropped, the gap decides.
fn join_runs(glyphs: &[Glyph]) -> Vec<TextRun> {
    let mut runs: Vec<TextRun> = Vec::new();
    for g in glyphs {
        if g.rotated {
            continue;
        }
        let blank = g.text.chars().all(char::is_whitespace);
        if let Some(r) = runs.last_mut() {
            let h = r.size.max(g.size).max(1.0);
            let gap = g.x - r.x1();
            if (g.y - r.y).abs() < 0.25 * h && gap > -0.5 * h && gap < 0.3 * h {
                if !blank {
                    r.text.push_str(&g.text);
                }
                r.width = (g.x + g.adv - r.x).max(r.width);
                continue;
            }
        }
        if blank {
            continue;
        }
        runs.push(TextRun {
            x: g.x,
            y: g.y,
            width: g.adv,
            size: g.size,
            text: g.text.clone(),
        });
    }
    for r in &mut runs {
        let t = r.text.trim_end().to_string();
        r.text = t;
    }
    runs.retain(|r| !r.text.is_empty());
    runs
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, draw_mode: &DrawMode) {
        let fill = match draw_mode {
            DrawMode::Fill(_) => true,
            DrawMode::Stroke(_) | DrawMode::FillAndStroke(..) => false,
            DrawMode::Invisible => return,
        };
        let t = props.transform;
        let mut pts: Vec<Point> = Vec::new();
        let mut start = Point::ZERO;
        for el in path.elements() {
            match *el {
                PathEl::MoveTo(p) => {
                    self.push_subpath(&pts, fill);
                    pts.clear();
                    start = t * p;
                    pts.push(start);
                }
                PathEl::LineTo(p) => pts.push(t * p),
                PathEl::ClosePath => {
                    pts.push(start);
                }
                PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => {
                    // curves are no rules: end the straight piece here; a curved fill is a
                    // shape, not a rule
                    self.push_subpath(&pts, fill);
                    pts.clear();
                    if !fill {
                        pts.push(t * p);
                    }
                }
            }
        }
        self.push_subpath(&pts, fill);
        if self.segments.len() > 200_000 {
            // keep memory bounded on absurd input
            self.segments.truncate(200_000);
        }
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        for g in run.glyphs() {
            let t: Affine = props.transform * g.transform();
            let c = t.as_coeffs();
            let det = (c[0] * c[3] - c[1] * c[2]).abs();
            let size = (det.sqrt() * 1000.0) as f32;
            let origin = t * Point::ZERO;
            let text = match g.as_unicode() {
                Some(BfString::Char(ch)) => ch.to_string(),
                Some(BfString::String(s)) => s,
                None => '\u{fffd}'.to_string(),
            };
            let wide = text.chars().next().is_some_and(is_wide);
            let adv_units = match &**g {
                hayro_interpret::font::Glyph::Outline(o) => o.advance_width(),
                hayro_interpret::font::Glyph::Type3(t3) => t3.advance_width(),
            }
            .filter(|a| a.is_finite() && *a > 0.0)
            .unwrap_or(if wide { 1000.0 } else { 500.0 });
            let end = t * Point::new(adv_units as f64, 0.0);
            let dx = end.x - origin.x;
            let dy = end.y - origin.y;
            let rotated = dx <= 0.0 || dy.abs() > dx.abs() * 0.2;
            let adv = (dx * dx + dy * dy).sqrt() as f32;
            if !origin.x.is_finite() || !origin.y.is_finite() || !size.is_finite() {
                continue;
            }
            if self.glyphs.len() >= 2_000_000 {
                return;
            }
            self.glyphs.push(Glyph {
                text,
                x: origin.x as f32,
                y: origin.y as f32,
                adv,
                size,
                rotated,
            });
        }
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {
        self.images += 1;
    }

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}
}
