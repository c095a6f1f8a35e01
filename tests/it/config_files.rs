//! Where configuration comes from besides `.rasoat.toml`: the user's configuration
//! (`$XDG_CONFIG_HOME/rasoat/rasoat.toml`, else `~/.config/rasoat/rasoat.toml`), used when no
//! project configuration is found, and the `exclude` key.

use std::fs;
use std::path::Path;

use crate::common::repo;

/// Runs rasoat in `dir` with HOME (and XDG_CONFIG_HOME, when given) set for the child only.
fn run_with_home(
    dir: &Path,
    home: &Path,
    xdg: Option<&Path>,
    args: &[&str],
) -> (i32, String, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_rasoat"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("HOME", home)
        .env_remove("XDG_CONFIG_HOME")
        .args(args);
    if let Some(x) = xdg {
        cmd.env("XDG_CONFIG_HOME", x);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn rules_of(report: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(report).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

/// A home folder with a user configuration turning SPELL-NOI-NHAN off, and a project folder
/// (outside it) holding the letter whose `Noi nhận` that rule reports.
fn home_and_project() -> (tempfile::TempDir, tempfile::TempDir) {
    let home = tempfile::tempdir().unwrap();
    let user = home.path().join(".config/rasoat");
    fs::create_dir_all(&user).unwrap();
    fs::write(
        user.join("rasoat.toml"),
        "[rules]\ndisable = [\"SPELL-NOI-NHAN\"]\n",
    )
    .unwrap();
    let project = tempfile::tempdir().unwrap();
    fs::copy(
        repo("samples/cong-van-v2.txt"),
        project.path().join("cong-van.txt"),
    )
    .unwrap();
    (home, project)
}

#[test]
fn the_user_configuration_is_used_only_where_no_project_configuration_is_found() {
    let (home, project) = home_and_project();
    let user = home.path().join(".config/rasoat/rasoat.toml");
    let check = ["check", "cong-van.txt", "--format", "json"];
    let (code, out, err) = run_with_home(project.path(), home.path(), None, &check);
    assert_eq!(code, 0, "{err}");
    assert!(
        !rules_of(&out).contains(&"SPELL-NOI-NHAN".to_string()),
        "{out}"
    );
    let (_, out, _) = run_with_home(
        project.path(),
        home.path(),
        None,
        &["check", "--show-config"],
    );
    assert_eq!(out, format!("./cong-van.txt\t{}\n", user.display()));
    // --no-config leaves it out too.
    let (code, out, _) = run_with_home(
        project.path(),
        home.path(),
        None,
        &["check", "cong-van.txt", "--format", "json", "--no-config"],
    );
    assert_eq!(code, 1);
    assert!(rules_of(&out).contains(&"SPELL-NOI-NHAN".to_string()));
    // XDG_CONFIG_HOME, when set, is where it is looked for (here: none there).
    let xdg = tempfile::tempdir().unwrap();
    let (_, out, _) = run_with_home(
        project.path(),
        home.path(),
        Some(xdg.path()),
        &["check", "--show-config"],
    );
    assert_eq!(out, "./cong-van.txt\t(không có cấu hình)\n");
    fs::create_dir_all(xdg.path().join("rasoat")).unwrap();
    fs::write(xdg.path().join("rasoat/rasoat.toml"), "").unwrap();
    let (_, out, _) = run_with_home(
        project.path(),
        home.path(),
        Some(xdg.path()),
        &["check", "--show-config"],
    );
    assert_eq!(
        out,
        format!(
            "./cong-van.txt\t{}\n",
            xdg.path().join("rasoat/rasoat.toml").display()
        )
    );
    // A project configuration wins over the user's, which is not merged into it (as ruff).
    fs::write(project.path().join(".rasoat.toml"), "").unwrap();
    let (code, out, _) = run_with_home(project.path(), home.path(), None, &check);
    assert_eq!(code, 1);
    assert!(rules_of(&out).contains(&"SPELL-NOI-NHAN".to_string()));
}

#[test]
fn a_bad_user_configuration_is_a_one_line_error_naming_it() {
    let (home, project) = home_and_project();
    let user = home.path().join(".config/rasoat/rasoat.toml");
    fs::write(&user, "[rules]\ndisable = 3\n").unwrap();
    let (code, out, err) = run_with_home(
        project.path(),
        home.path(),
        None,
        &["check", "cong-van.txt"],
    );
    assert_eq!(code, 2, "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("rasoat: {}:2:", user.display())),
        "{err}"
    );
}

/// A project whose configuration excludes `nhap/` and `*.cu.txt`; every file holds a finding.
fn project_with_exclude() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "ke-hoach.txt",
        "ban.cu.txt",
        "nhap/a.txt",
        "nhap/sau/b.txt",
        "docs/c.txt",
    ] {
        let path = dir.path().join(f);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::copy(repo("samples/cong-van-v2.txt"), path).unwrap();
    }
    fs::write(
        dir.path().join(".rasoat.toml"),
        "exclude = [\"nhap\", \"*.cu.txt\"]\n",
    )
    .unwrap();
    dir
}

#[test]
fn exclude_leaves_files_out_of_walks_and_with_force_exclude_out_of_paths_named() {
    let dir = project_with_exclude();
    let home = tempfile::tempdir().unwrap();
    let files = |args: &[&str]| {
        let mut all = vec!["check", "--show-files"];
        all.extend(args);
        let (code, out, err) = run_with_home(dir.path(), home.path(), None, &all);
        assert_eq!(code, 0, "{err}");
        out.lines().map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(files(&[]), ["./docs/c.txt", "./ke-hoach.txt"]);
    // A folder below the excluded one has its own configuration: still excluded (the folder
    // above decides for what it holds).
    fs::write(dir.path().join("nhap/sau/.rasoat.toml"), "").unwrap();
    assert_eq!(files(&["."]), ["./docs/c.txt", "./ke-hoach.txt"]);
    // Paths named are checked, unless --force-exclude (a pre-commit hook passes every file).
    let named = ["ban.cu.txt", "nhap/a.txt", "nhap/sau/b.txt", "docs/c.txt"];
    assert_eq!(files(&named), named);
    let mut forced = vec!["--force-exclude"];
    forced.extend(named);
    assert_eq!(files(&forced), ["docs/c.txt"]);
    // A folder named is walked even when excluded, but not with --force-exclude.
    assert_eq!(files(&["nhap"]), ["nhap/a.txt", "nhap/sau/b.txt"]);
    assert!(files(&["--force-exclude", "nhap"]).is_empty());
    // From a folder below the configuration's, the globs are still relative to its folder.
    let (_, out, _) = run_with_home(
        &dir.path().join("nhap"),
        home.path(),
        None,
        &["check", "--show-files", "--force-exclude", "a.txt"],
    );
    assert_eq!(out, "");
    // The check itself reports only the files kept.
    let (code, out, _) = run_with_home(
        dir.path(),
        home.path(),
        None,
        &["check", "--format", "json"],
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let paths: std::collections::BTreeSet<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths.into_iter().collect::<Vec<_>>(),
        ["./docs/c.txt", "./ke-hoach.txt"]
    );
}

#[test]
fn the_user_configurations_exclude_is_relative_to_the_current_folder() {
    let (home, project) = home_and_project();
    fs::write(
        home.path().join(".config/rasoat/rasoat.toml"),
        "exclude = [\"nhap/**\"]\n",
    )
    .unwrap();
    fs::create_dir_all(project.path().join("nhap")).unwrap();
    fs::copy(
        repo("samples/cong-van-v2.txt"),
        project.path().join("nhap/x.txt"),
    )
    .unwrap();
    let (_, out, _) = run_with_home(
        project.path(),
        home.path(),
        None,
        &["check", "--show-files"],
    );
    assert_eq!(out, "./cong-van.txt\n");
}

#[test]
fn a_bad_exclude_glob_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    fs::copy(repo("samples/cong-van-v2.txt"), dir.path().join("a.txt")).unwrap();
    fs::write(
        dir.path().join(".rasoat.toml"),
        "# các tệp không rà soát\nexclude = [\"nhap/[\"]\n",
    )
    .unwrap();
    let (code, _, err) = run_with_home(dir.path(), home.path(), None, &["check"]);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(".rasoat.toml:2: invalid glob `nhap/[`"),
        "{err}"
    );
}
