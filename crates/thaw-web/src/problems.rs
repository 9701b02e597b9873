//! A refused form, for the pages that show it again: which form on the
//! page, which field, and the words that name the problem.

use axum::http::StatusCode;
use thaw_core::InputError;

/// An input error in words for a form.
pub(crate) fn describe(e: &InputError) -> String {
    format!("{} — {:?}: {}.", e.field, e.value, e.allowed)
}

struct Problem {
    form: &'static str,
    field: String,
    message: String,
}

/// The one refused form of a page, if any (templates ask it).
#[derive(Default)]
pub(crate) struct Problems(Option<Problem>);

impl Problems {
    pub(crate) fn new(form: &'static str, e: &InputError) -> Self {
        Self::with(form, e.field.clone(), describe(e))
    }

    /// A refusal in words of the page's own (a field inside a list, say).
    pub(crate) fn with(form: &'static str, field: String, message: String) -> Self {
        Self(Some(Problem {
            form,
            field,
            message,
        }))
    }

    /// The message for `form`, if it was the one refused.
    pub(crate) fn at(&self, form: &str) -> Option<&str> {
        self.0
            .as_ref()
            .filter(|p| p.form == form)
            .map(|p| p.message.as_str())
    }

    /// Whether `field` of `form` was the one refused.
    pub(crate) fn invalid(&self, form: &str, field: &str) -> bool {
        self.0
            .as_ref()
            .is_some_and(|p| p.form == form && p.field == field)
    }

    /// 400 when a form was refused, else 200.
    pub(crate) fn status(&self) -> StatusCode {
        if self.0.is_some() {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::OK
        }
    }
}
