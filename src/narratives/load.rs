//! Claim databases (`--narratives [COLUMN=]FILE`), recognised by extension, else by content:
//!
//! - **CSV / TSV** with a header: the claim in `COLUMN` when given, else the first of
//!   `claimReviewed`, `claim`, `claim_text`, `title`, `text`, `statement`, `narrative`
//!   (the EUvsDisinfo case list has `title`, and its `id` is the case URL).
//! - **ClaimReview JSON / JSON-LD**: one object, an array, an `@graph`, or the `claims` list of
//!   a fact-check search export; each object is a ClaimReview (`claimReviewed`, `url`,
//!   `datePublished`, `reviewRating.alternateName`, `author.name`, `inLanguage`) or a search
//!   result (`text`, `claimant`, `claimDate`, `claimReview[0].url`, `.textualRating`,
//!   `.publisher.name`, `.languageCode`).
//! - **JSON Lines** of the same objects.
//!
//! A malformed file is an error naming its line (JSON: line and column; objects: their JSON
//! path). A claim that cannot be used (empty, in a language other than English or French, a
//! duplicate) is skipped and counted with its position in the [`LoadReport`].

use super::tokens::language_index;
use super::Claim;
use crate::error::{Fatal, Result};
use crate::langid::{self, LangId};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Largest claim database read (the whole file is held in memory while it is parsed).
pub const MAX_FILE_BYTES: u64 = 512 << 20;

/// Positions of skipped claims kept per reason for the report (the count is always exact).
const EXAMPLES_PER_REASON: usize = 5;

/// One `--narratives` argument: `FILE` or `COLUMN=FILE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NarrativeSpec {
    /// The CSV column holding the claim text.
    pub column: Option<String>,
    pub path: PathBuf,
}

impl std::str::FromStr for NarrativeSpec {
    type Err = String;

    fn from_str(arg: &str) -> std::result::Result<Self, String> {
        if let Some((column, path)) = arg.split_once('=') {
            // A file whose name contains '=' still works when it exists.
            if !column.is_empty() && !column.contains(['/', '\\']) && !Path::new(arg).exists() {
                if path.is_empty() {
                    return Err(format!("--narratives {arg}: no file after '='"));
                }
                return Ok(NarrativeSpec {
                    column: Some(column.to_string()),
                    path: PathBuf::from(path),
                });
            }
        }
        Ok(NarrativeSpec {
            column: None,
            path: PathBuf::from(arg),
        })
    }
}

/// What one claim database contributed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    pub origin: String,
    /// "csv", "tsv", "json" or "jsonl".
    pub format: &'static str,
    /// The CSV column the claims were read from.
    pub column: Option<String>,
    /// Language → claims loaded.
    pub loaded: BTreeMap<&'static str, usize>,
    /// Reason → (count, first positions).
    pub skipped: BTreeMap<String, (usize, Vec<String>)>,
}

impl LoadReport {
    pub fn total_loaded(&self) -> usize {
        self.loaded.values().sum()
    }

    pub fn total_skipped(&self) -> usize {
        self.skipped.values().map(|(n, _)| n).sum()
    }

    fn skip(&mut self, reason: impl Into<String>, position: String) {
        let entry = self.skipped.entry(reason.into()).or_default();
        entry.0 += 1;
        if entry.1.len() < EXAMPLES_PER_REASON {
            entry.1.push(position);
        }
    }

    /// Human-readable lines, for `calque narratives check` and scan warnings.
    pub fn render(&self) -> String {
        let mut s = format!(
            "narratives {} ({}{}): {} claims loaded",
            self.origin,
            self.format,
            self.column
                .as_ref()
                .map_or(String::new(), |c| format!(", column {c:?}")),
            self.total_loaded()
        );
        if !self.loaded.is_empty() {
            let per: Vec<String> = self
                .loaded
                .iter()
                .map(|(l, n)| format!("{l} {n}"))
                .collect();
            s.push_str(&format!(" ({})", per.join(", ")));
        }
        s.push('\n');
        for (reason, (n, at)) in &self.skipped {
            let more = if *n > at.len() { ", …" } else { "" };
            s.push_str(&format!(
                "  skipped {n}: {reason} (at {}{more})\n",
                at.join(", ")
            ));
        }
        s
    }
}

