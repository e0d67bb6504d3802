//! `calque render` and `calque scan --html/--xlsx`: hostile text is escaped, links are only
//! web addresses, ids stay text in the workbook (read back with calamine), the optional
//! accounts and coordination sections appear only when given, bad input is a clear error.

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;
use std::fs;
use std::path::Path;

/// Posts written to attack the page and the spreadsheet.
const HOSTILE_CSV: &str = "id,author,created_at,url,text
815963007977213952,@evil<b>,2024-05-01T10:00:00Z,javascript:alert(1),\"<script>alert('x')</script> @AFPFactCheck can you verify this BBC video? Is this real?\"
000123,=cmd|' /C calc'!A0,2024-05-02T10:00:00Z,https://x.example/p?a=1&b=\"2\",\"<img src=x onerror=alert(1)> You can see on the photo the Kiev regime</textarea>\"
42,\"@a\"\"b\",1714557600,https://x.example/ok,Plain text about strawberries & cream.
";

fn scan(dir: &Path, input: &str, extra: &[&str]) -> String {
    let csv = dir.join("posts.csv");
    fs::write(&csv, input).unwrap();
    let report = dir.join("report.csv");
    let mut args = vec![
        "scan",
        csv.to_str().unwrap(),
        "-o",
        report.to_str().unwrap(),
        "-q",
    ];
    args.extend_from_slice(extra);
    calque_ok(&args);
    path_str(&report)
}

#[test]
fn hostile_posts_render_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let report = scan(dir.path(), HOSTILE_CSV, &[]);
    let html = dir.path().join("page.html");
    calque_ok(&["render", &report, "--html", &path_str(&html)]);
    let page = fs::read_to_string(&html).unwrap();
    // The only script element is the page's own, at the end.
    assert_eq!(page.matches("<script").count(), 1, "{page}");
    assert!(page.contains("&lt;script&gt;alert('x')&lt;/script&gt;"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!page.contains("<img"));
    assert!(page.contains("&lt;/textarea&gt;"));
    assert!(page.contains("@evil&lt;b&gt;"));
    // A javascript: URL is shown as text, never a link; a web address is a link, escaped.
    assert!(!page.contains("href=\"javascript:"));
    assert!(page.contains("url javascript:alert(1)"));
    assert!(page.contains("href=\"https://x.example/p?a=1&amp;b=&quot;2&quot;\""));
    // The policy forbids network access and any other script.
    assert!(page.contains("default-src 'none'"));
    assert!(page.contains(calque::render::html::SCRIPT_HASH));
    // Evidence is highlighted and labelled with its rule code, described on hover.
    assert!(page.contains("title=\"MAT-005: "), "{page}");
    assert!(page.contains(">RU-EN-PREP-001</sup>"));
    assert!(page.contains("<mark class=\"ev-h\""));
    assert!(page.contains("DISARM: T0087"));
}

#[test]
fn workbook_keeps_ids_as_text_and_links_web_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let report = scan(dir.path(), HOSTILE_CSV, &[]);
    let xlsx = dir.path().join("book.xlsx");
    calque_ok(&["render", &report, "--xlsx", &path_str(&xlsx)]);
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let names = book.sheet_names().to_vec();
    assert_eq!(names, ["report", "summary", "rules"]);
    let sheet = book.worksheet_range("report").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<&[Data]> = sheet.rows().skip(1).collect();
    assert_eq!(rows.len(), 3);
    let by_id = |id: &str| {
        *rows
            .iter()
            .find(|r| r[col("id")] == Data::String(id.into()))
            .unwrap_or_else(|| panic!("no row with id {id} as text: {rows:?}"))
    };
    // The 18-digit id is text, whole; so is the id with leading zeros.
    let tweet = by_id("815963007977213952");
    assert_eq!(tweet[col("rank")], Data::Float(1.0));
    assert!(matches!(tweet[col("score")], Data::Float(x) if x > 0.5));
    // The formula-like handle is text, without the CSV's protective apostrophe.
    let row2 = by_id("000123");
    assert_eq!(
        row2[col("author")],
        Data::String("=cmd|' /C calc'!A0".into())
    );
    assert_eq!(by_id("42")[col("author")], Data::String("@a\"b".into()));
    assert!(matches!(&tweet[col("text")], Data::String(t) if t.starts_with("<script>")));
    // Rules: every rule, with its campaign's DISARM ids.
    let rules = book.worksheet_range("rules").unwrap();
    let mat = rules
        .rows()
        .find(|r| r[0] == Data::String("MAT-005".into()))
        .unwrap();
    assert!(mat[12].to_string().contains("T0087"));
    let summary = book.worksheet_range("summary").unwrap();
    assert!(summary
        .rows()
        .any(|r| r[0] == Data::String("items in the report".into()) && r[1] == Data::Float(3.0)));
}

