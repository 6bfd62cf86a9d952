//! `/import`: add a role profile (paste or upload), import the DDaT exports or the SFIA skills
//! CSV, and the latest imports.
//!
//! Each form is a plain `multipart/form-data` form posting to its server function, so it works
//! without JavaScript: success lands on the import's report, an error comes back here in the
//! address and is shown in the error summary and beside the field. With JavaScript, each form is
//! an island: submitting sends the same form data from the page, shows progress while the files
//! upload and are checked, then loads the report (or this page with the error, as without it).

use crate::components::forms::{field_message, Choice, ErrorSummary, SelectField, TextArea, TextField};
use crate::components::layout::Breadcrumbs;
use crate::components::page::{Loaded, PageTitle};
use crate::error::AppError;
use crate::server_fns::import::{
    import_ddat, import_sfia, kind_title, load_import_page, preview_role_profile, status_title, ImportDdat,
    ImportPageData, ImportSfia, PreviewRoleProfile, RecentImportData,
};
use leptos::prelude::*;
use leptos::server::ServerActionError;
use leptos::server_fn::error::ServerFnUrlError;
use leptos::server_fn::ServerFn;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{FormData, HtmlFormElement};
use leptos_router::components::A;
use skillmix::Id;

/// The error an upload form's server function sent back in the address.
fn error_in_address<S: ServerFn<Error = AppError>>() -> Option<AppError> {
    use_context::<ServerActionError>()
        .filter(|e| e.path() == S::PATH)
        .map(|e| ServerFnUrlError::<AppError>::decode_err(e.err()))
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let from_address = error_in_address::<PreviewRoleProfile>()
        .or_else(error_in_address::<ImportDdat>)
        .or_else(error_in_address::<ImportSfia>);
    let error = Signal::derive(move || from_address.clone());
    let data = Resource::new(|| (), |_| load_import_page());
    view! {
        <Loaded resource=data render=move |page: ImportPageData| view! { <ImportView page error/> }/>
    }
}

/// The page's three upload forms.
#[derive(Clone, Copy, Debug, serde::Serialize, serde::Deserialize)]
pub enum Upload {
    RoleProfile,
    Ddat,
    Sfia,
}

impl Upload {
    fn url(self) -> &'static str {
        match self {
            Self::RoleProfile => PreviewRoleProfile::url(),
            Self::Ddat => ImportDdat::url(),
            Self::Sfia => ImportSfia::url(),
        }
    }

    fn pending(self) -> &'static str {
        match self {
            Self::RoleProfile => "Reading the role profile…",
            Self::Ddat => "Uploading and checking the DDaT files…",
            Self::Sfia => "Uploading and checking the SFIA file…",
        }
    }

    /// Sends the form's data to the server function; the answer is the import's id.
    async fn send(self, data: FormData) -> Result<Id, AppError> {
        match self {
            Self::RoleProfile => preview_role_profile(data.into()).await,
            Self::Ddat => import_ddat(data.into()).await,
            Self::Sfia => import_sfia(data.into()).await,
        }
    }
}

