//! Clusters: the connected components of the kept edges (union-find over accounts).
//!
//! Connected components rather than a community method: with hubs capped and edges
//! thresholded, a component is a set of accounts each linked to another by repeated
//! co-sharing, which is what a fact-checker follows up; a modularity method would split a
//! campaign's accounts by chance differences in their co-shares and depends on the order of
//! the input. Clusters are numbered from 1 by size (accounts, largest first), ties by the
//! first appearance of their earliest account in the input.

use super::objects::ObjectKind;
use std::collections::HashMap;

/// Union-find with path halving and union by size.
pub struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    pub fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }

    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let grand = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grand;
            x = grand;
        }
        x
    }

    pub fn union(&mut self, a: u32, b: u32) {
        let (mut ra, mut rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        if self.size[ra as usize] < self.size[rb as usize] {
            std::mem::swap(&mut ra, &mut rb);
        }
        self.parent[rb as usize] = ra;
        self.size[ra as usize] += self.size[rb as usize];
    }
}

/// Cluster number (from 1) of every account in an edge (`in_edge`), 0 for the others.
pub fn number_clusters(uf: &mut UnionFind, in_edge: &[bool]) -> (Vec<u32>, usize) {
    let n = in_edge.len();
    // Per root: (accounts, first account).
    let mut roots: HashMap<u32, (u32, u32)> = HashMap::new();
    for account in (0..n as u32).filter(|&a| in_edge[a as usize]) {
        let root = uf.find(account);
        let e = roots.entry(root).or_insert((0, account));
        e.0 += 1;
    }
    let mut order: Vec<(u32, u32, u32)> = roots
        .into_iter()
        .map(|(root, (size, first))| (size, first, root))
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut number_of_root: HashMap<u32, u32> = HashMap::with_capacity(order.len());
    for (i, (_, _, root)) in order.iter().enumerate() {
        number_of_root.insert(*root, i as u32 + 1);
    }
    let mut cluster = vec![0u32; n];
    for account in (0..n as u32).filter(|&a| in_edge[a as usize]) {
        cluster[account as usize] = number_of_root[&uf.find(account)];
    }
    (cluster, order.len())
}

/// What `clusters.csv` says of one cluster.
#[derive(Debug, Clone, Default)]
pub struct ClusterStats {
    pub accounts: u64,
    pub edges: u64,
    pub pairs: u64,
    pub posts: u64,
    pub first: Option<i64>,
    pub last: Option<i64>,
    /// Per object: pairs sharing it, what to show.
    pub objects: HashMap<(ObjectKind, u128), (u64, String)>,
}

impl ClusterStats {
    pub fn add_pair(&mut self, kind: ObjectKind, key: u128, shown: &str, time_a: i64, time_b: i64) {
        self.pairs += 1;
        self.first = Some(self.first.map_or(time_a, |f| f.min(time_a)));
        self.last = Some(self.last.map_or(time_b, |l| l.max(time_b)));
        match self.objects.get_mut(&(kind, key)) {
            Some(o) => o.0 += 1,
            None => {
                self.objects.insert((kind, key), (1, shown.to_string()));
            }
        }
    }

    /// The `n` objects of the most pairs (ties by type, then object), as `type:object (pairs)`.
    pub fn top_objects(&self, n: usize) -> String {
        let mut all: Vec<_> = self.objects.iter().collect();
        all.sort_by(|x, y| {
            y.1 .0
                .cmp(&x.1 .0)
                .then(x.0 .0.cmp(&y.0 .0))
                .then(x.1 .1.cmp(&y.1 .1))
        });
        all.iter()
            .take(n)
            .map(|((kind, _), (pairs, shown))| format!("{}:{} ({pairs})", kind.as_str(), shown))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_are_numbered_by_size_then_first_account() {
        let mut uf = UnionFind::new(8);
        // {1,2}, {3,4,5}, {6,7}; 0 alone.
        uf.union(1, 2);
        uf.union(4, 3);
        uf.union(5, 4);
        uf.union(7, 6);
        let in_edge = [false, true, true, true, true, true, true, true];
        let (cluster, count) = number_clusters(&mut uf, &in_edge);
        assert_eq!(count, 3);
        assert_eq!(cluster, vec![0, 2, 2, 1, 1, 1, 3, 3]);
    }
}
