//! The roster page of a course for the staff of its centre.
use super::api::{MarkAttended, course_roster};
use super::domain::{Roster, roster_status};
use crate::i18n::*;
use crate::ui::PageTitle;
use crate::ui::{FormError, Loading, form_error, load, result_view};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RosterPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let mark = ServerAction::<MarkAttended>::new();
    let roster = load(move || slug.get(), course_roster);
    let error = form_error(mark);
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, roster_title), t_string!(i18n, site_name)) />
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
    view! {
        <h1>{move || format!("{}: {}", t_string!(i18n, roster_title), title.get(i18n.get_locale()))}</h1>
        <crate::staff::courses::pages::CourseLinks slug=slug.clone() current=crate::staff::courses::pages::StaffCourseView::Roster />
        <p>{t!(i18n, roster_seats, taken = seats_taken, capacity)}</p>
        <div class="table-scroll">
            <table class="accounts" data-testid="roster">
                <thead>
                    <tr>
                        <th scope="col">{text!(i18n, full_name_label)}</th>
                        <th scope="col">{text!(i18n, contact_label)}</th>
                        <th scope="col">{text!(i18n, roster_status)}</th>
                        <th scope="col">{text!(i18n, roster_attended)}</th>
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
                                        {move || roster_status(i18n.get_locale(), waiting)}
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
