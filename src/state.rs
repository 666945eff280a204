//! The app's one reducer: [`AppState`] changed only by [`Action`]s. The check itself runs here,
//! synchronously (pasted text checks within a frame), so the reducer is pure and tested on the
//! host; the browser side only reads files and moves focus.

use std::collections::BTreeSet;
use std::ops::Deref;
use std::rc::Rc;

use hezhang_core::{CheckOutput, InputError, Lang, Options, Severity};
use hezhang_ingest::Ingested;

use crate::view::{self, Marks};
use crate::worker::{Failure, Reason, Unit};

/// The `file` name of a check of pasted text.
pub const PASTED: &str = "pasted.txt";

/// An `Rc` compared by pointer: cheap props and memo keys for large values.
#[derive(Debug)]
pub struct Ptr<T>(pub Rc<T>);

impl<T> Ptr<T> {
    pub fn new(v: T) -> Self {
        Ptr(Rc::new(v))
    }
}
impl<T> Clone for Ptr<T> {
    fn clone(&self) -> Self {
        Ptr(Rc::clone(&self.0))
    }
}
impl<T> PartialEq for Ptr<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
impl<T> Eq for Ptr<T> {}
impl<T> Deref for Ptr<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A check's result with what the screen derives from it once.
#[derive(Debug)]
pub struct Results {
    pub out: CheckOutput,
    /// Marks on table cells, by table id.
    pub marks: std::collections::BTreeMap<String, Marks>,
}

impl Results {
    pub fn new(out: CheckOutput) -> Self {
        let marks = view::marks(&out);
        Results { out, marks }
    }
}

/// The input a result was computed from (kept to re-check in another language).
#[derive(Debug, PartialEq, Eq)]
pub struct Checked {
    /// The text checked (empty for a document the worker read).
    pub text: String,
    pub file: String,
    /// A PDF or workbook as the ingest worker read it; re-checked without reading it again.
    pub raw: Option<Ptr<Ingested>>,
}

impl Checked {
    /// Check this input as the CLI checks the same file: pasted text as a pasted report, a
    /// text file as CSV or a report by its name and content, a read document as it was read.
    pub fn check(&self, lang: Lang) -> Result<CheckOutput, InputError> {
        let opts = Options {
            lang,
            ..Options::default()
        };
        match &self.raw {
            Some(raw) => hezhang_ingest::check_ingested(raw, &self.file, &opts),
            None if self.file == PASTED => {
                hezhang_ingest::check_text(&self.text, &self.file, &opts)
            }
            None => hezhang_ingest::check_named_text(&self.text, &self.file, &opts),
        }
    }
}

/// Why there is no result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The core could not take the input.
    Input(InputError),
    /// The ingest worker could not read the named PDF or workbook, and says why.
    Unreadable { name: String, failure: Failure },
    /// The ingest worker stopped (a trap, an error event, or an answer that made no sense).
    WorkerCrashed(String),
    /// The ingest worker did not answer within the time limit and was stopped.
    WorkerTimedOut { name: String, seconds: u32 },
    /// The browser could not read the named file.
    ReadFailed(String),
    /// The bundled sample did not load.
    SampleFailed,
    /// `?src=` named a file on another site (or not a web address); it is not fetched.
    OtherOrigin(String),
    /// `?src=` could not be fetched (HTTP status, 0 when the network failed).
    FetchFailed { url: String, status: u16 },
    /// The embed page was opened without `?src=`.
    NoSource,
    /// `#text=` could not be unpacked.
    BadTextLink,
}

/// Work in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Busy {
    Reading(String),
    /// The ingest worker reads the named file; `done` of `total` pages or sheets are read
    /// (`unit` is `None` until the worker says how many there are).
    Worker {
        name: String,
        unit: Option<Unit>,
        done: u32,
        total: u32,
    },
    Sample,
}

/// A quiet message about the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Text read from the named file.
    Loaded(String),
    /// The named file was not UTF-8 and was read as GB18030.
    Gb18030(String),
}

