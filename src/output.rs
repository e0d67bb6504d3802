//! The files a run writes, staged and committed together.
//!
//! Every output of a scan (report, rejects, summary, accounts…) is *staged*: written to a
//! temporary file next to its target, and moved into place only when the whole run has
//! succeeded ([`OutputSet::commit`]), so that a run that fails leaves every previous output as
//! it was. Before anything is read, [`OutputSet::stage`] refuses an output that is the same
//! file as an input or as another output.
//!
//! What is not a regular file is never replaced: standard output (`-`), character devices
//! (`/dev/null`), FIFOs and anything under `/dev/` or `/proc/` are written directly, as they
//! are; a symbolic link is followed and its target replaced, the link kept.
//!
//! Temporary files are named `.calque-PID-XXXXXX.tmp`. On SIGINT, SIGTERM or SIGHUP the
//! pending ones are removed ([`install_signal_cleanup`]); a run killed with SIGKILL leaves its
//! own, which the next run that stages an output in that directory removes once no process
//! with that PID is alive and the file is older than the new run.

use crate::error::{Fatal, Result};
use crate::report::streaming::{DropBehindWriter, WriteBehind};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

/// Temporary files of this process not yet committed or dropped: what a signal removes.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

const TEMP_PREFIX: &str = ".calque-";
const TEMP_SUFFIX: &str = ".tmp";

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// On SIGINT, SIGTERM and SIGHUP, remove this process's pending temporary files and exit with
/// 128 + the signal's number, as a shell reports a command killed by it. Call once, early.
#[cfg(unix)]
pub fn install_signal_cleanup() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return; // no cleanup on signals; the next run removes what a killed one left
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Holding the lock also waits for a commit under way to finish its renames.
            let mut files = pending();
            for path in files.drain(..) {
                let _ = std::fs::remove_file(path);
            }
            eprintln!("calque: interrupted; outputs not yet in place were removed");
            std::process::exit(128 + signal);
        }
    });
}

#[cfg(not(unix))]
pub fn install_signal_cleanup() {}

/// What a path refers to, for telling whether two paths are the same file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    /// Device and inode of an existing file (after following links).
    inode: Option<(u64, u64)>,
    /// The absolute path with links resolved (for a missing file: its resolved directory plus
    /// its name).
    canonical: PathBuf,
}

impl Identity {
    fn of(path: &Path) -> Option<Identity> {
        let canonical = match std::fs::canonicalize(path) {
            Ok(p) => p,
            Err(_) => {
                let target = resolve_links(path);
                let dir = parent_dir(&target);
                std::fs::canonicalize(dir).ok()?.join(target.file_name()?)
            }
        };
        let inode = std::fs::metadata(path).ok().map(|m| dev_ino(&m));
        Some(Identity { inode, canonical })
    }

    fn same_file(&self, other: &Identity) -> bool {
        match (self.inode, other.inode) {
            (Some(a), Some(b)) => a == b,
            _ => self.canonical == other.canonical,
        }
    }
}

#[cfg(unix)]
fn dev_ino(m: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

#[cfg(not(unix))]
fn dev_ino(_: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// The directory a file path lives in ("." for a bare name).
fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Follow symbolic links from `path` (even dangling ones) to the path a write would create.
fn resolve_links(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    // As the kernel does, give up after 40 links.
    for _ in 0..40 {
        match std::fs::read_link(&current) {
            Ok(target) if target.is_absolute() => current = target,
            Ok(target) => current = parent_dir(&current).join(target),
            Err(_) => break,
        }
    }
    current
}

/// Whether `path` must be written in place rather than replaced: standard output, a device,
/// a FIFO, a socket, or anything under /dev or /proc.
fn written_in_place(path: &Path) -> bool {
    if path.starts_with("/dev") || path.starts_with("/proc") {
        return true;
    }
    match std::fs::metadata(path) {
        Ok(m) => !m.is_file(),
        Err(_) => false,
    }
}

/// One staged output.
pub struct Staged {
    /// The path as the user gave it, for messages.
    name: String,
    /// Where the file goes (links resolved); `None` when written in place.
    target: Option<PathBuf>,
    temp: Option<tempfile::NamedTempFile>,
    writer: Option<Box<dyn Write + Send>>,
}

impl Staged {
    /// The path as the user gave it.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn writer(&mut self) -> io::Result<&mut Box<dyn Write + Send>> {
        self.writer
            .as_mut()
            .ok_or_else(|| io::Error::other("output already finished"))
    }

    /// Flush what was written and make it durable; the file is moved into place by
    /// [`OutputSet::commit`].
    fn finish(&mut self) -> Result<()> {
        if let Some(mut w) = self.writer.take() {
            w.flush()
                .map_err(|e| Fatal::output(format!("{}: {e}", self.name)))?;
        }
        if let Some(temp) = &self.temp {
            temp.as_file()
                .sync_all()
                .map_err(|e| Fatal::output(format!("{}: {e}", self.name)))?;
        }
        Ok(())
    }
}

impl Write for Staged {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer()?.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer()?.write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.writer()?.flush()
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // Never committed: the temporary file is deleted by `NamedTempFile`'s own drop. The
        // list is only tidied when free: `commit` holds it while it moves files, and a stale
        // entry costs a signal handler one failed removal.
        if let (Some(temp), Ok(mut files)) = (&self.temp, PENDING.try_lock()) {
            files.retain(|p| p != temp.path());
        }
    }
}

