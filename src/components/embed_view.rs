//! The embed page (embed.html, or `?embed=1`): for an `<iframe>` in an article. The verdict, the
//! report's identity, and the chosen finding (`finding=`) with its numbers and its table as
//! printed — or, with none chosen, the main findings — and a link to the full check. No
//! header, no input; the page's height goes to the parent from `www/boot.js`.

use yew::prelude::*;

use super::finding_detail::{numbers, sentences};
use super::input_panel::{busy_message, problem_message};
use super::summary::tone;
use super::{ReportTable, SevBadge};
use crate::dom;
use crate::i18n::{tf, T};
use crate::publish;
use crate::state::AppContext;
use crate::view;

/// How many findings the embed lists when none is chosen.
const MAIN_FINDINGS: usize = 5;

#[component]
pub fn EmbedView() -> Html {
    let state = use_context::<AppContext>().expect("app context");
    let lang = state.lang;
    let busy = state.busy.as_ref().map(|b| busy_message(b, lang));
    let problem = state.problem.as_ref().map(|p| problem_message(p, lang));
    let body = match &state.result {
        Some(r) => {
            let out = &r.out;
            let (tone, icon) = tone(out);
            let mut identity = view::identity(out, lang);
            identity.push(out.file.clone());
            let chosen = state
                .selected
                .and_then(|i| out.findings.get(i).map(|f| (i, f)));
            let full = state.source_url.as_deref().map(|src| {
                publish::share_link(&dom::app_base(), src, chosen.map(|(_, f)| f.id.as_str()))
            });
            let finding = match chosen {
                Some((_, f)) => {
                    let table = view::primary_cell(f)
                        .and_then(|(t, _, _)| out.tables.iter().position(|x| x.id == t));
                    html! {
                        <section id="embed-finding" class={classes!("embed-finding", f.severity.as_str())}
                                 aria-labelledby="embed-finding-title">
                            <p class="embed-finding-head">
                                <SevBadge severity={f.severity} lang={lang} />{ " " }
                                <strong id="embed-finding-title">{ f.title.clone() }</strong>{ " " }
                                <span class="rule-code">{ f.rule }</span>
                            </p>
                            <p class="embed-message">{ f.message.clone() }</p>
                            { numbers(f, lang) }
                            if let Some(k) = table {
                                <ReportTable results={r.clone()} index={k} lang={lang}
                                             selected={state.selected} expanded={false}
                                             dispatch={state.dispatcher()} />
                            } else {
                                { sentences(f, lang) }
                            }
                        </section>
                    }
                }
                None if out.findings.is_empty() => html! {},
                None => {
                    let mut order: Vec<usize> = (0..out.findings.len()).collect();
                    order.sort_by_key(|&i| view::sev_index(out.findings[i].severity));
                    html! {
                        <section class="embed-main" aria-labelledby="embed-main-heading">
                            <h2 id="embed-main-heading">{ T::EmbedMain.get(lang) }</h2>
                            <ul class="embed-list">
                                { for order.iter().take(MAIN_FINDINGS).map(|&i| {
                                    let f = &out.findings[i];
                                    html! {
                                        <li key={f.id.clone()}>
                                            <SevBadge severity={f.severity} lang={lang} />{ " " }
                                            { f.message.clone() }
                                        </li>
                                    }
                                }) }
                            </ul>
                        </section>
                    }
                }
            };
            html! {
                <>
                    <p id="verdict" class={classes!("verdict", tone)}>
                        <span class="verdict-icon" aria-hidden="true">{ icon }</span>
                        <span class="verdict-text">{ view::verdict(out, lang) }</span>
                    </p>
                    <p class="identity">{ identity.join(" · ") }</p>
                    { finding }
                    <p class="embed-foot">
                        if let Some(href) = full {
                            <a id="embed-open" href={href} target="_blank" rel="noopener">
                                { T::OpenInApp.get(lang) }{ " ↗" }
                            </a>
                            { " · " }
                        }
                        { tf(T::PrintedBy, lang, &[("version", hezhang_core::VERSION)]) }
                    </p>
                </>
            }
        }
        None => html! {},
    };
    html! {
        <main id="main" class="embed-view" lang={crate::i18n::lang_tag(lang)}>
            if let Some(b) = busy {
                <p id="input-status" class="input-status" role="status">
                    <span class="spinner" aria-hidden="true"></span>{ b }
                </p>
            }
            if let Some(p) = problem {
                <p id="input-problem" class="problem" role="alert">
                    <span class="sev-icon" aria-hidden="true">{ "✖" }</span>{ " " }<span>{ p }</span>
                </p>
            }
            { body }
        </main>
    }
}
