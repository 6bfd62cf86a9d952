//! The role families, roles and role levels of the starter catalogue, with the DDaT skills each
//! level requires. Names and required levels are taken from the official DDaT export
//! (`ddat-roles.csv`, Open Government Licence v3.0); descriptions are our own summaries.

use crate::scale::Level;

const AWARENESS: Level = 1;
const WORKING: Level = 2;
const PRACTITIONER: Level = 3;
const EXPERT: Level = 4;

pub(super) struct FamilyData {
    pub name: &'static str,
    pub roles: &'static [RoleData],
}

pub(super) struct RoleData {
    pub name: &'static str,
    pub description: &'static str,
    /// Most junior first.
    pub levels: &'static [LevelData],
}

pub(super) struct LevelData {
    pub name: &'static str,
    pub description: &'static str,
    /// "technical" or "management" where the framework has both roles at this level.
    pub role_type: Option<&'static str>,
    /// DDaT skill names with the level this role level requires.
    pub ddat: &'static [(&'static str, Level)],
}

pub(super) const FAMILIES: &[FamilyData] = &[
    FamilyData { name: "Software development", roles: &[DEVOPS] },
    FamilyData { name: "IT operations", roles: &[INFRASTRUCTURE_OPERATIONS] },
];

const DEVOPS: RoleData = RoleData {
    name: "Development operations (DevOps) engineer",
    description:
        "Builds and runs the tooling, environments and automation that let teams ship and operate software safely.",
    levels: &[
        LevelData {
            name: "Apprentice DevOps engineer",
            description: "Learns the basics of DevOps through certified training and by shadowing colleagues.",
            role_type: None,
            ddat: &[
                ("Availability and capacity management", AWARENESS),
                ("Information security", AWARENESS),
                ("Modern development standards", AWARENESS),
                ("Programming and build (software engineering)", AWARENESS),
                ("Prototyping", AWARENESS),
                ("Service support", AWARENESS),
            ],
        },
        LevelData {
            name: "Junior DevOps engineer",
            description: "Builds parts of the delivery toolchain under supervision while learning on the job.",
            role_type: None,
            ddat: &[
                ("Availability and capacity management", AWARENESS),
                ("Information security", WORKING),
                ("Modern development standards", WORKING),
                ("Programming and build (software engineering)", WORKING),
                ("Prototyping", WORKING),
                ("Service support", WORKING),
                ("Systems design", AWARENESS),
                ("Systems integration", AWARENESS),
                ("User focus", AWARENESS),
            ],
        },
        LevelData {
            name: "DevOps engineer",
            description: "Delivers automated components of the team's delivery toolchain.",
            role_type: None,
            ddat: &[
                ("Availability and capacity management", WORKING),
                ("Development process optimisation", AWARENESS),
                ("Information security", PRACTITIONER),
                ("Modern development standards", WORKING),
                ("Programming and build (software engineering)", PRACTITIONER),
                ("Prototyping", PRACTITIONER),
                ("Service support", PRACTITIONER),
                ("Systems design", WORKING),
                ("Systems integration", WORKING),
                ("User focus", WORKING),
            ],
        },
        LevelData {
            name: "Senior DevOps engineer",
            description: "Builds and joins up a complete toolchain and plans larger pieces of work.",
            role_type: Some("technical"),
            ddat: &[
                ("Availability and capacity management", WORKING),
                ("Development process optimisation", WORKING),
                ("Information security", PRACTITIONER),
                ("Modern development standards", PRACTITIONER),
                ("Programming and build (software engineering)", PRACTITIONER),
                ("Prototyping", PRACTITIONER),
                ("Service support", EXPERT),
                ("Systems design", PRACTITIONER),
                ("Systems integration", PRACTITIONER),
                ("User focus", PRACTITIONER),
            ],
        },
        LevelData {
            name: "Senior DevOps engineer - management",
            description: "Plans larger pieces of toolchain work and manages the engineers who deliver it.",
            role_type: Some("management"),
            ddat: &[
                ("Availability and capacity management", PRACTITIONER),
                ("Development process optimisation", PRACTITIONER),
                ("Information security", PRACTITIONER),
                ("Modern development standards", PRACTITIONER),
                ("Programming and build (software engineering)", PRACTITIONER),
                ("Prototyping", PRACTITIONER),
                ("Service support", PRACTITIONER),
                ("Systems design", PRACTITIONER),
                ("Systems integration", PRACTITIONER),
                ("User focus", PRACTITIONER),
            ],
        },
        LevelData {
            name: "Lead DevOps engineer",
            description: "Sets the technical direction for one or a few related teams and coaches their engineers.",
            role_type: Some("technical"),
            ddat: &[
                ("Availability and capacity management", WORKING),
                ("Development process optimisation", WORKING),
                ("Information security", PRACTITIONER),
                ("Modern development standards", EXPERT),
                ("Programming and build (software engineering)", PRACTITIONER),
                ("Prototyping", PRACTITIONER),
                ("Service support", EXPERT),
                ("Systems design", PRACTITIONER),
                ("Systems integration", EXPERT),
                ("User focus", PRACTITIONER),
            ],
        },
        LevelData {
            name: "Lead DevOps engineer - management",
            description: "Leads one or a few related teams, looking after their people, their work and their growth.",
            role_type: Some("management"),
            ddat: &[
                ("Availability and capacity management", PRACTITIONER),
                ("Development process optimisation", PRACTITIONER),
                ("Information security", PRACTITIONER),
                ("Modern development standards", EXPERT),
                ("Programming and build (software engineering)", PRACTITIONER),
                ("Prototyping", PRACTITIONER),
                ("Service support", PRACTITIONER),
                ("Systems design", PRACTITIONER),
                ("Systems integration", PRACTITIONER),
                ("User focus", PRACTITIONER),
            ],
        },
        LevelData {
            name: "Principal DevOps engineer",
            description: "Shapes the technical vision for DevOps across several teams.",
            role_type: Some("technical"),
            ddat: &[
                ("Availability and capacity management", PRACTITIONER),
                ("Development process optimisation", PRACTITIONER),
                ("Information security", EXPERT),
                ("Modern development standards", EXPERT),
                ("Programming and build (software engineering)", PRACTITIONER),
                ("Prototyping", EXPERT),
                ("Service support", EXPERT),
                ("Systems design", PRACTITIONER),
                ("Systems integration", EXPERT),
                ("User focus", PRACTITIONER),
            ],
        },
        LevelData {
            name: "Principal DevOps engineer - management",
            description: "Leads DevOps delivery, and the people doing it, across several teams.",
            role_type: Some("management"),
            ddat: &[
                ("Availability and capacity management", EXPERT),
                ("Development process optimisation", EXPERT),
                ("Information security", EXPERT),
                ("Modern development standards", EXPERT),
                ("Programming and build (software engineering)", PRACTITIONER),
                ("Prototyping", EXPERT),
                ("Service support", PRACTITIONER),
                ("Systems design", PRACTITIONER),
                ("Systems integration", PRACTITIONER),
                ("User focus", PRACTITIONER),
            ],
        },
    ],
};

