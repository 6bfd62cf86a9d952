//! The role-profile reader on arbitrary bytes (text, Markdown or HTML): it must never panic, and
//! a profile it accepts must merge into the starter catalogue as a consistent framework.

#![no_main]

use libfuzzer_sys::fuzz_target;
use skillmix::framework::FrameworkDoc;
use skillmix::import::{merge_role_profile, parse_role_profile, parse_role_profile_bytes};
use std::sync::OnceLock;

fn starter() -> &'static FrameworkDoc {
    static STARTER: OnceLock<FrameworkDoc> = OnceLock::new();
    STARTER.get_or_init(skillmix::catalogue::starter)
}

fuzz_target!(|data: &[u8]| {
    if let Ok((profile, _)) = parse_role_profile_bytes(data) {
        let (doc, _) = merge_role_profile(starter(), &profile);
        let problems = doc.check();
        assert!(
            problems.is_empty(),
            "merging gave an inconsistent framework: {problems:?}"
        );
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_role_profile(text);
    }
});
