//! The map of one relative hinterworld: every city with coordinates on the Equal Earth world
//! map (Natural Earth outlines, as the map view), coloured by its residual — how much more
//! (orange) or less (blue) it is tied to the chosen city than its overall connectivity
//! predicts. The chosen city is ringed in black; the five largest positive residuals (and
//! those tied with the fifth, up to eight) are numbered beside their cities and named, with
//! their residuals, in the caption. 174 mm wide (a journal's full width) at 300 dpi, plotters,
//! SVG and PNG.

use super::charts::{axis_number, draw_png, draw_svg, err, px, ChartFormat, FAMILY};
use super::geo::{country_rings, Frame};
use crate::error::Result;
use crate::model::Dataset;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Width in pixels: 174 mm at 300 dpi.
const MAP_WIDTH: u32 = 2055;

/// A file-name-safe form of a city name (letters and digits kept, the rest `_`).
pub fn slug(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect()
}

/// Blue (negative) – light grey (0) – vermillion (positive), Okabe–Ito ends, `t` in [−1, 1].
fn diverging(t: f64) -> RGBColor {
    let t = t.clamp(-1.0, 1.0);
    let mid = (235.0, 235.0, 235.0);
    let end = if t < 0.0 {
        (0.0, 114.0, 178.0)
    } else {
        (213.0, 94.0, 0.0)
    };
    let a = t.abs();
    let mix = |m: f64, e: f64| (m + (e - m) * a).round() as u8;
    RGBColor(mix(mid.0, end.0), mix(mid.1, end.1), mix(mid.2, end.2))
}

/// The country outlines of `frame` (points on the frame; see [`super::geo::country_rings`]).
fn outlines(frame: &Frame) -> Vec<Vec<(f64, f64)>> {
    country_rings()
        .into_iter()
        .map(|ring| {
            ring.into_iter()
                .map(|(lon, lat)| frame.point(lon, lat))
                .collect::<Vec<_>>()
        })
        .filter(|pts| pts.len() >= 3)
        .collect()
}

/// The map of the hinterworld of city `a` from its rows `(b, r_ab, fitted, residual)`, as
/// `[("svg", bytes), ("png", bytes)]`.
pub fn map(
    ds: &Dataset,
    a: usize,
    rows: &[(u32, f64, f64, f64)],
) -> Result<Vec<(&'static str, Vec<u8>)>> {
    let mut out = vec![];
    for (ext, f) in [("svg", ChartFormat::Svg), ("png", ChartFormat::Png)] {
        out.push((ext, draw(ds, a, rows, f)?));
    }
    Ok(out)
}

/// How many of the largest positive residuals are numbered, and at most how many when some tie
/// with the last.
const LABELLED: usize = 5;
const LABELLED_TIED: usize = 8;
/// Above this many cities the map is dense: every city a small translucent dot, and only the
/// [`DENSE_OUTLINED`] largest |residuals| full-size, opaque and outlined, so that a cluster
/// of thousands of cities does not merge into one solid mass of outlines.
const DENSE_CITIES: usize = 1000;
const DENSE_OUTLINED: usize = 400;

/// A city placed on the map: its id, its point on the frame, its residual.
type Placed = (usize, (f64, f64), f64);

/// What the map shows: the frame, the placed cities, the labelled ones, the centre, the
/// colour scale (largest |residual|) and the texts.
struct Hinterworld<'a> {
    ds: &'a Dataset,
    a: usize,
    frame: Frame,
    placed: Vec<Placed>,
    labelled: Vec<Placed>,
    scale: f64,
    map_h: u32,
    title: String,
    caption: String,
    caption2: String,
}

