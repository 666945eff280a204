//! The root component: the reducer in a context, the page's blocks, drag-and-drop anywhere,
//! keyboard navigation of findings, and focus after each render.

use hezhang_core::Lang;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::{
    EmbedView, FindingsPane, Header, InputPanel, PrintView, SharePanel, Summary, TablesPane,
};
use crate::dom;
use crate::i18n::T;
use crate::publish;
use crate::state::{Action, AppContext, AppState, Busy, Focus, Problem, Ptr};
use crate::worker::{self, Event, FileKind, Outcome};

/// The bundled sample report, served from our own origin.
pub const SAMPLE_URL: &str = "samples/shanxi-jincheng-zwfw-2022.txt";
/// Its name in results and exports.
pub const SAMPLE_NAME: &str = "shanxi-jincheng-zwfw-2022.txt";

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// Start in this language (otherwise the reader's last choice, else Chinese).
    #[prop_or_default]
    pub lang: Option<Lang>,
    /// The compact page for an `<iframe>` (embed.html).
    #[prop_or_default]
    pub embed: bool,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let initial = props.lang;
    let embed = props.embed;
    let state = use_reducer(move || {
        let (search, hash) = dom::location_parts();
        let lang = initial
            .or(publish::parse_params(&search, &hash).lang)
            .or_else(dom::stored_lang)
            .unwrap_or_default();
        if embed {
            AppState::embedded(lang)
        } else {
            AppState::new(lang)
        }
    });
    {
        // A report, finding or text named by the page's address; later changes of its
        // fragment (#finding=, #text=) are followed too.
        let d = state.dispatcher();
        use_effect_with((), move |_| {
            start_from_address(embed, d.clone());
            let on_hash = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                let (_, hash) = dom::location_parts();
                let p = publish::parse_params("", &hash);
                if let Some(packed) = p.text {
                    load_packed(packed, d.clone());
                } else if let Some(f) = p.finding {
                    d.dispatch(Action::WantFinding(f));
                }
            });
            let w = web_sys::window();
            if let Some(w) = &w {
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    on_hash.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(w) = w {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        on_hash.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    {
        let lang = state.lang;
        use_effect_with(lang, move |lang| dom::set_document_lang(*lang));
    }
    {
        // Move focus once the DOM shows its target.
        // Never in an embed: focusing inside an iframe would scroll the article around it.
        let s = state.clone();
        use_effect_with(state.focus_seq, move |_| match &s.focus {
            _ if s.embed => {}
            Focus::None => {}
            Focus::Cell(id) => {
                dom::focus_id(id, true);
            }
            Focus::Item(i) => {
                dom::focus_id(&crate::view::finding_item_id(*i), true);
            }
            Focus::Detail => {
                dom::focus_id("finding-detail", true);
            }
            Focus::Verdict => {
                dom::focus_id("verdict", true);
            }
            Focus::Input => {
                dom::focus_id("input", false);
            }
        });
    }
    {
        // The digest of the checked text, for print.
        let s = state.clone();
        use_effect_with(state.checked.clone(), move |checked| {
            // (a document the worker read has no text to digest: its file's SHA-256 is kept)
            if let Some(c) = checked.clone().filter(|c| c.raw.is_none()) {
                let dispatcher = s.dispatcher();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Some(hex) = dom::sha256_hex(&c.text).await {
                        dispatcher.dispatch(Action::Digest { of: c, hex });
                    }
                });
            }
        });
    }

    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            if state.embed {
                <EmbedView />
            } else {
                <Shell />
            }
        </ContextProvider<AppContext>>
    }
}

