//! `/teams/{id}/training-needs`: the team's training-needs analysis. The priority formula in
//! words; needs grouped by skill and level (what a workshop can serve) with a link to plan one;
//! every need with its factor breakdown, stale evidence marked, suggested development and an
//! "Add to plan" form; who is due for review; plan progress per person; the lead's skill
//! weights; links to the exports and the printable page.
//!
//! `/teams/{id}/training-needs/print`: the same analysis without forms, for A4 landscape.
//!
//! Settings travel in the address (a GET form); every form posts to a server function and works
//! without JavaScript.

use crate::components::forms::{
    action_error, field_message, options, shown_value, Choice, ErrorSummary, SelectField, TextField,
};
use crate::components::layout::Breadcrumbs;
use crate::components::levels::{level_text, LevelTag};
use crate::components::page::{param_id, Loaded, PageTitle};
use crate::error::AppError;
use crate::server_fns::training::{
    training_needs, AddPlanAction, GroupRow, NeedRow, ProgressRow, ReviewRow, SaveSkillWeights, TnaQuery,
    TrainingNeedsData, WeightRow, SORTS,
};
use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;
use skillmix::analysis::training::Need;
use skillmix::development::{stale_text, weight_text, Suggestion, SuggestionKind};
use skillmix::Id;

#[component]
pub fn TrainingNeedsPage() -> impl IntoView {
    let id = param_id("id");
    let params = use_query_map();
    let query = Memo::new(move |_| TnaQuery::from_params(&params.read()));
    let add = ServerAction::<AddPlanAction>::new();
    let weights = ServerAction::<SaveSkillWeights>::new();
    let data = Resource::new(
        move || (id.get(), query.get(), add.version().get(), weights.version().get()),
        |(id, query, _, _)| training_needs(id.unwrap_or_default(), query),
    );
    view! {
        <Loaded
            resource=data
            render=move |data: TrainingNeedsData| view! { <TrainingNeedsView data query=query.get_untracked() add weights/> }
        />
    }
}