fn draw(
    ds: &Dataset,
    a: usize,
    rows: &[(u32, f64, f64, f64)],
    format: ChartFormat,
) -> Result<Vec<u8>> {
    let hw = layout(ds, a, rows);
    let lines: usize = [&hw.caption, &hw.caption2]
        .iter()
        .map(|c| super::text::wrap(c, px(6.5), MAP_WIDTH as f64 - px(10.0)).len())
        .sum();
    let h = hw.map_h + (px(40.0) + px(8.0) * lines as f64) as u32;
    match format {
        ChartFormat::Svg => draw_svg(MAP_WIDTH, h, |root| body(root, &hw)),
        ChartFormat::Png => draw_png(MAP_WIDTH, h, |root| body(root, &hw)),
    }
}

/// Places the cities with coordinates, chooses the labels and writes the captions.
fn layout<'a>(ds: &'a Dataset, a: usize, rows: &[(u32, f64, f64, f64)]) -> Hinterworld<'a> {
    let frame = Frame::world(1.0, -58.0, 85.0);
    let ((x0, y0), (x1, y1)) = frame.corners();
    let map_h = (MAP_WIDTH as f64 * (y1 - y0) / (x1 - x0)) as u32;
    let placed: Vec<Placed> = rows
        .iter()
        .filter_map(|&(b, _, _, res)| {
            let c = &ds.cities[b as usize];
            Some((b as usize, frame.point(c.lon?, c.lat?), res))
        })
        .collect();
    let left_out = rows.len() - placed.len();
    let scale = placed.iter().map(|p| p.2.abs()).fold(0.0f64, f64::max);
    let scale = if scale > 0.0 { scale } else { 1.0 };
    let mut top: Vec<&Placed> = placed.iter().filter(|p| p.2 > 0.0).collect();
    top.sort_by(|p, q| q.2.total_cmp(&p.2).then(p.0.cmp(&q.0)));
    // The five largest positive residuals (and those tied with the fifth, up to eight), each
    // numbered on the map beside its city and named in the key under it: names at their
    // cities would pile up where the cities cluster.
    let mut labelled: Vec<Placed> = vec![];
    for p in top {
        let tied = labelled.last().is_some_and(|q| q.2 == p.2);
        if labelled.len() >= LABELLED && !(tied && labelled.len() < LABELLED_TIED) {
            break;
        }
        labelled.push(*p);
    }
    let key = labelled
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "{} {} (+{})",
                i + 1,
                ds.cities[p.0].name,
                axis_number((p.2 * 1000.0).round() / 1000.0)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let caption = format!(
        "Colour: residual of r_ab = Σ_p v_ap·v_bp (products of service values) on the OLS fit α + β·gnc_b over all other cities (orange: more tied to {} than its connectivity predicts; blue: less); range ±{}.",
        ds.cities[a].name,
        axis_number((scale * 100.0).round() / 100.0)
    );
    let dense = if placed.len() > DENSE_CITIES {
        format!(
            "; the {DENSE_OUTLINED} largest |residuals| as outlined discs, the other {} as small translucent dots",
            placed.len() - DENSE_OUTLINED
        )
    } else {
        String::new()
    };
    let caption2 = format!(
        "{} cities drawn{}{dense}. Numbered: the largest positive residuals: {key}. Equal Earth projection, Natural Earth outlines.",
        placed.len(),
        if left_out > 0 {
            format!(", {left_out} without coordinates left out")
        } else {
            String::new()
        }
    );
    Hinterworld {
        ds,
        a,
        frame,
        placed,
        labelled,
        scale,
        map_h,
        title: format!("Relative hinterworld of {}", ds.city_label(a)),
        caption,
        caption2,
    }
}

fn body<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, hw: &Hinterworld) -> Result<()> {
    let ((x0, y0), (x1, y1)) = hw.frame.corners();
    let (map_area, bottom) = root.split_vertically(hw.map_h + px(14.0) as u32);
    let mut chart = ChartBuilder::on(&map_area)
        .caption(
            &hw.title,
            (FAMILY, px(9.0)).into_font().style(FontStyle::Bold),
        )
        .margin(px(3.0) as u32)
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(err)?;
    let land = RGBColor(225, 225, 225);
    for poly in outlines(&hw.frame) {
        chart
            .draw_series(std::iter::once(Polygon::new(poly.clone(), land.filled())))
            .map_err(err)?;
        let mut ring = poly;
        ring.push(ring[0]);
        chart
            .draw_series(std::iter::once(PathElement::new(
                ring,
                RGBColor(190, 190, 190).stroke_width(1),
            )))
            .map_err(err)?;
    }
    cities(&mut chart, hw)?;
    colour_bar(&bottom, hw)
}

