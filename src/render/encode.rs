//! Visual encodings: node area by a metric, colour by a category, edge width by weight, and
//! the legend that explains them.

use super::palette;
use super::scene::{SEdge, SNode, SText, Scene, Shape};
use super::text;

/// Fill of cities whose category value is missing.
pub const UNKNOWN: &str = "#DDDDDD";
/// Fill of the categories past the palette ("other").
pub const OTHER: &str = "#AAAAAA";
/// Fill of cities whose programs disagree ("several programs", "mixed").
pub const MIXED: &str = "#666666";
/// Fill of every city when no colour is asked for.
pub const NEUTRAL: &str = "#56B4E9";

/// Node area proportional to a metric: diameter `max_d · sqrt(v / v_max)`, never below
/// `min_d` (so that every node stays visible; the floor is the only departure from strict
/// proportionality and is said in the legend's smallest circle).
#[derive(Debug, Clone)]
pub struct SizeScale {
    pub metric: String,
    pub v_max: f64,
    pub max_d: f64,
    pub min_d: f64,
}

impl SizeScale {
    /// A scale for `values` (negative and non-finite values count as 0).
    pub fn new(metric: &str, values: impl Iterator<Item = f64>, max_d: f64, min_d: f64) -> Self {
        let v_max = values
            .filter(|v| v.is_finite())
            .fold(0.0f64, f64::max)
            .max(f64::MIN_POSITIVE);
        SizeScale {
            metric: metric.to_string(),
            v_max,
            max_d,
            min_d,
        }
    }

    /// Diameter in points of a node of value `v`.
    pub fn diameter(&self, v: f64) -> f64 {
        let v = if v.is_finite() { v.max(0.0) } else { 0.0 };
        (self.max_d * (v / self.v_max).sqrt()).max(self.min_d)
    }

    /// Up to three round reference values for the legend (largest first).
    pub fn references(&self) -> Vec<f64> {
        let top = nice_floor(self.v_max);
        let mut out = vec![top];
        for f in [4.0, 16.0] {
            let v = nice_floor(top / f);
            if top >= 1.0 && v < 1.0 {
                continue;
            }
            if v > 0.0 && self.diameter(v) > self.min_d && !out.contains(&v) {
                out.push(v);
            }
        }
        out
    }
}

/// `x` rounded down to two significant digits (1, 2, 5 steps below 10).
pub fn nice_floor(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 0.0;
    }
    let e = x.log10().floor();
    let p = 10f64.powf(e - 1.0);
    let v = (x / p).floor() * p;
    if x < 1.0 {
        v
    } else {
        v.round()
    }
}

