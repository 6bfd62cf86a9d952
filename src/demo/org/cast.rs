//! Who is in the demo organisation and how their assessments are shaped. The names are
//! fictional.

use crate::scale::Level;

const DEVOPS: &str = "Development operations (DevOps) engineer";
const INFRA: &str = "Infrastructure operations engineer";
/// Team positions in the demo.
pub(super) const PLATFORM: usize = 0;
pub(super) const OPERATIONS: usize = 1;

/// Which assessment rounds a person took part in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Rounds {
    Both,
    FirstOnly,
    SecondOnly,
}

/// One demo person.
pub(super) struct Member {
    pub name: &'static str,
    pub role: &'static str,
    pub level: &'static str,
    pub target: Option<&'static str>,
    pub team: usize,
    pub lead: bool,
    pub also_in: Option<usize>,
    /// Where the lead's view sits against what the role requires, in levels.
    pub standing: i16,
    /// How far the person's own view tends to sit above the lead's.
    pub self_bias: i16,
    pub rounds: Rounds,
    /// Skills assessed beyond what the role level lists: (code, typical level).
    pub extra: &'static [(&'static str, Level)],
}

const fn devops(name: &'static str, level: &'static str) -> Member {
    person(name, DEVOPS, level, PLATFORM)
}

const fn infra(name: &'static str, level: &'static str) -> Member {
    person(name, INFRA, level, OPERATIONS)
}

const fn person(name: &'static str, role: &'static str, level: &'static str, team: usize) -> Member {
    Member {
        name,
        role,
        level,
        target: None,
        team,
        lead: false,
        also_in: None,
        standing: 0,
        self_bias: 0,
        rounds: Rounds::Both,
        extra: &[],
    }
}

impl Member {
    const fn leads(self) -> Member {
        Member { lead: true, ..self }
    }

    const fn also_in(self, team: usize) -> Member {
        Member { also_in: Some(team), ..self }
    }

    const fn aims_at(self, level: &'static str) -> Member {
        Member { target: Some(level), ..self }
    }

    const fn standing(self, standing: i16) -> Member {
        Member { standing, ..self }
    }

    const fn rates_self(self, self_bias: i16) -> Member {
        Member { self_bias, ..self }
    }

    const fn only(self, rounds: Rounds) -> Member {
        Member { rounds, ..self }
    }

    const fn also_assessed_on(self, extra: &'static [(&'static str, Level)]) -> Member {
        Member { extra, ..self }
    }
}

pub(super) const MEMBERS: &[Member] = &[
    devops("Ada Okafor", "Lead DevOps engineer - management").leads(),
    devops("Tomasz Nowak", "Lead DevOps engineer").rates_self(1).only(Rounds::FirstOnly),
    devops("Priya Raman", "Senior DevOps engineer").aims_at("Lead DevOps engineer").rates_self(1),
    devops("Callum MacLeod", "Senior DevOps engineer").also_in(OPERATIONS).also_assessed_on(&[
        ("incident-management", 2),
        ("change-management", 2),
        ("problem-management", 2),
    ]),
    devops("Siobhan Byrne", "DevOps engineer").standing(1).rates_self(-1),
    devops("Kwame Mensah", "DevOps engineer").rates_self(1),
    devops("Mei Chen", "Junior DevOps engineer").standing(-1),
    devops("Rhys Evans", "Apprentice DevOps engineer").rates_self(1).only(Rounds::SecondOnly),
    infra("Grace Adeyemi", "Lead infrastructure operations engineer").leads(),
    infra("Hamza Qureshi", "Senior infrastructure operations engineer")
        .also_assessed_on(&[("coding-and-scripting", 2)]),
    infra("Fiona Campbell", "Senior infrastructure operations engineer").rates_self(1),
    infra("Daniel Kowalczyk", "Infrastructure operations engineer").rates_self(1),
    infra("Aisha Begum", "Infrastructure operations engineer").standing(1),
    infra("Owen Hughes", "Associate infrastructure operations engineer").rates_self(1),
    infra("Leila Haddad", "Infrastructure operations engineer").standing(-1),
];

/// Evidence the leads noted: (person, skill code, round index, note).
pub(super) const EVIDENCE: &[(&str, &str, usize, &str)] = &[
    ("Hamza Qureshi", "change-management", 1, "Chaired the change board for the storage array migration."),
    ("Priya Raman", "systems-design", 1, "Designed the blue-green release for the payments API."),
    (
        "Kwame Mensah",
        "programming-and-build-software-engineering",
        1,
        "Wrote the Terraform module three teams now use.",
    ),
    ("Daniel Kowalczyk", "incident-management", 1, "Handled the overnight DNS outage and wrote up the timeline."),
    ("Grace Adeyemi", "testing", 1, "Has not yet planned acceptance testing for a major release."),
    ("Mei Chen", "service-support", 0, "Picks up routine pipeline failures with some support."),
    ("Ada Okafor", "modern-development-standards", 0, "Introduced trunk-based development across the platform."),
];

/// Peer assessments in the second round: (assessor, person assessed, skill code).
pub(super) const PEERS: &[(&str, &str, &str)] = &[
    ("Callum MacLeod", "Priya Raman", "systems-design"),
    ("Callum MacLeod", "Priya Raman", "systems-integration"),
    ("Hamza Qureshi", "Daniel Kowalczyk", "incident-management"),
];