/// The cities (smallest |residual| first, so the strongest colours are on top), the centre's
/// ring and name, and the labels.
fn cities<DB: DrawingBackend>(
    chart: &mut ChartContext<DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    hw: &Hinterworld,
) -> Result<()> {
    let (dots, full) = by_size(hw);
    chart
        .draw_series(dots.iter().map(|p| {
            let c = diverging(p.2 / hw.scale).mix(0.55);
            Circle::new(p.1, px(1.3) as i32, c.filled())
        }))
        .map_err(err)?;
    chart
        .draw_series(
            full.iter()
                .map(|p| Circle::new(p.1, px(2.6) as i32, diverging(p.2 / hw.scale).filled())),
        )
        .map_err(err)?;
    chart
        .draw_series(
            full.iter()
                .map(|p| Circle::new(p.1, px(2.6) as i32, RGBColor(90, 90, 90).stroke_width(1))),
        )
        .map_err(err)?;
    let centre = &hw.ds.cities[hw.a];
    if let (Some(lon), Some(lat)) = (centre.lon, centre.lat) {
        let q = hw.frame.point(lon, lat);
        chart
            .draw_series(std::iter::once(Circle::new(
                q,
                px(4.5) as i32,
                BLACK.stroke_width(px(1.2) as u32),
            )))
            .map_err(err)?;
        // The name left of the ring, so that the numbers (right of their cities) stay clear.
        let ((x0, _), (x1, _)) = hw.frame.corners();
        let per_px = (x1 - x0) / MAP_WIDTH as f64;
        let w = super::text::width(&centre.name, px(8.0)) * 1.1 * per_px;
        chart
            .draw_series(std::iter::once(Text::new(
                centre.name.clone(),
                (q.0 - w - px(6.0) * per_px, q.1 + px(4.0) * per_px),
                (FAMILY, px(8.0)).into_font().style(FontStyle::Bold),
            )))
            .map_err(err)?;
    }
    // Each number on a white box, beside its city or, where the cities cluster, in a column
    // joined to it by a thin leader line (see `place_numbers`).
    let ((x0, _), (x1, _)) = hw.frame.corners();
    let per_px = (x1 - x0) / MAP_WIDTH as f64;
    for (i, at, p) in place_numbers(hw, per_px) {
        let label = format!("{}", i + 1);
        let (w, h, pad) = (
            super::text::width(&label, px(NUMBER_PT)) * 1.1 * per_px,
            px(NUMBER_PT) * 0.95 * per_px,
            px(1.2) * per_px,
        );
        let corners = [(at.0 - pad, at.1 + pad), (at.0 + w + pad, at.1 - h - pad)];
        let brown = RGBColor(120, 50, 0);
        let end = (at.0 - pad, at.1 - h / 2.0);
        if (end.0 - p.0).hypot(end.1 - p.1) > px(8.0) * per_px {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![p, end],
                    brown.stroke_width(1),
                )))
                .map_err(err)?;
        }
        chart
            .draw_series([
                Rectangle::new(corners, WHITE.filled()),
                Rectangle::new(corners, brown.stroke_width(1)),
            ])
            .map_err(err)?;
        chart
            .draw_series(std::iter::once(Text::new(
                label,
                at,
                (FAMILY, px(NUMBER_PT))
                    .into_font()
                    .style(FontStyle::Bold)
                    .color(&brown),
            )))
            .map_err(err)?;
    }
    Ok(())
}

/// Size of the numbers, in points.
const NUMBER_PT: f64 = 7.5;

/// A number of the key on the map: its index among the numbered cities, the top-left corner
/// of its text and the point of its city.
type Number = (usize, (f64, f64), (f64, f64));

