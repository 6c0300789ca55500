use crate::i18n::*;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What a [`PrintButton`] prints, which names it. An island's props travel from the server to the
/// browser as JSON, so the label is chosen here rather than passed as a view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Printable {
    Card,
    QuizResult,
}

/// A button that opens the browser's print dialog. Only a script can do that, so the button is
/// hidden until the client runs (`js-only`). An island: all of its page that the client runs.
#[cfg_attr(not(feature = "csr"), island)]
#[cfg_attr(feature = "csr", component)]
pub fn PrintButton(printable: Printable) -> impl IntoView {
    let i18n = use_i18n();
    let label = match printable {
        Printable::Card => text!(i18n, print_card),
        Printable::QuizResult => text!(i18n, quiz_print),
    };
    view! {
        <button type="button" class="button js-only" on:click=|_| { let _ = window().print(); }>
            {label}
        </button>
    }
}
