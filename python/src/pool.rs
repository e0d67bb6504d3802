//! The worker threads of `analyze_batch` and `analyze_arrow`: rayon pools, one per thread count,
//! created on first use and kept for the life of the process, as `calque scan` keeps one pool
//! for its run.
//!
//! Fork: a child process inherits the pool's bookkeeping but none of its threads, and a job sent
//! to such a pool would wait forever (the well-known rayon-after-fork hang). Each pool therefore
//! remembers the process that made it; a process that is not that one (a `fork`ed worker of
//! multiprocessing, Dask, Spark or gunicorn) makes pools of its own and never touches the
//! inherited ones. Those are leaked rather than dropped: dropping would signal threads that do
//! not exist in the child. rayon's global pool is never used.

use rayon::{ThreadPool, ThreadPoolBuilder};
use std::sync::{Arc, Mutex};

struct Pool {
    pid: u32,
    threads: usize,
    pool: Arc<ThreadPool>,
}

static POOLS: Mutex<Vec<Pool>> = Mutex::new(Vec::new());

/// The pool of `threads` workers (0: one per core) of this process.
pub fn get(threads: usize) -> Result<Arc<ThreadPool>, String> {
    let pid = std::process::id();
    let mut pools = POOLS.lock().unwrap_or_else(|e| e.into_inner());
    if pools.iter().any(|p| p.pid != pid) {
        // Inherited across fork: keep the memory, never use or drop it.
        for inherited in pools.drain(..) {
            std::mem::forget(inherited);
        }
    }
    if let Some(p) = pools.iter().find(|p| p.threads == threads) {
        return Ok(p.pool.clone());
    }
    let pool = ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("calque-{i}"))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let pool = Arc::new(pool);
    pools.push(Pool {
        pid,
        threads,
        pool: pool.clone(),
    });
    Ok(pool)
}
