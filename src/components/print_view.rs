//! What only the printer sees: a title, the report's identity — source file name, its address
//! when it was fetched, the SHA-256 of its bytes (or of the pasted text) — each finding with its
//! numbers, sentences and places, and the tool's version and the date. The verdict, the counts
//! and the annotated tables are printed from the screen's own blocks (print rules in app.css).

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
    /// SHA-256 of the checked text (UTF-8).
    pub digest: Option<AttrValue>,
    /// SHA-256 of the file's bytes, when the text came from a file or an address.
    #[prop_or_default]
    pub file_sha256: Option<AttrValue>,
    /// The address the file was fetched from.
    #[prop_or_default]
    pub source_url: Option<AttrValue>,
}

#[component]
pub fn PrintView(p: &PrintViewProps) -> Html {
    let out = &p.results.out;
    let lang = p.lang;
    let (sha_label, sha) = match (&p.file_sha256, &p.digest) {
        (Some(f), _) => (T::Sha256File, Some(f.clone())),
        (None, d) => (T::Sha256Text, d.clone()),
    };
    let address = p
        .source_url
        .as_ref()
        .map(|u| dom::same_origin_url(u).unwrap_or_else(|| u.to_string()))
        .map(|u| crate::publish::decode_path(&u));
    html! {
        <>
            <p class="print-only print-title" aria-hidden="true">{ T::PrintTitle.get(lang) }</p>
            <section class="print-only print-report" aria-hidden="true">
                <dl class="print-meta">
                    <dt>{ T::SourceFile.get(lang) }</dt><dd id="print-file">{ out.file.clone() }</dd>
                    if let Some(a) = address {
                        <dt>{ T::SourceAddress.get(lang) }</dt><dd class="mono">{ a }</dd>
                    }
                    if let Some(d) = sha {
                        <dt>{ sha_label.get(lang) }</dt><dd id="print-sha256" class="mono">{ d }</dd>
                    }
                    <dt>{ T::PrintedOn.get(lang) }</dt><dd>{ dom::today() }</dd>
                </dl>
                <h3>{ format!("{} ({})", T::FindingsHeading.get(lang), out.findings.len()) }</h3>
                <ol class="print-findings">
                    { for out.findings.iter().map(|f| html! {
                        <li class="print-finding" key={f.id.clone()}>
                            <p class="print-head">
                                <SevBadge severity={f.severity} lang={lang} />{ " " }
                                <strong>{ f.title.clone() }</strong>{ " " }
                                <span class="rule-code">{ f.rule }</span>{ " " }
                                <span class="rule-code">{ f.id.clone() }</span>
                            </p>
                            <p>{ f.message.clone() }</p>
                            { numbers(f, lang) }
                            { sentences(f, lang) }
                            { locations(out, f, lang) }
                        </li>
                    }) }
                </ol>
            </section>
            <p class="print-only print-foot" aria-hidden="true">
                { tf(T::PrintedBy, lang, &[("version", hezhang_core::VERSION)]) }
                { " · " }{ T::PrintedOn.get(lang) }{ " " }{ dom::today() }
            </p>
        </>
    }
}
