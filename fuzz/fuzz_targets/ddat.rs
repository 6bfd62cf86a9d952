//! The DDaT parser on arbitrary bytes: the two exports are the input split at the first
//! `SEPARATOR` (all of it is the roles export when there is none). It must never panic, and what
//! it accepts must be a consistent framework.

#![no_main]

use libfuzzer_sys::fuzz_target;
use skillmix::import::{parse_ddat, parse_ddat_bytes};

/// Between the roles and the skills export in an input (see `scripts/fuzz.sh` for the seeds).
const SEPARATOR: &[u8] = b"\n--skills--\n";

fuzz_target!(|data: &[u8]| {
    let (roles, skills) = match data.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
        Some(at) => (&data[..at], &data[at + SEPARATOR.len()..]),
        None => (data, &b""[..]),
    };
    if let Ok((doc, report)) = parse_ddat_bytes(roles, skills, "Fuzz") {
        let problems = doc.check();
        assert!(
            problems.is_empty(),
            "accepted an inconsistent framework: {problems:?}"
        );
        assert_eq!(report.summary.skills, doc.skills.len());
    }
    // The text entry point too, past the decoder's checks.
    if let (Ok(roles), Ok(skills)) = (std::str::from_utf8(roles), std::str::from_utf8(skills)) {
        if let Ok((doc, _)) = parse_ddat(roles, skills, "Fuzz") {
            assert!(doc.check().is_empty());
        }
    }
});
