//! The room booker's pages: a centre's week grid with the booking form, "My bookings", and the
//! staff desk (approvals queue and upcoming bookings). Everything works as plain links and forms
//! without WASM; with WASM the grid adds drag selection and arrow-key movement.
use super::api::{
    BookRoom, ChangeBooking, SaveRoomQuotas, load_booking_desk, load_room_week, my_bookings, preview_booking, week_url,
};
use super::domain::{
    Booker, BookingDesk, BookingForm, BookingRow, BookingStatus, GridCell, GridRoom, GridUse, GridUseKind,
    QuotaSetting, RoomWeek, SeriesPreview, Skip, column_cells, grid_rows, length_limits, quota_key,
};
use crate::centres::domain::RoomKind;
use crate::centres::pages::room_kind_label;
use crate::error::{AppError, Field};
use crate::i18n::*;
use crate::ui::PageTitle;
use crate::ui::{
    FieldError, FormError, Loaded, Loading, PageDescription, SubmitsOnChange, error_message, form_done, form_error,
    load, result_view, weekday_label,
};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

type I18n = leptos_i18n::I18nContext<Locale>;

const FORM_FIELDS: &[Field] = &[
    Field::Room,
    Field::Date,
    Field::Starts,
    Field::Ends,
    Field::Length,
    Field::Attendees,
    Field::Purpose,
    Field::RepeatEvery,
    Field::RepeatUntil,
    Field::OpeningHours,
    Field::Quota,
];

fn page_title(i18n: I18n, title: String) -> String {
    format!("{title} · {}", t_string!(i18n, site_name))
}

fn weekday_of(day: usize) -> Weekday {
    (0..day).fold(Weekday::Mon, |weekday, _| weekday.succ())
}

fn hours_text(minutes: i64) -> String {
    let hours = minutes as f64 / 60.0;
    if minutes % 60 == 0 { format!("{}", minutes / 60) } else { format!("{hours:.1}") }
}

fn status_label(i18n: I18n, status: BookingStatus) -> String {
    match status {
        BookingStatus::Pending => t_string!(i18n, booking_status_pending),
        BookingStatus::Confirmed => t_string!(i18n, booking_status_confirmed),
        BookingStatus::Declined => t_string!(i18n, booking_status_declined),
        BookingStatus::Cancelled => t_string!(i18n, booking_status_cancelled),
    }
    .to_string()
}

fn slot_text(slot: (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)) -> String {
    let (start, end) = (crate::time::to_almaty(slot.0), crate::time::to_almaty(slot.1));
    format!("{} {}–{}", start.format("%d.%m.%Y"), start.format("%H:%M"), end.format("%H:%M"))
}

fn date_text(date: NaiveDate) -> String {
    date.format("%d.%m").to_string()
}

/// `/centres/<slug>/rooms`: the week grid of a centre's rooms with the booking form.
#[component]
pub fn RoomWeekPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let book = ServerAction::<BookRoom>::new();
    let week = load(
        move || (slug(), query.read().get("week"), query.read().get("room")),
        |(slug, week, room)| load_room_week(slug, week, room),
    );
    // Made here, not in the preview block: the block is re-rendered with the week, and a resource
    // made inside it would be dropped while its answer is on the way.
    let preview = load(
        move || {
            let query = query.read();
            (query.get("preview").as_deref() == Some("1")).then(|| form_from_query(&query))
        },
        |form| async move {
            match form {
                Some(form) => Some(preview_booking(form).await),
                None => None,
            }
        },
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                result_view(week.await, move |week| view! { <WeekView week book preview /> })
            })}
        </Transition>
    }
}

/// The booking form's values from the URL (a clicked cell, a preview, a failed plain post).
fn form_from_query(query: &leptos_router::params::ParamsMap) -> BookingForm {
    BookingForm {
        room: query.get("book_room").unwrap_or_default(),
        date: query.get("date").unwrap_or_default(),
        starts: query.get("starts").unwrap_or_default(),
        ends: query.get("ends").unwrap_or_default(),
        attendees: query.get("attendees"),
        purpose: query.get("purpose").unwrap_or_default(),
        repeat_every: query.get("repeat_every"),
        repeat_until: query.get("repeat_until"),
        confirm: None,
    }
}

#[component]
fn WeekView(week: RoomWeek, book: ServerAction<BookRoom>, preview: PreviewResource) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let week = StoredValue::new(week);
    let RoomWeek { centre_slug, centre_name, week_start, today, selected_room, manages, pending_requests, .. } =
        week.get_value();
    let day_param = move || {
        query.read().get("day").and_then(|day| day.parse::<usize>().ok()).filter(|day| *day < 7).unwrap_or_else(|| {
            if (week_start..week_start + Duration::days(7)).contains(&today) {
                today.weekday().num_days_from_monday() as usize
            } else {
                0
            }
        })
    };
    let title_name = centre_name.clone();
    let description = {
        let centre_name = centre_name.clone();
        Signal::derive(move || {
            let centre = centre_name.get(i18n.get_locale()).to_owned();
            t_string!(i18n, meta_booker, centre).to_string()
        })
    };
    let slug_for_nav = centre_slug.clone();
    let nav_link = move |monday: NaiveDate| week_url(&slug_for_nav, monday, selected_room, &[]);
    let previous = nav_link(week_start - Duration::weeks(1));
    let next = nav_link(week_start + Duration::weeks(1));
    let this_week = nav_link(today - Duration::days(today.weekday().num_days_from_monday().into()));
    let week_end = week_start + Duration::days(6);
    let notice = move || {
        let query = query.read();
        let booked = query.get("booked").and_then(|n| n.parse::<u32>().ok()).filter(|n| *n > 0)?;
        let skipped = query.get("skipped").and_then(|n| n.parse::<u32>().ok()).unwrap_or(0);
        Some(view! {
            <div class="notice notice-ok" role="status" data-testid="booking-done">
                <p>{t!(i18n, booking_saved, count = booked)}</p>
                {(skipped > 0).then(|| view! { <p>{t!(i18n, booking_skipped, count = skipped)}</p> })}
            </div>
        })
    };
    let preview_form = move || {
        let query = query.read();
        (query.get("preview").as_deref() == Some("1")).then(|| form_from_query(&query))
    };
    let slug_for_preview = centre_slug.clone();
    view! {
        <PageTitle text=move || page_title(i18n, t_string!(i18n, booker_title, centre = title_name.get(i18n.get_locale())).to_string()) />
        <PageDescription text=description />
        <p>
            <a href=format!("/centres/{centre_slug}")>{move || format!("← {}", centre_name.get(i18n.get_locale()))}</a>
        </p>
        <h1>{text!(i18n, booker_heading)}</h1>
        <p class="muted">
            {text!(i18n, opening_hours)} ": " {week.get_value().opening_hours} " · " {text!(i18n, booker_time_note)}
        </p>
        {(manages && pending_requests > 0).then(|| {
            let href = format!("/staff/bookings?centre={}", week.get_value().centre_slug);
            view! {
                <p class="notice">
                    <a href=href data-testid="pending-link">{t!(i18n, booker_pending_requests, count = pending_requests)}</a>
                </p>
            }
        })}
        {notice}
        {move || {
            preview_form()
                .map(|form| {
                    view! { <PreviewBlock form preview book centre=slug_for_preview.clone() week=week_start room=selected_room /> }
                })
        }}
        <nav class="week-nav" aria-label=text!(i18n, booker_week_nav)>
            <a href=previous rel="prev" data-testid="previous-week">{move || format!("← {}", t_string!(i18n, booker_previous_week))}</a>
            <a href=this_week>{text!(i18n, booker_this_week)}</a>
            <a href=next rel="next" data-testid="next-week">{move || format!("{} →", t_string!(i18n, booker_next_week))}</a>
            <strong class="week-range" data-testid="week-range">{format!("{} – {}", date_text(week_start), week_end.format("%d.%m.%Y"))}</strong>
        </nav>
        <WeekPickers week=week.get_value() />
        <DaySwitch week=week.get_value() selected=Signal::derive(day_param) />
        <div class="booker">
            // A region of its own that takes the focus, so keyboard users can scroll it on a phone.
            <div
                class="grid-scroll"
                tabindex="0"
                role="region"
                aria-label=text!(i18n, booker_grid_caption)
            >
                <WeekGrid week=week.get_value() day=Signal::derive(day_param) />
            </div>
            <aside class="booker-side">
                // Prefilled from the slot the URL names (a clicked or dragged cell).
                <BookingFormView week=week.get_value() book prefill=form_from_query(&query.read_untracked()) />
                <RoomDetails week=week.get_value() />
            </aside>
        </div>
    }
}

