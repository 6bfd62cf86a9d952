//! Splitting a role profile's lines into its components ("Summary", "Knowledge/Skills",
//! "Training Activities", "PDAs", "Qualifications", "Organisation Skills", ...) and the
//! short DDaT form ("Software development role: ...", "Role level: ...", "Skill: ...").

use super::lines::Line;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// Before the first heading: the title.
    Preamble,
    Summary,
    Background,
    WorkActivities,
    Knowledge,
    Training,
    Pdas,
    Qualifications,
    OrganisationSkills,
    /// "Skills Framework for the Information Age".
    Sfia,
    /// Job adverts' "About the role": the summary when there is no Summary.
    AboutRole,
    /// "Software development role: Development operations (DevOps) engineer".
    RoleIntro,
    /// "Role level: Lead DevOps engineer".
    LevelIntro,
    /// "Skill: Availability and capacity management".
    DdatSkill,
    /// A heading we know but take nothing from ("About the organisation", "Appendix", ...).
    Other,
}

/// A component: its heading line (if any), the text after the heading's colon for the short
/// DDaT form, and its lines.
#[derive(Debug)]
pub struct Section<'a> {
    pub kind: SectionKind,
    pub heading: Option<&'a Line>,
    /// "Software development" for "Software development role: ...", the level or skill name
    /// for "Role level: ..." and "Skill: ...".
    pub label: Option<String>,
    /// The role name of "Software development role: Development operations (DevOps) engineer".
    pub value: Option<String>,
    pub lines: Vec<&'a Line>,
}

impl Section<'_> {
    /// The heading text, for listing what was not understood.
    pub fn name(&self) -> Option<String> {
        self.heading.map(|h| h.text.clone())
    }
}

/// Splits the lines into sections. Table headers ("Title Depth Details Type", or the cells
/// "Title", "Depth", ... one per line) are dropped: they say nothing beyond the section.
pub fn split(lines: &[Line]) -> Vec<Section<'_>> {
    let mut sections =
        vec![Section { kind: SectionKind::Preamble, heading: None, label: None, value: None, lines: Vec::new() }];
    let headers = header_mask(lines);
    for (line, is_header) in lines.iter().zip(headers) {
        if let Some(section) = opening(line, sections.last().map(|s| s.kind)) {
            let current = sections.last().expect("there is always a section");
            let continues = section.kind == current.kind && current.lines.is_empty() && section.label.is_none();
            if !continues {
                sections.push(section);
            }
            continue;
        }
        if is_header {
            continue;
        }
        sections.last_mut().expect("there is always a section").lines.push(line);
    }
    sections
}

/// The section a line opens, if it is a heading.
fn opening(line: &Line, current: Option<SectionKind>) -> Option<Section<'_>> {
    let section = |kind| Some(Section { kind, heading: Some(line), label: None, value: None, lines: Vec::new() });
    if let Some(kind) = heading_kind(&line.text) {
        return section(kind);
    }
    let (before, after) = line.bare().split_once(':')?;
    let after = after.trim();
    let lower = before.trim().to_lowercase();
    if after.is_empty() {
        return None;
    }
    let labelled = |kind, label: String, value: Option<String>| {
        Some(Section { kind, heading: Some(line), label: Some(label), value, lines: Vec::new() })
    };
    if lower == "skill" {
        return labelled(SectionKind::DdatSkill, after.to_string(), None);
    }
    if lower == "role level" {
        return labelled(SectionKind::LevelIntro, after.to_string(), None);
    }
    let family = before.trim().strip_suffix(" role").or_else(|| before.trim().strip_suffix(" Role"))?;
    let preamble = matches!(current, Some(SectionKind::Preamble));
    (preamble && family.split_whitespace().count() <= 5).then(|| Section {
        kind: SectionKind::RoleIntro,
        heading: Some(line),
        label: Some(family.trim().to_string()),
        value: Some(after.to_string()),
        lines: Vec::new(),
    })
}

