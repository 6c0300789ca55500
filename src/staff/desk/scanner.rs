//! Scanning a card's QR code with the tablet's camera, where the browser has `BarcodeDetector`
//! (Chromium on Android, ChromeOS and macOS) and the page is served over HTTPS. Typing or pasting
//! the number or link always works; this only adds a button where scanning can work.
use crate::i18n::*;
use leptos::prelude::*;

/// Whether this browser can scan: checked after hydration, so the server and the first client
/// render agree (no button) and browsers without a detector never show one.
fn scanning_possible() -> bool {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window().is_some_and(|window| {
            window.is_secure_context()
                && js_sys::Reflect::has(&window, &"BarcodeDetector".into()).unwrap_or(false)
                && js_sys::Reflect::has(&window.navigator(), &"mediaDevices".into()).unwrap_or(false)
        })
    }
    #[cfg(not(feature = "hydrate"))]
    {
        false
    }
}

#[component]
pub fn CameraScan(centre: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let possible = RwSignal::new(false);
    let scanning = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let video = NodeRef::<leptos::html::Video>::new();
    let centre = StoredValue::new(centre);
    Effect::new(move |_| possible.set(scanning_possible()));
    let start = move |_| {
        failed.set(false);
        scanning.set(true);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            if scan(video, centre.get_value(), scanning).await.is_err() {
                failed.set(true);
            }
            scanning.set(false);
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (video, centre);
    };
    view! {
        <Show when=move || possible.get()>
            <div class="desk-scan">
                <button type="button" class="button button-secondary desk-button" on:click=start hidden=move || scanning.get()>
                    {text!(i18n, desk_scan)}
                </button>
                <button type="button" class="button button-secondary" on:click=move |_| scanning.set(false) hidden=move || !scanning.get()>
                    {text!(i18n, desk_scan_stop)}
                </button>
                <video node_ref=video class="desk-video" autoplay playsinline muted hidden=move || !scanning.get() aria-label=move || t_string!(i18n, desk_scan)></video>
                {move || failed.get().then(|| view! { <p class="notice notice-refusal" role="alert">{text!(i18n, desk_scan_failed)}</p> })}
            </div>
        </Show>
    }
}

/// Shows the back camera in the page and looks for a QR code four times a second until one is
/// found (then opens the desk for it) or staff stop; the camera is released either way.
#[cfg(feature = "hydrate")]
async fn scan(
    video: NodeRef<leptos::html::Video>,
    centre: Option<String>,
    scanning: RwSignal<bool>,
) -> Result<(), wasm_bindgen::JsValue> {
    use js_sys::{Array, Function, Object, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let constraints = web_sys::MediaStreamConstraints::new();
    let camera = Object::new();
    Reflect::set(&camera, &"facingMode".into(), &"environment".into())?;
    constraints.set_video(&camera);
    let request = window.navigator().media_devices()?.get_user_media_with_constraints(&constraints)?;
    let stream: web_sys::MediaStream = JsFuture::from(request).await?.dyn_into()?;
    let element = video.get_untracked().ok_or(JsValue::NULL)?;
    element.set_src_object(Some(&stream));
    let _ = element.play();
    let options = Object::new();
    Reflect::set(&options, &"formats".into(), &Array::of1(&"qr_code".into()))?;
    let detector_class: Function = Reflect::get(&window, &"BarcodeDetector".into())?.dyn_into()?;
    let detector = Reflect::construct(&detector_class, &Array::of1(&options))?;
    let detect: Function = Reflect::get(&detector, &"detect".into())?.dyn_into()?;
    let mut found = None;
    while found.is_none() && scanning.get_untracked() {
        gloo_timers::future::TimeoutFuture::new(250).await;
        // HAVE_CURRENT_DATA: a frame to look at.
        if element.ready_state() < 2 {
            continue;
        }
        let codes: Array =
            JsFuture::from(detect.call1(&detector, &element)?.dyn_into::<Promise>()?).await?.dyn_into()?;
        found = codes.iter().find_map(|code| Reflect::get(&code, &"rawValue".into()).ok()?.as_string());
    }
    for track in stream.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
            track.stop();
        }
    }
    element.set_src_object(None);
    if let Some(code) = found {
        window.location().set_href(&super::pages::desk_link(&centre, &code))?;
    }
    Ok(())
}
