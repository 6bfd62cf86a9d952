//! Reading the items of each component of a role profile. Each reader takes the section's lines
//! and returns the items it understood and the lines it did not.

use super::lines::Line;
use super::{ProfileDdatSkill, ProfileKnowledge, ProfileQualification, ProfileSfiaSkill, TitledText};
use crate::framework::SkillKind;
use crate::scale::{Level, Scale};

/// Lines a reader could not place.
pub type Leftover<'a> = Vec<&'a Line>;

/// "Proficient in" -> 3, on the knowledge-depth scale. Only the exact names count, so a line of
/// details that happens to start with a number is never taken for a depth.
pub fn depth(text: &str) -> Option<Level> {
    Scale::Depth.levels().find(|&l| Scale::Depth.level_name(l).is_some_and(|n| n.eq_ignore_ascii_case(text.trim())))
}

/// The kind named by a knowledge item's Type cell.
pub fn knowledge_type(text: &str) -> Option<SkillKind> {
    match text.trim().to_lowercase().as_str() {
        "behavioural skills" | "behavioural" | "behavioral skills" | "behavioral" => Some(SkillKind::Behavioural),
        "technical knowledge and skills" | "technical knowledge" | "technical skills" | "technical" => {
            Some(SkillKind::Technical)
        }
        "other knowledge and skills" | "other knowledge" | "other skills" | "other" => Some(SkillKind::Other),
        _ => None,
    }
}

/// Knowledge/Skills items: a title, a depth (not for behavioural skills), details, and the
/// Type, which closes the item.
pub fn knowledge<'a>(lines: &[&'a Line]) -> (Vec<ProfileKnowledge>, Leftover<'a>) {
    let mut items = Vec::new();
    let mut leftover = Vec::new();
    let mut pending: Vec<&Line> = Vec::new();
    for &line in lines {
        let Some(kind) = knowledge_type(&line.text) else {
            pending.push(line);
            continue;
        };
        let Some((title, rest)) = pending.split_first() else {
            leftover.push(line);
            continue;
        };
        let (depth, details) = match rest.split_first() {
            Some((first, details)) if depth(&first.text).is_some() => (depth(&first.text), details),
            _ => (None, rest),
        };
        items.push(ProfileKnowledge {
            line: title.number,
            name: title.bare().to_string(),
            kind,
            type_label: line.text.clone(),
            depth,
            details: join(details),
        });
        pending.clear();
    }
    leftover.extend(pending);
    (items, leftover)
}

/// Alternating (title, details) items: training activities, PDAs, work activities. A line that
/// cannot be a title (long, or a sentence) where a title is expected continues the details.
pub fn titled<'a>(lines: &[&'a Line]) -> (Vec<TitledText>, Leftover<'a>) {
    let mut items: Vec<TitledText> = Vec::new();
    let mut leftover = Vec::new();
    let mut expecting_details = false;
    for &line in lines {
        if expecting_details {
            if let Some(item) = items.last_mut() {
                item.details = line.bare().to_string();
            }
            expecting_details = false;
        } else if looks_like_title(line.bare()) {
            items.push(TitledText { line: line.number, title: line.bare().to_string(), details: String::new() });
            expecting_details = true;
        } else if let Some(item) = items.last_mut() {
            item.details = format!("{} {}", item.details, line.bare()).trim().to_string();
        } else {
            leftover.push(line);
        }
    }
    (items, leftover)
}

/// The Background component: (text, label) pairs, the label naming what the text is
/// ("Prior Knowledge and Skills").
pub fn background<'a>(lines: &[&'a Line]) -> (Vec<TitledText>, Leftover<'a>) {
    let mut items = Vec::new();
    let mut leftover = Vec::new();
    let mut text: Option<&Line> = None;
    for &line in lines {
        match text.take() {
            Some(details) if looks_like_title(line.bare()) => items.push(TitledText {
                line: details.number,
                title: line.bare().to_string(),
                details: details.bare().to_string(),
            }),
            Some(details) => {
                leftover.push(details);
                text = Some(line);
            }
            None => text = Some(line),
        }
    }
    leftover.extend(text);
    (items, leftover)
}

