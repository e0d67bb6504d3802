//! The library's fatal errors as Python exceptions: one class per kind (and exit code) of the
//! CLI, all subclasses of `calque.CalqueError`, each carrying the CLI's message unchanged.

use calque::{Fatal, FatalKind};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(calque, CalqueError, PyException, "A calque run failed.");
create_exception!(
    calque,
    UsageError,
    CalqueError,
    "calque refuses what was asked (CLI exit code 2)."
);
create_exception!(
    calque,
    InputError,
    CalqueError,
    "An input cannot be opened or read, or a named column does not exist (exit code 3)."
);
create_exception!(
    calque,
    RulesError,
    CalqueError,
    "A campaign rule file, outlet list or IOC feed is invalid (exit code 4)."
);
create_exception!(
    calque,
    ConfigError,
    CalqueError,
    "The configuration file is invalid (exit code 5)."
);
create_exception!(
    calque,
    OutputError,
    CalqueError,
    "The report, rejects or summary cannot be written (exit code 6)."
);

/// The Python exception for `e`, with the message the CLI prints after `calque: error: `.
pub fn to_py(e: Fatal) -> PyErr {
    let message = e.message;
    match e.kind {
        FatalKind::Usage => UsageError::new_err(message),
        FatalKind::Input => InputError::new_err(message),
        FatalKind::Rules => RulesError::new_err(message),
        FatalKind::Config => ConfigError::new_err(message),
        FatalKind::Output => OutputError::new_err(message),
        FatalKind::TestFailed => CalqueError::new_err(message),
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("CalqueError", py.get_type::<CalqueError>())?;
    for (ty, kind) in [
        (py.get_type::<UsageError>(), FatalKind::Usage),
        (py.get_type::<InputError>(), FatalKind::Input),
        (py.get_type::<RulesError>(), FatalKind::Rules),
        (py.get_type::<ConfigError>(), FatalKind::Config),
        (py.get_type::<OutputError>(), FatalKind::Output),
    ] {
        ty.setattr("exit_code", kind.exit_code())?;
        m.add(ty.name()?, ty)?;
    }
    Ok(())
}
