//! The questionnaire's pages: `/quiz` (choose a form, answer, save), `/quiz/result/<token>` (the
//! shareable, printable result), the resident's past results, and the mentor's pages
//! (`/quiz/visitor` to start with a visitor, `/quiz/sessions` for the centre's sessions).
//!
//! `/quiz` is one plain GET form per step: the answers so far travel in the URL as digits (`a`),
//! the page's answers as `r<item>` radios, so it works without JavaScript. Once the WASM client
//! runs, the same markup answers in place: keys 1–5 answer, ← → move, and the answers are kept in
//! the browser's localStorage until the result is saved (a reload or a lost connection loses none).
use super::api::{SaveQuiz, find_visitors, get_quiz_result, my_quiz_results, quiz_sessions, quiz_visitor};
use super::domain::{
    ANSWER_MAX, ANSWER_MIN, AgeBand, PAGE_SIZE, QuizForm, QuizResult, RiasecType, SessionsReport, adaptive_stop,
    age_band_text, answers_text, is_complete, merge_page, parse_answers, parse_code, visitor_text,
};
use super::items::{ITEMS, TYPE_DESCRIPTIONS, locale_index, type_name};
use crate::accounts::pages::sign_in_returning_to;
use crate::centres::api::list_districts;
use crate::enrolment::api::{CoursePlaces, Enrol, PlaceInCourse, my_places};
use crate::enrolment::pages::{EnrolButton, EnrolRefusal};
use crate::error::Field;
use crate::i18n::*;
use crate::residents::domain::Occupation;
use crate::residents::pages::occupation_label;
use crate::time::format_almaty;
use crate::ui::{
    FieldError, FormError, Loading, PageDescription, form_error, form_error_from_url, load, result_view, site_url,
};
use crate::ui::{PageTitle, PrintButton, Printable};
use leptos::either::{Either, EitherOf3, EitherOf5};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

fn item_text(locale: Locale, index: usize) -> &'static str {
    let item = &ITEMS[index];
    match locale {
        Locale::kk => item.kk,
        Locale::ru => item.ru,
        Locale::en => item.en,
    }
}

fn scale_word(i18n: leptos_i18n::I18nContext<Locale>, answer: u8) -> String {
    match answer {
        1 => t_string!(i18n, quiz_scale_1),
        2 => t_string!(i18n, quiz_scale_2),
        3 => t_string!(i18n, quiz_scale_3),
        4 => t_string!(i18n, quiz_scale_4),
        _ => t_string!(i18n, quiz_scale_5),
    }
    .to_string()
}

fn form_title(i18n: leptos_i18n::I18nContext<Locale>, form: QuizForm) -> String {
    match form {
        QuizForm::Quick => t_string!(i18n, quiz_form_quick),
        QuizForm::Full => t_string!(i18n, quiz_form_full),
        QuizForm::Adaptive => t_string!(i18n, quiz_form_adaptive),
    }
    .to_string()
}

/// Whom a mentor runs the questionnaire with, carried through every step in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Session {
    resident: Option<String>,
    district: Option<String>,
    age_band: Option<String>,
    occupation: Option<String>,
}

impl Session {
    fn from_query(query: &leptos_router::params::ParamsMap) -> Self {
        let given = |key: &str| query.get(key).map(|value| value.trim().to_owned()).filter(|value| !value.is_empty());
        Session {
            resident: given("resident").filter(|id| id.len() <= 10 && id.chars().all(|c| c.is_ascii_digit())),
            district: given("district").filter(|slug| slug.len() <= 64),
            age_band: given("age_band").filter(|band| AgeBand::from_slug(band).is_some()),
            occupation: given("occupation").filter(|slug| Occupation::from_slug(slug).is_some()),
        }
    }

    fn is_visit(&self) -> bool {
        self.district.is_some() || self.age_band.is_some() || self.occupation.is_some()
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("resident", &self.resident),
            ("district", &self.district),
            ("age_band", &self.age_band),
            ("occupation", &self.occupation),
        ]
        .into_iter()
        .filter_map(|(key, value)| Some((key, value.clone()?)))
        .collect()
    }

    /// The browser's key for this sheet's saved answers.
    fn storage_key(&self, form: QuizForm) -> String {
        let whom = match (&self.resident, self.is_visit()) {
            (Some(id), _) => format!("resident-{id}"),
            (None, true) => "visit".to_owned(),
            (None, false) => "self".to_owned(),
        };
        format!("quiz-{}-{whom}", form.slug())
    }

    fn hidden_fields(&self) -> impl IntoView + use<> {
        self.pairs()
            .into_iter()
            .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
            .collect_view()
    }
}

/// `/quiz?…` with the session and `extra` parameters.
fn quiz_href(session: &Session, extra: &[(&str, String)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in extra.iter().map(|(key, value)| (*key, value.clone())).chain(session.pairs()) {
        query.append_pair(key, &value);
    }
    format!("/quiz?{}", query.finish())
}

/// The browser's localStorage, reached directly (no extra web-sys features).
#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = localStorage, js_name = getItem, catch)]
        fn get_item(key: &str) -> Result<Option<String>, JsValue>;
        #[wasm_bindgen(js_namespace = localStorage, js_name = setItem, catch)]
        fn set_item(key: &str, value: &str) -> Result<(), JsValue>;
        #[wasm_bindgen(js_namespace = localStorage, js_name = removeItem, catch)]
        fn remove_item(key: &str) -> Result<(), JsValue>;
    }

    pub fn load(key: &str) -> Option<String> {
        get_item(key).ok().flatten()
    }

    pub fn store(key: &str, value: &str) {
        let _ = set_item(key, value);
    }

    pub fn forget(key: &str) {
        let _ = remove_item(key);
    }
}

