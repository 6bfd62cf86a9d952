//! Who may do what. Every server function and API route asks [`authorize`] before it touches
//! data; a guard on a page alone protects nothing, because a server function is a public HTTP
//! endpoint.
//!
//! Roles:
//! - admin: everything, including user management, erasure and the audit log;
//! - lead: the teams they lead (members, assessments, analyses, workshops), framework imports,
//!   and the organisation's aggregates (with small groups suppressed);
//! - member: their own data only (self-assessment, their plan, their history, their export);
//! - viewer (senior viewer): aggregated views only, with small groups suppressed.

use crate::Id;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::EnumIter)]
#[strum(serialize_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "TEXT", rename_all = "kebab-case"))]
pub enum UserRole {
    Admin,
    Lead,
    Member,
    Viewer,
}

impl UserRole {
    pub const ALL: [UserRole; 4] = [UserRole::Admin, UserRole::Lead, UserRole::Member, UserRole::Viewer];

    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<UserRole> {
        code.parse().ok()
    }

    pub fn title(self) -> &'static str {
        match self {
            UserRole::Admin => "Administrator",
            UserRole::Lead => "Team lead",
            UserRole::Member => "Team member",
            UserRole::Viewer => "Senior viewer",
        }
    }
}

/// The person making a request, as far as access decisions need to know them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: Option<Id>,
    pub role: Option<UserRole>,
    /// The person record the user is, if any.
    pub person_id: Option<Id>,
    /// Teams where that person is a lead.
    pub lead_team_ids: Vec<Id>,
}

impl Viewer {
    pub fn anonymous() -> Viewer {
        Viewer::default()
    }

    pub fn is_signed_in(&self) -> bool {
        self.user_id.is_some()
    }

    pub fn is(&self, role: UserRole) -> bool {
        self.role == Some(role)
    }

    fn leads_any(&self, team_ids: &[Id]) -> bool {
        self.is(UserRole::Lead) && team_ids.iter().any(|t| self.lead_team_ids.contains(t))
    }

    fn is_person(&self, person_id: Id) -> bool {
        self.person_id == Some(person_id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    Read,
    Create,
    Update,
    Delete,
    /// Record an assessment (self, lead or peer).
    Assess,
    Import,
    Export,
    /// Remove every trace of a person.
    Erase,
}

/// What is being acted on, with what access decisions need to know about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Resource {
    /// The organisation-wide aggregates (roll-up, presentation), suppressed for small groups.
    Organisation,
    /// Framework versions, skills, roles (reading) and imports.
    Framework,
    /// The list of teams (creating a team).
    Teams,
    Team {
        id: Id,
    },
    /// People in general (creating a person).
    People,
    /// A person, with the teams they belong to.
    Person {
        id: Id,
        team_ids: Vec<Id>,
    },
    /// A workshop programme, with the teams it involves.
    Workshop {
        team_ids: Vec<Id>,
    },
    /// Method library for workshops.
    Methods,
    Users,
    AuditLog,
}

/// Why a request was refused. Holds nothing about the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// Nobody is signed in.
    SignInRequired,
    /// Signed in, but this role or this relationship does not allow it.
    Forbidden,
}

impl fmt::Display for Denied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Denied::SignInRequired => f.write_str("Sign in to continue"),
            Denied::Forbidden => f.write_str("You do not have permission to do that"),
        }
    }
}

/// The one access decision. Pure: everything it needs is in its arguments.
pub fn authorize(viewer: &Viewer, action: Action, resource: &Resource) -> Result<(), Denied> {
    let Some(role) = viewer.role else {
        return Err(Denied::SignInRequired);
    };
    let allowed = match role {
        UserRole::Admin => true,
        UserRole::Viewer => matches!(
            (action, resource),
            (Action::Read | Action::Export, Resource::Organisation) | (Action::Read, Resource::Framework)
        ),
        UserRole::Member => member_may(viewer, action, resource),
        UserRole::Lead => lead_may(viewer, action, resource),
    };
    if allowed {
        Ok(())
    } else {
        Err(Denied::Forbidden)
    }
}

