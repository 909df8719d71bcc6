//! Writers of understood chapters besides the typst markup: plain text (`text`).

pub mod text;
