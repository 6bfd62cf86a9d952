//! Every parser, fed arbitrary bytes and text, returns a result and never panics; what it
//! accepts is a consistent framework (`FrameworkDoc::check` finds nothing).
//!
//! Besides random bytes and strings, the inputs are built from the tokens the parsers look for
//! (headers, quotes, line breaks, `NOT IN USE`, headings, level names, tags), so the fuzzing
//! reaches past the first check.

use super::*;
use crate::framework::FrameworkDoc;
use proptest::prelude::*;

/// Text made of `tokens` and short random runs.
fn text_from(tokens: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    let token = prop_oneof![
        3 => proptest::sample::select(tokens).prop_map(str::to_string),
        1 => "[a-zA-Z0-9 ’–»|<>&;#()\"',.:\n\r-]{0,12}",
        1 => any::<String>().prop_map(|s| s.chars().take(6).collect::<String>()),
    ];
    proptest::collection::vec(token, 0..max).prop_map(|parts| parts.concat())
}

const CSV_TOKENS: &[&str] = &[
    ",",
    ",",
    ",",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "NOT IN USE",
    "MISSING",
    "Awareness",
    "Working",
    "Practitioner",
    "Expert",
    "Lead ",
    "Senior ",
    " - management",
    "Skill",
    "This skill level is currently not defined.",
    " ",
    "1",
    "5",
    "9",
];

const PROFILE_TOKENS: &[&str] = &[
    "\n",
    "\n",
    "\n",
    "Summary\n",
    "Knowledge/Skills\n",
    "Training Activities\n",
    "PDAs\n",
    "Qualifications\n",
    "Organisation Skills\n",
    "Background\n",
    "Skills Framework for the Information Age\n",
    "Proficient in\n",
    "Behavioural\n",
    "Technical Knowledge and Skills\n",
    "Other Knowledge and Skills\n",
    "DDaT » IT Operations Job Family |\n",
    "IT Ops – Change management You can ",
    "3 – Practitioner",
    " (DESN) – Level 5",
    "Skill: ",
    "Role level: ",
    "Software development role: ",
    "-\n",
    "• ",
    "|",
    "---|---|\n",
    "<td>",
    "</td>",
    "<li>",
    "<p>",
    "</p>",
    "<script>",
    "<!--",
    "&amp;",
    "&#",
    ";",
    "**",
    "[x](y)",
    "A lead engineer ensures",
    "Title Depth Details Type\n",
];

fn roles_header() -> String {
    ddat::ROLES_HEADER.join(",") + "\n"
}

fn skills_header() -> String {
    ddat::SKILLS_HEADER.join(",") + "\n"
}

const SFIA_HEADER: &str = "#,Levels,,,,,,,Code,URL,Skill,Category,Subcategory,Overall description,Guidance notes,\
Level 1 description,Level 2 description,Level 3 description,Level 4 description,Level 5 description,Level 6 description,Level 7 description\n";

fn consistent(doc: &FrameworkDoc) -> Result<(), TestCaseError> {
    let problems = doc.check();
    prop_assert!(problems.is_empty(), "{problems:?}");
    Ok(())
}

proptest! {
    #[test]
    fn decoding_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = decode(&bytes, "file");
    }

    #[test]
    fn ddat_bytes_never_panic(roles in proptest::collection::vec(any::<u8>(), 0..1024), skills in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Ok((doc, _)) = parse_ddat_bytes(&roles, &skills, "v") {
            consistent(&doc)?;
        }
    }

    #[test]
    fn ddat_text_never_panics(roles in text_from(CSV_TOKENS, 300), skills in text_from(CSV_TOKENS, 150), headers in any::<(bool, bool)>()) {
        let roles = if headers.0 { roles_header() + &roles } else { roles };
        let skills = if headers.1 { skills_header() + &skills } else { skills };
        if let Ok((doc, report)) = parse_ddat(&roles, &skills, "v") {
            consistent(&doc)?;
            prop_assert_eq!(report.summary.skills, doc.skills.len());
            let _ = diff::diff_frameworks(&doc, &doc);
        }
    }

    #[test]
    fn sfia_never_panics(body in text_from(CSV_TOKENS, 300), with_header in any::<bool>(), bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let text = if with_header { format!("{SFIA_HEADER}{body}") } else { body };
        if let Ok((doc, _)) = parse_sfia(&text, "v") {
            consistent(&doc)?;
            prop_assert!(doc.skills.iter().all(|s| s.defined_levels.iter().all(|l| (1..=7).contains(l))));
        }
        let _ = parse_sfia_bytes(&bytes, "v");
    }

    #[test]
    fn role_profiles_never_panic(text in text_from(PROFILE_TOKENS, 200), raw in any::<String>(), bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        for input in [&text, &raw] {
            if let Ok((profile, _)) = parse_role_profile(input) {
                consistent(&profile.to_fragment())?;
                let base = FrameworkDoc { family: "ddat".into(), name: "v".into(), ..Default::default() };
                let (merged, _) = merge_role_profile(&base, &profile);
                consistent(&merged)?;
                let (twice, _) = merge_role_profile(&merged, &profile);
                consistent(&twice)?;
            }
        }
        let _ = parse_role_profile_bytes(&bytes);
    }
}

#[test]
fn merging_twice_replaces_rather_than_duplicates() {
    let (profile, _) = parse_role_profile(
        "Lead tester\nSummary\nLeads.\nKnowledge/Skills\nAgile\nExpert in\nAgile things.\nTechnical\n",
    )
    .unwrap();
    let base = FrameworkDoc { family: "ddat".into(), name: "v".into(), ..Default::default() };
    let (once, _) = merge_role_profile(&base, &profile);
    let (twice, report) = merge_role_profile(&once, &profile);
    assert_eq!(once, twice);
    assert_eq!(report.of_kind(EntryKind::RoleLevelReplaced).count(), 1);
}

#[test]
fn pathological_inputs_stay_linear() {
    let n = 200_000;
    let inputs = [
        format!("<p>{}>", "<".repeat(n)),
        format!("<p>{}", "&".repeat(n)),
        format!("Summary\n{})", "(".repeat(n)),
        format!("<p>{}", "<script>".repeat(n / 8)),
        "Summary\nx\n".repeat(n / 10),
        format!("Summary\n{}", "[".repeat(n)),
        format!(
            "{SFIA_HEADER}{}",
            (0..n / 20).map(|i| format!("1,1,,,,,,,C{i},u,S,Cat{i},Sub{i},d,,a,,,,,,\n")).collect::<String>()
        ),
    ];
    for input in &inputs {
        let started = std::time::Instant::now();
        let _ = parse_role_profile(input);
        let _ = parse_sfia(input, "v");
        let elapsed = started.elapsed().as_secs_f64();
        let limit = if cfg!(debug_assertions) { 20.0 } else { 2.0 };
        assert!(elapsed < limit, "{elapsed:.1}s for input starting {:?}", &input[..20]);
    }
}
