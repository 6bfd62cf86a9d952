//! What the seed role profiles add to three role levels beyond their DDaT skills: knowledge
//! areas with a depth, behavioural skills, SFIA skills, training, professional development
//! activities (PDAs) and qualifications.
//!
//! Titles, depths, SFIA levels and awarding bodies are the profiles' facts; the details of each
//! activity are our own one-line summaries.

use crate::scale::Level;

const AWARE_OF: Level = 1;
const FAMILIAR_WITH: Level = 2;
const PROFICIENT_IN: Level = 3;
const EXPERT_IN: Level = 4;

/// Extra content for one role level, named as in `roles.rs`.
pub(super) struct Profile {
    pub level: &'static str,
    /// Knowledge areas (technical or other) with the depth the profile expects.
    pub knowledge: &'static [(&'static str, Level)],
    /// Behavioural skills, expected without a stated level.
    pub behavioural: &'static [&'static str],
    /// SFIA codes with the level expected.
    pub sfia: &'static [(&'static str, Level)],
    pub training: &'static [&'static str],
    pub pdas: &'static [&'static str],
    pub qualifications: &'static [&'static str],
}

/// SFIA skills the Lead DevOps role definition lists, all at level 5.
const LEAD_DEVOPS_SFIA: &[(&str, Level)] =
    &[("TECH", 5), ("DESN", 5), ("PROG", 5), ("SINT", 5), ("PBMG", 5), ("USUP", 5)];

pub(super) const PROFILES: &[Profile] = &[
    Profile {
        level: "Lead DevOps engineer",
        knowledge: &[],
        behavioural: &[],
        sfia: LEAD_DEVOPS_SFIA,
        training: &[],
        pdas: &[],
        qualifications: &[],
    },
    Profile {
        level: "Lead DevOps engineer - management",
        knowledge: &[
            ("Application Systems", PROFICIENT_IN),
            ("Application Development Tools", EXPERT_IN),
            ("Configuration Management", PROFICIENT_IN),
            ("Programming Languages", EXPERT_IN),
            ("Operational/Service Architecture", PROFICIENT_IN),
            ("Structured Reviews", PROFICIENT_IN),
            ("Software Testing Tools", PROFICIENT_IN),
            ("Middleware", PROFICIENT_IN),
            ("DevOps", EXPERT_IN),
            ("Agile", EXPERT_IN),
            ("Appraisal Techniques", PROFICIENT_IN),
            ("Techniques for Effective Meetings", PROFICIENT_IN),
            ("Coaching Techniques", FAMILIAR_WITH),
            ("Standards Writing Techniques", FAMILIAR_WITH),
            ("Project Planning and Control Techniques", FAMILIAR_WITH),
            ("Own Organisation’s Learning and Development Procedures", FAMILIAR_WITH),
            ("Resource Allocation", PROFICIENT_IN),
            ("Performance Monitoring", PROFICIENT_IN),
            ("Disciplinary Issues and Procedures", FAMILIAR_WITH),
            ("Team Dynamics", FAMILIAR_WITH),
        ],
        behavioural: &[
            "Conceptual Thinking",
            "Creativity",
            "Attention to Detail",
            "Organisational Awareness",
            "Cross-Functional and Inter-Disciplinary Awareness",
            "Interacting with People",
            "Influence, Persuasion and Personal Impact",
            "Teamwork",
            "Leadership",
            "Providing Direction",
            "Delegation",
            "Follow-up and Monitoring",
        ],
        // The role definition adds performance management when the lead manages others.
        sfia: &[("TECH", 5), ("DESN", 5), ("PROG", 5), ("SINT", 5), ("PBMG", 5), ("USUP", 5), ("PEMT", 5)],
        training: &[
            "Corporate Policies, Standards, Procedures, Guidelines and Tools",
            "Software Configuration",
            "Coaching",
            "Career/Talent Development Methods and Tools",
            "Mentoring",
            "Security Awareness",
        ],
        pdas: &[
            "Deputising",
            "Job Shadowing and Special Assignments",
            "Project Assignments",
            "Mentoring",
            "Research Assignments",
            "Gaining Knowledge of Broader IT Issues",
            "Gaining Strategic Knowledge of Employing Organisation",
            "Participation in Professional Body Affairs",
            "Negotiating and Influencing",
            "Management Development",
        ],
        qualifications: &["Chartered IT Professional (CITP)", "FEDIP Advanced Practitioner", "EXIN DevOps Master"],
    },
    Profile {
        level: "Lead infrastructure operations engineer",
        knowledge: &[
            ("Infrastructure Architecture", PROFICIENT_IN),
            ("Operating Systems", PROFICIENT_IN),
            ("Programming Languages", PROFICIENT_IN),
            ("Telecommunications Protocols", PROFICIENT_IN),
            ("Operational/Service Architecture", PROFICIENT_IN),
            ("Middleware", PROFICIENT_IN),
            ("Infrastructure Configuration", PROFICIENT_IN),
            ("Cloud/Virtualisation", PROFICIENT_IN),
            ("Equipment Installation", EXPERT_IN),
            ("Infrastructure/System Security", PROFICIENT_IN),
            ("DevOps", PROFICIENT_IN),
            ("Presentation Techniques", FAMILIAR_WITH),
            ("Appraisal Techniques", FAMILIAR_WITH),
            ("Operations Management", FAMILIAR_WITH),
            ("Budgets", AWARE_OF),
            ("Risk Management", FAMILIAR_WITH),
            ("Techniques for Effective Meetings", FAMILIAR_WITH),
            ("Coaching Techniques", FAMILIAR_WITH),
            ("Project Planning and Control Techniques", AWARE_OF),
            ("Own Organisation’s Learning and Development Procedures", FAMILIAR_WITH),
            ("Resource Allocation", FAMILIAR_WITH),
            ("Service Level Agreements", FAMILIAR_WITH),
            ("Performance Monitoring", FAMILIAR_WITH),
            ("Disciplinary Issues and Procedures", FAMILIAR_WITH),
            ("Team Dynamics", AWARE_OF),
            ("Information Assurance", PROFICIENT_IN),
        ],
        behavioural: &[
            "Improvisation",
            "Attention to Detail",
            "Cross-Functional and Inter-Disciplinary Awareness",
            "Interacting with People",
            "Teamwork",
            "Providing Direction",
            "Follow-up and Monitoring",
        ],
        sfia: &[],
        training: &[
            "Programming Tools",
            "Stakeholder Relationship Management",
            "Coaching",
            "Data Protection and GDPR",
            "Networking Protocols",
            "Software Security and Vulnerability Assessment",
            "Mentoring",
            "Security Awareness",
            "Health and Safety",
        ],
        pdas: &[
            "Deputising",
            "Job Shadowing and Special Assignments",
            "Research Assignments",
            "Gaining Knowledge of Activities of Employing Organisation",
            "Gaining Knowledge of IT Concepts and Techniques",
            "Participation in Professional Body Affairs",
            "Negotiating and Influencing",
        ],
        qualifications: &[
            "Registered IT Technician (RITTech)",
            "IT Apprenticeship – Network engineer (ST0127, Level 4)",
            "FEDIP Advanced Practitioner",
        ],
    },
];

