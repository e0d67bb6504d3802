use super::account::shown;
use super::statistic::{benjamini_hochberg, poisson_upper_tail};
use super::table::{self, AccountLevel, Table};
use super::*;
use crate::campaigns::CampaignSet;
use crate::config::Config;
use crate::report::encode::ReportFormat;
use crate::Analyzer;
use std::sync::OnceLock;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::new(Config::default(), CampaignSet::embedded().unwrap()).unwrap())
}

fn vocab() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| Vocabulary::new(analyzer()))
}

/// A deterministic pseudo-random sequence (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

type Owned = OwnedPost;

/// `n` posts by a few dozen accounts on two platforms, with hits, campaign matches, ties in
/// score, missing authors and bad timestamps.
fn synthetic_posts(n: usize, seed: u64) -> Vec<Owned> {
    let v = vocab();
    let mut rng = Rng(seed | 1);
    let timestamps = [
        "2024-03-01T09:12:00Z",
        "1/31/2017 2:39",
        "Wed Oct 10 20:19:24 +0000 2018",
        "1539202764",
        "yesterday",
        "",
    ];
    (0..n)
        .map(|i| {
            let account = rng.below(40);
            let lang = ["en", "en", "en", "fr", "und"][rng.below(5) as usize];
            let mut heuristics = Vec::new();
            if rng.below(6) == 0 {
                let h = rng.below(v.heuristics.len() as u64) as u32;
                heuristics.push(h);
                if rng.below(3) == 0 {
                    heuristics.push((h + 1) % v.heuristics.len() as u32);
                }
            }
            let (mut campaigns, mut indicators) = (Vec::new(), Vec::new());
            if rng.below(8) == 0 {
                let i = rng.below(v.indicators.len() as u64) as u32;
                indicators.push(i);
                let c = v.indicators[i as usize].campaign as u32;
                campaigns.push((c, [0.45, 0.7, 0.85, 0.123456][rng.below(4) as usize]));
            }
            let score = if heuristics.is_empty() && campaigns.is_empty() {
                0.0
            } else {
                // Few distinct values: many ties in score.
                [0.26, 0.5, 0.7, 0.91, 0.123_449_99][rng.below(5) as usize]
            };
            Owned {
                platform: ["x", "telegram"][(account % 2) as usize].into(),
                author: if account == 0 {
                    String::new()
                } else {
                    format!("@user{account}")
                },
                reference: format!("p{i}"),
                timestamp: timestamps[rng.below(6) as usize].into(),
                lang: lang.into(),
                words: 5 + rng.below(60),
                score,
                order: i as u64,
                level: crate::config::Config::default().level(score),
                heuristics,
                campaigns,
                indicators,
            }
        })
        .collect()
}

fn aggregate(posts: &[Owned]) -> Accounts {
    let mut a = Accounts::new(3);
    for p in posts {
        a.add(&p.post());
    }
    a
}