/// A short label, not a sentence: at most 12 words and 90 characters, not ending with a full stop.
pub fn looks_like_title(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && text.chars().count() <= 90 && text.split_whitespace().count() <= 12 && !text.ends_with('.')
}

/// Qualifications: (title, awarding body) pairs.
pub fn qualifications(lines: &[&Line]) -> Vec<ProfileQualification> {
    lines
        .chunks(2)
        .map(|pair| ProfileQualification {
            line: pair[0].number,
            title: pair[0].bare().to_string(),
            awarding_body: pair.get(1).map(|l| l.bare().to_string()),
        })
        .collect()
}

/// Organisation Skills: for each skill a "DDaT » IT Operations Job Family" line, the name (with
/// its description on the same line in pipe tables), the description, "3 – Practitioner" (with
/// the level's description on the same line in pipe tables) and the level's description.
pub fn organisation_skills<'a>(lines: &[&'a Line]) -> (Vec<ProfileDdatSkill>, Leftover<'a>) {
    #[derive(PartialEq)]
    enum Expect {
        Name,
        DescriptionOrLevel,
        LevelDescription,
        Nothing,
    }
    let mut items: Vec<ProfileDdatSkill> = Vec::new();
    let mut leftover = Vec::new();
    let mut expect = Expect::Nothing;
    for &line in lines {
        let text = line.bare();
        if text.contains('»') {
            items.push(ProfileDdatSkill {
                line: line.number,
                category: Some(text.to_string()),
                ..ProfileDdatSkill::default()
            });
            expect = Expect::Name;
            continue;
        }
        let Some(item) = items.last_mut().filter(|_| expect != Expect::Nothing) else {
            leftover.push(line);
            continue;
        };
        match expect {
            Expect::Name => {
                let (name, description) = split_name_and_description(text);
                let (group, name) = split_group(name);
                (item.line, item.group, item.name, item.description) = (line.number, group, name, description);
                expect = Expect::DescriptionOrLevel;
            }
            Expect::DescriptionOrLevel => match level_line(text) {
                Some((level, rest)) => {
                    item.level = Some(level);
                    item.level_description = rest.clone();
                    expect = if rest.is_empty() { Expect::LevelDescription } else { Expect::Nothing };
                }
                None => item.description = format!("{} {text}", item.description).trim().to_string(),
            },
            Expect::LevelDescription => {
                item.level_description = text.to_string();
                expect = Expect::Nothing;
            }
            Expect::Nothing => {}
        }
    }
    (items, leftover)
}

/// "IT Ops – Change management You can manage ..." -> ("IT Ops – Change management", "You can
/// manage ..."): DDaT descriptions start with "You".
fn split_name_and_description(text: &str) -> (&str, String) {
    match text.find(" You ") {
        Some(i) => (text[..i].trim(), text[i..].trim().to_string()),
        None => (text, String::new()),
    }
}

/// "IT Ops – Change management" -> (Some("IT Ops"), "Change management"). The part before the
/// dash is the job family's label that role-profile pages put before DDaT skill names.
pub fn split_group(name: &str) -> (Option<String>, String) {
    for dash in [" – ", " — ", " - "] {
        if let Some((group, skill)) = name.split_once(dash) {
            if !group.trim().is_empty() && !skill.trim().is_empty() {
                return (Some(group.trim().to_string()), skill.trim().to_string());
            }
        }
    }
    (None, name.trim().to_string())
}

