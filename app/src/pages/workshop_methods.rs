//! `/workshops/methods`: the method library, grouped as a session runs (opening, ideas,
//! deciding ...), with default durations and short descriptions; leads add their own.

use crate::components::forms::{action_error, Choice, ErrorSummary, SelectField, TextArea, TextField};
use crate::components::layout::Breadcrumbs;
use crate::components::page::{Loaded, PageTitle};
use crate::server_fns::workshops::{method_library, minutes_text, CreateMethod, MethodsData};
use leptos::prelude::*;
use skillmix::workshop::MethodCategory;

#[component]
pub fn MethodsPage() -> impl IntoView {
    let create = ServerAction::<CreateMethod>::new();
    let data = Resource::new(move || create.version().get(), |_| method_library());
    view! { <Loaded resource=data render=move |data: MethodsData| view! { <MethodsView data create/> }/> }
}

#[component]
fn MethodsView(data: MethodsData, create: ServerAction<CreateMethod>) -> impl IntoView {
    let error = action_error(create);
    let categories: Vec<Choice> = MethodCategory::ALL.into_iter().map(|c| Choice::new(c.code(), c.title())).collect();
    let sections: Vec<(MethodCategory, Vec<skillmix::workshop::Method>)> = MethodCategory::ALL
        .into_iter()
        .map(|c| (c, data.methods.iter().filter(|m| m.category == c).cloned().collect::<Vec<_>>()))
        .filter(|(_, list)| !list.is_empty())
        .collect();
    view! {
        <Breadcrumbs trail=vec![("Workshops".into(), "/workshops".into())]/>
        <ErrorSummary error/>
        <PageTitle text="Method library"/>
        <p class="lead">
            "Common facilitation methods with a usual length for a group of eight to twelve. Adding a method to an agenda "
            "copies its length, which you can change for your session."
        </p>
        <nav class="contents" aria-label="Kinds of method">
            <ul class="list list--inline">
                {sections.iter().map(|(c, _)| view! { <li><a href=format!("#{}", c.code())>{c.title()}</a></li> }).collect_view()}
            </ul>
        </nav>
        {sections.into_iter().map(|(category, list)| view! {
            <h2 class="heading-m" id=category.code()>{category.title()}</h2>
            <table class="table methods">
                <caption class="visually-hidden">{category.title()}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="methods__name">"Method"</th>
                        <th scope="col" class="numeric methods__minutes">"Usual length"</th>
                        <th scope="col">"What it is"</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|m| view! {
                        <tr>
                            <th scope="row">{m.name.clone()}{(!m.built_in).then(|| view! { <strong class="tag tag--blue">"Added by a lead"</strong> })}</th>
                            <td class="numeric">{minutes_text(m.default_minutes)}</td>
                            <td>{m.description.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }).collect_view()}
        {data.may_create.then(|| view! {
            <ActionForm action=create attr:class="panel ws-form">
                <h2 class="heading-m">"Add your own method"</h2>
                <p class="body">"It is added to the library for every lead."</p>
                <TextField name="name" label="Name" error width="input--two-thirds"/>
                <TextField name="default_minutes" label="Usual length in minutes" input_type="number" value="15" error width="input--width-3"/>
                <SelectField name="category" label="Kind of method" choices=categories.clone() selected="discussion" error/>
                <TextArea name="description" label="Description" hint="What happens, in a sentence or two, in your own words." error rows=3/>
                <button type="submit" class="button">"Add method"</button>
            </ActionForm>
        })}
    }
}
