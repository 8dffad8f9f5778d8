//! The text layer: bytes to text ([`decode`]) and text to its matching view ([`Folded`]), with an
//! offset map so that every match points back into the decoded original (SPEC §2).

mod decode;
mod fold;
pub mod formats;
pub mod legacy;

pub use decode::{Decoded, Encoding, decode, decode_as};
pub use fold::{
    Folded, clean, double_spaced, fold_letter, fold_str, marks_contradict, modern_tones,
};

/// 1-based line number of a byte offset.
pub fn line_of(src: &str, offset: usize) -> usize {
    1 + memchr::memchr_iter(b'\n', &src.as_bytes()[..offset.min(src.len())]).count()
}