/// Read a file the reader chose or dropped. A PDF or workbook goes to the ingest worker without
/// passing through the page's memory ([`load_buffer`]); text goes on to [`load_bytes`]. A file
/// over 50 MB is refused before it is read.
pub fn load_file(file: web_sys::File, dispatcher: UseReducerDispatcher<AppState>) {
    let name = file.name();
    if file.size() > hezhang_ingest::MAX_BYTES as f64 {
        dispatcher.dispatch(Action::Fail(Problem::Input(
            hezhang_core::InputError::TooLarge,
        )));
        return;
    }
    dispatcher.dispatch(Action::Busy(Busy::Reading(name.clone())));
    wasm_bindgen_futures::spawn_local(async move {
        match dom::file_buffer(&file).await {
            Ok(buf) => load_buffer(name, buf, dispatcher).await,
            Err(_) => dispatcher.dispatch(Action::Fail(Problem::ReadFailed(name))),
        }
    });
}

/// A chosen or dropped file's content: a PDF or workbook is transferred to the worker as it is;
/// anything else is copied into the page and read by [`load_bytes`].
async fn load_buffer(
    name: String,
    buf: js_sys::ArrayBuffer,
    dispatcher: UseReducerDispatcher<AppState>,
) {
    let len = buf.byte_length();
    let head = js_sys::Uint8Array::new_with_byte_offset_and_length(
        &buf,
        0,
        len.min(worker::SNIFF_BYTES as u32),
    )
    .to_vec();
    if worker::sniff(&head).needs_worker() {
        // digest before the transfer empties the buffer
        let sha256 = dom::sha256_hex_buffer(&buf).await;
        read_in_worker(name, buf, None, sha256, dispatcher);
    } else {
        let bytes = js_sys::Uint8Array::new(&buf).to_vec();
        load_bytes(name, bytes, None, dispatcher).await;
    }
}

/// The one path for "a file's bytes and name arrived" — picked, dropped, fetched from `?src=`,
/// or the sample: read them (text here, PDF and workbooks in the worker), check them (in the
/// reducer), and remember the address (`url`) and the bytes' SHA-256 for sharing and print.
pub async fn load_bytes(
    name: String,
    bytes: Vec<u8>,
    url: Option<String>,
    dispatcher: UseReducerDispatcher<AppState>,
) {
    if bytes.len() > hezhang_ingest::MAX_BYTES {
        dispatcher.dispatch(Action::Fail(Problem::Input(
            hezhang_core::InputError::TooLarge,
        )));
        return;
    }
    let sha256 = dom::sha256_hex_bytes(&bytes).await;
    let binary = || {
        dispatcher.dispatch(Action::Fail(Problem::Input(
            hezhang_core::InputError::Binary,
        )))
    };
    match worker::sniff(&bytes) {
        FileKind::Text(label) => match worker::decode_text(&bytes, label) {
            Some((text, gb18030)) => {
                dispatcher.dispatch(Action::Load {
                    name,
                    text,
                    gb18030,
                });
                dispatcher.dispatch(Action::Origin { url, sha256 });
            }
            None => binary(),
        },
        FileKind::Binary => binary(),
        FileKind::Pdf | FileKind::Xlsx | FileKind::Xls => {
            let buf = js_sys::Uint8Array::from(&bytes[..]).buffer();
            drop(bytes);
            read_in_worker(name, buf, url, sha256, dispatcher);
        }
    }
}

