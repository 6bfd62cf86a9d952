//! Scales that skills are assessed on. The scale belongs to the skill: never assume 1-4.
//!
//! | scale | levels |
//! |---|---|
//! | DDaT skill level | 1 Awareness, 2 Working, 3 Practitioner, 4 Expert |
//! | knowledge depth (role profiles) | 1 Aware of, 2 Familiar with, 3 Proficient in, 4 Expert in |
//! | SFIA level of responsibility | 1 Follow ... 7 Set strategy (a skill is defined at some levels only) |
//! | behavioural skills | assessed on the 1-4 DDaT scale |
//!
//! "Not assessed" is not level 0: it is the absence of a level (`Option<Level>`).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A level on some scale. Always at least 1; the upper bound depends on the scale.
pub type Level = u8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::EnumIter)]
#[strum(serialize_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "TEXT", rename_all = "kebab-case"))]
pub enum Scale {
    /// DDaT skill levels 1-4.
    Ddat,
    /// Knowledge depth of role profiles 1-4.
    Depth,
    /// SFIA levels of responsibility 1-7.
    Sfia,
    /// Behavioural skills, assessed on the 1-4 DDaT names.
    Behavioural,
}

const DDAT_NAMES: [&str; 4] = ["Awareness", "Working", "Practitioner", "Expert"];
const DEPTH_NAMES: [&str; 4] = ["Aware of", "Familiar with", "Proficient in", "Expert in"];
const SFIA_NAMES: [&str; 7] =
    ["Follow", "Assist", "Apply", "Enable", "Ensure, advise", "Initiate, influence", "Set strategy, inspire, mobilise"];

impl Scale {
    pub const ALL: [Scale; 4] = [Scale::Ddat, Scale::Depth, Scale::Sfia, Scale::Behavioural];

    /// The stable code stored in the database and used in URLs.
    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<Scale> {
        code.parse().ok()
    }

    /// Human name of the scale itself.
    pub fn title(self) -> &'static str {
        match self {
            Scale::Ddat => "DDaT skill level",
            Scale::Depth => "Knowledge depth",
            Scale::Sfia => "SFIA level of responsibility",
            Scale::Behavioural => "Behavioural skill level",
        }
    }

    pub fn max(self) -> Level {
        match self {
            Scale::Sfia => 7,
            _ => 4,
        }
    }

    /// Every level of the scale, lowest first.
    pub fn levels(self) -> impl Iterator<Item = Level> {
        1..=self.max()
    }

    pub fn contains(self, level: Level) -> bool {
        (1..=self.max()).contains(&level)
    }

    /// The name of a level, or `None` when it is outside the scale.
    pub fn level_name(self, level: Level) -> Option<&'static str> {
        let index = usize::from(level).checked_sub(1)?;
        match self {
            Scale::Ddat | Scale::Behavioural => DDAT_NAMES.get(index).copied(),
            Scale::Depth => DEPTH_NAMES.get(index).copied(),
            Scale::Sfia => SFIA_NAMES.get(index).copied(),
        }
    }

    /// "3 Practitioner", or the bare number when the level is outside the scale.
    pub fn label(self, level: Level) -> String {
        match self.level_name(level) {
            Some(name) => format!("{level} {name}"),
            None => level.to_string(),
        }
    }

    /// Parse a level written as a number ("3"), a name ("Practitioner", "Proficient in") or both
    /// ("3 – Practitioner", "Level 5"). Case and dashes do not matter.
    pub fn parse_level(self, text: &str) -> Option<Level> {
        let cleaned = text.trim().trim_start_matches(['-', '–']);
        let lower = cleaned.to_lowercase();
        let without_prefix = lower.strip_prefix("level").unwrap_or(&lower).trim();
        let digits: String = without_prefix.chars().take_while(|c| c.is_ascii_digit()).collect();
        if let Ok(n) = digits.parse::<Level>() {
            return self.contains(n).then_some(n);
        }
        let name = without_prefix.trim_matches(|c: char| !c.is_alphanumeric());
        self.levels().find(|&level| self.level_name(level).is_some_and(|n| n.to_lowercase() == name))
    }

    /// The level from which someone counts as strong in a skill: "Practitioner or above" on the
    /// 1-4 scales and "Enable" (4) or above on SFIA, where 4 is the first level of independent,
    /// accountable practice.
    pub fn strong_level(self) -> Level {
        match self {
            Scale::Sfia => 4,
            _ => 3,
        }
    }
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_names_follow_each_scale() {
        assert_eq!(Scale::Ddat.level_name(3), Some("Practitioner"));
        assert_eq!(Scale::Depth.level_name(3), Some("Proficient in"));
        assert_eq!(Scale::Sfia.level_name(7), Some("Set strategy, inspire, mobilise"));
        assert_eq!(Scale::Behavioural.level_name(1), Some("Awareness"));
        assert_eq!(Scale::Ddat.level_name(5), None);
        assert_eq!(Scale::Ddat.level_name(0), None);
    }

    #[test]
    fn bounds_are_per_scale() {
        assert!(Scale::Sfia.contains(7));
        assert!(!Scale::Ddat.contains(7));
        assert!(!Scale::Depth.contains(0));
        assert_eq!(Scale::Sfia.levels().count(), 7);
    }

    #[test]
    fn parses_numbers_names_and_mixed_forms() {
        assert_eq!(Scale::Ddat.parse_level("3 – Practitioner"), Some(3));
        assert_eq!(Scale::Ddat.parse_level("expert"), Some(4));
        assert_eq!(Scale::Depth.parse_level("Proficient in"), Some(3));
        assert_eq!(Scale::Sfia.parse_level("Level 5"), Some(5));
        assert_eq!(Scale::Ddat.parse_level("Level 5"), None);
        assert_eq!(Scale::Ddat.parse_level("NOT IN USE"), None);
    }

    #[test]
    fn codes_round_trip() {
        for scale in Scale::ALL {
            assert_eq!(Scale::from_code(scale.code()), Some(scale));
        }
        assert_eq!(Scale::from_code("nope"), None);
    }
}