/// Training activities: (title, details).
pub(super) const TRAINING: &[(&str, &str)] = &[
    (
        "Corporate Policies, Standards, Procedures, Guidelines and Tools",
        "The organisation's policies and standards and the tools used every day.",
    ),
    ("Software Configuration", "Installing, configuring and tuning system and application software."),
    ("Coaching", "Coaching models, such as GROW, for helping individuals and groups develop."),
    (
        "Career/Talent Development Methods and Tools",
        "How the organisation's career frameworks and talent programmes work.",
    ),
    ("Mentoring", "How to mentor colleagues with less experience."),
    ("Security Awareness", "Everyone's part in preventing security breaches and limiting their harm."),
    ("Programming Tools", "The languages, tools and system facilities used in development work."),
    ("Stakeholder Relationship Management", "Building and keeping strong relationships with different stakeholders."),
    ("Data Protection and GDPR", "Data protection law and how to comply with it."),
    ("Networking Protocols", "How network components talk to each other."),
    ("Software Security and Vulnerability Assessment", "Finding, rating and prioritising weaknesses in systems."),
    ("Health and Safety", "Workplace safety law and building a safe working culture."),
];

/// Professional development activities: (title, details).
pub(super) const PDAS: &[(&str, &str)] = &[
    ("Deputising", "Covering for a manager while they are away."),
    ("Job Shadowing and Special Assignments", "Short placements in other roles for a fresh perspective on own work."),
    ("Project Assignments", "Joining a cross-disciplinary project or working group on a specific problem."),
    ("Mentoring", "Mentoring colleagues outside own reporting line."),
    ("Research Assignments", "Investigating a topic outside normal duties and presenting what was found."),
    (
        "Gaining Knowledge of Broader IT Issues",
        "Keeping up with wider IT developments through reading, events and study.",
    ),
    (
        "Gaining Strategic Knowledge of Employing Organisation",
        "Understanding the organisation's environment, policies and direction.",
    ),
    ("Participation in Professional Body Affairs", "Taking an active part in a professional body."),
    ("Negotiating and Influencing", "Learning and practising negotiation and influence."),
    (
        "Management Development",
        "Building management skills such as finance, people and change, perhaps on a formal programme.",
    ),
    (
        "Gaining Knowledge of Activities of Employing Organisation",
        "Learning about the full range of the organisation's work.",
    ),
    ("Gaining Knowledge of IT Concepts and Techniques", "Studying IT concepts and techniques outside own area."),
];

/// Qualifications: (title, awarding body, details).
pub(super) const QUALIFICATIONS: &[(&str, &str, &str)] = &[
    (
        "Chartered IT Professional (CITP)",
        "BCS – The Chartered Institute for IT",
        "Chartered status recognising experienced IT professionals.",
    ),
    (
        "FEDIP Advanced Practitioner",
        "FEDIP",
        "Professional registration for experienced practitioners in health and care informatics.",
    ),
    ("EXIN DevOps Master", "Exin", "A certification covering DevOps principles and their practice."),
    (
        "Registered IT Technician (RITTech)",
        "BCS – The Chartered Institute for IT",
        "Professional registration for IT technicians.",
    ),
    (
        "IT Apprenticeship – Network engineer (ST0127, Level 4)",
        "Institute for Apprenticeships",
        "The apprenticeship standard for network engineers.",
    ),
];
