//! A table as the report prints it, from the core's printed grid: header rows as `th`, the
//! stated cell strongly marked, components lightly (dotted), a marker at the row's left edge,
//! and icon as well as colour. Marked cells can take focus (tabindex=-1) and be clicked.

use hezhang_core::{Lang, Role};
use yew::prelude::*;

use super::finding_detail::role_class;
use crate::app::ResultsProp;
use crate::i18n::{severity_class, severity_icon, severity_word, tf, unit_name, T};
use crate::state::{Action, AppState};
use crate::view::{self, Mark};

#[derive(Properties, PartialEq)]
pub struct ReportTableProps {
    pub results: ResultsProp,
    /// Index into `tables`.
    pub index: usize,
    pub lang: Lang,
    pub selected: Option<usize>,
    pub expanded: bool,
    pub dispatch: UseReducerDispatcher<AppState>,
}

fn mark_label(m: &Mark, lang: Lang) -> String {
    let role = match m.role {
        Role::Stated | Role::Restated => T::CellMarkStated.get(lang),
        Role::Component => T::CellMarkComponent.get(lang),
    };
    format!("{} · {}：", severity_word(m.severity, lang), role)
}

#[component]
pub fn ReportTable(p: &ReportTableProps) -> Html {
    let out = &p.results.out;
    let Some(t) = out.tables.get(p.index) else {
        return Html::default();
    };
    let lang = p.lang;
    let marks = p.results.marks.get(&t.id);
    let shown = view::rows_to_show(t, marks, p.expanded);
    let body_rows = t.grid.iter().filter(|r| !r.header).count();
    let width = t.grid.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let has_marks = marks.is_some_and(|m| !m.is_empty());
    let selected_cells: Vec<(usize, usize)> = p
        .selected
        .and_then(|i| out.findings.get(i))
        .map(|f| {
            f.locations
                .iter()
                .filter(|l| l.table.as_deref() == Some(t.id.as_str()))
                .filter_map(|l| Some((l.grid_row?, l.grid_col?)))
                .collect()
        })
        .unwrap_or_default();
    let sec_id = view::table_id(&t.id);
    let title_id = format!("{sec_id}-title");
    let worst = marks.and_then(|m| m.values().map(|m| m.severity).min());

    let toggle = {
        let d = p.dispatch.clone();
        let id = t.id.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::ToggleTable(id.clone())))
    };
    let toggle_label = match (has_marks, p.expanded) {
        (_, true) if !has_marks => T::HideTable.get(lang).to_string(),
        (_, true) => T::ShowFewerRows.get(lang).to_string(),
        (false, false) => tf(T::ShowTable, lang, &[("n", &body_rows.to_string())]),
        (true, false) => tf(T::ShowAllRows, lang, &[("n", &body_rows.to_string())]),
    };
    // Only offer the toggle when it changes something.
    let show_toggle = body_rows > 0 && (p.expanded || shown.is_some());

    let visible_rows: Vec<usize> = match &shown {
        None => (0..t.grid.len()).collect(),
        Some(v) => v.clone(),
    };
    let header_rows: Vec<usize> = visible_rows
        .iter()
        .copied()
        .filter(|&i| t.grid[i].header)
        .collect();
    let body: Vec<usize> = visible_rows
        .iter()
        .copied()
        .filter(|&i| !t.grid[i].header)
        .collect();
    let show_grid = !body.is_empty() || (shown.is_none() && !header_rows.is_empty());

    let cell = |r: usize, c: usize, text: &str, header: bool| -> Html {
        let mark = marks.and_then(|m| m.get(&(r, c)));
        let display = view::display_cell(text);
        let numeric = view::is_number(text);
        match mark {
            None if header => html! {
                if text.trim().is_empty() { <td></td> } else { <th scope="col">{ display }</th> }
            },
            None if c == 0 && !text.trim().is_empty() => html! { <th scope="row">{ display }</th> },
            None => html! { <td class={classes!(numeric.then_some("num"))}>{ display }</td> },
            Some(m) => {
                let current = selected_cells.contains(&(r, c));
                let first = m.findings[0];
                let d = p.dispatch.clone();
                let onclick =
                    Callback::from(move |_: MouseEvent| d.dispatch(Action::Select(first)));
                let titles: Vec<String> = m
                    .findings
                    .iter()
                    .filter_map(|&i| out.findings.get(i).map(|f| f.title.clone()))
                    .collect();
                let icon = match m.role {
                    Role::Component => "◦",
                    _ => severity_icon(m.severity),
                };
                html! {
                    <td id={view::cell_id(&t.id, r, c)} tabindex="-1"
                        class={classes!("mark", role_class(m.role), severity_class(m.severity),
                                        numeric.then_some("num"), current.then_some("current"))}
                        title={titles.join("；")} {onclick}>
                        <span class="mark-icon" aria-hidden="true">{ icon }</span>
                        <span class="visually-hidden">{ mark_label(m, lang) }</span>
                        { display }
                    </td>
                }
            }
        }
    };

    let row = |r: usize| -> Html {
        let pr = &t.grid[r];
        let row_mark = marks.and_then(|m| {
            m.iter()
                .filter(|((mr, _), _)| *mr == r)
                .map(|(_, mk)| mk)
                .min_by_key(|mk| (mk.severity, mk.role != Role::Stated))
        });
        let row_class = row_mark.map(|m| {
            classes!(
                "marked",
                severity_class(m.severity),
                (m.role == Role::Component).then_some("light")
            )
        });
        html! {
            <tr class={row_class} key={r}>
                { for (0..width).map(|c| {
                    let text = pr.cells.get(c).map(String::as_str).unwrap_or("");
                    cell(r, c, text, pr.header)
                }) }
            </tr>
        }
    };

    // "⋯" rows where collapsed rows were left out.
    let mut body_html = Vec::new();
    let mut prev: Option<usize> = None;
    for &r in &body {
        let gap = match prev {
            Some(p) => r - p - 1,
            None => {
                let first_body = t.grid.iter().position(|x| !x.header).unwrap_or(0);
                r.saturating_sub(first_body)
            }
        };
        if gap > 0 && shown.is_some() {
            body_html.push(html! {
                <tr class="gap" key={format!("gap-{r}")}>
                    <td colspan={width.max(1).to_string()}>{ format!("⋯ {}", tf(T::RowsHidden, lang, &[("n", &gap.to_string())])) }</td>
                </tr>
            });
        }
        body_html.push(row(r));
        prev = Some(r);
    }

    html! {
        <section id={sec_id.clone()} class={classes!("report-table", worst.map(severity_class))}
                 aria-labelledby={title_id.clone()}>
            <h4 id={title_id.clone()} class="table-title">
                if let Some(l) = &t.label { <span class="table-label">{ l.clone() }</span>{ " " } }
                <span>{ t.title.clone() }</span>
                <span class="table-unit">{ tf(T::UnitLabel, lang, &[("unit", &unit_name(t.unit, lang))]) }</span>
                if let Some(w) = worst {
                    <span class={classes!("table-flag", severity_class(w))}>
                        <span aria-hidden="true">{ severity_icon(w) }</span>{ " " }{ severity_word(w, lang) }
                    </span>
                }
            </h4>
            if t.empty_note { <p class="table-note">{ T::TableNoData.get(lang) }</p> }
            if show_grid {
                <div class="table-scroll" role="group" tabindex="0" aria-labelledby={title_id}>
                    <table class="grid">
                        if !header_rows.is_empty() {
                            <thead>{ for header_rows.iter().map(|&r| row(r)) }</thead>
                        }
                        <tbody>{ body_html }</tbody>
                    </table>
                </div>
            }
            if show_toggle {
                <button type="button" class="btn link table-toggle" aria-expanded={p.expanded.to_string()}
                        aria-controls={sec_id} onclick={toggle}>
                    { toggle_label }
                </button>
            }
        </section>
    }
}