/// A number for a legend: integers without decimals, others with up to 3 significant digits.
pub fn fmt_value(v: f64) -> String {
    if v == v.round() && v.abs() < 1e9 {
        format!("{}", v as i64)
    } else {
        let s = if v.abs() >= 1.0 {
            format!("{v:.2}")
        } else {
            format!("{v:.3}")
        };
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Cities coloured by a category: the colour of each city and the legend entries.
#[derive(Debug, Clone)]
pub struct Categories {
    /// What the colour shows ("region", "community"...).
    pub title: String,
    /// Colour of each city.
    pub fill: Vec<String>,
    /// Legend entries (label, colour, number of cities), in legend order, over every city of
    /// the input; a figure that draws some of the cities lists [`Categories::drawn_entries`].
    pub entries: Vec<(String, String, usize)>,
    /// Each city's index in `entries` (none for the neutral colour of [`Categories::none`]).
    pub entry_of: Vec<Option<usize>>,
    /// Each city's value (`None`: unknown), to count the values "other" stands for.
    pub values: Vec<Option<String>>,
    /// The index of the "other" entry in `entries`, if there is one.
    pub other: Option<usize>,
}

/// The value of a city that belongs to programs with different values.
pub const SEVERAL: &str = "\u{1}several";

impl Categories {
    /// Every city in one neutral colour (no legend entry).
    pub fn none(n: usize) -> Categories {
        Categories {
            title: String::new(),
            fill: vec![NEUTRAL.to_string(); n],
            entries: vec![],
            entry_of: vec![None; n],
            values: vec![None; n],
            other: None,
        }
    }

    /// Categories from one optional value per city. The most frequent values (ties by name)
    /// get the palette's colours in order (Okabe–Ito, then Tol's muted: [`palette::CATEGORICAL`]);
    /// when there are more values than colours, the rarest share the grey "other". Missing
    /// values are "unknown" (light grey); [`SEVERAL`] is `several_label` (dark grey).
    pub fn from_values(title: &str, values: &[Option<String>], several_label: &str) -> Self {
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for v in values.iter().flatten() {
            if v != SEVERAL {
                *counts.entry(v.as_str()).or_default() += 1;
            }
        }
        let mut order: Vec<(&str, usize)> = counts.into_iter().collect();
        order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let n_colours = palette::CATEGORICAL.len();
        let coloured = if order.len() <= n_colours {
            order.len()
        } else {
            n_colours - 1
        };
        let colour_of: std::collections::HashMap<&str, &str> = order
            .iter()
            .take(coloured)
            .enumerate()
            .map(|(i, (v, _))| (*v, palette::category(i)))
            .collect();
        let fill: Vec<String> = values
            .iter()
            .map(|v| match v.as_deref() {
                None => UNKNOWN.to_string(),
                Some(SEVERAL) => MIXED.to_string(),
                Some(s) => colour_of.get(s).copied().unwrap_or(OTHER).to_string(),
            })
            .collect();
        let mut entries: Vec<(String, String, usize)> = order
            .iter()
            .take(coloured)
            .enumerate()
            .map(|(i, (v, c))| (v.to_string(), palette::category(i).to_string(), *c))
            .collect();
        let mut other = None;
        if order.len() > coloured {
            let rest: usize = order[coloured..].iter().map(|x| x.1).sum();
            other = Some(entries.len());
            entries.push((other_label(order.len() - coloured), OTHER.to_string(), rest));
        }
        let several = values
            .iter()
            .filter(|v| v.as_deref() == Some(SEVERAL))
            .count();
        let several_entry = (several > 0).then_some(entries.len());
        if several > 0 {
            entries.push((several_label.to_string(), MIXED.to_string(), several));
        }
        let unknown = values.iter().filter(|v| v.is_none()).count();
        let unknown_entry = (unknown > 0).then_some(entries.len());
        if unknown > 0 {
            entries.push(("unknown".to_string(), UNKNOWN.to_string(), unknown));
        }
        let index: std::collections::HashMap<&str, usize> = order
            .iter()
            .take(coloured)
            .enumerate()
            .map(|(i, (v, _))| (*v, i))
            .collect();
        let entry_of = values
            .iter()
            .map(|v| match v.as_deref() {
                None => unknown_entry,
                Some(SEVERAL) => several_entry,
                Some(s) => index.get(s).copied().or(other),
            })
            .collect();
        Categories {
            title: title.to_string(),
            fill,
            entries,
            entry_of,
            values: values.to_vec(),
            other,
        }
    }

    /// The legend entries of a figure that draws the cities `drawn`: each entry counts the
    /// drawn cities it colours, entries that colour none of them are left out, and "other"
    /// says how many values the drawn cities in it have (not how many the whole input has).
    /// Colours stay those of the whole input, so that figures of one input agree.
    pub fn drawn_entries(&self, drawn: &[u32]) -> Vec<(String, String, usize)> {
        let mut count = vec![0usize; self.entries.len()];
        let mut other_values = std::collections::BTreeSet::new();
        for &v in drawn {
            let Some(e) = self.entry_of[v as usize] else {
                continue;
            };
            count[e] += 1;
            if Some(e) == self.other {
                other_values.extend(self.values[v as usize].as_deref());
            }
        }
        self.entries
            .iter()
            .enumerate()
            .filter(|&(e, _)| count[e] > 0)
            .map(|(e, (label, colour, _))| {
                let label = if Some(e) == self.other {
                    other_label(other_values.len())
                } else {
                    label.clone()
                };
                (label, colour.clone(), count[e])
            })
            .collect()
    }
}

/// The legend label of the grey bucket that holds `k` values.
fn other_label(k: usize) -> String {
    if k == 1 {
        "other (1 value)".to_string()
    } else {
        format!("other ({k} values)")
    }
}

/// Edge width proportional to weight: `min_w + (max_w − min_w) · w / w_max` points.
#[derive(Debug, Clone)]
pub struct EdgeScale {
    pub w_min: f64,
    pub w_max: f64,
    pub min_pt: f64,
    pub max_pt: f64,
}

impl EdgeScale {
    /// A scale for `weights`.
    pub fn new(weights: impl Iterator<Item = f64>, min_pt: f64, max_pt: f64) -> Self {
        let (mut lo, mut hi) = (f64::MAX, 0.0f64);
        for w in weights.filter(|w| w.is_finite()) {
            lo = lo.min(w);
            hi = hi.max(w);
        }
        if lo > hi {
            lo = 1.0;
            hi = 1.0;
        }
        EdgeScale {
            w_min: lo,
            w_max: hi.max(f64::MIN_POSITIVE),
            min_pt,
            max_pt,
        }
    }

    /// Line width in points of an edge of weight `w`.
    pub fn width(&self, w: f64) -> f64 {
        if self.w_max <= self.w_min {
            return (self.min_pt + self.max_pt) / 3.0;
        }
        self.min_pt + (self.max_pt - self.min_pt) * (w / self.w_max).clamp(0.0, 1.0)
    }

    /// Whether the weights vary (otherwise the legend says "all weights W").
    pub fn varies(&self) -> bool {
        self.w_max > self.w_min
    }
}

/// What a legend shows.
#[derive(Debug, Clone, Default)]
pub struct Legend {
    /// Node kinds by shape (bipartite and ego figures): (label, shape, fill).
    pub shapes: Vec<(String, Shape, String)>,
    /// Colour section: title and entries (label, colour).
    pub colours: Option<(String, Vec<(String, String)>)>,
    /// Size section: the scale (references drawn as circles).
    pub size: Option<SizeScale>,
    /// Edge section: title, scale and edge colour.
    pub edges: Option<(String, EdgeScale, String)>,
    /// Extra edge kinds: (label, colour, dashed).
    pub edge_kinds: Vec<(String, String, bool)>,
    /// Caption sentences (what is shown, what was filtered).
    pub caption: Vec<String>,
    /// The label of the `shapes` entry drawn with a thick black ring (an ego view's centre).
    pub ringed: Option<String>,
}

/// Sizes of legend text.
pub const LEGEND_PT: f64 = 6.5;
const HEAD_PT: f64 = 6.5;
const CAPTION_PT: f64 = 6.0;

struct Flow<'a> {
    scene: &'a mut Scene,
    x0: f64,
    width: f64,
    x: f64,
    /// Top of the current row.
    y: f64,
    row_h: f64,
}

impl Flow<'_> {
    fn heading(&mut self, s: &str) {
        self.newline();
        let h = text::line_height(HEAD_PT);
        self.scene.texts.push(SText {
            x: self.x0,
            y: self.y - h,
            lines: vec![s.to_string()],
            size: HEAD_PT,
            color: "#000000".into(),
            bold: true,
            halo: false,
        });
        self.y -= h + 1.0;
    }

    fn newline(&mut self) {
        if self.x > self.x0 {
            self.y -= self.row_h + 2.0;
        }
        self.x = self.x0;
        self.row_h = 0.0;
    }

    /// Reserves an item of `w` × `h`; returns its left x and its vertical centre.
    fn item(&mut self, w: f64, h: f64) -> (f64, f64) {
        if self.x > self.x0 && self.x + w > self.x0 + self.width {
            self.newline();
        }
        let at = (self.x, self.y - h / 2.0);
        self.x += w + 8.0;
        self.row_h = self.row_h.max(h);
        at
    }

    fn text_at(&mut self, x: f64, cy: f64, s: &str) {
        let h = text::line_height(LEGEND_PT);
        self.scene.texts.push(SText {
            x,
            y: cy - h / 2.0,
            lines: vec![s.to_string()],
            size: LEGEND_PT,
            color: "#000000".into(),
            bold: false,
            halo: false,
        });
    }
}

