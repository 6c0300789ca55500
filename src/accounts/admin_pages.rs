//! The admin's account page: find accounts, change roles, create colleagues' accounts.
use super::admin_api::{ChangeRole, CreateAccount, list_accounts};
use super::domain::{AccountPage, AccountRow, Role};
use crate::centres::api::list_centres;
use crate::centres::domain::CentreSummary;
use crate::error::Field;
use crate::i18n::*;
use crate::ui::PageTitle;
use crate::ui::{FieldError, FormError, Loading, form_done, form_error, load, result_view};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

pub fn role_label(i18n: leptos_i18n::I18nContext<Locale>, role: Role) -> String {
    match role {
        Role::Resident => t_string!(i18n, role_resident),
        Role::Staff => t_string!(i18n, role_staff),
        Role::Stakeholder => t_string!(i18n, role_stakeholder),
        Role::Admin => t_string!(i18n, role_admin),
    }
    .to_string()
}

#[component]
fn RoleSelect(id: String, roles: &'static [Role], #[prop(optional)] selected: Option<Role>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select id=id name="role" required>
            {roles
                .iter()
                .map(|&role| {
                    view! {
                        <option value=role.slug() selected=selected == Some(role)>
                            {move || role_label(i18n, role)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

/// Operating and planned centres; only staff and stakeholders need one.
#[component]
fn CentreSelect(id: String, centres: Vec<CentreSummary>, #[prop(optional)] selected: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select id=id name="centre">
            <option value="">{text!(i18n, no_centre)}</option>
            {centres
                .into_iter()
                .map(|centre| {
                    let is_selected = selected.as_deref() == Some(centre.slug.as_str());
                    let name = centre.name;
                    view! {
                        <option value=centre.slug selected=is_selected>
                            {move || name.get(i18n.get_locale()).to_owned()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

#[component]
pub fn AdminAccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let search = Memo::new(move |_| query.read().get("search").filter(|value| !value.is_empty()));
    let page = Memo::new(move |_| query.read().get("page"));
    let create = ServerAction::<CreateAccount>::new();
    let change = ServerAction::<ChangeRole>::new();
    let accounts = load(move || (search.get(), page.get()), |(search, page)| list_accounts(search, page));
    let centres = load(|| (), |_| list_centres(None));
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, admin_accounts_title), t_string!(i18n, site_name)) />
        <h1>{text!(i18n, admin_accounts_title)}</h1>
        <form method="get" action="/admin/accounts" class="filters">
            <div class="filter">
                <label for="search">{text!(i18n, search_label)}</label>
                <input id="search" name="search" type="search" maxlength="100" value=move || search.get() />
            </div>
            <button type="submit" class="button">{text!(i18n, search_button)}</button>
        </form>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let centres = centres.await.unwrap_or_default();
                let list = accounts.await;
                view! {
                    {result_view(list, {
                        let centres = centres.clone();
                        move |list| view! { <AccountTable list centres change /> }
                    })}
                    <CreateAccountForm centres create />
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountTable(list: AccountPage, centres: Vec<CentreSummary>, change: ServerAction<ChangeRole>) -> impl IntoView {
    let i18n = use_i18n();
    let error = form_error(change);
    let total = list.total;
    view! {
        <p class="result-count" aria-live="polite">{t!(i18n, accounts_found, count = total)}</p>
        <FormError fields=&[] error />
        <div class="table-scroll">
            <table class="accounts">
                <thead>
                    <tr>
                        <th scope="col">{text!(i18n, display_name_label)}</th>
                        <th scope="col">{text!(i18n, login_label)}</th>
                        <th scope="col">{text!(i18n, role_label)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .accounts
                        .into_iter()
                        .map(|account| view! { <AccountRowView account centres=centres.clone() change /> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <FieldError field=Field::Role error />
        {(list.pages > 1).then(|| {
            let (page, pages) = (list.page, list.pages);
            view! {
                <nav class="pager" aria-label=text!(i18n, pages_label)>
                    {(page > 1).then(|| view! { <A href=format!("/admin/accounts?page={}", page - 1)>"←"</A> })}
                    <span>{t!(i18n, page_of, page, total = pages)}</span>
                    {(page < pages).then(|| view! { <A href=format!("/admin/accounts?page={}", page + 1)>"→"</A> })}
                </nav>
            }
        })}
    }
}

#[component]
fn AccountRowView(account: AccountRow, centres: Vec<CentreSummary>, change: ServerAction<ChangeRole>) -> impl IntoView {
    let i18n = use_i18n();
    let roles: &'static [Role] =
        if account.is_resident { &Role::ALL } else { &[Role::Staff, Role::Stakeholder, Role::Admin] };
    let role_id = format!("role-{}", account.id);
    let centre_id = format!("centre-{}", account.id);
    view! {
        <tr data-testid=format!("account-{}", account.login)>
            <td>{account.display_name}</td>
            <td>{account.login.clone()}</td>
            <td>
                <ActionForm action=change attr:class="inline-form role-form">
                    <input type="hidden" name="user_id" value=account.id />
                    <label class="visually-hidden" for=role_id.clone()>{text!(i18n, role_label)}</label>
                    <RoleSelect id=role_id roles selected=account.role />
                    <label class="visually-hidden" for=centre_id.clone()>{text!(i18n, centre_label)}</label>
                    <CentreSelect id=centre_id centres selected=account.centre_slug.unwrap_or_default() />
                    <button type="submit" class="button button-small">{text!(i18n, save)}</button>
                </ActionForm>
            </td>
        </tr>
    }
}

const CREATE_FIELDS: &[Field] = &[Field::Login, Field::DisplayName, Field::Role, Field::Centre, Field::Password];

#[component]
fn CreateAccountForm(centres: Vec<CentreSummary>, create: ServerAction<CreateAccount>) -> impl IntoView {
    let i18n = use_i18n();
    let error = form_error(create);
    let created = form_done(create);
    view! {
        <section class="panel narrow">
            <h2>{text!(i18n, create_account_title)}</h2>
            <p>{text!(i18n, create_account_text)}</p>
            <ActionForm action=create attr:class="stack-form">
                <label for="new-display_name">{text!(i18n, display_name_label)}</label>
                <input id="new-display_name" name="display_name" type="text" required maxlength="120" />
                <FieldError field=Field::DisplayName error />
                <label for="new-login">{text!(i18n, login_label)}</label>
                <input id="new-login" name="login" type="text" required maxlength="254" autocomplete="off" />
                <FieldError field=Field::Login error />
                <label for="new-role">{text!(i18n, role_label)}</label>
                <RoleSelect id="new-role".to_owned() roles=&[Role::Staff, Role::Stakeholder, Role::Admin] />
                <FieldError field=Field::Role error />
                <label for="new-centre">{text!(i18n, centre_label)}</label>
                <CentreSelect id="new-centre".to_owned() centres />
                <FieldError field=Field::Centre error />
                <label for="new-password">{text!(i18n, first_password_label)}</label>
                <input id="new-password" name="password" type="password" required minlength="8" maxlength="128"
                    autocomplete="new-password" />
                <FieldError field=Field::Password error />
                <FormError fields=CREATE_FIELDS error />
                {move || created.get().then(|| view! { <p class="notice notice-ok" role="status">{text!(i18n, account_created)}</p> })}
                <button type="submit" class="button">{text!(i18n, create_account_submit)}</button>
            </ActionForm>
        </section>
    }
}
