use crate::components::page::ErrorPage;
use crate::error::AppError;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorPage error=AppError::NotFound("This page".into())/> }
}
