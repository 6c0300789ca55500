//! Registration, the resident's own account page, the printable discount card and its check page.
use super::api::{BlockCard, DeleteAccount, Register, ReissueCard, UpdateProfile, check_card, my_card, my_profile};
use super::domain::{
    Benefit, BenefitCategory, CardBlockAction, CardCheck, DiscountCard, Occupation, Profile, VerifiedCard,
};
use crate::accounts::api::who_am_i;
use crate::accounts::domain::Role;
use crate::centres::api::list_districts;
use crate::centres::domain::DistrictOption;
use crate::error::{AppError, Field};
use crate::i18n::*;
use crate::ui::{FieldError, FormError, Loaded, Loading, PageDescription, form_done, form_error, load, result_view};
use crate::ui::{PageTitle, PrintButton, Printable};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

pub fn occupation_label(i18n: leptos_i18n::I18nContext<Locale>, occupation: Occupation) -> String {
    occupation.text(i18n.get_locale())
}

fn benefit_category_label(i18n: leptos_i18n::I18nContext<Locale>, category: BenefitCategory) -> String {
    match category {
        BenefitCategory::Transport => t_string!(i18n, benefit_transport),
        BenefitCategory::Catering => t_string!(i18n, benefit_catering),
        BenefitCategory::Sport => t_string!(i18n, benefit_sport),
        BenefitCategory::Culture => t_string!(i18n, benefit_culture),
    }
    .to_string()
}

/// `<select name="district">` with every district, `selected` preselected.
#[component]
fn DistrictSelect(districts: Vec<DistrictOption>, #[prop(optional)] selected: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select id="district" name="district" required aria-describedby="district-error">
            <option value="">{text!(i18n, choose_district)}</option>
            {districts
                .into_iter()
                .map(|district| {
                    let is_selected = selected.as_deref() == Some(district.slug.as_str());
                    let name = district.name;
                    view! {
                        <option value=district.slug selected=is_selected>
                            {move || name.get(i18n.get_locale()).to_owned()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

#[component]
fn OccupationSelect(#[prop(optional)] selected: Option<Occupation>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select id="occupation" name="occupation" required aria-describedby="occupation-error">
            <option value="">{text!(i18n, choose_occupation)}</option>
            {Occupation::ALL
                .into_iter()
                .map(|occupation| {
                    view! {
                        <option value=occupation.slug() selected=selected == Some(occupation)>
                            {move || occupation_label(i18n, occupation)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

const REGISTRATION_FIELDS: &[Field] = &[
    Field::FullName,
    Field::BirthDate,
    Field::District,
    Field::Contact,
    Field::Occupation,
    Field::Password,
    Field::DataConsent,
    Field::GuardianName,
    Field::GuardianConsent,
];

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let register = ServerAction::<Register>::new();
    let error = form_error(register);
    let districts = load(|| (), |_| list_districts());
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, register_title), t_string!(i18n, site_name)) />
        <PageDescription text=Signal::derive(move || t_string!(i18n, meta_register).to_string()) />
        <section class="narrow">
            <h1>{text!(i18n, register_title)}</h1>
            <p class="lead">{text!(i18n, register_lead)}</p>
            <ActionForm action=register attr:class="stack-form" attr:novalidate=true>
                <label for="full_name">{text!(i18n, full_name_label)}</label>
                <input id="full_name" name="full_name" type="text" autocomplete="name" required maxlength="120"
                    aria-describedby="full_name-error" />
                <FieldError field=Field::FullName error />
                <label for="birth_date">{text!(i18n, birth_date_label)}</label>
                <input id="birth_date" name="birth_date" type="date" autocomplete="bday" required
                    aria-describedby="birth_date-hint birth_date-error" />
                <p class="hint" id="birth_date-hint">{text!(i18n, rule_resident_age)}</p>
                <FieldError field=Field::BirthDate error />
                <label for="district">{text!(i18n, district_label)}</label>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        view! { <DistrictSelect districts=districts.await.unwrap_or_default() /> }
                    })}
                </Suspense>
                <FieldError field=Field::District error />
                <label for="contact">{text!(i18n, contact_label)}</label>
                <input id="contact" name="contact" type="text" autocomplete="username" required maxlength="254"
                    aria-describedby="contact-hint contact-error" />
                <p class="hint" id="contact-hint">{text!(i18n, contact_hint)}</p>
                <FieldError field=Field::Contact error />
                <label for="occupation">{text!(i18n, occupation_label)}</label>
                <OccupationSelect />
                <FieldError field=Field::Occupation error />
                <label for="password">{text!(i18n, new_password_label)}</label>
                <input id="password" name="password" type="password" autocomplete="new-password" required
                    minlength="8" maxlength="128" aria-describedby="password-error" />
                <FieldError field=Field::Password error />
                <label class="check">
                    <input type="checkbox" name="data_consent" required aria-describedby="data_consent-error" />
                    <span>{text!(i18n, data_consent_text)}</span>
                </label>
                <FieldError field=Field::DataConsent error />
                <fieldset class="guardian">
                    <legend>{text!(i18n, guardian_legend)}</legend>
                    <p class="hint">{text!(i18n, guardian_hint)}</p>
                    <label for="guardian_name">{text!(i18n, guardian_name_label)}</label>
                    <input id="guardian_name" name="guardian_name" type="text" maxlength="120"
                        aria-describedby="guardian_name-error" />
                    <FieldError field=Field::GuardianName error />
                    <label class="check">
                        <input type="checkbox" name="guardian_consent" aria-describedby="guardian_consent-error" />
                        <span>{text!(i18n, guardian_consent_text)}</span>
                    </label>
                    <FieldError field=Field::GuardianConsent error />
                </fieldset>
                <FormError fields=REGISTRATION_FIELDS error />
                <button type="submit" class="button">{text!(i18n, register_submit)}</button>
            </ActionForm>
            <p>
                {text!(i18n, have_account)} " " <A href="/sign-in">{text!(i18n, sign_in)}</A>
            </p>
        </section>
    }
}

/// The signed-in user's page: residents see and edit their profile, download their data and
/// can delete their account; everyone can change their password.
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let update = ServerAction::<UpdateProfile>::new();
    // Every resource of the page is made here, outside the Suspense that reads it: one made inside
    // would be made again by each async SSR pass (see `CourseDetailPage`).
    let user = load(|| (), |_| who_am_i());
    let profile = load(|| (), |_| profile_if_resident());
    let districts = load(|| (), |_| list_districts());
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, account_title), t_string!(i18n, site_name)) />
        <h1>{text!(i18n, account_title)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let signed_in = user.await.and_then(|user| user.ok_or(AppError::Unauthenticated));
                result_view(signed_in, move |user| {
                    if user.role == Role::Resident {
                        Either::Left(view! { <ResidentAccount profile districts update /> })
                    } else {
                        Either::Right(view! {
                            <p data-testid="account-name">{user.display_name}</p>
                            <p>
                                <A href="/account/password">{text!(i18n, change_password_title)}</A>
                            </p>
                        })
                    }
                })
            })}
        </Suspense>
    }
}

