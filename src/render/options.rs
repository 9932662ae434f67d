//! What a figure shows and how: the plain options behind `citynet render` and `analyze`.

use crate::graph::Layer;
use serde::Serialize;

/// The kinds of figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum View {
    /// The one-mode city graph (the city projection, or the tie graph of an edge list).
    Network,
    /// Cities and programs, memberships as edges.
    Bipartite,
    /// Cities at their coordinates (Equal Earth projection) over country outlines.
    Map,
    /// One city (--city) and its neighbourhood to --depth, with the programs that tie them.
    Ego,
    /// Bar chart of the top --labels cities by --size (default 20).
    Rank,
    /// Degree distribution of the city graph, log–log.
    Degrees,
}

impl View {
    /// The view's name, as on the command line.
    pub fn name(self) -> &'static str {
        match self {
            View::Network => "network",
            View::Bipartite => "bipartite",
            View::Map => "map",
            View::Ego => "ego",
            View::Rank => "rank",
            View::Degrees => "degrees",
        }
    }

    /// Whether the view is a chart (drawn by plotters; SVG and PNG only).
    pub fn is_chart(self) -> bool {
        matches!(self, View::Rank | View::Degrees)
    }
}

/// What part of the world a map shows.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Extent {
    /// The box holding 98% of the located cities (the whole world when that box spans most
    /// of it), with a world inset for the cities outside.
    #[default]
    Auto,
    /// The whole world.
    World,
    /// A longitude–latitude box `(lon0, lat0, lon1, lat1)`.
    Box(f64, f64, f64, f64),
}

impl Extent {
    fn is_auto(&self) -> bool {
        *self == Extent::Auto
    }
}

impl std::str::FromStr for Extent {
    type Err = String;
    /// `world`, `auto` or `LON0,LAT0,LON1,LAT1` (degrees, west/south first).
    fn from_str(s: &str) -> Result<Extent, String> {
        match s.trim().to_lowercase().as_str() {
            "auto" => return Ok(Extent::Auto),
            "world" => return Ok(Extent::World),
            _ => {}
        }
        let v: Vec<f64> = s
            .split(',')
            .map(|x| x.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| format!("expected world, auto or LON0,LAT0,LON1,LAT1, got {s:?}"))?;
        match v[..] {
            [a, b, c, d]
                if a < c
                    && b < d
                    && (-180.0..=180.0).contains(&a)
                    && (-180.0..=180.0).contains(&c)
                    && (-90.0..=90.0).contains(&b)
                    && (-90.0..=90.0).contains(&d) =>
            {
                Ok(Extent::Box(a, b, c, d))
            }
            _ => Err(format!(
                "expected LON0,LAT0,LON1,LAT1 with -180 <= LON0 < LON1 <= 180 and -90 <= LAT0 < LAT1 <= 90, got {s:?}"
            )),
        }
    }
}

/// Options of one figure. `None` means the view's default (documented on each field).
#[derive(Debug, Clone, Serialize)]
pub struct FigureOptions {
    pub view: View,
    /// Metric for node area (and for choosing labels and `top`): any metric `citynet metrics`
    /// knows. Default: `programs` for bipartite, `strength` otherwise.
    pub size: Option<String>,
    /// Colour by: `community`, `region`, `country`, `program`, `theme`, `none`, or any city or
    /// program attribute or integer metric. Default: `none` (one colour).
    pub color: Option<String>,
    /// Label the top K nodes by the size metric. Default: every node up to 50 nodes, else 20
    /// (maps: 15).
    pub labels: Option<usize>,
    /// Keep only the K cities with the largest size metric.
    pub top: Option<usize>,
    /// Drop edges lighter than W.
    pub min_weight: Option<f64>,
    /// Keep only the disparity-filter backbone at significance ALPHA.
    pub backbone: Option<f64>,
    /// Title (default: the network's title).
    pub title: Option<String>,
    /// Layout engine (default: neato up to 300 nodes, sfdp above).
    pub layout: Option<String>,
    /// Centre of the ego view (a city name, or "Name, Country").
    pub city: Option<String>,
    /// Depth of the ego view, in steps through a shared program or a direct tie.
    pub depth: usize,
    /// Width of the drawing in millimetres (default 85, a journal's single column; maps 174).
    pub width_mm: Option<f64>,
    /// Which city edges the network, map and ego views draw: [`Layer::Projection`] draws G
    /// (maps: the direct ties when the input has them), thinned as the other options say;
    /// [`Layer::Validated`] only the pairs the backbone test keeps (`citynet backbone`).
    #[serde(skip_serializing_if = "Layer::is_projection")]
    pub edges: Layer,
    /// The part of the world a map shows.
    #[serde(skip_serializing_if = "Extent::is_auto")]
    pub extent: Extent,
    /// A sentence the caller adds to the caption (why the figure draws what it draws, e.g. a
    /// fallback).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl FigureOptions {
    /// Defaults for `view`.
    pub fn new(view: View) -> Self {
        FigureOptions {
            view,
            size: None,
            color: None,
            labels: None,
            top: None,
            min_weight: None,
            backbone: None,
            title: None,
            layout: None,
            city: None,
            depth: 1,
            width_mm: None,
            edges: Layer::Projection,
            extent: Extent::Auto,
            note: None,
        }
    }

    /// Width of the drawing in points.
    pub fn width_pt(&self) -> f64 {
        let mm = self
            .width_mm
            .unwrap_or(if self.view == View::Map { 174.0 } else { 85.0 });
        mm.clamp(30.0, 1000.0) / 25.4 * 72.0
    }
}

/// A file-name-safe slug of a city name: accents dropped (`Medellín` → `medellin`), letters
/// and digits kept (lower-cased), every other run of characters becomes one `-`; at most 60
/// characters; never empty, never `.` or `..`, never containing a path separator. Used for
/// ego figure names, so that a name such as `../../etc/passwd` cannot leave the output folder.
pub fn slug(name: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    let mut s = String::new();
    for ch in name
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(|c| c.to_lowercase())
    {
        if ch.is_alphanumeric() {
            s.push(ch);
        } else if !s.ends_with('-') {
            s.push('-');
        }
        if s.chars().count() >= 60 {
            break;
        }
    }
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "city".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extents_parse() {
        assert_eq!("world".parse::<Extent>(), Ok(Extent::World));
        assert_eq!("Auto".parse::<Extent>(), Ok(Extent::Auto));
        assert_eq!(
            "-25,34,45,72".parse::<Extent>(),
            Ok(Extent::Box(-25.0, 34.0, 45.0, 72.0))
        );
        assert!("45,34,-25,72".parse::<Extent>().is_err());
        assert!("1,2,3".parse::<Extent>().is_err());
    }

    #[test]
    fn slugs_stay_in_the_folder() {
        assert_eq!(slug("Washington, D.C."), "washington-d-c");
        assert_eq!(slug("Medellín"), "medellin");
        assert_eq!(slug("São Paulo"), "sao-paulo");
        assert_eq!(slug("東京"), "東京");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("evil\", image=\"/etc/passwd"), "evil-image-etc-passwd");
        assert_eq!(slug("\\N"), "n");
        assert_eq!(slug(".."), "city");
        assert_eq!(slug(""), "city");
        assert!(!slug("a/b\\c:d").contains(['/', '\\', ':']));
        assert!(slug(&"x".repeat(500)).len() <= 60);
    }
}
