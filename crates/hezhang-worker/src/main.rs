//! The ingest worker's entry point: Trunk builds it for wasm32 as a Web Worker
//! (`index.html`, `data-type="worker"`, loader shim `hezhang-worker_loader.js`).

#[cfg(target_arch = "wasm32")]
fn main() {
    use hezhang_ingest::protocol::{Reason, Reply};
    use hezhang_worker::{Request, TestAction};
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};

    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let out = scope.clone();
    let post = move |r: &Reply| {
        let _ = out.post_message(&JsValue::from_str(&r.encode()));
    };
    let ready = post.clone();
    let onmessage =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            let field = |k: &str| js_sys::Reflect::get(&data, &JsValue::from_str(k)).ok();
            let req = field("req")
                .and_then(|v| v.as_string())
                .and_then(|s| hezhang_worker::parse(&s));
            let Some(Request::Read { test, .. }) = req else {
                post(&Reply::Failed(Reason::Unsupported.into()));
                return;
            };
            match test {
                // End-to-end tests only (see `TestAction`): a trap, as a panic is on wasm32 …
                Some(TestAction::Trap) => std::process::abort(),
                // … and a worker that never answers.
                Some(TestAction::Hang) => loop {
                    std::hint::spin_loop();
                },
                None => {}
            }
            let bytes = field("bytes")
                .filter(|b| b.is_instance_of::<js_sys::ArrayBuffer>())
                .map(|b| js_sys::Uint8Array::new(&b).to_vec())
                .unwrap_or_default();
            hezhang_worker::read(&bytes, &mut |r| post(r));
        });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The worker lives as long as its scope.
    onmessage.forget();
    // Messages posted before this point would have found no listener: say we listen.
    ready(&Reply::Ready);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "hezhang-worker is the web app's file reader and runs as a Web Worker in the browser \
         (./scripts/serve.sh). The command line is: cargo run --release --quiet --bin hezhang -- check FILE"
    );
}
