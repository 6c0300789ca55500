//! The roster of a course for the staff of its centre: who holds a seat, who waits, who came.
use super::enrolment::RosterEntry;
use crate::error::AppError;
use crate::i18n::*;
use crate::localized::Localized;
use crate::ui::{FormError, Loading, form_error, result_view};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Roster {
    pub slug: String,
    pub title: Localized,
    pub capacity: i32,
    pub seats_taken: i32,
    pub entries: Vec<RosterEntry>,
}

/// The course and its centre, after checking the caller is staff of that centre (or an admin).
#[cfg(feature = "ssr")]
async fn course_for_staff(
    db: &sea_orm::DatabaseConnection,
    slug: &str,
) -> Result<crate::server::entities::course::Model, AppError> {
    use crate::server::entities::course;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    crate::accounts::auth::require_user().await?;
    let slug = match crate::centres::domain::parse_slug("course", Some(slug)) {
        Ok(Some(slug)) => slug,
        _ => return crate::server::fail(AppError::NotFound),
    };
    let Some(course) = course::Entity::find().filter(course::Column::Slug.eq(slug)).one(db).await? else {
        return crate::server::fail(AppError::NotFound);
    };
    crate::accounts::auth::require_staff_of(course.centre_id).await?;
    Ok(course)
}

#[server(endpoint = "courses/roster")]
pub async fn course_roster(course: String) -> Result<Roster, AppError> {
    let db = crate::server::database()?;
    let course = course_for_staff(&db, &course).await?;
    let entries = super::enrolment_store::roster(&db, course.id).await?;
    Ok(Roster {
        slug: course.slug,
        title: Localized::new(course.title_kk, course.title_ru, course.title_en),
        capacity: course.capacity,
        seats_taken: course.seats_taken,
        entries,
    })
}

/// Marks (or unmarks) an enrolled resident as having attended.
#[server(endpoint = "courses/mark_attended")]
pub async fn mark_attended(course: String, resident_id: i32, attended: bool) -> Result<(), AppError> {
    let db = crate::server::database()?;
    let course = course_for_staff(&db, &course).await?;
    super::enrolment_store::mark_attended(&db, course.id, resident_id, attended).await.or_else(crate::server::fail)
}

#[component]
pub fn RosterPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let mark = ServerAction::<MarkAttended>::new();
    let roster = Resource::new(move || (slug.get(), mark.version().get()), |(slug, _)| course_roster(slug));
    let error = form_error(mark);
    view! {
        <Title text=move || format!("{} · {}", t_string!(i18n, roster_title), t_string!(i18n, site_name)) />
        <FormError fields=&[] error />
        <Transition fallback=Loading>
            {move || Suspend::new(async move { result_view(roster.await, move |roster| view! { <RosterView roster mark /> }) })}
        </Transition>
    }
}

#[component]
fn RosterView(roster: Roster, mark: ServerAction<MarkAttended>) -> impl IntoView {
    let i18n = use_i18n();
    let Roster { slug, title, capacity, seats_taken, entries } = roster;
    let heading = title.clone();
    let course_link = format!("/courses/{slug}");
    view! {
        <h1>{move || format!("{}: {}", t_string!(i18n, roster_title), heading.get(i18n.get_locale()))}</h1>
        <p>
            <A href=course_link>{move || title.get(i18n.get_locale()).to_owned()}</A>
            " · "
            {t!(i18n, roster_seats, taken = seats_taken, capacity)}
        </p>
        <div class="table-scroll">
            <table class="accounts" data-testid="roster">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, full_name_label)}</th>
                        <th scope="col">{t!(i18n, contact_label)}</th>
                        <th scope="col">{t!(i18n, roster_status)}</th>
                        <th scope="col">{t!(i18n, roster_attended)}</th>
                    </tr>
                </thead>
                <tbody>
                    {entries
                        .into_iter()
                        .map(|entry| {
                            let slug = slug.clone();
                            let waiting = entry.waitlist_place;
                            view! {
                                <tr>
                                    <td>{entry.full_name}</td>
                                    <td>{entry.email.or(entry.phone).unwrap_or_default()}</td>
                                    <td>
                                        {move || match waiting {
                                            Some(place) => t_string!(i18n, roster_waiting, place).to_string(),
                                            None => t_string!(i18n, roster_enrolled).to_string(),
                                        }}
                                    </td>
                                    <td>
                                        {waiting.is_none().then(|| view! {
                                            <ActionForm action=mark attr:class="inline-form">
                                                <input type="hidden" name="course" value=slug />
                                                <input type="hidden" name="resident_id" value=entry.resident_id />
                                                <input type="hidden" name="attended" value=(!entry.attended).to_string() />
                                                <button type="submit" class="button button-small" aria-pressed=entry.attended.to_string()>
                                                    {move || if entry.attended { format!("✓ {}", t_string!(i18n, roster_attended)) } else { t_string!(i18n, roster_mark_attended).to_string() }}
                                                </button>
                                            </ActionForm>
                                        })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
