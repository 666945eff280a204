//! The top bar: name, sample report, language switch, exports, print.

use hezhang_core::Lang;
use yew::prelude::*;

use crate::app::load_sample;
use crate::dom;
use crate::export;
use crate::i18n::{lang_name, lang_tag, T};
use crate::state::{Action, AppContext, Busy};

/// `report.txt` → `report.hezhang.json`.
fn export_name(source: Option<&str>, ext: &str) -> String {
    let base = source.unwrap_or("pasted.txt");
    let stem = match base.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s,
        _ => base,
    };
    format!("{stem}.hezhang.{ext}")
}

#[component]
pub fn Header() -> Html {
    let state = use_context::<AppContext>().expect("app context");
    let lang = state.lang;
    let busy = state.busy.is_some();

    let on_sample = {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| load_sample(d.clone()))
    };
    let lang_button = |l: Lang| {
        let d = state.dispatcher();
        let onclick = Callback::from(move |_: MouseEvent| {
            dom::store_lang(l);
            d.dispatch(Action::SetLang(l));
        });
        html! {
            <button type="button" class="seg" lang={lang_tag(l)} id={format!("lang-{}", lang_tag(l))}
                    aria-pressed={(lang == l).to_string()} {onclick}>
                { lang_name(l) }
            </button>
        }
    };
    let on_json = {
        let s = state.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(out) = s.output() {
                let name = export_name(s.source.as_deref(), "json");
                let _ = dom::download(&name, "application/json", &export::json(out));
            }
        })
    };
    let on_csv = {
        let s = state.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(out) = s.output() {
                let name = export_name(s.source.as_deref(), "csv");
                let _ = dom::download(&name, "text/csv;charset=utf-8", &export::csv(out));
            }
        })
    };
    let on_print = Callback::from(|_: MouseEvent| dom::print());
    let no_result = state.result.is_none();
    let sample_busy = state.busy == Some(Busy::Sample);

    html! {
        <header class="top">
            <h1 class="brand">
                <span class="brand-name">{ T::AppName.get(lang) }</span>
                <span class="brand-sep" aria-hidden="true">{ " · " }</span>
                <span class="brand-sub">{ T::AppSubtitle.get(lang) }</span>
            </h1>
            <div class="top-actions">
                <button type="button" id="sample-btn" class="btn" onclick={on_sample}
                        disabled={busy} aria-busy={sample_busy.to_string()}>
                    { T::Sample.get(lang) }
                </button>
                <div class="segmented" role="group" aria-label={T::Language.get(lang)}>
                    { lang_button(Lang::Zh) }
                    { lang_button(Lang::En) }
                </div>
                if !no_result {
                    <div class="export" role="group" aria-label={T::Export.get(lang)}>
                        <button type="button" id="export-json" class="btn" onclick={on_json}>
                            { T::ExportJson.get(lang) }
                        </button>
                        <button type="button" id="export-csv" class="btn" onclick={on_csv}>
                            { T::ExportCsv.get(lang) }
                        </button>
                    </div>
                    <button type="button" id="print-btn" class="btn" onclick={on_print}>
                        { T::Print.get(lang) }
                    </button>
                }
            </div>
        </header>
    }
}
