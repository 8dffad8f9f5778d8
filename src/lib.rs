//! trichdan: citations in Vietnamese official reports.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`text`] (decode, fold, offset map) → [`extract`] (mentions and their context) →
//! `resolve` (documents, keys, relations, conflicts) → `index` → `query` → `serve` (web pages
//! over `query`); [`lexicon`] holds the Vietnamese word tables every stage matches against.

pub mod corpus;
pub mod export;
pub mod extract;
pub mod generate;
pub mod index;
pub mod jsonl;
pub mod lexicon;
pub mod query;
pub mod resolve;
pub mod serve;
pub mod text;
