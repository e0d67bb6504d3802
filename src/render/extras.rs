//! The optional inputs of the page and the workbook: the accounts table (`scan --accounts`,
//! `calque accounts`) and the coordination directory (`calque coordinate -o DIR`:
//! `clusters.csv`, `edges.csv`, `nodes.csv`). Each is read by column *name*, so that any
//! table with the documented columns works; a section whose input is absent is left out.
//!
//! Columns used (case-insensitive; the first present of each list):
//! - `edges.csv`: `source`, `target` (Gephi's names), `weight` (default 1);
//! - `nodes.csv`: `id` | `account` | `node` | `label`, and `cluster` | `cluster_id` |
//!   `community` | `component` (without it, clusters are the connected components of the
//!   edges);
//! - `clusters.csv`, accounts table: shown as they are (first rows), with preferred columns
//!   first.
//!
//! Memory: the first rows of each table, plus one entry per account that appears in an edge
//! (for the clusters), plus the edges inside the largest clusters drawn.

use super::plots::ClusterPicture;
use super::table::{read_table, Table};
use crate::error::Result;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Clusters drawn in the network picture.
pub const CLUSTERS_DRAWN: usize = 6;
/// Accounts drawn per cluster (the most connected).
pub const NODES_PER_CLUSTER: usize = 24;

/// The optional inputs, read.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    pub accounts: Option<Table>,
    pub clusters: Option<Table>,
    pub network: Vec<ClusterPicture>,
}

impl Extras {
    /// Read the accounts table at `accounts` and the coordination outputs in `coordination`,
    /// keeping `rows` rows of each table.
    pub fn load(accounts: Option<&str>, coordination: Option<&Path>, rows: usize) -> Result<Self> {
        let mut extras = Extras::default();
        if let Some(path) = accounts {
            extras.accounts = Some(read_table(path, rows, |_| {})?);
        }
        if let Some(dir) = coordination {
            if !dir.is_dir() {
                return Err(crate::Fatal::input(format!(
                    "{}: not a directory (the output directory of `calque coordinate`)",
                    dir.display()
                )));
            }
            let file = |name: &str| {
                let p = dir.join(name);
                p.is_file().then(|| p.display().to_string())
            };
            if let Some(clusters) = file("clusters.csv") {
                extras.clusters = Some(read_table(&clusters, rows, |_| {})?);
            }
            if let Some(edges) = file("edges.csv") {
                extras.network = network(&edges, file("nodes.csv").as_deref())?;
            }
        }
        Ok(extras)
    }
}

/// Union-find over account names, for clusters as connected components.
#[derive(Default)]
struct Components {
    id: HashMap<String, usize>,
    parent: Vec<usize>,
}

impl Components {
    fn node(&mut self, name: &str) -> usize {
        if let Some(&i) = self.id.get(name) {
            return i;
        }
        let i = self.parent.len();
        self.parent.push(i);
        self.id.insert(name.to_string(), i);
        i
    }
    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }
    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            // The smaller index as root: the result does not depend on hashing.
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }
}