/// Loads the import's report, or this page with the error in the address: the page a form
/// posted without JavaScript comes back to, so the summary and the fields show it the same way.
fn show_outcome(upload: Upload, outcome: Result<Id, AppError>) {
    #[cfg(feature = "hydrate")]
    {
        use base64::Engine;
        use leptos::server_fn::error::FromServerFnError;
        let location = window().location();
        let href = match outcome {
            Ok(id) => format!("/import/reports/{id}"),
            // As ServerFnUrlError::to_url writes it.
            Err(error) => format!(
                "{}?__path={}&__err={}",
                location.pathname().unwrap_or_default(),
                upload.url(),
                base64::engine::general_purpose::URL_SAFE.encode(error.ser())
            ),
        };
        let _ = location.set_href(&href);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (upload, outcome);
}

#[component]
fn ImportView(page: ImportPageData, error: Signal<Option<AppError>>) -> impl IntoView {
    let versions: Vec<Choice> = page
        .versions
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let newest = if i == 0 { " (newest)" } else { "" };
            Choice::new(v.id, format!("{}{newest}", v.name))
        })
        .collect();
    let selected = page.versions.first().map(|v| v.id.to_string()).unwrap_or_default();
    let limit = page.limit_mib;
    let ddat_name_hint = format!("Leave empty to call it \"DDaT {}\".", page.today);
    let sfia_name_hint = format!("Leave empty to call it \"SFIA {}\".", page.today);
    view! {
        <Breadcrumbs trail=vec![("Framework".into(), "/framework".into())]/>
        <ErrorSummary error/>
        <PageTitle text="Import a framework"/>
        <p class="lead">
            "Bring in the official DDaT exports, the SFIA skills spreadsheet or a role profile. Every file is checked "
            "first and you get a report of what was read. A file that cannot be imported changes nothing."
        </p>
        <nav class="contents-list" aria-label="On this page">
            <h2 class="heading-s">"On this page"</h2>
            <ul class="list list--bullet">
                <li><a href="#role-profile">"Add a role profile"</a></li>
                <li><a href="#ddat">"Import the DDaT exports"</a></li>
                <li><a href="#sfia">"Import the SFIA skills"</a></li>
                <li><a href="#recent">"Recent imports"</a></li>
            </ul>
        </nav>

        <section class="import-section" id="role-profile" aria-labelledby="role-profile-title">
            <h2 class="heading-m" id="role-profile-title">"Add a role profile"</h2>
            <p class="body">
                "Paste a role-profile page, or upload it as a text, Markdown or HTML file. You will see what was "
                "understood, and what was not, before anything is saved."
            </p>
            <UploadForm upload=Upload::RoleProfile>
                <TextArea
                    name="profile_text"
                    label="Paste the role profile"
                    hint="Copy the whole page, from its title to the qualifications or skills at the end."
                    rows=10
                    error
                />
                <FileField
                    name="profile_file"
                    label="Or upload it as a file"
                    hint=format!("A .txt, .md or .html file of up to {limit} MiB.")
                    accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"
                    error
                />
                <SelectField
                    name="version_id"
                    label="Framework version to add it to"
                    hint="The role level is added to this version, or replaces the level of the same name in it."
                    choices=versions
                    selected
                    error
                />
                <div class="button-group">
                    <button type="submit" class="button">"Check the role profile"</button>
                </div>
            </UploadForm>
        </section>

        <section class="import-section" id="ddat" aria-labelledby="ddat-title">
            <h2 class="heading-m" id="ddat-title">"Import the DDaT exports"</h2>
            <p class="body">
                "Download the roles and the skills CSV files from the Government Digital and Data Capability Framework "
                "site. They are imported as a new version: teams stay on their version until you move them, and the "
                "report shows what changed since the last DDaT version."
            </p>
            <UploadForm upload=Upload::Ddat>
                <FileField name="roles" label="Roles CSV" hint=format!("The roles export, one row per role level and skill (ddat-roles.csv). Up to {limit} MiB.") accept=".csv,text/csv" error/>
                <FileField name="skills" label="Skills CSV" hint="The skills export, one row per skill (ddat-skills.csv)." accept=".csv,text/csv" error/>
                <TextField
                    name="ddat_version_name"
                    label="Version name (optional)"
                    hint=ddat_name_hint
                    width="input--two-thirds"
                    error
                />
                <ModeButtons field="ddat_mode" import_label="Import as a new version"/>
            </UploadForm>
        </section>

        <section class="import-section" id="sfia" aria-labelledby="sfia-title">
            <h2 class="heading-m" id="sfia-title">"Import the SFIA skills"</h2>
            <p class="body">
                "Save the SFIA Foundation's skills spreadsheet as CSV and upload it. Your organisation needs its own "
                "licence to use SFIA; Skillmix does not include the file."
            </p>
            <UploadForm upload=Upload::Sfia>
                <FileField name="sfia_file" label="SFIA skills CSV" hint=format!("One row per skill, with the level columns and level descriptions. Up to {limit} MiB.") accept=".csv,text/csv" error/>
                <TextField
                    name="sfia_version_name"
                    label="Version name (optional)"
                    hint=sfia_name_hint
                    width="input--two-thirds"
                    error
                />
                <ModeButtons field="sfia_mode" import_label="Import as a new version"/>
            </UploadForm>
        </section>

        <section class="import-section" id="recent" aria-labelledby="recent-title">
            <h2 class="heading-m" id="recent-title">"Recent imports"</h2>
            <RecentImports imports=page.recent/>
        </section>
    }
}

