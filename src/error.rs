//! The one error type: problems with the input itself.
//!
//! Analysis never fails on text. Whatever the cleaner or tagger makes of an odd article is data
//! (a `removed` entry, a note). Only input that cannot be read as an article at all is an error,
//! and it is reported per document so the other documents of a run still come through.

use std::fmt;

/// Why a document could not be analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputError {
    /// Nothing but whitespace (or nothing at all).
    Empty,
    /// Larger than [`crate::decode::MAX_INPUT_BYTES`].
    TooLarge { bytes: usize, limit: usize },
    /// Looks like a binary file (an image, a PDF, an archive): `control_bytes` of the first
    /// `sampled` bytes are control characters or NULs.
    Binary { control_bytes: usize, sampled: usize },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Empty => write!(f, "the document is empty"),
            InputError::TooLarge { bytes, limit } => write!(
                f,
                "the document is {:.1} MB, more than the {:.0} MB an article can be; split it or paste the article alone",
                *bytes as f64 / 1e6,
                *limit as f64 / 1e6
            ),
            InputError::Binary { control_bytes, sampled } => write!(
                f,
                "this looks like a binary file, not text or HTML ({control_bytes} of the first {sampled} bytes are control characters)"
            ),
        }
    }
}

impl std::error::Error for InputError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_carry_the_values() {
        let e = InputError::TooLarge {
            bytes: 25_000_000,
            limit: 20_000_000,
        };
        assert!(e.to_string().contains("25.0 MB"), "{e}");
        let e = InputError::Binary {
            control_bytes: 40,
            sampled: 100,
        };
        assert!(e.to_string().contains("40 of the first 100"), "{e}");
    }
}
