//! Server functions: thin handlers that authorise, call the store and the domain, and map
//! errors. Each module serves one area of the product; page data types live beside them.

pub mod account;
pub mod admin;
pub mod analysis;
pub mod assess;
pub mod framework;
pub mod import;
pub mod org;
pub mod people;
pub mod primary_team;
pub mod session;
pub mod teams;
pub mod training;
pub mod workshops;
