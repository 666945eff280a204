//! `cargo bench -p hezhang-cli --bench check`: parse + check time for the reference report and
//! for a synthetic report 20× its size (the coded rows of every table repeated with varied codes,
//! the narrative and appendices repeated). Prints medians and the growth ratio; asserts nothing.
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
    println!("bench wall time {:.1} s", started.elapsed().as_secs_f64());
}
