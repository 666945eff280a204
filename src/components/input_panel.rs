//! The input: a large text box, file picker, 核对 and 清空, the privacy note, and the state of
//! the input (reading, loaded, or why it could not be checked).

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::{load_file, load_sample};
use crate::i18n::{tf, T};
use crate::state::{Action, AppContext, Busy, Notice, Problem};
use crate::worker::{self, Reason, Unit};

/// Why there is no result, in the reader's language.
pub fn problem_message(p: &Problem, lang: hezhang_core::Lang) -> String {
    match p {
        Problem::Input(e) => e.message(lang).to_string(),
        Problem::Unreadable { name, failure } => match failure.reason {
            Reason::NoTextLayer if !failure.pages.is_empty() => {
                let pages: Vec<String> = failure.pages.iter().map(|p| p.to_string()).collect();
                let pages = match lang {
                    hezhang_core::Lang::Zh => pages.join("、"),
                    // "page 3", "pages 1, 2"
                    hezhang_core::Lang::En if pages.len() == 1 => format!("page {}", pages[0]),
                    hezhang_core::Lang::En => format!("pages {}", pages.join(", ")),
                };
                tf(T::NoTextLayerPages, lang, &[("pages", &pages)])
            }
            Reason::Encrypted => T::PdfEncrypted.get(lang).to_string(),
            Reason::Damaged => tf(T::FileDamaged, lang, &[("name", name)]),
            Reason::Unsupported => tf(T::NotPdfOrWorkbook, lang, &[("name", name)]),
            r => r.input_error().message(lang).to_string(),
        },
        Problem::WorkerCrashed(name) => tf(T::WorkerCrashed, lang, &[("name", name)]),
        Problem::WorkerTimedOut { name, seconds } => tf(
            T::WorkerTimedOut,
            lang,
            &[("name", name), ("s", &seconds.to_string())],
        ),
        Problem::ReadFailed(name) => tf(T::ReadFailed, lang, &[("name", name)]),
        Problem::SampleFailed => T::SampleFailed.get(lang).to_string(),
        Problem::OtherOrigin(url) => tf(T::OtherOrigin, lang, &[("url", url)]),
        Problem::FetchFailed { url, status } => {
            let status = match status {
                0 => T::NetworkError.get(lang).to_string(),
                n => format!("HTTP {n}"),
            };
            tf(T::FetchFailed, lang, &[("url", url), ("status", &status)])
        }
        Problem::NoSource => T::NoSource.get(lang).to_string(),
        Problem::BadTextLink => T::BadTextLink.get(lang).to_string(),
    }
}

/// What is being read, in the reader's language ("正在读取第 3/25 页…").
pub fn busy_message(b: &Busy, lang: hezhang_core::Lang) -> String {
    match b {
        Busy::Reading(name)
        | Busy::Worker {
            name, unit: None, ..
        } => tf(T::ReadingFile, lang, &[("name", name)]),
        Busy::Worker {
            unit: Some(unit),
            done,
            total,
            ..
        } => tf(
            match unit {
                Unit::Page => T::ReadingPage,
                Unit::Sheet => T::ReadingSheet,
            },
            lang,
            &[
                ("i", &worker::current(*done, *total).to_string()),
                ("n", &total.to_string()),
            ],
        ),
        Busy::Sample => T::SampleLoading.get(lang).to_string(),
    }
}

#[component]
pub fn InputPanel() -> Html {
    let state = use_context::<AppContext>().expect("app context");
    let lang = state.lang;
    let file_ref = use_node_ref();

    let oninput = {
        let d = state.dispatcher();
        Callback::from(move |e: InputEvent| {
            if let Some(ta) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
            {
                d.dispatch(Action::Edit(ta.value()));
            }
        })
    };
    let onchange = {
        let d = state.dispatcher();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            if let Some(file) = input.files().and_then(|l| l.get(0)) {
                load_file(file, d.clone());
            }
            // Choosing the same file again should read it again.
            input.set_value("");
        })
    };
    let on_choose = {
        let file_ref = file_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_ref.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_check = {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Check))
    };
    let on_clear = {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| {
            worker::cancel();
            d.dispatch(Action::Clear)
        })
    };
    let on_cancel = Callback::from(|_: MouseEvent| worker::cancel());
    let on_sample_link = {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| load_sample(d.clone()))
    };

    let busy = state.busy.is_some();
    let status = match (&state.busy, &state.notice) {
        (Some(b), _) => Some(busy_message(b, lang)),
        (None, Some(Notice::Loaded(name))) => Some(tf(T::FileLoaded, lang, &[("name", name)])),
        (None, Some(Notice::Gb18030(name))) => Some(format!(
            "{} {}",
            tf(T::FileLoaded, lang, &[("name", name)]),
            T::NotUtf8.get(lang)
        )),
        (None, None) => None,
    };
    let problem = state.problem.as_ref().map(|p| problem_message(p, lang));
    let described = if problem.is_some() {
        "input-hint input-problem privacy"
    } else {
        "input-hint privacy"
    };

    html! {
        <section class="input" aria-labelledby="input-label">
            <label id="input-label" for="input" class="input-label">{ T::InputLabel.get(lang) }</label>
            <p id="input-hint" class="hint">{ T::InputHint.get(lang) }</p>
            <textarea id="input" class="input-text" value={state.text.clone()} {oninput}
                      rows="12" spellcheck="false" autocomplete="off"
                      placeholder={T::InputPlaceholder.get(lang)}
                      aria-describedby={described}
                      aria-invalid={problem.is_some().to_string()} />
            <div class="input-actions">
                <input ref={file_ref} type="file" id="file" class="file-input" tabindex="-1"
                       aria-label={T::ChooseFile.get(lang)}
                       accept=".txt,.csv,.tsv,.pdf,.xlsx,.xls,text/plain" {onchange} />
                <button type="button" id="choose-btn" class="btn" onclick={on_choose} disabled={busy}>
                    { T::ChooseFile.get(lang) }
                </button>
                <button type="button" id="check-btn" class="btn primary" onclick={on_check} disabled={busy}>
                    { T::Check.get(lang) }
                </button>
                <button type="button" id="clear-btn" class="btn" onclick={on_clear}>
                    { T::Clear.get(lang) }
                </button>
                <p id="privacy" class="privacy">{ T::Privacy.get(lang) }</p>
            </div>
            <div id="input-status" class="input-status" role="status" aria-live="polite">
                if busy {
                    <span class="spinner" aria-hidden="true"></span>
                }
                if let Some(s) = status { { s } }
                if let Some(Busy::Worker { unit: Some(_), done, total, .. }) = &state.busy {
                    <progress class="read-progress" max={total.to_string()} value={done.to_string()}
                              aria-hidden="true"></progress>
                }
                if matches!(state.busy, Some(Busy::Worker { .. })) {
                    { " " }
                    <button type="button" id="cancel-btn" class="btn link" onclick={on_cancel}>
                        { T::Cancel.get(lang) }
                    </button>
                }
            </div>
            if state.result.is_none() && problem.is_none() && !busy {
                <p class="intro">{ T::Intro.get(lang) }</p>
            }
            if let Some(p) = problem {
                <div id="input-problem" class="problem" role="alert">
                    <span class="sev-icon" aria-hidden="true">{ "✖" }</span>
                    <span>{ p }</span>
                    if state.text.trim().is_empty() {
                        { " " }
                        <button type="button" class="link" onclick={on_sample_link}>{ T::Sample.get(lang) }</button>
                    }
                </div>
            }
        </section>
    }
}
