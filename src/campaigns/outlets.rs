//! Outlets that campaigns impersonate, with their real domains (`data/outlets.toml`), and the
//! typosquat test: does a host imitate one of them without being one of its real domains?

use crate::error::{line_col, Fatal, Result};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

const EMBEDDED_OUTLETS: &str = include_str!("../../data/outlets.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outlet {
    /// Short id used by `typosquat` indicators, e.g. "lemonde".
    pub id: String,
    pub name: String,
    /// Real domains; their subdomains are real too.
    pub domains: Vec<String>,
    /// Brand strings a squatter reuses in a host name (lowercase). A brand with a dot
    /// ("bmi.bund") must appear as that run of labels.
    pub brands: Vec<String>,
    /// The brand is also an ordinary word ("welt", "liberation"): only a whole host label
    /// equal to it, reading as it, or (5+ letters) one edit from it counts — not a part of a
    /// hyphenated label ("welt-der-wunder.de").
    #[serde(default)]
    pub common_word: bool,
    /// `skeleton` of each brand, computed once at load.
    #[serde(skip)]
    skeletons: Vec<String>,
    /// For each brand, the shortest host label that can reuse it ([`shortest_reusing_label`]).
    #[serde(skip)]
    shortest_labels: Vec<usize>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletFile {
    #[serde(rename = "outlet")]
    outlets: Vec<Outlet>,
}

#[derive(Debug, Clone, Default)]
pub struct Outlets {
    /// Private: verdicts are cached per list, so the list never changes after loading.
    list: Vec<Outlet>,
    /// Identifies this list in the per-thread verdict cache (0: never cached).
    cache_id: u64,
    /// The shortest host label that can reuse any brand: shorter labels are not examined.
    shortest_label: usize,
}

static NEXT_CACHE_ID: AtomicU64 = AtomicU64::new(1);

/// Hosts remembered per thread before the cache starts over.
const CACHE_CAPACITY: usize = 1 << 14;

thread_local! {
    /// Outlets each host imitates, by host, for the list with this cache id. Most links in a
    /// batch point to the same few hosts (`t.co`, `bit.ly`, YouTube…); the verdict is a pure
    /// function of the host, so caching it never changes a result.
    static VERDICTS: RefCell<(u64, HashMap<String, Vec<u16>>)> = RefCell::new((0, HashMap::new()));
}

/// Brands shorter than this only match a whole host label ("bbc", "dw", "afp").
const SHORT_BRAND: usize = 5;

impl Outlets {
    pub fn parse(origin: &str, text: &str) -> Result<Self> {
        let file: OutletFile = toml::from_str(text).map_err(|e| {
            let (line, col) = line_col(text, e.span().map_or(0, |s| s.start));
            Fatal::rules(format!("{origin}:{line}:{col}: {}", e.message()))
        })?;
        let mut file = file;
        for o in &mut file.outlets {
            o.skeletons = o.brands.iter().map(|b| skeleton(b)).collect();
            o.shortest_labels = o
                .brands
                .iter()
                .zip(&o.skeletons)
                .map(|(b, s)| shortest_reusing_label(b, s))
                .collect();
        }
        for o in &file.outlets {
            if o.domains.is_empty() || o.brands.is_empty() {
                return Err(Fatal::rules(format!(
                    "{origin}: outlet {:?} needs domains and brands",
                    o.id
                )));
            }
        }
        let shortest_label = file
            .outlets
            .iter()
            .flat_map(|o| o.shortest_labels.iter().copied())
            .min()
            .unwrap_or(0);
        Ok(Outlets {
            list: file.outlets,
            cache_id: NEXT_CACHE_ID.fetch_add(1, Ordering::Relaxed),
            shortest_label,
        })
    }

    pub fn embedded() -> Result<Self> {
        Self::parse("embedded:outlets.toml", EMBEDDED_OUTLETS)
    }

    /// The outlets, in file order.
    pub fn list(&self) -> &[Outlet] {
        &self.list
    }

    pub fn contains(&self, id: &str) -> bool {
        self.list.iter().any(|o| o.id == id)
    }

    /// The outlet that `host` imitates, restricted to `only` (all outlets when empty). A real
    /// domain of any listed outlet imitates nothing ("tagesspiegel.de" is not a Spiegel squat);
    /// when several outlets match, the longest brand wins ("tagesspiegel.ltd" → Tagesspiegel).
    pub fn imitated_by(&self, host: &str, only: &[String]) -> Option<&Outlet> {
        let host = host.trim_start_matches("www.");
        if self.is_real(host) {
            return None;
        }
        let view = HostView::new(host, self.shortest_label);
        self.list
            .iter()
            .filter(|o| only.is_empty() || only.contains(&o.id))
            .filter_map(|o| imitation_strength(&view, o).map(|len| (len, o)))
            .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.id.cmp(&a.1.id)))
            .map(|(_, o)| o)
    }

    /// Like [`Self::imitated_by`], for a link whose ASCII host is `host` and which displays as
    /// `seen` (IDN labels decoded, look-alike letters folded): a host that merely *displays*
    /// as an outlet's real domain is a homograph squat of it.
    pub fn imitated_by_link(&self, host: &str, seen: &str, only: &[String]) -> Option<&Outlet> {
        if let Some(o) = self.imitated_by(host, only) {
            return Some(o);
        }
        let seen = seen.trim_start_matches("www.");
        if seen == host.trim_start_matches("www.") {
            return None;
        }
        self.list
            .iter()
            .filter(|o| only.is_empty() || only.contains(&o.id))
            .find(|o| is_real_domain(seen, o))
            .or_else(|| self.imitated_by(seen, only))
    }

    /// Ids of every outlet that a link imitates, by its ASCII host or by how it displays
    /// (`seen`, see [`Self::imitated_by_link`]). Computed once per link and shared by every
    /// typosquat indicator.
    pub fn imitated_ids_link<'s>(&'s self, host: &str, seen: &str) -> Vec<&'s str> {
        let mut ids = Vec::new();
        self.collect_imitated(host, &mut ids);
        let seen = seen.trim_start_matches("www.");
        if seen != host.trim_start_matches("www.") {
            for o in &self.list {
                if is_real_domain(seen, o) && !ids.contains(&o.id.as_str()) {
                    ids.push(o.id.as_str());
                }
            }
            self.collect_imitated(seen, &mut ids);
        }
        ids
    }

    fn collect_imitated<'s>(&'s self, host: &str, ids: &mut Vec<&'s str>) {
        let host = host.trim_start_matches("www.");
        let imitated = if self.cache_id == 0 {
            self.imitated_indices(host)
        } else {
            VERDICTS.with(|cache| {
                let mut cache = cache.borrow_mut();
                if cache.0 != self.cache_id || cache.1.len() >= CACHE_CAPACITY {
                    cache.0 = self.cache_id;
                    cache.1.clear();
                }
                if let Some(v) = cache.1.get(host) {
                    return v.clone();
                }
                let v = self.imitated_indices(host);
                cache.1.insert(host.to_string(), v.clone());
                v
            })
        };
        for k in imitated {
            let id = self.list[k as usize].id.as_str();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }

    /// Indices of the outlets `host` imitates (none when it is a real domain of any outlet).
    fn imitated_indices(&self, host: &str) -> Vec<u16> {
        if self.is_real(host) {
            return Vec::new();
        }
        let view = HostView::new(host, self.shortest_label);
        (0..self.list.len())
            .filter(|&k| imitation_strength(&view, &self.list[k]).is_some())
            .map(|k| k as u16)
            .collect()
    }

    /// Whether `host` is one of an outlet's real domains (or a subdomain of one).
    pub fn is_real(&self, host: &str) -> bool {
        self.list.iter().any(|o| is_real_domain(host, o))
    }
}

