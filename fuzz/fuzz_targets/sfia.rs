//! The SFIA parser on arbitrary bytes: it must never panic, and what it accepts must be a
//! consistent framework.

#![no_main]

use libfuzzer_sys::fuzz_target;
use skillmix::import::{parse_sfia, parse_sfia_bytes};

fuzz_target!(|data: &[u8]| {
    if let Ok((doc, _)) = parse_sfia_bytes(data, "Fuzz") {
        let problems = doc.check();
        assert!(
            problems.is_empty(),
            "accepted an inconsistent framework: {problems:?}"
        );
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok((doc, _)) = parse_sfia(text, "Fuzz") {
            assert!(doc.check().is_empty());
        }
    }
});
