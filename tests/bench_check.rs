//! `cargo bench -p hezhang-cli --bench check`: parse + check time for the reference report and
//! for a synthetic report 20× its size (the coded rows of every table repeated with varied codes,
//! the narrative and appendices repeated). Prints medians and the growth ratio; asserts nothing.
//! Then the growth in coded rows: 20 000 and 80 000 rows of distinct codes in two tables
//! (rules time and parse + check, and their ratio).
//! Goal: ≤ 2 ms for the reference report natively, and linear growth.
//!
//! Without `--bench` (e.g. `cargo test --benches`) it makes a few runs only, as a smoke test.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use hezhang_core::Options;

const SEED: &str = "shanxi-jincheng-zwfw-2022.txt";
const GROWTH: usize = 20;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

/// Median time of `f` over at most `runs` runs (after one warm-up run), fewer when one run is
/// slow: each measurement gets about `BUDGET`, and at least 5 runs.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    const BUDGET: Duration = Duration::from_millis(1500);
    let t = Instant::now();
    black_box(f());
    let one = t.elapsed().max(Duration::from_micros(1));
    let runs = runs.min(((BUDGET.as_nanos() / one.as_nanos()) as usize).max(5));
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn is_code(s: &str) -> bool {
    matches!(s.len(), 3 | 5 | 7) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Vary a classification code's last two digits (copy 0 keeps the original).
fn vary(code: &str, copy: usize) -> String {
    if copy == 0 {
        return code.to_string();
    }
    let (head, tail) = code.split_at(code.len() - 2);
    let last: usize = tail.parse().unwrap_or(0);
    format!("{head}{:02}", (last + copy * 7) % 100)
}

/// The seed scaled up: every tab row whose first cell is a classification code appears
/// `k` times with varied codes, and everything from the narrative on (第三部分 …) `k` times.
/// Recognition keeps the first table of each slot, so the growth is in rows and sentences.
fn synthetic(seed: &str, k: usize) -> String {
    let lines: Vec<&str> = seed.lines().collect();
    let narrative = lines
        .iter()
        .position(|l| {
            let t = l.trim();
            t.starts_with("第三部分") && !t.contains('\t') && !t.contains("....")
        })
        .unwrap_or(lines.len());
    let mut out = String::with_capacity(seed.len() * k);
    for l in &lines[..narrative] {
        let first = l.split('\t').next().unwrap_or("").trim();
        if l.contains('\t') && is_code(first) {
            for copy in 0..k {
                let rest = &l[l.find('\t').unwrap_or(l.len())..];
                out.push_str(&vary(first, copy));
                out.push_str(rest);
                out.push('\n');
            }
        } else {
            out.push_str(l);
            out.push('\n');
        }
    }
    for _ in 0..k {
        for l in &lines[narrative..] {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

/// The seed with the coded rows of the tables labelled `labels` (公开03表 …) replaced by `n`
/// rows of distinct, consistent codes in the shape that is worst for per-parent scans: every
/// 款 has a single 项, so about half of the rows are parents. `None` when the seed lacks the
/// tables.
fn many_rows(seed: &str, labels: &[&str], n: usize) -> Option<String> {
    let mut lines: Vec<String> = seed.lines().map(str::to_string).collect();
    for label in labels {
        let at = lines.iter().position(|l| l.trim() == *label)?;
        let total = at + lines[at..].iter().position(|l| l.starts_with("合计\t"))?;
        let end = total
            + lines[total..]
                .iter()
                .position(|l| l.trim().is_empty())
                .unwrap_or(lines.len() - total);
        let pad = "\t".repeat(lines[total].split('\t').count().saturating_sub(4));
        let row =
            |code: String, name: &str, v: u64| format!("{code}\t{name}{code}\t{v}.00\t{v}.00{pad}");
        let (mut body, mut grand, mut count) = (Vec::new(), 0u64, 0usize);
        for class in 201..1000u64 {
            if count >= n {
                break;
            }
            let (mut rows, mut class_sum) = (Vec::new(), 0u64);
            for item in 1..100u64 {
                if count >= n {
                    break;
                }
                let v = 100 + class % 7 + item % 5;
                rows.push(row(format!("{class}{item:02}"), "款", v));
                rows.push(row(format!("{class}{item:02}01"), "项", v));
                class_sum += v;
                count += 2;
            }
            body.push(row(class.to_string(), "类", class_sum));
            body.extend(rows);
            grand += class_sum;
            count += 1;
        }
        body.insert(0, format!("合计\t\t{grand}.00\t{grand}.00{pad}"));
        lines.splice(total..end, body);
    }
    Some(lines.join("\n"))
}

/// Rules and parse + check time for `n` and 4·`n` coded rows (half in the expenditure table,
/// half in the general-budget table); prints both and the growth ratio (4.0 is linear, 16
/// quadratic). Quadratic look-ups once took 53 s for 80 000 rows.
fn row_growth(seed: &str, n: usize, runs: usize) {
    let labels = ["公开03表", "公开05表"];
    let (Some(small), Some(big)) = (
        many_rows(seed, &labels, n / 2),
        many_rows(seed, &labels, n * 2),
    ) else {
        println!("rows: the seed lacks 公开03表/公开05表; row growth not measured");
        return;
    };
    let config = hezhang_core::Config::default();
    let opts = Options::default();
    let mut figures = Vec::new();
    for (rows, text) in [(n, &small), (n * 4, &big)] {
        let report = hezhang_core::recognise::recognise(&hezhang_ingest::paste::parse(text));
        let rules = time(runs, || hezhang_core::rules::run(&report, &config));
        let total = time(runs, || {
            hezhang_ingest::check_text(text, "bench.txt", &opts)
        });
        println!(
            "rows ×{rows}: {} bytes  rules {}  parse + check (check_text) {}",
            text.len(),
            ms(rules),
            ms(total)
        );
        figures.push((rules, total));
    }
    let ratio = |a: Duration, b: Duration| b.as_secs_f64() / a.as_secs_f64().max(1e-9);
    println!(
        "row growth: 4× the rows took {:.1}× the rules time, {:.1}× the parse + check time (4 is linear, 16 quadratic)",
        ratio(figures[0].0, figures[1].0),
        ratio(figures[0].1, figures[1].1)
    );
}

struct Phases {
    paste: Duration,
    recognise: Duration,
    rules: Duration,
    output: Duration,
    total: Duration,
}

fn measure(text: &str, runs: usize) -> Phases {
    let opts = Options::default();
    let doc = hezhang_ingest::paste::parse(text);
    let report = hezhang_core::recognise::recognise(&doc);
    Phases {
        paste: time(runs, || hezhang_ingest::paste::parse(text)),
        recognise: time(runs, || hezhang_core::recognise::recognise(&doc)),
        rules: time(runs, || hezhang_core::rules::run(&report, &opts.config)),
        output: {
            let run = hezhang_core::rules::run(&report, &opts.config);
            time(runs, || {
                hezhang_core::output::build("bench.txt", &report, &run, opts.lang)
            })
        },
        total: time(runs, || {
            hezhang_ingest::check_text(text, "bench.txt", &opts)
        }),
    }
}

/// The slowest rules on `text` (median time of each rule's check alone).
fn slowest_rules(text: &str, runs: usize, top: usize) {
    let config = hezhang_core::Config::default();
    let report = hezhang_core::recognise::recognise(&hezhang_ingest::paste::parse(text));
    let mut times: Vec<(Duration, &str)> = hezhang_core::rules::all()
        .iter()
        .map(|rule| {
            let d = time(runs, || {
                let mut ctx = hezhang_core::rules::Ctx::new(&config);
                ctx.rule = rule.code;
                (rule.check)(&report, &mut ctx);
                ctx.passed + ctx.failed
            });
            (d, rule.code)
        })
        .collect();
    times.sort_by(|a, b| b.cmp(a));
    let list: Vec<String> = times
        .iter()
        .take(top)
        .map(|(d, c)| format!("{c} {}", ms(*d)))
        .collect();
    println!("  slowest rules: {}", list.join(", "));
}

fn describe(name: &str, text: &str, p: &Phases) {
    let out = hezhang_ingest::check_text(text, "bench.txt", &Options::default());
    let (tables, checks, findings) = match &out {
        Ok(o) => (o.tables.len(), o.checks.run, o.findings.len()),
        Err(_) => (0, 0, 0),
    };
    println!(
        "{name}: {} bytes, {} lines, {tables} tables, {checks} checks, {findings} findings",
        text.len(),
        text.lines().count()
    );
    println!(
        "  paste {}  recognise {}  rules {}  output {}  │  parse + check (check_text) {}",
        ms(p.paste),
        ms(p.recognise),
        ms(p.rules),
        ms(p.output),
        ms(p.total)
    );
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed_path = root.join("../../../shared/corpus").join(SEED);
    let seed = match std::fs::read_to_string(&seed_path) {
        Ok(s) => s,
        Err(e) => {
            let fallback = root.join("../hezhang-core/tests/fixtures/PROC-TOTAL/fail.txt");
            println!(
                "note: {} is not available ({e}); using {} instead",
                seed_path.display(),
                fallback.display()
            );
            std::fs::read_to_string(fallback).expect("fixture")
        }
    };
    // Repeat until the synthetic report is at least GROWTH times the seed's size.
    let big = (GROWTH..GROWTH * 4)
        .map(|k| synthetic(&seed, k))
        .find(|b| b.len() >= seed.len() * GROWTH)
        .unwrap_or_else(|| synthetic(&seed, GROWTH * 4));
    let (runs_small, runs_big) = if bench { (201, 31) } else { (3, 1) };

    println!(
        "hezhang check — median of {runs_small} runs (seed) and {runs_big} runs (synthetic){}",
        if bench {
            ""
        } else {
            " [smoke run: use `cargo bench -p hezhang-cli --bench check` for figures]"
        }
    );
    let started = Instant::now();
    let small = measure(&seed, runs_small);
    describe("seed", &seed, &small);
    slowest_rules(&seed, runs_small, 5);
    let large = measure(&big, runs_big);
    describe(&format!("synthetic ×{GROWTH}"), &big, &large);

    let size_ratio = big.len() as f64 / seed.len() as f64;
    let time_ratio = large.total.as_secs_f64() / small.total.as_secs_f64().max(1e-9);
    println!(
        "growth: {size_ratio:.1}× the bytes took {time_ratio:.1}× the time (time ratio ÷ size ratio = {:.2}; 1.00 is linear)",
        time_ratio / size_ratio
    );
    println!(
        "goal ≤ 2 ms for the seed natively: {} ({})",
        if small.total <= Duration::from_millis(2) {
            "met"
        } else {
            "not met"
        },
        ms(small.total)
    );
    if bench {
        row_growth(&seed, 20_000, 5);
    } else {
        row_growth(&seed, 2_000, 1);
    }
    println!("bench wall time {:.1} s", started.elapsed().as_secs_f64());
}
