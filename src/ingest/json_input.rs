//! JSON input in any of its shapes: JSON Lines (one value per line, a bad line rejected and
//! the next one read), one array of objects, one document (an object), or documents one after
//! another. Documents are streamed with `struson` (see `json_value`): the elements of a known
//! container — Telegram's `messages` and `chats.list[].messages`, ActivityPub's
//! `orderedItems`, Bluesky's `feed` / `posts` / `records`, `statuses`, `items`, `results`,
//! Whisper's `segments`, YouTube's `events` — are read one at a time, so a 2 GB export never
//! sits in memory; other members of a document are kept (bounded) and, when no container was
//! found, the document itself is the item (an X API v2 response gives one item per tweet).
//!
//! Each object becomes a record through the module of its format, told by
//! `--input-format`, by its container, or by its shape: `telegram`, `twitter`, `mastodon`,
//! `bluesky`, else the generic fields (`--text-col` and friends, dotted paths). Explicit
//! `--text-col`… paths override what a format module found. Rejects carry the JSON path of
//! what they reject (`messages[1234]`) as their position.

use super::columns::{self, ColumnSpec};
use super::json_value::{read_bounded, read_bounded_without, text_at, ValueError};
use super::lines::Lines;
use super::transcript::Transcript;
use super::{bluesky, mastodon, telegram, twitter, whisper_json, youtube_json};
use super::{IngestOptions, RecordReader, Unreadable, Warnings};
use crate::error::Result;
use crate::record::{Event, Provenance, Record, Reject, RejectReason};
use serde_json::{Map, Value};
use std::collections::VecDeque;
use std::io::{BufRead, Read};
use std::sync::Arc;
use struson::reader::{JsonReader, JsonStreamReader, ReaderError, ReaderSettings, ValueType};

/// Formats of JSON objects with a module of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Generic,
    Telegram,
    Twitter,
    Mastodon,
    Bluesky,
}

/// What the elements of a streamed array are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Items, maybe of a known format.
    Items(Option<Flavour>),
    /// Telegram chats, each with its `messages`.
    Chats,
    /// Transcript cues.
    Whisper,
    Youtube,
}

/// Members whose array value is streamed, in an object of the given kind.
fn container(kind: ObjectKind, name: &str) -> Option<Role> {
    match (kind, name) {
        (ObjectKind::Top | ObjectKind::Chat, "messages") => {
            Some(Role::Items(Some(Flavour::Telegram)))
        }
        (ObjectKind::ChatList, "list") => Some(Role::Chats),
        (ObjectKind::Top, "segments") => Some(Role::Whisper),
        (ObjectKind::Top, "events") => Some(Role::Youtube),
        (ObjectKind::Top, "orderedItems") => Some(Role::Items(Some(Flavour::Mastodon))),
        (ObjectKind::Top, "feed" | "posts" | "records" | "statuses" | "items" | "results") => {
            Some(Role::Items(None))
        }
        _ => None,
    }
}

