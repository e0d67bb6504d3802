//! Hand-built timelines: planted coordinated groups among organic posts.

use super::objects::ObjectKind;
use super::output::CoordFiles;
use super::run::{run, RunOptions};
use super::*;
use crate::ingest::{ColumnSpec, IngestOptions};
use crate::output::OutputSet;
use crate::record::{Provenance, Record};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

const T0: i64 = 1_700_000_000_000;
const SECOND: i64 = 1000;
const MINUTE: i64 = 60 * SECOND;
const HOUR: i64 = 60 * MINUTE;

#[derive(Clone)]
struct Post {
    author: String,
    time: i64,
    text: String,
    repost: String,
}

fn post(author: &str, time: i64, text: &str) -> Post {
    Post {
        author: author.into(),
        time,
        text: text.into(),
        repost: String::new(),
    }
}

/// A small deterministic generator (xorshift), so that timelines are the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: &[&str] = &[
    "weather", "market", "coffee", "train", "school", "garden", "football", "music", "river",
    "morning", "election", "budget", "village", "museum", "winter", "concert", "bread", "bridge",
    "doctor", "holiday", "harbour", "cinema", "station", "library", "festival", "recipe",
];

/// `accounts` organic accounts posting `per_account` unrelated texts each over two days.
fn organic(rng: &mut Rng, accounts: usize, per_account: usize) -> Vec<Post> {
    let mut out = Vec::new();
    for a in 0..accounts {
        for _ in 0..per_account {
            let words: Vec<&str> = (0..8)
                .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize])
                .collect();
            let time = T0 + rng.below(2 * 24 * 3600) as i64 * SECOND;
            out.push(post(&format!("user{a}"), time, &words.join(" ")));
        }
    }
    out
}

struct Outputs {
    pairs: Vec<HashMap<String, String>>,
    edges: Vec<HashMap<String, String>>,
    clusters: Vec<HashMap<String, String>>,
    summary: CoordSummary,
}

fn read_table(path: &std::path::Path) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Run the coordinator over `posts` (in the given order) with `options`.
fn coordinate(posts: &[Post], options: CoordOptions) -> Outputs {
    let dir = tempfile::tempdir().unwrap();
    let mut set = OutputSet::new(&[]);
    let files = CoordFiles::stage(&mut set, dir.path()).unwrap();
    let mut c = Coordinator::new(options);
    let extractor = c.extractor();
    let source: Arc<str> = Arc::from("test");
    for (i, p) in posts.iter().enumerate() {
        let record = Record {
            text: p.text.clone(),
            id: format!("p{i}"),
            author: p.author.clone(),
            timestamp: if p.time == i64::MIN {
                "not a time".into()
            } else {
                (p.time / 1000).to_string()
            },
            kept: vec![p.repost.clone()],
            ..Record::default()
        };
        let prov = Provenance::new(source.clone(), i as u64 + 2);
        let facts = extractor.facts(&record);
        c.add(i as u64, &prov, &record, facts.post(0)).unwrap();
    }
    let mut summary = CoordSummary::default();
    c.finish(files.network, &mut set, None, &mut summary)
        .unwrap();
    drop(files.summary);
    set.commit().unwrap();
    Outputs {
        pairs: read_table(&dir.path().join("pairs.csv")),
        edges: read_table(&dir.path().join("edges.csv")),
        clusters: read_table(&dir.path().join("clusters.csv")),
        summary,
    }
}

/// The accounts of each cluster.
fn cluster_members(out: &Outputs) -> Vec<BTreeSet<String>> {
    let mut members: HashMap<String, BTreeSet<String>> = HashMap::new();
    for e in &out.edges {
        let m = members.entry(e["cluster"].clone()).or_default();
        m.insert(e["source"].clone());
        m.insert(e["target"].clone());
    }
    let mut all: Vec<BTreeSet<String>> = members.into_values().collect();
    all.sort();
    all
}

fn names(prefix: &str, n: usize) -> BTreeSet<String> {
    (0..n).map(|i| format!("{prefix}{i}")).collect()
}

