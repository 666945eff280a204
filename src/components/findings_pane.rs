//! The findings, grouped by rule, with a severity filter and previous / next.

use hezhang_core::{Lang, Severity};
use yew::prelude::*;

use super::{RuleDoc, SevBadge};
use crate::app::ResultsProp;
use crate::i18n::{severity_class, severity_icon, severity_word, tf, T};
use crate::state::{Action, AppState};
use crate::view::{self, SEVERITIES};

#[derive(Properties, PartialEq)]
pub struct FindingsPaneProps {
    pub results: ResultsProp,
    pub lang: Lang,
    pub selected: Option<usize>,
    pub visible: [bool; 3],
    pub dispatch: UseReducerDispatcher<AppState>,
}

#[component]
pub fn FindingsPane(p: &FindingsPaneProps) -> Html {
    let out = &p.results.out;
    let lang = p.lang;
    let counts = view::severity_counts(out);
    let groups = view::groups(&out.findings, &p.visible);
    let order = view::visible_order(&out.findings, &p.visible);

    let filter = |s: Severity| {
        let d = p.dispatch.clone();
        let on = p.visible[view::sev_index(s)];
        let n = counts[view::sev_index(s)];
        html! {
            <button type="button" class={classes!("chip", severity_class(s))}
                    aria-pressed={on.to_string()} id={format!("filter-{}", s.as_str())}
                    onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::ToggleSeverity(s)))}>
                <span aria-hidden="true">{ severity_icon(s) }</span>{ " " }
                { severity_word(s, lang) }{ format!(" ({n})") }
            </button>
        }
    };
    let step = |d: i32| {
        let dispatch = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Step(d)))
    };
    let position = p
        .selected
        .and_then(|s| order.iter().position(|&i| i == s))
        .map(|pos| {
            tf(
                T::FindingOf,
                lang,
                &[
                    ("i", &(pos + 1).to_string()),
                    ("n", &order.len().to_string()),
                ],
            )
        });

    html! {
        <section class="findings-pane" aria-labelledby="findings-heading">
            <div class="pane-head">
                <h3 id="findings-heading">{ format!("{} ({})", T::FindingsHeading.get(lang), out.findings.len()) }</h3>
                <div class="filters" role="group" aria-label={T::Filter.get(lang)}>
                    { for SEVERITIES.iter().map(|s| filter(*s)) }
                </div>
            </div>
            if out.findings.is_empty() {
                <p class="empty">{ T::NoFindings.get(lang) }</p>
            } else if groups.is_empty() {
                <p class="empty">{ T::NoFindingsFiltered.get(lang) }</p>
            } else {
                <ol class="groups" id="findings-list">
                    { for groups.iter().map(|(rule, idx)| {
                        let first = &out.findings[idx[0]];
                        html! {
                            <li class="group" key={*rule}>
                                <div class="group-head">
                                    <span class="group-title">{ first.title.clone() }</span>
                                    <span class="count" aria-label={format!("{} {}", idx.len(), T::FindingsHeading.get(lang))}>{ idx.len() }</span>
                                    <span class="rule-code">{ *rule }</span>
                                </div>
                                <RuleDoc code={*rule} lang={lang} id_prefix="list" />
                                <ul class="items">
                                    { for idx.iter().map(|&i| {
                                        let f = &out.findings[i];
                                        let d = p.dispatch.clone();
                                        let current = p.selected == Some(i);
                                        html! {
                                            <li key={f.id.clone()}>
                                                <button type="button" id={view::finding_item_id(i)}
                                                        class={classes!("item", severity_class(f.severity), current.then_some("current"))}
                                                        aria-current={current.then_some("true")}
                                                        onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::Select(i)))}>
                                                    <SevBadge severity={f.severity} lang={lang} />
                                                    <span class="item-text">{ f.message.clone() }</span>
                                                </button>
                                            </li>
                                        }
                                    }) }
                                </ul>
                            </li>
                        }
                    }) }
                </ol>
                <div class="prevnext">
                    <button type="button" id="prev-btn" class="btn" onclick={step(-1)}>
                        <span aria-hidden="true">{ "← " }</span>{ T::Prev.get(lang) }
                    </button>
                    <span class="position" aria-live="polite">{ position.unwrap_or_default() }</span>
                    <button type="button" id="next-btn" class="btn" onclick={step(1)}>
                        { T::Next.get(lang) }<span aria-hidden="true">{ " →" }</span>
                    </button>
                </div>
                <p class="kbd-hint">{ T::KeyboardHint.get(lang) }</p>
            }
        </section>
    }
}