fn csv_of(table: &Table) -> String {
    let mut out = Vec::new();
    table::write(table, ReportFormat::Csv, false, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn table_csv(accounts: &Accounts) -> String {
    csv_of(&table::build(accounts, vocab()))
}

#[test]
fn merge_of_any_split_equals_the_whole() {
    let posts = synthetic_posts(3_000, 7);
    let whole = aggregate(&posts);
    let expected = table_csv(&whole);
    assert!(expected.lines().count() > 40, "{expected}");
    let mut rng = Rng(99);
    for parts in [2usize, 3, 7] {
        // Posts dealt to parts at random, not in runs: each part sees an arbitrary subset.
        let mut split: Vec<Vec<Owned>> = vec![Vec::new(); parts];
        for p in &posts {
            split[rng.below(parts as u64) as usize].push(p.clone());
        }
        let mut aggregates: Vec<Accounts> = split.iter().map(|s| aggregate(s)).collect();
        // Merge in a scrambled order, into the last part.
        let mut merged = aggregates.pop().unwrap();
        while !aggregates.is_empty() {
            let k = rng.below(aggregates.len() as u64) as usize;
            merged.merge(aggregates.swap_remove(k));
        }
        assert_eq!(merged.totals, whole.totals);
        assert_eq!(table_csv(&merged), expected, "{parts} parts");
    }
    // And the order in which posts arrive does not matter either.
    let mut reversed = posts.clone();
    reversed.reverse();
    assert_eq!(table_csv(&aggregate(&reversed)), expected);
}

#[test]
fn merged_aggregates_equal_the_whole_field_by_field() {
    let posts = synthetic_posts(1_000, 3);
    let whole = aggregate(&posts);
    let (left, right) = posts.split_at(417);
    let mut merged = aggregate(right);
    merged.merge(aggregate(left));
    assert_eq!(merged.len(), whole.len());
    for (key, account) in whole.iter() {
        let (_, mine) = merged.iter().find(|(k, _)| *k == key).unwrap();
        // Language indices may differ between the two; compare through names.
        let names = |acc: &Accounts, a: &account::Account| -> Vec<(String, u64, u64)> {
            a.langs
                .iter()
                .map(|t| (acc.lang_name(t.lang).to_string(), t.posts, t.words))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect()
        };
        assert_eq!(names(&merged, mine), names(&whole, account));
        assert_eq!(mine.evidence, account.evidence, "{key}");
        assert_eq!(
            (mine.posts(), mine.words(), mine.first_ms, mine.last_ms),
            (
                account.posts(),
                account.words(),
                account.first_ms,
                account.last_ms
            )
        );
    }
}

#[test]
fn posts_without_author_are_counted_under_the_empty_account() {
    let posts = synthetic_posts(500, 11);
    let anonymous = posts.iter().filter(|p| p.author.is_empty()).count() as u64;
    assert!(anonymous > 0);
    let accounts = aggregate(&posts);
    assert_eq!(accounts.totals.posts_without_author, anonymous);
    let table = table::build(&accounts, vocab());
    let listed: u64 = table
        .rows()
        .filter(|r| r.account.is_empty())
        .map(|r| r.posts)
        .sum();
    assert_eq!(listed, anonymous);
    assert_eq!(
        table.rows().map(|r| r.posts).sum::<u64>(),
        posts.len() as u64,
        "every post counted once"
    );
}

#[test]
fn keys_keep_platform_and_account_apart() {
    let mut a = Accounts::new(3);
    let base = &synthetic_posts(1, 1)[0];
    for (platform, author) in [
        ("x", "ya"),
        ("xy", "a"),
        ("x", "ya"),
        ("", "xya"),
        ("t", ""),
    ] {
        let mut p = base.clone();
        p.platform = platform.into();
        p.author = author.into();
        a.add(&p.post());
    }
    assert_eq!(a.len(), 4);
    let mut keys: Vec<(&str, &str)> = a.iter().map(|(k, _)| decode_key(k)).collect();
    keys.sort();
    assert_eq!(keys, [("", "xya"), ("t", ""), ("x", "ya"), ("xy", "a")]);
}

#[test]
fn timestamps_are_parsed_counted_and_never_fatal() {
    let base = &synthetic_posts(1, 1)[0];
    let mut a = Accounts::new(3);
    for ts in [
        "2018-10-10T20:19:24Z",
        "10/10/2018 21:00",
        "garbage",
        "",
        "1539202764000",
    ] {
        let mut p = base.clone();
        p.timestamp = ts.into();
        a.add(&p.post());
    }
    assert_eq!(a.totals.timestamps_unparseable, 1);
    assert_eq!(a.totals.timestamps_missing, 1);
    assert_eq!(a.totals.timestamps_without_zone, 1);
    let table = table::build(&a, vocab());
    let row = table.rows().next().unwrap();
    assert_eq!(
        row.first_ms.map(crate::timestamp::format_utc).as_deref(),
        Some("2018-10-10T20:19:24Z")
    );
    assert_eq!(
        row.last_ms.map(crate::timestamp::format_utc).as_deref(),
        Some("2018-10-10T21:00:00Z")
    );
}

#[test]
fn top_evidence_is_bounded_and_ranked_by_score_then_order() {
    let base = &synthetic_posts(1, 1)[0];
    let mut a = Accounts::new(3);
    for (i, score) in [0.5, 0.9, 0.5, 0.0, 0.9, 0.7, 0.90001]
        .into_iter()
        .enumerate()
    {
        let mut p = base.clone();
        p.author = "@a".into();
        p.score = score;
        p.order = 10 - i as u64;
        p.reference = format!("r{i}");
        p.heuristics = vec![0];
        a.add(&p.post());
    }
    let table = table::build(&a, vocab());
    // 0.90001 shows as 0.9000: equal to the two 0.9 posts, first by its exact score; then the
    // two 0.9 by order (r4 has the smaller order).
    assert_eq!(
        table.rows().next().unwrap().evidence_posts,
        ["r6", "r4", "r1"]
    );
}

#[test]
fn shown_scores_are_the_report_s_four_decimals() {
    for x in [0.0, 0.12345, 0.99995, 1.0, 0.7, 1e-9, 0.00005] {
        let mut s = String::new();
        crate::report::fixed::push_fixed(&mut s, x, 4);
        assert_eq!(shown(x), s.parse::<f64>().unwrap(), "{x}");
        assert_eq!(shown(shown(x)), shown(x));
    }
}

/// P(X >= k) by summing the Poisson probabilities from k up (no cancellation).
fn tail_by_sum(k: u64, lambda: f64) -> f64 {
    let mut term = (-lambda).exp();
    for j in 0..k {
        term *= lambda / (j + 1) as f64;
    }
    let mut tail = 0.0;
    for j in k..k + 200 {
        tail += term;
        term *= lambda / (j + 1) as f64;
    }
    tail
}

#[test]
fn poisson_tail_is_exact() {
    assert_eq!(poisson_upper_tail(0, 3.0), 1.0);
    assert_eq!(poisson_upper_tail(2, 0.0), 0.0);
    assert!((poisson_upper_tail(1, 1.0) - (1.0 - (-1.0f64).exp())).abs() < 1e-14);
    for lambda in [0.01, 0.3, 1.0, 2.5, 7.0] {
        for k in 1..12 {
            let want = tail_by_sum(k, lambda);
            let got = poisson_upper_tail(k, lambda);
            assert!(
                (got - want).abs() <= 1e-9 * want,
                "k={k} λ={lambda}: {got} vs {want}"
            );
        }
    }
    // Far tails stay positive and ordered, not rounded to zero.
    let (a, b) = (poisson_upper_tail(8, 0.05), poisson_upper_tail(9, 0.05));
    assert!(a > b && b > 0.0 && a < 1e-12, "{a} {b}");
}

#[test]
fn benjamini_hochberg_matches_its_definition() {
    let mut rng = Rng(5);
    for n in [1usize, 2, 5, 40] {
        let p: Vec<f64> = (0..n)
            .map(|_| {
                [0.001, 0.01, 0.02, 0.5, 1.0][rng.below(5) as usize] * (rng.below(3) + 1) as f64
                    / 3.0
            })
            .collect();
        let q = benjamini_hochberg(&p);
        let m = n as f64;
        for i in 0..n {
            // q_i = min over p_j >= p_i of min(1, m p_j / #{k: p_k <= p_j}).
            let want = p
                .iter()
                .filter(|&&pj| pj >= p[i])
                .map(|&pj| (m * pj / p.iter().filter(|&&pk| pk <= pj).count() as f64).min(1.0))
                .fold(1.0f64, f64::min);
            assert!((q[i] - want).abs() < 1e-12, "{p:?} {q:?}");
        }
    }
}

/// An account of `posts` English posts of `words` words each, with the given heuristic
/// indices firing in the first posts (one per post).
fn account_posts(author: &str, posts: u64, words: u64, hits: &[u32]) -> Vec<Owned> {
    let base = &synthetic_posts(1, 1)[0];
    (0..posts)
        .map(|i| {
            let mut p = base.clone();
            p.author = author.into();
            p.platform = "x".into();
            p.lang = "en".into();
            p.words = words;
            p.order = i;
            p.reference = format!("{author}-{i}");
            p.campaigns.clear();
            p.indicators.clear();
            p.heuristics = hits.get(i as usize).map(|&h| vec![h]).unwrap_or_default();
            p.score = if p.heuristics.is_empty() { 0.0 } else { 0.3 };
            p.level = Config::default().level(p.score);
            p
        })
        .collect()
}

fn english_heuristics(n: usize) -> Vec<u32> {
    let v = vocab();
    (0..v.heuristics.len() as u32)
        .filter(|&h| v.heuristics[h as usize].lang == "en")
        .take(n)
        .collect()
}

#[test]
fn levels_follow_the_documented_rule() {
    let h = english_heuristics(4);
    let mut posts = Vec::new();
    // 200 posts x 20 words: 4,000 words, λ0 ≈ 0.33. Four distinct tells: high.
    posts.extend(account_posts("@troll", 200, 20, &[h[0], h[1], h[2], h[3]]));
    // The same count from one heuristic (a habit): medium at most.
    posts.extend(account_posts("@habit", 200, 20, &[h[0]; 4]));
    // One hit: never above low.
    posts.extend(account_posts("@once", 200, 20, &[h[0]]));
    // Too few words to decide.
    posts.extend(account_posts("@short", 5, 20, &[h[0], h[1], h[2]]));
    // Natives with nothing.
    for k in 0..20 {
        posts.extend(account_posts(&format!("@native{k}"), 100, 20, &[]));
    }
    let accounts = aggregate(&posts);
    let table = table::build(&accounts, vocab());
    let rows: Vec<table::Row> = table.rows().collect();
    let level = |name: &str| rows.iter().find(|r| r.account == name).unwrap().level;
    assert_eq!(level("@troll"), AccountLevel::High);
    assert_eq!(level("@habit"), AccountLevel::Medium);
    assert_eq!(level("@once"), AccountLevel::Low);
    assert_eq!(level("@short"), AccountLevel::Insufficient);
    assert_eq!(level("@native3"), AccountLevel::Low);
    assert_eq!(rows[0].account, "@troll", "ranked first");
    let troll = &rows[0];
    let expected = 4000.0 * vocab().rate("en");
    assert!((troll.expected_hits - expected).abs() < 1e-9);
    assert!((troll.p - poisson_upper_tail(4, expected)).abs() < 1e-15);
    assert_eq!(table.summary.accounts_tested, 23);
}

#[test]
fn repeated_campaign_matches_weigh_more_than_one_but_saturate() {
    let v = vocab();
    let (i, ind) = v
        .indicators
        .iter()
        .enumerate()
        .find(|(_, ind)| ind.weight > 0.3 && ind.weight < 0.6)
        .unwrap();
    let w = ind.weight;
    let mut posts = Vec::new();
    for (author, n) in [("@one", 1u64), ("@three", 3), ("@ten", 10)] {
        for k in 0..n {
            let mut p = account_posts(author, 1, 20, &[]).remove(0);
            p.order = k;
            p.reference = format!("{author}-{k}");
            p.indicators = vec![i as u32];
            p.campaigns = vec![(ind.campaign as u32, w)];
            p.score = w;
            posts.push(p);
        }
    }
    let accounts = aggregate(&posts);
    let rows: Vec<table::Row> = table::build(&accounts, v).rows().collect();
    let score = |name: &str| {
        let row = rows.iter().find(|r| r.account == name).unwrap();
        let c = row.campaign.as_ref().unwrap();
        assert_eq!(c.id, v.campaigns[ind.campaign]);
        c.score
    };
    assert!((score("@one") - w).abs() < 1e-12);
    let three = 1.0 - (1.0 - w).powf(3f64.sqrt());
    assert!((score("@three") - three).abs() < 1e-12);
    assert_eq!(
        score("@ten"),
        score("@three"),
        "saturates at campaign_max_repeats"
    );
}

#[test]
fn jsonl_and_csv_carry_the_same_cells() {
    let accounts = aggregate(&synthetic_posts(400, 21));
    let table = table::build(&accounts, vocab());
    let mut jsonl = Vec::new();
    table::write(&table, ReportFormat::Jsonl, false, &mut jsonl).unwrap();
    let mut csv_bytes = Vec::new();
    table::write(&table, ReportFormat::Csv, true, &mut csv_bytes).unwrap();
    let mut reader = csv::Reader::from_reader(&csv_bytes[..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.iter().collect::<Vec<_>>(), table::COLUMNS);
    for (line, record) in std::str::from_utf8(&jsonl)
        .unwrap()
        .lines()
        .zip(reader.records())
    {
        let record = record.unwrap();
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for (h, cell) in headers.iter().zip(record.iter()) {
            let got = match &v[h] {
                serde_json::Value::String(s) => s.clone(),
                n => {
                    // Numbers parse back to the CSV cell's value.
                    assert_eq!(n.as_f64().unwrap(), cell.parse::<f64>().unwrap(), "{h}");
                    continue;
                }
            };
            assert_eq!(got, cell, "{h}");
        }
    }
}

#[test]
fn memory_per_account_stays_small() {
    // Many accounts with a post or two each, a few with evidence: a batch's usual shape.
    let mut accounts = Accounts::new(3);
    let base = &synthetic_posts(1, 1)[0];
    let mut rng = Rng(17);
    for i in 0..50_000u64 {
        let mut p = base.clone();
        p.author = format!("@user{}", rng.below(20_000));
        p.order = i;
        p.heuristics.clear();
        p.campaigns.clear();
        p.indicators.clear();
        p.score = 0.0;
        if i % 50 == 0 {
            p.heuristics = vec![0];
            p.score = 0.3;
        }
        accounts.add(&p.post());
    }
    let per_account = accounts.bytes_per_account();
    // docs/PERFORMANCE.md: 1 million accounts in a few hundred MB.
    assert!(per_account < 250.0, "{per_account} bytes per account");
}

/// A CSV input of a few hundred posts by a handful of accounts (and some without author or
/// id), texts from the bundled sample and the synthetic campaign fixtures.
fn write_posts_csv(path: &std::path::Path) {
    let mut texts: Vec<String> = Vec::new();
    let mut files = vec!["data/samples/posts.csv".to_string()];
    for c in ["matryoshka", "doppelganger", "ira", "copycop"] {
        files.push(format!("tests/fixtures/campaigns/synthetic-{c}.csv"));
    }
    for f in files {
        let mut r = csv::Reader::from_path(f).unwrap();
        let col = r
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "text")
            .unwrap();
        texts.extend(r.records().map(|rec| rec.unwrap()[col].to_string()));
    }
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(["id", "user_id", "created_at", "platform", "text"])
        .unwrap();
    let mut rng = Rng(41);
    for i in 0..400 {
        let text = &texts[rng.below(texts.len() as u64) as usize];
        let author = ["@a", "@b", "=c", "", "@d", "@e", "f"][rng.below(7) as usize];
        let id = if i % 9 == 0 {
            String::new()
        } else {
            format!("q{i}")
        };
        let ts = ["2024-03-01T09:12:00Z", "3/2/2024 10:00", "nope", ""][rng.below(4) as usize];
        let platform = ["x", "telegram"][rng.below(2) as usize];
        w.write_record([id.as_str(), author, ts, platform, text])
            .unwrap();
    }
    w.flush().unwrap();
}

#[test]
fn scan_accounts_equal_the_report_s_whatever_the_threads() {
    use crate::pipeline::{scan, ScanOptions};
    use report_input::{read_report, ReadOptions};
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("posts.csv");
    write_posts_csv(&input);
    let input = input.to_str().unwrap().to_string();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let columns = crate::ingest::ColumnSpec {
        author: Some("user_id".into()),
        ..Default::default()
    };
    let run = |report: &str, accounts: &str, format, threads, batch_size| {
        let opts = ScanOptions {
            inputs: vec![input.clone()],
            ingest: crate::ingest::IngestOptions {
                columns: columns.clone(),
                ..Default::default()
            },
            output: report.to_string(),
            format,
            threads,
            batch_size,
            accounts: Some(accounts.to_string()),
            ..Default::default()
        };
        let summary = scan(analyzer(), &opts).unwrap();
        assert_eq!(summary.accounts.as_ref().unwrap().totals.posts, 400);
        std::fs::read_to_string(accounts).unwrap()
    };
    let one = run(&path("r1.csv"), &path("a1.csv"), ReportFormat::Csv, 1, 4096);
    assert!(one.contains("'=c"), "formula-like accounts are neutralised");
    assert!(one.lines().count() > 8, "{one}");
    for (k, (format, report, threads, batch)) in [
        (ReportFormat::Csv, "r2.csv", 2, 7),
        (ReportFormat::Jsonl, "r3.jsonl", 3, 64),
    ]
    .into_iter()
    .enumerate()
    {
        // --accounts x.csv is CSV whatever the report's format.
        let accounts = run(
            &path(report),
            &path(&format!("a{k}.csv")),
            format,
            threads,
            batch,
        );
        assert_eq!(accounts, one, "{threads} threads, batch {batch}");
        // The report of the scan rolls up to the same bytes.
        let mut from_report = Accounts::new(3);
        let rows = read_report(
            &path(report),
            vocab(),
            &ReadOptions::default(),
            &mut from_report,
        )
        .unwrap();
        assert_eq!(rows, 400);
        assert_eq!(table_csv(&from_report), one, "{report}");
    }
}

#[test]
fn reading_a_report_fails_clearly_on_bad_input() {
    use report_input::{read_report, ReadOptions};
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, body: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, body).unwrap();
        p.to_str().unwrap().to_string()
    };
    let header = crate::report::COLUMNS.join(",");
    // The columns up to `all_campaign_rules`, then empty cells for any later ones.
    let later = ",".repeat(crate::report::COLUMNS.len() - 23);
    let row = |rules: &str, score: &str| {
        format!(
            "1,{score},low,id1,@a,,,x,f.csv:2,en,0.9,0.000,0,0.0000,{rules},,0.0000,,,,hello,1,{later}\n"
        )
    };
    let cases = [
        (
            "old.csv",
            "rank,score,author,text\n1,0.5,@a,hi\n".to_string(),
            "no column",
        ),
        (
            "code.csv",
            format!("{header}\n{}", row("RU-XX-999", "0.0000")),
            "unknown heuristic",
        ),
        (
            "score.csv",
            format!("{header}\n{}", row("", "high")),
            ":2: column score",
        ),
        (
            "json.jsonl",
            "{\"rank\": 1}\nnot json\n".into(),
            "json.jsonl:1: no column",
        ),
    ];
    for (name, body, expected) in cases {
        let path = write(name, &body);
        let mut accounts = Accounts::new(3);
        let e = read_report(&path, vocab(), &ReadOptions::default(), &mut accounts).unwrap_err();
        assert!(e.message.contains(expected), "{name}: {}", e.message);
    }
    // A well-formed row reads.
    let path = write("ok.csv", &format!("{header}\n{}", row("", "0.0000")));
    let mut accounts = Accounts::new(3);
    assert_eq!(
        read_report(&path, vocab(), &ReadOptions::default(), &mut accounts).unwrap(),
        1
    );
}