/// Three planted groups among 150 organic accounts.
fn planted_timeline() -> Vec<Post> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut posts = organic(&mut rng, 150, 6);
    // Exact copies: 8 fresh accounts, the same text, link and tags within 40 s, twice.
    for (round, start) in [(0, T0 + 3 * HOUR), (1, T0 + 20 * HOUR)] {
        for i in 0..8 {
            posts.push(post(
                &format!("copy{i}"),
                start + i as i64 * 5 * SECOND,
                &format!(
                    "Can you verify this video? Soldiers burn flags in Paris, story {round} https://rrn.media/v{round} @AFPfr @dpa"
                ),
            ));
        }
    }
    // Edited copies (a post of 200 characters): one word changed per account, emoji added or
    // changed, twice.
    let swaps = [
        "terrible",
        "shocking",
        "awful",
        "horrible",
        "dreadful",
        "appalling",
    ];
    let emoji = ["🙏", "😡", "🇫🇷", "", "🔥", "‼️"];
    for (round, start) in [(0, T0 + 7 * HOUR), (1, T0 + 31 * HOUR)] {
        for i in 0..6 {
            posts.push(post(
                &format!("edit{i}"),
                start + i as i64 * 9 * SECOND,
                &format!(
                    "{} The {} truth about the western sanctions that the mainstream media will never tell you: prices doubled, factories closed and the government keeps lying to every family in the country, part {round}",
                    emoji[i], swaps[i]
                ),
            ));
        }
    }
    // Shared links with different tracking parameters and unrelated texts, twice.
    for (round, start) in [(0, T0 + 11 * HOUR), (1, T0 + 40 * HOUR)] {
        for i in 0..5 {
            let text = format!(
                "{} {} https://www.pravda-fr.com/article-{round}?utm_source=acc{i}&utm_medium=social&fbclid=IwAR{i}{round}",
                WORDS[(i * 3 + round) % WORDS.len()],
                WORDS[(i * 5 + 1) % WORDS.len()],
            );
            posts.push(post(
                &format!("link{i}"),
                start + i as i64 * 11 * SECOND,
                &text,
            ));
        }
    }
    // Input order mixed, as exports are not sorted by time.
    let n = posts.len();
    for i in (1..n).rev() {
        posts.swap(i, rng.below(i as u64 + 1) as usize);
    }
    posts
}

#[test]
fn planted_groups_are_found_and_nothing_else() {
    let out = coordinate(&planted_timeline(), CoordOptions::default());
    let clusters = cluster_members(&out);
    assert_eq!(
        clusters,
        vec![names("copy", 8), names("edit", 6), names("link", 5)],
        "clusters: {clusters:?}"
    );
    let types_between = |prefix: &str| -> BTreeSet<String> {
        out.pairs
            .iter()
            .filter(|p| p["account_a"].starts_with(prefix))
            .map(|p| p["object_type"].clone())
            .collect()
    };
    assert!(types_between("copy").contains("text"));
    assert!(types_between("copy").contains("url"));
    assert!(types_between("copy").contains("mention"));
    assert!(types_between("edit").contains("near-text"));
    assert!(!types_between("edit").contains("text"));
    // Different tracking parameters, one canonical link.
    assert_eq!(
        types_between("link"),
        ["url".to_string()].into_iter().collect::<BTreeSet<_>>()
    );
    let links: BTreeSet<String> = out
        .pairs
        .iter()
        .filter(|p| p["object_type"] == "url" && p["account_a"].starts_with("link"))
        .map(|p| p["object"].clone())
        .collect();
    assert_eq!(
        links,
        ["pravda-fr.com/article-0", "pravda-fr.com/article-1"]
            .map(String::from)
            .into()
    );
    // Near-duplicate pairs carry their similarity.
    for p in out.pairs.iter().filter(|p| p["object_type"] == "near-text") {
        let s: f64 = p["similarity"].parse().unwrap();
        assert!((0.7..1.0).contains(&s), "{s}");
    }
    assert_eq!(out.clusters.len(), 3);
    assert_eq!(out.clusters[0]["accounts"], "8");
}