/// The section a heading line opens.
pub fn heading_kind(text: &str) -> Option<SectionKind> {
    let key = text.trim().trim_end_matches(':').trim().to_lowercase().replace('’', "'");
    Some(match key.as_str() {
        "summary" => SectionKind::Summary,
        "background" | "background components" => SectionKind::Background,
        "work activity components" | "work activities" => SectionKind::WorkActivities,
        "knowledge/skills" | "knowledge/skills components" | "knowledge and skills" => SectionKind::Knowledge,
        "training activities" | "training components" => SectionKind::Training,
        "pdas" | "pda components" | "professional development activities" => SectionKind::Pdas,
        "qualifications" | "qualification components" => SectionKind::Qualifications,
        "organisation skills" | "organization skills" => SectionKind::OrganisationSkills,
        "skills framework for the information age" | "sfia skills" => SectionKind::Sfia,
        "about the role" => SectionKind::AboutRole,
        "about the organisation"
        | "about the organization"
        | "about digital data and technology"
        | "what you'll do day-to-day"
        | "you will be someone who"
        | "you will have the following skills and experience"
        | "who you'll work with"
        | "capabilities and competencies"
        | "appendix"
        | "give feedback" => SectionKind::Other,
        _ => return None,
    })
}

/// Which lines are table headers: a line of column names ("Title Depth Details Type",
/// "Framework » Organisation"), or a column name alone on its line next to another (the cells
/// of a header row, one per line).
fn header_mask(lines: &[Line]) -> Vec<bool> {
    let cells: Vec<(bool, usize)> = lines.iter().map(|l| column_names(&l.text)).collect();
    (0..lines.len())
        .map(|i| {
            let (names, words) = cells[i];
            let neighbour = |j: Option<usize>| j.and_then(|j| cells.get(j)).is_some_and(|c| c.0);
            names && (words >= 2 || neighbour(i.checked_sub(1)) || neighbour(i.checked_add(1)))
        })
        .collect()
}

/// Whether a line is made only of column names, and how many words it has.
fn column_names(text: &str) -> (bool, usize) {
    const WORDS: [&str; 17] = [
        "title",
        "details",
        "depth",
        "type",
        "description",
        "background",
        "awarding",
        "body",
        "skill",
        "name",
        "and",
        "level",
        "framework",
        "organisation",
        "category",
        "subcategory",
        "»",
    ];
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    (!words.is_empty() && words.iter().all(|w| WORDS.contains(&w.as_str())), words.len())
}

/// A single line made of column names, for tests.
#[cfg(test)]
fn is_table_header(text: &str) -> bool {
    let (names, words) = column_names(text);
    names && words >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::role_profile::lines::to_lines;

    fn kinds(text: &str) -> Vec<(SectionKind, Option<String>, usize)> {
        let lines = to_lines(text);
        split(&lines).into_iter().map(|s| (s.kind, s.label, s.lines.len())).collect()
    }

    #[test]
    fn headings_open_sections_and_repeated_headings_continue_them() {
        let text = "Lead X\nSummary\nA lead.\nKnowledge/Skills\nKnowledge/Skills Components\nTitle Depth Details Type\nAgile\nExpert in\n";
        assert_eq!(
            kinds(text),
            [(SectionKind::Preamble, None, 1), (SectionKind::Summary, None, 1), (SectionKind::Knowledge, None, 2)]
        );
    }

    #[test]
    fn the_short_ddat_form_has_labelled_sections() {
        let text = "Software development role: DevOps engineer\n- Commonly\nRole level: Lead DevOps engineer\n- A lead\nSkill: Prototyping\n- iterate\n";
        assert_eq!(
            kinds(text),
            [
                (SectionKind::Preamble, None, 0),
                (SectionKind::RoleIntro, Some("Software development".into()), 1),
                (SectionKind::LevelIntro, Some("Lead DevOps engineer".into()), 1),
                (SectionKind::DdatSkill, Some("Prototyping".into()), 1),
            ]
        );
    }

    #[test]
    fn header_cells_one_per_line_are_dropped_in_runs_only() {
        let text = "Knowledge/Skills\n<td>Title</td><td>Depth</td>\nAgile\nExpert in\nTechnical\n";
        let lines = to_lines(&format!("<table>{text}</table>"));
        let sections = split(&lines);
        let texts: Vec<&str> = sections[1].lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Agile", "Expert in", "Technical"]);
        let lines = to_lines("Training Activities\nTitle\nMentoring support.\n");
        assert_eq!(split(&lines)[1].lines.len(), 2, "a lone column name is content");
    }

    #[test]
    fn table_headers_are_recognised_but_content_is_not() {
        assert!(is_table_header("Title Depth Details Type"));
        assert!(is_table_header("Framework » Organisation Category » Subcategory"));
        assert!(is_table_header("Description Background"));
        assert!(!is_table_header("Title"));
        assert!(!is_table_header("Coaching Techniques"));
    }
}
