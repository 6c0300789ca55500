//! Sign-in page and the account menu in the header.
use super::api::{ChangePassword, SignIn, SignOut, who_am_i};
use super::domain::Role;
use crate::i18n::*;
use crate::ui::PageTitle;
use crate::ui::{ErrorNotice, PageDescription, form_done_from_url, form_error_from_url, load};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The sign-in page, sending the user back to `path` (a page of this site) once signed in.
pub fn sign_in_returning_to(path: &str) -> String {
    let next: String = form_urlencoded::byte_serialize(path.as_bytes()).collect();
    format!("/sign-in?next={next}")
}

/// Who is signed in, with their links and the sign-out button (a plain form post: the page it
/// comes back to, and every page after, is rendered for the new state).
#[component]
pub fn AccountMenu() -> impl IntoView {
    let i18n = use_i18n();
    let sign_out = ServerAction::<SignOut>::new();
    let user = load(|| (), |_| who_am_i());
    view! {
        <div class="account-menu">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(user)) => {
                            let name = user.display_name;
                            Either::Left(view! {
                                <A href="/account" attr:class="signed-in" attr:data-testid="signed-in">
                                    {t!(i18n, signed_in_as, name)}
                                </A>
                                {(user.role == Role::Resident)
                                    .then(|| {
                                        view! {
                                            <A href="/account/courses">{text!(i18n, my_courses_title)}</A>
                                            <A href="/account/card">{text!(i18n, card_title)}</A>
                                        }
                                    })}
                                {matches!(user.role, Role::Staff | Role::Admin)
                                    .then(|| {
                                        view! {
                                            <A href="/staff/courses">{text!(i18n, staff_courses_title)}</A>
                                            <A href="/staff/desk">{text!(i18n, desk_title)}</A>
                                            <A href="/staff/bookings">{text!(i18n, booking_desk_title)}</A>
                                        }
                                    })}
                                {matches!(user.role, Role::Resident | Role::Staff | Role::Admin)
                                    .then(|| view! { <A href="/account/bookings">{text!(i18n, my_bookings_title)}</A> })}
                                {(user.role == Role::Stakeholder)
                                    .then(|| view! { <A href="/quiz/visitor">{text!(i18n, quiz_visitor_title)}</A> })}
                                {matches!(user.role, Role::Stakeholder | Role::Admin)
                                    .then(|| view! { <A href="/quiz/sessions">{text!(i18n, quiz_sessions_title)}</A> })}
                                {matches!(user.role, Role::Staff | Role::Stakeholder | Role::Admin)
                                    .then(|| view! { <A href="/dashboard">{text!(i18n, dashboard_title)}</A> })}
                                {(user.role == Role::Admin)
                                    .then(|| view! { <A href="/admin/accounts">{text!(i18n, admin_accounts_title)}</A> })}
                                <ActionForm action=sign_out attr:class="inline-form">
                                    <button type="submit" class="link-button">{text!(i18n, sign_out)}</button>
                                </ActionForm>
                            })
                        }
                        _ => Either::Right(view! {
                            <A href="/sign-in">{text!(i18n, sign_in)}</A>
                            <A href="/register">{text!(i18n, register_link)}</A>
                        }),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let sign_in = ServerAction::<SignIn>::new();
    let error = form_error_from_url(<SignIn as ServerFn>::PATH);
    // Where to go once signed in (`?next=`, e.g. the page whose Enrol button sent the user here);
    // the server follows only paths on this site.
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, sign_in_title), t_string!(i18n, site_name)) />
        <PageDescription text=Signal::derive(move || t_string!(i18n, meta_sign_in).to_string()) />
        <section class="narrow">
            <h1>{text!(i18n, sign_in_title)}</h1>
            <p class="lead">{text!(i18n, sign_in_lead)}</p>
            <ActionForm action=sign_in attr:class="stack-form">
                <input type="hidden" name="next" value=next />
                <label for="login">{text!(i18n, login_label)}</label>
                <input id="login" name="login" type="text" autocomplete="username" required maxlength="254" />
                <label for="password">{text!(i18n, password_label)}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    maxlength="128"
                />
                <button type="submit" class="button">{text!(i18n, sign_in)}</button>
            </ActionForm>
            {move || error.get().map(|error| view! { <ErrorNotice error /> })}
        </section>
    }
}

/// Change password: signed-in users only (the server function refuses visitors with 401).
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let change = ServerAction::<ChangePassword>::new();
    let result = change.value();
    let error_from_plain_form = form_error_from_url(<ChangePassword as ServerFn>::PATH);
    let done_by_plain_form = form_done_from_url(<ChangePassword as ServerFn>::PATH);
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, change_password_title), t_string!(i18n, site_name)) />
        <section class="narrow">
            <h1>{text!(i18n, change_password_title)}</h1>
            <p class="lead">{text!(i18n, change_password_lead)}</p>
            <ActionForm action=change attr:class="stack-form">
                <label for="current_password">{text!(i18n, current_password_label)}</label>
                <input
                    id="current_password"
                    name="current_password"
                    type="password"
                    autocomplete="current-password"
                    required
                    maxlength="128"
                />
                <label for="new_password">{text!(i18n, new_password_label)}</label>
                <input
                    id="new_password"
                    name="new_password"
                    type="password"
                    autocomplete="new-password"
                    required
                    minlength="8"
                    maxlength="128"
                />
                <button type="submit" class="button">{text!(i18n, change_password_submit)}</button>
            </ActionForm>
            {move || {
                // From the client's call, else from the redirect after a plain form post.
                let outcome = match result.get() {
                    Some(outcome) => Some(outcome),
                    None if done_by_plain_form.get() => Some(Ok(())),
                    None => error_from_plain_form.get().map(Err),
                };
                outcome.map(|outcome| match outcome {
                    Ok(()) => Either::Left(view! {
                        <p class="notice notice-ok" role="status">{text!(i18n, password_changed)}</p>
                    }),
                    Err(error) => Either::Right(view! { <ErrorNotice error /> }),
                })
            }}
        </section>
    }
}