#[test]
fn organic_posts_of_the_same_text_hours_apart_are_not_linked() {
    let text = "I just watched the news about the flooding in the valley, terrible";
    let posts: Vec<Post> = (0..10)
        .map(|i| post(&format!("a{i}"), T0 + i * 2 * HOUR, text))
        .collect();
    let out = coordinate(&posts, CoordOptions::default());
    assert!(out.pairs.is_empty() && out.edges.is_empty());
    // The same posts within a minute are linked: the test could fail.
    let close: Vec<Post> = (0..10)
        .map(|i| {
            post(
                &format!("a{i}"),
                T0 + i * 5 * SECOND,
                &format!("{text} #floods"),
            )
        })
        .collect();
    let out = coordinate(&close, CoordOptions::default());
    assert_eq!(cluster_members(&out), vec![names("a", 10)]);
}

#[test]
fn a_hub_hashtag_does_not_link_everything() {
    // 300 accounts, each posting unrelated texts with #news and #breaking, densely.
    let mut rng = Rng(42);
    let mut posts = Vec::new();
    for a in 0..300 {
        for k in 0..3 {
            let words: Vec<&str> = (0..6)
                .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize])
                .collect();
            posts.push(post(
                &format!("n{a}"),
                T0 + (a * 7 + k * 1000) as i64 * SECOND + rng.below(30) as i64 * SECOND,
                &format!("{} #news #breaking", words.join(" ")),
            ));
        }
    }
    let out = coordinate(&posts, CoordOptions::default());
    assert!(out.edges.is_empty(), "{} edges", out.edges.len());
    assert_eq!(out.summary.by_type["hashtag"].hubs, 2);
    assert!(out.summary.top_hubs[0].starts_with("hashtag:#"));
    // Without the cap, the same hashtags link hundreds of accounts.
    let uncapped = coordinate(
        &posts,
        CoordOptions {
            hub_limit: Some(usize::MAX),
            ..CoordOptions::default()
        },
    );
    assert!(uncapped.edges.len() > 300, "{}", uncapped.edges.len());
}

#[test]
fn the_window_slides_instead_of_binning() {
    // 50 s apart across a minute boundary: one pair; 70 s apart: none.
    let tags = "#alpha #beta";
    let posts = vec![
        post("a", T0 + 40 * SECOND, tags),
        post("b", T0 + 90 * SECOND, tags),
        post("c", T0 + 10 * MINUTE, tags),
        post("d", T0 + 10 * MINUTE + 70 * SECOND, tags),
    ];
    let out = coordinate(&posts, CoordOptions::default());
    let edges: Vec<(String, String)> = out
        .edges
        .iter()
        .map(|e| (e["source"].clone(), e["target"].clone()))
        .collect();
    assert_eq!(edges, vec![("a".to_string(), "b".to_string())]);
    assert_eq!(out.pairs[0]["delta_seconds"], "50");
    // A minimum delay of 55 s drops it; a fast window of 50 s flags it.
    let delayed = CoordOptions {
        window: Window {
            window_ms: 60 * SECOND,
            min_delay_ms: 55 * SECOND,
            fast_ms: None,
        },
        ..CoordOptions::default()
    };
    assert!(coordinate(&posts, delayed).edges.is_empty());
    let fast = CoordOptions {
        window: Window {
            window_ms: 60 * SECOND,
            min_delay_ms: 0,
            fast_ms: Some(50 * SECOND),
        },
        ..CoordOptions::default()
    };
    let out = coordinate(&posts, fast);
    assert_eq!(out.edges[0]["fast_weight"], "2");
    assert!(out.pairs.iter().all(|p| p["fast"] == "1"));
}

