use super::*;

fn set_from(text: &str) -> Result<CampaignSet> {
    let mut sources = RuleSources::default();
    sources.add("test.toml", text);
    CampaignSet::load(&sources, outlets::Outlets::embedded().unwrap())
}

const MINIMAL: &str = r#"
[campaign]
id = "demo"
name = "Demo"

[[indicator]]
id = "D-1"
kind = "phrase"
weight = 0.5
description = "d"
source = "s"
phrases = ["can you verify"]
fires_on = ["x"]
must_not_fire_on = ["y"]
"#;

fn hits(set: &CampaignSet, text: &str, lang: &str) -> Vec<String> {
    let norm = normalize(text);
    set.matches(text, &norm, lang)
        .into_iter()
        .map(|h| {
            let spans: Vec<&str> = h.spans.iter().map(|s| s.slice(text)).collect();
            format!("{}={}", set.indicators[h.indicator].id, spans.join("|"))
        })
        .collect()
}

#[test]
fn embedded_rules_load_and_their_examples_hold() {
    let set = CampaignSet::embedded().expect("embedded rules compile");
    assert!(set.campaigns.iter().any(|c| c.id == "matryoshka"));
    let failures = set.test_examples();
    let report: Vec<String> = failures
        .iter()
        .map(|f| format!("{} ({}): {}", f.indicator, f.location, f.message))
        .collect();
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn phrases_resist_case_accents_homoglyphs_zero_width_and_spacing() {
    let set = set_from(MINIMAL).unwrap();
    for text in [
        "CAN YOU VERIFY this?",
        "Саn yоu verify this?", // Cyrillic С, а, о
        "can you ver\u{200B}ify this?",
        "can you v e r i f y this?",
        "c a n y o u v e r i f y this?",
        "#CanYouVerify this?",
        "cän yöu vérify",
    ] {
        assert_eq!(hits(&set, text, "en").len(), 1, "should fire on {text:?}");
    }
    assert!(
        hits(&set, "can you verifying", "en").is_empty(),
        "word boundary"
    );
}

#[test]
fn spans_point_into_the_original_text() {
    let set = set_from(MINIMAL).unwrap();
    assert_eq!(
        hits(&set, "Hey, CAN YOU VERIFY?", "en"),
        vec!["D-1=CAN YOU VERIFY"]
    );
}

#[test]
fn errors_name_file_line_and_problem() {
    let bad_regex = MINIMAL
        .replace(
            "kind = \"phrase\"",
            "kind = \"regex\"\npattern = \"(unclosed\"",
        )
        .replace("phrases = [\"can you verify\"]\n", "");
    let e = set_from(&bad_regex).unwrap_err().message;
    assert!(e.starts_with("test.toml:9:"), "{e}");
    assert!(e.contains("invalid regex"), "{e}");

    let bad_kind = MINIMAL.replace("kind = \"phrase\"", "kind = \"sentence\"");
    let e = set_from(&bad_kind).unwrap_err().message;
    assert!(e.starts_with("test.toml:8:"), "{e}");
    assert!(e.contains("unknown variant"), "{e}");

    let bad_weight = MINIMAL.replace("weight = 0.5", "weight = 1.5");
    let e = set_from(&bad_weight).unwrap_err().message;
    assert!(
        e.starts_with("test.toml:9:") && e.contains("outside [0, 1]"),
        "{e}"
    );

    let no_examples = MINIMAL.replace("must_not_fire_on = [\"y\"]", "");
    assert!(set_from(&no_examples)
        .unwrap_err()
        .message
        .contains("must_not_fire_on"));

    let unknown_field = MINIMAL.replace("source = \"s\"", "source = \"s\"\nwieght = 2");
    let e = set_from(&unknown_field).unwrap_err().message;
    assert!(
        e.starts_with("test.toml:12:") && e.contains("wieght"),
        "{e}"
    );
}

#[test]
fn combinations_need_their_parts() {
    let text = format!(
        "{MINIMAL}
[[indicator]]
id = \"D-2\"
kind = \"phrase\"
part = true
description = \"d\"
source = \"s\"
phrases = [\"bbc\"]
fires_on = [\"x\"]
must_not_fire_on = [\"y\"]

[[indicator]]
id = \"D-3\"
kind = \"all_of\"
of = [\"D-1\", \"D-2\"]
weight = 0.8
description = \"d\"
source = \"s\"
fires_on = [\"x\"]
must_not_fire_on = [\"y\"]
"
    );
    let set = set_from(&text).unwrap();
    assert_eq!(
        hits(&set, "BBC video: can you verify?", "en"),
        vec!["D-1=can you verify", "D-2=BBC", "D-3=BBC|can you verify"]
    );
    assert_eq!(hits(&set, "BBC video", "en"), vec!["D-2=BBC"]);

    let forward = text.replace("of = [\"D-1\", \"D-2\"]", "of = [\"D-1\", \"D-9\"]");
    let e = set_from(&forward).unwrap_err().message;
    assert!(e.contains("D-9") && e.contains("defined earlier"), "{e}");
}

#[test]
fn languages_gate_indicators() {
    let text = MINIMAL.replace("weight = 0.5", "weight = 0.5\nlanguages = [\"fr\"]");
    let set = set_from(&text).unwrap();
    assert!(hits(&set, "can you verify", "en").is_empty());
    assert_eq!(hits(&set, "can you verify", "fr").len(), 1);
}

#[test]
fn domains_match_hosts_and_subdomains_only() {
    let text = MINIMAL
        .replace("kind = \"phrase\"", "kind = \"domain\"")
        .replace(
            "phrases = [\"can you verify\"]",
            "domains = [\"rrn.media\"]",
        );
    let set = set_from(&text).unwrap();
    assert_eq!(
        hits(&set, "read https://rrn.media/x", "en"),
        vec!["D-1=https://rrn.media/x"]
    );
    assert_eq!(hits(&set, "read hxxps://fr.rrn[.]media/x", "en").len(), 1);
    assert!(hits(&set, "read https://notrrn.media/x", "en").is_empty());
}

#[test]
fn later_files_override_campaigns_with_the_same_id() {
    let mut sources = RuleSources::default();
    sources.add("a.toml", MINIMAL);
    sources.add("b.toml", MINIMAL.replace("can you verify", "is this real"));
    let set = CampaignSet::load(&sources, outlets::Outlets::embedded().unwrap()).unwrap();
    assert_eq!(set.campaigns.len(), 1);
    assert_eq!(set.campaigns[0].origin, "b.toml");
    assert!(hits(&set, "can you verify", "en").is_empty());
    assert_eq!(hits(&set, "is this real", "en").len(), 1);
}

#[test]
fn duplicate_indicator_ids_are_rejected() {
    let mut sources = RuleSources::default();
    sources.add("a.toml", MINIMAL);
    sources.add("b.toml", MINIMAL.replace("id = \"demo\"", "id = \"other\""));
    let e = CampaignSet::load(&sources, outlets::Outlets::embedded().unwrap())
        .unwrap_err()
        .message;
    assert!(e.contains("already used at a.toml:"), "{e}");
}

#[test]
fn url_indicators_match_accounts_not_their_platform() {
    let text = MINIMAL
        .replace("kind = \"phrase\"", "kind = \"url\"")
        .replace(
            "phrases = [\"can you verify\"]",
            "urls = [\"https://twitter.com/TEN_GOP\", \"t.me/rybar\"]",
        );
    let set = set_from(&text).unwrap();
    assert_eq!(
        hits(&set, "see https://x.com/ten_gop/status/1", "en").len(),
        1
    );
    assert_eq!(hits(&set, "see hxxps://t[.]me/Rybar", "en").len(), 1);
    assert!(hits(&set, "see https://x.com/ten_gop_fan", "en").is_empty());
    assert!(hits(&set, "see https://t.me/other", "en").is_empty());
    assert!(hits(&set, "see https://x.com/", "en").is_empty());

    let no_path = text.replace("\"t.me/rybar\"", "\"t.me\"");
    let e = set_from(&no_path).unwrap_err().message;
    assert!(
        e.starts_with("test.toml:") && e.contains("not a link with a path"),
        "{e}"
    );
}

#[test]
fn domain_rules_match_unicode_and_punycode_hosts_alike() {
    let text = MINIMAL
        .replace("kind = \"phrase\"", "kind = \"domain\"")
        .replace(
            "phrases = [\"can you verify\"]",
            "domains = [\"actu-auvergne-rhône-alpes.fr\"]",
        );
    let set = set_from(&text).unwrap();
    assert_eq!(
        hits(&set, "https://xn--actu-auvergne-rhne-alpes-lnc.fr/a", "en").len(),
        1
    );
    assert_eq!(
        hits(&set, "https://ACTU-AUVERGNE-RHÔNE-ALPES.fr/a", "en").len(),
        1
    );
}

#[test]
fn typosquats_include_homographs_of_real_domains() {
    let text = MINIMAL
        .replace("kind = \"phrase\"", "kind = \"typosquat\"")
        .replace("phrases = [\"can you verify\"]\n", "");
    let set = set_from(&text).unwrap();
    // Cyrillic "е" in "lеmonde.fr", as text and as punycode.
    assert_eq!(hits(&set, "https://lеmonde.fr/politique", "en").len(), 1);
    assert_eq!(
        hits(&set, "https://xn--lmonde-3of.fr/politique", "en").len(),
        1
    );
    assert!(hits(&set, "https://www.lemonde.fr/politique", "en").is_empty());
}

#[test]
fn phrases_sharing_a_head_are_told_apart_in_full() {
    // "can you verify" and "can you verify this video" share their first bytes, which is all
    // the automaton searches: each must still match exactly where its whole text occurs.
    let text = format!(
        r#"{MINIMAL}
[[indicator]]
id = "D-2"
kind = "phrase"
weight = 0.5
description = "d"
source = "s"
phrases = ["can you verify this video", "can you"]
fires_on = ["x"]
must_not_fire_on = ["y"]
"#
    );
    let set = set_from(&text).unwrap();
    assert_eq!(
        hits(&set, "Can you verify this video? can you verify it", "en"),
        vec![
            "D-1=Can you verify|can you verify",
            "D-2=Can you|Can you verify this video|can you"
        ]
    );
    assert_eq!(
        hits(&set, "can you verify this vide", "en"),
        vec!["D-1=can you verify", "D-2=can you"]
    );
    assert!(hits(&set, "can yo", "en").is_empty());
}

/// Texts of about `len` bytes built to make link and host matching slow: one host of many
/// labels, many distinct hosts of the longest DNS length, a huge path, defanged dots,
/// Unicode labels, many tiny hosts.
pub(crate) fn pathological_texts(len: usize) -> Vec<(&'static str, String)> {
    let repeat = |unit: &str| unit.repeat(len / unit.len());
    // Distinct hosts of ~250 bytes: `labels` labels of `label_len` letters, then a counter.
    let distinct_hosts = |labels: u64, label_len: u64| {
        let mut s = String::with_capacity(len + 300);
        let mut k = 0u64;
        while s.len() < len {
            s.push_str("https://");
            for i in 0..labels {
                for j in 0..label_len {
                    s.push(char::from(b'a' + ((k * 31 + i * 3 + j) % 26) as u8));
                }
                s.push('.');
            }
            s.push_str(&format!("x{k}.com/p "));
            k += 1;
        }
        s
    };
    let long_hosts = distinct_hosts(120, 1);
    // Five-letter labels, which brand tests cannot skip by length.
    let word_hosts = distinct_hosts(40, 5);
    vec![
        ("distinct hosts of word labels", word_hosts),
        (
            "one host of many labels",
            format!("https://{}com/x", repeat("a.")),
        ),
        ("bare dotted labels", repeat("a.")),
        ("distinct hosts of DNS length", long_hosts),
        (
            "a huge path",
            format!("see https://rrn.media/{} now", repeat("ab/")),
        ),
        (
            "a huge query",
            format!("http://x.com/?q={}", repeat("%20x")),
        ),
        ("defanged dots", format!("{} dot", repeat("a[.]"))),
        ("defanged hosts", repeat("hxxps://a[.]b[.]com/x ")),
        ("unicode labels", format!("http://{}рф/", repeat("пример."))),
        ("tiny hosts", repeat("a.bc ")),
        ("user and port", repeat("u@a.b:1/")),
        ("hashtags", repeat("#a")),
        (
            "prose",
            repeat("The meeting will take place in the nearest time. "),
        ),
    ]
}

/// Issue 11, item 12: a 960 KB host of one-letter labels took 46 s, hashing every suffix.
/// Hosts are now at most 253 bytes and only suffixes as short as a domain key are looked up,
/// so the bytes hashed are bounded by a constant per byte of text, whatever the text.
#[test]
fn pathological_links_cost_work_linear_in_the_text() {
    let set = CampaignSet::embedded().unwrap();
    for (name, text) in pathological_texts(64 << 10) {
        let hosts = links::extract_hosts(&text);
        let (mut lookups, mut hashed) = (0usize, 0usize);
        for host in &hosts {
            assert!(host.host.len() <= links::MAX_HOST_BYTES, "{name}");
            assert!(host.path.len() <= links::MAX_PATH_BYTES, "{name}");
            for key in set.domain_keys(&host.host) {
                lookups += 1;
                hashed += key.len();
            }
        }
        let host_bytes: usize = hosts.iter().map(|h| h.host.len()).sum();
        assert!(
            host_bytes <= text.len(),
            "{name}: {host_bytes} bytes of hosts"
        );
        assert!(lookups <= text.len(), "{name}: {lookups} lookups");
        assert!(
            hashed <= (links::MAX_HOST_BYTES / 2 + 1) * text.len(),
            "{name}: {hashed} bytes hashed for {} bytes of text",
            text.len()
        );
        // And the matcher runs over it (a hang here is the bug this test is for).
        set.matches(&text, &normalize(&text), "en");
    }
}

#[test]
fn domain_indicators_still_fire_on_subdomains_within_dns_limits() {
    let set = CampaignSet::embedded().unwrap();
    let domain = set
        .domains
        .keys()
        .min()
        .expect("the embedded rules have domain indicators")
        .clone();
    assert!(set.longest_domain >= domain.len());
    let sub = format!("https://a.b.{domain}/x");
    assert!(!hits(&set, &sub, "en").is_empty(), "{sub}");
    // A subdomain padded past 253 bytes is not a resolvable host, so not a link.
    let padded = format!("https://{}{domain}/x", "a.".repeat(130));
    assert!(hits(&set, &padded, "en").is_empty());
}