/// The caller's profile if they are a resident; other roles have none (and are not refused for it).
async fn profile_if_resident() -> Result<Option<Profile>, AppError> {
    match who_am_i().await? {
        Some(user) if user.role == Role::Resident => my_profile().await.map(Some),
        _ => Ok(None),
    }
}

#[component]
fn ResidentAccount(
    profile: Loaded<Result<Option<Profile>, AppError>>,
    districts: Loaded<Result<Vec<DistrictOption>, AppError>>,
    update: ServerAction<UpdateProfile>,
) -> impl IntoView {
    let i18n = use_i18n();
    let saved = form_done(update);
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let districts = districts.await.unwrap_or_default();
                let profile = profile.await.and_then(|profile| profile.ok_or(AppError::Forbidden));
                result_view(profile, move |profile| view! { <ProfileView profile districts update /> })
            })}
        </Transition>
        {move || saved.get().then(|| view! { <p class="notice notice-ok" role="status">{text!(i18n, profile_saved)}</p> })}
        <section class="panel">
            <h2>{text!(i18n, my_data_title)}</h2>
            <p>{text!(i18n, my_data_text)}</p>
            <a class="button button-secondary" href="/api/residents/export" download="my-youth-centre-data.json">
                {text!(i18n, download_my_data)}
            </a>
        </section>
        <DeleteAccountSection />
    }
}