fn member_may(viewer: &Viewer, action: Action, resource: &Resource) -> bool {
    match resource {
        Resource::Framework => action == Action::Read,
        Resource::Person { id, .. } => {
            viewer.is_person(*id) && matches!(action, Action::Read | Action::Assess | Action::Export | Action::Update)
        }
        _ => false,
    }
}

fn lead_may(viewer: &Viewer, action: Action, resource: &Resource) -> bool {
    match resource {
        Resource::Organisation => matches!(action, Action::Read | Action::Export),
        Resource::Framework => matches!(action, Action::Read | Action::Import),
        Resource::Teams | Resource::People => action == Action::Create,
        Resource::Methods => matches!(action, Action::Read | Action::Create),
        Resource::Team { id } => {
            viewer.lead_team_ids.contains(id)
                && matches!(action, Action::Read | Action::Update | Action::Delete | Action::Export | Action::Assess)
        }
        Resource::Person { id, team_ids } => {
            (viewer.is_person(*id) && matches!(action, Action::Read | Action::Assess | Action::Export | Action::Update))
                || (viewer.leads_any(team_ids)
                    && matches!(
                        action,
                        Action::Read | Action::Update | Action::Assess | Action::Delete | Action::Export
                    ))
        }
        Resource::Workshop { team_ids } => {
            // A programme with no team yet belongs to whoever leads; otherwise to the leads of its teams.
            team_ids.is_empty() && action == Action::Create || viewer.leads_any(team_ids)
        }
        Resource::Users | Resource::AuditLog => false,
    }
}

/// Why a change to a team's members was refused. Holds ids the caller already named, nothing more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MembershipDenied {
    /// The caller may not change this team at all.
    NotTheirTeam,
    /// The person belongs to another team: moving them out of it needs an administrator.
    InAnotherTeam,
    /// Only people already in the team can be made (or stop being) its lead.
    NotInTeam,
}

impl fmt::Display for MembershipDenied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MembershipDenied::NotTheirTeam => f.write_str("You do not have permission to do that"),
            MembershipDenied::InAnotherTeam => f.write_str(
                "This person is in another team. Only an administrator can move someone out of another team",
            ),
            MembershipDenied::NotInTeam => {
                f.write_str("Only a member of this team can be made its lead: add them first")
            }
        }
    }
}

/// Whether the viewer may add a person to a team: an administrator may add anyone; the lead of
/// the team may add a person who is in no team yet (or is already in this one). Moving someone
/// out of another team needs an administrator, since adding them would hand their whole history
/// to this team's lead. `person_team_ids` are the teams the person belongs to now.
pub fn authorize_add_member(viewer: &Viewer, team_id: Id, person_team_ids: &[Id]) -> Result<(), MembershipDenied> {
    if authorize(viewer, Action::Update, &Resource::Team { id: team_id }).is_err() {
        return Err(MembershipDenied::NotTheirTeam);
    }
    if viewer.is(UserRole::Admin) || person_team_ids.iter().all(|t| *t == team_id) {
        Ok(())
    } else {
        Err(MembershipDenied::InAnotherTeam)
    }
}

/// Whether the viewer may make a person lead of a team (or stop them leading it): an
/// administrator may do anything; the lead of the team only for people already in it.
pub fn authorize_set_lead(viewer: &Viewer, team_id: Id, person_team_ids: &[Id]) -> Result<(), MembershipDenied> {
    if authorize(viewer, Action::Update, &Resource::Team { id: team_id }).is_err() {
        return Err(MembershipDenied::NotTheirTeam);
    }
    if viewer.is(UserRole::Admin) || person_team_ids.contains(&team_id) {
        Ok(())
    } else {
        Err(MembershipDenied::NotInTeam)
    }
}

/// Whether the viewer may set a person's role level and target role level: an administrator,
/// or a lead of one of the person's teams. Nobody sets their own (unless they lead a team they
/// are in, or are an administrator).
pub fn may_set_role_levels(viewer: &Viewer, person_team_ids: &[Id]) -> bool {
    viewer.is(UserRole::Admin) || viewer.leads_any(person_team_ids)
}

