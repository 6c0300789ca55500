use super::LanguageSwitcher;
use crate::accounts::pages::{AccountMenu, provide_auth_actions};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

/// Header with navigation and language switch, the page's main landmark, and the footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    provide_auth_actions();
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href="/">
                    <img src="/logo.svg" alt="" width="32" height="32" />
                    <span>{t!(i18n, site_name)}</span>
                </a>
                <div class="header-tools">
                    <AccountMenu />
                    <LanguageSwitcher />
                </div>
            </div>
            <nav class="wrap main-nav" aria-label=move || t_string!(i18n, nav_label).to_string()>
                <A href="/" exact=true>{t!(i18n, nav_home)}</A>
                <A href="/courses">{t!(i18n, nav_catalogue)}</A>
                <A href="/rooms">{t!(i18n, nav_rooms)}</A>
                <A href="/centres">{t!(i18n, nav_centres)}</A>
            </nav>
        </header>
        <main id="main" class="wrap" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="wrap">
                <p>{t!(i18n, footer_about)}</p>
                <p>{t!(i18n, footer_time)}</p>
            </div>
        </footer>
    }
}
