//! Ordering DDaT role levels most junior first.
//!
//! The exports list a role's levels alphabetically ("Associate business architect", "Business
//! architect", "Lead business architect", "Trainee business architect"), so the order, which
//! career paths and "next level" comparisons rely on, is derived from the names:
//!
//! 1. **Track.** Analyst levels come before manager and other levels of the same role
//!    ("Service desk analyst" < "Senior service desk analyst" < "Service desk manager"), and
//!    "Head of ...", "Chief ..." and "... director" levels come last.
//! 2. **Step** within a track, from the first seniority word in the name:
//!    trainee, apprentice (0) < junior, associate (1) < no word (2) < senior, major (3) <
//!    lead (4) < principal (5).
//! 3. **Management variant.** "Lead DevOps engineer - management" comes right after
//!    "Lead DevOps engineer".
//!
//! Levels that compare equal keep the export's order (the sort is stable).

/// Sort key of a role level; smaller is more junior.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Seniority {
    /// 0 analyst, 1 other, 2 head of profession.
    pub track: u8,
    pub step: u8,
    /// The "- management" variant of a level.
    pub management: bool,
}

/// The seniority of a role level, from its name alone.
pub fn seniority(level_name: &str) -> Seniority {
    let lower = level_name.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let head = words.first() == Some(&"head") || words.iter().any(|w| matches!(*w, "chief" | "director"));
    let track = if head {
        2
    } else if words.contains(&"analyst") {
        0
    } else {
        1
    };
    let step = words.iter().find_map(|w| step_word(w)).unwrap_or(2);
    Seniority { track, step, management: is_management_variant(level_name) }
}

fn step_word(word: &str) -> Option<u8> {
    match word {
        "trainee" | "apprentice" => Some(0),
        "junior" | "associate" => Some(1),
        "senior" | "major" => Some(3),
        "lead" => Some(4),
        "principal" => Some(5),
        _ => None,
    }
}

/// Whether the name ends with "- management" (any dash), the DDaT way of naming the
/// management role at a level that also has a technical one.
pub fn is_management_variant(level_name: &str) -> bool {
    technical_name_of(level_name).is_some()
}

/// "Lead DevOps engineer - management" -> "Lead DevOps engineer".
pub fn technical_name_of(level_name: &str) -> Option<&str> {
    let trimmed = level_name.trim_end();
    let cut = trimmed.len().checked_sub("management".len())?;
    let (base, suffix) = (trimmed.get(..cut)?, trimmed.get(cut..)?);
    if !suffix.eq_ignore_ascii_case("management") {
        return None;
    }
    let base = base.trim_end();
    let base = base.strip_suffix(['-', '–', '—'])?;
    Some(base.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<&str> = names.to_vec();
        names.sort_by_key(|n| seniority(n));
        names.into_iter().map(str::to_string).collect()
    }

    #[test]
    fn devops_levels_run_apprentice_to_principal_with_management_beside_technical() {
        // The export's (alphabetical) order.
        let export = [
            "Apprentice DevOps engineer",
            "DevOps engineer",
            "Junior DevOps engineer",
            "Lead DevOps engineer",
            "Lead DevOps engineer - management",
            "Principal DevOps engineer",
            "Principal DevOps engineer - management",
            "Senior DevOps engineer",
            "Senior DevOps engineer - management",
        ];
        assert_eq!(
            sorted(&export),
            [
                "Apprentice DevOps engineer",
                "Junior DevOps engineer",
                "DevOps engineer",
                "Senior DevOps engineer",
                "Senior DevOps engineer - management",
                "Lead DevOps engineer",
                "Lead DevOps engineer - management",
                "Principal DevOps engineer",
                "Principal DevOps engineer - management",
            ]
        );
    }

    #[test]
    fn head_of_profession_comes_last_and_trainee_first() {
        let export = [
            "Associate data scientist",
            "Data scientist",
            "Head of data science",
            "Lead data scientist",
            "Principal data scientist",
            "Trainee data scientist",
        ];
        assert_eq!(
            sorted(&export),
            [
                "Trainee data scientist",
                "Associate data scientist",
                "Data scientist",
                "Lead data scientist",
                "Principal data scientist",
                "Head of data science",
            ]
        );
    }

    #[test]
    fn analysts_come_before_managers_of_the_same_role() {
        let export =
            ["Head of service desk", "Senior service desk analyst", "Service desk analyst", "Service desk manager"];
        assert_eq!(
            sorted(&export),
            ["Service desk analyst", "Senior service desk analyst", "Service desk manager", "Head of service desk"]
        );
        let export = [
            "Head of command and control",
            "Operational control manager",
            "Operations analyst",
            "Senior operations analyst",
        ];
        assert_eq!(
            sorted(&export),
            [
                "Operations analyst",
                "Senior operations analyst",
                "Operational control manager",
                "Head of command and control"
            ]
        );
    }

    #[test]
    fn other_seniority_words() {
        assert!(seniority("Incident manager") < seniority("Major incident manager"));
        assert!(seniority("Data ethics lead") < seniority("Head of data ethics"));
        assert!(seniority("Senior data architect") < seniority("Chief data architect"));
        assert!(seniority("Data governance manager") < seniority("Lead data governance manager"));
        // Equal keys keep the export's order.
        assert_eq!(seniority("Service acceptance analyst"), seniority("Service readiness analyst"));
    }

    #[test]
    fn management_variants_are_recognised_with_any_dash() {
        assert_eq!(technical_name_of("Lead DevOps engineer - management"), Some("Lead DevOps engineer"));
        assert_eq!(technical_name_of("Lead developer – Management"), Some("Lead developer"));
        assert_eq!(technical_name_of("Head of (Agile) delivery management"), None);
        assert_eq!(technical_name_of("management"), None);
        assert_eq!(technical_name_of("ä"), None);
    }
}
