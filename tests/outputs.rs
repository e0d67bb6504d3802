//! Outputs never destroy anything: an output that is an input or another output is refused,
//! a failed run changes no file, devices, FIFOs and links are not replaced, files respect the
//! umask, and an interrupted run leaves no temporary file (issue 11, items 1–5).

mod common;
use common::*;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".calque-"))
        .collect()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn an_output_naming_an_input_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    fs::copy(sample("posts.csv"), &input).unwrap();
    let original = fs::read(&input).unwrap();
    let input_s = path_str(&input);
    let other = path_str(&dir.path().join("other.csv"));
    let cases: Vec<Vec<&str>> = vec![
        vec!["-o", &input_s],
        vec!["-o", &other, "--rejects", &input_s],
        vec!["-o", &other, "--summary", &input_s],
    ];
    for flags in cases {
        let mut args = vec!["scan", input_s.as_str(), "-q"];
        args.extend(&flags);
        let out = calque(&args, None);
        assert_eq!(out.status.code(), Some(2), "{flags:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("is the input"), "{}", stderr(&out));
        assert_eq!(fs::read(&input).unwrap(), original, "{flags:?}");
    }
    // The same file under another name: a symbolic link and a path with `..`.
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    let dotted = format!(
        "{}/../{}/in.csv",
        dir.path().display(),
        dir.path().file_name().unwrap().to_string_lossy()
    );
    for alias in [path_str(&link), dotted] {
        let out = calque(&["scan", &input_s, "-q", "-o", &alias], None);
        assert_eq!(out.status.code(), Some(2), "{alias}: {}", stderr(&out));
    }
    assert_eq!(fs::read(&input).unwrap(), original);
    assert!(!Path::new(&other).exists());
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn two_outputs_naming_one_file_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let report = path_str(&dir.path().join("r.csv"));
    fs::write(&report, "previous\n").unwrap();
    for flag in ["--rejects", "--summary"] {
        let out = calque(
            &[
                "scan",
                &sample("posts.csv"),
                "-q",
                "-o",
                &report,
                flag,
                &report,
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(2), "{flag}: {}", stderr(&out));
        assert!(stderr(&out).contains("same file as -o"), "{}", stderr(&out));
        assert_eq!(fs::read_to_string(&report).unwrap(), "previous\n");
    }
    let out = calque(
        &[
            "scan",
            &sample("posts.csv"),
            "-q",
            "-o",
            "-",
            "--summary",
            "-",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn a_run_that_fails_late_leaves_every_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.csv");
    let rejects = dir.path().join("r.rejects.csv");
    fs::write(&report, "previous report\n").unwrap();
    fs::write(&rejects, "previous rejects\n").unwrap();
    // The summary cannot be written: nothing is replaced.
    let out = calque(
        &[
            "scan",
            &fixture("broken.csv"),
            "-q",
            "-o",
            &path_str(&report),
            "--summary",
            "/nonexistent-dir/s.json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&report).unwrap(), "previous report\n");
    assert_eq!(fs::read_to_string(&rejects).unwrap(), "previous rejects\n");
    // An input fails after the first was read: nothing is replaced either.
    let bad = dir.path().join("bad.txt.gz");
    fs::write(&bad, b"\x1f\x8b\x08\x00not gzip").unwrap();
    let out = calque(
        &[
            "scan",
            &fixture("broken.csv"),
            &path_str(&bad),
            "-q",
            "-o",
            &path_str(&report),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&report).unwrap(), "previous report\n");
    assert_eq!(fs::read_to_string(&rejects).unwrap(), "previous rejects\n");
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn concurrent_runs_on_one_report_never_mix_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let report = path_str(&dir.path().join("r.csv"));
    // Each input has one good row and one ragged row naming its run.
    let inputs: Vec<String> = ["A", "B"]
        .iter()
        .map(|run| {
            let p = dir.path().join(format!("{run}.csv"));
            fs::write(
                &p,
                format!("id,text\n{run},post of run {run}\n{run}x,a,b\n"),
            )
            .unwrap();
            path_str(&p)
        })
        .collect();
    for _ in 0..4 {
        let children: Vec<_> = inputs
            .iter()
            .map(|input| {
                Command::new(env!("CARGO_BIN_EXE_calque"))
                    .args(["scan", input, "-q", "-o", &report])
                    .stdin(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut c in children {
            assert!(c.wait().unwrap().success());
        }
        let rows = read_csv(Path::new(&report));
        let rejected = read_csv(&dir.path().join("r.rejects.csv"));
        let run = &rows[0]["id"];
        assert!(
            rejected[0]["raw"].starts_with(&format!("{run}x")),
            "report of run {run} with rejects {:?}",
            rejected[0]
        );
    }
}

#[test]
fn devices_fifos_and_links_are_written_through_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    // --rejects /dev/null and --summary /dev/stdout: written in place.
    let report = path_str(&dir.path().join("r.csv"));
    let out = calque_ok(&[
        "scan",
        &fixture("broken.csv"),
        "-q",
        "-o",
        &report,
        "--rejects",
        "/dev/null",
        "--summary",
        "/dev/stdout",
    ]);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(summary["rejected"].as_u64().unwrap() > 0);
    assert!(summary["rejects_file"] == "/dev/null");
    let null = fs::symlink_metadata("/dev/null").unwrap();
    assert!(std::os::unix::fs::FileTypeExt::is_char_device(
        &null.file_type()
    ));
    // --summary - is standard output too.
    let out = calque_ok(&[
        "scan",
        &sample("posts.csv"),
        "-q",
        "-o",
        &report,
        "--summary",
        "-",
    ]);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["records_read"], summary["scored"]);
    // A FIFO stays a FIFO and its reader gets the summary.
    let fifo = dir.path().join("summary.fifo");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    calque_ok(&[
        "scan",
        &sample("posts.csv"),
        "-q",
        "-o",
        &report,
        "--summary",
        &path_str(&fifo),
    ]);
    let json = reader.join().unwrap();
    assert!(json.contains("\"records_read\""), "{json}");
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(
        &fs::symlink_metadata(&fifo).unwrap().file_type()
    ));
    // A link is followed: its target gets the report, the link stays a link.
    let target = dir.path().join("target.csv");
    fs::write(&target, "old\n").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink("target.csv", &link).unwrap();
    calque_ok(&["scan", &sample("posts.csv"), "-q", "-o", &path_str(&link)]);
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(&target).unwrap().starts_with("rank,"));
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn outputs_respect_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.csv");
    let status = Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" scan \"$1\" -q -o \"$2\" --summary \"$3\"")
        .arg(env!("CARGO_BIN_EXE_calque"))
        .arg(sample("posts.csv"))
        .arg(&report)
        .arg(dir.path().join("s.json"))
        .status()
        .unwrap();
    assert!(status.success());
    for name in ["r.csv", "s.json"] {
        let mode = fs::metadata(dir.path().join(name))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644, "{name}: {:o}", mode & 0o777);
    }
}

#[test]
fn an_interrupted_run_removes_its_temporary_files() {
    for signal in ["INT", "TERM"] {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("r.csv");
        fs::write(&report, "previous\n").unwrap();
        // Standard input stays open: the run waits for more input until the signal.
        let mut child = Command::new(env!("CARGO_BIN_EXE_calque"))
            .args(["scan", "-", "--input-format", "text", "-q", "-o"])
            .arg(&report)
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        std::io::Write::write_all(&mut stdin, b"a first post\n").unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while temp_files(dir.path()).is_empty() {
            assert!(std::time::Instant::now() < deadline, "no temporary file");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let out = child.wait_with_output().unwrap();
        drop(stdin);
        let expected = if signal == "INT" { 130 } else { 143 };
        assert_eq!(out.status.code(), Some(expected), "{}", stderr(&out));
        assert!(temp_files(dir.path()).is_empty(), "{signal}");
        assert_eq!(fs::read_to_string(&report).unwrap(), "previous\n");
    }
}