/// Whether the viewer may save an import's preview into a framework version, or assign the role
/// level it saved: its author (`author_user_id`, the user who made it) or an administrator. An
/// import made on the command line has no author: only administrators.
pub fn may_change_import(viewer: &Viewer, author_user_id: Option<Id>) -> bool {
    authorize(viewer, Action::Import, &Resource::Framework).is_ok()
        && (viewer.is(UserRole::Admin) || (author_user_id.is_some() && viewer.user_id == author_user_id))
}

#[cfg(test)]
mod membership_tests {
    use super::*;

    fn viewer(role: UserRole, person: Option<Id>, leads: &[Id]) -> Viewer {
        Viewer { user_id: Some(1), role: Some(role), person_id: person, lead_team_ids: leads.to_vec() }
    }

    #[test]
    fn a_lead_adds_only_people_in_no_team() {
        let lead = viewer(UserRole::Lead, Some(5), &[1]);
        assert_eq!(authorize_add_member(&lead, 1, &[]), Ok(()));
        assert_eq!(authorize_add_member(&lead, 1, &[1]), Ok(()));
        assert_eq!(authorize_add_member(&lead, 1, &[2]), Err(MembershipDenied::InAnotherTeam));
        assert_eq!(authorize_add_member(&lead, 1, &[1, 2]), Err(MembershipDenied::InAnotherTeam));
        assert_eq!(authorize_add_member(&lead, 2, &[]), Err(MembershipDenied::NotTheirTeam));
        let admin = viewer(UserRole::Admin, None, &[]);
        assert_eq!(authorize_add_member(&admin, 1, &[2, 3]), Ok(()));
        let member = viewer(UserRole::Member, Some(7), &[]);
        assert_eq!(authorize_add_member(&member, 1, &[]), Err(MembershipDenied::NotTheirTeam));
    }

    #[test]
    fn a_lead_makes_leads_only_of_their_members() {
        let lead = viewer(UserRole::Lead, Some(5), &[1]);
        assert_eq!(authorize_set_lead(&lead, 1, &[1, 2]), Ok(()));
        assert_eq!(authorize_set_lead(&lead, 1, &[]), Err(MembershipDenied::NotInTeam));
        assert_eq!(authorize_set_lead(&lead, 1, &[2]), Err(MembershipDenied::NotInTeam));
        assert_eq!(authorize_set_lead(&lead, 2, &[2]), Err(MembershipDenied::NotTheirTeam));
        assert_eq!(authorize_set_lead(&viewer(UserRole::Admin, None, &[]), 1, &[]), Ok(()));
    }

    #[test]
    fn only_the_author_or_an_administrator_changes_an_import() {
        let author = Viewer { user_id: Some(4), ..viewer(UserRole::Lead, Some(5), &[1]) };
        let other = Viewer { user_id: Some(6), ..viewer(UserRole::Lead, Some(8), &[2]) };
        assert!(may_change_import(&author, Some(4)));
        assert!(!may_change_import(&other, Some(4)));
        assert!(!may_change_import(&author, None));
        assert!(may_change_import(&viewer(UserRole::Admin, None, &[]), None));
        let member = Viewer { user_id: Some(4), ..viewer(UserRole::Member, Some(7), &[]) };
        assert!(!may_change_import(&member, Some(4)));
    }

