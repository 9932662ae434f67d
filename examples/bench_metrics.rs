//! Times the metrics engine on an edge list, for `scripts/bench_compare.py`.
//!
//! Usage: `cargo run --release --example bench_metrics -- EDGES.csv METRIC [METRIC ...]`
//!
//! `EDGES.csv` has a header and columns `source,target[,weight]` (integer or string node ids).
//! METRIC is a name from `citynet::model::metric_names::NODE_METRICS`, or `summary`. Prints one line per
//! metric: `metric<TAB>seconds<TAB>checksum<TAB>cpu_seconds` (the checksum is the column sum, or
//! the modularity for `community`; cpu_seconds is the process's user + system time over the
//! call, all threads, `clock_gettime(CLOCK_PROCESS_CPUTIME_ID)`: on a loaded machine it moves
//! less than wall time). Threads: `RAYON_NUM_THREADS`.

use citynet::graph::Csr;
use citynet::metrics::{graph_summary, node_metrics, Column, MetricOptions};
use std::collections::HashMap;
use std::time::Instant;

/// `struct timespec` of 64-bit Linux, for `clock_gettime`.
#[repr(C)]
struct Timespec {
    tv_sec: i64,
    tv_nsec: i64,
}

extern "C" {
    // From the C library std already links; CLOCK_PROCESS_CPUTIME_ID = 2 on Linux.
    fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
}

/// CPU seconds of this process (user + system, all threads, including threads that have
/// exited) from `clock_gettime(CLOCK_PROCESS_CPUTIME_ID)`: nanosecond resolution and, unlike
/// `/proc/self/stat` (10 ms ticks) or `/proc/self/task/*/schedstat` (updated at scheduler
/// ticks for a running thread), exact for millisecond kernels. Python's
/// `time.process_time`, which times the peers, reads the same clock.
fn cpu_seconds() -> f64 {
    let mut t = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let rc = unsafe { clock_gettime(2, &mut t) };
    if rc != 0 {
        return 0.0;
    }
    t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: bench_metrics EDGES.csv METRIC [METRIC ...]");
        std::process::exit(2);
    }
    let t0 = Instant::now();
    let mut rdr = csv::Reader::from_path(&args[0]).expect("open edge list");
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut edges = Vec::new();
    for rec in rdr.records() {
        let rec = rec.expect("csv record");
        let mut id = |s: &str| {
            let k = ids.len() as u32;
            *ids.entry(s.to_string()).or_insert(k)
        };
        let u = id(&rec[0]);
        let v = id(&rec[1]);
        let w = rec.get(2).map_or(1.0, |x| x.parse().unwrap_or(1.0));
        edges.push((u, v, w));
    }
    let (g, _) = Csr::from_edges(ids.len(), &edges);
    eprintln!(
        "loaded n={} m={} in {:.3}s, threads={}",
        g.node_count(),
        g.edge_count(),
        t0.elapsed().as_secs_f64(),
        rayon::current_num_threads()
    );
    let opts = MetricOptions::default();
    for name in &args[1..] {
        let t = Instant::now();
        let c0 = cpu_seconds();
        let check = if name == "summary" {
            let s = graph_summary(&g, None);
            s.average_shortest_path_length + s.modularity
        } else {
            let cols = node_metrics(&g, &[name.as_str()], &opts).expect("metric");
            match &cols[0].1 {
                // For communities, report the modularity reached.
                Column::Int(v) if name == "community" => citynet::metrics::modularity(&g, v, 1.0),
                Column::Int(v) => v.iter().sum::<i64>() as f64,
                Column::Float(v) => v.iter().sum::<f64>(),
            }
        };
        let wall = t.elapsed().as_secs_f64();
        println!("{name}\t{wall:.6}\t{check}\t{:.6}", cpu_seconds() - c0);
    }
}
