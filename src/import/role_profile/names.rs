//! Working out the role, role level and family a profile describes.
//!
//! Profiles name them in different ways: a title line ("Lead DevOps Engineer – Management",
//! "Lead DevOps Role Definition"), the short DDaT form ("Role level: Lead DevOps engineer"), or
//! not at all, when only the summary says "A lead infrastructure operations engineer ensures
//! ...". The role is the level name without its seniority word ("Lead DevOps Engineer" ->
//! "DevOps Engineer"); the family comes from the Organisation Skills' categories ("DDaT » IT
//! Operations Job Family" -> "IT Operations"). The user confirms or corrects all of them in the
//! preview.

/// Nouns that end a job title in a sentence ("A lead infrastructure operations engineer ...").
const JOB_NOUNS: [&str; 21] = [
    "engineer",
    "developer",
    "architect",
    "analyst",
    "manager",
    "designer",
    "researcher",
    "scientist",
    "specialist",
    "officer",
    "owner",
    "tester",
    "writer",
    "administrator",
    "consultant",
    "technician",
    "strategist",
    "evaluator",
    "ethicist",
    "lead",
    "head",
];

const SENIORITY: [&str; 7] = ["trainee", "apprentice", "junior", "associate", "senior", "lead", "principal"];

const TITLE_SUFFIXES: [&str; 6] =
    ["role definition", "role profile", "role description", "job description", "job profile", "profile"];

/// "Lead DevOps Engineer – Management" -> ("Lead DevOps Engineer", Some("management"));
/// "Lead DevOps Role Definition" -> ("Lead DevOps", None).
pub fn from_title(title: &str) -> (String, Option<String>) {
    let title = title.trim();
    let (name, role_type) = split_role_type(title);
    let name = TITLE_SUFFIXES
        .iter()
        .find_map(|s| strip_suffix_ignore_case(name, s).filter(|rest| !rest.trim().is_empty()))
        .map_or(name, str::trim_end);
    (name.to_string(), role_type)
}

/// `text` without `suffix` at its end, compared without regard to ASCII case.
fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    text.get(cut..)?.eq_ignore_ascii_case(suffix).then(|| &text[..cut])
}

fn split_role_type(title: &str) -> (&str, Option<String>) {
    for dash in [" – ", " - ", " — "] {
        if let Some((name, suffix)) = title.rsplit_once(dash) {
            let suffix = suffix.trim().to_lowercase();
            if suffix == "management" || suffix == "technical" {
                return (name.trim(), Some(suffix));
            }
        }
    }
    (title, None)
}

/// "Lead DevOps Engineer" -> "DevOps Engineer"; "Head of data science" -> "Data science".
pub fn role_from_level(level: &str) -> String {
    let words: Vec<&str> = level.split_whitespace().collect();
    let skip = match words.first().map(|w| w.to_lowercase()) {
        Some(w) if w == "head" && words.get(1).is_some_and(|w| w.eq_ignore_ascii_case("of")) => 2,
        Some(w) if SENIORITY.contains(&w.as_str()) => 1,
        _ => 0,
    };
    let rest = words[skip.min(words.len())..].join(" ");
    if rest.is_empty() {
        level.trim().to_string()
    } else {
        capitalise(&rest)
    }
}

/// The level named by a summary's first sentence: "A lead infrastructure operations engineer
/// ensures ..." -> "Lead infrastructure operations engineer".
pub fn level_from_summary(summary: &str) -> Option<String> {
    let first = summary.lines().next()?.trim().trim_start_matches("- ");
    let words: Vec<&str> = first.split_whitespace().collect();
    let article = words.first()?.to_lowercase();
    if article != "a" && article != "an" {
        return None;
    }
    let title = &words[1..];
    let end = title.iter().enumerate().skip(1).take(8).find(|(_, w)| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        JOB_NOUNS.contains(&w.as_str())
    })?;
    Some(capitalise(&title[..=end.0].join(" ")))
}

/// "DDaT » IT Operations Job Family" -> "IT Operations".
pub fn family_from_category(category: &str) -> Option<String> {
    let last = category.rsplit('»').next()?.trim();
    let name = strip_suffix_ignore_case(last, "job family").map_or(last, str::trim_end);
    (!name.is_empty()).then(|| name.to_string())
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_give_the_level_and_role_type() {
        assert_eq!(
            from_title("Lead DevOps Engineer – Management"),
            ("Lead DevOps Engineer".into(), Some("management".into()))
        );
        assert_eq!(from_title("Lead DevOps Role Definition"), ("Lead DevOps".into(), None));
        assert_eq!(from_title("Data engineer - technical"), ("Data engineer".into(), Some("technical".into())));
        assert_eq!(from_title("Profile"), ("Profile".into(), None));
    }

    #[test]
    fn roles_drop_the_seniority_word() {
        assert_eq!(role_from_level("Lead DevOps Engineer"), "DevOps Engineer");
        assert_eq!(role_from_level("Lead infrastructure operations engineer"), "Infrastructure operations engineer");
        assert_eq!(role_from_level("Head of data science"), "Data science");
        assert_eq!(role_from_level("Lead"), "Lead");
        assert_eq!(role_from_level("Developer"), "Developer");
    }

    #[test]
    fn summaries_name_the_level_in_their_first_sentence() {
        let summary = "A lead infrastructure operations engineer ensures the service is met.\nAt this role level";
        assert_eq!(level_from_summary(summary).as_deref(), Some("Lead infrastructure operations engineer"));
        assert_eq!(level_from_summary("A Lead DevOps works on a large project").as_deref(), None);
        assert_eq!(level_from_summary("The team builds things").as_deref(), None);
        assert_eq!(level_from_summary("").as_deref(), None);
    }

    #[test]
    fn families_come_from_categories() {
        assert_eq!(family_from_category("DDaT » IT Operations Job Family").as_deref(), Some("IT Operations"));
        assert_eq!(family_from_category("DDaT » Software Development").as_deref(), Some("Software Development"));
        assert_eq!(family_from_category("»").as_deref(), None);
    }
}
