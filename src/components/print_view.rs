//! What only the printer sees: each finding with its numbers and places, the report's identity
//! with the input's SHA-256, the tool's version and the date. (The verdict and the annotated
//! tables are printed from the screen's own blocks; see the print rules in app.css.)

use hezhang_core::Lang;
use yew::prelude::*;

use super::finding_detail::{locations, numbers, sentences};
use super::SevBadge;
use crate::app::ResultsProp;
use crate::dom;
use crate::i18n::{tf, T};

#[derive(Properties, PartialEq)]
pub struct PrintViewProps {
    pub results: ResultsProp,
    pub lang: Lang,
    pub digest: Option<AttrValue>,
}

#[component]
pub fn PrintView(p: &PrintViewProps) -> Html {
    let out = &p.results.out;
    let lang = p.lang;
    html! {
        <section class="print-only" aria-hidden="true">
            <dl class="print-meta">
                <dt>{ T::SourceFile.get(lang) }</dt><dd>{ out.file.clone() }</dd>
                if let Some(d) = &p.digest {
                    <dt>{ T::Sha256.get(lang) }</dt><dd class="mono">{ d.clone() }</dd>
                }
            </dl>
            <h3>{ format!("{} ({})", T::FindingsHeading.get(lang), out.findings.len()) }</h3>
            <ol class="print-findings">
                { for out.findings.iter().map(|f| html! {
                    <li class="print-finding">
                        <p class="print-head">
                            <SevBadge severity={f.severity} lang={lang} />{ " " }
                            <strong>{ f.title.clone() }</strong>{ " " }
                            <span class="rule-code">{ f.rule }</span>
                        </p>
                        <p>{ f.message.clone() }</p>
                        { numbers(f, lang) }
                        { sentences(f, lang) }
                        { locations(out, f, lang) }
                    </li>
                }) }
            </ol>
            <p class="print-foot">
                { tf(T::PrintedBy, lang, &[("version", hezhang_core::VERSION)]) }
                { " · " }{ T::PrintedOn.get(lang) }{ " " }{ dom::today() }
            </p>
        </section>
    }
}