/// "3 – Practitioner" or "2 – Working You can ..." -> (level, the rest).
pub fn level_line(text: &str) -> Option<(Level, String)> {
    let mut chars = text.trim().chars();
    let level = chars.next()?.to_digit(10).and_then(|d| Level::try_from(d).ok())?;
    let rest = chars.as_str().trim_start();
    let rest = rest.strip_prefix(['–', '-', '—'])?.trim_start();
    let name = Scale::Ddat.level_name(level)?;
    let head = rest.get(..name.len())?;
    if !head.eq_ignore_ascii_case(name) {
        return None;
    }
    let tail = &rest[name.len()..];
    if tail.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some((level, tail.trim().to_string()))
}

/// "Systems Design (DESN) – Level 5" and "Performance Management (PEMT) – Level 5 (if managing
/// others)": name, code, level and the note after it.
pub fn sfia_line(text: &str) -> Option<(String, String, Level, Option<String>)> {
    let text = text.trim();
    for (open, _) in text.match_indices('(') {
        let after = &text[open + 1..];
        // A code is at most 6 characters: look no further than that for its `)`.
        let Some(close) = after.as_bytes().iter().take(8).position(|&b| b == b')') else {
            continue;
        };
        let code = &after[..close];
        let is_code =
            (2..=6).contains(&code.len()) && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        let rest = after[close + 1..].trim_start().trim_start_matches(['–', '-', '—', ':']).trim_start();
        let Some(level_text) =
            rest.get(..5).filter(|l| l.eq_ignore_ascii_case("level")).map(|_| rest[5..].trim_start())
        else {
            continue;
        };
        let digits: String = level_text.chars().take_while(char::is_ascii_digit).collect();
        let Some(level) = digits.parse::<Level>().ok().filter(|&l| Scale::Sfia.contains(l)) else {
            continue;
        };
        if !is_code {
            continue;
        }
        let note = level_text[digits.len()..].trim().trim_start_matches('(').trim_end_matches(')').trim();
        let name = text[..open].trim();
        let name = if name.is_empty() { code } else { name };
        return Some((name.to_string(), code.to_string(), level, (!note.is_empty()).then(|| note.to_string())));
    }
    None
}

/// The "Skills Framework for the Information Age" component: SFIA skill lines under category
/// and subcategory lines. Bulleted lines that are not skills are subcategories, other lines
/// categories; "Other desirable skills" marks the skills after it as desirable.
pub fn sfia_section<'a>(lines: &[&'a Line]) -> (Vec<ProfileSfiaSkill>, Leftover<'a>) {
    let mut skills = Vec::new();
    let (mut category, mut subcategory): (Option<String>, Option<String>) = (None, None);
    let mut desirable = false;
    let mut after_skill = false;
    for &line in lines {
        let text = line.bare().trim_end_matches(':').trim();
        if let Some(skill) = sfia_skill(line, category.clone(), subcategory.clone(), desirable) {
            skills.push(skill);
            after_skill = true;
            continue;
        }
        if text.to_lowercase().contains("desirable") {
            desirable = true;
        } else if line.is_bullet() || (category.is_some() && subcategory.is_none() && !after_skill) {
            subcategory = Some(text.to_string());
        } else {
            (category, subcategory) = (Some(text.to_string()), None);
        }
        after_skill = false;
    }
    (skills, Vec::new())
}

/// A SFIA skill line anywhere in a profile.
pub fn sfia_skill(
    line: &Line,
    category: Option<String>,
    subcategory: Option<String>,
    desirable: bool,
) -> Option<ProfileSfiaSkill> {
    let (name, code, level, note) = sfia_line(line.bare())?;
    Some(ProfileSfiaSkill { line: line.number, code, name, level: Some(level), category, subcategory, desirable, note })
}

