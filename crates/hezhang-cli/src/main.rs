//! `hezhang`: check 部门决算公开 reports from the command line (contract: cli-json.md).

mod batch;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use hezhang_core::{i18n, CheckOutput, InputError, Lang, Options, Severity};

#[derive(Parser)]
#[command(
    name = "hezhang",
    version,
    about = "核账 HeZhang — check the arithmetic and cross-references of 部门决算公开 reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check report files or folders (pasted text .txt, .xlsx/.xls, .csv; PDF where built in).
    Check {
        /// Files or folders to check (folders are walked for .txt .pdf .xlsx .xls .csv).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Language of messages.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// Print the recognised typed model (tables, rows, narrative sentences) as JSON.
    Dump {
        /// The report file.
        file: PathBuf,
        /// Print the raw lines and grid rows the ingester produced instead of the typed model.
        #[arg(long)]
        raw: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    /// One row per finding, for spreadsheets.
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Dump { file, raw } => {
            let Ok(bytes) = std::fs::read(&file) else {
                eprintln!("{}: cannot read", file.display());
                return ExitCode::from(2);
            };
            let name = file.display().to_string();
            let doc = std::panic::catch_unwind(|| hezhang_ingest::read(&bytes, &name));
            match doc {
                Ok(Ok(doc)) if raw => {
                    // a closed pipe (`| head`) ends the output quietly
                    let mut w = std::io::stdout().lock();
                    for l in &doc.lines {
                        let page = l.loc.page.map(|p| format!("p{p} ")).unwrap_or_default();
                        let mark = if l.is_grid() { "|" } else { " " };
                        if writeln!(w, "{page}{mark} {}", l.text.replace('\t', " | ")).is_err() {
                            break;
                        }
                    }
                    ExitCode::SUCCESS
                }
                Ok(Ok(doc)) => {
                    let report = hezhang_core::recognise::recognise(&doc);
                    let _ = writeln!(
                        std::io::stdout().lock(),
                        "{}",
                        serde_json::to_string_pretty(&report).unwrap_or_default()
                    );
                    ExitCode::SUCCESS
                }
                Ok(Err(e)) => {
                    eprintln!("{}: {}", file.display(), e.message(Lang::Zh));
                    ExitCode::from(2)
                }
                Err(_) => {
                    eprintln!("{}: internal error", file.display());
                    ExitCode::from(2)
                }
            }
        }
        Command::Check {
            files,
            format,
            lang,
        } => {
            let lang = match lang {
                LangArg::Zh => Lang::Zh,
                LangArg::En => Lang::En,
            };
            let opts = Options {
                lang,
                ..Options::default()
            };
            run_check(&files, format, &opts)
        }
    }
}

/// Check every file (in parallel), print results in input order, return the exit code.
fn run_check(inputs: &[PathBuf], format: Format, opts: &Options) -> ExitCode {
    use rayon::prelude::*;
    let (files, had_dir) = batch::expand(inputs);
    if files.is_empty() {
        eprintln!(
            "{}",
            match opts.lang {
                Lang::Zh => "没有找到可核对的文件（.txt .pdf .xlsx .xls .csv）。",
                Lang::En => "No report files found (.txt .pdf .xlsx .xls .csv).",
            }
        );
        return ExitCode::from(2);
    }
    let progress = std::io::stderr().is_terminal() && files.len() > 1;
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Result<CheckOutput, String>> = files
        .par_iter()
        .map(|f| {
            let r = check_file(f, opts);
            if progress {
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                eprint!("\r{n}/{}", files.len());
            }
            r
        })
        .collect();
    if progress {
        eprintln!();
    }
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    if matches!(format, Format::Csv) {
        let _ = writeln!(w, "{}", batch::CSV_HEADER);
    }
    let mut worst = 0u8;
    let (mut checked, mut unreadable, mut errors, mut warnings, mut notes) = (0, 0, 0, 0, 0);
    for (f, r) in files.iter().zip(&results) {
        let code = match r {
            Ok(out) => {
                checked += 1;
                errors += out.count(Severity::Error);
                warnings += out.count(Severity::Warning);
                notes += out.count(Severity::Info);
                let _ = match format {
                    Format::Json => writeln!(
                        w,
                        "{}",
                        serde_json::to_string(out).unwrap_or_else(|_| "{}".into())
                    ),
                    Format::Text => write!(w, "{}", render_text(out, opts.lang)),
                    Format::Csv => batch::csv_rows(out)
                        .iter()
                        .try_for_each(|row| writeln!(w, "{row}")),
                };
                u8::from(out.has_errors())
            }
            Err(msg) => {
                unreadable += 1;
                eprintln!("{}: {msg}", f.display());
                2
            }
        };
        worst = worst.max(code);
    }
    if had_dir && matches!(format, Format::Json) {
        let summary = serde_json::json!({ "summary": {
            "files": files.len(), "checked": checked, "unreadable": unreadable,
            "errors": errors, "warnings": warnings, "notes": notes,
        }});
        let _ = writeln!(w, "{summary}");
    }
    ExitCode::from(worst)
}

