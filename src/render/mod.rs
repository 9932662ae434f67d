//! Figures: DOT building (pure, escaped) and Graphviz execution.

pub mod escape;
pub mod figure;
pub mod graphviz;
pub mod palette;

pub use figure::Figure;
pub use graphviz::{render, FigureFormat};