/// `/quiz`: the choice of form, then the questionnaire.
#[component]
pub fn QuizPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    // The mentor's session is fixed for the life of the page. The form follows the URL: choosing
    // one is a link to this same page.
    let session = query.with_untracked(Session::from_query);
    let form =
        Memo::new(move |_| query.with(|query| query.get("form")).and_then(|slug| QuizForm::from_slug(slug.trim())));
    let chosen_session = session.clone();
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, quiz_title), t_string!(i18n, site_name)) />
        <PageDescription text=Signal::derive(move || t_string!(i18n, meta_quiz).to_string()) />
        <section class="quiz" data-testid="quiz">
            <h1>{text!(i18n, quiz_title)}</h1>
            <SessionBanner session />
            {move || match form.get() {
                None => Either::Left(view! { <FormChoice session=chosen_session.clone() /> }),
                Some(form) => {
                    let step = query.with_untracked(|query| step_from_query(form, query));
                    Either::Right(view! { <Questionnaire form session=chosen_session.clone() step /> })
                }
            }}
        </section>
    }
}

/// Who the mentor is running the questionnaire with, above every step.
#[component]
fn SessionBanner(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let resident = session.resident.clone();
    let name = load(
        move || resident.clone(),
        |resident| async move {
            match resident {
                Some(resident) => quiz_visitor(resident).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let visit = session.is_visit();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match name.await {
                    Ok(Some(name)) => Some(EitherOf3::A(view! {
                        <p class="notice" data-testid="quiz-with">{t!(i18n, quiz_with_resident, name)}</p>
                    })),
                    Ok(None) if visit => Some(EitherOf3::B(view! {
                        <p class="notice" data-testid="quiz-with">{text!(i18n, quiz_with_visit)}</p>
                    })),
                    Ok(None) => None,
                    Err(error) => Some(EitherOf3::C(view! { <crate::ui::ErrorNotice error /> })),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FormChoice(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let choices = QuizForm::ALL.map(|form| {
        let href = quiz_href(&session, &[("form", form.slug().to_owned())]);
        let text = move || match form {
            QuizForm::Quick => t_string!(i18n, quiz_form_quick_text),
            QuizForm::Full => t_string!(i18n, quiz_form_full_text),
            QuizForm::Adaptive => t_string!(i18n, quiz_form_adaptive_text),
        };
        view! {
            <li class="card">
                <h2><a href=href>{move || form_title(i18n, form)}</a></h2>
                <p>{text}</p>
            </li>
        }
    });
    view! {
        <p class="lead">{text!(i18n, quiz_lead)}</p>
        <ul class="cards" role="list" data-testid="quiz-forms">{choices.into_iter().collect_view()}</ul>
        <p class="hint">{text!(i18n, quiz_privacy)}</p>
    }
}

/// The state of a sheet as the URL of a plain step gives it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct Step {
    answers: Vec<u8>,
    cursor: usize,
    /// The submitted page had unanswered items.
    incomplete_page: bool,
}

fn step_from_query(form: QuizForm, query: &leptos_router::params::ParamsMap) -> Step {
    let total = form.item_count();
    let mut answers = query.get("a").and_then(|a| parse_answers(&a).ok()).unwrap_or_default();
    answers.truncate(total);
    let page: Vec<(usize, u8)> = (0..total)
        .filter_map(|index| Some((index, query.get(&format!("r{index}"))?.trim().parse::<u8>().ok()?)))
        .collect();
    let mut answers = merge_page(&answers, &page);
    answers.truncate(total);
    if form == QuizForm::Adaptive
        && let Some(stop) = adaptive_stop(&answers)
    {
        answers.truncate(stop);
    }
    let shown = query
        .get("shown")
        .and_then(|shown| shown.parse::<usize>().ok())
        .filter(|shown| shown.saturating_mul(PAGE_SIZE) < total);
    let incomplete_page = shown.is_some_and(|shown| {
        let end = ((shown + 1) * PAGE_SIZE).min(total);
        answers.len() < end && !is_complete(form, &answers)
    });
    let cursor = match (incomplete_page, shown, query.get("page").and_then(|page| page.parse::<usize>().ok())) {
        (true, Some(shown), _) => shown.saturating_mul(PAGE_SIZE).min(answers.len()),
        (_, _, Some(page)) => page.saturating_mul(PAGE_SIZE).min(answers.len()),
        _ => answers.len(),
    };
    Step { answers, cursor, incomplete_page }
}

/// The sheet, answered in place once the client runs. A lazy island: its code, all three
/// languages' items included, is fetched only by this page.
#[cfg_attr(not(feature = "csr"), island(lazy))]
#[cfg_attr(feature = "csr", component)]
fn Questionnaire(form: QuizForm, session: Session, step: Step) -> impl IntoView {
    let i18n = use_i18n();
    let total = form.item_count();
    let answers = RwSignal::new(step.answers);
    let cursor = RwSignal::new(step.cursor);
    let per_page = RwSignal::new(PAGE_SIZE);
    let incomplete_page = RwSignal::new(step.incomplete_page);
    let storage_key = session.storage_key(form);
    let finished = Memo::new(move |_| answers.with(|answers| is_complete(form, answers)));
    let show_finish = Memo::new(move |_| finished.get() && cursor.get() >= answers.with(Vec::len));
    let page_range = Memo::new(move |_| {
        let size = per_page.get();
        let start = cursor.get().min(total - 1) / size * size;
        (start, (start + size).min(total))
    });

    // In the browser: answers kept in localStorage (restored once, then saved on every change);
    // phones get one item per screen; keys answer and move.
    #[cfg(feature = "hydrate")]
    {
        let key = storage_key.clone();
        Effect::new(move |restored: Option<()>| {
            if restored.is_none() {
                if let Some(saved) = browser::load(&key).and_then(|saved| parse_answers(&saved).ok())
                    && saved.len() > answers.with_untracked(Vec::len)
                    && saved.len() <= total
                {
                    cursor.set(saved.len());
                    answers.set(saved);
                }
                if window().inner_width().ok().and_then(|width| width.as_f64()).is_some_and(|width| width < 640.0) {
                    per_page.set(1);
                }
            }
            let text = answers.with(|answers| answers_text(answers));
            if !text.is_empty() {
                browser::store(&key, &text);
            }
        });
        Effect::new(move |_| {
            let handle = window_event_listener(leptos::ev::keydown, move |event| {
                on_key(event, form, answers, cursor, show_finish)
            });
            on_cleanup(move || handle.remove());
        });
    }

    let answered = move || answers.with(Vec::len);
    let progress_text = move || {
        let count = answered();
        if form == QuizForm::Adaptive {
            t_string!(i18n, quiz_progress_adaptive, count).to_string()
        } else {
            t_string!(i18n, quiz_progress, count, total).to_string()
        }
    };
    view! {
        <h2>{move || form_title(i18n, form)}</h2>
        <div class="quiz-progress">
            <progress max=total value=answered aria-label=progress_text data-testid="quiz-progress"></progress>
            <p class="muted" aria-live="polite">{progress_text}</p>
        </div>
        {move || {
            if show_finish.get() {
                Either::Left(view! { <FinishPanel form answers cursor session=session.clone() storage_key=storage_key.clone() /> })
            } else {
                Either::Right(view! {
                    <StepForm form answers cursor per_page page_range incomplete_page session=session.clone() />
                })
            }
        }}
    }
}

/// Sets item `index` to `answer` (changing it, or answering the next item) and moves on.
fn answer_item(answers: RwSignal<Vec<u8>>, cursor: RwSignal<usize>, total: usize, index: usize, answer: u8) {
    answers.update(|answers| {
        if index < answers.len() {
            answers[index] = answer;
        } else if index == answers.len() && index < total {
            answers.push(answer);
        }
    });
    let answered = answers.with_untracked(Vec::len);
    cursor.set((index + 1).min(answered));
}

#[cfg(feature = "hydrate")]
fn on_key(
    event: leptos::ev::KeyboardEvent,
    form: QuizForm,
    answers: RwSignal<Vec<u8>>,
    cursor: RwSignal<usize>,
    show_finish: Memo<bool>,
) {
    use wasm_bindgen::JsCast;
    if event.ctrl_key() || event.meta_key() || event.alt_key() || show_finish.get_untracked() {
        return;
    }
    // Typing in a text box or a list is left alone.
    let typing = event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok()).is_some_and(|element| {
        let tag = element.tag_name().to_ascii_lowercase();
        let kind = element.get_attribute("type").unwrap_or_default();
        tag == "select" || tag == "textarea" || (tag == "input" && kind != "radio" && kind != "checkbox")
    });
    if typing {
        return;
    }
    let key = event.key();
    let at = cursor.get_untracked();
    match key.as_str() {
        "1" | "2" | "3" | "4" | "5" => {
            event.prevent_default();
            let answer = key.parse::<u8>().unwrap_or(ANSWER_MIN);
            answer_item(answers, cursor, form.item_count(), at, answer);
            focus_item(cursor.get_untracked());
        }
        "ArrowRight" => {
            event.prevent_default();
            cursor.set((at + 1).min(answers.with_untracked(Vec::len)));
            focus_item(cursor.get_untracked());
        }
        "ArrowLeft" => {
            event.prevent_default();
            cursor.set(at.saturating_sub(1));
            focus_item(cursor.get_untracked());
        }
        _ => {}
    }
}

/// Moves keyboard focus to the item's checked (or first) option, so a screen reader follows.
#[cfg(feature = "hydrate")]
fn focus_item(index: usize) {
    use wasm_bindgen::JsCast;
    request_animation_frame(move || {
        let selector = format!("#item-{index} input:checked, #item-{index} input");
        if let Ok(Some(element)) = document().query_selector(&selector)
            && let Ok(input) = element.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = input.focus();
        }
    });
}

/// One step: the items of the current page as radio groups, in a plain GET form.
#[allow(clippy::too_many_arguments)]
#[component]
fn StepForm(
    form: QuizForm,
    answers: RwSignal<Vec<u8>>,
    cursor: RwSignal<usize>,
    per_page: RwSignal<usize>,
    page_range: Memo<(usize, usize)>,
    incomplete_page: RwSignal<bool>,
    session: Session,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = form.item_count();
    let back_session = session.clone();
    let back_href = Signal::derive(move || {
        let (start, _) = page_range.get();
        let page = (start / PAGE_SIZE).saturating_sub(1);
        quiz_href(
            &back_session,
            &[
                ("form", form.slug().to_owned()),
                ("a", answers.with(|answers| answers_text(answers))),
                ("page", page.to_string()),
            ],
        )
    });
    let on_back = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        incomplete_page.set(false);
        let (start, _) = page_range.get_untracked();
        let size = per_page.get_untracked();
        cursor.set(if size == 1 { cursor.get_untracked().saturating_sub(1) } else { start.saturating_sub(size) });
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (_, end) = page_range.get_untracked();
        let answered = answers.with_untracked(Vec::len);
        incomplete_page.set(answered < end && !answers.with_untracked(|answers| is_complete(form, answers)));
        cursor.set(end.min(answered));
    };
    let items = move || {
        let (start, end) = page_range.get();
        (start..end).map(|index| view! { <QuizItem index total answers cursor /> }).collect_view()
    };
    view! {
        <form method="get" action="/quiz" class="quiz-step" on:submit=on_submit>
            <input type="hidden" name="form" value=form.slug() />
            <input type="hidden" name="a" prop:value=move || answers.with(|answers| answers_text(answers)) value=move || answers.with(|answers| answers_text(answers)) />
            <input type="hidden" name="shown" value=move || (page_range.get().0 / PAGE_SIZE).to_string() />
            {session.hidden_fields()}
            <p class="hint js-only">{text!(i18n, quiz_keys_hint)}</p>
            {items}
            {move || incomplete_page.get().then(|| view! {
                <p class="field-error" role="alert" data-testid="quiz-page-error">{text!(i18n, quiz_answer_every_item)}</p>
            })}
            <div class="quiz-nav">
                {move || (page_range.get().0 > 0).then(|| view! {
                    <a href=back_href class="button button-secondary" on:click=on_back>{text!(i18n, quiz_back)}</a>
                })}
                <button type="submit" class="button">{text!(i18n, quiz_next)}</button>
            </div>
        </form>
    }
}

#[component]
fn QuizItem(index: usize, total: usize, answers: RwSignal<Vec<u8>>, cursor: RwSignal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let options = (ANSWER_MIN..=ANSWER_MAX)
        .map(|answer| {
            let checked = move || answers.with(|answers| answers.get(index) == Some(&answer));
            view! {
                <label class="scale-option">
                    <input
                        type="radio"
                        name=format!("r{index}")
                        value=answer.to_string()
                        checked=checked
                        prop:checked=checked
                        on:change=move |_| answer_item(answers, cursor, total, index, answer)
                    />
                    <span class="scale-digit" aria-hidden="true">{answer}</span>
                    <span class="scale-word">{move || scale_word(i18n, answer)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="quiz-item"
            class:current=move || cursor.get() == index
            id=format!("item-{index}")
            data-testid="quiz-item"
        >
            <legend>
                <span class="quiz-number">{t!(i18n, quiz_item_number, number = index + 1, total)}</span>
                " "
                <span class="quiz-text">{move || item_text(i18n.get_locale(), index)}</span>
            </legend>
            <div class="scale">{options}</div>
        </fieldset>
    }
}

/// The last step: how many items the adaptive form saved, the mentor's consent question, and the
/// button that stores the result and opens it.
#[component]
fn FinishPanel(
    form: QuizForm,
    answers: RwSignal<Vec<u8>>,
    cursor: RwSignal<usize>,
    session: Session,
    storage_key: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveQuiz>::new();
    let error = form_error(save);
    let save_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = save_button.get() {
            let _ = button.focus();
        }
    });
    let answered = answers.with_untracked(Vec::len);
    let saved = form.item_count() - answered.min(form.item_count());
    let with_resident = session.resident.is_some();
    let back_href = quiz_href(
        &session,
        &[
            ("form", form.slug().to_owned()),
            ("a", answers.with_untracked(|answers| answers_text(answers))),
            ("page", (answered.saturating_sub(1) / PAGE_SIZE).to_string()),
        ],
    );
    let on_back = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        cursor.set(answers.with_untracked(Vec::len).saturating_sub(1));
    };
    view! {
        <section class="panel quiz-finish" data-testid="quiz-finish">
            <h2>{text!(i18n, quiz_finished)}</h2>
            {(form == QuizForm::Adaptive).then(|| view! {
                <p data-testid="quiz-saved-items">{t!(i18n, quiz_adaptive_saved, answered, saved)}</p>
            })}
            <ActionForm action=save attr:class="stack-form">
                <input type="hidden" name="form" value=form.slug() />
                <input type="hidden" name="answers" value=move || answers.with(|answers| answers_text(answers)) />
                <input type="hidden" name="storage" value=storage_key />
                {session.hidden_fields()}
                {with_resident.then(|| view! {
                    <label class="check">
                        <input type="checkbox" name="consent" required aria-describedby="consent-error" />
                        <span>{text!(i18n, quiz_consent_text)}</span>
                    </label>
                    <FieldError field=Field::Consent error />
                })}
                <FormError fields=&[Field::Consent] error />
                <button type="submit" class="button" node_ref=save_button data-testid="quiz-save">
                    {text!(i18n, quiz_save)}
                </button>
            </ActionForm>
            <p>
                <a href=back_href on:click=on_back>{text!(i18n, quiz_change_answers)}</a>
            </p>
        </section>
    }
}

/// `/quiz/result/<token>`: the result as its share link shows it, printable on one A4 page.
#[component]
pub fn QuizResultPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let enrol = CourseEnrolment::new();
    // An enrolment is a form post that loads this page again, with the seats left and the viewer's
    // own places as they are then.
    let result = load(move || token.get(), get_quiz_result);
    let places = load(|| (), |_| my_places());
    // Opened right after saving: the browser forgets the answers it kept for this sheet.
    let saved_sheet = query.with_untracked(|query| query.get("saved")).filter(|key| super::api::is_storage_key(key));
    view! {
        {saved_sheet.map(|key| view! { <ForgetSavedSheet key /> })}
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                // Without the viewer's places the page still shows the result, with sign-in links.
                let places = places.await.unwrap_or(CoursePlaces::NotAResident);
                result_view(result.await, move |result| view! { <ResultView result places enrol /> })
            })}
        </Suspense>
    }
}

