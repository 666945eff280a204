//! The root component: the reducer in a context, the page's blocks, drag-and-drop anywhere,
//! keyboard navigation of findings, and focus after each render.

use hezhang_core::Lang;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::{FindingsPane, Header, InputPanel, PrintView, Summary, TablesPane};
use crate::dom;
use crate::i18n::T;
use crate::state::{Action, AppContext, AppState, Busy, Focus, Problem, Ptr};
use crate::worker::{self, FileKind, Reply, Request, WorkerClient};

/// The bundled sample report, served from our own origin.
pub const SAMPLE_URL: &str = "samples/shanxi-jincheng-zwfw-2022.txt";
/// Its name in results and exports.
pub const SAMPLE_NAME: &str = "shanxi-jincheng-zwfw-2022.txt";

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// Start in this language (otherwise the reader's last choice, else Chinese).
    #[prop_or_default]
    pub lang: Option<Lang>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let initial = props.lang;
    let state =
        use_reducer(move || AppState::new(initial.or_else(dom::stored_lang).unwrap_or_default()));

    {
        let lang = state.lang;
        use_effect_with(lang, move |lang| dom::set_document_lang(*lang));
    }
    {
        // Move focus once the DOM shows its target.
        let s = state.clone();
        use_effect_with(state.focus_seq, move |_| match &s.focus {
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
            if let Some(c) = checked.clone() {
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
        <ContextProvider<AppContext> context={state}>
            <Shell />
        </ContextProvider<AppContext>>
    }
}

/// Read a file the reader chose or dropped: text is decoded here; PDF and Excel go to the
/// reader boundary ([`worker`]); the check runs in the reducer.
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
        let bytes = match dom::file_bytes(&file).await {
            Ok(b) => b,
            Err(_) => {
                dispatcher.dispatch(Action::Fail(Problem::ReadFailed(name)));
                return;
            }
        };
        match worker::sniff(&bytes) {
            FileKind::Text(label) => match worker::decode_text(&bytes, label) {
                Some((text, gb18030)) => dispatcher.dispatch(Action::Load {
                    name,
                    text,
                    gb18030,
                }),
                None => dispatcher.dispatch(Action::Fail(Problem::Input(
                    hezhang_core::InputError::Binary,
                ))),
            },
            FileKind::Binary => dispatcher.dispatch(Action::Fail(Problem::Input(
                hezhang_core::InputError::Binary,
            ))),
            FileKind::Pdf | FileKind::Xlsx | FileKind::Xls => {
                let reply = WorkerClient
                    .request(Request::Read {
                        name: name.clone(),
                        bytes,
                    })
                    .await;
                match reply {
                    Reply::Text { name, text } => dispatcher.dispatch(Action::Load {
                        name,
                        text,
                        gb18030: false,
                    }),
                    Reply::Failed { name } => {
                        dispatcher.dispatch(Action::Fail(Problem::ReadFailed(name)))
                    }
                    _ => dispatcher.dispatch(Action::Fail(Problem::Unsupported)),
                }
            }
        }
    });
}

/// Fetch the bundled sample and check it.
pub fn load_sample(dispatcher: UseReducerDispatcher<AppState>) {
    dispatcher.dispatch(Action::Busy(Busy::Sample));
    wasm_bindgen_futures::spawn_local(async move {
        match dom::fetch_text(SAMPLE_URL).await {
            Ok(text) => dispatcher.dispatch(Action::Load {
                name: SAMPLE_NAME.to_string(),
                text,
                gb18030: false,
            }),
            Err(_) => dispatcher.dispatch(Action::Fail(Problem::SampleFailed)),
        }
    });
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
                        <div class="panes">
                            <FindingsPane results={r.clone()} lang={lang} selected={state.selected}
                                          visible={state.visible} dispatch={dispatch.clone()} />
                            <TablesPane results={r.clone()} lang={lang} selected={state.selected}
                                        visible={state.visible} expanded={state.expanded.clone()}
                                        dispatch={dispatch} />
                        </div>
                        <PrintView results={r} lang={lang}
                                   digest={state.digest.clone().map(AttrValue::from)} />
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
