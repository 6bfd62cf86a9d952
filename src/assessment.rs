//! Assessments: a level recorded for a person and a skill, by a source, on a date.
//!
//! History is kept: a new assessment never overwrites an old one. "Current" is derived: the
//! latest assessment (by date, then by recording order) from the chosen source.

use crate::scale::Level;
use crate::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::EnumIter)]
#[strum(serialize_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "TEXT", rename_all = "kebab-case"))]
pub enum Source {
    /// The person assessed themselves.
    #[serde(rename = "self")]
    #[strum(serialize = "self")]
    #[cfg_attr(feature = "db", sqlx(rename = "self"))]
    SelfAssessment,
    /// Their lead assessed them.
    Lead,
    /// A colleague assessed them.
    Peer,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::SelfAssessment, Source::Lead, Source::Peer];

    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<Source> {
        code.parse().ok()
    }

    pub fn title(self) -> &'static str {
        match self {
            Source::SelfAssessment => "Self",
            Source::Lead => "Lead",
            Source::Peer => "Peer",
        }
    }
}

/// Which assessments count when deriving a current level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum SourceFilter {
    /// The latest assessment of any source.
    #[default]
    Latest,
    Only(Source),
}

impl SourceFilter {
    pub fn code(self) -> &'static str {
        match self {
            SourceFilter::Latest => "latest",
            SourceFilter::Only(source) => source.code(),
        }
    }

    pub fn from_code(code: &str) -> Option<SourceFilter> {
        if code == "latest" {
            Some(SourceFilter::Latest)
        } else {
            Source::from_code(code).map(SourceFilter::Only)
        }
    }

    pub fn accepts(self, source: Source) -> bool {
        match self {
            SourceFilter::Latest => true,
            SourceFilter::Only(wanted) => wanted == source,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub id: Id,
    pub person_id: Id,
    pub skill_id: Id,
    pub level: Level,
    pub source: Source,
    pub assessed_on: NaiveDate,
    /// The person who made the assessment, when known.
    pub assessor_id: Option<Id>,
    pub evidence: Option<String>,
}

impl Assessment {
    /// Ordering key for "latest": date first, then the order it was recorded in (id).
    pub fn recency(&self) -> (NaiveDate, Id) {
        (self.assessed_on, self.id)
    }
}

/// The latest of `assessments` that the filter accepts.
pub fn latest<'a>(
    assessments: impl IntoIterator<Item = &'a Assessment>,
    filter: SourceFilter,
) -> Option<&'a Assessment> {
    assessments.into_iter().filter(|a| filter.accepts(a.source)).max_by_key(|a| a.recency())
}

/// The latest accepted assessment made on or before `as_of` (a snapshot for trends and rounds).
pub fn latest_as_of<'a>(
    assessments: impl IntoIterator<Item = &'a Assessment>,
    filter: SourceFilter,
    as_of: NaiveDate,
) -> Option<&'a Assessment> {
    latest(assessments.into_iter().filter(|a| a.assessed_on <= as_of), filter)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(id: Id, level: Level, source: Source, date: &str) -> Assessment {
        Assessment {
            id,
            person_id: 1,
            skill_id: 1,
            level,
            source,
            assessed_on: date.parse().unwrap(),
            assessor_id: None,
            evidence: None,
        }
    }

    #[test]
    fn latest_is_by_date_then_recording_order() {
        let history = [
            a(1, 2, Source::Lead, "2026-01-10"),
            a(3, 1, Source::Lead, "2025-12-01"),
            a(2, 3, Source::SelfAssessment, "2026-01-10"),
        ];
        assert_eq!(latest(&history, SourceFilter::Latest).unwrap().id, 2);
        assert_eq!(latest(&history, SourceFilter::Only(Source::Lead)).unwrap().level, 2);
        assert!(latest(&history, SourceFilter::Only(Source::Peer)).is_none());
    }

    #[test]
    fn snapshot_ignores_later_assessments() {
        let history = [a(1, 2, Source::Lead, "2026-01-10"), a(2, 4, Source::Lead, "2026-06-10")];
        let as_of = "2026-03-01".parse().unwrap();
        assert_eq!(latest_as_of(&history, SourceFilter::Latest, as_of).unwrap().level, 2);
        let before_any = "2025-01-01".parse().unwrap();
        assert!(latest_as_of(&history, SourceFilter::Latest, before_any).is_none());
    }

    #[test]
    fn filter_codes_round_trip() {
        for filter in
            [SourceFilter::Latest, SourceFilter::Only(Source::SelfAssessment), SourceFilter::Only(Source::Peer)]
        {
            assert_eq!(SourceFilter::from_code(filter.code()), Some(filter));
        }
    }
}
