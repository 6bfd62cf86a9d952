//! Assessment rounds, found from the dates themselves: a round is a run of assessment dates with
//! no gap longer than [`ROUND_GAP_DAYS`]. Teams assess in waves (a review cycle, a workshop
//! follow-up), so "the previous round" is the wave before the latest one, without anyone having
//! to declare rounds.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A gap longer than this between two assessment dates starts a new round.
pub const ROUND_GAP_DAYS: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Assessments made in the round.
    pub assessments: u64,
}

/// Rounds in date order from (date, number of assessments on that date) pairs in any order.
pub fn detect_rounds(dates: &[(NaiveDate, u64)]) -> Vec<Round> {
    let mut sorted: Vec<(NaiveDate, u64)> = dates.to_vec();
    sorted.sort_unstable_by_key(|(date, _)| *date);
    let mut rounds: Vec<Round> = Vec::new();
    for (date, count) in sorted {
        match rounds.last_mut() {
            Some(round) if (date - round.last).num_days() <= ROUND_GAP_DAYS => {
                round.last = date;
                round.assessments += count;
            }
            _ => rounds.push(Round { first: date, last: date, assessments: count }),
        }
    }
    rounds
}

/// The day to compare today's picture with: the last day of the round before the latest one.
pub fn previous_round_end(rounds: &[Round]) -> Option<NaiveDate> {
    rounds.len().checked_sub(2).map(|i| rounds[i].last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn waves_of_dates_become_rounds() {
        let dates = [
            (d("2026-03-02"), 10),
            (d("2026-03-20"), 5),
            (d("2026-09-01"), 7),
            (d("2026-03-30"), 1),
            (d("2026-09-15"), 3),
        ];
        let rounds = detect_rounds(&dates);
        assert_eq!(rounds.len(), 2);
        assert_eq!(rounds[0], Round { first: d("2026-03-02"), last: d("2026-03-30"), assessments: 16 });
        assert_eq!(rounds[1], Round { first: d("2026-09-01"), last: d("2026-09-15"), assessments: 10 });
        assert_eq!(previous_round_end(&rounds), Some(d("2026-03-30")));
    }

    #[test]
    fn the_gap_boundary_is_inclusive() {
        let rounds = detect_rounds(&[(d("2026-01-01"), 1), (d("2026-01-31"), 1), (d("2026-03-03"), 1)]);
        assert_eq!(rounds.len(), 2, "30 days apart stays in the round, 31 starts a new one");
        assert_eq!(previous_round_end(&rounds[..1]), None);
    }
}
