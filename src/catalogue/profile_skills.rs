//! Knowledge areas, behavioural skills and SFIA skills named by the seed role profiles.
//!
//! Names (and SFIA codes) are the profiles' facts; every description is our own one-line
//! summary. Knowledge areas are assessed on the depth scale, behavioural skills on the 1-4
//! behavioural scale, SFIA skills on the SFIA levels at which each skill is defined.

use crate::scale::Level;

/// "Technical Knowledge and Skills" of the profiles: (name, description).
pub(super) const TECHNICAL: &[(&str, &str)] = &[
    ("Application Systems", "Configuring and supporting the packaged and bespoke applications the organisation runs."),
    ("Application Development Tools", "Tools that automate or support parts of software development."),
    ("Configuration Management", "Keeping precise, current records of IT assets, components and their versions."),
    ("Programming Languages", "The languages and syntax used to turn a specification into working code."),
    (
        "Operational/Service Architecture",
        "How the organisation's infrastructure, applications and service processes fit together.",
    ),
    ("Structured Reviews", "Reviewing designs, plans and other key work products in a systematic way."),
    ("Software Testing Tools", "Tools that automate or support testing across its life cycle."),
    ("Middleware", "Platform software that connects applications to each other and to infrastructure."),
    ("DevOps", "Practices and culture that bring development and operations together to release often and safely."),
    ("Agile", "Iterative ways of working that deliver value in small, frequent increments."),
    (
        "Infrastructure Architecture",
        "The principles behind how networks, systems and resources are structured, on premises and in the cloud.",
    ),
    ("Operating Systems", "System software that manages hardware resources, input and output, and errors."),
    ("Telecommunications Protocols", "The rules that let network components work with each other."),
    ("Infrastructure Configuration", "How infrastructure components are set up and tuned."),
    (
        "Cloud/Virtualisation",
        "Running and securing workloads on virtual and cloud platforms, and the tools that manage them.",
    ),
    ("Equipment Installation", "Installing, testing and commissioning equipment and software in live environments."),
    (
        "Infrastructure/System Security",
        "Threats to infrastructure and the controls that prevent, detect and resolve them.",
    ),
];

/// "Other Knowledge and Skills" of the profiles: (name, description).
pub(super) const OTHER: &[(&str, &str)] = &[
    ("Appraisal Techniques", "Ways of assessing a person's performance and potential fairly."),
    ("Techniques for Effective Meetings", "Running meetings that reach decisions and use everyone's time well."),
    ("Coaching Techniques", "Helping individuals or groups improve through a balance of support and challenge."),
    ("Standards Writing Techniques", "Writing, publishing and maintaining standards."),
    ("Project Planning and Control Techniques", "Planning project work and tracking progress against the plan."),
    (
        "Own Organisation’s Learning and Development Procedures",
        "How learning and development is arranged in the organisation.",
    ),
    (
        "Resource Allocation",
        "Putting people and resources where they achieve most, and moving them as priorities change.",
    ),
    ("Performance Monitoring", "Agreeing objectives with people, tracking them and acting on under-performance."),
    ("Disciplinary Issues and Procedures", "Handling conduct or performance issues in line with policy and law."),
    ("Team Dynamics", "What shapes how a team behaves and performs, and how to strengthen it."),
    ("Presentation Techniques", "Giving clear, accessible presentations in person or online."),
    ("Operations Management", "Planning, resourcing and directing ongoing operational work."),
    ("Budgets", "Preparing and tracking budgets to get value for money."),
    ("Risk Management", "Assessing business and safety risks and deciding how to treat them."),
    (
        "Service Level Agreements",
        "What service agreements contain and how they relate to operational agreements and contracts.",
    ),
    (
        "Information Assurance",
        "Protecting the integrity, availability and confidentiality of data and managing the risks of handling it.",
    ),
];

/// "Behavioural Skills" of the profiles: (name, description). The profiles state no level.
pub(super) const BEHAVIOURAL: &[(&str, &str)] = &[
    ("Conceptual Thinking", "Spotting the patterns and root issues behind complicated problems."),
    ("Creativity", "Finding new and inventive ways to solve problems."),
    ("Attention to Detail", "Making sure work is accurate and complete."),
    ("Organisational Awareness", "Knowing how own and partner organisations work and who makes the decisions."),
    (
        "Cross-Functional and Inter-Disciplinary Awareness",
        "Understanding what other professions need and the limits they work within.",
    ),
    ("Interacting with People", "Building open, respectful relationships and adapting style to the audience."),
    (
        "Influence, Persuasion and Personal Impact",
        "Bringing others round with confidence, without relying on authority.",
    ),
    ("Teamwork", "Working with others towards a shared goal."),
    ("Leadership", "Setting clear goals and motivating others to reach them."),
    ("Providing Direction", "Making clear to others what to do and by when."),
    ("Delegation", "Handing over tasks and authority effectively."),
    ("Follow-up and Monitoring", "Tracking progress, dealing with exceptions and escalating when needed."),
    ("Improvisation", "Handling the unexpected quickly and turning it to advantage."),
];

/// An SFIA skill as the profiles name it, with the levels SFIA 8 defines it at.
pub(super) struct SfiaSkill {
    pub code: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub category: &'static str,
    pub subcategory: &'static str,
    pub levels: &'static [Level],
}

pub(super) const SFIA: &[SfiaSkill] = &[
    SfiaSkill {
        code: "TECH",
        name: "Technical specialism",
        description: "Being the go-to authority for advice in one technical field.",
        category: "Strategy and architecture",
        subcategory: "Advice and guidance",
        levels: &[4, 5, 6],
    },
    SfiaSkill {
        code: "DESN",
        name: "Systems design",
        description: "Designing systems that meet requirements within the agreed architecture.",
        category: "Development and implementation",
        subcategory: "Systems development",
        levels: &[2, 3, 4, 5, 6],
    },
    SfiaSkill {
        code: "PROG",
        name: "Programming/software development",
        description: "Designing, coding, testing and documenting software to agreed standards.",
        category: "Development and implementation",
        subcategory: "Systems development",
        levels: &[2, 3, 4, 5, 6],
    },
    SfiaSkill {
        code: "SINT",
        name: "Systems integration",
        description: "Planning and building the integration of components into working systems.",
        category: "Development and implementation",
        subcategory: "Systems development",
        levels: &[2, 3, 4, 5, 6],
    },
    SfiaSkill {
        code: "PBMG",
        name: "Problem management",
        description: "Managing problems from detection through to prevention.",
        category: "Delivery and operation",
        subcategory: "Service operation",
        levels: &[3, 4, 5],
    },
    SfiaSkill {
        code: "USUP",
        name: "Incident management",
        description: "Coordinating the response to incidents and restoring service quickly.",
        category: "Delivery and operation",
        subcategory: "Service operation",
        levels: &[2, 3, 4, 5],
    },
    SfiaSkill {
        code: "PEMT",
        name: "Performance management",
        description: "Improving how people and teams perform against agreed goals.",
        category: "Skills and quality",
        subcategory: "People management",
        levels: &[4, 5, 6],
    },
];
