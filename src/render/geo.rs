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
    /// The part of the projected world shown, `(x0, y0, x1, y1)` in unit-sphere coordinates;
    /// `None`: the whole world.
    pub window: Option<(f64, f64, f64, f64)>,
    /// Added to every projected point (points): moves the window's centre, or an inset.
    pub offset: (f64, f64),
}

impl Frame {
    /// A world frame `width` points wide, from `lat_min` to `lat_max`.
    pub fn world(width: f64, lat_min: f64, lat_max: f64) -> Frame {
        Frame {
            scale: width / (2.0 * half_width()),
            lat_min,
            lat_max,
            window: None,
            offset: (0.0, 0.0),
        }
    }

    /// A frame showing the longitude–latitude box `(lon0, lat0, lon1, lat1)` (its projected
    /// bounding box), at most `width` points wide and `max_h` high, centred on the origin.
    pub fn window(width: f64, max_h: f64, b: (f64, f64, f64, f64)) -> Frame {
        let (lon0, lat0, lon1, lat1) = b;
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for i in 0..=20 {
            let t = i as f64 / 20.0;
            for (lon, lat) in [
                (lon0 + (lon1 - lon0) * t, lat0),
                (lon0 + (lon1 - lon0) * t, lat1),
                (lon0, lat0 + (lat1 - lat0) * t),
                (lon1, lat0 + (lat1 - lat0) * t),
            ] {
                let (x, y) = equal_earth(lon, lat);
                x0 = x0.min(x);
                x1 = x1.max(x);
                y0 = y0.min(y);
                y1 = y1.max(y);
            }
        }
        let scale = (width / (x1 - x0).max(1e-9)).min(max_h / (y1 - y0).max(1e-9));
        Frame {
            scale,
            lat_min: -90.0,
            lat_max: 90.0,
            window: Some((x0, y0, x1, y1)),
            offset: (-(x0 + x1) / 2.0 * scale, -(y0 + y1) / 2.0 * scale),
        }
    }

    /// Position in points of (lon, lat); the origin is the map's centre.
    pub fn point(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = equal_earth(lon, lat.clamp(self.lat_min, self.lat_max));
        (
            x * self.scale + self.offset.0,
            y * self.scale + self.offset.1,
        )
    }

    /// Whether (lon, lat) falls inside the frame's window (always, for the whole world).
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        match self.window {
            None => true,
            Some((x0, y0, x1, y1)) => {
                let (x, y) = equal_earth(lon, lat);
                x >= x0 && x <= x1 && y >= y0 && y <= y1
            }
        }
    }

    /// The map's corners (lower-left, upper-right), in points.
    pub fn corners(&self) -> ((f64, f64), (f64, f64)) {
        let (s, o) = (self.scale, self.offset);
        match self.window {
            Some((x0, y0, x1, y1)) => ((x0 * s + o.0, y0 * s + o.1), (x1 * s + o.0, y1 * s + o.1)),
            None => {
                let w = half_width() * s;
                let y0 = equal_earth(0.0, self.lat_min).1 * s;
                let y1 = equal_earth(0.0, self.lat_max).1 * s;
                ((o.0 - w, y0 + o.1), (o.0 + w, y1 + o.1))
            }
        }
    }
}

/// The box `(lon0, lat0, lon1, lat1)` holding the central `share` of `points` (lon, lat) in
/// each direction (the quantiles `(1 − share)/2` and `(1 + share)/2`), widened by a tenth of
/// its size (at least 2°); `None` when that box spans most of the world (over 200° of
/// longitude or 110° of latitude), so that the whole world is the better frame.
pub fn data_box(points: &[(f64, f64)], share: f64) -> Option<(f64, f64, f64, f64)> {
    if points.is_empty() {
        return None;
    }
    let quantiles = |mut v: Vec<f64>| {
        v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
        (at((1.0 - share) / 2.0), at((1.0 + share) / 2.0))
    };
    let (lon0, lon1) = quantiles(points.iter().map(|p| p.0).collect());
    let (lat0, lat1) = quantiles(points.iter().map(|p| p.1).collect());
    let pad = |a: f64, b: f64| ((b - a) * 0.1).max(2.0);
    let (px, py) = (pad(lon0, lon1), pad(lat0, lat1));
    let b = (
        (lon0 - px).max(-180.0),
        (lat0 - py).max(-85.0),
        (lon1 + px).min(180.0),
        (lat1 + py).min(85.0),
    );
    (b.2 - b.0 <= 200.0 && b.3 - b.1 <= 110.0).then_some(b)
}

fn xdot_colour(op: char, c: &str) -> String {
    format!("{op} {} -{c} ", c.len())
}

/// xdot drawing operations (Graphviz `_background`) for the map: the sphere's outline (or the
/// window's rectangle) filled in `sea`, then every country (except Antarctica) filled in
/// `land` with `border` lines, clipped to the window.
pub fn background(frame: &Frame, sea: &str, land: &str, border: &str) -> String {
    let mut s = String::new();
    let clip = frame.window.map(|_| {
        let (lo, hi) = frame.corners();
        (lo.0, lo.1, hi.0, hi.1)
    });
    let ring = match clip {
        Some((x0, y0, x1, y1)) => vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1)],
        None => {
            // The outline of the world (the graticule's edge): meridians ±180 from lat_min to
            // lat_max.
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
            ring
        }
    };
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
        if let Some(r) = clip {
            pts = clip_polygon(&pts, r);
        }
        if pts.len() >= 3 {
            push_polygon(&mut s, &pts);
        }
    }
    s
}

