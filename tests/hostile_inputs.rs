//! Hostile inputs, driven through the binary: one table row per class of broken input or
//! hostile environment. For every class the harness checks the exit code; on success, that
//! the summary reconciles with the files (records read = scored + rejected = report rows +
//! reject rows); on failure, that no report appeared; and in every case that no input file
//! changed (content hash and length before and after) and that the run ended in time.
//!
//! To add a class, add one [`Case`] to [`cases`]: a name, a function that writes the inputs
//! into a fresh directory and says how to run `calque scan` on them, and what to expect.
//! Classes that need a privilege the test user lacks, or lacks one it needs (root can read a
//! mode-000 file), are skipped with a message on stderr.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::hash::Hasher;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How one class runs: inputs written by the case, extra arguments, an optional shell prefix
/// (`ulimit`, `trap`) and where the outputs go.
#[derive(Default)]
struct Run {
    /// Input arguments as given to `calque scan` (paths, `-`).
    inputs: Vec<String>,
    args: Vec<String>,
    stdin: Option<Vec<u8>>,
    /// Shell commands run before calque in the same process (`sh -c 'PREFIX; exec calque …'`).
    shell: Option<String>,
    /// Directory of the report, rejects and summary (default: a fresh `out/`).
    out_dir: Option<PathBuf>,
    /// Why this class cannot run here (it is then skipped, and said so).
    skip: Option<String>,
}

impl Run {
    fn inputs(inputs: &[&Path]) -> Self {
        Run {
            inputs: inputs.iter().map(|p| path_str(p)).collect(),
            ..Run::default()
        }
    }

    fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    fn shell(mut self, prefix: &str) -> Self {
        self.shell = Some(prefix.to_string());
        self
    }
}

enum Expect {
    /// Exit 0 and reconciled counts; `read`/`rejected` checked when given.
    Succeeds {
        read: Option<u64>,
        rejected: Option<u64>,
    },
    /// This exit code, a message containing this text, and no report.
    Fails { code: i32, stderr: &'static str },
}

use Expect::*;

const fn ok(read: u64, rejected: u64) -> Expect {
    Succeeds {
        read: Some(read),
        rejected: Some(rejected),
    }
}

const RECONCILES: Expect = Succeeds {
    read: None,
    rejected: None,
};

struct Case {
    name: &'static str,
    make: fn(&Path) -> Run,
    expect: Expect,
    /// A further check of the report, on success.
    check: Option<fn(&Path)>,
}

const fn case(name: &'static str, make: fn(&Path) -> Run, expect: Expect) -> Case {
    Case {
        name,
        make,
        expect,
        check: None,
    }
}

/// Write `bytes` to `dir/name` and return the path.
fn file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn is_root() -> bool {
    // The owner of a file we just made is who we are.
    use std::os::unix::fs::MetadataExt;
    let probe = tempfile::NamedTempFile::new().unwrap();
    fs::metadata(probe.path()).unwrap().uid() == 0
}

/// Posts that score above 0 (campaign indicators, interference) and one that does not.
const SCORING_TEXTS: [&str; 4] = [
    "@AFPFactCheck @BBCVerify Hello, can you verify this video please? BBC says Ukrainian \
refugees set fire to a church in Berlin. Is this real?",
    "Read the investigation on https://www.lemonde.ltd/international/zelensky-villa : Zelensky \
bought another villa while soldiers die.",
    "You can see on the photo how Kiev regime destroyed the school in Donetsk. In the nearest \
time all Europe will know.",
    "Nice weather today in the park.",
];

/// `rows` CSV rows of id, a text from [`SCORING_TEXTS`] and a 64 KiB filler column kept in
/// the report: with `--sort-memory-mib 1`, about one temporary run per 16 scoring rows.
fn rows_with_filler(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join("runs.csv");
    let mut w = BufWriter::new(File::create(&path).unwrap());
    writeln!(w, "id,text,filler").unwrap();
    for i in 0..rows {
        let filler = [b'a' + (i % 26) as u8; 64 << 10];
        write!(w, "r{i},\"{}\",", SCORING_TEXTS[i % 4]).unwrap();
        w.write_all(&filler).unwrap();
        w.write_all(b"\n").unwrap();
    }
    w.flush().unwrap();
    path
}

/// The report is in rank order: ranks 1..N, scores never increasing.
fn check_rank_order(report: &Path) {
    let rows = read_csv(report);
    let mut last = f64::INFINITY;
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r["rank"], (i + 1).to_string());
        let score: f64 = r["score"].parse().unwrap();
        assert!(score <= last, "row {} scores {score} after {last}", i + 1);
        last = score;
    }
    assert!(rows.iter().any(|r| r["score"] != "0.0000"));
}