/// A city whose number sits beside it has fewer than this many outlined discs within
/// [`CROWD_PT`] of it.
const CROWD: usize = 6;
const CROWD_PT: f64 = 12.0;
/// Numbered cities in a cluster further apart than this across get columns of their own.
const GROUP_PT: f64 = 80.0;
/// The discs that cluster with numbered cities: each within this of the next.
const JOIN_PT: f64 = 15.0;

/// Where each number stands: `(index, top-left corner of its text, its city's point)`.
/// A number stands beside its city (right of it, as a label) unless the city sits in a
/// cluster of outlined discs or its box would cover another number's; those numbers form one
/// column instead (see [`number_column`]), joined to their cities by leader lines.
fn place_numbers(hw: &Hinterworld, per_px: f64) -> Vec<Number> {
    let (_, outlined) = by_size(hw);
    let near = px(CROWD_PT) * per_px;
    let step = px(NUMBER_PT + 5.0) * per_px;
    let width = (super::text::width("8", px(NUMBER_PT)) * 1.1 + px(4.0)) * per_px;
    let beside = |p: (f64, f64)| (p.0 + px(3.5) * per_px, p.1 + px(3.0) * per_px);
    let mut placed: Vec<Number> = vec![];
    let mut moved: Vec<usize> = vec![];
    for (i, c) in hw.labelled.iter().enumerate() {
        let crowd = (outlined.iter())
            .filter(|q| (q.1 .0 - c.1 .0).hypot(q.1 .1 - c.1 .1) <= near)
            .count();
        let at = beside(c.1);
        let covers = |q: &Number| (q.1 .0 - at.0).abs() < width && (q.1 .1 - at.1).abs() < step;
        if crowd >= CROWD || placed.iter().any(covers) {
            moved.push(i);
        } else {
            placed.push((i, at, c.1));
        }
    }
    // One column per group of moved numbers (cities apart by more than `apart` across are in
    // different groups, e.g. Europe and North America).
    moved.sort_by(|&a, &b| hw.labelled[a].1 .0.total_cmp(&hw.labelled[b].1 .0));
    let apart = px(GROUP_PT) * per_px;
    let mut group: Vec<usize> = vec![];
    for i in moved {
        if let Some(&last) = group.last() {
            if hw.labelled[i].1 .0 - hw.labelled[last].1 .0 > apart {
                placed.extend(number_column(hw, &outlined, &group, per_px));
                group.clear();
            }
        }
        group.push(i);
    }
    placed.extend(number_column(hw, &outlined, &group, per_px));
    placed
}

/// The placed cities by |residual|, smallest first (so that the strongest colours are drawn on
/// top), split into the small dots and the outlined discs: every city is outlined, or on a
/// dense map the [`DENSE_OUTLINED`] largest |residuals|.
fn by_size<'h>(hw: &'h Hinterworld) -> (Vec<&'h Placed>, Vec<&'h Placed>) {
    let mut order: Vec<&Placed> = hw.placed.iter().collect();
    order.sort_by(|p, q| p.2.abs().total_cmp(&q.2.abs()).then(p.0.cmp(&q.0)));
    let first = if order.len() > DENSE_CITIES {
        order.len() - DENSE_OUTLINED
    } else {
        0
    };
    let full = order.split_off(first);
    (order, full)
}