fn swatch(shape: Shape, d: f64, fill: &str, x: f64, y: f64) -> SNode {
    SNode {
        x,
        y,
        w: if shape == Shape::Box { d * 1.5 } else { d },
        h: d,
        shape,
        fill: fill.to_string(),
        stroke: "#444444".into(),
        inside: None,
        tooltip: String::new(),
    }
}

/// Draws `legend` into `scene` below `y_top`, from `x0`, within `width` points; returns the
/// lowest y used.
pub fn draw_legend(scene: &mut Scene, legend: &Legend, x0: f64, y_top: f64, width: f64) -> f64 {
    let lh = text::line_height(LEGEND_PT);
    let mut f = Flow {
        scene,
        x0,
        width,
        x: x0,
        y: y_top,
        row_h: 0.0,
    };
    let sw = 6.5;
    if !legend.shapes.is_empty() {
        for (label, shape, fill) in &legend.shapes {
            let tw = text::width(label, LEGEND_PT);
            let w = sw * 1.5 + 3.0 + tw;
            let (x, cy) = f.item(w, lh);
            if legend.ringed.as_deref() == Some(label.as_str()) {
                f.scene
                    .nodes
                    .push(swatch(*shape, sw + 2.4, "#000000", x + sw * 0.75, cy));
            }
            let n = swatch(*shape, sw, fill, x + sw * 0.75, cy);
            f.scene.nodes.push(n);
            f.text_at(x + sw * 1.5 + 3.0, cy, label);
        }
    }
    if let Some((title, entries)) = &legend.colours {
        if !entries.is_empty() {
            f.heading(&format!("Colour: {title}"));
            for (label, colour) in entries {
                let tw = text::width(label, LEGEND_PT);
                let (x, cy) = f.item(sw + 3.0 + tw, lh);
                f.scene
                    .nodes
                    .push(swatch(Shape::Circle, sw, colour, x + sw / 2.0, cy));
                f.text_at(x + sw + 3.0, cy, label);
            }
        }
    }
    if let Some(s) = &legend.size {
        f.heading(&format!("Node area: {}", s.metric));
        for v in s.references() {
            let d = s.diameter(v);
            let label = fmt_value(v);
            let tw = text::width(&label, LEGEND_PT);
            let h = d.max(lh);
            let (x, cy) = f.item(d + 3.0 + tw, h);
            f.scene
                .nodes
                .push(swatch(Shape::Circle, d, "#FFFFFF", x + d / 2.0, cy));
            f.text_at(x + d + 3.0, cy, &label);
        }
    }
    if let Some((title, scale, colour)) = &legend.edges {
        f.heading(&format!("Edge width: {title}"));
        let values = if scale.varies() {
            vec![scale.w_min, scale.w_max]
        } else {
            vec![scale.w_max]
        };
        for v in values {
            let label = fmt_value(v);
            let tw = text::width(&label, LEGEND_PT);
            let (x, cy) = f.item(18.0 + 3.0 + tw, lh);
            push_line(f.scene, x, cy, scale.width(v), colour, false);
            f.text_at(x + 21.0, cy, &label);
        }
    }
    if !legend.edge_kinds.is_empty() {
        f.newline();
        for (label, colour, dashed) in &legend.edge_kinds {
            let tw = text::width(label, LEGEND_PT);
            let (x, cy) = f.item(18.0 + 3.0 + tw, lh);
            push_line(f.scene, x, cy, 0.8, colour, *dashed);
            f.text_at(x + 21.0, cy, label);
        }
    }
    f.newline();
    let mut y = f.y - 3.0;
    for sentence in &legend.caption {
        let lines = text::wrap(sentence, CAPTION_PT, width);
        let h = text::line_height(CAPTION_PT) * lines.len() as f64;
        f.scene.texts.push(SText {
            x: x0,
            y: y - h,
            lines,
            size: CAPTION_PT,
            color: "#333333".into(),
            bold: false,
            halo: false,
        });
        y -= h + 1.0;
    }
    y
}