#[test]
fn workbook_hyperlinks_are_only_web_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let report = scan(dir.path(), HOSTILE_CSV, &[]);
    let xlsx = dir.path().join("book.xlsx");
    calque_ok(&["render", &report, "--xlsx", &path_str(&xlsx)]);
    // The sheet's hyperlink relationships name the two https links, never javascript:.
    let file = fs::File::open(&xlsx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut rels = String::new();
    use std::io::Read;
    zip.by_name("xl/worksheets/_rels/sheet1.xml.rels")
        .unwrap()
        .read_to_string(&mut rels)
        .unwrap();
    assert_eq!(
        rels.matches("Target=\"https://x.example/").count(),
        2,
        "{rels}"
    );
    assert!(!rels.contains("javascript"));
}

#[test]
fn jsonl_reports_summary_and_top_n() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.jsonl");
    let summary = dir.path().join("s.json");
    calque_ok(&[
        "scan",
        &sample("posts.csv"),
        "-o",
        &path_str(&report),
        "--format",
        "jsonl",
        "--summary",
        &path_str(&summary),
        "-q",
    ]);
    let html = dir.path().join("p.html");
    let xlsx = dir.path().join("b.xlsx");
    calque_ok(&[
        "render",
        &path_str(&report),
        "--html",
        &path_str(&html),
        "--xlsx",
        &path_str(&xlsx),
        "--summary",
        &path_str(&summary),
        "--html-items",
        "5",
        "--xlsx-rows",
        "7",
    ]);
    let page = fs::read_to_string(&html).unwrap();
    assert_eq!(page.matches("<li class=\"lv-").count(), 5);
    assert!(page.contains("Top 5 items of 40"));
    // Counts from the summary, plots from every row.
    assert!(
        page.contains("<dt>read</dt><dd>40</dd>"),
        "summary counts missing"
    );
    assert!(page.contains("Scores above 0 by level"));
    assert!(page.contains("Items per day, by best-matching campaign"));
    assert!(page.contains("Items by best-matching campaign and language"));
    // No accounts or coordination inputs: no such sections.
    assert!(!page.contains("id=\"accounts\""));
    assert!(!page.contains("id=\"coordination\""));
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(book.worksheet_range("report").unwrap().rows().count(), 8);
}

#[test]
fn accounts_and_coordination_sections_render_from_their_tables() {
    let dir = tempfile::tempdir().unwrap();
    let report = scan(dir.path(), HOSTILE_CSV, &[]);
    let accounts = dir.path().join("accounts.csv");
    fs::write(
        &accounts,
        "account,platform,posts,words,level,interference_p,evidence_posts\n\
         815963007977213952,x,12,300,high,0.0001,815963007977213952;1\n\
         @<i>b</i>,x,3,40,insufficient,0.5,2\n",
    )
    .unwrap();
    let coord = dir.path().join("coord");
    fs::create_dir(&coord).unwrap();
    fs::write(
        coord.join("edges.csv"),
        "source,target,weight,edge_type\n@a,@b,3,url\n@b,@c,1,text\n@x,@y,2,hashtag\n",
    )
    .unwrap();
    fs::write(
        coord.join("clusters.csv"),
        "cluster,accounts,posts\n1,3,9\n2,2,4\n",
    )
    .unwrap();
    let html = dir.path().join("p.html");
    let xlsx = dir.path().join("b.xlsx");
    calque_ok(&[
        "render",
        &report,
        "--html",
        &path_str(&html),
        "--xlsx",
        &path_str(&xlsx),
        "--accounts",
        &path_str(&accounts),
        "--coordination",
        &path_str(&coord),
    ]);
    let page = fs::read_to_string(&html).unwrap();
    assert!(page.contains("id=\"accounts\""));
    assert!(page.contains("@&lt;i&gt;b&lt;/i&gt;"));
    assert!(page.contains("id=\"coordination\""));
    assert!(page.contains("cluster 1: 3 accounts"));
    assert_eq!(page.matches("<circle").count(), 5);
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(
        book.sheet_names().to_vec(),
        ["report", "summary", "rules", "accounts", "clusters"]
    );
    let acc = book.worksheet_range("accounts").unwrap();
    let row: Vec<Data> = acc.rows().nth(1).unwrap().to_vec();
    assert_eq!(row[0], Data::String("815963007977213952".into()));
    assert_eq!(row[2], Data::Float(12.0));
    assert_eq!(row[5], Data::Float(0.0001));
    assert_eq!(row[6], Data::String("815963007977213952;1".into()));
}