/// Where keyboard focus goes after the next render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Focus {
    None,
    /// A table cell, by DOM id.
    Cell(String),
    /// A finding's entry in the list.
    Item(usize),
    /// The chosen finding's detail card (narrative findings).
    Detail,
    /// The verdict, after a check.
    Verdict,
    /// The text box (after an input error).
    Input,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub lang: Lang,
    /// The text box's content.
    pub text: String,
    /// The file or sample the text came from.
    pub source: Option<String>,
    pub result: Option<Ptr<Results>>,
    pub checked: Option<Ptr<Checked>>,
    /// SHA-256 of the checked text (UTF-8), hex, when the browser has computed it.
    pub digest: Option<String>,
    pub problem: Option<Problem>,
    pub busy: Option<Busy>,
    pub notice: Option<Notice>,
    /// The chosen finding (index into `findings`).
    pub selected: Option<usize>,
    /// Severity filter: errors, warnings, notes.
    pub visible: [bool; 3],
    /// Tables the reader expanded (ids).
    pub expanded: BTreeSet<String>,
    pub focus: Focus,
    /// Bumped whenever `focus` should be applied, even to the same place.
    pub focus_seq: u32,
    /// The checked file was fetched from this address (`?src=`, as written there).
    pub source_url: Option<String>,
    /// SHA-256 (hex) of the checked file's bytes, when it came from a file or an address.
    pub file_sha256: Option<String>,
    /// A finding to choose once the next check succeeds (`#finding=`: id or rule code).
    pub want_finding: Option<String>,
    /// The compact view for an `<iframe>` (embed.html); focus never moves there by itself.
    pub embed: bool,
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new(Lang::Zh)
    }
}

/// What can happen.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The reader typed or pasted into the text box.
    Edit(String),
    /// A file or the sample was read: put its text in the box and check it.
    Load {
        name: String,
        text: String,
        gb18030: bool,
    },
    /// The ingest worker read a PDF or workbook: check it (the text box is left as it is).
    LoadRead {
        name: String,
        ingested: Ptr<Ingested>,
    },
    /// The ingest worker read `done` of `total` pages or sheets.
    Progress {
        unit: Unit,
        done: u32,
        total: u32,
    },
    /// The reader cancelled reading a file.
    Cancelled,
    /// Check the text box.
    Check,
    /// Empty the text box and the results.
    Clear,
    /// Switch language; a result is re-checked in the new language.
    SetLang(Lang),
    Busy(Busy),
    Fail(Problem),
    /// Choose a finding.
    Select(usize),
    /// Previous (-1) or next (+1) visible finding.
    Step(i32),
    /// Back to the list (Esc).
    Back,
    ToggleSeverity(Severity),
    ToggleTable(String),
    /// The digest of a checked text arrived.
    Digest {
        of: Ptr<Checked>,
        hex: String,
    },
    /// Where the file just loaded came from: its address (if fetched) and its bytes' SHA-256.
    /// Sent right after the file's `Load`.
    Origin {
        url: Option<String>,
        sha256: Option<String>,
    },
    /// Choose this finding (id or rule code) when the next check succeeds.
    WantFinding(String),
}

impl AppState {
    pub fn new(lang: Lang) -> Self {
        AppState {
            lang,
            text: String::new(),
            source: None,
            result: None,
            checked: None,
            digest: None,
            problem: None,
            busy: None,
            notice: None,
            selected: None,
            visible: [true; 3],
            expanded: BTreeSet::new(),
            focus: Focus::None,
            focus_seq: 0,
            source_url: None,
            file_sha256: None,
            want_finding: None,
            embed: false,
        }
    }

    /// A state for the embed page.
    pub fn embedded(lang: Lang) -> Self {
        AppState {
            embed: true,
            ..AppState::new(lang)
        }
    }

    /// The current output, if any.
    pub fn output(&self) -> Option<&CheckOutput> {
        self.result.as_ref().map(|r| &r.out)
    }

    fn focus_on(&mut self, f: Focus) {
        self.focus = f;
        self.focus_seq = self.focus_seq.wrapping_add(1);
    }

    fn run_check(&mut self, text: String, file: String) {
        self.run(Checked {
            text,
            file,
            raw: None,
        });
    }

