//! Small browser helpers: focus, downloads, storage, fetch, file bytes, digests, panic hook.
//! Report content only ever reaches the DOM as text (`set_text_content`, or Yew text nodes).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlElement, Window};

use hezhang_core::Lang;

use crate::i18n::{self, T};

fn window() -> Option<Window> {
    web_sys::window()
}

fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// Show a readable message instead of a blank page when the app panics.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some(doc) = document() else { return };
        if doc.get_element_by_id("fatal").is_some() {
            return;
        }
        let lang = match doc.document_element().map(|e| e.get_attribute("lang")) {
            Some(Some(l)) if l.starts_with("en") => Lang::En,
            _ => Lang::Zh,
        };
        if let (Ok(div), Some(body)) = (doc.create_element("div"), doc.body()) {
            div.set_id("fatal");
            div.set_class_name("fatal");
            let _ = div.set_attribute("role", "alert");
            div.set_text_content(Some(T::PanicMessage.get(lang)));
            let _ = body.insert_before(&div, body.first_child().as_ref());
        }
    }));
}

/// Move keyboard focus to the element `id`; with `scroll`, centre it in view first.
pub fn focus_id(id: &str, scroll: bool) -> bool {
    let Some(el) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    else {
        return false;
    };
    if scroll {
        let o = web_sys::ScrollIntoViewOptions::new();
        o.set_block(web_sys::ScrollLogicalPosition::Center);
        o.set_inline(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&o);
    }
    let fo = web_sys::FocusOptions::new();
    fo.set_prevent_scroll(scroll);
    el.focus_with_options(&fo).is_ok()
}

/// Set `<html lang>` and the document title for `lang`.
pub fn set_document_lang(lang: Lang) {
    if let Some(doc) = document() {
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", i18n::lang_tag(lang));
        }
        doc.set_title(T::DocTitle.get(lang));
    }
}

const LANG_KEY: &str = "hezhang-lang";

/// The language the reader chose last time, if any.
pub fn stored_lang() -> Option<Lang> {
    let s = window()?.local_storage().ok()??;
    Lang::parse(&s.get_item(LANG_KEY).ok()??)
}

/// Remember the reader's language.
pub fn store_lang(lang: Lang) {
    if let Some(Ok(Some(s))) = window().map(|w| w.local_storage()) {
        let _ = s.set_item(
            LANG_KEY,
            match lang {
                Lang::Zh => "zh",
                Lang::En => "en",
            },
        );
    }
}

