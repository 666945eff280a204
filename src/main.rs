//! The web app's entry point. Trunk builds it for wasm32 (`./scripts/serve.sh`).

#[cfg(target_arch = "wasm32")]
fn main() {
    hezhang_web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "hezhang-web is the browser app: run ./scripts/serve.sh and open http://127.0.0.1:8080/.\n\
         The command line is: cargo run --release --quiet --bin hezhang -- check FILE"
    );
}
