//! Exact small cases and properties of the metrics engine.

use citynet::graph::{Csr, TwoMode};
use citynet::metrics::*;
use citynet::model::metric_names::{NODE_METRICS, TWO_MODE_METRICS};
use proptest::prelude::*;

fn graph(n: usize, edges: &[(u32, u32)]) -> Csr {
    let e: Vec<(u32, u32, f64)> = edges.iter().map(|&(u, v)| (u, v, 1.0)).collect();
    Csr::from_edges(n, &e).0
}

fn close(a: &[f64], b: &[f64], tol: f64) {
    assert_eq!(a.len(), b.len());
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert!((x - y).abs() <= tol, "[{i}] {x} vs {y}");
    }
}

#[test]
fn path_of_four_exact() {
    let g = graph(4, &[(0, 1), (1, 2), (2, 3)]);
    close(&betweenness(&g), &[0.0, 2.0 / 3.0, 2.0 / 3.0, 0.0], 1e-15);
    close(&closeness(&g), &[0.5, 0.75, 0.75, 0.5], 1e-15);
    close(
        &harmonic(&g),
        &[11.0 / 18.0, 5.0 / 6.0, 5.0 / 6.0, 11.0 / 18.0],
        1e-15,
    );
    close(&reach_within(&g, 2), &[2.0 / 3.0, 1.0, 1.0, 2.0 / 3.0], 0.0);
    close(&reach_within(&g, 0), &[0.0; 4], 0.0);
    assert_eq!(core_number(&g), vec![1, 1, 1, 1]);
    close(&clustering(&g), &[0.0; 4], 0.0);
    let s = graph_summary(&g, None);
    assert_eq!(s.diameter, 3);
    assert!((s.average_shortest_path_length - 20.0 / 12.0).abs() < 1e-15);
    assert!((s.density - 0.5).abs() < 1e-15);
}

