//! 核账 HeZhang web app (Yew 0.23, client-side only).
//!
//! The pure parts — the interface strings ([`i18n`]), what the screen shows ([`view`]), the
//! reducer ([`state`]), exports ([`export`]) and the file-reader boundary ([`worker`]) — build
//! on every target and are tested on the host. The components build for wasm32 only.

pub mod export;
pub mod i18n;
pub mod publish;
pub mod state;
pub mod view;
pub mod worker;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
mod dom;

#[cfg(target_arch = "wasm32")]
pub use app::{App, AppProps};

/// Mount the app on `#app` (the page's loading indicator is removed by `www/boot.js`), after
/// installing a panic hook that shows a readable message instead of a blank page.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    dom::install_panic_hook();
    let root = gloo_root();
    let props = AppProps {
        lang: None,
        embed: dom::embed_mode(),
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
}

#[cfg(target_arch = "wasm32")]
fn gloo_root() -> web_sys::Element {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    match doc.get_element_by_id("app") {
        Some(el) => el,
        None => {
            let el = doc.create_element("div").expect("a div");
            el.set_id("app");
            if let Some(body) = doc.body() {
                let _ = body.append_child(&el);
            }
            el
        }
    }
}
