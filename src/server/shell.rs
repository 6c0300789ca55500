//! The HTML document around the app: head, styles, the client's scripts and the page's security
//! policy.
use crate::app::App;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags};
use std::path::PathBuf;

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    if let (Some(nonce), Some(response)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
        && let Ok(policy) = axum::http::HeaderValue::from_str(&crate::server::security::content_security_policy(&nonce))
    {
        response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, policy);
    }
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b6e4f" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HashedStylesheet options=options.clone() id="leptos" />
                <IslandsAfterFirstPaint options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The client's start (`islands.js`): the client is fetched after the first paint, not preloaded at
/// high priority from the head (the server-rendered page is complete and usable without it, so on a
/// slow phone network its text comes first), hydrates each island of the page, then marks the body.
/// Hand-written because Leptos's island script says nothing when the islands (lazy ones load their
/// code first) are ready.
#[component]
fn IslandsAfterFirstPaint(options: LeptosOptions) -> impl IntoView {
    // Rendering nothing of Leptos's own component but keeping what it does on the server: the
    // lazy islands' split manifest, and the end of hydration keys for an islands page.
    let _leptos_island_scripts = view! { <HydrationScripts options=options.clone() islands=true /> };
    let (js_file, wasm_file) = client_file_names(&options);
    let pkg = format!("/{}", options.site_pkg_dir);
    let script =
        format!("{}({:?},{:?});", include_str!("islands.js"), format!("{pkg}/{wasm_file}"), format!("{pkg}/{js_file}"));
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{script}</script> }
}

/// The client's JS and WASM file names, with the content hashes the release build lists in its hash
/// file beside the server binary (read once; Leptos's `HydrationScripts` reads it on every page).
fn client_file_names(options: &LeptosOptions) -> (String, String) {
    static NAMES: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            let name = options.output_name.to_string();
            let hashes = options
                .hash_files
                .then(|| hash_file(options))
                .flatten()
                .and_then(|hash_file| std::fs::read_to_string(hash_file).ok())
                .unwrap_or_default();
            let hash_of = |kind: &str| {
                hashes.lines().find_map(|line| {
                    let (file, hash) = line.trim().split_once(':')?;
                    (file == kind).then(|| hash.trim().to_string())
                })
            };
            match (hash_of("js"), hash_of("wasm")) {
                (Some(js_hash), Some(wasm_hash)) => {
                    (format!("{name}.{js_hash}.js"), format!("{name}.{wasm_hash}.wasm"))
                }
                // Unhashed names, as Leptos's `HydrationScripts` makes them without a hash file.
                _ => {
                    let wasm_suffix = if option_env!("LEPTOS_OUTPUT_NAME").is_some() { "" } else { "_bg" };
                    (format!("{name}.js"), format!("{name}{wasm_suffix}.wasm"))
                }
            }
        })
        .clone()
}

/// Where the release build lists the client's content hashes: beside the server binary.
pub fn hash_file(options: &LeptosOptions) -> Option<PathBuf> {
    std::env::current_exe().ok()?.parent().map(|dir| dir.join(&*options.hash_file))
}