/// The outputs of one run, staged until [`OutputSet::commit`].
pub struct OutputSet {
    inputs: Vec<(String, Identity)>,
    /// Identities of the regular-file outputs staged so far.
    outputs: Vec<(String, Identity)>,
    stdout_taken: Option<String>,
    /// Staged outputs that are complete, in the order they were finished.
    ready: Vec<Staged>,
    started: SystemTime,
}

impl OutputSet {
    /// A set for a run reading `inputs` ("-" is standard input).
    pub fn new(inputs: &[String]) -> Self {
        let inputs = inputs
            .iter()
            .filter(|p| *p != "-")
            .filter_map(|p| Identity::of(Path::new(p)).map(|id| (p.clone(), id)))
            .collect();
        OutputSet {
            inputs,
            outputs: Vec::new(),
            stdout_taken: None,
            ready: Vec::new(),
            started: SystemTime::now(),
        }
    }

    /// Check `path` (given for `what`, e.g. "--rejects") and open it for writing: standard
    /// output for "-", the path itself for a device or FIFO, else a temporary file next to the
    /// target. Refuses (usage error) an output that is an input or another output.
    pub fn stage(&mut self, path: &str, what: &str) -> Result<Staged> {
        if path.is_empty() {
            return Err(Fatal::usage(format!("{what}: empty file name")));
        }
        if path == "-" {
            if let Some(other) = &self.stdout_taken {
                return Err(Fatal::usage(format!(
                    "{what} - and {other} - would both write to standard output"
                )));
            }
            self.stdout_taken = Some(what.to_string());
            return Ok(Staged {
                name: "<stdout>".into(),
                target: None,
                temp: None,
                writer: Some(Box::new(WriteBehind::new(io::stdout()))),
            });
        }
        let given = Path::new(path);
        if let Some(id) = Identity::of(given) {
            if let Some((input, _)) = self.inputs.iter().find(|(_, i)| i.same_file(&id)) {
                return Err(Fatal::usage(format!(
                    "{what} {path} is the input {input}: calque never writes over its input"
                )));
            }
            if !written_in_place(given) {
                if let Some((other, _)) = self.outputs.iter().find(|(_, o)| o.same_file(&id)) {
                    return Err(Fatal::usage(format!(
                        "{what} {path} is the same file as {other}; give each output its own file"
                    )));
                }
                self.outputs.push((format!("{what} {path}"), id));
            }
        }
        if written_in_place(given) {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .open(given)
                .map_err(|e| Fatal::output(format!("{path}: cannot open for writing: {e}")))?;
            return Ok(Staged {
                name: path.to_string(),
                target: None,
                temp: None,
                writer: Some(Box::new(WriteBehind::new(file))),
            });
        }
        let target = resolve_links(given);
        let dir = parent_dir(&target);
        remove_stale_temp_files(&dir, self.started);
        let temp = create_temp(&dir).map_err(|e| {
            Fatal::output(format!(
                "{path}: cannot create a temporary file in {}: {e}",
                dir.display()
            ))
        })?;
        let file = temp
            .reopen()
            .and_then(DropBehindWriter::new)
            .map_err(|e| Fatal::output(format!("{path}: {e}")))?;
        Ok(Staged {
            name: path.to_string(),
            target: Some(target),
            temp: Some(temp),
            writer: Some(Box::new(WriteBehind::new(file))),
        })
    }

