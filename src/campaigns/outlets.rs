//! Outlets that campaigns impersonate, with their real domains (`data/outlets.toml`), and the
//! typosquat test: does a host imitate one of them without being one of its real domains?

use crate::error::{line_col, Fatal, Result};
use serde::Deserialize;

const EMBEDDED_OUTLETS: &str = include_str!("../../data/outlets.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outlet {
    /// Short id used by `typosquat` indicators, e.g. "lemonde".
    pub id: String,
    pub name: String,
    /// Real domains; their subdomains are real too.
    pub domains: Vec<String>,
    /// Brand strings a squatter reuses in a host name (lowercase, no dots).
    pub brands: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletFile {
    #[serde(rename = "outlet")]
    outlets: Vec<Outlet>,
}

#[derive(Debug, Clone, Default)]
pub struct Outlets {
    pub list: Vec<Outlet>,
}

/// Brands shorter than this only match a whole host label ("bbc", "dw", "afp").
const SHORT_BRAND: usize = 5;

impl Outlets {
    pub fn parse(origin: &str, text: &str) -> Result<Self> {
        let file: OutletFile = toml::from_str(text).map_err(|e| {
            let (line, col) = line_col(text, e.span().map_or(0, |s| s.start));
            Fatal::rules(format!("{origin}:{line}:{col}: {}", e.message()))
        })?;
        for o in &file.outlets {
            if o.domains.is_empty() || o.brands.is_empty() {
                return Err(Fatal::rules(format!(
                    "{origin}: outlet {:?} needs domains and brands",
                    o.id
                )));
            }
        }
        Ok(Outlets { list: file.outlets })
    }

    pub fn embedded() -> Result<Self> {
        Self::parse("embedded:outlets.toml", EMBEDDED_OUTLETS)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.list.iter().any(|o| o.id == id)
    }

    /// The outlet that `host` imitates, restricted to `only` (all outlets when empty).
    pub fn imitated_by(&self, host: &str, only: &[String]) -> Option<&Outlet> {
        let host = host.trim_start_matches("www.");
        self.list
            .iter()
            .filter(|o| only.is_empty() || only.contains(&o.id))
            .find(|o| imitates(host, o))
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

fn imitates(host: &str, outlet: &Outlet) -> bool {
    if is_real_domain(host, outlet) {
        return false;
    }
    let labels: Vec<&str> = host.split('.').collect();
    // The TLD alone never counts ("news.bbc" has label "bbc" as TLD-like suffix only if 2 labels).
    let body = &labels[..labels.len().saturating_sub(1)];
    outlet.brands.iter().any(|brand| {
        body.iter().any(|label| {
            if brand.len() < SHORT_BRAND {
                *label == brand || label.split('-').any(|part| part == brand)
            } else {
                label.contains(brand.as_str()) || within_one_edit(label, brand)
            }
        })
    })
}

/// Damerau-Levenshtein distance ≤ 1 (one insertion, deletion, substitution or transposition).
pub fn within_one_edit(a: &str, b: &str) -> bool {
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
