//! `/staff/desk`: check residents in at the centre's desk. One field takes a scanned or pasted card
//! link, a card number, a name or a phone; without WASM it is a plain form (type, press Enter), and
//! every check-in button is a plain form post.
use super::api::{DeskAttend, DeskDropIn, desk_find, desk_view};
use super::domain::{
    CheckIn, Desk, DeskCandidate, DeskFound, DeskResident, MAX_DESK_INPUT, SessionToday, VisitPurpose,
};
use crate::i18n::*;
use crate::ui::{FormError, Loaded, Loading, PageTitle, form_error, load, result_view};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The text of a visit's purpose.
pub fn purpose_label(i18n: leptos_i18n::I18nContext<Locale>, purpose: VisitPurpose) -> String {
    purpose.text(i18n.get_locale())
}

fn clock(instant: chrono::DateTime<chrono::Utc>) -> String {
    crate::time::to_almaty(instant).format("%H:%M").to_string()
}

#[component]
pub fn DeskPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, desk_title), t_string!(i18n, site_name)) />
        <h1>{text!(i18n, desk_title)}</h1>
        <DeskWork />
    }
}

/// The desk below its title: search, check-in buttons and their answers, recent check-ins. A lazy
/// island, so a check-in answers in place and only the desk's page loads its code.
#[cfg_attr(not(feature = "csr"), island(lazy))]
#[cfg_attr(feature = "csr", component)]
fn DeskWork() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let centre = Memo::new(move |_| query.read().get("centre").filter(|slug| !slug.is_empty()));
    let card = Memo::new(move |_| query.read().get("card").unwrap_or_default());
    let attend = ServerAction::<DeskAttend>::new();
    let drop_in = ServerAction::<DeskDropIn>::new();
    let changes = move || attend.version().get() + drop_in.version().get();
    let desk = load(move || (centre.get(), changes()), |(centre, _)| desk_view(centre));
    let found = load(
        move || (centre.get(), card.get(), changes()),
        |(centre, card, _)| async move {
            if card.trim().is_empty() { Ok(None) } else { desk_find(centre, card).await.map(Some) }
        },
    );
    let attend_error = form_error(attend);
    let drop_in_error = form_error(drop_in);
    // The answer to the latest check-in, whichever button it came from.
    let result = RwSignal::new(None::<super::domain::CheckedIn>);
    Effect::new(move |_| result.set(attend.value().get().and_then(Result::ok)));
    Effect::new(move |_| result.set(drop_in.value().get().and_then(Result::ok)));
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                result_view(desk.await, move |desk| {
                    // Under the search field, where staff look after a tap.
                    let status = view! {
                        <div role="status" aria-live="polite" class="desk-status">
                            <FormError fields=&[] error=attend_error />
                            <FormError fields=&[] error=drop_in_error />
                            {move || result.get().map(|checked| view! {
                                <p class="notice notice-ok" data-testid="desk-checked-in">
                                    {if checked.already { t_string!(i18n, desk_already_checked_in) } else { t_string!(i18n, desk_checked_in) }}
                                </p>
                            })}
                        </div>
                    };
                    view! { <DeskLayout desk card found attend drop_in status=status.into_any() /> }
                })
            })}
        </Transition>
    }
}