/// Builds claims from raw fields: language resolution, checks, duplicates.
struct Collector<'a> {
    origin: String,
    langid: &'a LangId,
    claims: Vec<Claim>,
    report: LoadReport,
    /// Folded claim text and language → origin of its first occurrence.
    seen: HashMap<(String, &'static str), String>,
    /// Claims read, their language still to decide (see [`Collector::finish`]).
    pending: Vec<(String, Lang, String, Fields)>,
}

/// Fields of one claim as read from a file.
#[derive(Default)]
struct Fields {
    text: String,
    lang: String,
    id: String,
    url: String,
    date: String,
    rating: String,
    author: String,
}

impl Collector<'_> {
    fn add(&mut self, position: String, f: Fields) {
        let text = f.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            self.report.skip("empty claim text", position);
            return;
        }
        let lang = match resolve_language(&f.lang) {
            Some(code) => Lang::Given(code),
            None if f.lang.trim().is_empty() => {
                let script = crate::script::measure(&text);
                let info = self.langid.detect(&text, script.cyrillic_share());
                Lang::Detected(info.code, info.confidence)
            }
            None => {
                self.report
                    .skip(format!("unknown language {:?}", f.lang.trim()), position);
                return;
            }
        };
        self.pending.push((position, lang, text, f));
    }

    /// Decide the languages and keep the claims. A detected language is trusted when the
    /// detector is confident; a short claim it is unsure of takes the language most of the
    /// database's confidently detected claims have (a database is usually of one language).
    fn finish(&mut self) {
        let mut votes: BTreeMap<&'static str, usize> = BTreeMap::new();
        for (_, lang, _, _) in &self.pending {
            if let Lang::Detected(code, confidence) = lang {
                if *confidence >= CONFIDENT {
                    *votes.entry(code).or_default() += 1;
                }
            }
        }
        let majority = votes
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(code, _)| *code);
        for (position, lang, text, f) in std::mem::take(&mut self.pending) {
            let lang = match lang {
                Lang::Given(code) => code,
                Lang::Detected(code, confidence) if confidence >= CONFIDENT => code,
                Lang::Detected(code, _) => majority.unwrap_or(code),
            };
            self.keep(position, lang, text, f);
        }
    }

    fn keep(&mut self, position: String, lang: &'static str, text: String, f: Fields) {
        let Some(li) = language_index(lang) else {
            self.report.skip(
                format!("language {lang}: only English and French claims are matched"),
                position,
            );
            return;
        };
        let lang = super::tokens::LANGUAGES[li];
        let mut folded = String::new();
        super::tokens::fold_into(&text, &mut folded);
        let origin = format!("{}:{position}", self.origin);
        if let Some(first) = self.seen.get(&(folded.clone(), lang)) {
            self.report.skip(
                "duplicate of an earlier claim",
                format!("{position} = {first}"),
            );
            return;
        }
        self.seen.insert((folded, lang), position);
        *self.report.loaded.entry(lang).or_default() += 1;
        let url = if f.url.is_empty() && looks_like_url(&f.id) {
            f.id.clone()
        } else {
            f.url
        };
        self.claims.push(Claim {
            text,
            lang,
            id: f.id,
            url,
            date: f.date,
            rating: f.rating,
            author: f.author,
            origin,
            ..Claim::default()
        });
    }
}

/// Detector confidence from which a claim's detected language is trusted on its own.
const CONFIDENT: f64 = 0.9;