    /// `staged` is complete: flush it; it is moved into place with the others on commit.
    pub fn ready(&mut self, mut staged: Staged) -> Result<()> {
        staged.finish()?;
        self.ready.push(staged);
        Ok(())
    }

    /// Move every finished output into place. Runs that commit outputs into the same
    /// directories do so one after the other (an exclusive lock on each directory), so two
    /// concurrent runs never leave a mix of their files.
    pub fn commit(mut self) -> Result<()> {
        let mut dirs: Vec<PathBuf> = self
            .ready
            .iter()
            .filter_map(|s| s.target.as_deref().map(parent_dir))
            .filter_map(|d| std::fs::canonicalize(d).ok())
            .collect();
        dirs.sort();
        dirs.dedup();
        let _locks: Vec<DirLock> = dirs.iter().filter_map(|d| DirLock::take(d)).collect();
        // A signal now waits until every file is in place.
        let mut pending = pending();
        for mut staged in self.ready.drain(..) {
            let (Some(temp), Some(target)) = (staged.temp.take(), staged.target.take()) else {
                continue;
            };
            let temp_path = temp.path().to_path_buf();
            temp.persist(&target).map_err(|e| {
                Fatal::output(format!(
                    "{}: cannot move into place: {}",
                    staged.name, e.error
                ))
            })?;
            pending.retain(|p| *p != temp_path);
        }
        Ok(())
    }
}

/// Write `body` to `path` (given for `what`) as a one-file run reading `inputs`: refused if it
/// is an input, in place only when complete.
pub fn write_whole(inputs: &[String], path: &str, what: &str, body: &[u8]) -> Result<()> {
    let mut set = OutputSet::new(inputs);
    let mut file = set.stage(path, what)?;
    file.write_all(body)
        .map_err(|e| Fatal::output(format!("{path}: {e}")))?;
    set.ready(file)?;
    set.commit()
}

/// A temporary file in `dir` named after this process, readable as the umask allows.
fn create_temp(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut files = pending();
    let temp = builder.tempfile_in(dir)?;
    files.push(temp.path().to_path_buf());
    Ok(temp)
}

