//! Share and embed: for a report opened by address (`?src=`), a link that reopens it with the
//! chosen finding and the `<iframe>` code (with the optional resizing script) for an article.
//! Pasted text and local files have no address: the panel says so, points to export and print,
//! and offers — only if the reader opts in — a link carrying the text itself, compressed by the
//! browser, when it is small enough.

use yew::prelude::*;

use crate::dom;
use crate::i18n::{tf, T};
use crate::publish;
use crate::state::AppContext;

/// The iframe's id in the generated snippet, and its height without the script.
const FRAME_ID: &str = "hezhang-embed";
const FRAME_HEIGHT: u32 = 560;

#[derive(Properties, PartialEq)]
struct CopyProps {
    /// The id of the field whose text is copied.
    target: AttrValue,
    text: AttrValue,
}

#[derive(Clone, Copy, PartialEq)]
enum Copy {
    Idle,
    Done,
    Failed,
}

#[component]
fn CopyButton(p: &CopyProps) -> Html {
    let state = use_context::<AppContext>().expect("app context");
    let lang = state.lang;
    let copied = use_state(|| Copy::Idle);
    {
        let copied = copied.clone();
        use_effect_with(p.text.clone(), move |_| copied.set(Copy::Idle));
    }
    let onclick = {
        let copied = copied.clone();
        let text = p.text.clone();
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            let text = text.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(if dom::copy_text(&text).await {
                    Copy::Done
                } else {
                    Copy::Failed
                });
            });
        })
    };
    html! {
        <>
            <button type="button" class="btn" aria-controls={p.target.clone()} {onclick}>
                { T::Copy.get(lang) }
            </button>
            <span class="copy-state" role="status">
                { match *copied {
                    Copy::Idle => "",
                    Copy::Done => T::Copied.get(lang),
                    Copy::Failed => T::CopyFailed.get(lang),
                } }
            </span>
        </>
    }
}

/// The packed-text link, once asked for.
#[derive(Clone, PartialEq)]
enum Packed {
    Off,
    Working,
    Link(String),
    TooLarge(usize),
    Unavailable,
}

fn select_all(e: FocusEvent) {
    use wasm_bindgen::JsCast;
    if let Some(t) = e.target() {
        if let Ok(i) = t.clone().dyn_into::<web_sys::HtmlInputElement>() {
            i.select();
        } else if let Ok(a) = t.dyn_into::<web_sys::HtmlTextAreaElement>() {
            a.select();
        }
    }
}

#[component]
pub fn SharePanel() -> Html {
    let state = use_context::<AppContext>().expect("app context");
    let lang = state.lang;
    let packed = use_state(|| Packed::Off);
    {
        // A new check forgets the packed link of the previous one.
        let packed = packed.clone();
        use_effect_with(state.checked.clone(), move |_| packed.set(Packed::Off));
    }
    let Some(out) = state.output() else {
        return html! {};
    };
    let base = dom::app_base();
    let finding = state
        .selected
        .and_then(|i| out.findings.get(i))
        .map(|f| f.id.clone());
    let onfocus = Callback::from(select_all);

    let body = if let Some(src) = &state.source_url {
        let link = publish::share_link(&base, src, finding.as_deref());
        let embed = publish::embed_link(&base, src, finding.as_deref(), lang);
        let title = tf(T::EmbedTitle, lang, &[("name", &out.file)]);
        let iframe = publish::iframe_code(&embed, &title, FRAME_ID, FRAME_HEIGHT);
        let script = publish::parent_script(FRAME_ID);
        html! {
            <>
                <p class="hint">{ T::EmbedHint.get(lang) }</p>
                <label for="share-link">{ T::ShareLink.get(lang) }</label>
                <div class="copy-row">
                    <input id="share-link" class="mono" type="text" readonly=true value={link.clone()}
                           onfocus={onfocus.clone()} />
                    <CopyButton target="share-link" text={link} />
                </div>
                <label for="embed-code">{ T::EmbedCode.get(lang) }</label>
                <div class="copy-row">
                    <textarea id="embed-code" class="mono" readonly=true rows="3" value={iframe.clone()}
                              onfocus={onfocus.clone()} />
                    <CopyButton target="embed-code" text={iframe} />
                </div>
                <label for="embed-script">{ T::ParentScript.get(lang) }</label>
                <div class="copy-row">
                    <textarea id="embed-script" class="mono" readonly=true rows="9" value={script.clone()}
                              onfocus={onfocus.clone()} />
                    <CopyButton target="embed-script" text={script} />
                </div>
            </>
        }
    } else {
        let on_opt = {
            let packed = packed.clone();
            let text = state.checked.as_ref().map(|c| c.text.clone());
            let base = base.clone();
            Callback::from(move |e: Event| {
                use wasm_bindgen::JsCast;
                let on = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .is_some_and(|i| i.checked());
                let Some(text) = text.clone().filter(|_| on) else {
                    packed.set(Packed::Off);
                    return;
                };
                packed.set(Packed::Working);
                let packed = packed.clone();
                let base = base.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    packed.set(match dom::deflate_raw(text.as_bytes(), true).await {
                        Ok(raw) => {
                            let s = publish::base64url(&raw);
                            if s.len() > publish::MAX_TEXT_LINK {
                                Packed::TooLarge(s.len())
                            } else {
                                Packed::Link(publish::text_link(&base, &s))
                            }
                        }
                        Err(_) => Packed::Unavailable,
                    });
                });
            })
        };
        let on = *packed != Packed::Off;
        html! {
            <>
                <p id="share-no-url">{ T::ShareNoUrl.get(lang) }</p>
                <label class="check">
                    <input type="checkbox" id="text-link-opt" checked={on} onchange={on_opt} />
                    { " " }{ T::TextLinkOptIn.get(lang) }
                </label>
                { match &*packed {
                    Packed::Off | Packed::Working => html! {},
                    Packed::Link(link) => html! {
                        <>
                            <label for="text-link">{ T::TextLinkLabel.get(lang) }</label>
                            <div class="copy-row">
                                <input id="text-link" class="mono" type="text" readonly=true
                                       value={link.clone()} onfocus={onfocus.clone()} />
                                <CopyButton target="text-link" text={link.clone()} />
                            </div>
                        </>
                    },
                    Packed::TooLarge(n) => html! {
                        <p id="text-link-problem" class="problem" role="alert">
                            { tf(T::TextLinkTooLarge, lang, &[
                                ("n", &n.to_string()),
                                ("max", &publish::MAX_TEXT_LINK.to_string()),
                            ]) }
                        </p>
                    },
                    Packed::Unavailable => html! {
                        <p id="text-link-problem" class="problem" role="alert">
                            { T::TextLinkUnavailable.get(lang) }
                        </p>
                    },
                } }
            </>
        }
    };

    html! {
        <details class="share" id="share">
            <summary>{ T::Share.get(lang) }</summary>
            { body }
        </details>
    }
}