/// A claim's language: given by the database, or detected with a confidence.
enum Lang {
    Given(&'static str),
    Detected(&'static str, f64),
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    s.starts_with("http://") || s.starts_with("https://")
}

/// A language code ("en", "fra") or English/French name to "en"/"fr"/other ISO code.
fn resolve_language(value: &str) -> Option<&'static str> {
    let v = value.trim().to_ascii_lowercase();
    if v.is_empty() {
        return None;
    }
    // "en-GB", "fr_FR"
    let head = v.split(['-', '_']).next().unwrap_or("");
    match head {
        "english" | "anglais" => return Some("en"),
        "french" | "français" | "francais" => return Some("fr"),
        _ => {}
    }
    langid::parse_code(head).map(langid::iso_code)
}

/// Load one claim database.
pub fn load_file(spec: &NarrativeSpec, langid: &LangId) -> Result<(Vec<Claim>, LoadReport)> {
    let origin = spec.path.display().to_string();
    let size = std::fs::metadata(&spec.path)
        .map_err(|e| Fatal::rules(format!("{origin}: cannot read claim database: {e}")))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(Fatal::rules(format!(
            "{origin}: claim database of {size} bytes is larger than the {} MiB this reads",
            MAX_FILE_BYTES >> 20
        )));
    }
    let bytes = std::fs::read(&spec.path)
        .map_err(|e| Fatal::rules(format!("{origin}: cannot read claim database: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, _) = crate::error::line_col(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        Fatal::rules(format!(
            "{origin}:{line}: claim database is not UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let ext = spec
        .path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    load_text(&origin, &text, &ext, spec.column.as_deref(), langid)
}

/// Load a claim database from its text; `ext` (lowercase, no dot) picks the format, else the
/// content does.
pub fn load_text(
    origin: &str,
    text: &str,
    ext: &str,
    column: Option<&str>,
    langid: &LangId,
) -> Result<(Vec<Claim>, LoadReport)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut c = Collector {
        origin: origin.to_string(),
        langid,
        claims: Vec::new(),
        report: LoadReport {
            origin: origin.to_string(),
            ..LoadReport::default()
        },
        seen: HashMap::new(),
        pending: Vec::new(),
    };
    let first = text.trim_start().chars().next();
    let format = match ext {
        "csv" => "csv",
        "tsv" | "tab" => "tsv",
        "jsonl" | "ndjson" => "jsonl",
        "json" | "jsonld" => "json",
        _ if matches!(first, Some('[')) => "json",
        _ if matches!(first, Some('{')) => {
            if serde_json::from_str::<Value>(text).is_ok() {
                "json"
            } else {
                "jsonl"
            }
        }
        _ => "csv",
    };
    c.report.format = format;
    if column.is_some() && !matches!(format, "csv" | "tsv") {
        return Err(Fatal::rules(format!(
            "{origin}: a claim column (COLUMN=FILE) applies to CSV files only; this is {format}"
        )));
    }
    match format {
        "csv" => read_csv(&mut c, text, b',', column)?,
        "tsv" => read_csv(&mut c, text, b'\t', column)?,
        "json" => {
            let value: Value = serde_json::from_str(text).map_err(|e| {
                Fatal::rules(format!(
                    "{origin}:{}:{}: invalid JSON: {e}",
                    e.line(),
                    e.column()
                ))
            })?;
            read_json_value(&mut c, &value, "$")?;
        }
        _ => {
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let value: Value = serde_json::from_str(line).map_err(|e| {
                    Fatal::rules(format!(
                        "{origin}:{}:{}: invalid JSON: {e}",
                        i + 1,
                        e.column()
                    ))
                })?;
                read_json_value(&mut c, &value, &format!("line {}", i + 1))?;
            }
        }
    }
    c.finish();
    Ok((c.claims, c.report))
}

/// Header names, lowercase, tried in order for each field.
const TEXT_COLUMNS: &[&str] = &[
    "claimreviewed",
    "claim_reviewed",
    "claim",
    "claim_text",
    "title",
    "text",
    "statement",
    "narrative",
];
const URL_COLUMNS: &[&str] = &["url", "claimreviewurl", "review_url", "link", "source_url"];
const ID_COLUMNS: &[&str] = &["id", "claim_id", "case_id"];
const DATE_COLUMNS: &[&str] = &[
    "date",
    "datepublished",
    "date_published",
    "claimdate",
    "reviewdate",
];
const LANG_COLUMNS: &[&str] = &[
    "lang",
    "language",
    "inlanguage",
    "languagecode",
    "language_code",
];
const RATING_COLUMNS: &[&str] = &["rating", "textualrating", "verdict", "alternatename"];
const AUTHOR_COLUMNS: &[&str] = &["author", "publisher", "factchecker"];

fn read_csv(c: &mut Collector<'_>, text: &str, delimiter: u8, column: Option<&str>) -> Result<()> {
    let origin = c.origin.clone();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Fatal::rules(format!("{origin}:1: cannot read the CSV header: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let find = |names: &[&str]| -> Option<usize> {
        names
            .iter()
            .find_map(|n| headers.iter().position(|h| h.eq_ignore_ascii_case(n)))
    };
    let text_col = match column {
        Some(name) => headers
            .iter()
            .position(|h| h == name)
            .or_else(|| headers.iter().position(|h| h.eq_ignore_ascii_case(name)))
            .ok_or_else(|| {
                Fatal::rules(format!(
                    "{origin}:1: no column {name:?}; the header has {headers:?}"
                ))
            })?,
        None => find(TEXT_COLUMNS).ok_or_else(|| {
            Fatal::rules(format!(
                "{origin}:1: no claim column (looked for {TEXT_COLUMNS:?}, any case); the header has {headers:?}; name one with --narratives COLUMN=FILE"
            ))
        })?,
    };
    c.report.column = Some(headers[text_col].clone());
    let cols = [
        find(ID_COLUMNS),
        find(URL_COLUMNS),
        find(DATE_COLUMNS),
        find(LANG_COLUMNS),
        find(RATING_COLUMNS),
        find(AUTHOR_COLUMNS),
    ];
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(Fatal::rules(format!("{origin}:{line}: malformed CSV: {e}")));
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        let get = |k: Option<usize>| {
            k.and_then(|k| record.get(k))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        c.add(
            format!("{line}"),
            Fields {
                text: get(Some(text_col)),
                id: get(cols[0]),
                url: get(cols[1]),
                date: get(cols[2]),
                lang: get(cols[3]),
                rating: get(cols[4]),
                author: get(cols[5]),
            },
        );
    }
    Ok(())
}

/// A string field, or the `name` (else `alternateName`) of an object, or of an array's first
/// element.
fn text_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Object(o)) => text_of(o.get("name").or_else(|| o.get("alternateName"))),
        Some(Value::Array(a)) => text_of(a.first()),
        _ => String::new(),
    }
}

