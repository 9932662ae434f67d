//! Figures: DOT building (pure, escaped) and Graphviz execution, and charts.
//!
//! Every Graphviz figure is a pinned [`scene::Scene`]: citynet decides every position (from a
//! seeded Graphviz layout, or the map projection), places labels without overlaps and draws
//! the legend, then Graphviz draws it with `neato -n2`. See [`figure`] for what each view
//! encodes, [`charts`] for the rank chart and the degree distribution, and [`defaults`] for the
//! set `analyze` writes.

pub mod charts;
pub mod defaults;
pub mod encode;
pub mod escape;
pub mod figure;
pub mod geo;
pub mod graphviz;
pub mod hinterworld;
pub mod intervals;
pub mod layout;
pub mod options;
pub mod palette;
pub mod scene;
pub mod text;
pub mod values;

pub use figure::Figure;
pub use graphviz::{render, render_pinned, FigureFormat};
pub use options::{FigureOptions, View};
