//! The DDaT skills of the starter catalogue's role levels.
//!
//! Names are the official export's skill names (they are the facts, and their slugs are the
//! stable codes an imported DDaT version will use too). Descriptions and level descriptors are
//! our own short summaries. `None` marks a level the framework has not described yet ("currently
//! not defined"): as with an imported DDaT version, people can still be assessed at it.

/// A DDaT skill with its meaning at each of the levels 1 Awareness to 4 Expert.
pub(super) struct DdatSkill {
    pub name: &'static str,
    pub description: &'static str,
    pub levels: [Option<&'static str>; 4],
}

const fn all(levels: [&'static str; 4]) -> [Option<&'static str>; 4] {
    [Some(levels[0]), Some(levels[1]), Some(levels[2]), Some(levels[3])]
}

pub(super) const DDAT_SKILLS: &[DdatSkill] = &[
    DdatSkill {
        name: "Availability and capacity management",
        description: "Keeping services up with little disruption and with enough capacity for coming demand.",
        levels: all([
            "Can explain how availability and capacity are planned and watched.",
            "Keeps service components within their agreed performance targets.",
            "Makes sure availability standards are followed and acts on capacity risks.",
            "Sets availability and capacity policy and leads the changes it calls for.",
        ]),
    },
    DdatSkill {
        name: "Development process optimisation",
        description: "Making the way software is built and shipped simpler, faster and more reliable.",
        levels: all([
            "Knows why efficient processes matter and helps with improvement tasks.",
            "Spots improvements with guidance and helps put them in place.",
            "Analyses how the team works and leads the improvements it needs.",
            "Sets the improvement strategy and its resourcing across programmes.",
        ]),
    },
    DdatSkill {
        name: "Information security",
        description: "Protecting the confidentiality, integrity and availability of information and systems.",
        levels: all([
            "Can explain the main security controls and why they matter.",
            "Follows agreed security practice to help protect services.",
            "Designs services with security controls built in from the start.",
            "Assures others' designs for security and leads security practice.",
        ]),
    },
    DdatSkill {
        name: "Modern development standards",
        description: "Using current engineering practice and tooling to raise the quality of delivery.",
        levels: all([
            "Knows why up-to-date engineering standards matter.",
            "Applies the main current standards in own work.",
            "Applies current standards consistently and helps others to do so.",
            "Leads the adoption of current standards on complex programmes.",
        ]),
    },
    DdatSkill {
        name: "Programming and build (software engineering)",
        description: "Designing, writing, testing and documenting code to agreed standards.",
        levels: all([
            "Understands in outline how software gets built.",
            "Writes and tests simple code under direction.",
            "Builds moderately complex code from agreed specifications and reviews them with others.",
            "Owns technical quality across the build and advises on standards and methods.",
        ]),
    },
    DdatSkill {
        name: "Prototyping",
        description: "Trying ideas out quickly and testing them before committing to a design.",
        levels: all([
            "Can explain what prototypes are for and when they help.",
            "Picks a suitable prototyping approach and shows the team its value.",
            "Makes prototyping a shared team effort and refines reusable patterns.",
            "Coaches others in prototyping and applies it to whole-service design.",
        ]),
    },
    DdatSkill {
        name: "Service support",
        description: "Fixing faults and looking after the infrastructure that keeps a live service running.",
        levels: all([
            "Helps investigate faults by doing defined tasks under direction.",
            "Fixes routine faults and does maintenance by following procedures.",
            "Finds and fixes service faults independently.",
            "Resolves complex faults and advises others on ways of supporting services.",
        ]),
    },
    DdatSkill {
        name: "Systems design",
        description: "Specifying and designing systems that meet defined business needs.",
        levels: all([
            "Helps a team design parts of a larger system.",
            "Turns logical designs into detailed, documented physical designs.",
            "Designs systems of moderate risk and complexity and reviews others' designs.",
            "Designs high-risk, complex systems and governs design practice.",
        ]),
    },
    DdatSkill {
        name: "Systems integration",
        description: "Connecting systems and components so that they work together reliably.",
        levels: all([
            "Can explain the principles and pitfalls of joining systems together.",
            "Builds and tests simple interfaces between systems.",
            "Defines integration builds and coordinates their testing across systems.",
            "Sets integration standards across the life cycle and makes sure they are kept.",
        ]),
    },
    DdatSkill {
        name: "User focus",
        description: "Knowing who the users are and what they need, from evidence rather than assumption.",
        levels: all([
            "Understands why user needs and user stories matter.",
            "Gathers evidence of needs with users and stakeholders.",
            "Speaks for users inside the team and guides how their needs are explored.",
            "Directs user-centred methods across channels and shares insight widely.",
        ]),
    },
    DdatSkill {
        name: "Asset and configuration management",
        description: "Tracking IT assets and configuration items, and how they relate, over their whole life.",
        levels: all([
            "Records and corrects asset and configuration details.",
            "Keeps configurations secure and asset records accurate for the areas in their care.",
            "Manages configuration items and the compliance risks around them.",
            "Runs organisation-wide configuration management in line with policy.",
        ]),
    },
    DdatSkill {
        name: "Change management",
        description: "Controlling changes to services and configuration items so that risk stays low.",
        levels: all([
            "Carries out changes under supervision within change control.",
            "Assesses the impact of changes and records and actions change requests.",
            "Handles high-impact, complex changes and makes sure release processes are used.",
            "Designs the change process and keeps improving it.",
        ]),
    },
    DdatSkill {
        name: "Coding and scripting",
        description: "Writing and adapting code and scripts, from a first prototype to working tooling.",
        levels: [
            Some("Knows which scripting tools and languages are in use."),
            Some("Reads and writes code and makes basic repairs."),
            None,
            None,
        ],
    },
    DdatSkill {
        name: "Continual service improvement",
        description: "Finding and delivering improvements that get more value out of services.",
        levels: [
            Some("Knows common ways of making processes leaner and helps with improvements."),
            Some("Spots improvements with guidance and helps deliver them."),
            Some("Analyses processes and leads a team in improving them."),
            None,
        ],
    },
    DdatSkill {
        name: "Incident management",
        description: "Coordinating the response to incidents so that service comes back quickly.",
        levels: [
            Some("Logs incidents with the right details and routes them correctly."),
            Some("Diagnoses and prioritises incidents and works out their fixes."),
            Some("Takes charge of investigating incidents and seeing them resolved."),
            None,
        ],
    },
    DdatSkill {
        // The export's name for what role profiles call "Ownership and initiative".
        name: "Ownership and topic",
        description: "Owning problems and resolving them proactively (role profiles call it ownership and initiative).",
        levels: [
            Some("Knows how problems get resolved and hands them to the right people."),
            Some("Keeps hold of an issue until it is resolved or properly handed on."),
            Some("Is accountable for issues and looks ahead for problems before users notice."),
            None,
        ],
    },
    DdatSkill {
        name: "Problem management",
        description: "Finding the causes behind recurring issues and making sure they get fixed.",
        levels: all([
            "Investigates problems and judges how serious they are.",
            "Looks for patterns behind problems and consults specialists on remedies.",
            "Coordinates the team to investigate, resolve and prevent problems.",
            "Anticipates problems and sets the organisation's approach to them.",
        ]),
    },
    DdatSkill {
        name: "Service focus",
        description: "Keeping every stage of a service in view, from design to live running.",
        levels: all([
            "Knows which products and services make up the estate.",
            "Brings inputs together into a workable service framework.",
            "Looks across groups of services to get the most from what they share.",
            "Keeps the full life cycle at the centre of service readiness.",
        ]),
    },
    DdatSkill {
        name: "Service management framework knowledge",
        description: "Knowing and applying an IT service management framework such as ITIL.",
        levels: all([
            "Holds an entry-level service management qualification.",
            "Applies the service management life cycle in day-to-day work.",
            "Holds an advanced service management qualification.",
            "Guides how the framework is put into practice across the organisation.",
        ]),
    },
    DdatSkill {
        name: "Technical specialism",
        description: "Deep knowledge of one technology area, as the role defines it.",
        levels: all([
            "Helps with routine technical support and upkeep.",
            "Uses management tools to investigate issues and report on performance.",
            "Writes procedures and sets standards for the technology's integrity and security.",
            "Anticipates where the technology is heading and plans how to support it.",
        ]),
    },
    DdatSkill {
        name: "Technical understanding",
        description: "Knowing the technologies a role depends on and keeping up with new ones.",
        levels: all([
            "Knows the subject area at a high level.",
            "Applies the role's core technical ideas with guidance.",
            "Understands the role's technology in depth and where it fits the wider landscape.",
            "Advises on technology changes that open up new opportunities.",
        ]),
    },
    DdatSkill {
        name: "Testing",
        description: "Checking with suitable tools and techniques that a product or service does what it should.",
        levels: all([
            "Runs test scripts under supervision.",
            "Defines test conditions from requirements and reports on testing.",
            "Plans system and acceptance testing and advises others on it.",
            "Manages testing within delivery and keeps deployment risk acceptable.",
        ]),
    },
];