fn cases() -> Vec<Case> {
    vec![
        // --- Encodings and line endings.
        case(
            "UTF-8 BOM before a CSV header",
            |d| {
                Run::inputs(&[&file(
                    d,
                    "bom.csv",
                    b"\xef\xbb\xbfid,text\n1,hello there\n2,second\n",
                )])
            },
            ok(2, 0),
        ),
        case(
            "CRLF line endings (CSV)",
            |d| Run::inputs(&[&file(d, "crlf.csv", b"id,text\r\n1,hello\r\n2,world\r\n")]),
            ok(2, 0),
        ),
        case(
            "CRLF line endings (text)",
            |d| Run::inputs(&[&file(d, "crlf.txt", b"first post\r\nsecond post\r\n\r\n")]),
            ok(2, 0),
        ),
        case(
            "NUL bytes inside text lines",
            |d| Run::inputs(&[&file(d, "nul.txt", b"a\x00b line\nsecond\x00\n")]),
            ok(2, 0),
        ),
        case(
            "NUL bytes inside a CSV field",
            |d| Run::inputs(&[&file(d, "nul.csv", b"id,text\n1,a\x00b\n2,ok\n")]),
            ok(2, 0),
        ),
        case(
            "invalid UTF-8 in a CSV field is rejected, the rest read",
            |d| {
                Run::inputs(&[&file(
                    d,
                    "bad.csv",
                    b"id,text\n1,ok\n2,bad \xff\xfe\n3,fine\n",
                )])
            },
            ok(3, 1),
        ),
        case(
            "invalid UTF-8 in a text line",
            |d| Run::inputs(&[&file(d, "bad.txt", b"good line\nbad \xc3\x28 line\nlast\n")]),
            ok(3, 1),
        ),
        case(
            "random binary bytes read as text",
            |d| {
                let mut state = 0x2545_F491_4F6C_DD1Du64;
                let bytes: Vec<u8> = (0..64 << 10)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        state as u8
                    })
                    .collect();
                Run::inputs(&[&file(d, "noise.txt", &bytes)])
            },
            RECONCILES,
        ),
        // --- CSV structure.
        case(
            "ragged rows (too many and too few fields)",
            |d| Run::inputs(&[&file(d, "ragged.csv", b"id,text\n1,a,extra\n2\n3,ok\n")]),
            ok(3, 2),
        ),
        case(
            "duplicate header names",
            |d| Run::inputs(&[&file(d, "dup.csv", b"id,text,text\n1,a,b\n2,c,d\n")]),
            ok(2, 0),
        ),
        case(
            "header only",
            |d| Run::inputs(&[&file(d, "header.csv", b"id,text\n")]),
            ok(0, 0),
        ),
        case(
            "empty CSV file: no header to name the columns",
            |d| Run::inputs(&[&file(d, "empty.csv", b"")]),
            Fails {
                code: 3,
                stderr: "empty input or header row",
            },
        ),
        case(
            "empty text file",
            |d| Run::inputs(&[&file(d, "empty.txt", b"")]),
            ok(0, 0),
        ),
        case(
            "blank lines only",
            |d| Run::inputs(&[&file(d, "blank.txt", b"\n \n\t\n\r\n")]),
            ok(0, 0),
        ),
        case(
            "a line longer than --max-record-bytes",
            |d| {
                let mut bytes = b"short\n".to_vec();
                bytes.extend(std::iter::repeat_n(b'x', 100_000));
                bytes.extend(b"\nafter\n");
                Run::inputs(&[&file(d, "long.txt", &bytes)]).args(&["--max-record-bytes", "50000"])
            },
            ok(3, 1),
        ),
        // --- JSON Lines.
        case(
            "deeply nested JSON (past the parser's recursion limit)",
            |d| {
                let mut bytes = "[".repeat(100_000).into_bytes();
                bytes.extend("]".repeat(100_000).bytes());
                bytes.extend(b"\n{\"text\":\"ok\"}\n");
                Run::inputs(&[&file(d, "deep.jsonl", &bytes)])
            },
            ok(2, 1),
        ),
        case(
            "JSON Lines that are not objects, or not JSON",
            |d| {
                let bytes =
                    b"{\"text\":\"fine\"}\n42\n\"str\"\n{\"text\":\nnot json\n{\"text\":null}\n";
                Run::inputs(&[&file(d, "mixed.jsonl", bytes)])
            },
            RECONCILES,
        ),
        // --- Gzip.
        case(
            "multi-member gzip (concatenated .gz files)",
            |d| {
                let mut bytes = gzip(b"id,text\n1,first\n");
                bytes.extend(gzip(b"2,second\n3,third\n"));
                Run::inputs(&[&file(d, "multi.csv.gz", &bytes)])
            },
            ok(3, 0),
        ),
        case(
            "truncated gzip",
            |d| {
                let text: String = (0..2000)
                    .map(|i| format!("{i},post number {i}\n"))
                    .collect();
                let mut bytes = gzip(format!("id,text\n{text}").as_bytes());
                bytes.truncate(bytes.len() / 2);
                Run::inputs(&[&file(d, "cut.csv.gz", &bytes)])
            },
            Fails {
                code: 3,
                stderr: "cut.csv.gz",
            },
        ),
        case(
            "gzip of an empty file",
            |d| Run::inputs(&[&file(d, "empty.txt.gz", &gzip(b""))]),
            ok(0, 0),
        ),
        // --- Inputs that are not readable files.
        case(
            "a directory as input",
            |d| {
                fs::create_dir(d.join("adir")).unwrap();
                Run::inputs(&[&d.join("adir")])
            },
            Fails {
                code: 3,
                stderr: "is a directory",
            },
        ),
        case(
            "a missing input",
            |d| Run::inputs(&[&d.join("missing.csv")]),
            Fails {
                code: 3,
                stderr: "No such file",
            },
        ),
        case(
            "an unreadable input (mode 000)",
            |d| {
                use std::os::unix::fs::PermissionsExt;
                let path = file(d, "secret.csv", b"id,text\n1,x\n");
                fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
                let mut run = Run::inputs(&[&path]);
                if is_root() {
                    run.skip = Some("running as root, which reads mode-000 files".into());
                }
                run
            },
            Fails {
                code: 3,
                stderr: "Permission denied",
            },
        ),
        case(
            "a character device as input (/dev/null)",
            |_| {
                Run {
                    inputs: vec!["/dev/null".into()],
                    ..Run::default()
                }
                .args(&["--input-format", "text"])
            },
            ok(0, 0),
        ),
        case(
            "CSV on standard input",
            |_| {
                Run {
                    inputs: vec!["-".into()],
                    stdin: Some(b"id,text\n1,from stdin\n2,again\n".to_vec()),
                    ..Run::default()
                }
                .args(&["--input-format", "csv"])
            },
            ok(2, 0),
        ),
        // --- Hostile outputs and environment.
        case(
            "a read-only output directory",
            |d| {
                use std::os::unix::fs::PermissionsExt;
                let out = d.join("ro");
                fs::create_dir(&out).unwrap();
                fs::set_permissions(&out, fs::Permissions::from_mode(0o555)).unwrap();
                let mut run = Run::inputs(&[&file(d, "in.csv", b"id,text\n1,x\n")]);
                run.out_dir = Some(out);
                if is_root() {
                    run.skip =
                        Some("running as root, which writes into mode-555 directories".into());
                }
                run
            },
            Fails {
                code: 6,
                stderr: "Permission denied",
            },
        ),
        case(
            "disk full: a 5 KB file-size limit (ulimit -f, SIGXFSZ ignored)",
            |_| Run::inputs(&[Path::new(&sample("posts.csv"))]).shell("trap '' XFSZ; ulimit -f 10"),
            Fails {
                code: 6,
                stderr: "File too large",
            },
        ),
        // --- Resource bounds (issue 11, items 9, 12, 14).
        Case {
            name: "many ranking runs under a 28-descriptor limit (ulimit -n 28)",
            make: |d| {
                // About 26 runs: more than 28 descriptors when every run is open at once.
                Run::inputs(&[&rows_with_filler(d, 560)])
                    .args(&["--keep-cols", "filler", "--sort-memory-mib", "1"])
                    .shell("ulimit -n 28")
            },
            expect: ok(560, 0),
            check: Some(check_rank_order),
        },
        case(
            "a descriptor limit too small to rank (ulimit -n 12)",
            |d| Run::inputs(&[&file(d, "in.csv", b"id,text\n1,x\n")]).shell("ulimit -n 12"),
            Fails {
                code: 6,
                stderr: "ulimit -n",
            },
        ),
        case(
            "a 1 MB host of one-letter labels in one record",
            |d| {
                let text = format!("see https://{}com/x now\n", "a.".repeat(500_000));
                Run::inputs(&[&file(d, "host.txt", text.as_bytes())])
                    .args(&["--max-record-bytes", "2000000"])
            },
            ok(1, 0),
        ),
        case(
            "1 MB of URL-ish text in one record (hosts, paths, defanged dots)",
            |d| {
                let unit = "https://a.b.c.example.com/x/y?q=1 hxxp://ex[.]com/p a.bc u@x.org:80/ ";
                let text = unit.repeat((1 << 20) / unit.len()) + "\n";
                Run::inputs(&[&file(d, "urls.txt", text.as_bytes())])
                    .args(&["--max-record-bytes", "2000000"])
            },
            ok(1, 0),
        ),
        case(
            "--max-record-bytes that would wrap",
            |d| {
                Run::inputs(&[&file(d, "in.csv", b"id,text\n1,x\n")])
                    .args(&["--max-record-bytes", "18446744073709551615"])
            },
            Fails {
                code: 2,
                stderr: "--max-record-bytes",
            },
        ),
        case(
            "--sort-memory-mib that would wrap to 0",
            |d| {
                Run::inputs(&[&file(d, "in.csv", b"id,text\n1,x\n")])
                    .args(&["--sort-memory-mib", "17592186044416"])
            },
            Fails {
                code: 2,
                stderr: "--sort-memory-mib",
            },
        ),
        case(
            "--min-score NaN",
            |d| Run::inputs(&[&file(d, "in.csv", b"id,text\n1,x\n")]).args(&["--min-score", "NaN"]),
            Fails {
                code: 2,
                stderr: "--min-score",
            },
        ),
        case(
            "a 200 MB CSV field (written at test time)",
            |d| {
                let path = d.join("big.csv");
                let mut w = BufWriter::new(File::create(&path).unwrap());
                w.write_all(b"id,text\n1,short\n2,").unwrap();
                let chunk = vec![b'x'; 1 << 20];
                for _ in 0..200 {
                    w.write_all(&chunk).unwrap();
                }
                w.write_all(b"\n3,after\n").unwrap();
                w.flush().unwrap();
                Run::inputs(&[&path])
            },
            ok(3, 1),
        ),
    ]
}

