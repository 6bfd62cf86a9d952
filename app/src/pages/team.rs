//! `/teams/{id}`: members with their role levels and leads; adding and removing members.

use crate::components::forms::{action_error, ErrorSummary};
use crate::components::layout::Breadcrumbs;
use crate::components::page::{param_id, Loaded, PageTitle};
use crate::components::primary_team::PrimaryTeams;
use crate::server_fns::primary_team::SetPrimaryTeam;
use crate::server_fns::teams::{team_page, AddMember, MemberRow, RemoveMember, TeamData};
use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

#[component]
pub fn TeamPage() -> impl IntoView {
    let id = param_id("id");
    let add = ServerAction::<AddMember>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let primary = ServerAction::<SetPrimaryTeam>::new();
    let params = use_query_map();
    let find = Memo::new(move |_| params.read().get("find"));
    let data = Resource::new(
        move || (id.get(), find.get(), add.version().get(), remove.version().get(), primary.version().get()),
        |(id, find, _, _, _)| team_page(id.unwrap_or_default(), find),
    );
    view! {
        <Loaded resource=data render=move |page: TeamData| view! { <TeamView page add remove primary/> }/>
    }
}

#[component]
fn TeamView(
    page: TeamData,
    add: ServerAction<AddMember>,
    remove: ServerAction<RemoveMember>,
    primary: ServerAction<SetPrimaryTeam>,
) -> impl IntoView {
    let team = page.card.team.clone();
    let team_id = team.id;
    let add_error = action_error(add);
    let remove_error = action_error(remove);
    let error = Signal::derive(move || add_error.get().or(remove_error.get()));
    let (met, of) = page.card.required_met;
    let search = page.clone();
    view! {
        <Breadcrumbs trail=vec![("Dashboard".into(), "/".into())]/>
        <ErrorSummary error/>
        <PageTitle text=team.name.clone() caption="Team"/>
        {(!team.description.is_empty()).then(|| view! { <p class="lead">{team.description.clone()}</p> })}
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt class="summary-list__key">"Framework"</dt>
                <dd class="summary-list__value">
                    <A href=format!("/framework/versions/{}", page.version.id)>{page.version.name.clone()}</A>
                </dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Review cadence"</dt>
                <dd class="summary-list__value">{format!("Every {} months", team.review_cadence_months)}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Required levels met"</dt>
                <dd class="summary-list__value">{format!("{met} of {of}")}</dd>
            </div>
        </dl>
        <nav class="team-views" aria-label="Team views">
            <ul class="list list--inline">
                <li><A href=format!("/teams/{team_id}/heatmap")>"Skill-mix heatmap"</A></li>
                <li><A href=format!("/teams/{team_id}/coverage")>"Coverage and single points of failure"</A></li>
                <li><A href=format!("/teams/{team_id}/dynamics")>"Team dynamics"</A></li>
                <li><A href=format!("/teams/{team_id}/training-needs")>"Training needs"</A></li>
            </ul>
        </nav>
        <h2 class="heading-m">"Members"</h2>
        <MembersTable members=page.members.clone() team_id may_edit=page.may_edit remove/>
        <PrimaryTeams members=page.shared.clone() team_id may_edit=page.may_edit save=primary/>
        {page.may_edit.then(|| view! {
            <AddMemberSearch page=search add/>
            <p class="body">
                <A href=format!("/people/new?team={team_id}")>"Add a new person to this team"</A>
            </p>
            <div class="button-group">
                <A href=format!("/teams/{team_id}/edit") attr:class="button button--secondary">"Edit team"</A>
                <A href=format!("/teams/{team_id}/delete") attr:class="button button--warning">"Delete team"</A>
            </div>
        })}
    }
}

