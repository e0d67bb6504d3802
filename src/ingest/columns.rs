//! Which field holds the text, id, author… of a record: named by flags, or discovered by name.

/// Field names, as given by `--text-col`, `--id-col`… (None = discover).
#[derive(Debug, Clone, Default)]
pub struct ColumnSpec {
    pub text: Option<String>,
    pub id: Option<String>,
    pub author: Option<String>,
    pub timestamp: Option<String>,
    pub url: Option<String>,
    pub platform: Option<String>,
    /// Extra columns carried through to the report (`--keep-cols`).
    pub keep: Vec<String>,
}

/// Names tried, in order, when a field is not named explicitly (case-insensitive).
pub const TEXT_NAMES: &[&str] = &[
    "text",
    "content",
    "tweet_text",
    "full_text",
    "message",
    "body",
    "post",
    "transcript",
    "caption",
    "post_text",
    "message_text",
    "description",
    // Spreadsheets exported in other languages.
    "texte",
    "contenu",
    "inhalt",
    "texto",
    "текст",
];
pub const ID_NAMES: &[&str] = &[
    "id",
    "tweet_id",
    "tweetid",
    "post_id",
    "message_id",
    "status_id",
    "item_id",
    "id_str",
    "uuid",
];
pub const AUTHOR_NAMES: &[&str] = &[
    "author",
    "user",
    "username",
    "screen_name",
    "user.screen_name",
    "user_screen_name",
    "account",
    "handle",
    "from",
    "channel",
    "user.name",
    "author.name",
    "user_name",
    "auteur",
    "autor",
    "автор",
    // Ids after names: a handle reads better in the accounts table, but an id still groups.
    "userid",
    "user_id",
    "user.id_str",
    "account_id",
    "author_id",
    "channel_id",
    "external_author_id",
];
pub const TIME_NAMES: &[&str] = &[
    "timestamp",
    "created_at",
    "date",
    "publish_date",
    "published",
    "published_at",
    "datetime",
    "time",
    "tweet_time",
    "datum",
    "fecha",
    "дата",
];
pub const URL_NAMES: &[&str] = &[
    "url",
    "link",
    "permalink",
    "tweet_url",
    "article_url",
    "post_url",
];
pub const PLATFORM_NAMES: &[&str] = &["platform", "source_platform", "network", "site"];

/// Index of the first header matching one of `names` (case-insensitive).
pub fn discover(headers: &[String], names: &[&str]) -> Option<usize> {
    names
        .iter()
        .find_map(|n| headers.iter().position(|h| h.eq_ignore_ascii_case(n)))
}

/// Index of the header named `name` exactly (falling back to case-insensitive).
pub fn find(headers: &[String], name: &str) -> Option<usize> {
    headers
        .iter()
        .position(|h| h == name)
        .or_else(|| headers.iter().position(|h| h.eq_ignore_ascii_case(name)))
}