/// Removes a saved sheet's answers from the browser's storage (the page renders nothing of it).
#[cfg_attr(not(feature = "csr"), island)]
#[cfg_attr(feature = "csr", component)]
fn ForgetSavedSheet(key: String) -> impl IntoView {
    // Effects run in the browser only.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        browser::forget(&key);
        #[cfg(not(feature = "hydrate"))]
        let _ = &key;
    });
}

/// The result page's Enrol buttons: one action for all course cards. A press is a plain form post,
/// and a refusal comes back in the URL, which does not say which course it was about, so the page
/// shows it above the cards.
#[derive(Clone, Copy)]
struct CourseEnrolment {
    action: ServerAction<Enrol>,
}

impl CourseEnrolment {
    fn new() -> Self {
        Self { action: ServerAction::<Enrol>::new() }
    }
}

/// What a course card offers the viewer (whoever opened the page, never the person whose result
/// it is): Enrol or the waiting list, their place once they have one, or a way to sign in.
#[component]
fn CourseEnrol(
    slug: String,
    full: bool,
    place: PlaceInCourse,
    enrol: CourseEnrolment,
    sign_in: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let offer = match place {
        PlaceInCourse::NotAResident => EitherOf5::A(view! {
            <A href=sign_in attr:class="button button-secondary">{text!(i18n, quiz_sign_in_to_enrol)}</A>
        }),
        PlaceInCourse::NotEnrolled => EitherOf5::B(view! { <EnrolButton action=enrol.action slug full /> }),
        PlaceInCourse::Refused(refusal) => EitherOf5::C(view! { <EnrolRefusal refusal /> }),
        PlaceInCourse::Enrolled => EitherOf5::D(view! {
            <p class="notice notice-ok" role="status" data-testid="course-place">
                {text!(i18n, you_are_enrolled)} " " <A href="/account/courses">{text!(i18n, my_courses_title)}</A>
            </p>
        }),
        PlaceInCourse::Waitlisted { place } => EitherOf5::E(view! {
            <p class="notice" role="status" data-testid="course-place">
                {t!(i18n, you_are_waitlisted, place)} " " <A href="/account/courses">{text!(i18n, my_courses_title)}</A>
            </p>
        }),
    };
    view! {
        <div class="no-print course-enrol" data-testid="course-enrol">
            {offer}
        </div>
    }
}