/// Hand a PDF or workbook to the ingest worker (created on first use; the buffer is
/// transferred) and turn its answers into actions: progress, then the read document, or why it
/// could not be read.
fn read_in_worker(
    name: String,
    buf: js_sys::ArrayBuffer,
    url: Option<String>,
    sha256: Option<String>,
    dispatcher: UseReducerDispatcher<AppState>,
) {
    dispatcher.dispatch(Action::Busy(Busy::Worker {
        name: name.clone(),
        unit: None,
        done: 0,
        total: 0,
    }));
    let timeout_ms = worker::timeout_from_query(&dom::location_parts().0);
    let d = dispatcher;
    let file_name = name.clone();
    worker::read(
        &name,
        buf,
        dom::take_worker_test(),
        timeout_ms,
        move |ev| match ev {
            Event::Ready => {}
            Event::Progress { unit, done, total } => {
                d.dispatch(Action::Progress { unit, done, total })
            }
            Event::End(Outcome::Read(ingested)) => {
                d.dispatch(Action::LoadRead {
                    name: file_name.clone(),
                    ingested: Ptr::new(ingested),
                });
                d.dispatch(Action::Origin {
                    url: url.clone(),
                    sha256: sha256.clone(),
                });
            }
            Event::End(Outcome::Failed(failure)) => d.dispatch(Action::Fail(Problem::Unreadable {
                name: file_name.clone(),
                failure,
            })),
            Event::End(Outcome::Crashed) => {
                d.dispatch(Action::Fail(Problem::WorkerCrashed(file_name.clone())))
            }
            Event::End(Outcome::TimedOut) => d.dispatch(Action::Fail(Problem::WorkerTimedOut {
                name: file_name.clone(),
                seconds: timeout_ms.div_ceil(1000),
            })),
            Event::End(Outcome::Cancelled) => d.dispatch(Action::Cancelled),
        },
    );
}

/// Fetch the report at `src` (`?src=`; this site only) and check it.
pub fn load_url(src: String, dispatcher: UseReducerDispatcher<AppState>) {
    let Some(url) = dom::same_origin_url(&src) else {
        dispatcher.dispatch(Action::Fail(Problem::OtherOrigin(src)));
        return;
    };
    let name = publish::file_name_of(&url);
    dispatcher.dispatch(Action::Busy(Busy::Reading(name.clone())));
    wasm_bindgen_futures::spawn_local(async move {
        match dom::fetch_bytes(&url, hezhang_ingest::MAX_BYTES).await {
            Ok(bytes) => load_bytes(name, bytes, Some(src), dispatcher).await,
            Err(dom::FetchError::TooLarge) => dispatcher.dispatch(Action::Fail(Problem::Input(
                hezhang_core::InputError::TooLarge,
            ))),
            Err(dom::FetchError::Status(status)) => {
                dispatcher.dispatch(Action::Fail(Problem::FetchFailed { url: src, status }))
            }
        }
    });
}

/// Fetch the bundled sample and check it (it shares like any report on this site).
pub fn load_sample(dispatcher: UseReducerDispatcher<AppState>) {
    dispatcher.dispatch(Action::Busy(Busy::Sample));
    wasm_bindgen_futures::spawn_local(async move {
        match dom::fetch_bytes(SAMPLE_URL, hezhang_ingest::MAX_BYTES).await {
            Ok(bytes) => {
                load_bytes(
                    SAMPLE_NAME.to_string(),
                    bytes,
                    Some(SAMPLE_URL.to_string()),
                    dispatcher,
                )
                .await
            }
            Err(_) => dispatcher.dispatch(Action::Fail(Problem::SampleFailed)),
        }
    });
}

/// Unpack `#text=` (base64url of deflate-raw) and check it as pasted text.
fn load_packed(packed: String, dispatcher: UseReducerDispatcher<AppState>) {
    wasm_bindgen_futures::spawn_local(async move {
        let text = match publish::unbase64url(&packed) {
            Some(raw) => dom::deflate_raw(&raw, false)
                .await
                .ok()
                .filter(|b| b.len() <= hezhang_ingest::MAX_BYTES)
                .and_then(|b| String::from_utf8(b).ok()),
            None => None,
        };
        match text {
            Some(text) => dispatcher.dispatch(Action::Load {
                name: crate::state::PASTED.to_string(),
                text,
                gb18030: false,
            }),
            None => dispatcher.dispatch(Action::Fail(Problem::BadTextLink)),
        }
    });
}