/// Lines joined into one paragraph.
pub fn join(lines: &[&Line]) -> String {
    lines.iter().map(|l| l.bare()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::role_profile::lines::to_lines;

    fn lines(text: &str) -> Vec<Line> {
        to_lines(text)
    }

    #[test]
    fn depths_are_exact_names_only() {
        assert_eq!(depth("Proficient in"), Some(3));
        assert_eq!(depth("expert in"), Some(4));
        assert_eq!(depth("3 things to know"), None);
        assert_eq!(depth("Expert"), None);
    }

    #[test]
    fn level_lines_with_and_without_descriptions() {
        assert_eq!(level_line("3 – Practitioner"), Some((3, String::new())));
        assert_eq!(
            level_line("2 – Working You can interact with code."),
            Some((2, "You can interact with code.".into()))
        );
        assert_eq!(level_line("4 - Expert"), Some((4, String::new())));
        assert_eq!(level_line("3 – Expert"), None);
        assert_eq!(level_line("3 – Practitioners"), None);
        assert_eq!(level_line("3 things"), None);
    }

    #[test]
    fn sfia_lines_give_name_code_level_and_note() {
        assert_eq!(
            sfia_line("Systems Design (DESN) – Level 5"),
            Some(("Systems Design".into(), "DESN".into(), 5, None))
        );
        assert_eq!(
            sfia_line("Performance Management (PEMT) – Level 5 (if managing others)"),
            Some(("Performance Management".into(), "PEMT".into(), 5, Some("if managing others".into())))
        );
        assert_eq!(
            sfia_line("Programming/Software Development (PROG) – Level 5"),
            Some(("Programming/Software Development".into(), "PROG".into(), 5, None))
        );
        assert_eq!(sfia_line("Chartered IT Professional (CITP)"), None);
        assert_eq!(sfia_line("Thing (ABC) – Level 9"), None);
    }

    #[test]
    fn groups_are_split_from_skill_names() {
        assert_eq!(split_group("IT Ops – Change management"), (Some("IT Ops".into()), "Change management".into()));
        assert_eq!(split_group("Prototyping"), (None, "Prototyping".into()));
    }

    #[test]
    fn knowledge_items_end_at_their_type() {
        let lines = lines("Teamwork\nWorking together.\nBehavioural\nAgile\nExpert in\nA collection of methods.\nTechnical Knowledge and Skills\nDangling\n");
        let refs: Vec<&Line> = lines.iter().collect();
        let (items, leftover) = knowledge(&refs);
        let summary: Vec<(&str, SkillKind, Option<Level>, &str)> =
            items.iter().map(|i| (i.name.as_str(), i.kind, i.depth, i.details.as_str())).collect();
        assert_eq!(
            summary,
            [
                ("Teamwork", SkillKind::Behavioural, None, "Working together."),
                ("Agile", SkillKind::Technical, Some(4), "A collection of methods.")
            ]
        );
        assert_eq!(leftover.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["Dangling"]);
    }

    #[test]
    fn titled_items_alternate_and_sentences_continue_details() {
        let lines = lines("Coaching\nConcepts of coaching.\nMore about coaching.\nMentoring\nSupport for others.\n");
        let refs: Vec<&Line> = lines.iter().collect();
        let (items, leftover) = titled(&refs);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].details, "Concepts of coaching. More about coaching.");
        assert_eq!((items[1].title.as_str(), items[1].line), ("Mentoring", 4));
        assert!(leftover.is_empty());
    }

    #[test]
    fn organisation_skills_in_pipe_form() {
        let text = "DDaT » IT Operations Job Family |\nIT Ops – Change management You can manage changes. |\n3 – Practitioner You can deal with complex change. |\n";
        let lines = lines(text);
        let refs: Vec<&Line> = lines.iter().collect();
        let (items, leftover) = organisation_skills(&refs);
        assert!(leftover.is_empty());
        let item = &items[0];
        assert_eq!(item.group.as_deref(), Some("IT Ops"));
        assert_eq!(item.name, "Change management");
        assert_eq!(item.description, "You can manage changes.");
        assert_eq!(item.level, Some(3));
        assert_eq!(item.level_description, "You can deal with complex change.");
        assert_eq!(item.category.as_deref(), Some("DDaT » IT Operations Job Family"));
    }
}