/// Members of a top-level object holding Telegram chats (`{"about": …, "list": [...]}`).
fn holds_chats(kind: ObjectKind, name: &str) -> bool {
    kind == ObjectKind::Top && (name == "chats" || name == "left_chats")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ObjectKind {
    Top,
    ChatList,
    Chat,
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// Turns JSON values into events: the part shared by JSON Lines and streamed documents.
struct Emitter {
    source: Arc<str>,
    columns: ColumnSpec,
    flavour: Option<Flavour>,
    limit: usize,
    window_ms: Option<u64>,
    queue: VecDeque<Event>,
    transcript: Option<Transcript>,
    cues: u64,
}

impl Emitter {
    /// Whether a column flag names a path under the member `member`.
    fn names(&self, member: &str) -> bool {
        let c = &self.columns;
        [&c.text, &c.id, &c.author, &c.timestamp, &c.url, &c.platform]
            .into_iter()
            .flatten()
            .chain(&c.keep)
            .any(|p| p.split('.').next() == Some(member))
    }

    fn provenance(&self, line: u64, path: &str) -> Provenance {
        Provenance::at(self.source.clone(), line, path.to_owned())
    }

    fn reject(&mut self, line: u64, path: &str, why: Unreadable, raw: Vec<u8>) {
        let provenance = self.provenance(line, path);
        self.queue.push_back(Event::Reject(
            provenance,
            Reject {
                reason: why.reason,
                detail: why.detail,
                raw,
            },
        ));
    }

    /// A value read whole: containers in it are expanded, an X v2 response gives its tweets,
    /// anything else is one item. `raw`: its bytes when known (a JSON Lines line).
    fn expand(&mut self, value: Value, path: &str, line: u64, raw: Option<&[u8]>) {
        let mut map = match value {
            Value::Object(map) => map,
            // A line holding an array of objects: each is an item.
            Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object) => {
                for (i, item) in items.into_iter().enumerate() {
                    self.item(item, &format!("{path}[{i}]"), line, None, None, None);
                }
                return;
            }
            other => return self.item(other, path, line, None, None, raw),
        };
        let forced_other = self.flavour.is_some_and(|f| f != Flavour::Twitter);
        let object = Value::Object(std::mem::take(&mut map));
        if !forced_other && twitter::is_v2_response(&object) {
            for (sub, tweet, mapped) in twitter::expand_v2(&object) {
                let at = join(path, &sub);
                self.finish(mapped, tweet, &at, line, None);
            }
            return;
        }
        let Value::Object(mut map) = object else {
            unreachable!()
        };
        let found = map.iter().find_map(|(name, v)| {
            if holds_chats(ObjectKind::Top, name) && v.get("list").is_some_and(Value::is_array) {
                return Some((name.clone(), Role::Chats));
            }
            container(ObjectKind::Top, name)
                .filter(|_| v.is_array())
                .map(|role| (name.clone(), role))
        });
        let Some((name, role)) = found else {
            return self.item(Value::Object(map), path, line, None, None, raw);
        };
        let elements = map.remove(&name).unwrap_or_default();
        let at = join(path, &name);
        match role {
            Role::Chats => {
                let chats = match elements {
                    Value::Object(mut holder) => holder.remove("list").unwrap_or_default(),
                    _ => Value::Null,
                };
                for (c, chat) in chats.as_array().into_iter().flatten().enumerate() {
                    let chat_path = format!("{at}.list[{c}]");
                    let mut chat = chat.clone();
                    let messages = chat
                        .as_object_mut()
                        .and_then(|m| m.remove("messages"))
                        .unwrap_or_default();
                    let ctx = Arc::new(chat);
                    for (i, m) in messages.as_array().into_iter().flatten().enumerate() {
                        let m_path = format!("{chat_path}.messages[{i}]");
                        let hint = Some(Flavour::Telegram);
                        self.item(m.clone(), &m_path, line, Some(&ctx), hint, None);
                    }
                }
            }
            Role::Items(hint) => {
                let ctx = Arc::new(Value::Object(map));
                if let Value::Array(items) = elements {
                    for (i, item) in items.into_iter().enumerate() {
                        self.item(item, &format!("{at}[{i}]"), line, Some(&ctx), hint, None);
                    }
                }
            }
            Role::Whisper | Role::Youtube => {
                if let Value::Array(cues) = elements {
                    for (i, cue) in cues.iter().enumerate() {
                        self.cue(role, cue, &format!("{at}[{i}]"), line);
                    }
                }
                self.end_transcript();
            }
        }
    }

    /// One object to map to a record (or reject).
    fn item(
        &mut self,
        value: Value,
        path: &str,
        line: u64,
        ctx: Option<&Arc<Value>>,
        hint: Option<Flavour>,
        raw: Option<&[u8]>,
    ) {
        let raw = raw.map(<[u8]>::to_vec);
        if !value.is_object() {
            let raw = raw.unwrap_or_else(|| serde_json::to_vec(&value).unwrap_or_default());
            let why = Unreadable::new(RejectReason::NotAnObject, "each item must be a JSON object");
            return self.reject(line, path, why, raw);
        }
        let flavour = self.flavour.or(hint).unwrap_or_else(|| detect(&value));
        let mapped = match flavour {
            Flavour::Telegram => telegram::map(&value, ctx.map(|c| &**c)),
            Flavour::Twitter if twitter::is_v1(&value) => twitter::map_v1(&value),
            Flavour::Twitter if twitter::is_v2_response(&value) => {
                // A response inside an array: its tweets, each an item.
                for (sub, tweet, mapped) in twitter::expand_v2(&value) {
                    self.finish(mapped, tweet, &join(path, &sub), line, ctx);
                }
                return;
            }
            Flavour::Twitter => twitter::map_v2_alone(&value),
            Flavour::Mastodon if mastodon::is_status(&value) => mastodon::map_status(&value),
            Flavour::Mastodon => mastodon::map_activity(&value),
            Flavour::Bluesky => bluesky::map(&value),
            Flavour::Generic => generic(&value, &self.columns),
        };
        let Some(raw) = raw else {
            return self.finish(mapped, value, path, line, ctx);
        };
        match mapped {
            Ok(record) => self.finish(Ok(record), value, path, line, ctx),
            Err(why) => self.reject(line, path, why, raw),
        }
    }

    /// A mapped object: explicit column paths and `--keep-cols` applied, then an event.
    fn finish(
        &mut self,
        mapped: std::result::Result<Record, Unreadable>,
        value: Value,
        path: &str,
        line: u64,
        ctx: Option<&Arc<Value>>,
    ) {
        let mut record = match mapped {
            Ok(record) => record,
            Err(why) => {
                let raw = serde_json::to_vec(&value).unwrap_or_default();
                return self.reject(line, path, why, raw);
            }
        };
        let c = &self.columns;
        let at = |p: &str| {
            text_at(&value, p).or_else(|| {
                let field = p.strip_prefix("chat.")?;
                ctx.and_then(|c| text_at(c, field))
            })
        };
        if let Some(p) = &c.text {
            match at(p) {
                Some(text) if !text.trim().is_empty() => {
                    if text != record.text {
                        record.links.clear();
                    }
                    record.text = text;
                }
                found => {
                    let why = match found {
                        Some(_) => {
                            Unreadable::new(RejectReason::EmptyText, "the text field is empty")
                        }
                        None => Unreadable::new(
                            RejectReason::MissingText,
                            format!("no text field (looked for {p})"),
                        ),
                    };
                    let raw = serde_json::to_vec(&value).unwrap_or_default();
                    return self.reject(line, path, why, raw);
                }
            }
        }
        for (named, slot) in [
            (&c.id, &mut record.id),
            (&c.author, &mut record.author),
            (&c.timestamp, &mut record.timestamp),
            (&c.url, &mut record.url),
            (&c.platform, &mut record.platform),
        ] {
            if let Some(p) = named {
                *slot = at(p).unwrap_or_default();
            }
        }
        record.kept = c.keep.iter().map(|k| at(k).unwrap_or_default()).collect();
        let provenance = self.provenance(line, path);
        self.queue.push_back(Event::Record(provenance, record));
    }

    /// One element of a transcript's cues.
    fn cue(&mut self, role: Role, value: &Value, path: &str, line: u64) {
        self.cues += 1;
        let number = self.cues;
        let cue = match role {
            Role::Whisper => whisper_json::cue(value, number, line).map(Some),
            _ => youtube_json::cue(value, number, line),
        };
        match cue {
            Ok(Some(cue)) => {
                let transcript = self.transcript.get_or_insert_with(|| {
                    Transcript::new(self.source.clone(), self.window_ms, self.limit)
                });
                let closed = transcript.push(cue);
                self.queue.extend(closed);
            }
            Ok(None) => {}
            Err(detail) => {
                let raw = serde_json::to_vec(value).unwrap_or_default();
                self.reject(
                    line,
                    path,
                    Unreadable::new(RejectReason::InvalidCue, detail),
                    raw,
                );
            }
        }
    }

    fn end_transcript(&mut self) {
        if let Some(mut transcript) = self.transcript.take() {
            self.queue.extend(transcript.take());
        }
        self.cues = 0;
    }
}

/// The format of an object, from its shape.
fn detect(value: &Value) -> Flavour {
    if telegram::is_message(value) {
        Flavour::Telegram
    } else if twitter::is_v1(value) || twitter::is_v2_tweet(value) || twitter::is_v2_response(value)
    {
        Flavour::Twitter
    } else if mastodon::is_status(value) || mastodon::is_activity(value) {
        Flavour::Mastodon
    } else if bluesky::is_post(value) {
        Flavour::Bluesky
    } else {
        Flavour::Generic
    }
}

fn field(object: &Value, named: &Option<String>, candidates: &[&str]) -> Option<String> {
    match named {
        Some(path) => text_at(object, path),
        None => candidates.iter().find_map(|c| text_at(object, c)),
    }
}

/// An object of no known format: fields found by name or named by flags.
fn generic(object: &Value, c: &ColumnSpec) -> std::result::Result<Record, Unreadable> {
    let text = field(object, &c.text, columns::TEXT_NAMES).ok_or_else(|| {
        let looked = c
            .text
            .clone()
            .unwrap_or_else(|| columns::TEXT_NAMES.join(", "));
        Unreadable::new(
            RejectReason::MissingText,
            format!("no text field (looked for {looked})"),
        )
    })?;
    if text.trim().is_empty() {
        return Err(Unreadable::new(
            RejectReason::EmptyText,
            "the text field is empty",
        ));
    }
    Ok(Record {
        text,
        id: field(object, &c.id, columns::ID_NAMES).unwrap_or_default(),
        author: field(object, &c.author, columns::AUTHOR_NAMES).unwrap_or_default(),
        timestamp: field(object, &c.timestamp, columns::TIME_NAMES).unwrap_or_default(),
        url: field(object, &c.url, columns::URL_NAMES).unwrap_or_default(),
        platform: field(object, &c.platform, columns::PLATFORM_NAMES).unwrap_or_default(),
        ..Record::default()
    })
}

enum Frame {
    /// Between top-level values; `started` once one was read (struson's `has_next` may be
    /// asked only then).
    Top { started: bool },
    Object {
        path: String,
        kind: ObjectKind,
        /// Members read whole so far (bounded), for the object's context or as the item.
        kept: Map<String, Value>,
        kept_bytes: usize,
        /// A member over the limit: the object cannot be an item.
        oversized: Option<String>,
        streamed: bool,
        line: u64,
    },
    Array {
        path: String,
        index: usize,
        role: Role,
        ctx: Option<Arc<Value>>,
    },
}

/// A JSON document streamed element by element.
struct Walker {
    json: JsonStreamReader<Box<dyn Read + Send>>,
    frames: Vec<Frame>,
}

/// Bytes of the members of one object kept whole (an X v2 response's `data`, a chat's name).
const KEPT_MEMBERS_FACTOR: usize = 16;

impl Walker {
    fn new(input: Box<dyn Read + Send>) -> Self {
        let settings = ReaderSettings {
            allow_multiple_top_level: true,
            track_path: false,
            ..ReaderSettings::default()
        };
        Walker {
            json: JsonStreamReader::new_custom(input, settings),
            frames: vec![Frame::Top { started: false }],
        }
    }

    fn line(&self) -> u64 {
        line_of(&self.json)
    }

    /// Read one step further, handing what it completes to `out`; `false` at the end.
    fn step(&mut self, out: &mut Emitter) -> std::result::Result<bool, ValueError> {
        let Walker { json, frames } = self;
        let Some(frame) = frames.last_mut() else {
            return Ok(false);
        };
        match frame {
            Frame::Top { started } => {
                if *started && !json.has_next()? {
                    frames.clear();
                    return Ok(false);
                }
                *started = true;
                let line = line_of(json);
                match json.peek()? {
                    ValueType::Array => {
                        json.begin_array()?;
                        frames.push(Frame::Array {
                            path: String::new(),
                            index: 0,
                            role: Role::Items(None),
                            ctx: None,
                        });
                    }
                    ValueType::Object => {
                        json.begin_object()?;
                        frames.push(Frame::Object {
                            path: String::new(),
                            kind: ObjectKind::Top,
                            kept: Map::new(),
                            kept_bytes: 0,
                            oversized: None,
                            streamed: false,
                            line,
                        });
                    }
                    _ => {
                        let value = read_bounded(json, out.limit).unwrap_or(Value::Null);
                        out.item(value, "", line, None, None, None);
                    }
                }
            }
            Frame::Object {
                path,
                kind,
                kept,
                kept_bytes,
                oversized,
                streamed,
                ..
            } => {
                if !json.has_next()? {
                    json.end_object()?;
                    let Some(Frame::Object {
                        path,
                        kind,
                        kept,
                        oversized,
                        streamed,
                        line,
                        ..
                    }) = frames.pop()
                    else {
                        unreachable!()
                    };
                    if kind == ObjectKind::Top && !streamed {
                        match oversized {
                            Some(member) => {
                                let why = Unreadable::new(
                                    RejectReason::TooLarge,
                                    format!("its member {member:?} is over the size limit"),
                                );
                                out.reject(line, &path, why, Vec::new());
                            }
                            None => out.expand(Value::Object(kept), &path, line, None),
                        }
                    }
                    return Ok(true);
                }
                let name = json.next_name_owned()?;
                let line = line_of(json);
                let kind = *kind;
                let peek = json.peek()?;
                let member_path = join(path, &name);
                if peek == ValueType::Array {
                    if let Some(role) = container(kind, &name) {
                        *streamed = true;
                        let ctx = Some(Arc::new(Value::Object(kept.clone())));
                        json.begin_array()?;
                        frames.push(Frame::Array {
                            path: member_path,
                            index: 0,
                            role,
                            ctx,
                        });
                        return Ok(true);
                    }
                }
                if peek == ValueType::Object && holds_chats(kind, &name) {
                    *streamed = true;
                    json.begin_object()?;
                    frames.push(Frame::Object {
                        path: member_path,
                        kind: ObjectKind::ChatList,
                        kept: Map::new(),
                        kept_bytes: 0,
                        oversized: None,
                        streamed: true,
                        line,
                    });
                    return Ok(true);
                }
                let budget = (out.limit * KEPT_MEMBERS_FACTOR).saturating_sub(*kept_bytes);
                match read_bounded(json, budget) {
                    Ok(value) => {
                        *kept_bytes += name.len() + approximate_size(&value);
                        kept.insert(name, value);
                    }
                    Err(ValueError::TooLarge) => *oversized = Some(name),
                    Err(e) => return Err(e),
                }
            }
            Frame::Array {
                path,
                index,
                role,
                ctx,
            } => {
                if !json.has_next()? {
                    json.end_array()?;
                    if let Some(Frame::Array {
                        role: Role::Whisper | Role::Youtube,
                        ..
                    }) = frames.pop()
                    {
                        out.end_transcript();
                    }
                    return Ok(true);
                }
                let line = line_of(json);
                let at = format!("{path}[{index}]");
                *index += 1;
                let (role, ctx) = (*role, ctx.clone());
                if role == Role::Chats {
                    if json.peek()? == ValueType::Object {
                        json.begin_object()?;
                        frames.push(Frame::Object {
                            path: at,
                            kind: ObjectKind::Chat,
                            kept: Map::new(),
                            kept_bytes: 0,
                            oversized: None,
                            streamed: false,
                            line,
                        });
                    } else {
                        json.skip_value()?;
                        let why = Unreadable::new(
                            RejectReason::NotAnObject,
                            "a chat must be a JSON object",
                        );
                        out.reject(line, &at, why, Vec::new());
                    }
                    return Ok(true);
                }
                // A Telegram message's `text_entities` repeat its `text`: not built unless a
                // column names them.
                let skipped: &[&str] = match role {
                    Role::Items(Some(Flavour::Telegram)) if !out.names("text_entities") => {
                        &["text_entities"]
                    }
                    _ => &[],
                };
                match read_bounded_without(json, out.limit, skipped) {
                    Ok(value) => match role {
                        Role::Items(hint) => out.item(value, &at, line, ctx.as_ref(), hint, None),
                        _ => out.cue(role, &value, &at, line),
                    },
                    Err(ValueError::TooLarge) => {
                        let why = Unreadable::new(
                            RejectReason::TooLarge,
                            format!("over --max-record-bytes {}", out.limit),
                        );
                        out.reject(line, &at, why, Vec::new());
                    }
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(true)
    }
}

/// The 1-based line where `json` stands.
fn line_of<J: JsonReader>(json: &J) -> u64 {
    json.current_position(false)
        .line_pos
        .map_or(0, |p| p.line + 1)
}

/// Bytes a value takes in JSON, about (for the budget of kept members).
fn approximate_size(value: &Value) -> usize {
    match value {
        Value::String(s) => s.len() + 2,
        Value::Array(items) => items.iter().map(approximate_size).sum::<usize>() + 2,
        Value::Object(map) => {
            map.iter()
                .map(|(k, v)| k.len() + 3 + approximate_size(v))
                .sum::<usize>()
                + 2
        }
        _ => 8,
    }
}

enum Mode {
    Lines(Lines),
    Document(Box<Walker>),
    Done,
}

pub struct JsonInput {
    mode: Mode,
    out: Emitter,
    lossy_utf8: bool,
    limit: usize,
    warnings: Warnings,
}

impl JsonInput {
    /// `head`: the first bytes of the input, to tell JSON Lines (a first line that is a whole
    /// JSON value) from a document, unless `lines` (a `.jsonl` or `.ndjson` name) says so.
    pub fn new(
        input: Box<dyn BufRead + Send>,
        head: &[u8],
        lines: bool,
        source: Arc<str>,
        flavour: Option<Flavour>,
        options: &IngestOptions,
    ) -> Self {
        let out = Emitter {
            source: source.clone(),
            columns: options.columns.clone(),
            flavour,
            limit: options.max_record_bytes,
            window_ms: options.transcript_window_ms,
            queue: VecDeque::new(),
            transcript: None,
            cues: 0,
        };
        let mode = if head.iter().all(u8::is_ascii_whitespace) {
            Mode::Done
        } else if lines || is_json_lines(head) {
            Mode::Lines(Lines::new(input, source, options.max_record_bytes))
        } else {
            Mode::Document(Box::new(Walker::new(Box::new(input))))
        };
        JsonInput {
            mode,
            out,
            lossy_utf8: options.lossy_utf8,
            limit: options.max_record_bytes,
            warnings: options.warnings.clone(),
        }
    }

    fn next_line(&mut self) -> Result<bool> {
        let Mode::Lines(lines) = &mut self.mode else {
            return Ok(false);
        };
        let Some((provenance, len)) = lines.next_nonblank()? else {
            return Ok(false);
        };
        let line = &lines.buf;
        let reject = |out: &mut Emitter, reason, detail: String| {
            out.reject(
                provenance.line,
                "",
                Unreadable::new(reason, detail),
                line.clone(),
            );
        };
        if len > self.limit {
            let detail = format!(
                "line is {len} bytes, over --max-record-bytes {}",
                self.limit
            );
            reject(&mut self.out, RejectReason::TooLarge, detail);
            return Ok(true);
        }
        let repaired;
        let json = match std::str::from_utf8(line) {
            Ok(_) => line.as_slice(),
            Err(_) if self.lossy_utf8 => {
                repaired = String::from_utf8_lossy(line).into_owned().into_bytes();
                &repaired
            }
            Err(e) => {
                let detail = format!("invalid UTF-8 at byte {}", e.valid_up_to());
                reject(&mut self.out, RejectReason::InvalidUtf8, detail);
                return Ok(true);
            }
        };
        match serde_json::from_slice::<Value>(json) {
            Ok(value) => {
                let raw = line.clone();
                self.out.expand(value, "", provenance.line, Some(&raw));
            }
            Err(e) => reject(&mut self.out, RejectReason::InvalidJson, e.to_string()),
        }
        Ok(true)
    }
}

/// Whether `head` starts with a line holding one whole JSON object (JSON Lines: it parses, or
/// at least ends with `}`, as a line too deep to parse does), rather than a document spread
/// over lines, an array, or a line longer than `head`.
fn is_json_lines(head: &[u8]) -> bool {
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    if head.first() != Some(&b'{') {
        return head.first() != Some(&b'[');
    }
    match memchr::memchr2(b'\n', b'\r', head) {
        Some(end) => {
            let line = head[..end].trim_ascii_end();
            line.ends_with(b"}") || serde_json::from_slice::<serde::de::IgnoredAny>(line).is_ok()
        }
        None => false,
    }
}

impl RecordReader for JsonInput {
    fn next_event(&mut self) -> Result<Option<Event>> {
        loop {
            if let Some(event) = self.out.queue.pop_front() {
                return Ok(Some(event));
            }
            match &mut self.mode {
                Mode::Done => return Ok(None),
                Mode::Lines(_) => {
                    if !self.next_line()? {
                        self.mode = Mode::Done;
                    }
                }
                Mode::Document(walker) => match walker.step(&mut self.out) {
                    Ok(true) => {}
                    Ok(false) => self.mode = Mode::Done,
                    Err(e) => {
                        // A document cannot be read past a syntax error: what is left of it
                        // is rejected at once.
                        let line = walker.line();
                        let (reason, what) = match &e {
                            ValueError::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
                                (RejectReason::InvalidUtf8, "invalid UTF-8")
                            }
                            ValueError::Reader(ReaderError::IoError { error, .. })
                                if error.kind() == std::io::ErrorKind::InvalidData =>
                            {
                                (RejectReason::InvalidUtf8, "invalid UTF-8")
                            }
                            _ => (RejectReason::InvalidJson, "invalid JSON"),
                        };
                        let detail = format!(
                            "{what}: {e}; the rest of this input from line {line} cannot be read"
                        );
                        let position = walker
                            .frames
                            .iter()
                            .rev()
                            .find_map(|f| match f {
                                Frame::Array { path, index, .. } => {
                                    Some(format!("{path}[{index}]"))
                                }
                                Frame::Object { path, .. } if !path.is_empty() => {
                                    Some(path.clone())
                                }
                                _ => None,
                            })
                            .unwrap_or_default();
                        self.warnings.push(format!(
                            "{}:{line}: {what}; the rest of the input was not read (one reject)",
                            self.out.source
                        ));
                        self.out.reject(
                            line,
                            &position,
                            Unreadable::new(reason, detail),
                            Vec::new(),
                        );
                        self.out.end_transcript();
                        self.mode = Mode::Done;
                    }
                },
            }
        }
    }
}