const INFRASTRUCTURE_OPERATIONS: RoleData = RoleData {
    name: "Infrastructure operations engineer",
    description: "Keeps the core infrastructure behind live services running, secure and up to date.",
    levels: &[
        LevelData {
            name: "Associate infrastructure operations engineer",
            description: "A trainee who supports the operations engineers in a team, under their direction.",
            role_type: None,
            ddat: &[
                ("Incident management", AWARENESS),
                ("Ownership and topic", AWARENESS),
                ("Problem management", AWARENESS),
                ("User focus", AWARENESS),
            ],
        },
        LevelData {
            name: "Infrastructure operations engineer",
            description: "Prepares and supports physical or virtual infrastructure services to agreed practice.",
            role_type: None,
            ddat: &[
                ("Asset and configuration management", WORKING),
                ("Availability and capacity management", WORKING),
                ("Change management", AWARENESS),
                ("Coding and scripting", AWARENESS),
                ("Continual service improvement", AWARENESS),
                ("Incident management", AWARENESS),
                ("Ownership and topic", WORKING),
                ("Problem management", AWARENESS),
                ("Service focus", WORKING),
                ("Service management framework knowledge", AWARENESS),
                ("Technical specialism", AWARENESS),
                ("Technical understanding", AWARENESS),
                ("Testing", AWARENESS),
                ("User focus", WORKING),
            ],
        },
        LevelData {
            name: "Senior infrastructure operations engineer",
            description: "Gives second- and third-line support on incidents, problems and changes.",
            role_type: None,
            ddat: &[
                ("Asset and configuration management", WORKING),
                ("Availability and capacity management", WORKING),
                ("Change management", WORKING),
                ("Coding and scripting", AWARENESS),
                ("Continual service improvement", WORKING),
                ("Incident management", WORKING),
                ("Ownership and topic", WORKING),
                ("Problem management", WORKING),
                ("Service focus", WORKING),
                ("Service management framework knowledge", AWARENESS),
                ("Technical specialism", WORKING),
                ("Technical understanding", WORKING),
                ("Testing", WORKING),
                ("User focus", WORKING),
            ],
        },
        LevelData {
            name: "Lead infrastructure operations engineer",
            description: "Runs operational support for infrastructure services and manages the team that gives it.",
            role_type: None,
            ddat: &[
                ("Asset and configuration management", WORKING),
                ("Availability and capacity management", WORKING),
                ("Change management", PRACTITIONER),
                ("Coding and scripting", WORKING),
                ("Continual service improvement", WORKING),
                ("Incident management", PRACTITIONER),
                ("Ownership and topic", PRACTITIONER),
                ("Problem management", WORKING),
                ("Service focus", WORKING),
                ("Service management framework knowledge", WORKING),
                ("Technical specialism", PRACTITIONER),
                ("Technical understanding", WORKING),
                ("Testing", PRACTITIONER),
                ("User focus", PRACTITIONER),
            ],
        },
        LevelData {
            name: "Principal infrastructure operations engineer",
            description: "Directs several operations teams and sets how infrastructure is monitored and supported.",
            role_type: None,
            ddat: &[
                ("Asset and configuration management", PRACTITIONER),
                ("Availability and capacity management", PRACTITIONER),
                ("Change management", PRACTITIONER),
                ("Coding and scripting", WORKING),
                ("Continual service improvement", PRACTITIONER),
                ("Incident management", PRACTITIONER),
                ("Ownership and topic", PRACTITIONER),
                ("Problem management", PRACTITIONER),
                ("Service focus", PRACTITIONER),
                ("Service management framework knowledge", PRACTITIONER),
                ("Technical specialism", EXPERT),
                ("Technical understanding", PRACTITIONER),
                ("Testing", EXPERT),
                ("User focus", EXPERT),
            ],
        },
    ],
};