#[component]
fn TrainingNeedsView(
    data: TrainingNeedsData,
    query: TnaQuery,
    add: ServerAction<AddPlanAction>,
    weights: ServerAction<SaveSkillWeights>,
) -> impl IntoView {
    let team = data.team.clone();
    let team_id = team.id;
    let add_error = action_error(add);
    let weights_error = action_error(weights);
    let error = Signal::derive(move || add_error.get().or(weights_error.get()));
    let settings = query.to_query();
    let here = if settings.is_empty() {
        format!("/teams/{team_id}/training-needs")
    } else {
        format!("/teams/{team_id}/training-needs?{settings}")
    };
    let suffix = if settings.is_empty() { String::new() } else { format!("?{settings}") };
    let export = |ext: &str| format!("/api/v1/teams/{team_id}/training-needs.{ext}{suffix}");
    let people = data.progress.len();
    let with_needs = {
        let mut ids: Vec<Id> = data.needs.iter().map(|n| n.need.person_id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    let cadence = team.review_cadence_months;
    view! {
        <Breadcrumbs trail=vec![("Dashboard".into(), "/".into()), (team.name.clone(), format!("/teams/{team_id}"))]/>
        <ErrorSummary error/>
        {data.added.clone().map(|added| view! {
            <div class="notification" role="status" id="notice">
                <h2 class="notification__title">"Action added"</h2>
                <p class="body">
                    {format!("Added to {}'s development plan: \"{}\". ", added.person_name, added.text)}
                    <A href=format!("/people/{}/plan", added.person_id)>{format!("View {}'s plan", added.person_name)}</A>
                </p>
            </div>
        })}
        {(query.saved == "yes").then(|| view! {
            <div class="notification" role="status" id="notice">
                <h2 class="notification__title">"Skill weights saved"</h2>
                <p class="body">"The priorities below use the new weights."</p>
            </div>
        })}
        <PageTitle text=format!("Training needs: {}", team.name) caption="Training-needs analysis"/>
        <p class="lead">
            {format!(
                "{} need{} across {with_needs} of {people} people. Evidence older than {cadence} months is marked stale.",
                data.needs.len(),
                if data.needs.len() == 1 { "" } else { "s" },
            )}
        </p>
        <ul class="list list--inline tna-links">
            <li><A href=format!("/teams/{team_id}/training-needs/print{suffix}")>"Printable version"</A></li>
            {data.may_export.then(|| view! {
                <li><a href=export("csv")>"Download spreadsheet (CSV)"</a></li>
                <li><a href=export("json")>"Download data (JSON)"</a></li>
            })}
        </ul>
        <TnaControls query=query.clone() action=format!("/teams/{team_id}/training-needs")/>
        <Formula text=data.formula.clone()/>
        <GroupsTable groups=data.groups.clone() team_id/>
        <h2 class="heading-m" id="needs">"Every need"</h2>
        <NeedsTable data=data.clone() add error here=here.clone()/>
        <ReviewTable rows=data.due_for_review.clone() cadence/>
        <ProgressTable rows=data.progress.clone()/>
        {data.may_set_weights.then(|| view! {
            <WeightsForm rows=data.weights.clone() team_id weights error here=here.clone() open=query.saved == "yes"/>
        })}
    }
}

/// The analysis settings: a GET form, so the settings are in the address.
#[component]
fn TnaControls(query: TnaQuery, action: String) -> impl IntoView {
    let source_choices = vec![
        Choice::new("latest", "Latest of any source"),
        Choice::new("lead", "Lead assessments"),
        Choice::new("self", "Self-assessments"),
        Choice::new("peer", "Peer assessments"),
    ];
    let sort_choices: Vec<Choice> = SORTS.iter().map(|(code, label)| Choice::new(code, *label)).collect();
    let or_default = |value: &str, default: &str| {
        if value.is_empty() {
            default.to_string()
        } else {
            value.to_string()
        }
    };
    view! {
        <Form method="GET" action=action attr:class="controls">
            <div class="controls__row">
                <div class="form-group">
                    <label class="label" for="source">"Assessments"</label>
                    <select class="select" id="source" name="source">{options(source_choices, or_default(&query.source, "latest"))}</select>
                </div>
                <div class="form-group">
                    <label class="label" for="sort">"Sort needs by"</label>
                    <select class="select" id="sort" name="sort">{options(sort_choices, or_default(&query.sort, "priority"))}</select>
                </div>
            </div>
            <div class="checkboxes__item">
                <input class="checkboxes__input" type="checkbox" id="target" name="target" value="yes" checked=query.include_target()/>
                <label class="label checkboxes__label" for="target">"Include career paths: measure people against their target role level too"</label>
            </div>
            <button type="submit" class="button button--secondary">"Update analysis"</button>
        </Form>
    }
}

/// The priority formula in words: the first sentence, then each factor.
#[component]
pub fn Formula(text: String) -> impl IntoView {
    let mut sentences = text.split(". ").map(|s| s.trim_end_matches('.').to_string());
    let headline = sentences.next().unwrap_or_default();
    let factors: Vec<(String, String)> = sentences
        .map(|s| match s.split_once(": ") {
            Some((name, rest)) => (name.to_string(), format!("{}.", capitalise(rest))),
            None => (String::new(), format!("{s}.")),
        })
        .collect();
    view! {
        <section class="tna-formula" aria-labelledby="formula-title">
            <h2 class="heading-m" id="formula-title">"How priority is worked out"</h2>
            <p class="body"><strong>{format!("{headline}.")}</strong></p>
            <dl class="summary-list">
                {factors.into_iter().map(|(name, rest)| view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{name}</dt>
                        <dd class="summary-list__value">{rest}</dd>
                    </div>
                }).collect_view()}
            </dl>
            <p class="hint">"Each factor moves a need up the list: a bigger gap, a more important skill, fewer people at the level, older evidence."</p>
        </section>
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Gap 2 × importance 2 × scarcity 1.33 × evidence 1.16"
pub fn factor_text(need: &Need) -> String {
    let f = &need.factors;
    format!(
        "Gap {} × importance {} × scarcity {:.2} × evidence {:.2}",
        weight_text(f.gap),
        weight_text(f.importance),
        f.scarcity,
        f.evidence
    )
}

/// The factors of a need, one per line, each with what it stands for:
/// ("Gap 1", "not assessed"), ("× importance 2", ""), ("× scarcity 2.00", "nobody in the team meets the level"), ...
pub fn factor_lines(need: &Need) -> Vec<(String, String)> {
    let f = &need.factors;
    let holders = match f.holders {
        0 => "nobody in the team meets the level".to_string(),
        1 => "1 person in the team meets the level".to_string(),
        n => format!("{n} people in the team meet the level"),
    };
    let evidence = match f.evidence_age_days {
        Some(days) => format!("evidence {days} day{} old", if days == 1 { "" } else { "s" }),
        None => "never assessed".to_string(),
    };
    vec![
        (
            format!("Gap {}", weight_text(f.gap)),
            if need.current.is_none() { "not assessed counts as 1".to_string() } else { String::new() },
        ),
        (format!("× importance {}", weight_text(f.importance)), String::new()),
        (format!("× scarcity {:.2}", f.scarcity), holders),
        (format!("× evidence {:.2}", f.evidence), evidence),
    ]
}

/// "2 people meet the level; evidence 29 days old", "nobody meets the level; never assessed"
pub fn factor_reasons(need: &Need) -> String {
    let holders = match need.factors.holders {
        0 => "nobody in the team meets the level".to_string(),
        1 => "1 person in the team meets the level".to_string(),
        n => format!("{n} people in the team meet the level"),
    };
    let evidence = match need.factors.evidence_age_days {
        Some(days) => format!("evidence {days} day{} old", if days == 1 { "" } else { "s" }),
        None => "never assessed".to_string(),
    };
    format!("{holders}; {evidence}")
}

#[component]
fn GroupsTable(groups: Vec<GroupRow>, team_id: Id) -> impl IntoView {
    let (shared, single): (Vec<GroupRow>, Vec<GroupRow>) = groups.into_iter().partition(|g| g.people.len() > 1);
    let singles = single.len();
    view! {
        <h2 class="heading-m" id="groups">"Needs by skill and level"</h2>
        <p class="body">"People who need the same skill at the same level can be served by one workshop."</p>
        {if shared.is_empty() {
            view! { <p class="body">"No two people share a need."</p> }.into_any()
        } else {
            view! { <GroupRows groups=shared team_id caption="Needs shared by two or more people, highest total priority first"/> }.into_any()
        }}
        {(singles > 0).then(|| view! {
            <details class="details">
                <summary class="details__summary">{format!("Needs of one person each ({singles})")}</summary>
                <GroupRows groups=single team_id caption="Needs of one person each, highest priority first"/>
            </details>
        })}
    }
}

#[component]
fn GroupRows(groups: Vec<GroupRow>, team_id: Id, caption: &'static str) -> impl IntoView {
    view! {
        <table class="table tna-groups">
            <caption class="visually-hidden">{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Need"</th>
                    <th scope="col">"People"</th>
                    <th scope="col" class="numeric">"Total priority"</th>
                    <th scope="col">"Workshops"</th>
                </tr>
            </thead>
            <tbody>
                {groups.into_iter().map(|g| {
                    let level = g.scale.label(g.required);
                    let count = g.people.len();
                    let headline = format!("{count} {} need{} {} at {level}", if count == 1 { "person" } else { "people" }, if count == 1 { "s" } else { "" }, g.skill_name);
                    let plan = format!("/workshops/new?team={team_id}&skill={}", g.skill_id);
                    view! {
                        <tr>
                            <th scope="row">
                                {headline}
                                {(g.not_assessed > 0).then(|| view! { <div class="hint">{format!("{} not assessed yet", g.not_assessed)}</div> })}
                            </th>
                            <td>
                                {g.people.into_iter().map(|(id, name)| view! {
                                    <span class="comma-list"><A href=format!("/people/{id}/plan")>{name}</A></span>
                                }).collect_view()}
                            </td>
                            <td class="numeric">{format!("{:.1}", g.total_priority)}</td>
                            <td>
                                {g.programmes.into_iter().map(|(id, title)| view! {
                                    <div><a href=format!("/workshops/{id}")>{title}</a></div>
                                }).collect_view()}
                                <a href=plan class="no-print">
                                    "Plan a workshop for this need"
                                    <span class="visually-hidden">{format!(": {} at {level}", g.skill_name)}</span>
                                </a>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The current level, when it was assessed, and "Stale: over N months" in words.
#[component]
pub fn CurrentLevel(
    scale: skillmix::Scale,
    level: Option<skillmix::Level>,
    assessed_on: Option<chrono::NaiveDate>,
    stale: bool,
    cadence: u32,
) -> impl IntoView {
    view! {
        <LevelTag scale level/>
        {assessed_on.map(|d| view! { <div class="hint">{format!("Assessed {d}")}</div> })}
        {stale.then(|| view! { <strong class="tag tag--grey tag--block">{stale_text(cadence)}</strong> })}
    }
}

#[component]
fn NeedsTable(
    data: TrainingNeedsData,
    add: ServerAction<AddPlanAction>,
    error: Signal<Option<AppError>>,
    here: String,
) -> impl IntoView {
    if data.needs.is_empty() {
        return view! { <p class="body">"No training needs: everyone meets what their role level requires."</p> }
            .into_any();
    }
    let cadence = data.team.review_cadence_months;
    let owners = data.owners.clone();
    let may_add = data.may_add;
    let default_due = data.default_due.to_string();
    let today = data.today;
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="needs">
            <table class="table tna-needs">
                <caption class="visually-hidden">"Every training need with its priority and the factors behind it"</caption>
                <thead>
                    <tr>
                        <th scope="col" class="numeric">"Rank"</th>
                        <th scope="col">"Person"</th>
                        <th scope="col">"Skill"</th>
                        <th scope="col">"Current"</th>
                        <th scope="col">"Required"</th>
                        <th scope="col">"Priority"</th>
                        <th scope="col">"Development"</th>
                    </tr>
                </thead>
                <tbody>
                    {data.needs.into_iter().map(|row| view! {
                        <NeedTableRow row cadence owners=owners.clone() may_add default_due=default_due.clone() today add error here=here.clone()/>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[allow(clippy::too_many_arguments)]
#[component]
fn NeedTableRow(
    row: NeedRow,
    cadence: u32,
    owners: Vec<(Id, String)>,
    may_add: bool,
    default_due: String,
    today: chrono::NaiveDate,
    add: ServerAction<AddPlanAction>,
    error: Signal<Option<AppError>>,
    here: String,
) -> impl IntoView {
    let need = row.need.clone();
    let key = row.form_key();
    let scale = row.scale;
    let person_name = row.person_name.clone();
    view! {
        <tr id=key.clone()>
            <td class="numeric">{row.rank}</td>
            <th scope="row"><A href=format!("/people/{}/plan", need.person_id)>{person_name}</A></th>
            <td>{row.skill_name.clone()}</td>
            <td class="tna-level"><CurrentLevel scale level=need.current assessed_on=need.assessed_on stale=need.stale cadence/></td>
            <td class="tna-level">{scale.label(need.required)}<div class="hint">{row.basis.clone()}</div></td>
            <td class="tna-priority-cell">
                <strong class="tna-priority">{format!("{:.2}", need.priority)}</strong>
                <ul class="list tna-factors">
                    {factor_lines(&need).into_iter().map(|(factor, why)| view! {
                        <li>{factor}{(!why.is_empty()).then(|| view! { <span class="hint">{why}</span> })}</li>
                    }).collect_view()}
                </ul>
            </td>
            <td class="tna-development">
                <InPlan actions=row.in_plan.clone() today/>
                <SuggestionList suggestions=row.suggestions.clone()/>
                {may_add.then(|| view! {
                    <AddToPlan
                        key=key.clone()
                        person_id=need.person_id
                        person_name=row.person_name.clone()
                        skill_id=need.skill_id
                        skill_name=row.skill_name.clone()
                        target_level=need.required
                        text=row.default_text.clone()
                        owners=owners.clone()
                        default_due=default_due.clone()
                        add
                        error
                        return_to=here.clone()
                    />
                })}
            </td>
        </tr>
    }
}

/// Open actions already in the plan for a need.
#[component]
pub fn InPlan(actions: Vec<skillmix::development::PlanAction>, today: chrono::NaiveDate) -> impl IntoView {
    (!actions.is_empty()).then(|| {
        view! {
            <ul class="list tna-in-plan">
                {actions.into_iter().map(|a| {
                    let overdue = a.is_overdue(today).then(|| skillmix::development::overdue_text(a.due_on, today));
                    view! {
                        <li>
                            <strong class="tag tag--blue tag--inline">{format!("In plan: {}", a.status.title())}</strong>
                            " "{a.text.clone()}
                            <span class="hint">{format!(" (due {})", a.due_on)}</span>
                            {overdue.map(|o| view! { <strong class="tag tag--red">{o}</strong> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}

/// Suggested development: activities of the role profile, mentors, workshops.
#[component]
pub fn SuggestionList(suggestions: Vec<Suggestion>) -> impl IntoView {
    if suggestions.is_empty() {
        return view! { <p class="hint">"No activity of the role profile names this skill and nobody else meets the level yet."</p> }.into_any();
    }
    let item = |s: Suggestion| {
        view! {
            <li>
                <span class="tna-suggestion__kind">{format!("{}: ", s.kind.title())}</span>
                {match s.href.clone() {
                    Some(href) => view! { <a href=href>{s.title.clone()}</a> }.into_any(),
                    None => view! { <span>{s.title.clone()}</span> }.into_any(),
                }}
                {(!s.detail.is_empty()).then(|| view! { <div class="hint">{s.detail.clone()}</div> })}
            </li>
        }
    };
    let (mentors, others): (Vec<Suggestion>, Vec<Suggestion>) =
        suggestions.into_iter().partition(|s| s.kind == SuggestionKind::Mentor);
    let (workshops, activities): (Vec<Suggestion>, Vec<Suggestion>) =
        others.into_iter().partition(|s| s.kind == SuggestionKind::Workshop);
    // Mentors share one line: they all meet the same level.
    let mentor_line = (!mentors.is_empty()).then(|| {
        let names = mentors.iter().map(|m| m.title.clone()).collect::<Vec<_>>().join(", ");
        let detail = mentors[0].detail.clone();
        view! {
            <li>
                <span class="tna-suggestion__kind">{if mentors.len() == 1 { "Mentor: " } else { "Mentors: " }}</span>
                {names}
                {(!detail.is_empty()).then(|| view! { <div class="hint">{detail}</div> })}
            </li>
        }
    });
    view! {
        <ul class="list tna-suggestions">
            {activities.into_iter().map(item).collect_view()}
            {mentor_line}
            {workshops.into_iter().map(item).collect_view()}
        </ul>
    }
    .into_any()
}

/// "Add to plan": a disclosure holding the form that stores the action, prefilled with the first
/// suggestion, owned by the person, due in three months. Open when its fields are in error.
#[allow(clippy::too_many_arguments)]
#[component]
pub fn AddToPlan(
    key: String,
    person_id: Id,
    person_name: String,
    skill_id: Id,
    skill_name: String,
    target_level: skillmix::Level,
    text: String,
    owners: Vec<(Id, String)>,
    default_due: String,
    add: ServerAction<AddPlanAction>,
    error: Signal<Option<AppError>>,
    return_to: String,
) -> impl IntoView {
    let prefix = format!("{key}-");
    let open = Signal::derive(move || {
        error.with(|e| {
            e.as_ref().and_then(|e| e.field_errors()).is_some_and(|f| f.0.iter().any(|f| f.field.starts_with(&prefix)))
        })
    });
    let choices: Vec<Choice> = owners.into_iter().map(|(id, name)| Choice::new(id, name)).collect();
    let form_error = field_message(error, format!("{key}-form"));
    let form_label = format!("Add to plan for {person_name}: {skill_name}");
    view! {
        <details class="details tna-add no-print" open=open>
            <summary class="details__summary">
                "Add to plan"<span class="visually-hidden">{format!(" for {person_name}: {skill_name}")}</span>
            </summary>
            <ActionForm action=add attr:class="tna-add__form" attr:aria-label=form_label>
                {move || form_error.get().map(|m| view! { <p class="error-message">{m}</p> })}
                <input type="hidden" name="person_id" value=person_id/>
                <input type="hidden" name="form" value=key.clone()/>
                <input type="hidden" name="skill" value=format!("{skill_id}:{target_level}")/>
                <input type="hidden" name="return_to" value=return_to/>
                <TextField name="text" id=format!("{key}-text") label="Action" value=shown_value(error, &format!("{key}-text"), text) error/>
                <SelectField
                    name="owner_person_id"
                    id=format!("{key}-owner_person_id")
                    label="Owner"
                    choices
                    selected=shown_value(error, &format!("{key}-owner_person_id"), person_id.to_string())
                    error
                />
                <TextField name="due_on" id=format!("{key}-due_on") label="Due date" input_type="date" value=shown_value(error, &format!("{key}-due_on"), default_due) error width="input--width-10"/>
                <button type="submit" class="button button--small">
                    "Add to plan"<span class="visually-hidden">{format!(" for {person_name}")}</span>
                </button>
            </ActionForm>
        </details>
    }
}

#[component]
fn ReviewTable(rows: Vec<ReviewRow>, cadence: u32) -> impl IntoView {
    view! {
        <h2 class="heading-m" id="due-for-review">"Due for review"</h2>
        <p class="body">{format!("People with evidence older than the team's review cadence ({cadence} months), or required skills never assessed. Re-assess them first.")}</p>
        {if rows.is_empty() {
            view! { <p class="body">"Nobody is due for review."</p> }.into_any()
        } else {
            view! {
                <table class="table">
                    <caption class="visually-hidden">"People due for review, never-assessed first, then the oldest evidence"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Person"</th>
                            <th scope="col">{format!("Stale evidence (over {cadence} months)")}</th>
                            <th scope="col">"Required but never assessed"</th>
                            <th scope="col">"Oldest evidence"</th>
                            <th scope="col" class="no-print"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|r| {
                            let name = r.name.clone();
                            view! {
                            <tr>
                                <th scope="row"><A href=format!("/people/{}", r.person_id)>{name}</A></th>
                                <td>{skill_list(&r.stale_skills)}</td>
                                <td>{skill_list(&r.unassessed_skills)}</td>
                                <td class="nowrap">{r.oldest.map(|d| d.to_string()).unwrap_or_else(|| "–".into())}</td>
                                <td class="no-print">
                                    <A href=format!("/people/{}/assess", r.person_id)>
                                        "Record an assessment"<span class="visually-hidden">{format!(" of {}", r.name)}</span>
                                    </A>
                                </td>
                            </tr>
                        }}).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

/// "None", or the count and the names.
fn skill_list(names: &[String]) -> String {
    match names.len() {
        0 => "None".to_string(),
        n => format!("{n}: {}", names.join(", ")),
    }
}

#[component]
fn ProgressTable(rows: Vec<ProgressRow>) -> impl IntoView {
    view! {
        <h2 class="heading-m" id="plans">"Development plans"</h2>
        <table class="table">
            <caption class="visually-hidden">"Development plan progress per person"</caption>
            <thead>
                <tr>
                    <th scope="col">"Person"</th>
                    <th scope="col">"Progress"</th>
                    <th scope="col" class="numeric">"In progress"</th>
                    <th scope="col" class="numeric">"Planned"</th>
                    <th scope="col" class="numeric">"Overdue"</th>
                    <th scope="col">"Next due"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let p = r.progress;
                    view! {
                        <tr>
                            <th scope="row"><A href=format!("/people/{}/plan", r.person_id)>{r.name.clone()}</A></th>
                            <td>
                                {p.summary()}
                                {p.percent_done().map(|pc| view! {
                                    <div class="progress" aria-hidden="true"><span class=format!("progress__bar progress__bar--{}", (pc / 10) * 10)></span></div>
                                })}
                            </td>
                            <td class="numeric">{p.in_progress}</td>
                            <td class="numeric">{p.planned}</td>
                            <td class="numeric">
                                {if p.overdue > 0 {
                                    view! { <strong class="tag tag--red">{format!("{} overdue", p.overdue)}</strong> }.into_any()
                                } else {
                                    view! { <span>"0"</span> }.into_any()
                                }}
                            </td>
                            <td>{r.next_due.map(|(text, due)| format!("{text} ({due})")).unwrap_or_else(|| "–".into())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn WeightsForm(
    rows: Vec<WeightRow>,
    team_id: Id,
    weights: ServerAction<SaveSkillWeights>,
    error: Signal<Option<AppError>>,
    here: String,
    open: bool,
) -> impl IntoView {
    let has_error = Signal::derive(move || {
        error.with(|e| {
            e.as_ref()
                .and_then(|e| e.field_errors())
                .is_some_and(|f| f.0.iter().any(|f| f.field.starts_with("weight_")))
        })
    });
    let set = rows.iter().filter(|r| r.weight.is_some()).count();
    view! {
        <h2 class="heading-m" id="weights">"Skill weights"</h2>
        <p class="body">
            "A skill's importance is how many of the team's role levels require it, unless you set a weight. "
            "Set a higher weight for skills the team's work depends on, 0 to leave a skill out of the priorities. Leave blank for the default."
        </p>
        <details class="details no-print" open=move || open || has_error.get()>
            <summary class="details__summary">{format!("Set skill weights ({set} set)")}</summary>
            <ActionForm action=weights>
                <input type="hidden" name="team_id" value=team_id/>
                <input type="hidden" name="return_to" value=here/>
                <table class="table tna-weights">
                    <caption class="visually-hidden">"Importance weight per skill"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Skill"</th>
                            <th scope="col" class="numeric">"Default"</th>
                            <th scope="col">"Weight"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|r| {
                            let id = format!("weight_{}", r.skill_id);
                            let message = field_message(error, id.clone());
                            let value = shown_value(error, &id, r.weight.map(weight_text).unwrap_or_default());
                            let described = format!("{id}-default");
                            view! {
                                <tr class=move || if message.get().is_some() { "row--error" } else { "" }>
                                    <th scope="row"><label for=id.clone()>{r.name.clone()}</label></th>
                                    <td class="numeric" id=described.clone()>{r.default}</td>
                                    <td>
                                        {move || message.get().map(|m| view! { <p class="error-message" id=format!("weight_{}-error", r.skill_id)>{m}</p> })}
                                        <input
                                            class="input input--width-3"
                                            id=id
                                            name=format!("weights[{}]", r.skill_id)
                                            type="text"
                                            inputmode="decimal"
                                            value=value
                                            aria-describedby=described
                                        />
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <button type="submit" class="button">"Save weights"</button>
            </ActionForm>
        </details>
    }
}

#[component]
pub fn TrainingNeedsPrintPage() -> impl IntoView {
    let id = param_id("id");
    let params = use_query_map();
    let query =
        Memo::new(move |_| TnaQuery { added: None, saved: String::new(), ..TnaQuery::from_params(&params.read()) });
    let data =
        Resource::new(move || (id.get(), query.get()), |(id, query)| training_needs(id.unwrap_or_default(), query));
    view! {
        <Loaded resource=data render=move |data: TrainingNeedsData| view! { <PrintView data query=query.get_untracked()/> }/>
    }
}

#[component]
fn PrintView(data: TrainingNeedsData, query: TnaQuery) -> impl IntoView {
    let team = data.team.clone();
    let cadence = team.review_cadence_months;
    let settings = query.to_query();
    let back = if settings.is_empty() {
        format!("/teams/{}/training-needs", team.id)
    } else {
        format!("/teams/{}/training-needs?{settings}", team.id)
    };
    let source = match query.source.as_str() {
        "lead" => "lead assessments",
        "self" => "self-assessments",
        "peer" => "peer assessments",
        _ => "the latest assessment of any source",
    };
    view! {
        <div class="tna-print">
            <p class="no-print body">
                <A href=back>"Back to the analysis"</A>
                " · Use your browser's Print command (Ctrl+P or ⌘P): the page prints on A4 landscape."
            </p>
            <PageTitle text=format!("Training needs: {}", team.name) caption="Training-needs analysis"/>
            <p class="body">
                {format!(
                    "Prepared {}. Current levels from {source}{}. Review cadence: {cadence} months.",
                    data.today,
                    if query.include_target() { "; career paths included (target role levels)" } else { "" },
                )}
            </p>
            <Formula text=data.formula.clone()/>
            <h2 class="heading-m">"Needs by skill and level"</h2>
            {if data.groups.is_empty() {
                view! { <p class="body">"No needs."</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <caption class="visually-hidden">"Needs grouped by skill and required level"</caption>
                        <thead><tr><th scope="col">"Need"</th><th scope="col">"People"</th><th scope="col" class="numeric">"Total priority"</th></tr></thead>
                        <tbody>
                            {data.groups.iter().map(|g| {
                                let count = g.people.len();
                                view! {
                                    <tr>
                                        <th scope="row">{format!("{count} {} need{} {} at {}", if count == 1 { "person" } else { "people" }, if count == 1 { "s" } else { "" }, g.skill_name, g.scale.label(g.required))}</th>
                                        <td>{g.people.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join(", ")}</td>
                                        <td class="numeric">{format!("{:.1}", g.total_priority)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <h2 class="heading-m">"Every need, by priority"</h2>
            <table class="table tna-print__needs">
                <caption class="visually-hidden">"Every training need with its priority and factors"</caption>
                <thead>
                    <tr>
                        <th scope="col" class="numeric">"Rank"</th>
                        <th scope="col">"Person"</th>
                        <th scope="col">"Skill"</th>
                        <th scope="col">"Current"</th>
                        <th scope="col">"Required"</th>
                        <th scope="col" class="numeric">"Priority"</th>
                        <th scope="col">"Factors"</th>
                        <th scope="col">"In plan"</th>
                    </tr>
                </thead>
                <tbody>
                    {data.needs.iter().map(|row| {
                        let need = &row.need;
                        view! {
                            <tr>
                                <td class="numeric">{row.rank}</td>
                                <th scope="row">{row.person_name.clone()}</th>
                                <td>{row.skill_name.clone()}</td>
                                <td>
                                    {level_text(row.scale, need.current, "Not assessed")}
                                    {need.assessed_on.map(|d| format!(" ({d})"))}
                                    {need.stale.then(|| view! { <strong class="tag tag--grey tag--block">{stale_text(cadence)}</strong> })}
                                </td>
                                <td>{row.scale.label(need.required)}<div class="hint">{row.basis.clone()}</div></td>
                                <td class="numeric">{format!("{:.2}", need.priority)}</td>
                                <td>{factor_text(need)}<div class="hint">{factor_reasons(need)}</div></td>
                                <td>
                                    {if row.in_plan.is_empty() {
                                        "–".to_string()
                                    } else {
                                        row.in_plan.iter().map(|a| format!("{} ({}, due {})", a.text, a.status.title(), a.due_on)).collect::<Vec<_>>().join("; ")
                                    }}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <ReviewTable rows=data.due_for_review.clone() cadence/>
            <ProgressTable rows=data.progress.clone()/>
        </div>
    }
}