#[component]
fn ProfileView(profile: Profile, districts: Vec<DistrictOption>, update: ServerAction<UpdateProfile>) -> impl IntoView {
    let i18n = use_i18n();
    let error = form_error(update);
    let birth_date = profile.birth_date.format("%d.%m.%Y").to_string();
    let card_number = profile.card_number.clone();
    view! {
        <section class="panel" data-testid="profile">
            <dl class="facts">
                <dt>{text!(i18n, contact_label)}</dt>
                <dd>{profile.contact.clone()}</dd>
                <dt>{text!(i18n, birth_date_label)}</dt>
                <dd>{birth_date}</dd>
                <dt>{text!(i18n, card_number_label)}</dt>
                <dd>
                    <A href="/account/card">{card_number}</A>
                </dd>
            </dl>
            <h2>{text!(i18n, edit_profile_title)}</h2>
            <ActionForm action=update attr:class="stack-form">
                <label for="full_name">{text!(i18n, full_name_label)}</label>
                <input id="full_name" name="full_name" type="text" autocomplete="name" required maxlength="120"
                    value=profile.full_name aria-describedby="full_name-error" />
                <FieldError field=Field::FullName error />
                <label for="district">{text!(i18n, district_label)}</label>
                <DistrictSelect districts selected=profile.district_slug />
                <FieldError field=Field::District error />
                <label for="occupation">{text!(i18n, occupation_label)}</label>
                <OccupationSelect selected=profile.occupation />
                <FieldError field=Field::Occupation error />
                <FormError fields=&[Field::FullName, Field::District, Field::Occupation] error />
                <button type="submit" class="button">{text!(i18n, save)}</button>
            </ActionForm>
            <p>
                <A href="/account/password">{text!(i18n, change_password_title)}</A>
            </p>
        </section>
    }
}

#[component]
fn DeleteAccountSection() -> impl IntoView {
    let i18n = use_i18n();
    let delete = ServerAction::<DeleteAccount>::new();
    let error = form_error(delete);
    view! {
        <section class="panel danger-zone">
            <h2>{text!(i18n, delete_account_title)}</h2>
            <p>{text!(i18n, delete_account_text)}</p>
            <ActionForm action=delete attr:class="stack-form">
                <label for="confirm_password">{text!(i18n, confirm_password_label)}</label>
                <input id="confirm_password" name="confirm_password" type="password" autocomplete="current-password"
                    required maxlength="128" aria-describedby="confirm_password-error" />
                <FieldError field=Field::ConfirmPassword error />
                <FormError fields=&[Field::ConfirmPassword] error />
                <button type="submit" class="button button-danger">{text!(i18n, delete_account_submit)}</button>
            </ActionForm>
        </section>
    }
}

/// "My card": the discount card to show at partners, printable on one page.
#[component]
pub fn CardPage() -> impl IntoView {
    let i18n = use_i18n();
    let reissue = ServerAction::<ReissueCard>::new();
    let card = load(|| (), |_| my_card());
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, card_title), t_string!(i18n, site_name)) />
        <h1 class="no-print">{text!(i18n, card_title)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move { result_view(card.await, |card| view! { <CardView card /> }) })}
        </Suspense>
        <ReissueCardSection reissue />
    }
}

#[component]
fn CardView(card: DiscountCard) -> impl IntoView {
    let i18n = use_i18n();
    let DiscountCard { holder, card_number, check_url, valid_through, qr_svg, benefits } = card;
    let valid_through = valid_through.format("%d.%m.%Y").to_string();
    view! {
        <article class="discount-card" data-testid="discount-card">
            <header>
                <p class="card-issuer">{text!(i18n, site_name)}</p>
                <p class="card-kind">{text!(i18n, card_kind)}</p>
            </header>
            <div class="card-body">
                // Server-rendered SVG of our own check link: no user-supplied markup.
                <div class="card-qr" role="img" aria-label=text!(i18n, card_qr_label) inner_html=qr_svg />
                <div>
                    <p class="card-holder" data-testid="card-holder">{holder}</p>
                    <p class="card-number" data-testid="card-number">{card_number}</p>
                    <p class="card-valid">{text!(i18n, card_valid_through_label)} " " {valid_through}</p>
                    <p class="card-hint">{text!(i18n, card_hint)}</p>
                </div>
            </div>
        </article>
        <p class="no-print">
            <PrintButton printable=Printable::Card />
            " "
            <a href=check_url data-testid="card-check-link">{text!(i18n, card_check_link)}</a>
        </p>
        <section class="benefits">
            <h2>{text!(i18n, benefits_title)}</h2>
            <BenefitGroups benefits />
        </section>
    }
}

