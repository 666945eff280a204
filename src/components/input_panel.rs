//! The input: a large text box, file picker, 核对 and 清空, the privacy note, and the state of
//! the input (reading, loaded, or why it could not be checked).

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::{load_file, load_sample};
use crate::i18n::{tf, T};
use crate::state::{Action, AppContext, Busy, Notice, Problem};

/// Why there is no result, in the reader's language.
pub fn problem_message(p: &Problem, lang: hezhang_core::Lang) -> String {
    match p {
        Problem::Input(e) => e.message(lang).to_string(),
        Problem::Unsupported => T::LaterVersion.get(lang).to_string(),
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
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Clear))
    };
    let on_sample_link = {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| load_sample(d.clone()))
    };

    let busy = state.busy.is_some();
    let status = match (&state.busy, &state.notice) {
        (Some(Busy::Reading(name)), _) => Some(tf(T::ReadingFile, lang, &[("name", name)])),
        (Some(Busy::Sample), _) => Some(T::SampleLoading.get(lang).to_string()),
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