/// Bars of the six scores, drawn on the server; the numbers are text in the SVG and in its label.
#[component]
fn ScoreChart(scores: [u8; 6]) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || {
        let locale = i18n.get_locale();
        let parts: Vec<String> = RiasecType::ALL
            .iter()
            .map(|kind| format!("{} {}", type_name(locale, *kind), scores[*kind as usize]))
            .collect();
        format!("{}: {}", t_string!(i18n, quiz_chart_label), parts.join(", "))
    };
    let rows = RiasecType::ALL
        .into_iter()
        .enumerate()
        .map(|(row, kind)| {
            let score = scores[kind as usize];
            let top = row as u32 * 34;
            let (letter_y, bar_y, value_y) = (top + 23, top + 6, top + 23);
            let width = u32::from(score) * 2;
            view! {
                <g data-testid="chart-bar" data-score=score.to_string()>
                    <text x="0" y=letter_y class="chart-letter">{kind.letter().to_string()}</text>
                    <rect x="28" y=bar_y width="200" height="22" rx="4" class="chart-track" />
                    <rect x="28" y=bar_y width=width height="22" rx="4" class="chart-bar" />
                    <text x="236" y=value_y class="chart-value">{score.to_string()}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="score-chart" viewBox="0 0 270 206" role="img" aria-label=label data-testid="score-chart">
            <title>{label}</title>
            {rows}
        </svg>
    }
}

#[component]
fn ResultView(result: QuizResult, places: CoursePlaces, enrol: CourseEnrolment) -> impl IntoView {
    let i18n = use_i18n();
    let code = result.code_types();
    let share_path = format!("/quiz/result/{}", result.token);
    let sign_in = sign_in_returning_to(&share_path);
    let refusal = Signal::from(form_error_from_url(<Enrol as ServerFn>::PATH));
    let share_url = site_url(&share_path);
    let code_text = result.code.clone();
    let scores = result.scores;
    let items_saved = result.items_saved();
    let adaptive = result.form == QuizForm::Adaptive;
    let answered = result.answered;
    let created = format_almaty(result.created_at);
    let score_list = RiasecType::ALL
        .into_iter()
        .map(|kind| {
            view! {
                <li>
                    <span>{move || type_name(i18n.get_locale(), kind)}</span>
                    ": "
                    <strong>{scores[kind as usize]}</strong>
                </li>
            }
        })
        .collect_view();
    let descriptions = code
        .iter()
        .map(|kind| {
            let (names, summaries) =
                (TYPE_DESCRIPTIONS[*kind as usize].name, TYPE_DESCRIPTIONS[*kind as usize].summary);
            view! {
                <li>
                    <h3>{move || names[locale_index(i18n.get_locale())]}</h3>
                    <p>{move || summaries[locale_index(i18n.get_locale())]}</p>
                </li>
            }
        })
        .collect_view();
    let why = move |shared: &str| -> String {
        let locale = i18n.get_locale();
        let names: Vec<String> =
            parse_code(shared).unwrap_or_default().into_iter().map(|kind| type_name(locale, kind)).collect();
        names.join(", ")
    };
    let professions = result
        .professions
        .into_iter()
        .map(|profession| {
            let shared = profession.shared.clone();
            let name = profession.name;
            let description = profession.description;
            view! {
                <li>
                    <strong>{move || name.get(i18n.get_locale()).to_owned()}</strong>
                    " "
                    <span class="badge badge-open">{profession.code}</span>
                    <p class="muted">{move || description.get(i18n.get_locale()).to_owned()}</p>
                    <p class="why">{move || t_string!(i18n, quiz_why, types = why(&shared)).to_string()}</p>
                </li>
            }
        })
        .collect_view();
    let has_courses = !result.courses.is_empty();
    let courses = result
        .courses
        .into_iter()
        .map(|course| {
            let shared = course.shared.clone();
            let title = course.title;
            let centre = course.centre_name;
            let (left, capacity) = (course.seats_left, course.capacity);
            let place = match (places.place(&course.slug), course.viewer_refusal) {
                (PlaceInCourse::NotEnrolled, Some(refusal)) => PlaceInCourse::Refused(refusal),
                (place, _) => place,
            };
            let full = left <= 0;
            let offer = view! { <CourseEnrol slug=course.slug.clone() full place enrol sign_in=sign_in.clone() /> };
            view! {
                <li class="card">
                    <h3><A href=format!("/courses/{}", course.slug)>{move || title.get(i18n.get_locale()).to_owned()}</A></h3>
                    <p class="muted">
                        {move || centre.get(i18n.get_locale()).to_owned()}
                        {course.at_this_centre.then(|| view! { " " <span class="badge badge-open">{text!(i18n, quiz_this_centre)}</span> })}
                    </p>
                    <p>{t!(i18n, seats_left, left, capacity)}</p>
                    <p class="why">{move || t_string!(i18n, quiz_why, types = why(&shared)).to_string()}</p>
                    {offer}
                </li>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=move || format!("{} {} · {}", t_string!(i18n, quiz_result_title), code_text, t_string!(i18n, site_name)) />
        <article class="quiz-result" data-testid="quiz-result">
            <h1>{text!(i18n, quiz_result_title)}</h1>
            <p class="muted">{created}</p>
            <div class="result-top">
                <div>
                    <p class="holland-label">{text!(i18n, quiz_code_label)}</p>
                    <p class="holland-code" data-testid="holland-code">{result.code.clone()}</p>
                    <p class="muted">
                        {code
                            .iter()
                            .map(|kind| {
                                let kind = *kind;
                                view! { <span class="code-name">{move || type_name(i18n.get_locale(), kind)}</span> }
                            })
                            .collect_view()}
                    </p>
                    {adaptive.then(|| view! { <p class="hint">{t!(i18n, quiz_adaptive_saved, answered, saved = items_saved)}</p> })}
                </div>
                <div class="chart-box">
                    <ScoreChart scores />
                    <ul class="score-list visually-hidden">{score_list}</ul>
                </div>
            </div>
            <section>
                <h2>{text!(i18n, quiz_your_types)}</h2>
                <ul class="type-descriptions" role="list">{descriptions}</ul>
            </section>
            <section>
                <h2>{text!(i18n, quiz_professions_title)}</h2>
                <ol class="professions" data-testid="professions">{professions}</ol>
            </section>
            <section>
                <h2>{text!(i18n, quiz_courses_title)}</h2>
                <div class="no-print"><FormError fields=&[] error=refusal /></div>
                {if has_courses {
                    Either::Left(view! { <ul class="cards result-courses" role="list" data-testid="courses">{courses}</ul> })
                } else {
                    Either::Right(view! { <p class="empty">{text!(i18n, quiz_no_courses)}</p> })
                }}
            </section>
            <section class="no-print share">
                <h2>{text!(i18n, quiz_share_title)}</h2>
                <p class="hint">{text!(i18n, quiz_share_text)}</p>
                <p><a href=share_path data-testid="share-link">{share_url}</a></p>
                <p>
                    <PrintButton printable=Printable::QuizResult />
                    " "
                    <A href="/quiz" attr:class="button button-secondary">{text!(i18n, quiz_again)}</A>
                </p>
            </section>
        </article>
    }
}

/// The resident's past results, for their account page (nothing for colleagues).
#[component]
pub fn MyQuizResults() -> impl IntoView {
    let i18n = use_i18n();
    let results = load(|| (), |_| my_quiz_results());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                results.await.ok().flatten().map(|results| view! {
                    <section class="panel" data-testid="my-quiz-results">
                        <h2>{text!(i18n, quiz_my_results)}</h2>
                        {if results.is_empty() {
                            Either::Left(view! {
                                <p class="empty">{text!(i18n, quiz_no_results)} " " <A href="/quiz">{text!(i18n, quiz_take)}</A></p>
                            })
                        } else {
                            Either::Right(view! {
                                <ul role="list" class="past-results">
                                    {results.into_iter().map(|result| {
                                        let centre = result.centre_name;
                                        view! {
                                            <li>
                                                <A href=format!("/quiz/result/{}", result.token)>
                                                    <strong>{result.code}</strong>
                                                </A>
                                                " · " {format_almaty(result.created_at)} " · " {move || form_title(i18n, result.form)}
                                                {move || centre.as_ref().map(|centre| format!(" · {}", centre.get(i18n.get_locale())))}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                                <p><A href="/quiz">{text!(i18n, quiz_again)}</A></p>
                            })
                        }}
                    </section>
                })
            })}
        </Suspense>
    }
}

/// `/quiz/visitor`: a mentor starts the questionnaire with a resident of their centre (found by
/// name, phone or card number) or with an anonymous visitor.
#[component]
pub fn QuizVisitorPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let search = query.with_untracked(|query| query.get("search").unwrap_or_default());
    let searched = !search.trim().is_empty();
    let found = load(
        move || search.clone(),
        |search| async move { if search.trim().is_empty() { Ok(Vec::new()) } else { find_visitors(search).await } },
    );
    let districts = load(|| (), |_| list_districts());
    let search_value = query.with_untracked(|query| query.get("search").unwrap_or_default());
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, quiz_visitor_title), t_string!(i18n, site_name)) />
        <h1>{text!(i18n, quiz_visitor_title)}</h1>
        <p class="lead">{text!(i18n, quiz_visitor_lead)}</p>
        <section class="panel">
            <h2>{text!(i18n, quiz_visitor_resident)}</h2>
            <form method="get" action="/quiz/visitor" class="filters">
                <div class="filter">
                    <label for="search">{text!(i18n, quiz_visitor_search)}</label>
                    <input id="search" name="search" type="search" maxlength="100" value=search_value />
                </div>
                <button type="submit" class="button">{text!(i18n, search_button)}</button>
            </form>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    result_view(found.await, move |found| {
                        if found.is_empty() {
                            Either::Left(searched.then(|| view! { <p class="empty">{text!(i18n, quiz_visitor_none)}</p> }))
                        } else {
                            Either::Right(view! {
                                <ul class="cards" role="list" data-testid="visitors">
                                    {found.into_iter().map(|candidate| view! {
                                        <li class="card">
                                            <h3>{candidate.full_name}</h3>
                                            <p class="muted">
                                                {candidate.card_number}
                                                {candidate.phone_end.map(|end| format!(" · …{end}"))}
                                            </p>
                                            <p>
                                                <a class="button" href=format!("/quiz?resident={}", candidate.resident_id)>
                                                    {text!(i18n, quiz_visitor_start)}
                                                </a>
                                            </p>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            })
                        }
                    })
                })}
            </Suspense>
        </section>
        <section class="panel">
            <h2>{text!(i18n, quiz_visitor_anonymous)}</h2>
            <p class="hint">{text!(i18n, quiz_visitor_anonymous_hint)}</p>
            <form method="get" action="/quiz" class="stack-form narrow">
                <label for="visit-district">{text!(i18n, district_label)}</label>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let districts = districts.await.unwrap_or_default();
                        view! {
                            <select id="visit-district" name="district" required>
                                <option value="">{text!(i18n, choose_district)}</option>
                                {districts.into_iter().map(|district| {
                                    let name = district.name;
                                    view! { <option value=district.slug>{move || name.get(i18n.get_locale()).to_owned()}</option> }
                                }).collect_view()}
                            </select>
                        }
                    })}
                </Suspense>
                <label for="visit-age">{text!(i18n, quiz_age_band_label)}</label>
                <select id="visit-age" name="age_band" required>
                    <option value="">{text!(i18n, choose_occupation)}</option>
                    {AgeBand::ALL.into_iter().map(|band| view! { <option value=band.slug()>{age_band_text(band)}</option> }).collect_view()}
                </select>
                <label for="visit-occupation">{text!(i18n, occupation_label)}</label>
                <select id="visit-occupation" name="occupation" required>
                    <option value="">{text!(i18n, choose_occupation)}</option>
                    {Occupation::ALL.into_iter().map(|occupation| view! {
                        <option value=occupation.slug()>{move || occupation_label(i18n, occupation)}</option>
                    }).collect_view()}
                </select>
                <button type="submit" class="button">{text!(i18n, quiz_visitor_start)}</button>
            </form>
        </section>
    }
}

