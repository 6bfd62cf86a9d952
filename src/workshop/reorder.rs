//! Reordering an agenda without JavaScript: the page posts "move item 5 up" (or down, first,
//! last, to position 3) and the server saves the new order these helpers return.
//!
//! Every helper returns the whole agenda in its new order with positions renumbered 1, 2, 3...
//! so gaps and duplicates left by earlier edits are repaired on the way. Moving the first item
//! up or the last item down changes nothing and is not an error (a double-clicked button).

use super::model::AgendaItem;
use crate::Id;
use serde::{Deserialize, Serialize};

/// Where to move an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "move", content = "position")]
pub enum Move {
    Up,
    Down,
    First,
    Last,
    /// To this 1-based position; the items in between shift by one.
    To(u32),
}

impl Move {
    /// From a form post: `direction` is "up", "down", "first", "last" or "to" (with `position`).
    pub fn from_form(direction: &str, position: Option<u32>) -> Option<Move> {
        match (direction.trim(), position) {
            ("up", _) => Some(Move::Up),
            ("down", _) => Some(Move::Down),
            ("first", _) => Some(Move::First),
            ("last", _) => Some(Move::Last),
            ("to", Some(p)) => Some(Move::To(p)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReorderError {
    #[error("agenda item {0} is not in this event")]
    ItemNotFound(Id),
    #[error("position {position} is not between 1 and {len}")]
    PositionOutOfRange { position: u32, len: usize },
}

/// The agenda sorted by position (then id) and renumbered 1..n.
pub fn normalised(agenda: &[AgendaItem]) -> Vec<AgendaItem> {
    let mut items = agenda.to_vec();
    items.sort_by_key(|item| (item.position, item.id));
    renumber(&mut items);
    items
}

/// Sets positions to 1..n in the slice's current order.
pub fn renumber(items: &mut [AgendaItem]) {
    for (item, position) in items.iter_mut().zip(1..) {
        item.position = position;
    }
}

/// Moves the saved item `item_id` and returns the agenda in its new order.
pub fn move_item(agenda: &[AgendaItem], item_id: Id, to: Move) -> Result<Vec<AgendaItem>, ReorderError> {
    let items = normalised(agenda);
    let index = items.iter().position(|i| i.id == Some(item_id)).ok_or(ReorderError::ItemNotFound(item_id))?;
    move_index(items, index, to)
}

/// Moves the item at 0-based `index` of an agenda already in order (unsaved drafts have no ids).
pub fn move_index(mut items: Vec<AgendaItem>, index: usize, to: Move) -> Result<Vec<AgendaItem>, ReorderError> {
    let len = items.len();
    if index >= len {
        return Err(ReorderError::PositionOutOfRange { position: index as u32 + 1, len });
    }
    let target = match to {
        Move::Up => index.saturating_sub(1),
        Move::Down => (index + 1).min(len - 1),
        Move::First => 0,
        Move::Last => len - 1,
        Move::To(position) if position >= 1 && position as usize <= len => position as usize - 1,
        Move::To(position) => return Err(ReorderError::PositionOutOfRange { position, len }),
    };
    let item = items.remove(index);
    items.insert(target, item);
    renumber(&mut items);
    Ok(items)
}

/// The saved items whose position differs between `before` and `after`, as (id, new position):
/// the rows the store has to update.
pub fn position_changes(before: &[AgendaItem], after: &[AgendaItem]) -> Vec<(Id, u32)> {
    after
        .iter()
        .filter_map(|item| {
            let id = item.id?;
            let old = before.iter().find(|b| b.id == Some(id)).map(|b| b.position);
            (old != Some(item.position)).then_some((id, item.position))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Items with ids 11, 12, 13, 14 at positions 1-4.
    fn agenda() -> Vec<AgendaItem> {
        (1..=4)
            .map(|p| AgendaItem { id: Some(10 + i64::from(p)), position: p, ..AgendaItem::new(format!("I{p}"), 10) })
            .collect()
    }

    fn ids(items: &[AgendaItem]) -> Vec<i64> {
        items.iter().map(|i| i.id.unwrap()).collect()
    }

    #[test]
    fn move_up_and_down_swap_neighbours() {
        let up = move_item(&agenda(), 13, Move::Up).unwrap();
        assert_eq!(ids(&up), [11, 13, 12, 14]);
        assert_eq!(up.iter().map(|i| i.position).collect::<Vec<_>>(), [1, 2, 3, 4]);
        let down = move_item(&agenda(), 11, Move::Down).unwrap();
        assert_eq!(ids(&down), [12, 11, 13, 14]);
    }

    #[test]
    fn moving_past_either_end_changes_nothing() {
        assert_eq!(ids(&move_item(&agenda(), 11, Move::Up).unwrap()), [11, 12, 13, 14]);
        assert_eq!(ids(&move_item(&agenda(), 14, Move::Down).unwrap()), [11, 12, 13, 14]);
    }

    #[test]
    fn move_to_first_last_and_a_position() {
        assert_eq!(ids(&move_item(&agenda(), 14, Move::First).unwrap()), [14, 11, 12, 13]);
        assert_eq!(ids(&move_item(&agenda(), 11, Move::Last).unwrap()), [12, 13, 14, 11]);
        assert_eq!(ids(&move_item(&agenda(), 11, Move::To(3)).unwrap()), [12, 13, 11, 14]);
        assert_eq!(ids(&move_item(&agenda(), 14, Move::To(2)).unwrap()), [11, 14, 12, 13]);
    }

    #[test]
    fn bad_requests_are_errors_naming_the_problem() {
        assert_eq!(move_item(&agenda(), 99, Move::Up).unwrap_err(), ReorderError::ItemNotFound(99));
        let err = move_item(&agenda(), 11, Move::To(5)).unwrap_err();
        assert_eq!(err.to_string(), "position 5 is not between 1 and 4");
        assert!(move_item(&agenda(), 11, Move::To(0)).is_err());
    }

    #[test]
    fn gaps_in_positions_are_repaired() {
        let mut items = agenda();
        items[0].position = 10;
        items[2].position = 7;
        // Order by position: 12 (2), 14 (4), 13 (7), 11 (10).
        let moved = move_item(&items, 11, Move::Up).unwrap();
        assert_eq!(ids(&moved), [12, 14, 11, 13]);
        assert_eq!(moved.iter().map(|i| i.position).collect::<Vec<_>>(), [1, 2, 3, 4]);
    }

    #[test]
    fn only_moved_rows_need_saving() {
        let before = agenda();
        let after = move_item(&before, 13, Move::Up).unwrap();
        assert_eq!(position_changes(&before, &after), [(13, 2), (12, 3)]);
    }

    #[test]
    fn form_posts_map_to_moves() {
        assert_eq!(Move::from_form("up", None), Some(Move::Up));
        assert_eq!(Move::from_form("to", Some(3)), Some(Move::To(3)));
        assert_eq!(Move::from_form("to", None), None);
        assert_eq!(Move::from_form("sideways", None), None);
    }

    #[test]
    fn drafts_without_ids_move_by_index() {
        let drafts = vec![AgendaItem::new("A", 5), AgendaItem::new("B", 5)];
        let moved = move_index(drafts, 1, Move::First).unwrap();
        assert_eq!(moved.iter().map(|i| (i.title.as_str(), i.position)).collect::<Vec<_>>(), [("B", 1), ("A", 2)]);
    }
}
