//! Form errors shown where the user looks: next to the field at fault, or above the submit button.
use super::{ErrorNotice, error_message, form_done_from_url, form_error_from_url};
use crate::error::{AppError, Field};
use crate::i18n::*;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The last error of a form's server function, whether it was posted by the WASM client (the
/// action's value) or as a plain HTML form (the error Leptos put into the URL).
pub fn form_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let from_url = form_error_from_url(S::PATH);
    let value = action.value();
    Signal::derive(move || match value.get() {
        Some(Err(error)) => Some(error),
        Some(Ok(_)) => None,
        None => from_url.get(),
    })
}

/// Whether the form's server function last succeeded, posted by the WASM client (the action's
/// value) or as a plain HTML form (the mark the server put into the redirect back).
pub fn form_done<S>(action: ServerAction<S>) -> Signal<bool>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let from_url = form_done_from_url(S::PATH);
    let value = action.value();
    Signal::derive(move || match value.get() {
        Some(result) => result.is_ok(),
        None => from_url.get(),
    })
}

fn is_about(error: &AppError, field: Field) -> bool {
    matches!(error, AppError::InvalidInput { field: at_fault, .. } if *at_fault == field)
}

/// The message for `field`, under its input (`aria-describedby="<field>-error"` points here).
#[component]
pub fn FieldError(field: Field, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().filter(|error| is_about(error, field)).map(|error| {
            view! {
                <p class="field-error" id=format!("{}-error", field.as_str()) role="alert">
                    {error_message(i18n, &error)}
                </p>
            }
        })
    }
}

/// Errors that belong to no field shown on the form (`fields`), e.g. "sign in first".
#[component]
pub fn FormError(fields: &'static [Field], error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error
            .get()
            .filter(|error| !fields.iter().any(|field| is_about(error, *field)))
            .map(|error| view! { <ErrorNotice error /> })
    }
}