#[test]
fn author_ids_are_discovered_when_no_handle_column_exists() {
    use crate::record::Event;
    let dir = tempfile::tempdir().unwrap();
    for (header, expected) in [
        ("userid,text", "42"),
        ("account_id,text", "42"),
        ("user_id,username,text", "@handle"),
    ] {
        let path = dir.path().join("in.csv");
        let values = if header.contains("username") {
            "42,@handle,hello"
        } else {
            "42,hello"
        };
        std::fs::write(&path, format!("{header}\n{values}\n")).unwrap();
        let opts = crate::ingest::IngestOptions::default();
        let mut source =
            crate::ingest::open(path.to_str().unwrap(), None, &opts, Default::default()).unwrap();
        match source.next_event().unwrap() {
            Some(Event::Record(_, r)) => assert_eq!(r.author, expected, "{header}"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn partial_aggregates_written_and_read_back_merge_exactly() {
    let posts = synthetic_posts(2_000, 31);
    let expected = table_csv(&aggregate(&posts));
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(8);
    let mut split: Vec<Vec<Owned>> = vec![Vec::new(); 3];
    for p in &posts {
        split[rng.below(3) as usize].push(p.clone());
    }
    let mut merged = Accounts::new(3);
    for (k, part) in split.iter().enumerate() {
        let path = dir.path().join(format!("part{k}.jsonl"));
        let mut bytes = Vec::new();
        partial::write(&aggregate(part), vocab(), &mut bytes).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        let rows = report_input::read_report(
            path.to_str().unwrap(),
            vocab(),
            &Default::default(),
            &mut merged,
        )
        .unwrap();
        assert_eq!(rows, part.len() as u64);
    }
    assert_eq!(table_csv(&merged), expected);
    // A partial that lists an account twice, or names an unknown heuristic, is refused.
    let mut bytes = Vec::new();
    partial::write(&aggregate(&split[0]), vocab(), &mut bytes).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let second = text.lines().nth(1).unwrap();
    for (body, expected) in [
        (format!("{text}{second}\n"), "listed twice"),
        (text.replacen("RU-", "XX-", 1), "unknown heuristic"),
    ] {
        let path = dir.path().join("bad.jsonl");
        std::fs::write(&path, body).unwrap();
        let e = report_input::read_report(
            path.to_str().unwrap(),
            vocab(),
            &Default::default(),
            &mut Accounts::new(3),
        )
        .unwrap_err();
        assert!(e.message.contains(expected), "{}", e.message);
    }
}
