//! A network's graphs as [`petgraph`] graphs, and petgraph graphs read back as networks.

use super::{Layer, MetricsOptions, Network};
use crate::error::{Error, Result};
use crate::graph::Csr;
use crate::model::{Diagnostic, InputKind, LoadOptions};
use crate::pipeline;
use petgraph::graph::{Graph, IndexType, NodeIndex, UnGraph};
use petgraph::EdgeType;
use std::fmt;
use std::path::Path;

/// A node of [`Network::to_petgraph`]: a city or a program, with its index in
/// [`Network::cities`] or [`Network::programs`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A city (a node of an edge list).
    City {
        index: usize,
        name: String,
        country: String,
    },
    /// A program.
    Program { index: usize, name: String },
}

impl Node {
    /// The name as written in the input.
    pub fn name(&self) -> &str {
        match self {
            Node::City { name, .. } | Node::Program { name, .. } => name,
        }
    }

    /// Whether the node is a city.
    pub fn is_city(&self) -> bool {
        matches!(self, Node::City { .. })
    }
}

impl fmt::Display for Node {
    /// A city as "Name, Country" (the name alone without a country), a program by its name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::City { name, country, .. } if !country.is_empty() => {
                write!(f, "{name}, {country}")
            }
            n => f.write_str(n.name()),
        }
    }
}

impl Network {
    fn city_node(&self, i: usize) -> Node {
        let c = &self.ds.cities[i];
        Node::City {
            index: i,
            name: c.name.clone(),
            country: c.country.clone(),
        }
    }

    fn program_node(&self, p: usize) -> Node {
        Node::Program {
            index: p,
            name: self.ds.programs[p].name.clone(),
        }
    }

    /// The graph `layer` as an undirected [`petgraph`] graph: node `i` of a city layer is
    /// city `i` ([`Node::City`]); the two-mode graph has the cities first, then the programs
    /// ([`Node::Program`], node `n_cities + p`); the program projection has the programs.
    /// Edge weights are those `citynet export` writes: Σ_p w(a,p)·w(b,p) in the projection,
    /// shared programs in the validated projection, membership and tie weights.
    ///
    /// # Errors
    /// [`Error::Usage`] for a layer the input does not have (programs of an edge list, ties of
    /// a network without them) or a validated projection that cannot be computed.
    ///
    /// # Complexity
    /// Time and space O(V + E) once the layer is built (the projection itself costs
    /// Σ_p deg(p)²).
    ///
    /// # Examples
    /// Dijkstra's shortest paths over the projection, with the inverse of the number of
    /// shared programs as the length of a tie:
    /// ```
    /// use citynet::{Layer, LoadOptions, Network};
    /// use petgraph::algo::dijkstra;
    ///
    /// let net = Network::read("networks/city-diplomacy", &LoadOptions::default())?;
    /// let g = net.to_petgraph(Layer::Projection)?;
    /// assert_eq!(g.node_count(), net.cities().len());
    /// let from = g.node_indices().find(|&v| g[v].name() == "Paris").unwrap();
    /// let dist = dijkstra(&g, from, None, |e| 1.0 / *e.weight());
    /// assert_eq!(dist[&from], 0.0);
    ///
    /// let two_mode = net.to_petgraph(Layer::TwoMode)?;
    /// assert_eq!(two_mode.edge_count(), net.memberships().len());
    /// # Ok::<(), citynet::Error>(())
    /// ```
    pub fn to_petgraph(&self, layer: Layer) -> Result<UnGraph<Node, f64>> {
        let ds = &self.ds;
        let no_programs = || {
            Error::Usage(format!(
                "--graph {}: the input has no programs (it is {})",
                layer.name(),
                pipeline::describe_counts(ds)
            ))
        };
        let cities = |csr: &Csr| self.csr_graph(csr, |i| self.city_node(i));
        match layer {
            Layer::Projection if ds.is_two_mode() => Ok(cities(&ds.two_mode().project_cities())),
            Layer::Projection => Ok(cities(&ds.tie_graph())),
            Layer::Ties => {
                if ds.is_two_mode() && ds.ties.is_empty() {
                    return Err(Error::Usage(
                        "--graph ties: the input has no direct ties (ties.csv)".into(),
                    ));
                }
                Ok(cities(&ds.tie_graph()))
            }
            Layer::Validated => {
                let gr = self.graphs(&MetricsOptions {
                    validated: Some(Default::default()),
                    ..Default::default()
                })?;
                Ok(cities(&gr.g))
            }
            Layer::Programs => {
                if !ds.is_two_mode() {
                    return Err(no_programs());
                }
                let csr = ds.two_mode().project_programs();
                Ok(self.csr_graph(&csr, |p| self.program_node(p)))
            }
            Layer::TwoMode => {
                if !ds.is_two_mode() {
                    return Err(no_programs());
                }
                let t = ds.two_mode();
                let n = t.n_cities();
                let csr = t.as_graph();
                Ok(self.csr_graph(&csr, |v| {
                    if v < n {
                        self.city_node(v)
                    } else {
                        self.program_node(v - n)
                    }
                }))
            }
        }
    }

    fn csr_graph(&self, csr: &Csr, node: impl Fn(usize) -> Node) -> UnGraph<Node, f64> {
        let mut g = UnGraph::with_capacity(csr.node_count(), csr.edge_count());
        for v in 0..csr.node_count() {
            g.add_node(node(v));
        }
        for (u, v, w) in csr.edges() {
            g.add_edge(NodeIndex::new(u as usize), NodeIndex::new(v as usize), w);
        }
        g
    }

