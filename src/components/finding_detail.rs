//! The chosen finding: message, exact numbers, the sentence with its number highlighted, the
//! places it rests on, and the rule's guidance.

use hezhang_core::output::FindingOut;
use hezhang_core::{CheckOutput, Lang, Role};
use yew::prelude::*;

use super::{RuleDoc, SevBadge};
use crate::app::ResultsProp;
use crate::i18n::{severity_class, tf, T};
use crate::state::{Action, AppState};
use crate::view;

#[derive(Properties, PartialEq)]
pub struct FindingDetailProps {
    pub results: ResultsProp,
    pub index: usize,
    pub lang: Lang,
    pub visible: [bool; 3],
    pub dispatch: UseReducerDispatcher<AppState>,
}

pub(crate) fn role_word(r: Role, lang: Lang) -> &'static str {
    match r {
        Role::Stated => T::RoleStated.get(lang),
        Role::Component => T::RoleComponent.get(lang),
        Role::Restated => T::RoleRestated.get(lang),
    }
}

/// "公开10表 政府采购…" for a table id.
pub(crate) fn table_name(out: &CheckOutput, id: &str) -> String {
    match out.tables.iter().find(|t| t.id == id) {
        Some(t) => match &t.label {
            Some(l) => format!("{l} {}", t.title),
            None => t.title.clone(),
        },
        None => id.to_string(),
    }
}

/// The exact numbers of a finding.
pub(crate) fn numbers(f: &FindingOut, lang: Lang) -> Html {
    let rows = [
        (T::Stated, &f.stated, "stated"),
        (T::Computed, &f.computed, "computed"),
        (T::Difference, &f.difference, "difference"),
        (T::Tolerance, &f.tolerance, "tolerance"),
    ];
    if rows.iter().all(|(_, v, _)| v.is_none()) {
        return Html::default();
    }
    html! {
        <dl class="numbers">
            { for rows.iter().filter_map(|(t, v, class)| v.as_ref().map(|v| html! {
                <div class={*class}>
                    <dt>{ t.get(lang) }</dt>
                    <dd class="num">{ view::thousands(v) }</dd>
                </div>
            })) }
        </dl>
    }
}

/// Sentences of the narrative, each with its number highlighted (text nodes only).
pub(crate) fn sentences(f: &FindingOut, lang: Lang) -> Html {
    let texts: Vec<_> = f
        .locations
        .iter()
        .filter(|l| l.kind == "text")
        .filter_map(|l| l.text.as_ref().map(|t| (t, l)))
        .collect();
    if texts.is_empty() {
        return Html::default();
    }
    html! {
        <div class="sentences">
            { for texts.iter().map(|(text, l)| {
                let (before, mid, after) = view::split_span(text, l.span);
                let line = view::place(l, lang);
                html! {
                    <figure class={classes!("sentence", format!("role-{}", role_class(l.role)))}>
                        <blockquote>
                            { before }
                            if !mid.is_empty() { <mark>{ mid }</mark> }
                            { after }
                        </blockquote>
                        if let Some(line) = line {
                            <figcaption>{ format!("{} · {}", role_word(l.role, lang), line) }</figcaption>
                        }
                    </figure>
                }
            }) }
        </div>
    }
}

pub(crate) fn role_class(r: Role) -> &'static str {
    match r {
        Role::Stated => "stated",
        Role::Component => "component",
        Role::Restated => "restated",
    }
}

/// The places a finding rests on, as a small table.
pub(crate) fn locations(out: &CheckOutput, f: &FindingOut, lang: Lang) -> Html {
    let cells: Vec<_> = f.locations.iter().filter(|l| l.kind == "cell").collect();
    if cells.is_empty() {
        return Html::default();
    }
    html! {
        <table class="mini">
            <caption>{ T::Locations.get(lang) }</caption>
            <thead>
                <tr>
                    <th scope="col">{ T::Role.get(lang) }</th>
                    <th scope="col">{ T::Table.get(lang) }</th>
                    <th scope="col">{ T::Row.get(lang) }</th>
                    <th scope="col">{ T::Column.get(lang) }</th>
                    <th scope="col" class="num">{ T::Value.get(lang) }</th>
                    <th scope="col">{ T::Place.get(lang) }</th>
                </tr>
            </thead>
            <tbody>
                { for cells.iter().map(|l| html! {
                    <tr class={format!("role-{}", role_class(l.role))}>
                        <td>{ role_word(l.role, lang) }</td>
                        <td>{ l.table.as_deref().map(|t| table_name(out, t)).unwrap_or_default() }</td>
                        <td>{ l.row.clone().unwrap_or_default() }</td>
                        <td>{ l.column.clone().unwrap_or_default() }</td>
                        <td class="num">{ l.value.as_deref().map(view::display_cell).unwrap_or_default() }</td>
                        <td class="place">{ view::place(l, lang).unwrap_or_default() }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

#[component]
pub fn FindingDetail(p: &FindingDetailProps) -> Html {
    let out = &p.results.out;
    let Some(f) = out.findings.get(p.index) else {
        return Html::default();
    };
    let lang = p.lang;
    let order = view::visible_order(&out.findings, &p.visible);
    let position = order.iter().position(|&i| i == p.index).map(|pos| {
        tf(
            T::FindingOf,
            lang,
            &[
                ("i", &(pos + 1).to_string()),
                ("n", &order.len().to_string()),
            ],
        )
    });
    let go = |a: Action| {
        let d = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(a.clone()))
    };

    html! {
        <article id="finding-detail" class={classes!("detail", severity_class(f.severity))}
                 tabindex="-1" aria-labelledby="detail-title">
            <header class="detail-head">
                <SevBadge severity={f.severity} lang={lang} />
                <h4 id="detail-title">{ f.title.clone() }</h4>
                <span class="rule-code">{ f.rule }</span>
                if let Some(pos) = position { <span class="position">{ pos }</span> }
            </header>
            <p class="detail-msg">{ f.message.clone() }</p>
            { numbers(f, lang) }
            { sentences(f, lang) }
            { locations(out, f, lang) }
            <RuleDoc code={f.rule} lang={lang} id_prefix="detail" />
            <div class="detail-nav">
                <button type="button" class="btn" onclick={go(Action::Step(-1))}>
                    <span aria-hidden="true">{ "← " }</span>{ T::Prev.get(lang) }
                </button>
                <button type="button" class="btn" onclick={go(Action::Step(1))}>
                    { T::Next.get(lang) }<span aria-hidden="true">{ " →" }</span>
                </button>
                <button type="button" id="back-btn" class="btn link" onclick={go(Action::Back)}>
                    { T::BackToList.get(lang) }
                </button>
            </div>
        </article>
    }
}
