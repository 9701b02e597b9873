//! One module per command; each parses nothing (clap did), calls the use
//! cases in `thaw-app` and prints.

pub mod activity;
pub mod backup;
pub mod checkin;
pub mod config;
pub mod docs;
pub mod doctor;
pub mod encrypt;
pub mod feelings;
pub mod ground;
pub mod insights;
pub mod journal;
pub mod report;
pub mod review;
pub mod safety;
pub mod screen;
pub mod selfcare;
pub mod serve;
pub mod social;
pub mod start;
pub mod today;
pub mod transfer;
pub mod values;
pub mod week;
pub mod wins;
