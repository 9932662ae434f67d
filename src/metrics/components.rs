//! Connected components with deterministic labels.

use crate::graph::Csr;

/// Relabels an arbitrary grouping `raw[v]` (any `u32` ids) to `0..k` so that label 0 is the
/// largest group and ties go to the group holding the smallest node id.
pub(crate) fn canonical_labels(raw: &[u32]) -> Vec<i64> {
    let n = raw.len();
    let k = raw.iter().map(|&r| r as usize + 1).max().unwrap_or(0);
    let mut size = vec![0usize; k];
    let mut first = vec![usize::MAX; k];
    for (v, &r) in raw.iter().enumerate() {
        size[r as usize] += 1;
        if first[r as usize] == usize::MAX {
            first[r as usize] = v;
        }
    }
    let mut groups: Vec<usize> = (0..k).filter(|&c| size[c] > 0).collect();
    groups.sort_by_key(|&c| (std::cmp::Reverse(size[c]), first[c]));
    let mut label = vec![0i64; k];
    for (i, &c) in groups.iter().enumerate() {
        label[c] = i as i64;
    }
    (0..n).map(|v| label[raw[v] as usize]).collect()
}

/// Connected-component label of each node: 0 is the largest component, ties broken by the
/// smallest node id in the component, then 1, 2, ….
///
/// The partition equals `nx.connected_components(G)`. BFS, O(n + m), sequential.
pub fn components(g: &Csr) -> Vec<i64> {
    let n = g.node_count();
    let mut raw = vec![u32::MAX; n];
    let mut queue: Vec<u32> = Vec::new();
    let mut next = 0u32;
    for s in 0..n {
        if raw[s] != u32::MAX {
            continue;
        }
        raw[s] = next;
        queue.clear();
        queue.push(s as u32);
        let mut head = 0;
        while head < queue.len() {
            let v = queue[head] as usize;
            head += 1;
            for &u in g.neighbors(v) {
                if raw[u as usize] == u32::MAX {
                    raw[u as usize] = next;
                    queue.push(u);
                }
            }
        }
        next += 1;
    }
    canonical_labels(&raw)
}

/// Nodes of the largest component (ties: the one with the smallest node id), ascending.
pub fn largest_component(g: &Csr) -> Vec<u32> {
    components(g)
        .iter()
        .enumerate()
        .filter(|(_, &c)| c == 0)
        .map(|(v, _)| v as u32)
        .collect()
}