#[component]
fn MembersTable(
    members: Vec<MemberRow>,
    team_id: skillmix::Id,
    may_edit: bool,
    remove: ServerAction<RemoveMember>,
) -> impl IntoView {
    if members.is_empty() {
        return view! { <p class="body">"This team has no members yet."</p> }.into_any();
    }
    view! {
        <table class="table">
            <caption class="visually-hidden">"Team members"</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Role level"</th>
                    <th scope="col">"Aiming for"</th>
                    <th scope="col">"Lead"</th>
                    {may_edit.then(|| view! { <th scope="col"><span class="visually-hidden">"Actions"</span></th> })}
                </tr>
            </thead>
            <tbody>
                {members
                    .into_iter()
                    .map(|m| {
                        let person_id = m.person_id;
                        let name = m.name.clone();
                        view! {
                            <tr>
                                <th scope="row"><A href=format!("/people/{person_id}")>{m.name.clone()}</A></th>
                                <td>{m.role_level.clone().unwrap_or_else(|| "Not set".into())}</td>
                                <td>{m.target_role_level.clone().unwrap_or_default()}</td>
                                <td>{if m.is_lead { "Lead" } else { "" }}</td>
                                {may_edit.then(|| view! {
                                    <td>
                                        <ActionForm action=remove attr:class="inline-form">
                                            <input type="hidden" name="team_id" value=team_id/>
                                            <input type="hidden" name="person_id" value=person_id/>
                                            <button type="submit" class="button button--link">
                                                "Remove"<span class="visually-hidden">{format!(" {name} from the team")}</span>
                                            </button>
                                        </ActionForm>
                                    </td>
                                })}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// "Add someone already recorded": a name search (a GET form, so it works without JavaScript)
/// listing only the people the caller may add, at most `MEMBER_SEARCH_LIMIT` of them.
#[component]
fn AddMemberSearch(page: TeamData, add: ServerAction<AddMember>) -> impl IntoView {
    let team_id = page.card.team.id;
    let shown = page.found.len() as i64;
    let total = page.found_total;
    let find = page.find.clone();
    let found = page.found.clone();
    let who = if page.may_move_people {
        "You can add anyone who is not in this team yet, including people in other teams."
    } else {
        "You can add people who are not in any team yet. To move someone from another team, ask an administrator."
    };
    let summary = if total == 0 {
        if find.is_empty() {
            "There is nobody you can add.".to_string()
        } else {
            format!("Nobody you can add matches \u{201c}{find}\u{201d}.")
        }
    } else if total > shown {
        let more = total - shown;
        let people = if more == 1 { "person" } else { "people" };
        format!(
            "Showing the first {shown} of {total} people who match: {more} more {people} matched. Search for more of the name to narrow the list."
        )
    } else if total == 1 {
        "1 person matches.".to_string()
    } else {
        format!("{total} people match.")
    };
    view! {
        <section class="panel" aria-labelledby="add-member-title">
            <h2 class="heading-s" id="add-member-title">"Add someone already recorded"</h2>
            <p class="body">{who}</p>
            <Form method="GET" action=format!("/teams/{team_id}") attr:role="search" attr:class="controls">
                <div class="form-group">
                    <label class="label" for="find">"Name or email"</label>
                    <input class="input" id="find" name="find" type="search" value=find.clone() maxlength="120"/>
                </div>
                <button type="submit" class="button button--secondary">"Search"</button>
            </Form>
            <p class="body" role="status">{summary}</p>
            {(!found.is_empty()).then(move || view! {
                <table class="table">
                    <caption class="visually-hidden">"People you can add"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Lead"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {found
                            .into_iter()
                            .map(|(person_id, name)| {
                                let form_id = format!("add-{person_id}");
                                let lead_id = format!("is_lead-{person_id}");
                                view! {
                                    <tr>
                                        <th scope="row">{name.clone()}</th>
                                        <td>
                                            <div class="checkboxes__item">
                                                <input class="checkboxes__input" type="checkbox" id=lead_id.clone()
                                                    name="is_lead" value="yes" form=form_id.clone()/>
                                                <label class="label checkboxes__label" for=lead_id>
                                                    "Leads the team"<span class="visually-hidden">{format!(" ({name})")}</span>
                                                </label>
                                            </div>
                                        </td>
                                        <td>
                                            <ActionForm action=add attr:class="inline-form" attr:id=form_id>
                                                <input type="hidden" name="team_id" value=team_id/>
                                                <input type="hidden" name="person_id" value=person_id/>
                                                <button type="submit" class="button button--secondary">
                                                    "Add"<span class="visually-hidden">{format!(" {name} to the team")}</span>
                                                </button>
                                            </ActionForm>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}
