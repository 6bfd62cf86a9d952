//! A realistic sample heatmap (people × DDaT-style skills in six groups) for tests and the
//! benchmark. It only uses the public API through `super::`, so `benches/charts.rs` includes this
//! file with `#[path]` after importing the same names.

use super::{ChartCell, ColumnGroup, HeatmapChart, LegendEntry, Rgb};

const PEOPLE: [&str; 20] = [
    "Asha Patel",
    "Ben Okafor",
    "Carys Jones",
    "Dev Sharma",
    "Eilidh Fraser",
    "Femi Adeyemi",
    "Grace Liu",
    "Hamza Qureshi",
    "Isla Murray",
    "Jonah Levi",
    "Kerry-Ann Brown",
    "Liam O'Connor",
    "Maya Singh",
    "Niamh Kelly",
    "Olu Bankole",
    "Priya Nair",
    "Rhys Evans",
    "Sofia Rossi",
    "Tomasz Nowak",
    "Zoë Williams",
];

const GROUPS: [(&str, [&str; 10]); 6] = [
    (
        "Technical",
        [
            "Cloud engineering",
            "Infrastructure as code",
            "Networking",
            "Linux systems",
            "Containers",
            "Kubernetes",
            "Observability",
            "Incident response",
            "Release management",
            "Capacity planning",
        ],
    ),
    (
        "Security",
        [
            "Threat modelling",
            "Secrets management",
            "Identity and access",
            "Vulnerability triage",
            "Secure pipelines",
            "Security monitoring",
            "Hardening",
            "Compliance as code",
            "Data protection",
            "Supply chain",
        ],
    ),
    (
        "Delivery",
        [
            "Agile working",
            "Continuous delivery",
            "Testing automation",
            "Change management",
            "Service ownership",
            "Estimation",
            "Risk management",
            "Stakeholder updates",
            "Roadmapping",
            "Dependency tracking",
        ],
    ),
    (
        "Data",
        [
            "SQL",
            "Data pipelines",
            "Metrics and SLOs",
            "Log analysis",
            "Dashboards",
            "Data modelling",
            "Data quality",
            "Backups and restore",
            "Cost reporting",
            "Capacity data",
        ],
    ),
    (
        "Practice",
        [
            "Code review",
            "Pairing",
            "Documentation",
            "Mentoring",
            "Technical writing",
            "Architecture",
            "Design reviews",
            "Prototyping",
            "Performance tuning",
            "Refactoring",
        ],
    ),
    (
        "Behaviours",
        [
            "Communicating",
            "Collaborating",
            "Leading",
            "Problem solving",
            "Ownership",
            "Learning",
            "Inclusion",
            "Resilience",
            "Influencing",
            "Coaching",
        ],
    ),
];

/// The sequential, colour-blind-safe blues used for levels 1-4, with a readable text colour.
pub const LEVELS: [(&str, &str, Rgb, Rgb); 4] = [
    ("1", "Awareness", Rgb(0xde, 0xeb, 0xf7), Rgb(0x0b, 0x0c, 0x0c)),
    ("2", "Working", Rgb(0x9e, 0xca, 0xe1), Rgb(0x0b, 0x0c, 0x0c)),
    ("3", "Practitioner", Rgb(0x42, 0x92, 0xc6), Rgb(0xff, 0xff, 0xff)),
    ("4", "Expert", Rgb(0x08, 0x45, 0x94), Rgb(0xff, 0xff, 0xff)),
];

/// A `rows` × `columns` skill-level heatmap (at most 20 × 60), deterministic: a person's level
/// comes from their row and column, and about one cell in seven is not assessed.
pub fn sample(rows: usize, columns: usize) -> HeatmapChart {
    let skills: Vec<String> = GROUPS.iter().flat_map(|(_, s)| s.iter().map(|s| s.to_string())).take(columns).collect();
    let groups = GROUPS
        .iter()
        .enumerate()
        .map(|(i, (title, _))| ColumnGroup::new(*title, columns.saturating_sub(i * 10).min(10)))
        .filter(|g| g.columns > 0)
        .collect();
    let cells = (0..rows).map(|r| (0..columns).map(|c| level_cell(r, c)).collect()).collect();
    HeatmapChart {
        title: "Platform team: skill levels".into(),
        subtitle: Some(format!("{rows} people × {columns} skills, latest assessments")),
        row_labels: PEOPLE.iter().take(rows).map(|p| p.to_string()).collect(),
        column_groups: groups,
        column_labels: skills,
        cells,
        legend_title: Some("Skill level".into()),
        legend: legend(),
        footnote: Some("Blank cells: not assessed. Levels on the DDaT scale, 1 Awareness to 4 Expert.".into()),
    }
}

fn level_cell(row: usize, column: usize) -> Option<ChartCell> {
    let seed = (row * 7 + column * 3 + row * column) % 15;
    if seed == 0 || seed == 8 {
        return None;
    }
    let (text, _, fill, ink) = LEVELS[(seed + row) % 4];
    Some(ChartCell::new(text, fill, ink))
}

fn legend() -> Vec<LegendEntry> {
    let mut entries: Vec<LegendEntry> = LEVELS.iter().map(|(t, l, f, i)| LegendEntry::new(*t, *l, *f, *i)).collect();
    entries.push(LegendEntry::new("", "Not assessed", Rgb(0xf3, 0xf2, 0xf1), Rgb(0x0b, 0x0c, 0x0c)));
    entries
}