/// Read, decode and check one file; any failure (including a panic) becomes a message.
fn check_file(path: &Path, opts: &Options) -> Result<CheckOutput, String> {
    let lang = opts.lang;
    let meta = std::fs::metadata(path).map_err(|e| io_message(&e, lang))?;
    if meta.len() > hezhang_ingest::MAX_BYTES as u64 {
        return Err(InputError::TooLarge.message(lang).to_string());
    }
    let bytes = std::fs::read(path).map_err(|e| io_message(&e, lang))?;
    let name = path.display().to_string();
    let result = std::panic::catch_unwind(|| hezhang_ingest::check_bytes(&bytes, &name, opts));
    match result {
        Ok(Ok(out)) => Ok(out),
        Ok(Err(e)) => Err(e.message(lang).to_string()),
        Err(_) => Err(match lang {
            Lang::Zh => "内部错误：核对程序未能处理这份文件，请报告此问题。".to_string(),
            Lang::En => {
                "Internal error: the checker could not process this file; please report it."
                    .to_string()
            }
        }),
    }
}

fn io_message(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind;
    let (zh, en) = match e.kind() {
        ErrorKind::NotFound => ("文件不存在。", "the file does not exist."),
        ErrorKind::PermissionDenied => ("没有读取权限。", "permission denied."),
        ErrorKind::IsADirectory => (
            "这是一个文件夹，不是文件。",
            "this is a folder, not a file.",
        ),
        _ => ("", ""),
    };
    match lang {
        Lang::Zh if !zh.is_empty() => format!("无法读取文件：{zh}"),
        Lang::En if !en.is_empty() => format!("cannot read the file: {en}"),
        Lang::Zh => format!("无法读取文件（{e}）。"),
        Lang::En => format!("cannot read the file ({e})."),
    }
}

/// The human-readable report.
fn render_text(o: &CheckOutput, lang: Lang) -> String {
    let mut s = String::new();
    let e = o.count(Severity::Error);
    let w = o.count(Severity::Warning);
    let n = o.count(Severity::Info);
    let c = o.checks;
    s.push_str(&format!("{}\n", o.file));
    let who = [
        o.report.entity.clone().unwrap_or_default(),
        o.report.year.map(|y| y.to_string()).unwrap_or_default(),
        o.report.unit.unwrap_or("").to_string(),
        o.report.family.to_string(),
    ]
    .into_iter()
    .filter(|x| !x.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    s.push_str(&format!("  {who}\n"));
    let verdict = match lang {
        Lang::Zh if e + w == 0 => format!(
            "未发现错误。共核对 {} 项，{} 项因缺少数据未核对。",
            c.run, c.not_applicable
        ),
        Lang::Zh => format!(
            "发现 {e} 处错误、{w} 处需核实（另有 {n} 条提示）。共核对 {} 项，{} 项因缺少数据未核对。",
            c.run, c.not_applicable
        ),
        Lang::En if e + w == 0 => format!(
            "No errors found. {} checks ran; {} could not run for lack of data.",
            c.run, c.not_applicable
        ),
        Lang::En => format!(
            "Found {e} errors and {w} items to check ({n} notes). {} checks ran; {} could not run for lack of data.",
            c.run, c.not_applicable
        ),
    };
    s.push_str(&format!("  {verdict}\n\n"));
    for f in &o.findings {
        let icon = match f.severity {
            Severity::Error => "✖",
            Severity::Warning => "⚠",
            Severity::Info => "ⓘ",
        };
        s.push_str(&format!(
            "{icon} {} [{}] {}\n    {}\n",
            i18n::word(f.severity.as_str(), lang),
            f.rule,
            f.title,
            f.message
        ));
        for l in &f.locations {
            let place = match (l.line, l.page) {
                (Some(line), _) => format!("line {line}"),
                (None, Some(p)) => format!("page {p}"),
                _ => String::new(),
            };
            let what = match l.kind {
                "cell" => format!(
                    "{} · {} · {}",
                    l.table.as_deref().unwrap_or(""),
                    l.row.as_deref().unwrap_or(""),
                    l.column.as_deref().unwrap_or("")
                ),
                _ => {
                    let t = l.text.as_deref().unwrap_or("");
                    let short: String = t.chars().take(60).collect();
                    if short.len() < t.len() {
                        format!("{short}…")
                    } else {
                        short
                    }
                }
            };
            s.push_str(&format!("      {place}: {what}\n"));
        }
    }
    s
}