#[component]
fn DeskLayout(
    desk: Desk,
    card: Memo<String>,
    found: Loaded<Result<Option<DeskFound>, crate::error::AppError>>,
    attend: ServerAction<DeskAttend>,
    drop_in: ServerAction<DeskDropIn>,
    status: AnyView,
) -> impl IntoView {
    let i18n = use_i18n();
    let Desk { centre, centres, recent } = desk;
    let Some(centre) = centre else {
        return Either::Left(view! { <CentrePicker centres /> });
    };
    let name = centre.name.clone();
    let slug = centre.slug.clone();
    let admin_centre = (!centres.is_empty()).then(|| slug.clone());
    Either::Right(view! {
        <p class="lead">{move || name.get(i18n.get_locale()).to_owned()}</p>
        {(!centres.is_empty()).then(|| view! { <CentrePicker centres /> })}
        <div class="desk">
            <section class="panel desk-main">
                <form method="get" action="/staff/desk" class="desk-search" role="search">
                    {admin_centre.clone().map(|slug| view! { <input type="hidden" name="centre" value=slug /> })}
                    <label for="desk-card">{text!(i18n, desk_card_label)}</label>
                    <div class="desk-search-row">
                        <input
                            id="desk-card"
                            name="card"
                            type="search"
                            autocomplete="off"
                            autofocus
                            maxlength=MAX_DESK_INPUT * 2
                            aria-describedby="desk-card-hint"
                            value=move || card.get()
                            prop:value=move || card.get()
                        />
                        <button type="submit" class="button">{text!(i18n, desk_find)}</button>
                    </div>
                    <p id="desk-card-hint" class="hint">{text!(i18n, desk_card_hint)}</p>
                    <super::scanner::CameraScan centre=admin_centre.clone() />
                </form>
                {status}
                <Transition fallback=Loading>
                    {move || {
                        let admin_centre = admin_centre.clone();
                        Suspend::new(async move {
                            result_view(found.await, move |found| found.map(|found| view! {
                                <FoundView found centre=admin_centre attend drop_in />
                            }))
                        })
                    }}
                </Transition>
            </section>
            <RecentCheckIns recent />
        </div>
    })
}

