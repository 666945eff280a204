//! "为什么重要 / Why it matters": a rule's guidance from the core's registry, in a disclosure.

use hezhang_core::{rules, Lang};
use yew::prelude::*;

use crate::i18n::T;

#[derive(Properties, PartialEq)]
pub struct RuleDocProps {
    pub code: AttrValue,
    pub lang: Lang,
    /// Keeps ids unique when the same rule's guidance appears twice on the page.
    pub id_prefix: AttrValue,
}

#[component]
pub fn RuleDoc(p: &RuleDocProps) -> Html {
    let Some(rule) = rules::by_code(&p.code) else {
        return Html::default();
    };
    let doc = match p.lang {
        Lang::Zh => &rule.zh,
        Lang::En => &rule.en,
    };
    let sections = [
        (T::DocWhy, doc.why),
        (T::DocWhat, doc.what),
        (T::DocExample, doc.example),
        (T::DocTolerance, doc.tolerance),
        (T::DocNotApplicable, doc.not_applicable),
    ];
    html! {
        <details class="rule-doc" id={format!("{}-doc-{}", p.id_prefix, p.code)}>
            <summary>{ T::WhyMatters.get(p.lang) }</summary>
            <dl>
                { for sections.iter().filter(|(_, text)| !text.trim().is_empty()).map(|(h, text)| html! {
                    <>
                        <dt>{ h.get(p.lang) }</dt>
                        <dd>{ *text }</dd>
                    </>
                }) }
            </dl>
        </details>
    }
}