fn is_real_domain(host: &str, outlet: &Outlet) -> bool {
    outlet.domains.iter().any(|d| {
        host == d
            || host
                .strip_suffix(d.as_str())
                .is_some_and(|p| p.ends_with('.'))
    })
}

/// A host split once for every brand test: its labels without the TLD, the dotted body, and
/// each label's pieces (the label, then its hyphen-separated parts) with their skeletons.
struct HostView<'a> {
    body: Vec<&'a str>,
    dotted_body: String,
    /// Per label: (piece, skeleton); the first piece is the whole label.
    pieces: Vec<Vec<(&'a str, String)>>,
}

impl<'a> HostView<'a> {
    /// Labels shorter than `shortest_label` bytes can reuse no brand: their pieces are left
    /// empty (a host of many one-letter labels then costs little).
    fn new(host: &'a str, shortest_label: usize) -> Self {
        let labels: Vec<&str> = host.split('.').collect();
        // The TLD never counts: "news.bbc" is not a BBC squat through its TLD.
        let body = labels[..labels.len().saturating_sub(1)].to_vec();
        let dotted_body = format!(".{}.", body.join("."));
        let pieces = body
            .iter()
            .map(|label| {
                if label.len() < shortest_label {
                    return Vec::new();
                }
                std::iter::once(*label)
                    .chain(label.split('-').filter(|p| p.len() != label.len()))
                    .map(|p| (p, skeleton(p)))
                    .collect()
            })
            .collect();
        HostView {
            body,
            dotted_body,
            pieces,
        }
    }
}

