//! The verdict, the report's identity, counts by family × severity, and what could not be checked.

use hezhang_core::{rules, Lang};
use yew::prelude::*;

use super::SevBadge;
use crate::app::ResultsProp;
use crate::i18n::{family_name, tf, T};
use crate::view::{self, SEVERITIES};

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub results: ResultsProp,
    pub lang: Lang,
}

fn rule_title(code: &str, lang: Lang) -> String {
    match rules::by_code(code) {
        Some(r) => match lang {
            Lang::Zh => r.title_zh.to_string(),
            Lang::En => r.title_en.to_string(),
        },
        None => code.to_string(),
    }
}

/// The verdict's tone (a CSS class) and icon.
pub(crate) fn tone(out: &hezhang_core::CheckOutput) -> (&'static str, &'static str) {
    let counts = view::severity_counts(out);
    if counts[0] > 0 {
        ("error", "✖")
    } else if counts[1] > 0 {
        ("warning", "⚠")
    } else if out.checks.run == 0 {
        ("info", "ⓘ")
    } else {
        ("ok", "✓")
    }
}

#[component]
pub fn Summary(p: &SummaryProps) -> Html {
    let out = &p.results.out;
    let lang = p.lang;
    let counts = view::severity_counts(out);
    let (tone, icon) = tone(out);
    let mut identity = view::identity(out, lang);
    identity.push(out.file.clone());
    let families = view::family_counts(out);
    let c = &out.checks;
    let checks_line = tf(
        T::ChecksLine,
        lang,
        &[
            ("run", &c.run.to_string()),
            ("passed", &c.passed.to_string()),
            ("failed", &c.failed.to_string()),
            ("na", &c.not_applicable.to_string()),
        ],
    );

    html! {
        <div class="summary">
            <p id="verdict" class={classes!("verdict", tone)} tabindex="-1" aria-live="polite">
                <span class="verdict-icon" aria-hidden="true">{ icon }</span>
                <span class="verdict-text">{ view::verdict(out, lang) }</span>
            </p>
            <p class="identity">
                { for identity.iter().enumerate().map(|(i, part)| html! {
                    <>
                        if i > 0 { <span class="sep" aria-hidden="true">{ " · " }</span> }
                        <span>{ part.clone() }</span>
                    </>
                }) }
            </p>
            if !families.is_empty() {
                <table class="counts">
                    <caption class="visually-hidden">{ T::CountsCaption.get(lang) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ T::Family.get(lang) }</th>
                            { for SEVERITIES.iter().map(|s| html! {
                                <th scope="col"><SevBadge severity={*s} lang={lang} /></th>
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for families.iter().map(|(fam, n)| html! {
                            <tr>
                                <th scope="row">{ family_name(fam, lang) }</th>
                                { for n.iter().map(|k| html! {
                                    <td class={classes!("num", (*k == 0).then_some("zero"))}>{ k }</td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{ T::Total.get(lang) }</th>
                            { for counts.iter().map(|k| html! { <td class="num">{ k }</td> }) }
                        </tr>
                    </tfoot>
                </table>
            }
            <p class="checks-line">{ checks_line }</p>
            <details class="not-run" id="not-run">
                <summary>{ format!("{} ({})", T::NotRunHeading.get(lang), out.not_run.len()) }</summary>
                if out.not_run.is_empty() {
                    <p>{ T::NotRunNone.get(lang) }</p>
                } else {
                    <ul>
                        { for out.not_run.iter().map(|n| html! {
                            <li>
                                <span class="rule-code">{ n.rule }</span>{ " " }
                                <span class="not-run-title">{ rule_title(n.rule, lang) }</span>
                                { if lang == Lang::Zh { "：" } else { ": " } }
                                <span>{ n.reason.clone() }</span>
                            </li>
                        }) }
                    </ul>
                }
            </details>
            if !out.notes.is_empty() {
                <details class="notes">
                    <summary>{ format!("{} ({})", T::Notes.get(lang), out.notes.len()) }</summary>
                    <ul>{ for out.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                </details>
            }
        </div>
    }
}
