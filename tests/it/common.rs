//! Helpers shared by the integration tests.

use std::path::PathBuf;

use assert_cmd::Command;

/// Path of a file in the repository.
pub fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The `rasoat` binary, run from the repository root so that paths in output are relative.
pub fn rasoat() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rasoat"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env("NO_COLOR", "1");
    // No user configuration (~/.config/rasoat/rasoat.toml) of the machine running the tests.
    cmd.env("XDG_CONFIG_HOME", repo("tests/fixtures/no-user-config"));
    cmd
}

/// Runs rasoat with `args`; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let output = rasoat().args(args).output().expect("rasoat runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    )
}

/// Parses a file of the repository with the library.
pub fn parse(path: &str) -> rasoat::outline::ParsedFile {
    let loaded = rasoat::input::load(&repo(path), &rasoat::input::LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    loaded.parsed
}
