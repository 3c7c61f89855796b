//! Shared by the book tests and the benchmark: the fixture journals and the command-line
//! tools a print service or ebook store would check a book with.

#![allow(dead_code, unused_imports)]

pub mod corpus;
pub mod tools;

pub use corpus::{diary_source, guided_source};