#[test]
fn reposts_from_prefixes_and_columns() {
    let mut posts = vec![
        post("a", T0, "RT @Source: big news here about the war"),
        post(
            "b",
            T0 + 5 * SECOND,
            "RT @source: big news here about the war",
        ),
        post("a", T0 + HOUR, "five words of own text"),
        post("b", T0 + HOUR + SECOND, "other words of own text"),
    ];
    posts[2].repost = "12345".into();
    posts[3].repost = "12345".into();
    let options = CoordOptions {
        objects: ObjectOptions {
            repost_column: Some(0),
            ..ObjectOptions::default()
        },
        ..CoordOptions::default()
    };
    let out = coordinate(&posts, options);
    let objects: BTreeSet<String> = out.pairs.iter().map(|p| p["object"].clone()).collect();
    assert_eq!(
        objects,
        ["12345", "RT @source: big news here about the war"]
            .map(String::from)
            .into()
    );
    assert_eq!(out.edges[0]["repost"], "2");
    assert_eq!(out.edges[0]["weight"], "2");
}

#[test]
fn bad_timestamps_and_missing_authors_are_counted_not_fatal() {
    let mut posts = vec![
        post("a", T0, "#x #y"),
        post("b", T0 + SECOND, "#x #y"),
        post("c", i64::MIN, "#x #y"),
        post("", T0 + 2 * SECOND, "#x #y"),
    ];
    posts.push(post("e", i64::MIN, "#x #y"));
    let out = coordinate(&posts, CoordOptions::default());
    let p = &out.summary.posts;
    assert_eq!((p.posts_used, p.bad_time, p.without_author), (2, 2, 1));
    assert_eq!(p.examples_left_out, vec!["test:4", "test:5", "test:6"]);
    assert_eq!(out.edges.len(), 1);
}

#[test]
fn edge_symmetry_shows_a_hyperactive_account() {
    // "busy" posts 5 tags over 5 minutes; "quiet" once per tag, each within the window.
    let mut posts = Vec::new();
    for k in 0..5 {
        for j in 0..3 {
            posts.push(post(
                "busy",
                T0 + k * 10 * MINUTE + j * 10 * SECOND,
                &format!("#tag{k}"),
            ));
        }
        posts.push(post(
            "quiet",
            T0 + k * 10 * MINUTE + 35 * SECOND,
            &format!("#tag{k}"),
        ));
    }
    let out = coordinate(&posts, CoordOptions::default());
    let e = &out.edges[0];
    assert_eq!(e["weight"], "5");
    // One pair per quiet post (with busy's latest post): 5 posts each side.
    assert_eq!(
        (e["posts_source"].as_str(), e["posts_target"].as_str()),
        ("5", "5")
    );
    assert_eq!(e["edge_symmetry_score"], "1");
    // With busy posting after quiet as well, busy's side has more posts.
    for k in 0..5 {
        posts.push(post(
            "busy",
            T0 + k * 10 * MINUTE + 50 * SECOND,
            &format!("#tag{k}"),
        ));
    }
    let out = coordinate(&posts, CoordOptions::default());
    let e = &out.edges[0];
    assert_eq!(e["posts_source"], "10");
    assert_eq!(e["posts_target"], "5");
    assert_eq!(e["edge_symmetry_score"], "0.5");
}

#[test]
fn percentile_threshold_keeps_the_heaviest_edges() {
    let out = coordinate(
        &planted_timeline(),
        CoordOptions {
            thresholds: Thresholds {
                min_weight: 1,
                percentile: 0.9,
            },
            ..CoordOptions::default()
        },
    );
    let q = out.summary.network.percentile_weight.unwrap();
    assert!(out
        .edges
        .iter()
        .all(|e| e["weight"].parse::<f64>().unwrap() > q));
    assert!(out.summary.network.edges_kept < out.summary.network.edges_found);
}

/// Write `posts` as a CSV file.
fn write_csv(path: &std::path::Path, posts: &[Post]) {
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(["id", "author", "created_at", "text"])
        .unwrap();
    for (i, p) in posts.iter().enumerate() {
        let time = if p.time == i64::MIN {
            "garbage".to_string()
        } else {
            crate::timestamp::format_utc(p.time)
        };
        w.write_record([&format!("t{i}"), &p.author, &time, &p.text])
            .unwrap();
    }
    w.flush().unwrap();
}