#[test]
fn star_exact() {
    let g = graph(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
    close(&betweenness(&g), &[1.0, 0.0, 0.0, 0.0, 0.0], 1e-15);
    close(
        &closeness(&g),
        &[1.0, 4.0 / 7.0, 4.0 / 7.0, 4.0 / 7.0, 4.0 / 7.0],
        1e-15,
    );
    assert_eq!(degree_assortativity(&g), Some(-1.0));
    let pr = pagerank(&g, 0.85).unwrap();
    assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    assert!(pr[0] > pr[1]);
    assert_eq!(core_number(&g), vec![1; 5]);
}

#[test]
fn triangle_exact() {
    let g = graph(3, &[(0, 1), (1, 2), (0, 2)]);
    close(&clustering(&g), &[1.0; 3], 0.0);
    assert_eq!(transitivity(&g), 1.0);
    assert_eq!(core_number(&g), vec![2, 2, 2]);
    close(&betweenness(&g), &[0.0; 3], 0.0);
    close(&closeness(&g), &[1.0; 3], 0.0);
    close(&eigenvector(&g).unwrap(), &[1.0 / 3f64.sqrt(); 3], 1e-12);
    close(&pagerank(&g, 0.85).unwrap(), &[1.0 / 3.0; 3], 1e-12);
    assert_eq!(triangles(&g), vec![1, 1, 1]);
}

#[test]
fn empty_and_tiny_graphs() {
    let g = graph(0, &[]);
    let all = node_metrics(&g, NODE_METRICS, &MetricOptions::default()).unwrap();
    assert!(all.iter().all(|(_, c)| c.is_empty()));
    let s = graph_summary(&g, None);
    assert_eq!((s.nodes, s.edges, s.components, s.diameter), (0, 0, 0, 0));
    let g = graph(1, &[]);
    let all = node_metrics(&g, NODE_METRICS, &MetricOptions::default()).unwrap();
    assert!(all.iter().all(|(_, c)| c.len() == 1));
    let g = graph(3, &[]);
    close(&eigenvector(&g).unwrap(), &[1.0 / 3f64.sqrt(); 3], 1e-12);
    assert_eq!(louvain(&g, 1.0, 1), vec![0, 1, 2]);
    assert_eq!(degree_assortativity(&g), None);
}

#[test]
fn components_labelled_by_size_then_smallest_id() {
    // {0,1} size 2, {2,3,4} size 3, {5,6} size 2, {7} size 1
    let g = graph(8, &[(0, 1), (2, 3), (3, 4), (5, 6)]);
    assert_eq!(components(&g), vec![1, 1, 0, 0, 0, 2, 2, 3]);
    assert_eq!(largest_component(&g), vec![2, 3, 4]);
}

#[test]
fn modularity_and_louvain_on_two_triangles() {
    let g = graph(6, &[(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)]);
    let parts = [0, 0, 0, 1, 1, 1];
    assert!((modularity(&g, &parts, 1.0) - 0.5).abs() < 1e-15);
    assert_eq!(louvain(&g, 1.0, 7), vec![0, 0, 0, 1, 1, 1]);
    // Bridged: still two communities.
    let g = graph(6, &[(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]);
    let l = louvain(&g, 1.0, 3);
    assert_eq!(l, vec![0, 0, 0, 1, 1, 1]);
}

#[test]
fn bipartite_star_exact() {
    // One program with three member cities.
    let t = TwoMode::new(3, 1, &[(0, 0, 1.0), (1, 0, 1.0), (2, 0, 1.0)]);
    let (c, p) = bip_degree(&t);
    close(&c, &[1.0; 3], 0.0);
    close(&p, &[1.0], 0.0);
    let (c, p) = bip_closeness(&t);
    close(&c, &[1.0; 3], 1e-15);
    close(&p, &[1.0], 1e-15);
    let (c, p) = bip_betweenness(&t);
    close(&c, &[0.0; 3], 0.0);
    close(&p, &[1.0], 1e-15);
    assert_eq!(bip_betweenness_max(1, 3), 3.0);
    let (c, p) = bip_clustering(&t);
    close(&c, &[1.0; 3], 0.0);
    close(&p, &[0.0], 0.0);
    // Two cities sharing one of their two programs each: |∩|/|∪| = 1/3.
    let t = TwoMode::new(2, 3, &[(0, 0, 1.0), (0, 1, 1.0), (1, 1, 1.0), (1, 2, 1.0)]);
    let (c, _) = bip_clustering(&t);
    close(&c, &[1.0 / 3.0; 2], 1e-15);
    let cols = city_two_mode_metrics(&t, &["programs"]).unwrap();
    assert_eq!(cols[0].1, Column::Int(vec![2, 2]));
    let cols = program_two_mode_metrics(&t, &["programs"]).unwrap();
    assert_eq!(cols[0].1, Column::Int(vec![1, 2, 1]));
}

/// Betweenness by definition: all-pairs BFS distances and path counts, then
/// `Σ_{s<t} σ_sv σ_vt / σ_st` over `d(s,v) + d(v,t) = d(s,t)`.
fn betweenness_brute(g: &Csr) -> Vec<f64> {
    let n = g.node_count();
    let mut d = vec![vec![u32::MAX; n]; n];
    let mut sig = vec![vec![0f64; n]; n];
    for s in 0..n {
        d[s][s] = 0;
        sig[s][s] = 1.0;
        let mut q = std::collections::VecDeque::from([s]);
        while let Some(v) = q.pop_front() {
            for &u in g.neighbors(v) {
                let u = u as usize;
                if d[s][u] == u32::MAX {
                    d[s][u] = d[s][v] + 1;
                    q.push_back(u);
                }
                if d[s][u] == d[s][v] + 1 {
                    sig[s][u] += sig[s][v];
                }
            }
        }
    }
    let mut b = vec![0.0; n];
    for s in 0..n {
        for t in s + 1..n {
            if d[s][t] == u32::MAX {
                continue;
            }
            for v in 0..n {
                if v != s
                    && v != t
                    && d[s][v] != u32::MAX
                    && d[v][t] != u32::MAX
                    && d[s][v] + d[v][t] == d[s][t]
                {
                    b[v] += sig[s][v] * sig[v][t] / sig[s][t];
                }
            }
        }
    }
    if n > 2 {
        let scale = 2.0 / ((n as f64 - 1.0) * (n as f64 - 2.0));
        b.iter_mut().for_each(|x| *x *= scale);
    }
    b
}

fn arb_graph() -> impl Strategy<Value = Csr> {
    (1usize..40).prop_flat_map(|n| {
        proptest::collection::vec((0..n as u32, 0..n as u32, 1u32..4), 0..(3 * n)).prop_map(
            move |e| {
                let e: Vec<(u32, u32, f64)> =
                    e.into_iter().map(|(u, v, w)| (u, v, w as f64)).collect();
                Csr::from_edges(n, &e).0
            },
        )
    })
}

fn permuted(g: &Csr, perm: &[u32]) -> Csr {
    let e: Vec<(u32, u32, f64)> = g
        .edges()
        .map(|(u, v, w)| (perm[u as usize], perm[v as usize], w))
        .collect();
    Csr::from_edges(g.node_count(), &e).0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn betweenness_equals_definition(g in arb_graph()) {
        close(&betweenness(&g), &betweenness_brute(&g), 1e-12);
    }

    #[test]
    fn bounds_and_monotone_reach(g in arb_graph()) {
        for c in clustering(&g) { prop_assert!((0.0..=1.0).contains(&c)); }
        for c in closeness(&g) { prop_assert!((0.0..=1.0 + 1e-12).contains(&c)); }
        for c in betweenness(&g) { prop_assert!((0.0..=1.0 + 1e-12).contains(&c)); }
        let mut prev = vec![0.0; g.node_count()];
        for k in 0..6 {
            let r = reach_within(&g, k);
            for (a, b) in prev.iter().zip(&r) { prop_assert!(a <= b); }
            prev = r;
        }
        // Unlimited reach is the component share.
        let comp = components(&g);
        let n = g.node_count();
        let far = reach_within(&g, u32::MAX);
        for v in 0..n {
            let size = comp.iter().filter(|&&c| c == comp[v]).count();
            let want = if n > 1 { (size - 1) as f64 / (n - 1) as f64 } else { 0.0 };
            prop_assert_eq!(far[v], want);
        }
        let pr = pagerank(&g, 0.85).unwrap();
        prop_assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn relabelling_invariance(g in arb_graph(), seed in any::<u64>()) {
        let n = g.node_count();
        let mut perm: Vec<u32> = (0..n as u32).collect();
        // Fisher–Yates with a simple LCG.
        let mut x = seed | 1;
        for i in (1..n).rev() {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            perm.swap(i, (x >> 33) as usize % (i + 1));
        }
        let h = permuted(&g, &perm);
        let names = ["degree", "strength", "betweenness", "closeness", "harmonic",
                     "pagerank", "clustering", "core", "reach_2"];
        let a = node_metrics(&g, &names, &MetricOptions::default()).unwrap();
        let b = node_metrics(&h, &names, &MetricOptions::default()).unwrap();
        for ((name, ca), (_, cb)) in a.iter().zip(&b) {
            for (v, &pv) in perm.iter().enumerate() {
                let (x, y) = (ca.get_f64(v), cb.get_f64(pv as usize));
                prop_assert!((x - y).abs() <= 1e-9, "{} at {}: {} vs {}", name, v, x, y);
            }
        }
        // Louvain quality is not tied to labels, but modularity of a relabelled partition is.
        let l = louvain(&g, 1.0, 1);
        let mut lp = vec![0i64; n];
        for v in 0..n { lp[perm[v] as usize] = l[v]; }
        prop_assert!((modularity(&g, &l, 1.0) - modularity(&h, &lp, 1.0)).abs() < 1e-12);
    }
}

/// A deterministic mid-size graph (Holme–Kim-like growth with triad closure), enough nodes that
/// every parallel kernel splits into many chunks.
fn mid_graph(n: usize) -> Csr {
    let mut x = 0x1234_5678_9abc_def0u64;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut edges: Vec<(u32, u32, f64)> = Vec::new();
    let mut ends: Vec<u32> = vec![0, 1];
    edges.push((0, 1, 1.0));
    for v in 2..n as u32 {
        for _ in 0..3 {
            let u = ends[(next() % ends.len() as u64) as usize];
            let w = 1.0 + (next() % 3) as f64;
            edges.push((v, u, w));
            ends.push(u);
            ends.push(v);
        }
    }
    // a few isolated nodes and a separate small component
    let total = n + 5;
    edges.push((n as u32 + 1, n as u32 + 2, 1.0));
    Csr::from_edges(total, &edges).0
}

type Cols = Vec<(String, Column)>;
type Run = (Cols, Cols, Cols, String);

#[test]
fn identical_results_for_1_2_4_threads() {
    let g = mid_graph(700);
    let t = TwoMode::new(
        300,
        60,
        &(0..300u32)
            .flat_map(|c| {
                let k = 1 + c % 4;
                (0..k).map(move |j| (c, (c * 7 + j * 13) % 60, 1.0))
            })
            .collect::<Vec<_>>(),
    );
    let run = || {
        let cols = node_metrics(&g, NODE_METRICS, &MetricOptions::default()).unwrap();
        let tm = city_two_mode_metrics(&t, TWO_MODE_METRICS).unwrap();
        let pm = program_two_mode_metrics(&t, TWO_MODE_METRICS).unwrap();
        let s = graph_summary(&g, None);
        (cols, tm, pm, format!("{s:?}"))
    };
    let bits = |r: &Run| {
        let mut out: Vec<u64> = Vec::new();
        for cols in [&r.0, &r.1, &r.2] {
            for (_, c) in cols.iter() {
                for i in 0..c.len() {
                    out.push(c.get_f64(i).to_bits());
                }
            }
        }
        (out, r.3.clone())
    };
    let mut reference = None;
    for k in [1, 2, 4] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(k)
            .build()
            .unwrap();
        let r = bits(&pool.install(run));
        match &reference {
            None => reference = Some(r),
            Some(want) => assert_eq!(&r, want, "results differ with {k} threads"),
        }
    }
}