    fn run(&mut self, checked: Checked) {
        self.busy = None;
        self.selected = None;
        self.expanded.clear();
        match checked.check(self.lang) {
            Ok(out) => {
                self.problem = None;
                self.result = Some(Ptr::new(Results::new(out)));
                self.checked = Some(Ptr::new(checked));
                self.digest = None;
                self.focus_on(Focus::Verdict);
                if let Some(key) = self.want_finding.take() {
                    let found = self
                        .output()
                        .and_then(|o| crate::publish::find_finding(&o.findings, &key));
                    if let Some(i) = found {
                        self.select(i);
                    }
                }
            }
            Err(e) => {
                self.problem = Some(match &checked.raw {
                    // name the pages without a text layer
                    Some(raw) if e == InputError::NoTextLayer => Problem::Unreadable {
                        name: checked.file.clone(),
                        failure: Failure {
                            reason: Reason::NoTextLayer,
                            pages: raw.unreadable.clone(),
                        },
                    },
                    _ => Problem::Input(e),
                });
                self.result = None;
                self.checked = None;
                self.digest = None;
                self.focus_on(Focus::Input);
            }
        }
    }

    fn select(&mut self, i: usize) {
        let Some(out) = self.output() else { return };
        let Some(f) = out.findings.get(i) else { return };
        let target = match view::primary_cell(f) {
            Some((t, r, c)) => Focus::Cell(view::cell_id(&t, r, c)),
            None => Focus::Detail,
        };
        self.selected = Some(i);
        self.focus_on(target);
    }

    /// Apply an action.
    pub fn apply(&self, action: Action) -> AppState {
        let mut s = self.clone();
        match action {
            Action::Edit(text) => {
                if text.is_empty() {
                    s.source = None;
                }
                s.text = text;
                s.notice = None;
            }
            Action::Load {
                name,
                text,
                gb18030,
            } => {
                s.text = text.clone();
                s.notice = Some(if gb18030 {
                    Notice::Gb18030(name.clone())
                } else {
                    Notice::Loaded(name.clone())
                });
                s.source = Some(name.clone());
                s.source_url = None;
                s.file_sha256 = None;
                s.run_check(text, name);
            }
            Action::LoadRead { name, ingested } => {
                s.notice = Some(Notice::Loaded(name.clone()));
                // The text box keeps what the reader typed; it did not come from this file.
                s.source = None;
                s.run(Checked {
                    text: String::new(),
                    file: name,
                    raw: Some(ingested),
                });
            }
            Action::Progress { unit, done, total } => {
                if let Some(Busy::Worker { name, .. }) | Some(Busy::Reading(name)) = &s.busy {
                    s.busy = Some(Busy::Worker {
                        name: name.clone(),
                        unit: Some(unit),
                        done,
                        total,
                    });
                }
            }
            Action::Cancelled => {
                s.busy = None;
                s.focus_on(Focus::Input);
            }
            Action::Check => {
                let file = s.source.clone().unwrap_or_else(|| PASTED.to_string());
                let same = s.checked.as_ref().is_some_and(|c| {
                    // a read document stays checked while the text box is empty
                    (c.text == s.text && c.file == file && c.raw.is_none())
                        || (c.raw.is_some() && s.text.trim().is_empty())
                });
                if same && s.result.is_some() {
                    // Nothing changed: keep the result (and the digest), show the verdict again.
                    s.selected = None;
                    s.focus_on(Focus::Verdict);
                } else {
                    // The text is no longer the file's (or the address's) as it was read.
                    s.source_url = None;
                    s.file_sha256 = None;
                    s.run_check(s.text.clone(), file);
                }
            }
            Action::Clear => {
                s = AppState {
                    embed: s.embed,
                    ..AppState::new(s.lang)
                };
                s.visible = self.visible;
                s.focus_on(Focus::Input);
            }
            Action::SetLang(lang) => {
                s.lang = lang;
                if let Some(c) = s.checked.clone() {
                    if let Ok(out) = c.check(lang) {
                        s.result = Some(Ptr::new(Results::new(out)));
                    }
                }
            }
            Action::Busy(b) => {
                s.busy = Some(b);
                s.problem = None;
            }
            Action::Fail(p) => {
                s.busy = None;
                s.problem = Some(p);
                s.result = None;
                s.checked = None;
                s.digest = None;
                s.selected = None;
                s.source_url = None;
                s.file_sha256 = None;
                s.want_finding = None;
                s.focus_on(Focus::Input);
            }
            Action::Select(i) => s.select(i),
            Action::Step(d) => {
                if let Some(out) = s.output() {
                    let order = view::visible_order(&out.findings, &s.visible);
                    if let Some(i) = view::step(&order, s.selected, d) {
                        s.select(i);
                    }
                }
            }
            Action::Back => {
                if let Some(i) = s.selected {
                    s.focus_on(Focus::Item(i));
                }
            }
            Action::ToggleSeverity(sev) => {
                let k = view::sev_index(sev);
                s.visible[k] = !s.visible[k];
                if let (Some(i), Some(out)) = (s.selected, s.output()) {
                    if out
                        .findings
                        .get(i)
                        .is_some_and(|f| !s.visible[view::sev_index(f.severity)])
                    {
                        s.selected = None;
                    }
                }
            }
            Action::ToggleTable(id) => {
                if !s.expanded.remove(&id) {
                    s.expanded.insert(id);
                }
            }
            Action::Digest { of, hex } => {
                if s.checked.as_ref() == Some(&of) {
                    s.digest = Some(hex);
                }
            }
            Action::Origin { url, sha256 } => {
                s.source_url = url;
                s.file_sha256 = sha256;
            }
            Action::WantFinding(key) => {
                // With a result, at once; otherwise after the next check.
                let found = s
                    .output()
                    .map(|o| crate::publish::find_finding(&o.findings, &key));
                match found {
                    Some(Some(i)) => s.select(i),
                    Some(None) => {}
                    None => s.want_finding = Some(key),
                }
            }
        }
        s
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::{Action, AppState};
    use std::rc::Rc;

    impl yew::Reducible for AppState {
        type Action = Action;
        fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
            // Always a fresh Rc: Yew skips the render when the same one comes back.
            Rc::new(self.apply(action))
        }
    }