    #[test]
    fn role_levels_are_set_by_a_lead_or_an_administrator() {
        assert!(may_set_role_levels(&viewer(UserRole::Admin, None, &[]), &[]));
        assert!(may_set_role_levels(&viewer(UserRole::Lead, Some(5), &[1]), &[1]));
        assert!(!may_set_role_levels(&viewer(UserRole::Lead, Some(5), &[2]), &[1]));
        assert!(!may_set_role_levels(&viewer(UserRole::Member, Some(7), &[]), &[1]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(role: UserRole, person: Option<Id>, leads: &[Id]) -> Viewer {
        Viewer { user_id: Some(1), role: Some(role), person_id: person, lead_team_ids: leads.to_vec() }
    }

    #[test]
    fn anonymous_must_sign_in() {
        assert_eq!(authorize(&Viewer::anonymous(), Action::Read, &Resource::Framework), Err(Denied::SignInRequired));
    }

    #[test]
    fn admin_may_do_anything() {
        let admin = viewer(UserRole::Admin, None, &[]);
        assert!(authorize(&admin, Action::Erase, &Resource::Person { id: 9, team_ids: vec![] }).is_ok());
        assert!(authorize(&admin, Action::Read, &Resource::AuditLog).is_ok());
    }

    #[test]
    fn lead_reaches_only_their_teams() {
        let lead = viewer(UserRole::Lead, Some(5), &[1]);
        assert!(authorize(&lead, Action::Read, &Resource::Team { id: 1 }).is_ok());
        assert_eq!(authorize(&lead, Action::Read, &Resource::Team { id: 2 }), Err(Denied::Forbidden));
        assert!(authorize(&lead, Action::Assess, &Resource::Person { id: 7, team_ids: vec![1, 3] }).is_ok());
        assert_eq!(
            authorize(&lead, Action::Assess, &Resource::Person { id: 8, team_ids: vec![2] }),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            authorize(&lead, Action::Erase, &Resource::Person { id: 7, team_ids: vec![1] }),
            Err(Denied::Forbidden)
        );
        assert_eq!(authorize(&lead, Action::Read, &Resource::Users), Err(Denied::Forbidden));
    }

    #[test]
    fn member_reaches_only_themselves() {
        let member = viewer(UserRole::Member, Some(7), &[]);
        assert!(authorize(&member, Action::Assess, &Resource::Person { id: 7, team_ids: vec![1] }).is_ok());
        assert_eq!(
            authorize(&member, Action::Read, &Resource::Person { id: 8, team_ids: vec![1] }),
            Err(Denied::Forbidden)
        );
        assert_eq!(authorize(&member, Action::Read, &Resource::Team { id: 1 }), Err(Denied::Forbidden));
        assert_eq!(authorize(&member, Action::Read, &Resource::Organisation), Err(Denied::Forbidden));
    }

    #[test]
    fn senior_viewer_sees_aggregates_only() {
        let senior = viewer(UserRole::Viewer, None, &[]);
        assert!(authorize(&senior, Action::Read, &Resource::Organisation).is_ok());
        assert_eq!(authorize(&senior, Action::Read, &Resource::Team { id: 1 }), Err(Denied::Forbidden));
        assert_eq!(
            authorize(&senior, Action::Read, &Resource::Person { id: 1, team_ids: vec![] }),
            Err(Denied::Forbidden)
        );
    }
}

/// Which assessment sources a viewer may record for a person in the given teams: their own
/// self-assessment, a lead assessment of people in teams they lead, a peer assessment of
/// anyone else they may assess. Admins may record any source.
pub fn allowed_sources(viewer: &Viewer, person_id: Id, team_ids: &[Id]) -> Vec<crate::assessment::Source> {
    use crate::assessment::Source;
    if viewer.is(UserRole::Admin) {
        return Source::ALL.to_vec();
    }
    if authorize(viewer, Action::Assess, &Resource::Person { id: person_id, team_ids: team_ids.to_vec() }).is_err() {
        return Vec::new();
    }
    if viewer.is_person(person_id) {
        vec![Source::SelfAssessment]
    } else if viewer.leads_any(team_ids) {
        vec![Source::Lead, Source::Peer]
    } else {
        vec![Source::Peer]
    }
}

#[cfg(test)]
mod source_tests {
    use super::*;
    use crate::assessment::Source;

    #[test]
    fn sources_follow_the_relationship() {
        let lead = Viewer { user_id: Some(1), role: Some(UserRole::Lead), person_id: Some(5), lead_team_ids: vec![1] };
        assert_eq!(allowed_sources(&lead, 7, &[1]), vec![Source::Lead, Source::Peer]);
        assert_eq!(allowed_sources(&lead, 5, &[1]), vec![Source::SelfAssessment]);
        assert!(allowed_sources(&lead, 8, &[2]).is_empty());
        let member =
            Viewer { user_id: Some(2), role: Some(UserRole::Member), person_id: Some(7), lead_team_ids: vec![] };
        assert_eq!(allowed_sources(&member, 7, &[1]), vec![Source::SelfAssessment]);
        assert!(allowed_sources(&member, 8, &[1]).is_empty());
        let admin = Viewer { user_id: Some(3), role: Some(UserRole::Admin), person_id: None, lead_team_ids: vec![] };
        assert_eq!(allowed_sources(&admin, 8, &[]).len(), 3);
    }
}