/// What the page's address asks for: a report by address (`?src=`), a finding (`#finding=`),
/// or packed text (`#text=`).
fn start_from_address(embed: bool, dispatcher: UseReducerDispatcher<AppState>) {
    let (search, hash) = dom::location_parts();
    let p = publish::parse_params(&search, &hash);
    if let Some(f) = p.finding {
        dispatcher.dispatch(Action::WantFinding(f));
    }
    if let Some(src) = p.src {
        load_url(src, dispatcher);
    } else if let Some(packed) = p.text {
        load_packed(packed, dispatcher);
    } else if embed {
        dispatcher.dispatch(Action::Fail(Problem::NoSource));
    }
}

/// Keys that the focused element uses itself: text fields, and a table's scroll box (arrows
/// scroll it sideways).
fn keys_belong_to_target(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT")
                || el.class_list().contains("table-scroll")
        })
}

#[component]
fn Shell() -> Html {
    let state = use_context::<AppContext>().expect("app context");
    let lang = state.lang;
    let dragging = use_state(|| false);

    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            let has_files = e
                .data_transfer()
                .is_some_and(|dt| dt.types().includes(&"Files".into(), 0));
            if has_files {
                e.prevent_default();
                if !*dragging {
                    dragging.set(true);
                }
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Leaving the window (no related target) ends the drag.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        let dispatcher = state.dispatcher();
        Callback::from(move |e: DragEvent| {
            dragging.set(false);
            let file = e
                .data_transfer()
                .and_then(|dt| dt.files())
                .and_then(|fl| fl.get(0));
            if let Some(file) = file {
                e.prevent_default();
                load_file(file, dispatcher.clone());
            }
        })
    };
    let onkeydown = {
        let dispatcher = state.dispatcher();
        let has_result = state.result.is_some();
        Callback::from(move |e: KeyboardEvent| {
            if !has_result
                || keys_belong_to_target(&e)
                || e.alt_key()
                || e.ctrl_key()
                || e.meta_key()
            {
                return;
            }
            match e.key().as_str() {
                "ArrowLeft" => {
                    e.prevent_default();
                    dispatcher.dispatch(Action::Step(-1));
                }
                "ArrowRight" => {
                    e.prevent_default();
                    dispatcher.dispatch(Action::Step(1));
                }
                "Escape" => dispatcher.dispatch(Action::Back),
                _ => {}
            }
        })
    };

    let result = state.result.clone();
    let dispatch = state.dispatcher();
    html! {
        <div class={classes!("shell", dragging.then_some("dragging"))}
             {ondragover} {ondragleave} {ondrop}>
            if result.is_some() {
                <a class="skip" href="#results">{ T::Skip.get(lang) }</a>
            }
            <Header />
            <main id="main">
                <InputPanel />
                if let Some(r) = result {
                    <section id="results" class="results" aria-labelledby="results-heading"
                             onkeydown={onkeydown}>
                        <h2 id="results-heading" class="visually-hidden">{ T::ResultsHeading.get(lang) }</h2>
                        <Summary results={r.clone()} lang={lang} />
                        <SharePanel />
                        <div class="panes">
                            <FindingsPane results={r.clone()} lang={lang} selected={state.selected}
                                          visible={state.visible} dispatch={dispatch.clone()} />
                            <TablesPane results={r.clone()} lang={lang} selected={state.selected}
                                        visible={state.visible} expanded={state.expanded.clone()}
                                        dispatch={dispatch} />
                        </div>
                        <PrintView results={r} lang={lang}
                                   digest={state.digest.clone().map(AttrValue::from)}
                                   file_sha256={state.file_sha256.clone().map(AttrValue::from)}
                                   source_url={state.source_url.clone().map(AttrValue::from)} />
                    </section>
                }
            </main>
            if *dragging {
                <div class="drop-overlay" aria-hidden="true">
                    <p>{ T::DropHere.get(lang) }</p>
                </div>
            }
        </div>
    }
}

/// A `Ptr` of the results, for props.
pub type ResultsProp = Ptr<crate::state::Results>;