fn push_line(scene: &mut Scene, x: f64, cy: f64, width: f64, colour: &str, dashed: bool) {
    let a = scene.nodes.len();
    for px in [x, x + 18.0] {
        scene.nodes.push(SNode {
            x: px,
            y: cy,
            w: 0.5,
            h: 0.5,
            shape: Shape::Point,
            fill: String::new(),
            stroke: String::new(),
            inside: None,
            tooltip: String::new(),
        });
    }
    scene.edges.push(SEdge {
        a,
        b: a + 1,
        width,
        color: colour.to_string(),
        dashed,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_numbers() {
        assert_eq!(nice_floor(176.0), 170.0);
        assert_eq!(nice_floor(9.0), 9.0);
        assert_eq!(nice_floor(1234.0), 1200.0);
        assert!((nice_floor(0.0347) - 0.034).abs() < 1e-12);
        assert_eq!(fmt_value(3.0), "3");
        assert_eq!(fmt_value(2.5), "2.5");
        assert_eq!(fmt_value(0.37), "0.37");
    }

    #[test]
    fn area_is_proportional() {
        let s = SizeScale::new("x", [1.0, 4.0].into_iter(), 20.0, 1.0);
        assert_eq!(s.diameter(4.0), 20.0);
        assert_eq!(s.diameter(1.0), 10.0);
        assert_eq!(s.diameter(0.0), 1.0);
    }

    #[test]
    fn categories_by_frequency_with_other_and_unknown() {
        let mut v: Vec<Option<String>> = (0..20).map(|i| Some(format!("c{i:02}"))).collect();
        v.push(Some("c00".into()));
        v.push(None);
        v.push(Some(SEVERAL.into()));
        let c = Categories::from_values("t", &v, "several");
        assert_eq!(c.entries[0].0, "c00");
        assert_eq!(c.entries[0].2, 2);
        assert_eq!(c.entries.len(), palette::CATEGORICAL.len() + 2);
        assert_eq!(c.fill[21], UNKNOWN);
        assert_eq!(c.fill[22], MIXED);
        assert!(c.entries.iter().any(|e| e.0.starts_with("other")));
    }

    /// The legend of a figure counts the cities it draws: "other" names the values of the
    /// drawn cities in it, not those of the whole input.
    #[test]
    fn drawn_entries_count_the_drawn_cities() {
        // 30 values; c00 on three cities, c01 on two, the others on one each.
        let mut v: Vec<Option<String>> = (0..30).map(|i| Some(format!("c{i:02}"))).collect();
        v.extend([
            Some("c00".into()),
            Some("c00".into()),
            Some("c01".into()),
            None,
        ]);
        let c = Categories::from_values("t", &v, "several");
        let colours = palette::CATEGORICAL.len();
        let other = c.entries.iter().find(|e| e.1 == OTHER).unwrap();
        assert_eq!(other.0, format!("other ({} values)", 30 - (colours - 1)));
        // Drawn: c00 twice, two "other" cities with different values plus one repeated, and
        // the unknown one.
        let o1 = (colours + 2) as u32; // a value past the coloured ones
        let o2 = o1 + 1;
        let drawn = [0, 30, o1, o2, 33];
        let got = c.drawn_entries(&drawn);
        assert_eq!(
            got,
            vec![
                ("c00".to_string(), palette::category(0).to_string(), 2),
                ("other (2 values)".to_string(), OTHER.to_string(), 2),
                ("unknown".to_string(), UNKNOWN.to_string(), 1),
            ]
        );
        let got = c.drawn_entries(&[o1]);
        assert_eq!(
            got,
            vec![("other (1 value)".to_string(), OTHER.to_string(), 1)]
        );
        // Drawing every city gives the whole input's entries.
        let all: Vec<u32> = (0..v.len() as u32).collect();
        assert_eq!(c.drawn_entries(&all), c.entries);
        assert!(Categories::none(3).drawn_entries(&[0, 1, 2]).is_empty());
    }
}
