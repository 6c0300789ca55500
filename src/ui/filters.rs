use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::Form;

/// One option of a filter: its URL value and its (translated) label.
pub type FilterOption = (String, Signal<String>);

/// A labelled `<select>` inside a GET filter form. Without WASM the form's submit button applies
/// it; with WASM a change submits the form at once, and the router turns that into a client-side
/// navigation that updates the URL and the results without a reload.
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
            <select id=id name=name on:change=submit_enclosing_form>
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

/// Submits the form an input belongs to, so a change applies at once (a GET form: the browser
/// loads the filtered page, exactly as the "Show" button does without WASM).
pub fn submit_enclosing_form(event: leptos::ev::Event) {
    use wasm_bindgen::JsCast;
    if let Some(form) =
        event.target().and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok()).and_then(|element| {
            element
                .clone()
                .dyn_into::<web_sys::HtmlSelectElement>()
                .ok()
                .and_then(|select| select.form())
                .or_else(|| element.dyn_into::<web_sys::HtmlInputElement>().ok().and_then(|input| input.form()))
        })
    {
        let _ = form.request_submit();
    }
}

/// A GET filter form for `action`: its selects, plus the "Show" button that only browsers without
/// WASM need (CSS hides it after hydration).
#[component]
pub fn FilterForm(action: &'static str, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <SubmitsOnChange>
            <Form method="GET" action noscroll=true attr:class="filters">
                {children()}
                <button type="submit" class="button no-js-only">{text!(i18n, apply_filter)}</button>
            </Form>
        </SubmitsOnChange>
    }
}

/// Filter forms whose fields apply as soon as they change. With the whole page hydrated each field
/// has its own `on:change` (and the router's `Form` loads the results without a reload); in islands
/// mode (feature `islands`) the form is server-rendered HTML, so [`SubmitOnChangeIsland`] listens
/// around it instead.
#[component]
pub fn SubmitsOnChange(children: Children) -> impl IntoView {
    #[cfg(feature = "islands")]
    return view! { <SubmitOnChangeIsland>{children()}</SubmitOnChangeIsland> };
    #[cfg(not(feature = "islands"))]
    children()
}

/// Submits the form a changed field belongs to. An island cannot attach handlers to its children
/// (they stay server-rendered), so it listens on a wrapper: `change` bubbles up from every field.
/// Only in islands mode: with the whole page hydrated it would leave the form unhydrated.
#[cfg(feature = "islands")]
#[island]
fn SubmitOnChangeIsland(children: Children) -> impl IntoView {
    view! { <div class="submits-on-change" on:change=submit_enclosing_form>{children()}</div> }
}
