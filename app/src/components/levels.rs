//! How levels are written on pages: the number with its name on the skill's own scale, and
//! "Not assessed" rather than zero.

use leptos::prelude::*;
use skillmix::scale::{Level, Scale};

/// "3 Practitioner", or "Not assessed" / "Not required" for an absent level.
pub fn level_text(scale: Scale, level: Option<Level>, absent: &'static str) -> String {
    match level {
        Some(level) => scale.label(level),
        None => absent.to_string(),
    }
}

/// A level with a visual tag; the text says the level, colour only supports it.
#[component]
pub fn LevelTag(scale: Scale, level: Option<Level>, #[prop(optional)] absent: Option<&'static str>) -> impl IntoView {
    let class = match level {
        Some(level) => format!("level-tag level-tag--{}", level.min(7)),
        None => "level-tag level-tag--none".to_string(),
    };
    view! { <span class=class>{level_text(scale, level, absent.unwrap_or("Not assessed"))}</span> }
}