/// A multipart form that posts to its server function without JavaScript. With it (the page's
/// island), the page sends the same data itself and shows progress while the files upload and
/// are checked.
#[island]
fn UploadForm(upload: Upload, children: Children) -> impl IntoView {
    let action: Action<FormData, Result<Id, AppError>> =
        Action::new_local(move |data: &FormData| upload.send(data.clone()));
    let busy = action.pending();
    Effect::new(move |_| {
        if let Some(outcome) = action.value().get() {
            show_outcome(upload, outcome);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else {
            return;
        };
        let Ok(data) = FormData::new_with_form(&form) else {
            return;
        };
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        // The button pressed is not part of the form's data: add its name and value.
        if let Some(button) = ev.submitter() {
            if let (Some(name), Some(value)) = (button.get_attribute("name"), button.get_attribute("value")) {
                let _ = data.append_with_str(&name, &value);
            }
        }
        action.dispatch_local(data);
    };
    let pending = upload.pending();
    view! {
        <form method="post" enctype="multipart/form-data" action=upload.url() on:submit=on_submit aria-busy=move || busy.get().to_string()>
            {children()}
            <div class="upload-progress" role="status" aria-live="polite">
                {move || busy.get().then(|| view! {
                    <progress class="upload-progress__bar" aria-label=pending></progress>
                    <p class="upload-progress__text">{pending}" Large files take a few seconds."</p>
                })}
            </div>
        </form>
    }
}

/// "Import" and "Check only": the button pressed is sent as `field`.
#[component]
fn ModeButtons(field: &'static str, import_label: &'static str) -> impl IntoView {
    view! {
        <div class="button-group">
            <button type="submit" class="button" name=field value="import">{import_label}</button>
            <button type="submit" class="button button--secondary" name=field value="check">"Check only, save nothing"</button>
        </div>
    }
}

/// A labelled file input with its hint and error message.
#[component]
fn FileField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into)] hint: String,
    accept: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = name.clone();
    let message = field_message(error, id.clone());
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let group_class = move || {
        if message.get().is_some() {
            "form-group form-group--error"
        } else {
            "form-group"
        }
    };
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if message.get().is_some() {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    view! {
        <div class=group_class>
            <label class="label" for=id.clone()>{label}</label>
            <div class="hint" id=hint_id>{hint}</div>
            {move || message.get().map(|m| view! {
                <p class="error-message" id=error_id.clone()>
                    <span class="visually-hidden">"Error: "</span>
                    {m}
                </p>
            })}
            <input class="file-upload" type="file" id=id name=name accept=accept aria-describedby=described/>
        </div>
    }
}

/// "2026-11-23 14:05 UTC" from an RFC 3339 UTC timestamp.
pub fn when(timestamp: &str) -> String {
    match (timestamp.get(..10), timestamp.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => timestamp.to_string(),
    }
}

#[component]
fn RecentImports(imports: Vec<RecentImportData>) -> impl IntoView {
    if imports.is_empty() {
        return view! { <p class="body">"Nothing has been imported yet."</p> }.into_any();
    }
    view! {
        <table class="table">
            <caption class="visually-hidden">"Recent imports, newest first"</caption>
            <thead>
                <tr>
                    <th scope="col">"Import"</th>
                    <th scope="col">"What"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Files"</th>
                    <th scope="col">"When"</th>
                    <th scope="col">"By"</th>
                </tr>
            </thead>
            <tbody>
                {imports.into_iter().map(|i| {
                    let name = i.name.clone().unwrap_or_else(|| format!("Import {}", i.id));
                    let figures = if i.kind == "role-profile" {
                        String::new()
                    } else {
                        format!(" ({} skills, {} role levels)", i.skills, i.role_levels)
                    };
                    view! {
                        <tr>
                            <th scope="row"><A href=format!("/import/reports/{}", i.id)>{name}</A></th>
                            <td>{kind_title(&i.kind)}{figures}</td>
                            <td>{status_title(&i.status)}</td>
                            <td>{if i.files.is_empty() { "Pasted text".to_string() } else { i.files.join(", ") }}</td>
                            <td>{when(&i.created_at)}</td>
                            <td>{i.by.clone().unwrap_or_else(|| "Command line".into())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