/// Remove `.calque-PID-*.tmp` files in `dir` left by runs that were killed: no process with
/// that PID is alive and the file is older than this run.
fn remove_stale_temp_files(dir: &Path, started: SystemTime) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(TEMP_PREFIX))
            .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
            .and_then(|n| n.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let old = entry
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .is_some_and(|t| t < started);
        if old && pid != std::process::id() && !process_alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = i32::try_from(pid) else {
        return false;
    };
    // Signal 0 checks existence; EPERM means it exists but is someone else's.
    // SAFETY: kill with signal 0 sends nothing.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(target_os = "linux"))]
fn process_alive(_: u32) -> bool {
    true // cannot tell: keep the file
}

/// An exclusive advisory lock on a directory, released on drop.
struct DirLock {
    #[cfg(target_os = "linux")]
    _dir: std::fs::File,
}

impl DirLock {
    #[cfg(target_os = "linux")]
    fn take(dir: &Path) -> Option<DirLock> {
        use std::os::fd::AsRawFd;
        let file = std::fs::File::open(dir).ok()?;
        // SAFETY: flock on a descriptor we own; released when the file is closed.
        let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) };
        (r == 0).then_some(DirLock { _dir: file })
    }

    #[cfg(not(target_os = "linux"))]
    fn take(_: &Path) -> Option<DirLock> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(staged: &mut Staged, text: &str) {
        staged.write_all(text.as_bytes()).unwrap();
    }

    #[test]
    fn outputs_appear_only_on_commit_and_all_together() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("r.csv");
        let rejects = dir.path().join("r.rejects.csv");
        std::fs::write(&report, "old report").unwrap();
        let mut set = OutputSet::new(&[]);
        let mut a = set.stage(report.to_str().unwrap(), "-o").unwrap();
        let mut b = set.stage(rejects.to_str().unwrap(), "--rejects").unwrap();
        write(&mut a, "new report");
        write(&mut b, "new rejects");
        set.ready(a).unwrap();
        assert_eq!(std::fs::read_to_string(&report).unwrap(), "old report");
        set.ready(b).unwrap();
        assert!(!rejects.exists());
        set.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&report).unwrap(), "new report");
        assert_eq!(std::fs::read_to_string(&rejects).unwrap(), "new rejects");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn a_dropped_set_changes_nothing_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("r.csv");
        std::fs::write(&report, "old").unwrap();
        {
            let mut set = OutputSet::new(&[]);
            let mut a = set.stage(report.to_str().unwrap(), "-o").unwrap();
            write(&mut a, "new");
            set.ready(a).unwrap();
        }
        assert_eq!(std::fs::read_to_string(&report).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_output_that_is_an_input_or_another_output_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.csv");
        std::fs::write(&input, "text\nhello\n").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        let inputs = vec![input.to_str().unwrap().to_string()];
        let mut set = OutputSet::new(&inputs);
        for path in [
            input.to_str().unwrap().to_string(),
            link.to_str().unwrap().to_string(),
            format!("{}/./in.csv", dir.path().display()),
        ] {
            let e = set.stage(&path, "-o").err().expect("refused");
            assert_eq!(e.kind, crate::FatalKind::Usage, "{path}");
            assert!(e.message.contains("is the input"), "{}", e.message);
        }
        let out = dir.path().join("out.csv");
        let _a = set.stage(out.to_str().unwrap(), "-o").unwrap();
        let e = set
            .stage(
                &format!("{}/../{}/out.csv", dir.path().display(), {
                    dir.path().file_name().unwrap().to_str().unwrap()
                }),
                "--summary",
            )
            .err()
            .expect("refused");
        assert!(e.message.contains("same file as -o"), "{}", e.message);
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "text\nhello\n");
    }

    #[test]
    fn devices_are_written_in_place_and_links_are_followed() {
        let dir = tempfile::tempdir().unwrap();
        let mut set = OutputSet::new(&[]);
        // Two outputs may both go to /dev/null.
        let mut a = set.stage("/dev/null", "--rejects").unwrap();
        let b = set.stage("/dev/null", "--summary").unwrap();
        write(&mut a, "discarded");
        set.ready(a).unwrap();
        set.ready(b).unwrap();
        let target = dir.path().join("target.csv");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink("target.csv", &link).unwrap();
        let mut c = set.stage(link.to_str().unwrap(), "-o").unwrap();
        write(&mut c, "new");
        set.ready(c).unwrap();
        set.commit().unwrap();
        assert!(std::fs::symlink_metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device_like());
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn stdout_is_taken_once() {
        let mut set = OutputSet::new(&[]);
        let _a = set.stage("-", "-o").unwrap();
        let e = set.stage("-", "--summary").err().unwrap();
        assert_eq!(e.kind, crate::FatalKind::Usage);
    }

    #[test]
    fn stale_temp_files_of_dead_processes_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        // PID 0x7fff_fff0 is beyond any kernel's pid_max: never alive.
        let stale = dir.path().join(".calque-2147483632-abc.tmp");
        let alive = dir
            .path()
            .join(format!(".calque-{}-abc.tmp", std::process::id()));
        let foreign = dir.path().join(".calque-notapid.tmp");
        for p in [&stale, &alive, &foreign] {
            std::fs::write(p, "x").unwrap();
        }
        let later = SystemTime::now() + std::time::Duration::from_secs(5);
        remove_stale_temp_files(dir.path(), later);
        assert!(!stale.exists());
        assert!(alive.exists());
        assert!(foreign.exists());
        // A file newer than the run is left alone even if its process is gone.
        std::fs::write(&stale, "x").unwrap();
        remove_stale_temp_files(dir.path(), SystemTime::UNIX_EPOCH);
        assert!(stale.exists());
    }

    trait CharDeviceLike {
        fn is_char_device_like(&self) -> bool;
    }
    impl CharDeviceLike for std::fs::FileType {
        fn is_char_device_like(&self) -> bool {
            use std::os::unix::fs::FileTypeExt;
            self.is_char_device()
        }
    }
}
