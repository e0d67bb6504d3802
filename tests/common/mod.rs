//! Helpers shared by the integration tests: run the `calque` binary, read its outputs.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample(name: &str) -> String {
    repo().join("data/samples").join(name).display().to_string()
}

pub fn fixture(name: &str) -> String {
    repo()
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// Run calque with `args` (and optional stdin); never inherits the terminal.
pub fn calque(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_calque"));
    cmd.args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("calque runs");
    if let Some(input) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    child.wait_with_output().expect("calque finishes")
}

/// Run calque and assert it succeeded.
pub fn calque_ok(args: &[&str]) -> Output {
    let out = calque(args, None);
    assert!(
        out.status.success(),
        "calque {:?} failed: {}",
        args,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub fn path_str(p: &Path) -> String {
    p.display().to_string()
}

/// Rows of a CSV file as maps from column name to value.
pub fn read_csv(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut rdr = csv::Reader::from_path(path).expect("csv readable");
    let headers = rdr.headers().unwrap().clone();
    rdr.records()
        .map(|r| {
            headers
                .iter()
                .zip(r.unwrap().iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The outputs of one scan (see [`scan`]).
pub struct Run {
    pub summary: serde_json::Value,
    pub report: Vec<BTreeMap<String, String>>,
    pub rejects: Vec<BTreeMap<String, String>>,
}

impl Run {
    /// The report's texts in input order (the report is ranked).
    pub fn texts(&self) -> Vec<&str> {
        let mut texts: Vec<(&str, &str)> = self
            .report
            .iter()
            .map(|r| (r["source"].as_str(), r["text"].as_str()))
            .collect();
        // In input order (the report is ranked).
        texts.sort_by_key(|(source, _)| {
            source
                .rsplit(':')
                .next()
                .and_then(|l| l.parse::<u64>().ok())
        });
        texts.into_iter().map(|(_, t)| t).collect()
    }

    /// (line, reason) of every reject.
    pub fn reasons(&self) -> Vec<(String, String)> {
        self.rejects
            .iter()
            .map(|r| (r["line"].clone(), r["reason"].clone()))
            .collect()
    }
}

/// The arguments of a scan of `inputs` writing its outputs into `dir`.
pub fn scan_args(dir: &Path, inputs: &[&str], args: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = vec!["scan".into()];
    all.extend(inputs.iter().map(|s| s.to_string()));
    for (flag, name) in [
        ("-o", "report.csv"),
        ("--rejects", "rejects.csv"),
        ("--summary", "summary.json"),
    ] {
        all.push(flag.into());
        all.push(path_str(&dir.join(name)));
    }
    all.extend(["--raw-cells", "-q"].map(String::from));
    all.extend(args.iter().map(|s| s.to_string()));
    all
}

/// Scan `inputs` (with `stdin` if given) with `--raw-cells` and the extra `args`, expecting
/// success; check the counts reconcile and no input file changed.
pub fn scan(dir: &Path, inputs: &[&str], args: &[&str], stdin: Option<&[u8]>) -> Run {
    let before: Vec<Option<Vec<u8>>> = inputs.iter().map(|p| fs::read(p).ok()).collect();
    let all = scan_args(dir, inputs, args);
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    let out = calque(&all, stdin);
    assert_eq!(
        out.status.code(),
        Some(0),
        "calque {all:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after: Vec<Option<Vec<u8>>> = inputs.iter().map(|p| fs::read(p).ok()).collect();
    assert!(before == after, "an input changed");
    outputs(dir)
}

/// The outputs of a scan written by [`scan_args`], checked to reconcile.
pub fn outputs(dir: &Path) -> Run {
    let summary = fs::read_to_string(dir.join("summary.json")).unwrap();
    let run = Run {
        report: read_csv(&dir.join("report.csv")),
        rejects: read_csv(&dir.join("rejects.csv")),
        summary: serde_json::from_str(&summary).unwrap(),
    };
    let n = |k: &str| run.summary[k].as_u64().unwrap();
    assert_eq!(n("records_read"), n("scored") + n("rejected"));
    assert_eq!(n("scored"), run.report.len() as u64);
    assert_eq!(n("rejected"), run.rejects.len() as u64);
    run
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path_str(&path)
}
