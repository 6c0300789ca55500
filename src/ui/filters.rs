use crate::i18n::*;
use leptos::prelude::*;

/// One option of a filter: its URL value and its (translated) label.
pub type FilterOption = (String, Signal<String>);

/// A labelled `<select>` inside a [`FilterForm`]. Without WASM the form's "Show" button applies it;
/// with WASM a change loads the filtered page at once ([`SubmitsOnChange`]).
#[component]
pub fn FilterSelect(
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] all_label: Signal<String>,
    options: Vec<FilterOption>,
    selected: Memo<Option<String>>,
) -> impl IntoView {
    let id = format!("{name}-filter");
    view! {
        <div class="filter">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="" selected=move || selected.get().is_none()>
                    {all_label}
                </option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = {
                            let value = value.clone();
                            move || selected.get().as_deref() == Some(value.as_str())
                        };
                        view! {
                            <option value=value selected=is_selected>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The form around the element an event happened on (a field, or the form itself).
fn form_of_event(event: &leptos::ev::Event) -> Option<web_sys::HtmlFormElement> {
    use wasm_bindgen::JsCast;
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("form").ok().flatten())
        .and_then(|form| form.dyn_into::<web_sys::HtmlFormElement>().ok())
}

/// A GET filter form for `action`: its selects, plus the "Show" button that only browsers without
/// WASM need (CSS hides it after hydration).
#[component]
pub fn FilterForm(action: &'static str, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <SubmitsOnChange>
            // `autocomplete="off"`: going back to a page loads it with the fields its URL gives,
            // not the ones the browser would restore from before a change loaded the next page.
            <form method="get" action=action class="filters" autocomplete="off">
                {children()}
                <button type="submit" class="button no-js-only">{text!(i18n, apply_filter)}</button>
            </form>
        </SubmitsOnChange>
    }
}

/// Filter forms whose fields apply as soon as they change: it loads the filtered page when a field
/// of a form inside changes, or the form is sent. An island cannot attach handlers to its children
/// (they stay server-rendered HTML), so it listens on a wrapper: `change` and `submit` bubble up to
/// it.
#[cfg_attr(not(feature = "csr"), island)]
#[cfg_attr(feature = "csr", component)]
pub fn SubmitsOnChange(children: Children) -> impl IntoView {
    let wrapper = NodeRef::<leptos::html::Div>::new();
    // Effects run in the browser only.
    Effect::new(move |_| {
        if let Some(wrapper) = wrapper.get() {
            open_panels_on_wide_screens(&wrapper);
        }
        reopen_after_load();
        // A page the browser kept whole while the next one loaded (its back-forward cache) comes
        // back with the fields as they were changed; reset, they show its own URL's filters.
        let handle = window_event_listener(leptos::ev::pageshow, move |event| {
            if let (true, Some(wrapper)) = (event.persisted(), wrapper.get_untracked()) {
                reset_forms(&wrapper);
            }
        });
        on_cleanup(move || handle.remove());
    });
    let on_submit = |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        load_filtered(&event);
    };
    view! {
        <div class="submits-on-change" node_ref=wrapper on:change=|event| load_filtered(&event) on:submit=on_submit>
            {children()}
        </div>
    }
}

/// Screens at least this wide show the filter fields open (the same width as the stylesheet's rule).
const WIDE_SCREEN_PX: f64 = 760.0;

/// On a wide screen the stylesheet shows a filter panel's fields open and hides its button; this
/// opens the `<details>` too, for browsers without `::details-content`.
fn open_panels_on_wide_screens(element: &web_sys::Element) {
    let wide = window().inner_width().ok().and_then(|width| width.as_f64()).is_some_and(|px| px >= WIDE_SCREEN_PX);
    if !wide {
        return;
    }
    if let Ok(panels) = element.query_selector_all("details.filter-panel") {
        for index in 0..panels.length() {
            if let Some(panel) =
                panels.item(index).and_then(|panel| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(panel).ok())
            {
                let _ = panel.set_attribute("open", "");
            }
        }
    }
}

/// The sessionStorage key naming a `<details>` to open again on the page a filter loads.
const REOPEN_KEY: &str = "reopen-after-filter";

/// Goes to the form's address with its filled fields only (`?district=almaly`, not every empty
/// field as the browser sends them), so the address is the short one to share. A `<details>` the
/// fields were open in is opened again on the new page ([`reopen_after_load`]).
fn load_filtered(event: &leptos::ev::Event) {
    use wasm_bindgen::JsCast;
    let Some(form) = form_of_event(event) else { return };
    let mut query = form_urlencoded::Serializer::new(String::new());
    if let Ok(fields) = form.query_selector_all("input[name], select[name]") {
        for index in 0..fields.length() {
            let Some(field) = fields.item(index) else { continue };
            let (name, value) = if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
                let kind = input.type_();
                if kind == "submit" || (matches!(kind.as_str(), "checkbox" | "radio") && !input.checked()) {
                    continue;
                }
                (input.name(), input.value())
            } else if let Some(select) = field.dyn_ref::<web_sys::HtmlSelectElement>() {
                (select.name(), select.value())
            } else {
                continue;
            };
            if !value.trim().is_empty() {
                query.append_pair(&name, &value);
            }
        }
    }
    let query = query.finish();
    let action = form.action();
    let href = if query.is_empty() { action } else { format!("{action}?{query}") };
    let open_panel = form.query_selector("details[open][id]").ok().flatten().map(|details| details.id());
    if let (Some(id), Ok(Some(storage))) = (open_panel, window().session_storage()) {
        let _ = storage.set_item(REOPEN_KEY, &id);
    }
    let _ = window().location().set_href(&href);
}

/// Puts every form inside `element` back to the values the server rendered.
fn reset_forms(element: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    if let Ok(forms) = element.query_selector_all("form") {
        for index in 0..forms.length() {
            if let Some(form) = forms.item(index).and_then(|form| form.dyn_into::<web_sys::HtmlFormElement>().ok()) {
                form.reset();
            }
        }
    }
}

/// Opens the `<details>` that [`load_filtered`] noted, so fields open on a phone stay open.
fn reopen_after_load() {
    let Ok(Some(storage)) = window().session_storage() else { return };
    if let Ok(Some(id)) = storage.get_item(REOPEN_KEY) {
        let _ = storage.remove_item(REOPEN_KEY);
        if let Some(details) = document().get_element_by_id(&id) {
            let _ = details.set_attribute("open", "");
        }
    }
}