/// `/quiz/sessions`: a mentor's centre's sessions, or, for admins, a district's or the city's,
/// with the summary and a CSV download.
#[component]
pub fn QuizSessionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let district = query.with_untracked(|query| query.get("district").filter(|slug| !slug.trim().is_empty()));
    let selected = district.clone();
    let report = load(move || district.clone(), quiz_sessions);
    let user = load(|| (), |_| crate::accounts::api::who_am_i());
    let districts = load(|| (), |_| list_districts());
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, quiz_sessions_title), t_string!(i18n, site_name)) />
        <h1>{text!(i18n, quiz_sessions_title)}</h1>
        <Suspense fallback=|| ()>
            {move || {
                let selected = selected.clone();
                Suspend::new(async move {
                    let is_admin = user.await.ok().flatten().is_some_and(|user| user.role == crate::accounts::domain::Role::Admin);
                    let districts = districts.await.unwrap_or_default();
                    is_admin.then(|| view! {
                        <form method="get" action="/quiz/sessions" class="filters">
                            <div class="filter">
                                <label for="district">{text!(i18n, district_label)}</label>
                                <select id="district" name="district">
                                    <option value="">{text!(i18n, quiz_whole_city)}</option>
                                    {districts.into_iter().map(|district| {
                                        let name = district.name;
                                        let is_selected = selected.as_deref() == Some(district.slug.as_str());
                                        view! { <option value=district.slug selected=is_selected>{move || name.get(i18n.get_locale()).to_owned()}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <button type="submit" class="button">{text!(i18n, apply_filter)}</button>
                        </form>
                    })
                })
            }}
        </Suspense>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move { result_view(report.await, |report| view! { <SessionsView report /> }) })}
        </Suspense>
    }
}

