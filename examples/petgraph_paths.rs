//! citynet's graphs in petgraph: the connected components of the city projection of a bundled
//! network (Tarjan's algorithm) and the closest cities to one of them (Dijkstra, a tie as long
//! as one over the programs two cities share).
//!
//! ```sh
//! cargo run --example petgraph_paths -- [INPUT] [CITY]
//! ```
//! INPUT defaults to networks/city-diplomacy, CITY to Paris.

use citynet::{Layer, LoadOptions, Network};
use petgraph::algo::{dijkstra, tarjan_scc};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let input = args
        .first()
        .map_or("networks/city-diplomacy", String::as_str);
    let city = args.get(1).map_or("Paris", String::as_str);
    match run(input, city) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(input: &str, city: &str) -> citynet::Result<()> {
    let net = Network::read(input, &LoadOptions::default())?;
    let g = net.to_petgraph(Layer::Projection)?;
    println!(
        "{}: {} cities, {} ties in the projection",
        net.name(),
        g.node_count(),
        g.edge_count()
    );
    let mut components = tarjan_scc(&g);
    components.sort_by_key(|c| std::cmp::Reverse(c.len()));
    let sizes: Vec<usize> = components.iter().map(Vec::len).collect();
    println!(
        "{} connected components; the largest have {:?} cities",
        sizes.len(),
        &sizes[..sizes.len().min(5)]
    );
    let Some(from) = g.node_indices().find(|&v| g[v].name() == city) else {
        return Err(citynet::Error::Usage(format!("no city named {city:?}")));
    };
    let dist = dijkstra(&g, from, None, |e| 1.0 / *e.weight());
    let mut near: Vec<_> = dist.into_iter().filter(|&(v, _)| v != from).collect();
    near.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    println!("closest to {}:", g[from]);
    for (v, d) in near.iter().take(10) {
        println!("  {:<40} {d:.4}", g[*v].to_string());
    }
    Ok(())
}
