//! Client-only entry point for `trunk serve`: renders the same App in the browser, while server
//! functions are proxied to a running SSR server (see Trunk.toml).
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(youth_centres::app::App);
}
