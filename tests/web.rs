//! Component tests of the web app in headless Chromium (`wasm-bindgen-test`):
//! `cargo test --target wasm32-unknown-unknown -p hezhang-web --test web`.
//! Each test renders the App into its own root, drives it with bubbling DOM events (Yew
//! delegates events at the root) and awaits Yew's scheduler instead of sleeping.
#![cfg(target_arch = "wasm32")]

use hezhang_core::Lang;
use hezhang_web::{App, AppProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The procurement table of the sample report (公开10表), as pasted text.
const SMALL: &str = "部门决算公开相关信息统计表\n\n公开10表\n\n单位名称：晋城市政务服务中心\n\n2022年度\n\n金额单位：元\n\n一、政府采购情况\t\t\n项目\t行次\t采购金额\n合计\t1\t75425.00\n货物\t2\t\n工程\t3\t\n服务\t4\t130652.46\n";

const SAMPLE: &str = include_str!("../www/samples/shanxi-jincheng-zwfw-2022.txt");

struct Mounted {
    root: Element,
    app: yew::AppHandle<App>,
}

impl Mounted {
    async fn new() -> Self {
        let doc = web_sys::window().unwrap().document().unwrap();
        let root = doc.create_element("div").unwrap();
        doc.body().unwrap().append_child(&root).unwrap();
        let app = yew::Renderer::<App>::with_root_and_props(
            root.clone(),
            AppProps {
                lang: Some(Lang::Zh),
                ..Default::default()
            },
        )
        .render();
        yew::scheduler::flush().await;
        Mounted { root, app }
    }

    fn get(&self, sel: &str) -> Option<Element> {
        self.root.query_selector(sel).unwrap()
    }

    fn text(&self, sel: &str) -> String {
        self.get(sel)
            .unwrap_or_else(|| panic!("{sel} is not rendered"))
            .text_content()
            .unwrap_or_default()
    }

    fn textarea(&self) -> HtmlTextAreaElement {
        self.get("#input").unwrap().dyn_into().unwrap()
    }

    async fn type_text(&self, text: &str) {
        let ta = self.textarea();
        ta.set_value(text);
        let init = web_sys::InputEventInit::new();
        init.set_bubbles(true);
        let ev = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
        ta.dispatch_event(&ev).unwrap();
        yew::scheduler::flush().await;
    }

    async fn click(&self, sel: &str) {
        let el: HtmlElement = self
            .get(sel)
            .unwrap_or_else(|| panic!("{sel} is not rendered"))
            .dyn_into()
            .unwrap();
        el.click();
        yew::scheduler::flush().await;
    }

    fn unmount(self) {
        self.app.destroy();
        self.root.remove();
    }
}

#[wasm_bindgen_test]
async fn pasted_text_has_no_address_to_share_and_says_so() {
    let m = Mounted::new().await;
    m.type_text(SMALL).await;
    m.click("#check-btn").await;
    assert!(m.get("#share").is_some(), "a share panel after a check");
    assert!(m.get("#share-link").is_none(), "no link without an address");
    assert!(m.text("#share-no-url").contains("没有网址"));
    m.unmount();
}

#[wasm_bindgen_test]
async fn the_embed_page_without_a_report_says_what_it_needs() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let app = yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            lang: Some(Lang::En),
            embed: true,
        },
    )
    .render();
    yew::scheduler::flush().await;
    let m = Mounted { root, app };
    assert!(m.get("#input").is_none(), "no input box in an embed");
    assert!(m.get("header").is_none(), "no header in an embed");
    assert!(m.text("#input-problem").contains("embed.html?src="));
    m.unmount();
}

#[wasm_bindgen_test]
async fn paste_then_check_renders_the_verdict() {
    let m = Mounted::new().await;
    assert!(m.get("#verdict").is_none(), "no verdict before a check");
    m.type_text(SMALL).await;
    assert!(m.get("#verdict").is_none(), "typing does not check");
    m.click("#check-btn").await;
    let verdict = m.text("#verdict");
    assert!(verdict.contains("共核对"), "verdict: {verdict}");
    assert!(!verdict.contains("没有问题"), "verdict: {verdict}");
    assert_eq!(m.textarea().value(), SMALL, "the text stays in the box");
    m.unmount();
}

#[wasm_bindgen_test]
async fn empty_input_shows_the_readers_message_and_keeps_the_text() {
    let m = Mounted::new().await;
    m.type_text("   \n ").await;
    m.click("#check-btn").await;
    let problem = m.text("#input-problem");
    assert!(
        problem.contains(hezhang_core::InputError::Empty.message(Lang::Zh)),
        "{problem}"
    );
    assert_eq!(m.textarea().value(), "   \n ");
    m.unmount();
}

#[wasm_bindgen_test]
async fn unrecognised_text_shows_the_message_in_english_after_switching() {
    let m = Mounted::new().await;
    m.type_text("hello, world").await;
    m.click("#check-btn").await;
    m.click("#lang-en").await;
    let problem = m.text("#input-problem");
    assert!(
        problem.contains(hezhang_core::InputError::NotRecognised.message(Lang::En)),
        "{problem}"
    );
    assert_eq!(m.textarea().value(), "hello, world");
    assert_eq!(m.text("#check-btn").trim(), "Check");
    m.unmount();
}

#[wasm_bindgen_test]
async fn language_switch_keeps_the_text_and_rechecks() {
    let m = Mounted::new().await;
    m.type_text(SAMPLE).await;
    m.click("#check-btn").await;
    assert!(m.text("#verdict").contains("共核对"));
    m.click("#lang-en").await;
    let verdict = m.text("#verdict");
    assert!(verdict.contains("ran"), "English verdict: {verdict}");
    assert_eq!(m.textarea().value(), SAMPLE);
    m.click("#lang-zh-CN").await;
    assert!(m.text("#verdict").contains("共核对"));
    m.unmount();
}

#[wasm_bindgen_test]
async fn choosing_a_finding_focuses_its_cell() {
    let m = Mounted::new().await;
    m.type_text(SAMPLE).await;
    m.click("#check-btn").await;
    if m.get("#finding-0").is_none() {
        // No findings in this report (yet): nothing to choose.
        m.unmount();
        return;
    }
    m.click("#finding-0").await;
    let doc = web_sys::window().unwrap().document().unwrap();
    let active = doc.active_element().map(|e| e.id()).unwrap_or_default();
    assert!(
        active.starts_with("cell-") || active == "finding-detail",
        "focus is on {active:?}"
    );
    assert!(m.get("#finding-detail").is_some());
    m.unmount();
}
