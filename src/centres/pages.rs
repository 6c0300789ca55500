//! Centres list (with a district filter kept in the URL) and a centre's page with its rooms.
use super::api::{get_centre, list_centres, list_districts, list_rooms};
use super::domain::{CentreDetail, CentreStatus, CentreSummary, DistrictOption, RoomInfo, RoomKind, RoomListing};
use crate::i18n::*;
use crate::localized::Localized;
use crate::ui::PageTitle;
use crate::ui::{FilterForm, FilterOption, FilterSelect, Loading, PageDescription, load, result_view};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CentresPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let district = Memo::new(move |_| query.read().get("district").filter(|value| !value.is_empty()));
    let districts = load(|| (), |_| list_districts());
    let centres = load(move || district.get(), list_centres);

    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, centres_title), t_string!(i18n, site_name)) />
        <PageDescription text=Signal::derive(move || t_string!(i18n, meta_centres).to_string()) />
        <h1>{text!(i18n, centres_title)}</h1>
        <p class="lead">{text!(i18n, centres_lead)}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let options = districts.await.unwrap_or_default();
                view! {
                    <FilterForm action="/centres">
                        <DistrictFilter districts=options selected=district />
                    </FilterForm>
                }
            })}
        </Suspense>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                result_view(centres.await, |list| view! { <CentreList centres=list /> })
            })}
        </Transition>
    }
}

/// The district `<select>` of a filter form, labelled in the current language.
#[component]
pub fn DistrictFilter(districts: Vec<DistrictOption>, selected: Memo<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let options: Vec<FilterOption> = districts
        .into_iter()
        .map(|district| {
            let name = district.name;
            (district.slug, Signal::derive(move || name.get(i18n.get_locale()).to_owned()))
        })
        .collect();
    view! {
        <FilterSelect
            name="district"
            label=Signal::derive(move || t_string!(i18n, district_label).to_string())
            all_label=Signal::derive(move || t_string!(i18n, all_districts).to_string())
            options
            selected
        />
    }
}

#[component]
fn CentreList(centres: Vec<CentreSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let count = centres.len();
    view! {
        <p class="result-count" aria-live="polite" data-testid="centre-count">
            {t!(i18n, centres_count, count)}
        </p>
        {if centres.is_empty() {
            Either::Left(view! { <p class="empty">{text!(i18n, no_centres)}</p> })
        } else {
            Either::Right(view! {
                <ul class="cards centre-list" role="list">
                    {centres.into_iter().map(|centre| view! { <CentreCard centre /> }).collect_view()}
                </ul>
            })
        }}
    }
}

#[component]
fn StatusBadge(status: CentreStatus) -> impl IntoView {
    let i18n = use_i18n();
    let (class, label) = match status {
        CentreStatus::Operating => ("badge badge-open", Either::Left(text!(i18n, status_operating))),
        CentreStatus::Planned => ("badge badge-planned", Either::Right(text!(i18n, status_planned))),
    };
    view! { <span class=class>{label}</span> }
}

#[component]
fn CentreCard(centre: CentreSummary) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/centres/{}", centre.slug);
    let CentreSummary { name, district_name, address, area_m2, opening_hours, status, room_count, .. } = centre;
    view! {
        <li class="card centre-card" data-testid="centre-card">
            <div class="card-head">
                <h2>
                    <A href=href>{move || name.get(i18n.get_locale()).to_owned()}</A>
                </h2>
                <StatusBadge status />
            </div>
            <p class="muted">{move || district_name.get(i18n.get_locale()).to_owned()}</p>
            <p>{move || address.get(i18n.get_locale()).to_owned()}</p>
            <p class="facts">
                <span>{opening_hours}</span>
                <span>{t!(i18n, area, area = area_m2)}</span>
                <span>{t!(i18n, rooms_count, count = room_count)}</span>
            </p>
        </li>
    }
}

#[component]
pub fn CentreDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let centre = load(slug, get_centre);
    view! {
        <p>
            <A href="/centres">{move || format!("← {}", t_string!(i18n, back_to_centres))}</A>
        </p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                result_view(centre.await, |detail| view! { <CentreDetailView detail /> })
            })}
        </Transition>
    }
}