    /// What components read with `use_context`.
    pub type AppContext = yew::UseReducerHandle<AppState>;
}

#[cfg(target_arch = "wasm32")]
pub use browser::AppContext;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_input_is_an_input_problem_and_keeps_the_text() {
        let s = AppState::default().apply(Action::Edit("   ".into()));
        let s = s.apply(Action::Check);
        assert_eq!(s.problem, Some(Problem::Input(InputError::Empty)));
        assert_eq!(s.text, "   ");
        assert!(s.result.is_none());
        assert_eq!(s.focus, Focus::Input);
    }

    #[test]
    fn unrecognised_text_keeps_the_text() {
        let s = AppState::default()
            .apply(Action::Edit("hello world".into()))
            .apply(Action::Check);
        assert_eq!(s.problem, Some(Problem::Input(InputError::NotRecognised)));
        assert_eq!(s.text, "hello world");
    }

    #[test]
    fn clear_keeps_language_and_filter() {
        let s = AppState::default()
            .apply(Action::SetLang(Lang::En))
            .apply(Action::ToggleSeverity(Severity::Info))
            .apply(Action::Edit("x".into()))
            .apply(Action::Clear);
        assert_eq!(s.lang, Lang::En);
        assert_eq!(s.text, "");
        assert_eq!(s.visible, [true, true, false]);
    }

    #[test]
    fn a_failed_or_crashed_read_keeps_the_text() {
        for p in [
            Problem::WorkerCrashed("a.pdf".into()),
            Problem::WorkerTimedOut {
                name: "a.pdf".into(),
                seconds: 30,
            },
            Problem::Unreadable {
                name: "a.pdf".into(),
                failure: Reason::Encrypted.into(),
            },
        ] {
            let s = AppState::default()
                .apply(Action::Edit("keep me".into()))
                .apply(Action::Busy(Busy::Reading("a.pdf".into())))
                .apply(Action::Progress {
                    unit: Unit::Page,
                    done: 2,
                    total: 25,
                });
            assert_eq!(
                s.busy,
                Some(Busy::Worker {
                    name: "a.pdf".into(),
                    unit: Some(Unit::Page),
                    done: 2,
                    total: 25
                })
            );
            let s = s.apply(Action::Fail(p.clone()));
            assert_eq!(s.text, "keep me");
            assert_eq!(s.problem, Some(p));
            assert_eq!(s.busy, None);
        }
        // cancelling ends the busy state quietly; late progress is ignored
        let s = AppState::default()
            .apply(Action::Busy(Busy::Reading("a.pdf".into())))
            .apply(Action::Cancelled)
            .apply(Action::Progress {
                unit: Unit::Page,
                done: 3,
                total: 25,
            });
        assert_eq!((s.busy, s.problem), (None, None));
    }

    #[test]
    fn a_read_document_is_checked_rechecked_in_another_language_and_kept_by_check() {
        let doc = hezhang_ingest::paste::parse(SAMPLE);
        let ing = Ptr::new(Ingested {
            doc,
            unreadable: Vec::new(),
        });
        let s = AppState::default()
            .apply(Action::Busy(Busy::Reading("r.xlsx".into())))
            .apply(Action::LoadRead {
                name: "r.xlsx".into(),
                ingested: ing.clone(),
            });
        let out = s.output().expect("checked");
        assert_eq!(out.file, "r.xlsx");
        assert_eq!(s.text, "", "the text box is not filled");
        assert_eq!(s.busy, None);
        let n = out.findings.len();
        let en = s.apply(Action::SetLang(Lang::En));
        assert_eq!(en.output().unwrap().lang, Lang::En);
        assert_eq!(en.output().unwrap().findings.len(), n);
        // 核对 with the box still empty keeps the document's result
        let again = en.apply(Action::Check);
        assert!(again.result == en.result);
        // a document whose readable pages hold nothing names its unreadable pages
        let blank = Ptr::new(Ingested {
            doc: hezhang_ingest::paste::parse(""),
            unreadable: vec![1, 2],
        });
        let s = AppState::default().apply(Action::LoadRead {
            name: "scan.pdf".into(),
            ingested: blank,
        });
        assert_eq!(
            s.problem,
            Some(Problem::Unreadable {
                name: "scan.pdf".into(),
                failure: Failure {
                    reason: Reason::NoTextLayer,
                    pages: vec![1, 2]
                }
            })
        );
    }

    #[test]
    fn a_csv_file_is_checked_as_csv_like_the_cli() {
        let csv = "政府采购情况表\n项目,行次,金额\n合计,1,10.00\n货物,2,4.00\n服务,3,5.00\n";
        let s = AppState::default().apply(Action::Load {
            name: "t.csv".into(),
            text: csv.into(),
            gb18030: false,
        });
        // what the CLI does with a .csv file's text
        let cli = hezhang_core::check_doc(
            &hezhang_ingest::csv::parse(csv),
            "t.csv",
            &Options::default(),
        );
        match cli {
            Ok(out) => assert_eq!(s.output(), Some(&out)),
            Err(e) => assert_eq!(s.problem, Some(Problem::Input(e))),
        }
        assert_ne!(
            hezhang_ingest::paste::parse(csv).lines,
            hezhang_ingest::csv::parse(csv).lines,
            "the test tells CSV from pasted text"
        );
    }

    #[test]
    fn ptr_compares_by_pointer() {
        let a = Ptr::new(1);
        let b = Ptr::new(1);
        assert!(a == a.clone());
        assert!(a != b);
    }

    const SAMPLE: &str = include_str!("../www/samples/shanxi-jincheng-zwfw-2022.txt");

    #[test]
    fn sample_checks_and_language_switch_rechecks_the_same_input() {
        let s = AppState::default().apply(Action::Load {
            name: "sample.txt".into(),
            text: SAMPLE.into(),
            gb18030: false,
        });
        let out = s.output().expect("the sample is recognised");
        assert_eq!(out.lang, Lang::Zh);
        assert_eq!(out.file, "sample.txt");
        assert_eq!(s.focus, Focus::Verdict);
        assert!(view::verdict(out, Lang::Zh).contains("共核对"));
        let n = out.findings.len();

        let en = s
            .apply(Action::Edit("edited after the check".into()))
            .apply(Action::SetLang(Lang::En));
        let out_en = en.output().unwrap();
        assert_eq!(out_en.lang, Lang::En);
        assert_eq!(out_en.findings.len(), n, "same input, same findings");
        assert_eq!(
            en.text, "edited after the check",
            "the text box is untouched"
        );
        assert!(view::verdict(out_en, Lang::En).contains("ran"));
    }

    #[test]
    fn choosing_a_finding_targets_its_stated_cell() {
        let s = AppState::default().apply(Action::Load {
            name: "sample.txt".into(),
            text: SAMPLE.into(),
            gb18030: false,
        });
        let out = s.output().unwrap();
        let Some(i) = out.findings.iter().position(|f| f.rule == "PROC-TOTAL") else {
            return; // the rule is not in this build of the core
        };
        let seq = s.focus_seq;
        let s = s.apply(Action::Select(i));
        assert_eq!(s.selected, Some(i));
        assert!(matches!(&s.focus, Focus::Cell(id) if id.starts_with("cell-")));
        assert_ne!(s.focus_seq, seq);
        let s = s.apply(Action::Back);
        assert_eq!(s.focus, Focus::Item(i));
        // Next from the last visible finding wraps around.
        let s = s.apply(Action::Step(1));
        assert!(s.selected.is_some());
    }

    #[test]
    fn a_wanted_finding_is_chosen_after_the_check_by_rule_or_id() {
        let s = AppState::default()
            .apply(Action::WantFinding("proc-total".into()))
            .apply(Action::Load {
                name: "sample.txt".into(),
                text: SAMPLE.into(),
                gb18030: false,
            });
        let out = s.output().unwrap();
        let i = s.selected.expect("the finding is chosen");
        assert_eq!(out.findings[i].rule, "PROC-TOTAL");
        assert!(matches!(&s.focus, Focus::Cell(_)));
        assert_eq!(s.want_finding, None, "used once");

        let id = out.findings.last().unwrap().id.clone();
        let s = AppState::default()
            .apply(Action::WantFinding(id.clone()))
            .apply(Action::Load {
                name: "sample.txt".into(),
                text: SAMPLE.into(),
                gb18030: false,
            });
        let out = s.output().unwrap();
        assert_eq!(out.findings[s.selected.unwrap()].id, id);

        // An unknown key leaves the verdict focused.
        let s = AppState::default()
            .apply(Action::WantFinding("NO-SUCH".into()))
            .apply(Action::Load {
                name: "sample.txt".into(),
                text: SAMPLE.into(),
                gb18030: false,
            });
        assert_eq!(s.selected, None);
        assert_eq!(s.focus, Focus::Verdict);

        // With a result on screen, a wanted finding is chosen at once (#finding= changed).
        let s = s.apply(Action::WantFinding("PROC-TOTAL".into()));
        assert_eq!(
            s.output().unwrap().findings[s.selected.unwrap()].rule,
            "PROC-TOTAL"
        );
        assert_eq!(s.want_finding, None);
    }

    #[test]
    fn the_origin_of_a_file_lasts_until_the_text_changes() {
        let s = AppState::default()
            .apply(Action::Load {
                name: "a.txt".into(),
                text: SAMPLE.into(),
                gb18030: false,
            })
            .apply(Action::Origin {
                url: Some("reports/a.txt".into()),
                sha256: Some("ab".into()),
            });
        assert_eq!(s.source_url.as_deref(), Some("reports/a.txt"));
        // Checking the same text again keeps it; an edited text is no longer the file.
        let same = s.apply(Action::Check);
        assert_eq!(same.file_sha256.as_deref(), Some("ab"));
        let edited = s
            .apply(Action::Edit(format!("{SAMPLE}\n")))
            .apply(Action::Check);
        assert_eq!(edited.source_url, None);
        assert_eq!(edited.file_sha256, None);
        // A new file starts without an origin until its own arrives.
        let next = s.apply(Action::Load {
            name: "b.txt".into(),
            text: SAMPLE.into(),
            gb18030: false,
        });
        assert_eq!(next.source_url, None);
        let embedded = AppState::embedded(Lang::En).apply(Action::Clear);
        assert!(embedded.embed);
    }

    #[test]
    fn check_with_unchanged_text_keeps_the_result() {
        let s = AppState::default()
            .apply(Action::Edit(SAMPLE.into()))
            .apply(Action::Check);
        let first = s.result.clone().unwrap();
        let again = s.apply(Action::Check);
        assert!(again.result.as_ref() == Some(&first));
    }
}