/// Offer `content` as a file download named `name`.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let doc = document().ok_or(JsValue::NULL)?;
    let parts = js_sys::Array::new();
    parts.push(&JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    let body = doc.body().ok_or(JsValue::NULL)?;
    body.append_child(&a)?;
    a.click();
    a.remove();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// Open the browser's print dialog.
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// A file's content as an `ArrayBuffer` (to look at, or to transfer to the ingest worker).
pub async fn file_buffer(file: &web_sys::File) -> Result<js_sys::ArrayBuffer, JsValue> {
    JsFuture::from(file.array_buffer()).await?.dyn_into()
}

/// SHA-256 of an `ArrayBuffer`'s bytes as lower-case hex (without copying them into the page).
pub async fn sha256_hex_buffer(buf: &js_sys::ArrayBuffer) -> Option<String> {
    let subtle = window()?.crypto().ok()?.subtle();
    let promise = subtle
        .digest_with_str_and_buffer_source("SHA-256", buf)
        .ok()?;
    let digest = JsFuture::from(promise).await.ok()?;
    let digest = js_sys::Uint8Array::new(&digest).to_vec();
    Some(digest.iter().map(|b| format!("{b:02x}")).collect())
}

/// The end-to-end tests' request for a broken worker (`window.__hezhangWorkerTest = "trap"` or
/// `"hang"`), taken once: it applies to the next file only.
pub fn take_worker_test() -> Option<crate::worker::TestAction> {
    let w = window()?;
    let key = JsValue::from_str("__hezhangWorkerTest");
    let v = js_sys::Reflect::get(&w, &key).ok()?.as_string()?;
    let _ = js_sys::Reflect::delete_property(&w, &key);
    match v.as_str() {
        "trap" => Some(crate::worker::TestAction::Trap),
        "hang" => Some(crate::worker::TestAction::Hang),
        _ => None,
    }
}

/// SHA-256 of `text` (UTF-8) as lower-case hex, by the browser's SubtleCrypto.
pub async fn sha256_hex(text: &str) -> Option<String> {
    let subtle = window()?.crypto().ok()?.subtle();
    let promise = subtle
        .digest_with_str_and_u8_array("SHA-256", text.as_bytes())
        .ok()?;
    let buf = JsFuture::from(promise).await.ok()?;
    let bytes = js_sys::Uint8Array::new(&buf).to_vec();
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Today's date, `YYYY-MM-DD`, local time.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// SHA-256 of `bytes` as lower-case hex, by the browser's SubtleCrypto.
pub async fn sha256_hex_bytes(bytes: &[u8]) -> Option<String> {
    let subtle = window()?.crypto().ok()?.subtle();
    let promise = subtle.digest_with_str_and_u8_array("SHA-256", bytes).ok()?;
    let buf = JsFuture::from(promise).await.ok()?;
    let digest = js_sys::Uint8Array::new(&buf).to_vec();
    Some(digest.iter().map(|b| format!("{b:02x}")).collect())
}

/// `location.search` and `location.hash`.
pub fn location_parts() -> (String, String) {
    let Some(loc) = window().map(|w| w.location()) else {
        return (String::new(), String::new());
    };
    (
        loc.search().unwrap_or_default(),
        loc.hash().unwrap_or_default(),
    )
}

/// The app's folder: the document's base URL up to its last `/` (honours `--public-url`).
pub fn app_base() -> String {
    let base = document()
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let path = base.split(['?', '#']).next().unwrap_or("");
    match path.rfind('/') {
        Some(i) => path[..=i].to_string(),
        None => path.to_string(),
    }
}

/// Is this the embed page? `www/boot.js` decides (embed.html or `?embed=1`) and marks `<html>`.
pub fn embed_mode() -> bool {
    document()
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("data-mode"))
        .is_some_and(|m| m == "embed")
}

/// Resolve `src` against the app's base URL; `Some(absolute URL)` only for http(s) on this
/// page's own origin.
pub fn same_origin_url(src: &str) -> Option<String> {
    let origin = window()?.location().origin().ok()?;
    let url = web_sys::Url::new_with_base(src, &app_base()).ok()?;
    let scheme_ok = matches!(url.protocol().as_str(), "http:" | "https:");
    (scheme_ok && url.origin() == origin).then(|| url.href())
}

/// Why a fetch of our own origin gave no bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchError {
    /// The HTTP status; 0 when the network failed.
    Status(u16),
    /// The server announced more than `limit` bytes: not downloaded.
    TooLarge,
}

/// Fetch a file of our own origin as bytes (the request mode refuses any other origin, and
/// redirects to one). A body announced larger than `limit` is not downloaded.
pub async fn fetch_bytes(url: &str, limit: usize) -> Result<Vec<u8>, FetchError> {
    let net = |_| FetchError::Status(0);
    let w = window().ok_or(FetchError::Status(0))?;
    let init = web_sys::RequestInit::new();
    init.set_mode(web_sys::RequestMode::SameOrigin);
    let resp: web_sys::Response = JsFuture::from(w.fetch_with_str_and_init(url, &init))
        .await
        .map_err(net)?
        .dyn_into()
        .map_err(net)?;
    if !resp.ok() {
        return Err(FetchError::Status(resp.status()));
    }
    let announced = resp
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<u64>().ok());
    if announced.is_some_and(|n| n > limit as u64) {
        return Err(FetchError::TooLarge);
    }
    let buf = JsFuture::from(resp.array_buffer().map_err(net)?)
        .await
        .map_err(net)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Put `text` on the clipboard; `false` when the browser refuses.
pub async fn copy_text(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let promise = w.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// Deflate-raw (`compress`) or inflate bytes with the browser's CompressionStream /
/// DecompressionStream: no compression code in our wasm. `Err` when the browser lacks them or
/// the data is damaged.
pub async fn deflate_raw(bytes: &[u8], compress: bool) -> Result<Vec<u8>, JsValue> {
    let global = js_sys::global();
    let name = if compress {
        "CompressionStream"
    } else {
        "DecompressionStream"
    };
    let ctor: js_sys::Function =
        js_sys::Reflect::get(&global, &JsValue::from_str(name))?.dyn_into()?;
    let args = js_sys::Array::of1(&JsValue::from_str("deflate-raw"));
    let transform = js_sys::Reflect::construct(&ctor, &args)?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)?;
    let out = blob
        .stream()
        .pipe_through(transform.unchecked_ref::<web_sys::ReadableWritablePair>());
    let resp = web_sys::Response::new_with_opt_readable_stream(Some(&out))?;
    let buf = JsFuture::from(resp.array_buffer()?).await?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}
