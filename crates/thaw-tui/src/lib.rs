//! `thaw-tui`: the guided grounding exercises, full-screen in a terminal.
//!
//! The exercise itself (its steps, their timing, the breathing shape's
//! size at any moment) is `thaw_core::grounding`; this crate only shows a
//! [`thaw_core::grounding::Run`] and turns keys into what they mean. It
//! stores nothing: [`run_tui`] answers an [`Outcome`] and the command
//! line records it.
//!
//! Where to start reading:
//! - [`app`]: the state (which screen, what is typed) and [`handle_key`],
//!   pure and told the time, so tests press keys on a fake clock;
//! - [`view`]: drawing one moment into a ratatui buffer (tested with
//!   `TestBackend`);
//! - [`term`]: the real terminal, the event loop, and restoring the
//!   terminal on every way out (quit, Ctrl-C, signals, panics).
//!
//! Sentences shown to a person live in [`words`].

pub mod app;
pub mod term;
pub mod view;
pub mod words;

use thaw_core::Rating;

pub use app::{App, Key, Screen, ViewState, handle_key};
pub use term::run_tui;
pub use view::{render, render_app};

/// What happened in one exercise, for recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Every step was reached (the person did not quit early).
    pub completed: bool,
    /// Time spent in the exercise, pauses and questions left out.
    pub active_seconds: u32,
    pub before: Option<Rating>,
    pub after: Option<Rating>,
}
