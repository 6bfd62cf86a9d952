//! `/people/{id}/assess`: record levels for many skills at once, with source, date and evidence.

use crate::components::forms::{action_error, field_message, options, Choice, ErrorSummary, TextArea, TextField};
use crate::components::layout::Breadcrumbs;
use crate::components::levels::level_text;
use crate::components::page::{param_id, Loaded, PageTitle};
use crate::error::AppError;
use crate::server_fns::assess::{assess_page, AssessData, AssessSkill, RecordAssessments};
use leptos::prelude::*;

#[component]
pub fn AssessPage() -> impl IntoView {
    let id = param_id("id");
    let action = ServerAction::<RecordAssessments>::new();
    let error = action_error(action);
    let data = Resource::new(move || id.get(), |id| assess_page(id.unwrap_or_default()));
    view! {
        <Loaded resource=data render=move |page: AssessData| view! { <AssessForm page action error/> }/>
    }
}

#[component]
fn AssessForm(
    page: AssessData,
    action: ServerAction<RecordAssessments>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let (for_role, others): (Vec<AssessSkill>, Vec<AssessSkill>) = page.skills.into_iter().partition(|s| s.for_role);
    let source_message = field_message(error, "source".into());
    let first_source = page.sources.first().copied();
    view! {
        <Breadcrumbs trail=vec![("Dashboard".into(), "/".into()), (page.person_name.clone(), format!("/people/{}", page.person_id))]/>
        <ErrorSummary error/>
        <PageTitle text=format!("Record an assessment of {}", page.person_name)/>
        <p class="body">"Choose a level for each skill you are assessing now. Skills left blank are not changed: earlier assessments are always kept."</p>
        <ActionForm action=action>
            <input type="hidden" name="person_id" value=page.person_id/>
            <div class=move || if source_message.get().is_some() { "form-group form-group--error" } else { "form-group" }>
                <fieldset class="fieldset">
                    <legend class="fieldset__legend">"Who is making this assessment?"</legend>
                    {move || source_message.get().map(|m| view! { <p class="error-message" id="source-error">{m}</p> })}
                    <div class="radios radios--inline">
                        {page.sources.iter().enumerate().map(|(i, source)| {
                            let id = if i == 0 { "source".to_string() } else { format!("source-{}", source.code()) };
                            let chosen = error.with_untracked(|e| e.as_ref().and_then(|e| e.submitted("source")).map(str::to_string));
                            let checked = match chosen { Some(code) => code == source.code(), None => Some(*source) == first_source };
                            view! {
                                <div class="radios__item">
                                    <input class="radios__input" type="radio" id=id.clone() name="source" value=source.code() checked=checked/>
                                    <label class="label radios__label" for=id>{source_label(*source)}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            </div>
            <TextField name="assessed_on" label="Date of the assessment" input_type="date" value=page.today.clone() error width="input--width-10"/>
            <TextArea name="evidence" label="Evidence (optional)" hint="What the levels are based on: work seen, feedback, qualifications." error rows=3/>
            <SkillLevels title="Skills for their role" skills=for_role error open=true/>
            {(!others.is_empty()).then(|| view! {
                <details class="details">
                    <summary class="details__summary">{format!("Other skills in the framework ({})", others.len())}</summary>
                    <SkillLevels title="Other skills" skills=others error open=false/>
                </details>
            })}
            <button type="submit" class="button">"Save assessment"</button>
        </ActionForm>
    }
}

fn source_label(source: skillmix::assessment::Source) -> &'static str {
    match source {
        skillmix::assessment::Source::SelfAssessment => "Self-assessment",
        skillmix::assessment::Source::Lead => "Lead assessment",
        skillmix::assessment::Source::Peer => "Peer assessment",
    }
}

#[component]
fn SkillLevels(
    title: &'static str,
    skills: Vec<AssessSkill>,
    error: Signal<Option<AppError>>,
    open: bool,
) -> impl IntoView {
    if skills.is_empty() {
        return view! { <p class="body">"No skills are listed for their role level."</p> }.into_any();
    }
    view! {
        <table class="table assess-table">
            <caption class=if open { "table__caption" } else { "visually-hidden" }>{title}</caption>
            <thead>
                <tr>
                    <th scope="col">"Skill"</th>
                    <th scope="col">"Required"</th>
                    <th scope="col">"Latest"</th>
                    <th scope="col">"New level"</th>
                </tr>
            </thead>
            <tbody>
                {skills.into_iter().map(|s| view! { <SkillLevelRow s error/> }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn SkillLevelRow(s: AssessSkill, error: Signal<Option<AppError>>) -> impl IntoView {
    let id = format!("level_{}", s.skill.id);
    let message = field_message(error, id.clone());
    let scale = s.skill.scale;
    let choices: Vec<Choice> = s.skill.allowed_levels().into_iter().map(|l| Choice::new(l, scale.label(l))).collect();
    let label = format!("New level for {} ({})", s.skill.name, s.skill.kind.title());
    let chosen = crate::components::forms::shown_value(error, &id, String::new());
    view! {
        <tr class=move || if message.get().is_some() { "row--error" } else { "" }>
            <th scope="row">{s.skill.name.clone()}<div class="hint">{scale.title()}</div></th>
            <td>{level_text(scale, s.required, "Not required")}</td>
            <td>{level_text(scale, s.latest, "Not assessed")}</td>
            <td>
                {move || message.get().map(|m| view! { <p class="error-message">{m}</p> })}
                <label class="visually-hidden" for=id.clone()>{label}</label>
                <select class="select" id=id name=format!("levels[{}]", s.skill.id)>
                    <option value="">"No change"</option>
                    {options(choices, chosen)}
                </select>
            </td>
        </tr>
    }
}
