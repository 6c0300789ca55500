//! The application (the HTML document around it is [`crate::server::shell`]), every route (pages here, plain downloads in [`plain_routes`]) and the
//! home page. Pages made of two rooms' parts are put together here, so neither room imports the other.
use crate::accounts::admin_pages::AdminAccountsPage;
use crate::accounts::pages::{AccountMenu, ChangePasswordPage, SignInPage};
use crate::booking::pages::{BookingDeskPage, MyBookingsPage, RoomUsagePage, RoomWeekPage};
use crate::calendar::pages::CalendarLinkSection;
use crate::catalogue::course::pages::CourseDetailPage;
use crate::catalogue::search::pages::CoursesPage;
use crate::centres::pages::{CentreDetailPage, CentresPage, RoomsPage};
use crate::dashboard::pages::DashboardPage;
use crate::enrolment::pages::MyCoursesPage;
use crate::i18n::*;
use crate::quiz::pages::{MyQuizResults, QuizPage, QuizResultPage, QuizSessionsPage, QuizVisitorPage};
use crate::residents::pages::{AccountPage, CardCheckPage, CardPage, RegisterPage};
use crate::staff::courses::pages::{EditCoursePage, NewCoursePage, StaffCoursesPage};
use crate::staff::desk::pages::DeskPage;
use crate::staff::roster::pages::RosterPage;
use crate::ui::PageTitle;
use crate::ui::{LanguageSwitcher, NotFound, PageDescription};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::{
    SsrMode,
    components::{A, Route, Router, Routes},
    path,
};

/// Every page and the router run on the server only (islands mode): the browser gets the pages'
/// `#[island]` parts, and those of the staff, account, booker and questionnaire pages are lazy
/// islands, so a public page's first download does not carry them.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <Router>
                <Layout>
                    <Routes fallback=NotFound>
                        // Async everywhere: the response waits for its data, so the status (404,
                        // 400) and <title> are right before the first byte, and pages read
                        // without JavaScript show loaded content, not streaming placeholders.
                        <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                        <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async />
                        <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async />
                        <Route path=path!("/account") view=AccountWithQuizResults ssr=SsrMode::Async />
                        <Route path=path!("/account/card") view=CardPage ssr=SsrMode::Async />
                        <Route path=path!("/card/:token") view=CardCheckPage ssr=SsrMode::Async />
                        <Route path=path!("/account/courses") view=MyCoursesWithCalendar ssr=SsrMode::Async />
                        <Route path=path!("/account/password") view=ChangePasswordPage ssr=SsrMode::Async />
                        <Route path=path!("/account/bookings") view=MyBookingsPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/accounts") view=AdminAccountsPage ssr=SsrMode::Async />
                        <Route path=path!("/courses") view=CoursesPage ssr=SsrMode::Async />
                        <Route path=path!("/courses/:slug") view=CourseDetailPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/courses") view=StaffCoursesPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/new-course") view=NewCoursePage ssr=SsrMode::Async />
                        <Route path=path!("/staff/courses/:slug") view=RosterPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/courses/:slug/edit") view=EditCoursePage ssr=SsrMode::Async />
                        <Route path=path!("/dashboard") view=DashboardPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/desk") view=DeskPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/bookings") view=BookingDeskPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/rooms/usage") view=RoomUsagePage ssr=SsrMode::Async />
                        <Route path=path!("/rooms") view=RoomsPage ssr=SsrMode::Async />
                        <Route path=path!("/centres") view=CentresPage ssr=SsrMode::Async />
                        <Route path=path!("/centres/:slug") view=CentreDetailPage ssr=SsrMode::Async />
                        <Route path=path!("/centres/:slug/rooms") view=RoomWeekPage ssr=SsrMode::Async />
                        <Route path=path!("/quiz") view=QuizPage ssr=SsrMode::Async />
                        <Route path=path!("/quiz/result/:token") view=QuizResultPage ssr=SsrMode::Async />
                        <Route path=path!("/quiz/visitor") view=QuizVisitorPage ssr=SsrMode::Async />
                        <Route path=path!("/quiz/sessions") view=QuizSessionsPage ssr=SsrMode::Async />
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}

/// Routes that are plain HTTP downloads rather than pages: links that must work without WASM or
/// cookies. Their handlers live in their room's `api.rs`.
#[cfg(feature = "ssr")]
pub fn plain_routes() -> axum::Router<crate::server::http::AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/calendar/{file}", get(crate::calendar::api::calendar_feed))
        .route("/staff/courses/{slug}/roster.csv", get(crate::staff::roster::api::roster_download))
        .route("/bookings/{file}", get(crate::booking::api::personal_feed))
        .route("/staff/rooms/usage.csv", get(crate::booking::api::usage_download))
        .route("/room-calendar/{file}", get(crate::booking::api::room_feed))
        .route("/quiz/sessions.csv", get(crate::quiz::api::sessions_download))
        .route("/dashboard.csv", get(crate::dashboard::api::dashboard_download))
}

/// "My courses" (enrolment room) followed by the calendar subscription link (calendar room).
#[component]
fn MyCoursesWithCalendar() -> impl IntoView {
    view! {
        <MyCoursesPage />
        <CalendarLinkSection />
    }
}

/// The account page (residents room) followed by the resident's questionnaire results (quiz room).
#[component]
fn AccountWithQuizResults() -> impl IntoView {
    view! {
        <AccountPage />
        <MyQuizResults />
    }
}

/// Header with navigation and language switch, the page's main landmark, and the footer.
#[component]
fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">{text!(i18n, skip_to_content)}</a>
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href="/">
                    <img src="/logo.svg" alt="" width="32" height="32" />
                    <span>{text!(i18n, site_name)}</span>
                </a>
                <div class="header-tools">
                    <AccountMenu />
                    <LanguageSwitcher />
                </div>
            </div>
            <nav class="wrap main-nav" aria-label=text!(i18n, nav_label)>
                <A href="/" exact=true>{text!(i18n, nav_home)}</A>
                <A href="/courses">{text!(i18n, nav_catalogue)}</A>
                <A href="/rooms">{text!(i18n, nav_rooms)}</A>
                <A href="/centres">{text!(i18n, nav_centres)}</A>
                <A href="/quiz">{text!(i18n, nav_quiz)}</A>
            </nav>
        </header>
        <main id="main" class="wrap" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="wrap">
                <p>{text!(i18n, footer_about)}</p>
                <p>{text!(i18n, footer_time)}</p>
            </div>
        </footer>
    }
}

#[component]
fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, site_name).to_string() />
        <PageDescription text=Signal::derive(move || t_string!(i18n, meta_home).to_string()) />
        <section class="hero">
            <h1>{text!(i18n, home_title)}</h1>
            <p class="lead">{text!(i18n, home_lead)}</p>
        </section>
        <ul class="cards" role="list">
            <li class="card">
                <h2>
                    <A href="/courses">{text!(i18n, nav_catalogue)}</A>
                </h2>
                <p>{text!(i18n, home_catalogue_text)}</p>
            </li>
            <li class="card">
                <h2>
                    <A href="/rooms">{text!(i18n, nav_rooms)}</A>
                </h2>
                <p>{text!(i18n, home_rooms_text)}</p>
            </li>
            <li class="card">
                <h2>
                    <A href="/centres">{text!(i18n, nav_centres)}</A>
                </h2>
                <p>{text!(i18n, home_centres_text)}</p>
            </li>
            <li class="card">
                <h2>
                    <A href="/quiz">{text!(i18n, nav_quiz)}</A>
                </h2>
                <p>{text!(i18n, home_quiz_text)}</p>
            </li>
        </ul>
    }
}