/// Length of the longest brand of `outlet` that the host reuses, if any (the caller has ruled
/// out real domains).
fn imitation_strength(view: &HostView, outlet: &Outlet) -> Option<usize> {
    outlet
        .brands
        .iter()
        .zip(&outlet.skeletons)
        .zip(&outlet.shortest_labels)
        .filter(|((brand, brand_skeleton), &shortest)| {
            if brand.contains('.') {
                return contains_labels(&view.dotted_body, brand);
            }
            view.body.iter().zip(&view.pieces).any(|(label, pieces)| {
                label.len() >= shortest
                    && label_reuses_brand(label, pieces, brand, brand_skeleton, outlet.common_word)
            })
        })
        .map(|((b, _), _)| b.len())
        .max()
}

/// Whether `dotted` (".a.b.c.") holds `labels` ("b.c") as a run of whole labels: at the
/// start of some label, followed by a dot.
fn contains_labels(dotted: &str, labels: &str) -> bool {
    let bytes = dotted.as_bytes();
    memchr::memchr_iter(b'.', bytes).any(|dot| {
        let start = dot + 1;
        bytes[start..].starts_with(labels.as_bytes())
            && bytes.get(start + labels.len()) == Some(&b'.')
    })
}

/// The shortest label (in bytes) that [`label_reuses_brand`] can accept for `brand`: each of
/// its tests needs a piece of the label as long as the brand, its skeleton (which is never
/// longer than the text it reads), or the brand less one character.
fn shortest_reusing_label(brand: &str, brand_skeleton: &str) -> usize {
    let mut shortest = brand.len();
    if brand.len() >= 4 {
        shortest = shortest.min(brand_skeleton.len());
    }
    if brand.len() >= SHORT_BRAND {
        shortest = shortest.min(brand.chars().count().saturating_sub(1));
    }
    shortest
}

/// Whether one host label reuses `brand`: equal to it or to one of its hyphen-separated parts
/// (whole label only for `common_word` brands), or reading as it ("blld"); for long brands also
/// one edit away ("spiegeli", "t-onlinl") or the brand plus at most two characters.
fn label_reuses_brand(
    label: &str,
    pieces: &[(&str, String)],
    brand: &str,
    brand_skeleton: &str,
    common_word: bool,
) -> bool {
    // An ordinary word only counts as the whole label: "welt.ltd" yes, "neue-welt.de" no.
    let parts = if common_word { &pieces[..1] } else { pieces };
    if parts.iter().any(|(p, _)| *p == brand) {
        return true;
    }
    // Visual confusables, for 4-letter brands too: "blld" reads as "bild", "0" as "o" (not for
    // 2–3 letter brands: "cla" would read as "cia").
    if brand.len() >= 4 && parts.iter().any(|(_, s)| s == brand_skeleton) {
        return true;
    }
    if brand.len() < SHORT_BRAND {
        return false;
    }
    if parts.iter().any(|(p, _)| within_one_edit(p, brand)) {
        return true;
    }
    !common_word && label.starts_with(brand) && label.len() <= brand.len() + 2
}