fn read_json_value(c: &mut Collector<'_>, value: &Value, path: &str) -> Result<()> {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                read_json_claim(c, item, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        Value::Object(o) => {
            for list in ["claims", "@graph"] {
                if let Some(Value::Array(items)) = o.get(list) {
                    for (i, item) in items.iter().enumerate() {
                        read_json_claim(c, item, &format!("{path}.{list}[{i}]"))?;
                    }
                    return Ok(());
                }
            }
            read_json_claim(c, value, path)
        }
        _ => Err(Fatal::rules(format!(
            "{}:{path}: expected a ClaimReview object, an array of them, or an object with a `claims` list",
            c.origin
        ))),
    }
}

fn read_json_claim(c: &mut Collector<'_>, item: &Value, path: &str) -> Result<()> {
    let Value::Object(o) = item else {
        c.report.skip("not a JSON object", path.to_string());
        return Ok(());
    };
    if let Some(reviewed) = o.get("claimReviewed") {
        // schema.org ClaimReview
        let rating = o.get("reviewRating").and_then(Value::as_object);
        let fields = Fields {
            text: text_of(Some(reviewed)),
            lang: text_of(o.get("inLanguage")),
            id: text_of(o.get("@id").or_else(|| o.get("identifier"))),
            url: text_of(o.get("url")),
            date: text_of(o.get("datePublished")),
            rating: rating.map_or(String::new(), |r| {
                text_of(r.get("alternateName").or_else(|| r.get("ratingValue")))
            }),
            author: text_of(o.get("author")),
        };
        c.add(path.to_string(), fields);
    } else if let (Some(claim_text), Some(Value::Array(reviews))) =
        (o.get("text"), o.get("claimReview"))
    {
        // A fact-check search result: the claim with its reviews.
        let review = reviews.first().and_then(Value::as_object);
        let field = |k: &str| review.map_or(String::new(), |r| text_of(r.get(k)));
        let claim_date = text_of(o.get("claimDate"));
        let fields = Fields {
            text: text_of(Some(claim_text)),
            lang: field("languageCode"),
            id: String::new(),
            url: field("url"),
            date: if claim_date.is_empty() {
                field("reviewDate")
            } else {
                claim_date
            },
            rating: field("textualRating"),
            author: field("publisher"),
        };
        c.add(path.to_string(), fields);
    } else if o
        .get("@type")
        .is_some_and(|t| text_of(Some(t)).eq_ignore_ascii_case("ClaimReview"))
    {
        c.report
            .skip("ClaimReview without claimReviewed", path.to_string());
    } else {
        c.report.skip(
            "not a claim (no claimReviewed, nor text with claimReview)",
            path.to_string(),
        );
    }
    Ok(())
}