#[component]
fn CentreDetailView(detail: CentreDetail) -> impl IntoView {
    let i18n = use_i18n();
    let CentreDetail { summary, rooms } = detail;
    let name = summary.name.clone();
    let title_name = summary.name.clone();
    let district_name = summary.district_name.clone();
    let address = summary.address.clone();
    let description = {
        let (name, address) = (summary.name.clone(), summary.address.clone());
        Signal::derive(move || {
            let locale = i18n.get_locale();
            let (name, address) = (name.get(locale), address.get(locale));
            t_string!(i18n, meta_centre, name, address).to_string()
        })
    };
    view! {
        <PageTitle text=move || format!("{} · {}", title_name.get(i18n.get_locale()), t_string!(i18n, site_name)) />
        <PageDescription text=description />
        <article class="centre-detail">
            <div class="card-head">
                <h1>{move || name.get(i18n.get_locale()).to_owned()}</h1>
                <StatusBadge status=summary.status />
            </div>
            <dl class="facts-list">
                <dt>{text!(i18n, district_label)}</dt>
                <dd>
                    <A href=format!(
                        "/centres?district={}",
                        summary.district_slug,
                    )>{move || district_name.get(i18n.get_locale()).to_owned()}</A>
                </dd>
                <dt>{text!(i18n, address)}</dt>
                <dd>{move || address.get(i18n.get_locale()).to_owned()}</dd>
                <dt>{text!(i18n, opening_hours)}</dt>
                <dd>{summary.opening_hours.clone()}</dd>
            </dl>
            <h2>{text!(i18n, rooms_title)}</h2>
            {(!rooms.is_empty())
                .then(|| {
                    view! {
                        <p>
                            <A href=format!("/centres/{}/rooms", summary.slug) attr:class="button" attr:data-testid="room-schedule-link">
                                {text!(i18n, booker_open_schedule)}
                            </A>
                        </p>
                    }
                })}
            {if rooms.is_empty() {
                Either::Left(view! { <p class="empty">{text!(i18n, no_rooms)}</p> })
            } else {
                Either::Right(view! {
                    <ul class="cards room-list" role="list">
                        {rooms.into_iter().map(|room| view! { <RoomCard room /> }).collect_view()}
                    </ul>
                })
            }}
        </article>
    }
}

pub fn room_kind_label(i18n: leptos_i18n::I18nContext<Locale>, kind: RoomKind) -> String {
    kind.text(i18n.get_locale())
}

/// A room; in the city-wide directory it also names and links its centre.
#[component]
fn RoomCard(room: RoomInfo, #[prop(optional)] centre: Option<(String, Localized, Localized)>) -> impl IntoView {
    let i18n = use_i18n();
    let RoomInfo { name, kind, capacity, equipment, .. } = room;
    let room_name = move || name.get(i18n.get_locale()).to_owned();
    // The directory lists rooms right under the page's h1; a centre's page lists them under its "Rooms" h2.
    let heading = if centre.is_some() {
        Either::Left(view! { <h2>{room_name}</h2> })
    } else {
        Either::Right(view! { <h3>{room_name}</h3> })
    };
    view! {
        <li class="card room-card" data-testid="room-card">
            {heading}
            <p class="muted">{move || room_kind_label(i18n, kind)}</p>
            {centre
                .map(|(slug, centre_name, district_name)| {
                    view! {
                        <p>
                            <A href=format!("/centres/{slug}")>{move || centre_name.get(i18n.get_locale()).to_owned()}</A>
                            <span class="muted">{move || format!(" · {}", district_name.get(i18n.get_locale()))}</span>
                        </p>
                        <p>
                            <A href=format!("/centres/{slug}/rooms")>{text!(i18n, booker_open_schedule)}</A>
                        </p>
                    }
                })}
            <p>{t!(i18n, room_capacity, count = capacity)}</p>
            <p class="equipment">
                <span class="visually-hidden">{text!(i18n, room_equipment)}": "</span>
                {equipment.join(" · ")}
            </p>
        </li>
    }
}

/// The room directory: every room of the open centres, filtered by type and district.
#[component]
pub fn RoomsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let district = Memo::new(move |_| query.read().get("district").filter(|value| !value.is_empty()));
    let kind = Memo::new(move |_| query.read().get("kind").filter(|value| !value.is_empty()));
    let districts = load(|| (), |_| list_districts());
    let rooms = load(move || (kind.get(), district.get()), |(kind, district)| list_rooms(kind, district));
    let kind_options = move || -> Vec<FilterOption> {
        RoomKind::ALL
            .into_iter()
            .map(|kind| (kind.slug().to_owned(), Signal::derive(move || room_kind_label(i18n, kind))))
            .collect()
    };
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, nav_rooms), t_string!(i18n, site_name)) />
        <PageDescription text=Signal::derive(move || t_string!(i18n, meta_rooms).to_string()) />
        <h1>{text!(i18n, nav_rooms)}</h1>
        <p class="lead">{text!(i18n, rooms_lead)}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let options = districts.await.unwrap_or_default();
                view! {
                    <FilterForm action="/rooms">
                        <FilterSelect
                            name="kind"
                            label=Signal::derive(move || t_string!(i18n, room_kind_label).to_string())
                            all_label=Signal::derive(move || t_string!(i18n, all_room_kinds).to_string())
                            options=kind_options()
                            selected=kind
                        />
                        <DistrictFilter districts=options selected=district />
                    </FilterForm>
                }
            })}
        </Suspense>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                result_view(rooms.await, |list| view! { <RoomDirectory rooms=list /> })
            })}
        </Transition>
    }
}

#[component]
fn RoomDirectory(rooms: Vec<RoomListing>) -> impl IntoView {
    let i18n = use_i18n();
    let count = rooms.len();
    view! {
        <p class="result-count" aria-live="polite" data-testid="room-count">{t!(i18n, rooms_found, count)}</p>
        {if rooms.is_empty() {
            Either::Left(view! { <p class="empty">{text!(i18n, no_rooms_found)}</p> })
        } else {
            Either::Right(view! {
                <ul class="cards room-list" role="list">
                    {rooms
                        .into_iter()
                        .map(|listing| {
                            let centre = (listing.centre_slug, listing.centre_name, listing.district_name);
                            view! { <RoomCard room=listing.room centre /> }
                        })
                        .collect_view()}
                </ul>
            })
        }}
    }
}