#[test]
fn bad_inputs_and_outputs_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let report = scan(dir.path(), HOSTILE_CSV, &[]);
    let html = path_str(&dir.path().join("p.html"));
    // Nothing asked for.
    let out = calque(&["render", &report], None);
    assert_eq!(out.status.code(), Some(2));
    // Not a report.
    let other = dir.path().join("other.csv");
    fs::write(&other, "a,b\n1,2\n").unwrap();
    let out = calque(&["render", &path_str(&other), "--html", &html], None);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a calque report"));
    // A malformed row names its line.
    let broken = dir.path().join("broken.jsonl");
    fs::write(
        &broken,
        "{\"rank\":1,\"score\":0.5,\"level\":\"medium\",\"text\":\"x\"}\n{oops\n",
    )
    .unwrap();
    let out = calque(&["render", &path_str(&broken), "--html", &html], None);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.jsonl:2:"));
    // The output is never the input, nor the other output.
    let out = calque(&["render", &report, "--html", &report], None);
    assert_eq!(out.status.code(), Some(2));
    let out = calque(&["render", &report, "--html", &html, "--xlsx", &html], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(fs::read_to_string(&report).unwrap().starts_with("rank,"));
    assert!(!Path::new(&html).exists(), "no output after a failure");
}

#[test]
fn bom_starts_the_csv_report_for_excel_and_render_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let report = scan(dir.path(), HOSTILE_CSV, &["--bom"]);
    let bytes = fs::read(&report).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFrank,score,"));
    let html = dir.path().join("p.html");
    calque_ok(&["render", &report, "--html", &path_str(&html)]);
    assert!(fs::read_to_string(&html).unwrap().contains("Top 3 items"));
    // JSON Lines never starts with a BOM.
    let jsonl = dir.path().join("r.jsonl");
    calque_ok(&[
        "scan",
        &sample("posts.csv"),
        "-o",
        &path_str(&jsonl),
        "--format",
        "jsonl",
        "--bom",
        "-q",
    ]);
    assert!(fs::read(&jsonl).unwrap().starts_with(b"{\"rank\":1,"));
}