/// The largest clusters of the coordination network, each with its most connected accounts
/// and the edges between them.
pub fn network(edges_path: &str, nodes_path: Option<&str>) -> Result<Vec<ClusterPicture>> {
    // Cluster of each account: from nodes.csv when it has a cluster column, else components.
    let mut cluster_of: HashMap<String, String> = HashMap::new();
    if let Some(path) = nodes_path {
        let mut cols: Option<(usize, usize)> = None;
        let table = read_table(path, 0, |_| {})?;
        if let (Some(id), Some(cluster)) = (
            table.col_any(&["id", "account", "node", "label"]),
            table.col_any(&["cluster", "cluster_id", "community", "component"]),
        ) {
            cols = Some((id, cluster));
        }
        if let Some((id, cluster)) = cols {
            let names = (
                table.header[id].to_ascii_lowercase(),
                table.header[cluster].to_ascii_lowercase(),
            );
            read_table(path, 0, |row| {
                let c = row.get(&names.1);
                if !c.is_empty() {
                    cluster_of.insert(row.get(&names.0).to_string(), c.to_string());
                }
            })?;
        }
    }
    let head = read_table(edges_path, 0, |_| {})?;
    let (Some(s), Some(t)) = (head.col("source"), head.col("target")) else {
        return Err(crate::Fatal::input(format!(
            "{edges_path}: an edges table needs `source` and `target` columns"
        )));
    };
    let source = head.header[s].to_ascii_lowercase();
    let target = head.header[t].to_ascii_lowercase();
    let weight_col = head
        .col("weight")
        .map(|w| head.header[w].to_ascii_lowercase());
    let weight_of = |row: &super::table::RowView<'_>| {
        weight_col
            .as_ref()
            .and_then(|w| row.get(w).parse::<f64>().ok())
            .filter(|w| w.is_finite() && *w > 0.0)
            .unwrap_or(1.0)
    };

    // Pass 1: clusters and weighted degrees.
    let mut components = Components::default();
    let mut degree: HashMap<String, f64> = HashMap::new();
    read_table(edges_path, 0, |row| {
        let (a, b) = (row.get(&source), row.get(&target));
        if a.is_empty() || b.is_empty() || a == b {
            return;
        }
        let w = weight_of(row);
        let (ia, ib) = (components.node(a), components.node(b));
        components.join(ia, ib);
        for n in [a, b] {
            match degree.get_mut(n) {
                Some(d) => *d += w,
                None => {
                    degree.insert(n.to_string(), w);
                }
            }
        }
    })?;
    let mut members: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let names: Vec<(String, usize)> = components.id.iter().map(|(n, &i)| (n.clone(), i)).collect();
    for (name, i) in names {
        let cluster = match cluster_of.get(&name) {
            Some(c) => c.clone(),
            None if cluster_of.is_empty() => format!("{:09}", components.root(i)),
            None => continue, // not in nodes.csv: not part of a cluster
        };
        members.entry(cluster).or_default().push(name);
    }
    let mut clusters: Vec<(String, Vec<String>)> = members.into_iter().collect();
    clusters.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    clusters.truncate(CLUSTERS_DRAWN);
    let mut pictures: Vec<ClusterPicture> = Vec::new();
    let mut slot: HashMap<String, (usize, usize)> = HashMap::new();
    for (k, (id, mut nodes)) in clusters.into_iter().enumerate() {
        nodes.sort_by(|a, b| degree[b].total_cmp(&degree[a]).then(a.cmp(b)));
        let total = nodes.len();
        nodes.truncate(NODES_PER_CLUSTER);
        for (i, n) in nodes.iter().enumerate() {
            slot.insert(n.clone(), (k, i));
        }
        let label = if cluster_of.is_empty() {
            format!("cluster {}: {total} accounts", k + 1)
        } else {
            format!("cluster {id}: {total} accounts")
        };
        pictures.push(ClusterPicture {
            label,
            hidden: total - nodes.len(),
            nodes,
            edges: Vec::new(),
        });
    }
    // Pass 2: the edges between drawn accounts of one cluster (parallel edges of several
    // types add up).
    let mut edges: BTreeMap<(usize, usize, usize), f64> = BTreeMap::new();
    read_table(edges_path, 0, |row| {
        let (Some(&(ka, ia)), Some(&(kb, ib))) =
            (slot.get(row.get(&source)), slot.get(row.get(&target)))
        else {
            return;
        };
        if ka == kb && ia != ib {
            *edges.entry((ka, ia.min(ib), ia.max(ib))).or_default() += weight_of(row);
        }
    })?;
    for ((k, a, b), w) in edges {
        pictures[k].edges.push((a, b, w));
    }
    Ok(pictures)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, content: &str) -> String {
        let p = dir.join(name);
        std::fs::write(&p, content).unwrap();
        p.display().to_string()
    }

    #[test]
    fn clusters_are_components_of_the_edges_largest_first() {
        let dir = tempfile::tempdir().unwrap();
        let edges = write(
            dir.path(),
            "edges.csv",
            "source,target,weight,edge_type\n@a,@b,3,url\n@b,@c,1,text\n@a,@b,2,hashtag\n@x,@y,1,url\n@self,@self,1,url\n",
        );
        let pics = network(&edges, None).unwrap();
        assert_eq!(pics.len(), 2);
        assert_eq!(pics[0].label, "cluster 1: 3 accounts");
        // @b is the most connected (3+1+2), then @a (5), then @c (1).
        assert_eq!(pics[0].nodes, ["@b", "@a", "@c"]);
        assert_eq!(pics[0].edges, vec![(0, 1, 5.0), (0, 2, 1.0)]);
        assert_eq!(pics[1].nodes.len(), 2);
    }

    #[test]
    fn clusters_come_from_nodes_csv_when_it_names_them() {
        let dir = tempfile::tempdir().unwrap();
        let edges = write(dir.path(), "edges.csv", "Source,Target\n1,2\n2,3\n3,4\n");
        let nodes = write(
            dir.path(),
            "nodes.csv",
            "Id,cluster\n1,A\n2,A\n3,B\n4,B\n5,\n",
        );
        let pics = network(&edges, Some(&nodes)).unwrap();
        let labels: Vec<&str> = pics.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["cluster A: 2 accounts", "cluster B: 2 accounts"]);
        // The 2-3 edge crosses clusters: not drawn.
        assert_eq!(pics[0].edges.len(), 1);
        assert_eq!(pics[1].edges.len(), 1);
    }

    #[test]
    fn big_clusters_show_their_most_connected_accounts() {
        let dir = tempfile::tempdir().unwrap();
        let mut csv = String::from("source,target\n");
        for i in 0..40 {
            csv += &format!("hub,n{i:02}\n");
        }
        let edges = write(dir.path(), "edges.csv", &csv);
        let pics = network(&edges, None).unwrap();
        assert_eq!(pics[0].nodes.len(), NODES_PER_CLUSTER);
        assert_eq!(pics[0].nodes[0], "hub");
        assert_eq!(pics[0].hidden, 41 - NODES_PER_CLUSTER);
        assert_eq!(pics[0].edges.len(), NODES_PER_CLUSTER - 1);
        let err = network(&write(dir.path(), "e.csv", "a,b\n1,2\n"), None).unwrap_err();
        assert!(err.message.contains("source"));
    }

    #[test]
    fn extras_load_what_exists() {
        let dir = tempfile::tempdir().unwrap();
        let accounts = write(dir.path(), "accounts.csv", "account,posts\n@a,3\n@b,1\n");
        write(dir.path(), "clusters.csv", "cluster,accounts\n1,2\n");
        write(dir.path(), "edges.csv", "source,target\n@a,@b\n");
        let e = Extras::load(Some(&accounts), Some(dir.path()), 1).unwrap();
        assert_eq!(e.accounts.as_ref().unwrap().rows.len(), 1);
        assert_eq!(e.accounts.as_ref().unwrap().total_rows, 2);
        assert!(e.clusters.is_some());
        assert_eq!(e.network.len(), 1);
        let none = Extras::load(None, None, 10).unwrap();
        assert!(none.accounts.is_none() && none.clusters.is_none() && none.network.is_empty());
        assert!(Extras::load(None, Some(&dir.path().join("nope")), 1).is_err());
    }
}