#[component]
fn SessionsView(report: SessionsReport) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let district = query.with_untracked(|query| query.get("district")).unwrap_or_default();
    let csv_href = move || {
        let lang = match i18n.get_locale() {
            Locale::kk => "kk",
            Locale::ru => "ru",
            Locale::en => "en",
        };
        format!(
            "/quiz/sessions.csv?district={}&lang={lang}",
            form_urlencoded::byte_serialize(district.as_bytes()).collect::<String>()
        )
    };
    let scope = report.scope.clone();
    let SessionsReport { sessions, total, this_month, first_letters, top_courses, .. } = report;
    let letters = RiasecType::ALL
        .into_iter()
        .map(|kind| view! {
            <li>
                <strong>{kind.letter().to_string()}</strong> " " {move || type_name(i18n.get_locale(), kind)} ": " {first_letters[kind as usize]}
            </li>
        })
        .collect_view();
    let top = top_courses
        .into_iter()
        .map(|(title, slug, count)| view! {
            <li><A href=format!("/courses/{slug}")>{move || title.get(i18n.get_locale()).to_owned()}</A> " — " {count}</li>
        })
        .collect_view();
    let rows = sessions
        .into_iter()
        .map(|session| {
            let visitor = session.visitor.clone();
            let centre = session.centre_name.clone();
            view! {
                <tr>
                    <td>{format_almaty(session.created_at)}</td>
                    <td>{move || centre.as_ref().map(|centre| centre.get(i18n.get_locale()).to_owned())}</td>
                    <td><A href=format!("/quiz/result/{}", session.token)>{session.code}</A></td>
                    <td>{move || visitor_text(&visitor, i18n.get_locale())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="lead" data-testid="sessions-scope">
            {move || scope.as_ref().map(|scope| scope.get(i18n.get_locale()).to_owned()).unwrap_or_else(|| t_string!(i18n, quiz_whole_city).to_string())}
        </p>
        <dl class="facts-list">
            <dt>{text!(i18n, quiz_sessions_month)}</dt>
            <dd data-testid="sessions-month">{this_month}</dd>
            <dt>{text!(i18n, quiz_sessions_total)}</dt>
            <dd data-testid="sessions-total">{total}</dd>
        </dl>
        <section>
            <h2>{text!(i18n, quiz_first_letters)}</h2>
            <ul role="list" class="letter-counts">{letters}</ul>
        </section>
        <section>
            <h2>{text!(i18n, quiz_top_courses)}</h2>
            <ol>{top}</ol>
        </section>
        <p><a href=csv_href class="button button-secondary" download>{text!(i18n, quiz_download_csv)}</a></p>
        <div class="table-scroll">
            <table class="accounts" data-testid="sessions">
                <thead>
                    <tr>
                        <th scope="col">{text!(i18n, quiz_session_date)}</th>
                        <th scope="col">{text!(i18n, centre_label)}</th>
                        <th scope="col">{text!(i18n, quiz_code_label)}</th>
                        <th scope="col">{text!(i18n, quiz_visitor_label)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use leptos_router::params::ParamsMap;

    fn query(pairs: &[(&'static str, &str)]) -> ParamsMap {
        let mut query = ParamsMap::new();
        for (key, value) in pairs {
            query.insert(*key, (*value).to_owned());
        }
        query
    }

    #[test]
    fn a_plain_step_adds_its_page_and_shows_the_next() {
        let step = step_from_query(
            QuizForm::Quick,
            &query(&[("a", "345"), ("shown", "0"), ("r3", "1"), ("r4", "2"), ("r5", "5")]),
        );
        assert_eq!((step.answers, step.cursor, step.incomplete_page), (vec![3, 4, 5, 1, 2, 5], 6, false));
    }

    #[test]
    fn a_page_with_an_unanswered_item_is_shown_again() {
        let step = step_from_query(QuizForm::Quick, &query(&[("a", "345123"), ("shown", "1"), ("r6", "4")]));
        assert_eq!((step.answers.len(), step.cursor, step.incomplete_page), (7, 6, true));
    }

    #[test]
    fn back_shows_an_earlier_page_and_bad_links_start_afresh() {
        let step = step_from_query(QuizForm::Quick, &query(&[("a", "345123345"), ("page", "0")]));
        assert_eq!((step.answers.len(), step.cursor), (9, 0));
        let step = step_from_query(QuizForm::Quick, &query(&[("a", "9x"), ("page", "99999999999999999999")]));
        assert_eq!((step.answers.len(), step.cursor), (0, 0));
        let step = step_from_query(
            QuizForm::Quick,
            &query(&[("a", "3"), ("page", &usize::MAX.to_string()), ("shown", &usize::MAX.to_string())]),
        );
        assert_eq!((step.answers.len(), step.cursor), (1, 1));
    }

    #[test]
    fn the_adaptive_form_stops_at_the_settled_answer_even_mid_page() {
        let clear: String = (0..48).map(|position| ['5', '4', '3', '1', '1', '1'][position % 6]).collect();
        let step = step_from_query(QuizForm::Adaptive, &query(&[("a", clear.as_str())]));
        assert_eq!(step.answers.len(), 45);
        assert!(is_complete(QuizForm::Adaptive, &step.answers));
    }

    #[test]
    fn a_mentor_session_travels_in_the_links() {
        let session =
            Session::from_query(&query(&[("resident", "12"), ("age_band", "99-100"), ("occupation", "working")]));
        assert_eq!(session.resident.as_deref(), Some("12"));
        assert_eq!(session.age_band, None, "an unknown band is dropped");
        assert_eq!(quiz_href(&session, &[("form", "quick".into())]), "/quiz?form=quick&resident=12&occupation=working");
        assert_eq!(session.storage_key(QuizForm::Quick), "quiz-quick-resident-12");
        assert!(super::super::api::is_storage_key(&session.storage_key(QuizForm::Adaptive)));
        assert!(!super::super::api::is_storage_key("token"));
    }
}