#[test]
fn scan_writes_the_page_and_the_workbook_with_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    let xlsx = dir.path().join("r.xlsx");
    let report = scan(
        dir.path(),
        HOSTILE_CSV,
        &[
            "--html",
            &path_str(&html),
            "--xlsx",
            &path_str(&xlsx),
            "--select",
            "MAT-,RU-EN-",
        ],
    );
    let page = fs::read_to_string(&html).unwrap();
    assert!(page.contains("Top 3 items"));
    assert!(page.contains("<dt>read</dt><dd>3</dd>"));
    assert!(page.contains("--select MAT-,RU-EN-"));
    assert_eq!(page.matches("<script").count(), 1);
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(book.worksheet_range("report").unwrap().rows().count(), 4);
    assert!(fs::read_to_string(&report).unwrap().starts_with("rank,"));

    // The report may go to standard output; the page is collected during the scan.
    let csv = dir.path().join("posts.csv");
    fs::remove_file(&html).unwrap();
    let html_arg = path_str(&html);
    let csv_arg = path_str(&csv);
    let out = calque_ok(&["scan", &csv_arg, "-o", "-", "--html", &html_arg, "-q"]);
    assert!(out.stdout.starts_with(b"rank,score,"));
    assert!(fs::read_to_string(&html).unwrap().contains("Top 3 items"));
    // --top limits the page as it limits the report; the summary counts every item.
    let out = calque_ok(&[
        "scan", &csv_arg, "-o", "-", "--top", "1", "--html", &html_arg, "-q",
    ]);
    assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), 2);
    let page = fs::read_to_string(&html).unwrap();
    assert!(page.contains("Top 1 item</h2>"), "{page}");
    assert!(page.contains("<dt>scored</dt><dd>3</dd>"));
    // An output may not be an input.
    let out = calque(
        &[
            "scan",
            &path_str(&csv),
            "-o",
            &report,
            "--html",
            &path_str(&csv),
            "-q",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(fs::read_to_string(&csv).unwrap().starts_with("id,author"));
}

/// The page written by the scan shows what `calque render` shows from the scan's report: the
/// same plots and the same items, whatever the number of threads, in both report formats.
#[test]
fn the_scan_page_equals_the_page_rendered_from_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let section = |page: &str, id: &str| {
        let start = page.find(&format!("<section id=\"{id}\">")).unwrap();
        let end = start + page[start..].find("</section>").unwrap();
        page[start..end].to_string()
    };
    for (format, threads) in [("csv", "1"), ("jsonl", "2")] {
        let report = path_str(&dir.path().join(format!("r.{format}")));
        let scanned = path_str(&dir.path().join(format!("scan-{format}.html")));
        let rendered = path_str(&dir.path().join(format!("render-{format}.html")));
        calque_ok(&[
            "scan",
            &sample("posts.csv"),
            &fixture("labelled.csv"),
            "-o",
            &report,
            "--format",
            format,
            "--threads",
            threads,
            "--batch-size",
            "7",
            "--html",
            &scanned,
            "--html-items",
            "30",
            "-q",
        ]);
        calque_ok(&["render", &report, "--html", &rendered, "--html-items", "30"]);
        let (a, b) = (
            fs::read_to_string(&scanned).unwrap(),
            fs::read_to_string(&rendered).unwrap(),
        );
        for id in ["plots", "top-items"] {
            assert_eq!(section(&a, id), section(&b, id), "{format}: section {id}");
        }
        assert!(section(&a, "top-items").contains("Top 30 items of "));
        assert!(a.contains("Items per day, by best-matching campaign"));
    }
}

#[test]
fn context_and_narrative_highlights_are_described_on_the_page_and_in_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let posts = "id,author,text\n\
        1,@someone,\"FACT CHECK: Maia Sandu embezzled $24 million and is addicted to psychotropic drugs\"\n";
    let html = dir.path().join("page.html");
    let xlsx = dir.path().join("book.xlsx");
    scan(
        dir.path(),
        posts,
        &[
            "--html",
            html.to_str().unwrap(),
            "--xlsx",
            xlsx.to_str().unwrap(),
        ],
    );
    let page = fs::read_to_string(&html).unwrap();
    // The cue and the narrative words are labelled and described like any rule.
    assert!(
        page.contains("title=\"CTX-EN-HEADLINE: A fact-check headline"),
        "{page}"
    );
    assert!(page.contains(">CTX-EN-HEADLINE</sup>"));
    assert!(page.contains("<mark class=\"ev-x\""), "{page}");
    assert!(page.contains("title=\"NARRATIVE: The item repeats a known claim"));
    assert!(!page.contains("not among the rules loaded"), "{page}");
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let rules = book.worksheet_range("rules").unwrap();
    let row = |code: &str| {
        rules
            .rows()
            .find(|r| r[0] == Data::String(code.into()))
            .unwrap_or_else(|| panic!("{code} not in the rules sheet"))
            .to_vec()
    };
    let cue = row("CTX-EN-HEADLINE");
    assert_eq!(cue[1], Data::String("context".into()));
    assert!(cue[8].to_string().starts_with("A fact-check headline"));
    assert_eq!(row("MAT-N02")[1], Data::String("narrative".into()));
    assert!(row("MAT-N02")[10].to_string().starts_with("NewsGuard"));
}