/// A date field to jump to any week, and the room picker (all rooms side by side, or one).
#[component]
fn WeekPickers(week: RoomWeek) -> impl IntoView {
    let i18n = use_i18n();
    let action = format!("/centres/{}/rooms", week.centre_slug);
    let rooms = week.rooms.clone();
    let selected = week.selected_room;
    view! {
        <div class="week-pickers">
            <form method="get" action=action.clone() class="inline-form">
                {selected.map(|room| view! { <input type="hidden" name="room" value=room.to_string() /> })}
                <label for="week-date">{text!(i18n, booker_go_to_date)}</label>
                <input id="week-date" type="date" name="week" value=week.week_start.to_string() required />
                <button type="submit" class="button">{text!(i18n, apply_filter)}</button>
            </form>
            <SubmitsOnChange>
                <form method="get" action=action class="inline-form">
                    <input type="hidden" name="week" value=week.week_start.to_string() />
                    <label for="room-pick">{text!(i18n, booker_room_pick)}</label>
                    <select id="room-pick" name="room">
                        <option value="" selected=selected.is_none()>{text!(i18n, booker_all_rooms)}</option>
                        {rooms
                            .into_iter()
                            .map(|room| {
                                let name = room.name.clone();
                                view! {
                                    <option value=room.id.to_string() selected=selected == Some(room.id)>
                                        {move || name.get(i18n.get_locale()).to_owned()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <button type="submit" class="button no-js-only">{text!(i18n, apply_filter)}</button>
                </form>
            </SubmitsOnChange>
        </div>
    }
}

/// On a phone the grid shows one day; these links pick it (plain links, so no WASM is needed).
#[component]
fn DaySwitch(week: RoomWeek, selected: Signal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    view! {
        <nav class="day-switch" aria-label=text!(i18n, booker_day_switch)>
            {(0..7)
                .map(|day| {
                    let date = week.week_start + Duration::days(day as i64);
                    let base = week_url(&week.centre_slug, week.week_start, week.selected_room, &[("day", day.to_string())]);
                    let href = move || {
                        // Keeps a chosen slot in the form while switching days.
                        let query = query.read();
                        let mut href = base.clone();
                        for key in ["book_room", "date", "starts", "ends"] {
                            if let Some(value) = query.get(key) {
                                href.push_str(&format!("&{key}={value}"));
                            }
                        }
                        href
                    };
                    view! {
                        <a
                            href=href
                            aria-current=move || (selected.get() == day).then_some("true")
                            data-testid=format!("day-{day}")
                        >
                            <span>{move || weekday_label(i18n, weekday_of(day)).chars().take(2).collect::<String>()}</span>
                            <small>{date_text(date)}</small>
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// The half-hour grid: one column per room and day, uses drawn over the rows they take.
#[component]
fn WeekGrid(week: RoomWeek, day: Signal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(hours) = week.hours else {
        return Either::Left(view! { <p class="empty">{text!(i18n, booker_no_hours)}</p> }.into_any());
    };
    let rows = grid_rows(&hours);
    let rooms: Vec<GridRoom> =
        week.rooms.iter().filter(|room| week.selected_room.is_none_or(|id| id == room.id)).cloned().collect();
    if rooms.is_empty() {
        return Either::Left(view! { <p class="empty">{text!(i18n, no_rooms)}</p> }.into_any());
    }
    // Columns: day-major, rooms side by side within a day.
    let columns: Vec<(usize, GridRoom)> =
        (0..7).flat_map(|day| rooms.iter().cloned().map(move |room| (day, room))).collect();
    let cells: Vec<Vec<GridCell>> =
        columns.iter().map(|(day, room)| column_cells(&week, &rows, *day, room.id)).collect();
    let first_free = cells.iter().enumerate().find_map(|(column, cells)| {
        cells.iter().find(|cell| matches!(cell, GridCell::Free { .. })).map(|cell| (column, cell.row()))
    });
    let week = StoredValue::new(week);
    let columns = StoredValue::new(columns);
    let rows_for_body = rows.clone();
    let body = (0..rows.len())
        .map(|row| {
            let time = rows_for_body[row];
            let row_cells = cells
                .iter()
                .enumerate()
                .filter_map(|(column, cells)| {
                    let cell = cells.iter().find(|cell| cell.row() == row)?.clone();
                    let (day, room) = columns.with_value(|columns| columns[column].clone());
                    let focusable = first_free == Some((column, row));
                    Some(view! { <GridCellView cell column day room time week=week.get_value() focusable /> })
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row" class="time-head">{time.format("%H:%M").to_string()}</th>
                    {row_cells}
                </tr>
            }
        })
        .collect_view();
    let room_count = rooms.len();
    let week_start = week.with_value(|week| week.week_start);
    let today = week.with_value(|week| week.today);
    let grid_class = move || format!("week-grid show-d{}", day.get());
    let place = week.with_value(GridPlace::of);
    let grid = view! {
        <table class=grid_class data-testid="week-grid">
            <caption class="visually-hidden">{text!(i18n, booker_grid_caption)}</caption>
            <thead>
                <tr>
                    <td class="time-head"></td>
                    {(0..7)
                        .map(|d| {
                            let date = week_start + Duration::days(d as i64);
                            let class = if date == today { format!("day-head d{d} today") } else { format!("day-head d{d}") };
                            view! {
                                <th scope="colgroup" colspan=room_count.to_string() class=class>
                                    {move || weekday_label(i18n, weekday_of(d))} " " {date_text(date)}
                                </th>
                            }
                        })
                        .collect_view()}
                </tr>
                {(room_count > 1)
                    .then(|| {
                        view! {
                            <tr>
                                <td class="time-head"></td>
                                {columns
                                    .get_value()
                                    .into_iter()
                                    .map(|(d, room)| {
                                        let name = room.name.clone();
                                        view! {
                                            <th scope="col" class=format!("room-head day-cell d{d}")>
                                                {move || name.get(i18n.get_locale()).to_owned()}
                                            </th>
                                        }
                                    })
                                    .collect_view()}
                            </tr>
                        }
                    })}
            </thead>
            <tbody>{body}</tbody>
        </table>
    };
    // The table is server-rendered HTML: the island around it handles its events.
    Either::Right(view! { <GridGestures place>{grid}</GridGestures> }.into_any())
}

/// What the grid's links are made of besides the cell: the centre, the week shown and the room
/// picked (an island's props travel as JSON, so the whole week is not sent again).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct GridPlace {
    centre_slug: String,
    week_start: NaiveDate,
    selected_room: Option<i32>,
}

impl GridPlace {
    fn of(week: &RoomWeek) -> Self {
        GridPlace {
            centre_slug: week.centre_slug.clone(),
            week_start: week.week_start,
            selected_room: week.selected_room,
        }
    }
}

/// The grid's arrow keys and mouse drag, listening around the server-rendered table (its events
/// bubble here). A lazy island: only the booker's page loads it.
#[cfg_attr(not(feature = "csr"), island(lazy))]
#[cfg_attr(feature = "csr", component)]
fn GridGestures(place: GridPlace, children: Children) -> impl IntoView {
    let (on_pointerdown, on_pointerover, on_pointerup) = drag_handlers(place);
    view! {
        <div
            class="grid-gestures"
            on:keydown=move |event: leptos::ev::KeyboardEvent| move_focus(&event)
            on:pointerdown=on_pointerdown
            on:pointerover=on_pointerover
            on:pointerup=on_pointerup
        >
            {children()}
        </div>
    }
}

/// "Studio 1, Tuesday 14:00": how a screen reader names a cell before saying what is there.
fn cell_place(i18n: I18n, room: &GridRoom, day: usize, time: NaiveTime) -> String {
    format!("{}, {} {}", room.name.get(i18n.get_locale()), weekday_label(i18n, weekday_of(day)), time.format("%H:%M"))
}

#[component]
fn GridCellView(
    cell: GridCell,
    column: usize,
    day: usize,
    room: GridRoom,
    time: NaiveTime,
    week: RoomWeek,
    focusable: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let row = cell.row();
    let span = cell.span();
    let class = format!("slot day-cell d{day}");
    let tabindex = if focusable { "0" } else { "-1" };
    let place = cell_place(i18n, &room, day, time);
    let date = week.week_start + Duration::days(day as i64);
    match cell {
        GridCell::Free { .. } if room.bookable => {
            let (shortest, _) = length_limits(room.kind);
            let ends = time + Duration::minutes(shortest.max(30));
            let href = week_url(
                &week.centre_slug,
                week.week_start,
                week.selected_room,
                &[
                    ("day", day.to_string()),
                    ("book_room", room.id.to_string()),
                    ("date", date.to_string()),
                    ("starts", time.format("%H:%M").to_string()),
                    ("ends", ends.format("%H:%M").to_string()),
                ],
            ) + "#book";
            let label = move || format!("{}, {}", place, t_string!(i18n, booker_cell_free));
            Either::Left(view! {
                <td class=format!("{class} free")>
                    <a
                        href=href
                        class="slot-link"
                        tabindex=tabindex
                        aria-label=label
                        data-col=column.to_string()
                        data-row=row.to_string()
                        data-span="1"
                        data-free="true"
                        data-room=room.id.to_string()
                        data-date=date.to_string()
                        data-start=time.format("%H:%M").to_string()
                        data-end=(time + Duration::minutes(30)).format("%H:%M").to_string()
                    >
                        <span aria-hidden="true">"+"</span>
                    </a>
                </td>
            })
        }
        GridCell::Used { uses, .. } => {
            let items: Vec<GridUse> = uses.iter().filter_map(|index| week.uses.get(*index).cloned()).collect();
            let summary = items.iter().map(|item| use_text(i18n, item, week.manages)).collect::<Vec<_>>().join("; ");
            let label = format!("{place}, {summary}");
            let pending = items
                .iter()
                .any(|item| matches!(item.what, GridUseKind::Booking { status: BookingStatus::Pending, .. }));
            let session = items.iter().all(|item| matches!(item.what, GridUseKind::CourseSession { .. }));
            let kind = if session {
                "session"
            } else if pending {
                "pending"
            } else {
                "booked"
            };
            Either::Right(Either::Left(view! {
                <td
                    class=format!("{class} used {kind}")
                    rowspan=span.to_string()
                    tabindex=tabindex
                    aria-label=label
                    data-col=column.to_string()
                    data-row=row.to_string()
                    data-span=span.to_string()
                    data-testid="grid-use"
                >
                    {items.into_iter().map(|item| view! { <UseBlock item manages=week.manages /> }).collect_view()}
                </td>
            }))
        }
        other => {
            let state = match other {
                GridCell::Closed { .. } => "closed",
                GridCell::Past { .. } => "past",
                GridCell::Pause { .. } => "pause",
                _ => "unbookable",
            };
            let label = move || {
                let what = match state {
                    "closed" => t_string!(i18n, booker_cell_closed),
                    "past" => t_string!(i18n, booker_cell_past),
                    "pause" => t_string!(i18n, booker_cell_pause),
                    _ => t_string!(i18n, booker_cell_free_not_yours),
                };
                format!("{place}, {what}")
            };
            Either::Right(Either::Right(view! {
                <td
                    class=format!("{class} {state}")
                    tabindex=tabindex
                    aria-label=label
                    data-col=column.to_string()
                    data-row=row.to_string()
                    data-span="1"
                ></td>
            }))
        }
    }
}

/// What a screen reader hears for a use: "booked, pending" or "course: Dombra".
fn use_text(i18n: I18n, item: &GridUse, manages: bool) -> String {
    let times = format!(
        "{}–{}",
        crate::time::to_almaty(item.slot.0).format("%H:%M"),
        crate::time::to_almaty(item.slot.1).format("%H:%M")
    );
    match &item.what {
        GridUseKind::CourseSession { title, .. } => {
            format!("{times} {}: {}", t_string!(i18n, booker_course_session), title.get(i18n.get_locale()))
        }
        GridUseKind::Booking { status, purpose, booker, .. } => {
            let mut text = format!("{times} {} ({})", t_string!(i18n, booker_booked), status_label(i18n, *status));
            if let Some(purpose) = purpose {
                text.push_str(&format!(": {purpose}"));
            }
            if let (true, Some(booker)) = (manages, booker) {
                text.push_str(&format!(" — {booker}"));
            }
            text
        }
    }
}

#[component]
fn UseBlock(item: GridUse, manages: bool) -> impl IntoView {
    let i18n = use_i18n();
    let times = format!(
        "{}–{}",
        crate::time::to_almaty(item.slot.0).format("%H:%M"),
        crate::time::to_almaty(item.slot.1).format("%H:%M")
    );
    match item.what {
        GridUseKind::CourseSession { title, course_slug } => Either::Left(view! {
            <div class="use-block" aria-hidden="true">
                <span class="use-time">{times}</span>
                <a href=format!("/courses/{course_slug}") tabindex="-1">{move || title.get(i18n.get_locale()).to_owned()}</a>
            </div>
        }),
        GridUseKind::Booking { status, purpose, booker, own, .. } => Either::Right(view! {
            <div class="use-block" aria-hidden="true">
                <span class="use-time">{times}</span>
                <span class="use-what">
                    {match purpose {
                        Some(purpose) => Either::Left(purpose),
                        None => Either::Right(text!(i18n, booker_booked)),
                    }}
                </span>
                {(status == BookingStatus::Pending).then(|| view! { <span class="badge">{move || status_label(i18n, status)}</span> })}
                {own.then(|| view! { <span class="badge">{text!(i18n, booker_yours)}</span> })}
                {booker.filter(|_| manages).map(|booker| view! { <span class="use-booker">{booker}</span> })}
            </div>
        }),
    }
}

/// Arrow keys move between cells of the grid (a roving focus); Enter follows a free cell's link.
fn move_focus(event: &leptos::ev::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let (d_col, d_row): (i64, i64) = match event.key().as_str() {
        "ArrowUp" => (0, -1),
        "ArrowDown" => (0, 1),
        "ArrowLeft" => (-1, 0),
        "ArrowRight" => (1, 0),
        _ => return,
    };
    let Some(current) = event.target().and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return;
    };
    let read = |element: &web_sys::Element, name: &str| {
        element.get_attribute(name).and_then(|value| value.parse::<i64>().ok()).unwrap_or(-1)
    };
    let (col, row, span) = (read(&current, "data-col"), read(&current, "data-row"), read(&current, "data-span"));
    if col < 0 {
        return;
    }
    let Some(grid) = current.closest("table").ok().flatten() else {
        return;
    };
    let Ok(cells) = grid.query_selector_all("[data-col]") else {
        return;
    };
    let mut best: Option<(i64, web_sys::HtmlElement)> = None;
    for index in 0..cells.length() {
        let Some(cell) = cells.item(index).and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok()) else {
            continue;
        };
        let (c, r, s) = (read(&cell, "data-col"), read(&cell, "data-row"), read(&cell, "data-span").max(1));
        // Down: the next cell below this one's last row; up: the one above; sideways: the
        // neighbour column's cell covering this row.
        let distance = match (d_col, d_row) {
            (0, 1) if c == col && r >= row + span.max(1) => Some(r - row),
            (0, -1) if c == col && r < row => Some(row - r),
            (dc, 0) if c == col + dc && r <= row && row < r + s => Some(0),
            _ => None,
        };
        if let Some(distance) = distance
            && best.as_ref().is_none_or(|(best_distance, _)| distance < *best_distance)
        {
            best = Some((distance, cell));
        }
    }
    if let Some((_, target)) = best {
        event.prevent_default();
        current.set_tab_index(-1);
        target.set_tab_index(0);
        let _ = target.focus();
    }
}

/// Drag over free cells of one column (mouse) to book several half hours at once.
#[allow(clippy::type_complexity)]
fn drag_handlers(
    place: GridPlace,
) -> (
    impl Fn(leptos::ev::PointerEvent) + Clone + 'static,
    impl Fn(leptos::ev::PointerEvent) + Clone + 'static,
    impl Fn(leptos::ev::PointerEvent) + Clone + 'static,
) {
    use wasm_bindgen::JsCast;
    // Browser elements are not `Send`: they are wrapped only once created (in the browser), so the
    // server, which renders the grid on many threads, never holds (or drops) one.
    let anchor = StoredValue::new(None::<send_wrapper::SendWrapper<web_sys::HtmlElement>>);
    let end = StoredValue::new(None::<send_wrapper::SendWrapper<web_sys::HtmlElement>>);
    let element = |value: StoredValue<Option<send_wrapper::SendWrapper<web_sys::HtmlElement>>>| {
        value.with_value(|value| value.as_deref().cloned())
    };
    fn free_cell(event: &leptos::ev::PointerEvent) -> Option<web_sys::HtmlElement> {
        let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
        let cell = target.closest("[data-free]").ok()??;
        cell.dyn_into::<web_sys::HtmlElement>().ok()
    }
    fn mark(anchor: &web_sys::HtmlElement, end: &web_sys::HtmlElement) {
        let Some(grid) = anchor.closest("table").ok().flatten() else {
            return;
        };
        let column = anchor.get_attribute("data-col").unwrap_or_default();
        let row = |element: &web_sys::Element| {
            element.get_attribute("data-row").and_then(|value| value.parse::<i64>().ok()).unwrap_or(0)
        };
        let (from, until) = (row(anchor).min(row(end)), row(anchor).max(row(end)));
        if let Ok(cells) = grid.query_selector_all("[data-free]") {
            for index in 0..cells.length() {
                if let Some(cell) = cells.item(index).and_then(|node| node.dyn_into::<web_sys::Element>().ok()) {
                    let chosen = cell.get_attribute("data-col").as_deref() == Some(column.as_str())
                        && (from..=until).contains(&row(&cell));
                    let _ = cell.class_list().toggle_with_force("selecting", chosen);
                }
            }
        }
    }
    let down = move |event: leptos::ev::PointerEvent| {
        if event.pointer_type() != "mouse" || event.button() != 0 {
            return;
        }
        if let Some(cell) = free_cell(&event) {
            event.prevent_default();
            mark(&cell, &cell);
            anchor.set_value(Some(send_wrapper::SendWrapper::new(cell.clone())));
            end.set_value(Some(send_wrapper::SendWrapper::new(cell)));
        }
    };
    let over = move |event: leptos::ev::PointerEvent| {
        let Some(first) = element(anchor) else {
            return;
        };
        if let Some(cell) = free_cell(&event)
            && cell.get_attribute("data-col") == first.get_attribute("data-col")
        {
            mark(&first, &cell);
            end.set_value(Some(send_wrapper::SendWrapper::new(cell)));
        }
    };
    let up = move |event: leptos::ev::PointerEvent| {
        let (Some(first), Some(last)) = (element(anchor), element(end)) else {
            return;
        };
        anchor.set_value(None);
        end.set_value(None);
        event.prevent_default();
        let row = |element: &web_sys::Element| {
            element.get_attribute("data-row").and_then(|value| value.parse::<i64>().ok()).unwrap_or(0)
        };
        let (top, bottom) = if row(&first) <= row(&last) { (first, last) } else { (last, first) };
        let attribute = |element: &web_sys::Element, name: &str| element.get_attribute(name).unwrap_or_default();
        let day = (place.week_start
            - chrono::NaiveDate::parse_from_str(&attribute(&top, "data-date"), "%Y-%m-%d").unwrap_or(place.week_start))
        .num_days()
        .unsigned_abs();
        let href = week_url(
            &place.centre_slug,
            place.week_start,
            place.selected_room,
            &[
                ("day", day.to_string()),
                ("book_room", attribute(&top, "data-room")),
                ("date", attribute(&top, "data-date")),
                ("starts", attribute(&top, "data-start")),
                ("ends", attribute(&bottom, "data-end")),
            ],
        ) + "#book";
        // No router runs in the browser: the chosen slot is a page load.
        let _ = window().location().set_href(&href);
    };
    (down, over, up)
}

/// The booking form; prefilled from a clicked cell. Works as a plain POST without WASM.
#[component]
fn BookingFormView(week: RoomWeek, book: ServerAction<BookRoom>, prefill: BookingForm) -> impl IntoView {
    let i18n = use_i18n();
    let error = form_error(book);
    let bookable: Vec<GridRoom> = week.rooms.iter().filter(|room| room.bookable).cloned().collect();
    if !week.signed_in {
        return Either::Left(
            view! {
                <section class="card booking-form" id="book">
                    <h2>{text!(i18n, booker_form_title)}</h2>
                    <p>
                        <a href="/sign-in">{text!(i18n, booker_sign_in_to_book)}</a>
                    </p>
                </section>
            }
            .into_any(),
        );
    }
    if bookable.is_empty() {
        return Either::Left(
            view! {
                <section class="card booking-form" id="book">
                    <h2>{text!(i18n, booker_form_title)}</h2>
                    <p>{text!(i18n, booker_cannot_book)}</p>
                </section>
            }
            .into_any(),
        );
    }
    let chosen_room = prefill.room.parse::<i32>().ok();
    let min_date = week.today.to_string();
    let manages = week.manages;
    let quotas = week.quotas.clone();
    let field = move |name: &'static str| format!("form[{name}]");
    let described = |field: Field| format!("{}-error", field.as_str());
    Either::Right(view! {
        <section class="card booking-form" id="book">
            <h2>{move || if manages { t_string!(i18n, booker_form_title) } else { t_string!(i18n, booker_request_title) }}</h2>
            {(!manages).then(|| view! { <p class="muted">{text!(i18n, booker_request_note)}</p> })}
            {(!quotas.is_empty())
                .then(|| {
                    view! {
                        <ul class="quota-list" data-testid="quota">
                            {quotas
                                .into_iter()
                                .map(|quota| {
                                    view! {
                                        <li>
                                            {move || {
                                                t_string!(
                                                    i18n,
                                                    booker_quota_used,
                                                    kind = room_kind_label(i18n, quota.kind),
                                                    used = hours_text(quota.used_minutes),
                                                    quota = hours_text(quota.quota_minutes)
                                                )
                                                .to_string()
                                            }}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            <ActionForm action=book attr:class="stack-form" attr:data-testid="booking-form">
                <label for="book-room">{text!(i18n, room_label)}</label>
                <select id="book-room" name=field("room") required aria-describedby=described(Field::Room)>
                    {bookable
                        .into_iter()
                        .map(|room| {
                            let name = room.name.clone();
                            let kind = room.kind;
                            view! {
                                <option value=room.id.to_string() selected=chosen_room == Some(room.id)>
                                    {move || format!("{} ({})", name.get(i18n.get_locale()), room_kind_label(i18n, kind))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldError field=Field::Room error />
                <label for="book-date">{text!(i18n, booker_date_label)}</label>
                <input id="book-date" type="date" name=field("date") value=prefill.date.clone() min=min_date required aria-describedby=described(Field::Date) />
                <FieldError field=Field::Date error />
                <div class="field-row">
                    <div>
                        <label for="book-starts">{text!(i18n, session_starts_label)}</label>
                        <input id="book-starts" type="time" step="900" name=field("starts") value=prefill.starts.clone() required aria-describedby=described(Field::Starts) />
                    </div>
                    <div>
                        <label for="book-ends">{text!(i18n, session_ends_label)}</label>
                        <input id="book-ends" type="time" step="900" name=field("ends") value=prefill.ends.clone() required aria-describedby=described(Field::Ends) />
                    </div>
                </div>
                <FieldError field=Field::Starts error />
                <FieldError field=Field::Ends error />
                <FieldError field=Field::Length error />
                <FieldError field=Field::OpeningHours error />
                <label for="book-attendees">{text!(i18n, booker_attendees)}</label>
                <input id="book-attendees" type="number" min="1" max="500" name=field("attendees") value=prefill.attendees.clone().unwrap_or_else(|| "1".into()) aria-describedby=described(Field::Attendees) />
                <FieldError field=Field::Attendees error />
                <label for="book-purpose">{text!(i18n, booker_purpose)}</label>
                <input id="book-purpose" type="text" maxlength="200" name=field("purpose") value=prefill.purpose.clone() required aria-describedby=described(Field::Purpose) />
                <FieldError field=Field::Purpose error />
                <details class="repeat" open=prefill.repeat_every.as_deref().is_some_and(|every| !every.is_empty() && every != "0")>
                    <summary>{text!(i18n, booker_repeat)}</summary>
                    <label for="book-repeat-every">{text!(i18n, booker_repeat_every)}</label>
                    <select id="book-repeat-every" name=field("repeat_every") aria-describedby=described(Field::RepeatEvery)>
                        <option value="">{text!(i18n, booker_repeat_never)}</option>
                        {(1..=4)
                            .map(|weeks| {
                                let selected = prefill.repeat_every.as_deref() == Some(weeks.to_string().as_str());
                                view! {
                                    <option value=weeks.to_string() selected=selected>
                                        {move || t_string!(i18n, booker_every_weeks, count = weeks).to_string()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <FieldError field=Field::RepeatEvery error />
                    <label for="book-repeat-until">{text!(i18n, booker_repeat_until)}</label>
                    <input id="book-repeat-until" type="date" name=field("repeat_until") value=prefill.repeat_until.clone().unwrap_or_default() aria-describedby=described(Field::RepeatUntil) />
                    <FieldError field=Field::RepeatUntil error />
                </details>
                <FieldError field=Field::Quota error />
                <FormError fields=FORM_FIELDS error />
                <button type="submit" class="button" data-testid="book-submit">
                    {move || if manages { t_string!(i18n, booker_book) } else { t_string!(i18n, booker_request) }}
                </button>
            </ActionForm>
        </section>
    })
}

type PreviewResource = Loaded<Option<Result<SeriesPreview, AppError>>>;

/// The preview of a repeating booking: every occurrence, free or why not, and "save the free ones".
#[component]
fn PreviewBlock(
    form: BookingForm,
    preview: PreviewResource,
    book: ServerAction<BookRoom>,
    centre: String,
    week: NaiveDate,
    room: Option<i32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let cancel = week_url(&centre, week, room, &[]);
    view! {
        <section class="card series-preview" aria-labelledby="preview-title" data-testid="series-preview">
            <h2 id="preview-title">{text!(i18n, booker_preview_title)}</h2>
            <Suspense fallback=Loading>
                {move || {
                    let form = form.clone();
                    let cancel = cancel.clone();
                    Suspend::new(async move {
                        preview
                            .await
                            .map(|answer| {
                                result_view(answer, move |preview| view! { <PreviewList preview form save=book cancel /> })
                            })
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn PreviewList(
    preview: SeriesPreview,
    form: BookingForm,
    save: ServerAction<BookRoom>,
    cancel: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let free = preview.free();
    let skipped = preview.occurrences.len() - free;
    let hidden = move |name: &'static str, value: String| {
        view! { <input type="hidden" name=format!("form[{name}]") value=value /> }
    };
    view! {
        <ol class="preview-list">
            {preview
                .occurrences
                .into_iter()
                .map(|occurrence| {
                    let when = slot_text(occurrence.slot);
                    match occurrence.skip {
                        None => Either::Left(view! {
                            <li class="free" data-testid="occurrence-free">
                                {when} " — " {text!(i18n, booker_occurrence_free)}
                            </li>
                        }),
                        Some(skip) => {
                            let reason = match skip {
                                Skip::Clash(other) => other.refusal(),
                                Skip::Rule(error) => error,
                            };
                            Either::Right(view! {
                                <li class="skipped" data-testid="occurrence-skipped">
                                    {when} " — " <strong>{text!(i18n, booker_occurrence_skipped)}</strong> ": "
                                    {move || error_message(i18n, &reason)}
                                </li>
                            })
                        }
                    }
                })
                .collect_view()}
        </ol>
        <p>{t!(i18n, booker_preview_summary, free = free, skipped = skipped)}</p>
        <div class="button-row">
            {(free > 0)
                .then(|| {
                    view! {
                        <ActionForm action=save attr:class="inline-form">
                            {hidden("room", form.room.clone())}
                            {hidden("date", form.date.clone())}
                            {hidden("starts", form.starts.clone())}
                            {hidden("ends", form.ends.clone())}
                            {hidden("attendees", form.attendees.clone().unwrap_or_default())}
                            {hidden("purpose", form.purpose.clone())}
                            {hidden("repeat_every", form.repeat_every.clone().unwrap_or_default())}
                            {hidden("repeat_until", form.repeat_until.clone().unwrap_or_default())}
                            {hidden("confirm", "on".into())}
                            <button type="submit" class="button" data-testid="save-series">
                                {t!(i18n, booker_save_free, count = free)}
                            </button>
                        </ActionForm>
                    }
                })}
            <a href=cancel class="button button-secondary">{text!(i18n, booker_cancel_preview)}</a>
        </div>
    }
}

/// The shown rooms: kind, seats, equipment, approval and pause.
#[component]
fn RoomDetails(week: RoomWeek) -> impl IntoView {
    let i18n = use_i18n();
    let rooms: Vec<GridRoom> =
        week.rooms.into_iter().filter(|room| week.selected_room.is_none_or(|id| id == room.id)).collect();
    view! {
        <section class="room-details">
            <h2>{text!(i18n, rooms_title)}</h2>
            <ul class="room-detail-list" role="list">
                {rooms
                    .into_iter()
                    .map(|room| {
                        let name = room.name.clone();
                        let kind = room.kind;
                        view! {
                            <li data-testid="room-detail">
                                <h3>{move || name.get(i18n.get_locale()).to_owned()}</h3>
                                <p class="muted">
                                    {move || room_kind_label(i18n, kind)} " · " {t!(i18n, room_capacity, count = room.capacity)}
                                </p>
                                {(!room.equipment.is_empty()).then(|| view! { <p class="equipment">{room.equipment.join(" · ")}</p> })}
                                <p>
                                    <a href=format!("/room-calendar/{}.ics", room.id) data-testid="room-feed">{text!(i18n, booker_room_feed)}</a>
                                </p>
                                <p>
                                    {move || if room.needs_approval { t_string!(i18n, booker_needs_approval) } else { t_string!(i18n, booker_no_approval) }}
                                    {(room.pause_minutes > 0).then(|| view! { " · " {t!(i18n, booker_pause, minutes = room.pause_minutes)} })}
                                </p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// `/account/bookings`: the caller's bookings and requests, with cancel.
#[component]
pub fn MyBookingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let change = ServerAction::<ChangeBooking>::new();
    let bookings = load(|| (), |_| my_bookings());
    let error = form_error(change);
    view! {
        <PageTitle text=move || page_title(i18n, t_string!(i18n, my_bookings_title).to_string()) />
        <h1>{text!(i18n, my_bookings_title)}</h1>
        <FormError fields=&[] error />
        <FeedLink />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                result_view(bookings.await, move |rows| {
                    if rows.is_empty() {
                        Either::Left(view! {
                            <p class="empty">{text!(i18n, my_bookings_empty)} " " <a href="/rooms">{text!(i18n, nav_rooms)}</a></p>
                        })
                    } else {
                        Either::Right(view! {
                            <ul class="cards" role="list">
                                {rows.into_iter().map(|row| view! { <BookingCard row change staff=false /> }).collect_view()}
                            </ul>
                        })
                    }
                })
            })}
        </Transition>
    }
}

/// The secret calendar link of the caller's bookings.
#[component]
fn FeedLink() -> impl IntoView {
    let i18n = use_i18n();
    let link = load(|| (), |_| super::api::booking_feed_link());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                link.await
                    .ok()
                    .map(|url| {
                        view! {
                            <p class="muted">
                                {text!(i18n, booker_feed_note)} " "
                                <a href=url.clone() data-testid="bookings-feed">{url.clone()}</a>
                            </p>
                        }
                    })
            })}
        </Suspense>
    }
}

/// One booking with what its viewer may do with it.
#[component]
fn BookingCard(row: BookingRow, change: ServerAction<ChangeBooking>, staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    let BookingRow {
        id,
        slot,
        status,
        purpose,
        attendees,
        room_name,
        centre_slug,
        centre_name,
        booker,
        decision_note,
        in_series,
    } = row;
    let live = status.holds_slot();
    let week = super::domain::almaty_week_monday(slot.0);
    let grid = week_url(&centre_slug, week, None, &[]);
    let reason_id = format!("reason-{id}");
    view! {
        <li class="card booking-card" data-testid=format!("booking-{id}") id=format!("booking-{id}")>
            <h2 class="card-title">{slot_text(slot)}</h2>
            <p>
                <a href=grid>{move || format!("{} · {}", room_name.get(i18n.get_locale()), centre_name.get(i18n.get_locale()))}</a>
            </p>
            <p>{purpose} " · " {t!(i18n, booker_attendees_count, count = attendees)}</p>
            {staff.then(|| view! { <p class="muted">{booker.clone()}</p> })}
            <p class=format!("status status-{}", status_class(status)) data-testid="booking-status">
                {move || status_label(i18n, status)}
            </p>
            {decision_note.map(|note| view! { <p class="muted" data-testid="decision-note">{text!(i18n, booker_note)} ": " {note}</p> })}
            {live
                .then(|| {
                    let reason_id = reason_id.clone();
                    view! {
                        <div class="button-row">
                            {(staff && status == BookingStatus::Pending)
                                .then(|| {
                                    view! {
                                        <ActionForm action=change attr:class="inline-form">
                                            <input type="hidden" name="booking" value=id.to_string() />
                                            <input type="hidden" name="action" value="approve" />
                                            <button type="submit" class="button" data-testid="approve">{text!(i18n, booker_approve)}</button>
                                        </ActionForm>
                                    }
                                })}
                            <ActionForm action=change attr:class="inline-form decision-form">
                                <input type="hidden" name="booking" value=id.to_string() />
                                {staff
                                    .then(|| {
                                        view! {
                                            <label for=reason_id.clone()>{text!(i18n, booker_reason)}</label>
                                            <input id=reason_id.clone() type="text" name="reason" maxlength="300" />
                                        }
                                    })}
                                {(in_series)
                                    .then(|| {
                                        view! {
                                            <label class="checkbox">
                                                <input type="checkbox" name="rest" value="on" />
                                                {text!(i18n, booker_rest_of_series)}
                                            </label>
                                        }
                                    })}
                                {(staff && status == BookingStatus::Pending)
                                    .then(|| {
                                        view! {
                                            <button type="submit" class="button button-danger" name="action" value="decline" data-testid="decline">
                                                {text!(i18n, booker_decline)}
                                            </button>
                                        }
                                    })}
                                <button type="submit" class="button button-secondary" name="action" value="cancel" data-testid="cancel-booking">
                                    {text!(i18n, booker_cancel_booking)}
                                </button>
                            </ActionForm>
                        </div>
                    }
                })}
        </li>
    }
}

fn status_class(status: BookingStatus) -> &'static str {
    match status {
        BookingStatus::Pending => "pending",
        BookingStatus::Confirmed => "confirmed",
        BookingStatus::Declined => "declined",
        BookingStatus::Cancelled => "cancelled",
    }
}

/// `/staff/bookings`: the centre's requests waiting for a decision, then the next two weeks.
#[component]
pub fn BookingDeskPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let change = ServerAction::<ChangeBooking>::new();
    let save_quotas = ServerAction::<SaveRoomQuotas>::new();
    let desk = load(move || query.read().get("centre"), load_booking_desk);
    let error = form_error(change);
    view! {
        <PageTitle text=move || page_title(i18n, t_string!(i18n, booking_desk_title).to_string()) />
        <h1>{text!(i18n, booking_desk_title)}</h1>
        <FormError fields=&[] error />
        {move || {
            error
                .get()
                .filter(|error| matches!(error, AppError::InvalidInput { field: Field::Reason, .. }))
                .map(|error| view! { <p class="field-error" role="alert">{error_message(i18n, &error)}</p> })
        }}
        <Transition fallback=Loading>
            {move || Suspend::new(async move { result_view(desk.await, move |desk| view! { <DeskView desk change save_quotas /> }) })}
        </Transition>
    }
}

#[component]
fn DeskView(
    desk: BookingDesk,
    change: ServerAction<ChangeBooking>,
    save_quotas: ServerAction<SaveRoomQuotas>,
) -> impl IntoView {
    let i18n = use_i18n();
    let BookingDesk { centre_slug, centre_name, pending, upcoming, quotas } = desk;
    let quota_centre = centre_slug.clone();
    let grid = format!("/centres/{centre_slug}/rooms");
    let usage = format!("/staff/rooms/usage?centre={centre_slug}");
    view! {
        <p class="staff-links">
            <a href=grid>{move || format!("{} — {}", centre_name.get(i18n.get_locale()), t_string!(i18n, booker_heading))}</a>
            <a href=usage data-testid="usage-link">{text!(i18n, usage_link)}</a>
        </p>
        <h2>{text!(i18n, booking_desk_pending)}</h2>
        {if pending.is_empty() {
            Either::Left(view! { <p class="empty" data-testid="no-pending">{text!(i18n, booking_desk_no_pending)}</p> })
        } else {
            Either::Right(view! {
                <ul class="cards" role="list" data-testid="pending-list">
                    {pending.into_iter().map(|row| view! { <BookingCard row change staff=true /> }).collect_view()}
                </ul>
            })
        }}
        <h2>{text!(i18n, booking_desk_upcoming)}</h2>
        {if upcoming.is_empty() {
            Either::Left(view! { <p class="empty">{text!(i18n, booking_desk_no_upcoming)}</p> })
        } else {
            Either::Right(view! {
                <ul class="cards" role="list">
                    {upcoming.into_iter().map(|row| view! { <BookingCard row change staff=true /> }).collect_view()}
                </ul>
            })
        }}
        <QuotaSettings centre_slug=quota_centre quotas save=save_quotas />
    }
}

/// The centre's weekly limits per room kind, for residents (the rooms they may request) and for
/// staff: hours a week, blank for no limit. A plain form without WASM.
#[component]
fn QuotaSettings(centre_slug: String, quotas: Vec<QuotaSetting>, save: ServerAction<SaveRoomQuotas>) -> impl IntoView {
    let i18n = use_i18n();
    let error = form_error(save);
    let saved = form_done(save);
    let cell = move |booker: Booker, kind: RoomKind| {
        let Some(setting) = quotas.iter().find(|setting| setting.booker == booker && setting.kind == kind) else {
            return Either::Left(view! { <td class="muted">"—"</td> });
        };
        let key = quota_key(booker, kind);
        let id = format!("limit-{key}");
        let value = setting.weekly_minutes.map(hours_text).unwrap_or_default();
        let who = match booker {
            Booker::Resident => t_string!(i18n, quota_residents).to_string(),
            Booker::Staff => t_string!(i18n, quota_staff).to_string(),
        };
        Either::Right(view! {
            <td>
                <label for=id.clone() class="visually-hidden">
                    {move || format!("{}, {}, {}", room_kind_label(i18n, kind), who, t_string!(i18n, quota_hours_a_week))}
                </label>
                <input
                    id=id
                    type="text"
                    inputmode="decimal"
                    size="5"
                    maxlength="8"
                    name=format!("limits[{key}]")
                    value=value
                    placeholder=text!(i18n, quota_no_limit)
                    data-testid=format!("limit-{key}")
                />
            </td>
        })
    };
    let rows = RoomKind::ALL
        .into_iter()
        .map(|kind| {
            view! {
                <tr>
                    <th scope="row">{move || room_kind_label(i18n, kind)}</th>
                    {cell(Booker::Resident, kind)}
                    {cell(Booker::Staff, kind)}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="quota-settings" aria-labelledby="quota-heading">
            <h2 id="quota-heading">{text!(i18n, quota_heading)}</h2>
            <p class="muted">{text!(i18n, quota_hint)}</p>
            <ActionForm action=save attr:data-testid="quota-form">
                <input type="hidden" name="centre" value=centre_slug />
                <div class="table-scroll">
                    <table class="quota-table">
                        <thead>
                            <tr>
                                <th scope="col">{text!(i18n, quota_room_kind)}</th>
                                <th scope="col">{text!(i18n, quota_residents)}</th>
                                <th scope="col">{text!(i18n, quota_staff)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <FormError fields=&[] error />
                <button type="submit" class="button" data-testid="save-limits">{text!(i18n, quota_save)}</button>
                {move || saved.get().then(|| view! { <p class="notice notice-ok" role="status" data-testid="limits-saved">{text!(i18n, quota_saved)}</p> })}
            </ActionForm>
        </section>
    }
}

/// `/staff/rooms/usage`: booked hours ÷ open hours for a month, as bars and as a table, with a
/// CSV download. Staff see their centre's rooms; admins every centre, district and the city.
#[component]
pub fn RoomUsagePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let report = load(
        move || (query.read().get("centre"), query.read().get("month")),
        |(centre, month)| super::api::load_room_usage(centre, month),
    );
    view! {
        <PageTitle text=move || page_title(i18n, t_string!(i18n, usage_title).to_string()) />
        <h1>{text!(i18n, usage_title)}</h1>
        <Transition fallback=Loading>
            {move || Suspend::new(async move { result_view(report.await, move |report| view! { <UsageView report /> }) })}
        </Transition>
    }
}

#[component]
fn UsageView(report: super::domain::UsageReport) -> impl IntoView {
    let i18n = use_i18n();
    let month = report.month.format("%Y-%m").to_string();
    let csv_base =
        format!("/staff/rooms/usage.csv?centre={}&month={}", report.centre_slug, report.month.format("%Y-%m"));
    let csv = move || format!("{csv_base}&lang={}", leptos_i18n::Locale::as_str(i18n.get_locale()));
    let centre_name = report.centre_name.clone();
    view! {
        <form method="get" action="/staff/rooms/usage" class="inline-form week-pickers">
            <input type="hidden" name="centre" value=report.centre_slug.clone() />
            <label for="usage-month">{text!(i18n, usage_month_label)}</label>
            <input id="usage-month" type="month" name="month" value=month required />
            <button type="submit" class="button">{text!(i18n, apply_filter)}</button>
            <a href=csv class="button button-secondary" data-testid="usage-csv">{text!(i18n, usage_download)}</a>
        </form>
        <h2>{move || format!("{} — {}", t_string!(i18n, usage_rooms_heading), centre_name.get(i18n.get_locale()))}</h2>
        <UsageChart rows=report.rooms />
        {(!report.centres.is_empty()).then(|| view! { <h2>{text!(i18n, usage_centres_heading)}</h2> <UsageChart rows=report.centres /> })}
        {(!report.districts.is_empty()).then(|| view! { <h2>{text!(i18n, usage_districts_heading)}</h2> <UsageChart rows=report.districts /> })}
        {report.city.map(|city| view! { <h2>{text!(i18n, usage_city)}</h2> <UsageChart rows=vec![city] /> })}
    }
}

/// Horizontal bars drawn on the server (an SVG that scales to a phone and prints), with the same
/// numbers in a table for screen readers and spreadsheets-by-eye.
#[component]
fn UsageChart(rows: Vec<super::domain::UsageRow>) -> impl IntoView {
    let i18n = use_i18n();
    const BAR_HEIGHT: usize = 28;
    let height = rows.len() * BAR_HEIGHT + 8;
    let chart_rows = rows.clone();
    let hours = |minutes: i64| format!("{:.1}", minutes as f64 / 60.0);
    view! {
        <figure class="usage-chart">
            <svg
                viewBox=format!("0 0 600 {height}")
                width="100%"
                role="img"
                aria-hidden="true"
                preserveAspectRatio="xMinYMin meet"
            >
                {chart_rows
                    .into_iter()
                    .enumerate()
                    .map(|(index, row)| {
                        let y = index * BAR_HEIGHT + 4;
                        let percent = row.percent().clamp(0, 100) as usize;
                        let name = row.name.clone();
                        view! {
                            <g>
                                <text x="0" y=(y + 18).to_string() class="usage-label">
                                    {move || name.get(i18n.get_locale()).chars().take(28).collect::<String>()}
                                </text>
                                <rect x="230" y=y.to_string() width="300" height="20" class="usage-track" />
                                <rect x="230" y=y.to_string() width=(percent * 3).to_string() height="20" class="usage-bar" />
                                <text x="540" y=(y + 16).to_string() class="usage-value">{format!("{}%", row.percent())}</text>
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
            <table class="usage-table">
                <thead>
                    <tr>
                        <th scope="col">{text!(i18n, usage_column_name)}</th>
                        <th scope="col">{text!(i18n, usage_column_booked)}</th>
                        <th scope="col">{text!(i18n, usage_column_open)}</th>
                        <th scope="col">{text!(i18n, usage_column_percent)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let name = row.name.clone();
                            view! {
                                <tr data-testid="usage-row">
                                    <th scope="row">{move || name.get(i18n.get_locale()).to_owned()}</th>
                                    <td>{hours(row.booked_minutes)}</td>
                                    <td>{hours(row.open_minutes)}</td>
                                    <td>{format!("{}%", row.percent())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </figure>
    }
}