/// An admin chooses which centre's desk to work at.
#[component]
fn CentrePicker(centres: Vec<super::domain::DeskCentre>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="get" action="/staff/desk" class="filters">
            <div class="filter">
                <label for="desk-centre">{text!(i18n, centre_label)}</label>
                <select id="desk-centre" name="centre" required>
                    {centres.into_iter().map(|centre| {
                        let name = centre.name;
                        view! { <option value=centre.slug>{move || name.get(i18n.get_locale()).to_owned()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{text!(i18n, desk_open)}</button>
        </form>
    }
}

#[component]
fn FoundView(
    found: DeskFound,
    centre: Option<String>,
    attend: ServerAction<DeskAttend>,
    drop_in: ServerAction<DeskDropIn>,
) -> impl IntoView {
    let i18n = use_i18n();
    match found {
        DeskFound::Resident(resident) => EitherOf3::A(view! { <ResidentAtDesk resident centre attend drop_in /> }),
        DeskFound::Candidates(candidates) => EitherOf3::B(view! { <Candidates candidates centre /> }),
        DeskFound::Nobody => EitherOf3::C(view! {
            <p class="empty" data-testid="desk-nobody">{text!(i18n, desk_nobody)}</p>
        }),
    }
}

pub fn desk_link(centre: &Option<String>, card: &str) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if let Some(centre) = centre {
        query.append_pair("centre", centre);
    }
    query.append_pair("card", card);
    format!("/staff/desk?{}", query.finish())
}

#[component]
fn Candidates(candidates: Vec<DeskCandidate>, centre: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2>{text!(i18n, desk_candidates)}</h2>
        <ul class="desk-candidates" role="list" data-testid="desk-candidates">
            {candidates.into_iter().map(|candidate| {
                let district = candidate.district;
                let href = desk_link(&centre, &candidate.card_number);
                view! {
                    <li>
                        <a class="desk-candidate" href=href>
                            <strong>{candidate.full_name}</strong>
                            <span class="muted">
                                {candidate.card_number}
                                " · "
                                {move || district.get(i18n.get_locale()).to_owned()}
                                {candidate.phone_end.map(|end| format!(" · …{end}"))}
                            </span>
                        </a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn ResidentAtDesk(
    resident: DeskResident,
    centre: Option<String>,
    attend: ServerAction<DeskAttend>,
    drop_in: ServerAction<DeskDropIn>,
) -> impl IntoView {
    let i18n = use_i18n();
    let DeskResident {
        resident_id,
        card_number,
        full_name,
        district,
        from_another_district,
        age_band,
        card_blocked,
        sessions_today,
        drop_ins_today,
    } = resident;
    let no_sessions = sessions_today.is_empty();
    view! {
        <article class="desk-resident" data-testid="desk-resident" aria-labelledby="desk-resident-name">
            <h2 id="desk-resident-name">{full_name}</h2>
            <p class="muted">
                {card_number}
                " · "
                {move || district.get(i18n.get_locale()).to_owned()}
                {age_band.map(|band| format!(" · {}", band.label()))}
            </p>
            {from_another_district.then(|| view! { <p><span class="badge badge-planned">{text!(i18n, desk_other_district)}</span></p> })}
            {card_blocked.then(|| view! { <p class="notice notice-refusal">{text!(i18n, desk_card_blocked)}</p> })}
            <h3>{text!(i18n, desk_sessions_today)}</h3>
            {if no_sessions {
                Either::Left(view! { <p class="empty">{text!(i18n, desk_no_sessions)}</p> })
            } else {
                Either::Right(view! {
                    <ul class="desk-sessions" role="list" data-testid="desk-sessions">
                        {sessions_today.into_iter().map(|session| view! {
                            <SessionRow session resident_id centre=centre.clone() attend />
                        }).collect_view()}
                    </ul>
                })
            }}
            <h3>{text!(i18n, desk_drop_in)}</h3>
            <ul class="desk-drop-ins" role="list">
                {VisitPurpose::DROP_IN.into_iter().map(|purpose| {
                    let recorded = drop_ins_today.contains(&purpose);
                    let centre = centre.clone();
                    view! {
                        <li>
                            <ActionForm action=drop_in attr:class="inline-form">
                                {centre.map(|slug| view! { <input type="hidden" name="centre" value=slug /> })}
                                <input type="hidden" name="resident" value=resident_id />
                                <input type="hidden" name="purpose" value=purpose.slug() />
                                <button type="submit" class="button desk-button" aria-pressed=recorded.to_string()>
                                    {move || if recorded { format!("✓ {}", purpose_label(i18n, purpose)) } else { purpose_label(i18n, purpose) }}
                                </button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </article>
    }
}

#[component]
fn SessionRow(
    session: SessionToday,
    resident_id: i32,
    centre: Option<String>,
    attend: ServerAction<DeskAttend>,
) -> impl IntoView {
    let i18n = use_i18n();
    let SessionToday { session_id, course_title, starts_at, ends_at, attended } = session;
    let when = format!("{}–{}", clock(starts_at), clock(ends_at));
    view! {
        <li class="desk-session">
            <span>
                <strong>{when}</strong>
                " "
                {move || course_title.get(i18n.get_locale()).to_owned()}
            </span>
            <ActionForm action=attend attr:class="inline-form">
                {centre.map(|slug| view! { <input type="hidden" name="centre" value=slug /> })}
                <input type="hidden" name="resident" value=resident_id />
                <input type="hidden" name="session" value=session_id />
                <button type="submit" class="button desk-button" aria-pressed=attended.to_string()>
                    {move || if attended { format!("✓ {}", t_string!(i18n, roster_attended)) } else { t_string!(i18n, desk_mark_attended).to_string() }}
                </button>
            </ActionForm>
        </li>
    }
}

#[component]
fn RecentCheckIns(recent: Vec<CheckIn>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel desk-recent" aria-labelledby="desk-recent-title">
            <h2 id="desk-recent-title">{text!(i18n, desk_recent)}</h2>
            {if recent.is_empty() {
                Either::Left(view! { <p class="empty">{text!(i18n, desk_recent_none)}</p> })
            } else {
                Either::Right(view! {
                    <ol class="desk-recent-list" data-testid="desk-recent">
                        {recent.into_iter().map(|check_in| {
                            let CheckIn { checked_in_at, full_name, card_number, purpose, course_title } = check_in;
                            view! {
                                <li>
                                    <time datetime=checked_in_at.to_rfc3339()>{crate::time::format_almaty(checked_in_at)}</time>
                                    " "
                                    <strong>{full_name}</strong>
                                    <span class="muted">{format!(" · {card_number} · ")}</span>
                                    {move || match &course_title {
                                        Some(title) => title.get(i18n.get_locale()).to_owned(),
                                        None => purpose_label(i18n, purpose),
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                })
            }}
        </section>
    }
}