/// The partner benefits, a list per category.
#[component]
fn BenefitGroups(benefits: Vec<Benefit>) -> impl IntoView {
    let i18n = use_i18n();
    BenefitCategory::ALL
        .into_iter()
        .filter_map(|category| {
            let in_category: Vec<_> = benefits.iter().filter(|benefit| benefit.category == category).cloned().collect();
            (!in_category.is_empty()).then(|| {
                view! {
                    <section class="benefit-group">
                        <h3>{move || benefit_category_label(i18n, category)}</h3>
                        <ul role="list">
                            {in_category
                                .into_iter()
                                .map(|benefit| {
                                    let title = benefit.title;
                                    view! {
                                        <li>
                                            <strong>{benefit.partner}</strong>
                                            " — "
                                            {move || title.get(i18n.get_locale()).to_owned()}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })
        })
        .collect_view()
}

/// A new QR code when the old one got out of hand; works as a plain form without WASM.
#[component]
fn ReissueCardSection(reissue: ServerAction<ReissueCard>) -> impl IntoView {
    let i18n = use_i18n();
    let error = form_error(reissue);
    let done = form_done(reissue);
    view! {
        <section class="panel no-print">
            <h2>{text!(i18n, card_reissue_title)}</h2>
            <p>{text!(i18n, card_reissue_text)}</p>
            <ActionForm action=reissue attr:class="stack-form">
                <FormError fields=&[] error />
                <button type="submit" class="button button-secondary">{text!(i18n, card_reissue_submit)}</button>
            </ActionForm>
            {move || done.get().then(|| view! { <p class="notice notice-ok" role="status">{text!(i18n, card_reissued)}</p> })}
        </section>
    }
}

/// What a partner sees after scanning a card's QR code: valid or not, the holder's first name and
/// initial, the age band, the validity and the benefits. Admins may block or unblock the card here.
#[component]
pub fn CardCheckPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let block = ServerAction::<BlockCard>::new();
    let check = load(token, check_card);
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, card_check_title), t_string!(i18n, site_name)) />
        // A card's link is its own key: it has no business in a search engine.
        <Meta name="robots" content="noindex" />
        <h1>{text!(i18n, card_check_title)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                result_view(check.await, move |check| view! { <CardCheckView check token=token() block /> })
            })}
        </Suspense>
    }
}

#[component]
fn CardCheckView(check: CardCheck, token: String, block: ServerAction<BlockCard>) -> impl IntoView {
    let i18n = use_i18n();
    let CardCheck { valid, admin } = check;
    let verdict = match valid {
        Some(VerifiedCard { holder, age_band, valid_through, benefits }) => {
            let valid_through = valid_through.format("%d.%m.%Y").to_string();
            Either::Left(view! {
                <section class="card-check card-check-valid" data-testid="card-check" aria-labelledby="card-verdict">
                    <p class="card-verdict" id="card-verdict" data-testid="card-verdict">
                        <span aria-hidden="true">"✓ "</span>
                        {text!(i18n, card_check_valid)}
                    </p>
                    <dl class="facts">
                        <dt>{text!(i18n, card_check_holder)}</dt>
                        <dd data-testid="card-check-holder">{holder}</dd>
                        <dt>{text!(i18n, card_check_age)}</dt>
                        <dd>{age_band.label()}</dd>
                        <dt>{text!(i18n, card_valid_through_label)}</dt>
                        <dd>{valid_through}</dd>
                    </dl>
                    <h2>{text!(i18n, benefits_title)}</h2>
                    <BenefitGroups benefits />
                </section>
            })
        }
        None => Either::Right(view! {
            <section class="card-check card-check-invalid" data-testid="card-check" aria-labelledby="card-verdict">
                <p class="card-verdict" id="card-verdict" data-testid="card-verdict">
                    <span aria-hidden="true">"✗ "</span>
                    {text!(i18n, card_check_not_valid)}
                </p>
                <p>{text!(i18n, card_check_not_valid_text)}</p>
            </section>
        }),
    };
    let admin = admin.map(|facts| {
        let error = form_error(block);
        let action = if facts.blocked { CardBlockAction::Unblock } else { CardBlockAction::Block };
        view! {
            <section class="panel" data-testid="card-admin">
                <h2>{text!(i18n, card_admin_title)}</h2>
                <dl class="facts">
                    <dt>{text!(i18n, card_number_label)}</dt>
                    <dd>{facts.card_number}</dd>
                    <dt>{text!(i18n, full_name_label)}</dt>
                    <dd>{facts.holder}</dd>
                    <dt>{text!(i18n, card_admin_state)}</dt>
                    <dd>
                        {move || if facts.blocked { t_string!(i18n, card_blocked) } else { t_string!(i18n, card_active) }}
                    </dd>
                </dl>
                <ActionForm action=block attr:class="stack-form">
                    <input type="hidden" name="token" value=token.clone() />
                    <input type="hidden" name="action" value=action.slug() />
                    <FormError fields=&[] error />
                    <button type="submit" class=if facts.blocked { "button" } else { "button button-danger" }>
                        {move || match action {
                            CardBlockAction::Block => t_string!(i18n, card_block),
                            CardBlockAction::Unblock => t_string!(i18n, card_unblock),
                        }}
                    </button>
                </ActionForm>
            </section>
        }
    });
    view! {
        {verdict}
        {admin}
    }
}
