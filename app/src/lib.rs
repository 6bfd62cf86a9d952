//! Skillmix UI.