/// A label as it may read at a glance: i, 1 and | look like l; 0 like o; "rn" like m; "vv"
/// like w.
fn skeleton(label: &str) -> String {
    let folded: String = label
        .chars()
        .map(|c| match c {
            'i' | '1' | '|' => 'l',
            '0' => 'o',
            _ => c,
        })
        .collect();
    folded.replace("rn", "m").replace("vv", "w")
}

/// Damerau-Levenshtein distance ≤ 1 (one insertion, deletion, substitution or transposition).
pub fn within_one_edit(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() && a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return false;
    }
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Greater => ra[1..] == *rb,
        std::cmp::Ordering::Less => *ra == rb[1..],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlets() -> Outlets {
        Outlets::embedded().unwrap()
    }

    #[test]
    fn real_domains_are_not_squats() {
        let o = outlets();
        assert!(o.imitated_by("lemonde.fr", &[]).is_none());
        assert!(o.imitated_by("www.lemonde.fr", &[]).is_none());
        assert!(o.imitated_by("bbc.co.uk", &[]).is_none());
        assert!(o.imitated_by("news.bbc.co.uk", &[]).is_none());
        assert!(o.imitated_by("spiegel.de", &[]).is_none());
    }

    #[test]
    fn lookalike_domains_are_squats() {
        let o = outlets();
        assert_eq!(o.imitated_by("lemonde.ltd", &[]).unwrap().id, "lemonde");
        assert_eq!(o.imitated_by("spiegel.co.com", &[]).unwrap().id, "spiegel");
        assert_eq!(o.imitated_by("bbc-news.info", &[]).unwrap().id, "bbc");
        assert_eq!(o.imitated_by("lemomde.fr", &[]).unwrap().id, "lemonde");
    }

    #[test]
    fn unrelated_domains_are_not_squats() {
        let o = outlets();
        assert!(o.imitated_by("example.com", &[]).is_none());
        assert!(o.imitated_by("abbcd.com", &[]).is_none());
        // Brands inside longer words are not squats.
        assert!(o.imitated_by("lemondeinformatique.fr", &[]).is_none());
        assert!(o.imitated_by("gayliberation.org", &[]).is_none());
        assert!(o.imitated_by("buildings.com", &[]).is_none());
        assert!(o.imitated_by("bmi.com", &[]).is_none());
        // Ordinary words inside hyphenated names are not squats of the outlet.
        assert!(o.imitated_by("welt-der-wunder.de", &[]).is_none());
        assert!(o.imitated_by("bild-der-wissenschaft.de", &[]).is_none());
        assert!(o.imitated_by("guardian.co.tt", &[]).is_none());
        assert!(o.imitated_by("cla.org", &[]).is_none());
    }

    #[test]
    fn doppelganger_clones_from_the_reports_are_squats_of_the_right_outlet() {
        let o = outlets();
        for (host, outlet) in [
            ("bild.pics", "bild"),
            ("blld.live", "bild"),
            ("faz.ltd", "faz"),
            ("spiegeli.life", "spiegel"),
            ("spiegelr.today", "spiegel"),
            ("tagesspiegel.ltd", "tagesspiegel"),
            ("sueddeutsche.me", "sueddeutsche"),
            ("welt.ltd", "welt"),
            ("t-onlinl.life", "tonline"),
            ("tonline.cfd", "tonline"),
            ("20minuts.com", "20minutes"),
            ("leparisien.press", "leparisien"),
            ("lefigaro.cam", "lefigaro"),
            ("liberation.red", "liberation"),
            ("theguardian.co.com", "guardian"),
            ("washingtonpost.pm", "washingtonpost"),
            ("foxnews.click", "foxnews"),
            ("dailymail.cfd", "dailymail"),
            ("nato.ws", "nato"),
            ("diplomatie.cam", "diplomatie"),
            ("diplomatie.gouv.fm", "diplomatie"),
            ("bmi.bund.pe", "bmi"),
            ("delfl.cc", "delfi"),
            ("obozrevatels.com", "obozrevatel"),
            ("ansa.ltd", "ansa"),
            ("lepoint.info", "lepoint"),
        ] {
            assert_eq!(
                o.imitated_by(host, &[]).map(|x| x.id.as_str()),
                Some(outlet),
                "{host}"
            );
        }
        for real in [
            "tagesspiegel.de",
            "faz.net",
            "welt.de",
            "t-online.de",
            "nato.int",
            "diplomatie.gouv.fr",
            "bmi.bund.de",
            "20minutes.fr",
            "sueddeutsche.de",
            "liberation.fr",
            "lefigaro.fr",
            "lepoint.fr",
        ] {
            assert!(o.imitated_by(real, &[]).is_none(), "{real}");
        }
    }

    #[test]
    fn homograph_hosts_that_display_as_a_real_domain_are_squats() {
        let o = outlets();
        // "lеmonde.fr" with a Cyrillic е, as decoded and folded by the matcher.
        assert_eq!(
            o.imitated_by_link("xn--lmonde-3of.fr", "lemonde.fr", &[])
                .map(|x| x.id.as_str()),
            Some("lemonde")
        );
        assert!(o
            .imitated_by_link("lemonde.fr", "lemonde.fr", &[])
            .is_none());
    }

    /// Skipping labels shorter than [`shortest_reusing_label`] never changes a verdict: every
    /// brand tested against labels made of its own pieces, confusable letters and edits.
    #[test]
    fn labels_too_short_for_a_brand_never_reuse_it() {
        let o = outlets();
        let mut pieces: Vec<&str> = vec!["rn", "vv", "1", "0", "i", "|", "-", "x", "é", "ф"];
        for outlet in o.list() {
            for brand in outlet.brands.iter().filter(|b| !b.contains('.')) {
                pieces.push(brand);
                pieces.extend((1..brand.len()).filter_map(|i| brand.get(..i)));
                pieces.extend((1..brand.len()).filter_map(|i| brand.get(i..)));
            }
        }
        let labels = crate::normalize::test_inputs::from_pieces(&pieces, 0xA5A5_1234, 20_000, 1..4);
        let (mut skipped, mut reused) = (0, 0);
        for label in &labels {
            let host = format!("{label}.com");
            let view = HostView::new(&host, 0);
            for outlet in o.list() {
                for ((brand, skel), &shortest) in outlet
                    .brands
                    .iter()
                    .zip(&outlet.skeletons)
                    .zip(&outlet.shortest_labels)
                    .filter(|((b, _), _)| !b.contains('.'))
                {
                    let hit =
                        label_reuses_brand(label, &view.pieces[0], brand, skel, outlet.common_word);
                    reused += usize::from(hit);
                    if label.len() < shortest {
                        skipped += 1;
                        assert!(
                            !hit,
                            "{label:?} reuses {brand:?} but is shorter than {shortest}"
                        );
                    }
                }
            }
        }
        assert!(
            skipped > 100_000 && reused > 1_000,
            "{skipped} skipped, {reused} reused"
        );
    }

    #[test]
    fn dotted_brands_match_whole_labels_anywhere() {
        assert!(contains_labels(".xab.ab.ab.", "ab.ab"));
        assert!(contains_labels(".bmi.bund.pe.", "bmi.bund"));
        assert!(!contains_labels(".xbmi.bund.pe.", "bmi.bund"));
        assert!(!contains_labels(".bmi.bundx.", "bmi.bund"));
        assert!(!contains_labels(".bmi.bund", "bmi.bund"));
    }

    #[test]
    fn confusable_letters_read_as_the_brand() {
        assert_eq!(skeleton("blld"), skeleton("bild"));
        assert_eq!(skeleton("lernonde"), skeleton("lemonde"));
        assert_ne!(skeleton("build"), skeleton("bild"));
    }

    #[test]
    fn edit_distance_one() {
        assert!(within_one_edit("lemonde", "lemomde"));
        assert!(within_one_edit("lemonde", "lemnode"));
        assert!(within_one_edit("lemonde", "lemond"));
        assert!(!within_one_edit("lemonde", "lemonde"));
        assert!(!within_one_edit("lemonde", "lmnde"));
    }
}