#[test]
fn outputs_are_identical_whatever_the_threads_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("posts.csv");
    write_csv(&input, &planted_timeline());
    let run_with = |threads: usize, sort_memory: usize, name: &str| {
        let out = dir.path().join(name);
        let options = RunOptions {
            inputs: vec![input.display().to_string()],
            input_format: None,
            ingest: IngestOptions {
                columns: ColumnSpec::default(),
                ..IngestOptions::default()
            },
            output_dir: out.clone(),
            threads,
            batch_size: 100,
            coord: CoordOptions {
                sort_memory,
                ..CoordOptions::default()
            },
        };
        let summary = run(&options, None).unwrap();
        let files: Vec<Vec<u8>> = [
            "pairs.csv",
            "edges.csv",
            "nodes.csv",
            "clusters.csv",
            "network.graphml",
        ]
        .iter()
        .map(|f| std::fs::read(out.join(f)).unwrap())
        .collect();
        (files, summary)
    };
    let (one, s1) = run_with(1, 256 << 20, "one");
    let (two, _) = run_with(2, 256 << 20, "two");
    let (spilled, s3) = run_with(3, 16 << 10, "spilled");
    assert_eq!(s1.sort_runs, 0);
    assert!(s3.sort_runs > 10, "{} runs", s3.sort_runs);
    assert!(one[0].len() > 1000);
    assert_eq!(one, two);
    assert_eq!(one, spilled);
}

#[test]
fn kinds_can_be_switched_off() {
    let out = coordinate(
        &planted_timeline(),
        CoordOptions {
            objects: ObjectOptions {
                kinds: Kinds::none().with(ObjectKind::Url),
                ..ObjectOptions::default()
            },
            thresholds: Thresholds {
                min_weight: 1,
                percentile: 0.0,
            },
            ..CoordOptions::default()
        },
    );
    assert!(out.pairs.iter().all(|p| p["object_type"] == "url"));
    assert!(!out.pairs.is_empty());
}

use super::edges::Thresholds;
use super::objects::{Kinds, ObjectOptions};
use super::sweep::Window;

#[test]
fn scan_with_coordination_writes_the_same_files_and_a_cluster_column() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("posts.csv");
    write_csv(&input, &planted_timeline());
    let input = input.display().to_string();
    let analyzer = crate::Analyzer::new(
        crate::config::Config::default(),
        crate::campaigns::CampaignSet::embedded().unwrap(),
    )
    .unwrap();
    let scan_dir = dir.path().join("scan-coord");
    let report = dir.path().join("report.csv");
    let options = crate::pipeline::ScanOptions {
        inputs: vec![input.clone()],
        output: report.display().to_string(),
        threads: 2,
        coordination: Some((scan_dir.clone(), CoordOptions::default())),
        ..crate::pipeline::ScanOptions::default()
    };
    crate::pipeline::scan(&analyzer, &options).unwrap();
    let alone = dir.path().join("alone");
    let run_options = RunOptions {
        inputs: vec![input],
        input_format: None,
        ingest: IngestOptions::default(),
        output_dir: alone.clone(),
        threads: 1,
        batch_size: 4096,
        coord: CoordOptions::default(),
    };
    run(&run_options, None).unwrap();
    for file in ["pairs.csv", "edges.csv", "nodes.csv", "network.graphml"] {
        assert_eq!(
            std::fs::read(scan_dir.join(file)).unwrap(),
            std::fs::read(alone.join(file)).unwrap(),
            "{file}"
        );
    }
    // Every report row carries its post's cluster: planted accounts have one, others none.
    let rows = read_table(&report);
    assert_eq!(rows.len(), planted_timeline().len());
    for row in &rows {
        let planted = ["copy", "edit", "link"]
            .iter()
            .any(|p| row["author"].starts_with(p));
        assert_eq!(!row["cluster"].is_empty(), planted, "{row:?}");
    }
}

