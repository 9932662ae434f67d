//! The world map: the Equal Earth projection and the Natural Earth country outlines.
//!
//! Equal Earth (Šavrič, Patterson & Jenny 2018, doi:10.1080/13658816.2018.1504949) is an
//! equal-area pseudocylindrical projection (the formulas of the paper, as in d3-geo's
//! `geoEqualEarth`): areas on the map are true to scale, and the shapes
//! of continents stay familiar. The outlines are Natural Earth's 1:110m countries (public
//! domain), bundled as `assets/naturalearth_countries_110m.geojson` (see `assets/README.md`)
//! and embedded in the binary.

use std::fmt::Write;

/// Natural Earth 1:110m country outlines (GeoJSON; properties `name`, `iso_a3`, `continent`).
pub static COUNTRIES_GEOJSON: &str =
    include_str!("../../assets/naturalearth_countries_110m.geojson");

const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;

/// Equal Earth projection of (longitude, latitude) in degrees, on the unit sphere: x in
/// about ±2.7207, y in about ±1.3173 (north up).
pub fn equal_earth(lon: f64, lat: f64) -> (f64, f64) {
    let lam = lon.clamp(-180.0, 180.0).to_radians();
    let phi = lat.clamp(-90.0, 90.0).to_radians();
    let m = 3f64.sqrt() / 2.0;
    let t = (m * phi.sin()).asin();
    let t2 = t * t;
    let t6 = t2 * t2 * t2;
    let x = 2.0 * 3f64.sqrt() * lam * t.cos()
        / (3.0 * (9.0 * A4 * t6 * t2 + 7.0 * A3 * t6 + 3.0 * A2 * t2 + A1));
    let y = t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x, y)
}

/// Half the width of the Equal Earth world (x at longitude 180° on the equator).
pub fn half_width() -> f64 {
    equal_earth(180.0, 0.0).0
}

/// A map frame: projected unit-sphere coordinates to points.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub scale: f64,
    /// Southern and northern limits drawn, in degrees.
    pub lat_min: f64,
    pub lat_max: f64,
}

impl Frame {
    /// A world frame `width` points wide, from `lat_min` to `lat_max`.
    pub fn world(width: f64, lat_min: f64, lat_max: f64) -> Frame {
        Frame {
            scale: width / (2.0 * half_width()),
            lat_min,
            lat_max,
        }
    }

    /// Position in points of (lon, lat); the origin is the map's centre.
    pub fn point(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = equal_earth(lon, lat.clamp(self.lat_min, self.lat_max));
        (x * self.scale, y * self.scale)
    }

    /// The map's corners (lower-left, upper-right), in points.
    pub fn corners(&self) -> ((f64, f64), (f64, f64)) {
        let w = half_width() * self.scale;
        let y0 = equal_earth(0.0, self.lat_min).1 * self.scale;
        let y1 = equal_earth(0.0, self.lat_max).1 * self.scale;
        ((-w, y0), (w, y1))
    }
}

fn xdot_colour(op: char, c: &str) -> String {
    format!("{op} {} -{c} ", c.len())
}

/// xdot drawing operations (Graphviz `_background`) for the map: the sphere's outline filled
/// in `sea`, then every country (except Antarctica) filled in `land` with `border` lines.
pub fn background(frame: &Frame, sea: &str, land: &str, border: &str) -> String {
    let mut s = String::new();
    // The outline of the world (the graticule's edge): meridians ±180 from lat_min to lat_max.
    let mut ring = vec![];
    let steps = 36;
    for i in 0..=steps {
        let lat = frame.lat_min + (frame.lat_max - frame.lat_min) * i as f64 / steps as f64;
        ring.push(frame.point(180.0, lat));
    }
    for i in 0..=steps {
        let lat = frame.lat_max - (frame.lat_max - frame.lat_min) * i as f64 / steps as f64;
        ring.push(frame.point(-180.0, lat));
    }
    s.push_str(&xdot_colour('C', sea));
    s.push_str(&xdot_colour('c', sea));
    push_polygon(&mut s, &ring);
    s.push_str(&xdot_colour('C', land));
    s.push_str(&xdot_colour('c', border));
    let style = "setlinewidth(0.3)";
    let _ = write!(s, "S {} -{style} ", style.len());
    for ring in country_rings() {
        let mut pts: Vec<(f64, f64)> = vec![];
        for (lon, lat) in ring {
            let q = frame.point(lon, lat);
            let q = ((q.0 * 10.0).round() / 10.0, (q.1 * 10.0).round() / 10.0);
            if pts.last() != Some(&q) {
                pts.push(q);
            }
        }
        if pts.len() >= 3 {
            push_polygon(&mut s, &pts);
        }
    }
    s
}

/// The exterior ring of every country polygon of [`COUNTRIES_GEOJSON`] except Antarctica's,
/// as (longitude, latitude) in degrees, in file order (holes are left out: the countries
/// inside them are drawn over them).
pub fn country_rings() -> Vec<Vec<(f64, f64)>> {
    let Ok(json) = serde_json::from_str::<serde_json::Value>(COUNTRIES_GEOJSON) else {
        return vec![];
    };
    let mut out = vec![];
    for f in json["features"].as_array().into_iter().flatten() {
        if f["properties"]["name"].as_str() == Some("Antarctica") {
            continue;
        }
        let geom = &f["geometry"];
        let polys: Vec<&serde_json::Value> = match geom["type"].as_str() {
            Some("Polygon") => vec![&geom["coordinates"]],
            Some("MultiPolygon") => geom["coordinates"]
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default(),
            _ => vec![],
        };
        for poly in polys {
            let Some(outer) = poly.get(0).and_then(|r| r.as_array()) else {
                continue;
            };
            out.push(
                outer
                    .iter()
                    .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
                    .collect(),
            );
        }
    }
    out
}

fn push_polygon(s: &mut String, pts: &[(f64, f64)]) {
    let _ = write!(s, "P {}", pts.len());
    for (x, y) in pts {
        let _ = write!(s, " {x:.1} {y:.1}");
    }
    s.push(' ');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_earth_reference_values() {
        let (x, y) = equal_earth(0.0, 0.0);
        assert!(x.abs() < 1e-12 && y.abs() < 1e-12);
        // x at 180° on the equator is π / (M·A1) ≈ 2.7066 and y at the pole ≈ 1.3174: the
        // published width-to-height ratio of about 2.05 (same numbers as d3-geo's
        // geoEqualEarth raw projection).
        let xmax = std::f64::consts::PI / (3f64.sqrt() / 2.0 * A1);
        assert!((half_width() - xmax).abs() < 1e-12, "{}", half_width());
        assert!((xmax - 2.7066).abs() < 1e-4);
        assert!((equal_earth(0.0, 90.0).1 - 1.3174).abs() < 1e-3);
        assert!((half_width() / equal_earth(0.0, 90.0).1 - 2.05).abs() < 0.01);
        // Symmetric.
        let (a, b) = equal_earth(-30.0, -40.0);
        let (c, d) = equal_earth(30.0, 40.0);
        assert!((a + c).abs() < 1e-12 && (b + d).abs() < 1e-12);
    }

    #[test]
    fn outlines_parse() {
        let f = Frame::world(500.0, -58.0, 85.0);
        let bg = background(&f, "#FFFFFF", "#EEEEEE", "#BBBBBB");
        assert!(
            bg.matches("P ").count() > 150,
            "{}",
            bg.matches("P ").count()
        );
    }
}
