//! Workshops: leads design multi-event programmes to close skill gaps, run them, and measure
//! the uplift.
//!
//! - [`model`]: programmes, events, agenda items, methods (serialisable, ids `None` until saved);
//! - [`zone`] and [`schedule`]: agenda arithmetic on the clock, in the programme's time zone,
//!   across midnight and clock changes;
//! - [`reorder`]: "move item 5 up" without JavaScript;
//! - [`template`]: copy an event or a programme for the next run, dates shifted;
//! - [`methods`]: the built-in library of facilitation methods;
//! - [`suggest`]: who to invite (gaps) and who could facilitate (strong levels), within capacity;
//! - [`timer`]: the facilitation timer behind the projector view;
//! - [`uplift`]: levels before and after, by person, by skill and in total;
//! - [`needs`]: gaps and current levels from a team's data, for suggestions and the skill picker;
//! - [`follow_up`]: invitations within capacity, actions, who is due for re-assessment;
//! - [`validate`]: field errors before saving;
//! - `ics` (feature `calendar`): RFC 5545 export.
//!
//! Everything here is pure: "now" and "today" are passed in, nothing reads a clock.

pub mod follow_up;
pub mod methods;
pub mod model;
pub mod needs;
pub mod reorder;
pub mod schedule;
pub mod suggest;
pub mod template;
pub mod timer;
pub mod uplift;
pub mod validate;
pub mod zone;

#[cfg(feature = "calendar")]
pub mod ics;

pub use follow_up::{ActionStatus, InvitationRole, InvitationStatus};
pub use methods::{append_method, built_in_methods, item_from_method};
pub use model::{AgendaItem, Event, EventPlan, Method, MethodCategory, Programme, ProgrammePlan, DEFAULT_TIME_ZONE};
pub use reorder::{move_item, Move, ReorderError};
pub use schedule::{schedule, AgendaSchedule, ItemTiming};
pub use suggest::{suggest_facilitators, suggest_participants, Invitations, SkillGap, SkillLevel};
pub use template::{duplicate_event, duplicate_programme, DateShift, TemplateError};
pub use timer::{FacilitationTimer, Millis, TimerCommand, TimerError, TimerStatus, TimerView};
pub use uplift::{uplift, Uplift, UpliftWindow};
pub use zone::{parse_zone, zone_or_default, TimingError, Tz, ZonedTime};
