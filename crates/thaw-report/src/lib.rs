//! Pictures of a person's data for people to read: server-rendered SVG
//! charts (the web app, `--chart`) and the clinician report
//! ([`report`], rendered as HTML by [`html`] and as PDF by [`pdf`]).
//!
//! Pure: data in, markup out. Every chart carries a text alternative
//! (`<title>` and `<desc>`) and stays readable without colour: series
//! differ by line style and marker shape, not only by hue. Colours are
//! CSS classes with safe defaults as presentation attributes, so a page's
//! stylesheet can theme them (dark mode) and no inline style is needed
//! (the web app's CSP forbids it).

pub mod html;
pub mod insights;
pub mod pdf;
pub mod report;
pub mod svg;
pub mod words;