/// The column of the numbers `which`: top to bottom in the order of their cities' heights (so
/// that the leader lines do not cross), right of their cities and of the outlined discs that
/// cluster with them at the column's height (left of them when there is no room on the
/// right), centred on the cities' mean height and kept inside the map.
fn number_column(
    hw: &Hinterworld,
    outlined: &[&Placed],
    which: &[usize],
    per_px: f64,
) -> Vec<Number> {
    if which.is_empty() {
        return vec![];
    }
    let ((x0, y0), (x1, y1)) = hw.frame.corners();
    let step = px(NUMBER_PT + 5.0) * per_px;
    let width = (super::text::width("8", px(NUMBER_PT)) * 1.1 + px(4.0)) * per_px;
    let cities: Vec<&Placed> = which.iter().map(|&i| &hw.labelled[i]).collect();
    let n = cities.len() as f64;
    let mean = cities.iter().map(|p| p.1 .1).sum::<f64>() / n;
    let top = (mean + step * n / 2.0).min(y1 - px(4.0) * per_px);
    let top = top.max(y0 + step * n);
    // Clear of the outlined discs at the column's height, not only of the numbered cities.
    let band = (top - step * n - step, top + step);
    let mut xs: Vec<f64> = (outlined.iter())
        .filter(|p| p.1 .1 >= band.0 && p.1 .1 <= band.1)
        .map(|p| p.1 .0)
        .collect();
    xs.sort_by(f64::total_cmp);
    let (lo, hi) = (cities.iter().map(|p| p.1 .0))
        .fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
    // The cluster around the numbered cities: discs closer than `join` to it, step by step
    // (a disc across an ocean does not push the column there).
    let join = px(JOIN_PT) * per_px;
    let hi = xs
        .iter()
        .filter(|&&x| x > hi)
        .fold(hi, |h, &x| if x - h <= join { x } else { h });
    let lo = (xs.iter().rev())
        .filter(|&&x| x < lo)
        .fold(lo, |l, &x| if l - x <= join { x } else { l });
    let gap = px(12.0) * per_px;
    let x = if hi + gap + width < x1 {
        hi + gap
    } else {
        (lo - gap - width).max(x0)
    };
    let mut order: Vec<usize> = which.to_vec();
    order.sort_by(|&a, &b| hw.labelled[b].1 .1.total_cmp(&hw.labelled[a].1 .1));
    order
        .into_iter()
        .enumerate()
        .map(|(k, i)| (i, (x, top - step * k as f64), hw.labelled[i].1))
        .collect()
}

