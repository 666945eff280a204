//! The annotated tables, with the chosen finding's detail right below the table it points to
//! (or on top, for findings about the narrative only).

use hezhang_core::Lang;
use std::collections::BTreeSet;
use yew::prelude::*;

use super::{FindingDetail, ReportTable};
use crate::app::ResultsProp;
use crate::i18n::T;
use crate::state::AppState;
use crate::view;

#[derive(Properties, PartialEq)]
pub struct TablesPaneProps {
    pub results: ResultsProp,
    pub lang: Lang,
    pub selected: Option<usize>,
    pub visible: [bool; 3],
    pub expanded: BTreeSet<String>,
    pub dispatch: UseReducerDispatcher<AppState>,
}

#[component]
pub fn TablesPane(p: &TablesPaneProps) -> Html {
    let out = &p.results.out;
    let lang = p.lang;
    let chosen = p.selected.and_then(|i| out.findings.get(i).map(|f| (i, f)));
    let home = chosen.and_then(|(_, f)| view::primary_cell(f).map(|(t, _, _)| t));
    let detail = |i: usize| {
        html! {
            <FindingDetail results={p.results.clone()} index={i} lang={lang}
                           visible={p.visible} dispatch={p.dispatch.clone()} />
        }
    };

    html! {
        <section class="tables-pane" aria-labelledby="tables-heading">
            <h3 id="tables-heading">{ format!("{} ({})", T::TablesHeading.get(lang), out.tables.len()) }</h3>
            if let (Some((i, _)), None) = (chosen, &home) {
                { detail(i) }
            }
            { for out.tables.iter().enumerate().map(|(k, t)| html! {
                <>
                    <ReportTable key={t.id.clone()} results={p.results.clone()} index={k} lang={lang}
                                 selected={p.selected} expanded={p.expanded.contains(&t.id)}
                                 dispatch={p.dispatch.clone()} />
                    if home.as_deref() == Some(t.id.as_str()) {
                        { detail(chosen.map(|(i, _)| i).unwrap_or_default()) }
                    }
                </>
            }) }
        </section>
    }
}