#[test]
fn scan_accounts_carry_the_cluster_of_the_report_whatever_the_threads() {
    use crate::accounts::report_input::{read_report, ReadOptions};
    use crate::accounts::{table, Accounts, Vocabulary};
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("posts.csv");
    write_csv(&input, &planted_timeline());
    let input = input.display().to_string();
    let analyzer = crate::Analyzer::new(
        crate::config::Config::default(),
        crate::campaigns::CampaignSet::embedded().unwrap(),
    )
    .unwrap();
    use crate::report::encode::ReportFormat;
    let scan_with = |threads: usize, batch_size: usize, format: ReportFormat, name: &str| {
        let path = |file: &str| dir.path().join(format!("{name}-{file}"));
        let report = match format {
            ReportFormat::Csv => path("report.csv"),
            ReportFormat::Jsonl => path("report.jsonl"),
        };
        let options = crate::pipeline::ScanOptions {
            inputs: vec![input.clone()],
            output: report.display().to_string(),
            format,
            threads,
            batch_size,
            accounts: Some(path("accounts.csv").display().to_string()),
            coordination: Some((path("coord"), CoordOptions::default())),
            ..crate::pipeline::ScanOptions::default()
        };
        crate::pipeline::scan(&analyzer, &options).unwrap();
        (
            std::fs::read_to_string(path("accounts.csv")).unwrap(),
            report,
            path("coord"),
        )
    };
    let (one, report, coord) = scan_with(1, 4096, ReportFormat::Csv, "one");
    let (two, jsonl_report, _) = scan_with(2, 7, ReportFormat::Jsonl, "two");
    assert_eq!(one, two, "the accounts table depends on --threads");

    // Each planted group's accounts share one cluster in both tables, that of nodes.csv;
    // organic accounts have none.
    let nodes: HashMap<String, String> = read_table(&coord.join("nodes.csv"))
        .into_iter()
        .map(|n| (n["Id"].clone(), n["cluster"].clone()))
        .collect();
    let accounts: HashMap<String, String> = csv::Reader::from_reader(one.as_bytes())
        .deserialize::<HashMap<String, String>>()
        .map(|row| {
            let row = row.unwrap();
            (row["account"].clone(), row["cluster"].clone())
        })
        .collect();
    let mut group_clusters = BTreeSet::new();
    for prefix in ["copy", "edit", "link"] {
        let clusters: BTreeSet<&String> = accounts
            .iter()
            .filter(|(a, _)| a.starts_with(prefix))
            .map(|(_, c)| c)
            .collect();
        assert_eq!(clusters.len(), 1, "{prefix}: {clusters:?}");
        let cluster = clusters.into_iter().next().unwrap();
        assert!(!cluster.is_empty(), "{prefix} has no cluster");
        group_clusters.insert(cluster.clone());
        for row in read_table(&report)
            .iter()
            .filter(|r| r["author"].starts_with(prefix) && !r["cluster"].is_empty())
        {
            assert_eq!(&row["cluster"], cluster, "{row:?}");
        }
    }
    assert_eq!(group_clusters.len(), 3);
    for (account, cluster) in &accounts {
        assert_eq!(
            cluster,
            nodes.get(account).unwrap_or(&String::new()),
            "{account}"
        );
    }
    assert!(accounts["user0"].is_empty());

    // `calque accounts` on the report (CSV or JSON Lines) reads its cluster column: the same
    // table.
    let vocab = Vocabulary::new(&analyzer);
    for report in [&report, &jsonl_report] {
        let mut from_report = Accounts::new(analyzer.config.accounts.top_evidence);
        read_report(
            &report.display().to_string(),
            &vocab,
            &ReadOptions::default(),
            &mut from_report,
        )
        .unwrap();
        let mut again = Vec::new();
        table::write(
            &table::build(&from_report, &vocab),
            ReportFormat::Csv,
            false,
            &mut again,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(again).unwrap(),
            one,
            "{}",
            report.display()
        );
    }
}