    /// Reads a petgraph graph as an edge list named `name`: its nodes by their [`Display`]
    /// text (which must tell them apart), each edge with its weight (a directed graph's edges
    /// as undirected ties, repeats merged as the edge-list reader merges them). Nodes without
    /// an edge have no row in an edge list: they are left out and named in
    /// [`Network::warnings`].
    ///
    /// [`Display`]: std::fmt::Display
    ///
    /// # Errors
    /// As [`Network::from_csv_bytes`] (for example a negative or non-finite weight).
    ///
    /// # Examples
    /// ```
    /// use citynet::{MetricsOptions, Network};
    /// use petgraph::graph::UnGraph;
    ///
    /// let mut g = UnGraph::<&str, f64>::new_undirected();
    /// let (a, b, c) = (g.add_node("Lyon"), g.add_node("Turin"), g.add_node("Leeds"));
    /// g.add_edge(a, b, 2.0);
    /// g.add_edge(b, c, 1.0);
    /// let net = Network::from_petgraph(&g, "twins")?;
    /// let strength = net.metrics(&MetricsOptions {
    ///     metrics: Some(vec!["strength".into()]),
    ///     ..Default::default()
    /// })?;
    /// let s = strength.table.metric("strength").unwrap();
    /// assert_eq!((s.get_f64(0), s.get_f64(1), s.get_f64(2)), (2.0, 3.0, 1.0));
    /// # Ok::<(), citynet::Error>(())
    /// ```
    pub fn from_petgraph<N, E, Ty, Ix>(g: &Graph<N, E, Ty, Ix>, name: &str) -> Result<Network>
    where
        N: fmt::Display,
        E: Clone + Into<f64>,
        Ty: EdgeType,
        Ix: IndexType,
    {
        let mut w = csv::Writer::from_writer(Vec::with_capacity(32 * g.edge_count() + 32));
        let io = |e: csv::Error| Error::Internal(e.into());
        w.write_record(["source", "target", "weight"]).map_err(io)?;
        for e in g.raw_edges() {
            let weight: f64 = e.weight.clone().into();
            w.write_record([
                g[e.source()].to_string(),
                g[e.target()].to_string(),
                weight.to_string(),
            ])
            .map_err(io)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| Error::Internal(e.into_error().into()))?;
        let options = LoadOptions {
            kind: Some(InputKind::EdgeList),
            ..Default::default()
        };
        let mut net = Network::from_csv_bytes(name, &bytes, &options)?;
        let isolated: Vec<String> = g
            .node_indices()
            .filter(|&v| g.neighbors_undirected(v).next().is_none())
            .map(|v| g[v].to_string())
            .collect();
        if !isolated.is_empty() {
            net.warnings.push(Diagnostic::warning(
                Path::new(name),
                format!(
                    "{} node(s) without edges left out (an edge list has only edges): {}",
                    isolated.len(),
                    isolated.join(", ")
                ),
            ));
        }
        Ok(net)
    }

    /// Reads a two-mode petgraph graph (cities and programs as [`Node`]s, as
    /// [`Network::to_petgraph`] with [`Layer::TwoMode`] gives it) as a membership table: one
    /// membership per city–program edge, with its weight. Edges between two cities or two
    /// programs, and nodes without a membership, are left out and counted in
    /// [`Network::warnings`].
    ///
    /// # Errors
    /// As [`Network::from_csv_bytes`].
    ///
    /// # Examples
    /// ```
    /// use citynet::{Layer, LoadOptions, Network};
    ///
    /// let net = Network::read("networks/city-diplomacy", &LoadOptions::default())?;
    /// let back = Network::from_petgraph_two_mode(&net.to_petgraph(Layer::TwoMode)?, "copy")?;
    /// assert_eq!(back.memberships().len(), net.memberships().len());
    /// # Ok::<(), citynet::Error>(())
    /// ```
    pub fn from_petgraph_two_mode<Ty: EdgeType, Ix: IndexType>(
        g: &Graph<Node, f64, Ty, Ix>,
        name: &str,
    ) -> Result<Network> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let io = |e: csv::Error| Error::Internal(e.into());
        w.write_record(["city", "country", "program", "weight"])
            .map_err(io)?;
        let mut other = 0usize;
        let mut used = vec![false; g.node_count()];
        for e in g.raw_edges() {
            let (a, b) = (&g[e.source()], &g[e.target()]);
            let (city, program) = match (a, b) {
                (Node::City { .. }, Node::Program { .. }) => (a, b),
                (Node::Program { .. }, Node::City { .. }) => (b, a),
                _ => {
                    other += 1;
                    continue;
                }
            };
            used[e.source().index()] = true;
            used[e.target().index()] = true;
            let Node::City { name, country, .. } = city else {
                unreachable!("matched above")
            };
            w.write_record([name, country, program.name(), &e.weight.to_string()])
                .map_err(io)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| Error::Internal(e.into_error().into()))?;
        let options = LoadOptions {
            kind: Some(InputKind::MembershipTable),
            ..Default::default()
        };
        let mut net = Network::from_csv_bytes(name, &bytes, &options)?;
        let unused = used.iter().filter(|u| !**u).count();
        if other > 0 || unused > 0 {
            net.warnings.push(Diagnostic::warning(
                Path::new(name),
                format!(
                    "left out {other} edge(s) that do not join a city to a program and {unused} \
                     node(s) without a membership"
                ),
            ));
        }
        Ok(net)
    }
}