/// xdot operations for filled dots `(x, y, diameter, colour)` (a colour change only where the
/// colour changes).
pub fn dots(points: &[(f64, f64, f64, String)]) -> String {
    let mut s = String::new();
    let mut last = "";
    for (x, y, d, c) in points {
        if c != last {
            s.push_str(&xdot_colour('C', c));
            s.push_str(&xdot_colour('c', c));
            last = c;
        }
        let _ = write!(s, "E {x:.1} {y:.1} {:.2} {:.2} ", d / 2.0, d / 2.0);
    }
    s
}

/// xdot operations for a straight line from `a` to `b` in `colour`, `width` points wide.
pub fn line(a: (f64, f64), b: (f64, f64), colour: &str, width: f64) -> String {
    let mut s = xdot_colour('c', colour);
    let style = format!("setlinewidth({width:.2})");
    let _ = write!(
        s,
        "S {} -{style} L 2 {:.1} {:.1} {:.1} {:.1} ",
        style.len(),
        a.0,
        a.1,
        b.0,
        b.1
    );
    s
}

/// xdot operations for a filled polygon `pts` in `fill` outlined in `line` at `width` points.
pub fn polygon(pts: &[(f64, f64)], fill: &str, line: &str, width: f64) -> String {
    let mut s = String::new();
    s.push_str(&xdot_colour('C', fill));
    s.push_str(&xdot_colour('c', line));
    let style = format!("setlinewidth({width})");
    let _ = write!(s, "S {} -{style} ", style.len());
    push_polygon(&mut s, pts);
    s
}

/// `pts` clipped to the rectangle `(x0, y0, x1, y1)` (Sutherland–Hodgman).
pub fn clip_polygon(pts: &[(f64, f64)], r: (f64, f64, f64, f64)) -> Vec<(f64, f64)> {
    let mut out = pts.to_vec();
    // Each edge: inside test and the intersection of a segment with the edge's line.
    let edges: [(usize, f64, bool); 4] = [
        (0, r.0, true),
        (0, r.2, false),
        (1, r.1, true),
        (1, r.3, false),
    ];
    for (axis, v, keep_above) in edges {
        let inside = |p: &(f64, f64)| {
            let c = if axis == 0 { p.0 } else { p.1 };
            if keep_above {
                c >= v
            } else {
                c <= v
            }
        };
        let cut = |a: &(f64, f64), b: &(f64, f64)| {
            let (ca, cb) = if axis == 0 { (a.0, b.0) } else { (a.1, b.1) };
            let t = (v - ca) / (cb - ca);
            let p = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            ((p.0 * 10.0).round() / 10.0, (p.1 * 10.0).round() / 10.0)
        };
        let input = std::mem::take(&mut out);
        for (i, cur) in input.iter().enumerate() {
            let prev = &input[(i + input.len() - 1) % input.len()];
            match (inside(prev), inside(cur)) {
                (true, true) => out.push(*cur),
                (true, false) => out.push(cut(prev, cur)),
                (false, true) => {
                    out.push(cut(prev, cur));
                    out.push(*cur);
                }
                (false, false) => {}
            }
        }
        if out.is_empty() {
            break;
        }
    }
    out
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
    fn clipping_keeps_the_part_inside() {
        let sq = vec![(-5.0, -5.0), (5.0, -5.0), (5.0, 5.0), (-5.0, 5.0)];
        let c = clip_polygon(&sq, (0.0, 0.0, 10.0, 10.0));
        let (xs, ys): (Vec<f64>, Vec<f64>) = c.iter().copied().unzip();
        assert!(xs.iter().all(|&x| (0.0..=5.0).contains(&x)), "{c:?}");
        assert!(ys.iter().all(|&y| (0.0..=5.0).contains(&y)), "{c:?}");
        assert_eq!(c.len(), 4);
        assert!(clip_polygon(&sq, (20.0, 20.0, 30.0, 30.0)).is_empty());
    }

    #[test]
    fn data_box_fits_a_european_cluster() {
        let mut pts: Vec<(f64, f64)> = (0..1000)
            .map(|i| (-5.0 + (i % 40) as f64, 40.0 + (i / 40) as f64))
            .collect();
        pts.push((-74.0, 40.7));
        pts.push((139.7, 35.7));
        let b = data_box(&pts, 0.98).unwrap();
        assert!(
            b.0 > -20.0 && b.2 < 50.0 && b.1 > 30.0 && b.3 < 80.0,
            "{b:?}"
        );
        let world: Vec<(f64, f64)> = (0..100).map(|i| (-170.0 + 3.4 * i as f64, 0.0)).collect();
        assert!(data_box(&world, 0.98).is_none());
        let f = Frame::window(500.0, 400.0, b);
        assert!(f.contains(10.0, 50.0) && !f.contains(-74.0, 40.7));
        let (lo, hi) = f.corners();
        assert!((hi.0 - lo.0 - 500.0).abs() < 1e-6 || (hi.1 - lo.1 - 400.0).abs() < 1e-6);
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