/// The colour bar with its limits, and the two caption lines.
fn colour_bar<DB: DrawingBackend>(bottom: &DrawingArea<DB, Shift>, hw: &Hinterworld) -> Result<()> {
    let bar_w = px(120.0);
    let steps = 40;
    for s in 0..steps {
        let t = -1.0 + 2.0 * (s as f64 + 0.5) / steps as f64;
        let x = px(8.0) + bar_w * s as f64 / steps as f64;
        bottom
            .draw(&Rectangle::new(
                [
                    (x as i32, 0),
                    ((x + bar_w / steps as f64 + 1.0) as i32, px(6.0) as i32),
                ],
                diverging(t).filled(),
            ))
            .map_err(err)?;
    }
    let small = (FAMILY, px(6.5)).into_font().color(&RGBColor(51, 51, 51));
    let lim = axis_number((hw.scale * 100.0).round() / 100.0);
    let texts = [
        ("residual of r_ab".to_string(), (px(12.0) + bar_w) as i32, 0),
        (format!("−{lim}"), px(8.0) as i32, px(8.0) as i32),
        (
            "0".to_string(),
            (px(8.0) + bar_w / 2.0) as i32,
            px(8.0) as i32,
        ),
        (
            format!("+{lim}"),
            (px(8.0) + bar_w) as i32 - px(8.0) as i32,
            px(8.0) as i32,
        ),
    ];
    let lines: Vec<String> = [&hw.caption, &hw.caption2]
        .iter()
        .flat_map(|c| super::text::wrap(c, px(6.5), MAP_WIDTH as f64 - px(10.0)))
        .collect();
    let texts = texts.into_iter().chain(
        lines
            .into_iter()
            .enumerate()
            .map(|(i, l)| (l, px(4.0) as i32, (px(20.0) + px(8.0) * i as f64) as i32)),
    );
    for (text, x, y) in texts {
        bottom
            .draw(&Text::new(text, (x, y), small.clone()))
            .map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{City, InputKind};

    fn dataset(n: usize) -> Dataset {
        let mut ds = Dataset::empty(
            "t",
            InputKind::MembershipTable,
            std::path::Path::new("t.csv"),
        );
        ds.cities = (0..n)
            .map(|i| City {
                name: format!("c{i}"),
                country: String::new(),
                lat: Some(40.0 + (i % 100) as f64 * 0.1),
                lon: Some(-3.0 + (i / 100) as f64 * 0.1),
                attrs: Default::default(),
            })
            .collect();
        ds
    }

    fn rows(n: usize) -> Vec<(u32, f64, f64, f64)> {
        (1..n as u32)
            .map(|b| (b, 0.0, 0.0, b as f64 - 700.0))
            .collect()
    }

    #[test]
    fn a_dense_map_draws_most_cities_as_dots_and_says_so() {
        let ds = dataset(1500);
        let hw = layout(&ds, 0, &rows(1500));
        assert_eq!(hw.placed.len(), 1499);
        assert!(
            hw.caption2
                .contains("the 400 largest |residuals| as outlined discs, the other 1099"),
            "{}",
            hw.caption2
        );
        // the numbered cities are the largest positive residuals, largest first
        let numbered: Vec<usize> = hw.labelled.iter().map(|p| p.0).collect();
        assert_eq!(numbered, [1499, 1498, 1497, 1496, 1495]);
    }

    /// Where the numbered cities sit in a cluster, their numbers stand in one column right of
    /// it, one under the other without overlapping, in the order of their cities' heights (so
    /// that the leader lines do not cross).
    #[test]
    fn numbers_of_clustered_cities_stand_in_a_column_clear_of_the_cluster() {
        let ds = dataset(1500);
        let hw = layout(&ds, 0, &rows(1500));
        let ((x0, _), (x1, _)) = hw.frame.corners();
        let per_px = (x1 - x0) / MAP_WIDTH as f64;
        let mut col = place_numbers(&hw, per_px);
        assert_eq!(col.len(), hw.labelled.len());
        col.sort_by(|a, b| b.1 .1.total_cmp(&a.1 .1));
        let cluster_right = hw.placed.iter().map(|p| p.1 .0).fold(f64::MIN, f64::max);
        let step = px(NUMBER_PT + 5.0) * per_px;
        for w in col.windows(2) {
            assert_eq!(w[0].1 .0, w[1].1 .0, "one column");
            assert!(w[0].1 .1 - w[1].1 .1 >= step - 1e-12, "boxes overlap");
            assert!(w[0].2 .1 >= w[1].2 .1, "lines cross");
        }
        assert!(
            col[0].1 .0 > cluster_right,
            "the column stands on the cluster"
        );
    }

    /// Cities far apart keep their numbers beside them.
    #[test]
    fn numbers_of_scattered_cities_stand_beside_them() {
        let mut ds = dataset(6);
        for (i, c) in ds.cities.iter_mut().enumerate() {
            c.lon = Some(-150.0 + 60.0 * i as f64);
            c.lat = Some(-40.0 + 15.0 * i as f64);
        }
        let rows: Vec<(u32, f64, f64, f64)> = (1..6).map(|b| (b, 0.0, 0.0, b as f64)).collect();
        let hw = layout(&ds, 0, &rows);
        let ((x0, _), (x1, _)) = hw.frame.corners();
        let per_px = (x1 - x0) / MAP_WIDTH as f64;
        let nums = place_numbers(&hw, per_px);
        assert_eq!(nums.len(), 5);
        for (_, at, p) in nums {
            assert!(
                (at.0 - p.0).hypot(at.1 - p.1) < px(8.0) * per_px,
                "{at:?} {p:?}"
            );
        }
    }

    #[test]
    fn a_sparse_map_outlines_every_city() {
        let ds = dataset(300);
        let hw = layout(&ds, 0, &rows(300));
        assert!(!hw.caption2.contains("translucent"), "{}", hw.caption2);
        assert!(
            hw.caption2.starts_with("299 cities drawn."),
            "{}",
            hw.caption2
        );
    }
}