/// Content hash and length of every regular file under `dir`, except under `skip`.
fn snapshot(dir: &Path, skip: &Path, into: &mut BTreeMap<PathBuf, (u64, u64)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.starts_with(skip) {
            continue;
        }
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            snapshot(&path, skip, into);
        } else if meta.is_file() {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            if let Ok(mut f) = File::open(&path) {
                let mut buf = vec![0u8; 1 << 20];
                while let Ok(n) = f.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    hasher.write(&buf[..n]);
                }
            }
            into.insert(path, (hasher.finish(), meta.len()));
        }
    }
}

/// CSV records in `path` (0 if it does not exist).
fn count_rows(path: &Path) -> u64 {
    if !path.exists() {
        return 0;
    }
    let mut rows = 0;
    for record in csv::Reader::from_path(path).unwrap().into_byte_records() {
        record.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        rows += 1;
    }
    rows
}

/// Longest a class may take: generous for a debug build on a loaded machine; a hang (the
/// quadratic host matching took 46 s per megabyte in release) ends far beyond it.
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// Run one class; `Err` says what went wrong, `Ok(false)` that it was skipped.
fn run_case(c: &Case) -> Result<bool, String> {
    let dir = tempfile::tempdir().unwrap();
    let run = (c.make)(dir.path());
    if let Some(why) = &run.skip {
        eprintln!("hostile_inputs: skipped {:?}: {why}", c.name);
        return Ok(false);
    }
    let out_dir = run.out_dir.clone().unwrap_or_else(|| {
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        out
    });
    let (report, rejects, summary) = (
        out_dir.join("report.csv"),
        out_dir.join("rejects.csv"),
        out_dir.join("summary.json"),
    );
    let logs = dir.path().join("logs");
    fs::create_dir(&logs).unwrap();
    let mut before = BTreeMap::new();
    snapshot(dir.path(), &logs, &mut before);
    snapshot(&repo().join("data/samples"), &logs, &mut before);

    let mut argv: Vec<String> = vec!["scan".into()];
    argv.extend(run.inputs.iter().cloned());
    for (flag, path) in [
        ("-o", &report),
        ("--rejects", &rejects),
        ("--summary", &summary),
    ] {
        argv.push(flag.into());
        argv.push(path_str(path));
    }
    argv.push("-q".into());
    argv.extend(run.args.iter().cloned());
    let bin = env!("CARGO_BIN_EXE_calque");
    let mut cmd = match &run.shell {
        Some(prefix) => {
            let mut cmd = Command::new("sh");
            cmd.arg("-c")
                .arg(format!("{prefix}; exec \"$0\" \"$@\""))
                .arg(bin)
                .args(&argv);
            cmd
        }
        None => {
            let mut cmd = Command::new(bin);
            cmd.args(&argv);
            cmd
        }
    };
    let stderr_path = logs.join("stderr");
    cmd.stdin(if run.stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(File::create(logs.join("stdout")).unwrap())
    .stderr(File::create(&stderr_path).unwrap());
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap();
    if let Some(bytes) = &run.stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {TIME_LIMIT:?}: killed"));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = fs::read_to_string(&stderr_path).unwrap_or_default();

    match &c.expect {
        Succeeds { read, rejected } => {
            if !status.success() {
                return Err(format!("{status}: {stderr}"));
            }
            let s: serde_json::Value = serde_json::from_str(
                &fs::read_to_string(&summary).map_err(|e| format!("summary: {e}"))?,
            )
            .map_err(|e| format!("summary: {e}"))?;
            let n = |key: &str| s[key].as_u64().unwrap_or_else(|| panic!("summary {key}"));
            let (r, sc, rj) = (n("records_read"), n("scored"), n("rejected"));
            let (written, filtered) = (n("rows_written"), n("rows_filtered"));
            let (report_rows, reject_rows) = (count_rows(&report), count_rows(&rejects));
            let counts = format!(
                "read {r}, scored {sc}, rejected {rj}, rows written {written}, filtered {filtered}; \
files: {report_rows} report rows, {reject_rows} reject rows"
            );
            if r != sc + rj
                || sc != written + filtered
                || report_rows != written
                || reject_rows != rj
            {
                return Err(format!("counts do not reconcile: {counts}"));
            }
            if read.is_some_and(|x| x != r) || rejected.is_some_and(|x| x != rj) {
                return Err(format!(
                    "expected read {read:?}, rejected {rejected:?}: {counts}"
                ));
            }
            if let Some(check) = c.check {
                check(&report);
            }
        }
        Fails { code, stderr: text } => {
            if status.code() != Some(*code) {
                return Err(format!("expected exit {code}, got {status}: {stderr}"));
            }
            if !stderr.contains(text) {
                return Err(format!("stderr lacks {text:?}: {stderr}"));
            }
            if report.exists() {
                return Err("a failed run left a report".into());
            }
        }
    }
    let mut after = BTreeMap::new();
    snapshot(dir.path(), &logs, &mut after);
    snapshot(&repo().join("data/samples"), &logs, &mut after);
    // Outputs are new files; every file that existed before is unchanged.
    for (path, fingerprint) in &before {
        if after.get(path) != Some(fingerprint) {
            return Err(format!("input {} changed or vanished", path.display()));
        }
    }
    Ok(true)
}

#[test]
fn every_class_of_hostile_input_is_handled() {
    let cases = cases();
    assert!(cases.len() >= 25, "{} classes", cases.len());
    // Two workers: the classes are independent processes.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(c) = cases.get(i) else { break };
                let started = Instant::now();
                let result = run_case(c);
                if std::env::var_os("HOSTILE_TIMES").is_some() {
                    eprintln!("{:>6.2}s {}", started.elapsed().as_secs_f64(), c.name);
                }
                results.lock().unwrap().push((c.name, result));
            });
        }
    });
    let results = results.into_inner().unwrap();
    let failures: Vec<String> = results
        .iter()
        .filter_map(|(name, r)| r.as_ref().err().map(|e| format!("{name}: {e}")))
        .collect();
    let ran = results
        .iter()
        .filter(|(_, r)| matches!(r, Ok(true)))
        .count();
    assert!(
        failures.is_empty(),
        "{} of {} classes failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    eprintln!("hostile_inputs: {ran} of {} classes ran", cases.len());
}
