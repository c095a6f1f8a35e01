//! The checking set-up every face shares: which configuration a file takes, which rules run on
//! it, and its findings as configured.
//!
//! `rasoat check`, `rasoat diff`, the review screen (and any later face, such as a language
//! server) take their rules from here, so that one file under one `.rasoat.toml` gets the same
//! findings whichever face shows them. This is the one layer of the library that reads settings
//! files (configurations, rule folders); the rules themselves stay pure.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{Config, ConfigError};
use crate::input::{self, InputError};
use crate::outline::ParsedFile;
use crate::registry::RegistryError;
use crate::rules::rounds::{RoundDoc, RoundFindings, check_rounds};
use crate::rules::{Finding, RuleError, RuleSet};

/// Which configuration files are used.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ConfigChoice {
    /// For each file, the nearest `.rasoat.toml` upward from it (as ruff does: the first path of
    /// a run does not decide for the others); where there is none, the user's configuration
    /// ([`user_config`]).
    #[default]
    Nearest,
    /// This file for every file (`--config`).
    File(PathBuf),
    /// No configuration (`--no-config`).
    None,
}

/// What the command line adds to the configuration.
#[derive(Debug, Clone, Default)]
pub struct RuleOptions {
    pub config: ConfigChoice,
    /// Extra rule folders (`--rules DIR`).
    pub rule_dirs: Vec<PathBuf>,
    /// Registries of documents consulted before the built-in one (`--registry FILE`).
    pub registries: Vec<PathBuf>,
    pub enable: Vec<String>,
    pub disable: Vec<String>,
    pub extend_enable: Vec<String>,
    /// The largest settings file read (as `--max-file-size`).
    pub max_file_size: u64,
}

/// Why a rule set could not be assembled. Each message is a whole Vietnamese sentence naming the
/// file and the cause.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("{}", builtin_message(.0))]
    BuiltinRules(Vec<RuleError>),
    #[error(transparent)]
    ConfigRead(#[from] InputError),
    #[error(transparent)]
    ConfigParse(#[from] ConfigError),
    /// A registry file that is not one.
    #[error(transparent)]
    Registry(#[from] RegistryError),
    /// Rule folders that are missing, unreadable, outside their repository or hold bad rules.
    #[error("{}", .0.join("\nrasoat: "))]
    RuleFolders(Vec<String>),
    /// Rule ids or pack names in the configuration or on the command line that no rule has.
    #[error(
        "không có quy tắc hay nhóm quy tắc {names}{given_in}; xem danh sách bằng `rasoat rules`"
    )]
    UnknownNames { names: String, given_in: String },
}

fn builtin_message(errors: &[RuleError]) -> String {
    errors
        .iter()
        .map(|e| format!("quy tắc có sẵn {e}"))
        .collect::<Vec<_>>()
        .join("\nrasoat: ")
}

/// The rules, the configuration and its file that a group of files is checked with. Cheap to
/// clone (the review screen hands it to a background thread).
#[derive(Debug, Clone)]
pub struct Profile {
    pub set: Arc<RuleSet>,
    pub config: Arc<Config>,
    pub config_path: Option<PathBuf>,
}

impl From<Arc<RuleSet>> for Profile {
    /// A rule set as it is, without a configuration.
    fn from(set: Arc<RuleSet>) -> Profile {
        Profile {
            set,
            config: Arc::default(),
            config_path: None,
        }
    }
}

impl Profile {
    /// The findings of `file` (read from `path`), as configured; of one document only when
    /// `document` (1-based) is given.
    pub fn file_findings(
        &self,
        file: &ParsedFile,
        path: &Path,
        document: Option<usize>,
    ) -> Vec<Finding> {
        let mut findings = self.set.check_file(file);
        if let Some(i) = document {
            findings.retain(|f| f.document == i);
        }
        self.configure(path, &mut findings);
        findings
    }

    /// The findings of a new round against an old one, as configured: the new round's under the
    /// new file's path, the fixed ones under the old file's.
    pub fn round_findings(
        &self,
        new: RoundDoc,
        new_path: &Path,
        old: RoundDoc,
        old_path: &Path,
    ) -> RoundFindings {
        let mut rounds = check_rounds(&self.set, new, old);
        self.configure(new_path, &mut rounds.current);
        self.configure(old_path, &mut rounds.fixed);
        rounds
    }

    fn configure(&self, path: &Path, findings: &mut Vec<Finding>) {
        self.config.apply(
            &config_relative(path, self.config_path.as_deref()),
            findings,
            &self.set,
        );
    }
}

/// The folder a configuration's globs (`exclude`, `overrides`) are relative to: its own folder,
/// or for the user's configuration the current folder (as ruff does: it holds no project).
fn glob_base(config: &Path) -> Option<PathBuf> {
    if user_config().as_deref() == Some(config) {
        return std::env::current_dir().ok();
    }
    config.parent().map(Path::to_path_buf)
}

/// `path` relative to the folder of the configuration file, with `/` separators (what the
/// configuration's `overrides` and `exclude` globs match).
fn config_relative(path: &Path, config: Option<&Path>) -> String {
    let base = config
        .and_then(glob_base)
        .and_then(|b| std::fs::canonicalize(b).ok());
    let abs = std::fs::canonicalize(path).ok();
    match (base, abs) {
        (Some(b), Some(a)) => a
            .strip_prefix(&b)
            .map_or_else(|_| path.display().to_string(), |r| r.display().to_string()),
        _ => path.display().to_string(),
    }
    .replace('\\', "/")
}

/// The profiles of a run, one per configuration file in use, each assembled once.
#[derive(Debug)]
pub struct Workspace {
    options: RuleOptions,
    profiles: Vec<Profile>,
    /// The profile of each configuration file (or of none).
    by_config: HashMap<Option<PathBuf>, usize>,
    /// The profile of each folder looked up so far: a folder's files share their configuration.
    by_folder: HashMap<PathBuf, usize>,
    /// Configurations read for their `exclude` only (a folder's may be read without any of its
    /// files being checked).
    excluding: HashMap<PathBuf, Arc<Config>>,
}

impl Workspace {
    pub fn new(options: RuleOptions) -> Workspace {
        Workspace {
            options,
            profiles: Vec::new(),
            by_config: HashMap::new(),
            by_folder: HashMap::new(),
            excluding: HashMap::new(),
        }
    }

    /// The index of the profile `path` is checked with (see [`Workspace::profile`]). A path that
    /// does not exist in the work tree (a file of a git revision, standard input's name) takes
    /// the configuration of its nearest existing folder.
    pub fn profile_index(&mut self, path: &Path) -> Result<usize, WorkspaceError> {
        let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
        if let Some(&i) = self.by_folder.get(&folder) {
            return Ok(i);
        }
        let config = self.config_for(path);
        let i = self.profile_of_config(config)?;
        self.by_folder.insert(folder, i);
        Ok(i)
    }

    /// The profile for `path`, assembled if it is the first file of its configuration.
    pub fn profile_for(&mut self, path: &Path) -> Result<&Profile, WorkspaceError> {
        let i = self.profile_index(path)?;
        Ok(&self.profiles[i])
    }

    pub fn profile(&self, index: usize) -> &Profile {
        &self.profiles[index]
    }

    /// Every profile assembled so far, in the order first used.
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    fn profile_of_config(&mut self, config: Option<PathBuf>) -> Result<usize, WorkspaceError> {
        if let Some(&i) = self.by_config.get(&config) {
            return Ok(i);
        }
        let profile = assemble(&self.options, config.clone())?;
        self.profiles.push(profile);
        let i = self.profiles.len() - 1;
        self.by_config.insert(config, i);
        Ok(i)
    }

    /// The configuration file `path` takes.
    pub fn config_for(&self, path: &Path) -> Option<PathBuf> {
        match &self.options.config {
            ConfigChoice::None => None,
            ConfigChoice::File(given) => Some(given.clone()),
            ConfigChoice::Nearest => {
                let start = path
                    .ancestors()
                    .find(|p| !p.as_os_str().is_empty() && p.exists())
                    .unwrap_or(Path::new("."));
                find_config(start).or_else(user_config)
            }
        }
    }

    /// Whether a configuration's `exclude` leaves `path` out: the path itself or a folder above
    /// it, each asked of the configuration of the folder holding it (so an excluded folder's
    /// files stay out whatever configuration they take). With `below`, only the path and the
    /// folders under `below` are asked (a folder walked: the folder named is not itself
    /// excluded); without it, every folder up to the root (a path named, with
    /// `--force-exclude`).
    pub fn is_excluded(
        &mut self,
        path: &Path,
        below: Option<&Path>,
    ) -> Result<bool, WorkspaceError> {
        // A path named is asked with every folder above it, the current folder's included.
        let absolute;
        let path = match below {
            Some(_) => path,
            None => {
                absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
                absolute.as_path()
            }
        };
        let mut asked: Vec<&Path> = Vec::new();
        for a in path.ancestors() {
            if a.as_os_str().is_empty() || a == Path::new(".") || below == Some(a) {
                break;
            }
            asked.push(a);
        }
        for a in asked.into_iter().rev() {
            // The configuration of the folder holding it (a folder's own is for what it holds).
            let holder = match a.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            let Some(config_path) = self.config_for(holder) else {
                continue;
            };
            let config = match self.excluding.get(&config_path) {
                Some(c) => Arc::clone(c),
                None => {
                    let source = input::read_settings(&config_path, self.options.max_file_size)?;
                    let c = Arc::new(Config::parse(&config_path.display().to_string(), &source)?);
                    self.excluding.insert(config_path.clone(), Arc::clone(&c));
                    c
                }
            };
            if config.exclude.is_empty() {
                continue;
            }
            if config.excludes(&config_relative(a, Some(&config_path))) {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// The user's configuration, used for files that no `.rasoat.toml` is found for (as ruff's user
/// configuration): `$XDG_CONFIG_HOME/rasoat/rasoat.toml` when `XDG_CONFIG_HOME` is an absolute
/// path, else `~/.config/rasoat/rasoat.toml`; `None` when that file does not exist.
pub fn user_config() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    let file = base.join("rasoat").join("rasoat.toml");
    file.is_file().then_some(file)
}

/// Finds `.rasoat.toml` upward from `start`.
fn find_config(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    let mut dir = if start.is_dir() {
        Some(start.as_path())
    } else {
        start.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(".rasoat.toml");
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// The folder holding `.git` at or above `dir` (else `dir`).
pub fn repository_root(dir: &Path) -> PathBuf {
    let start = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    start
        .ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(&start)
        .to_path_buf()
}

/// Reads every `*.toml` under `dir` into `set`.
fn add_rule_dir(set: &mut RuleSet, dir: &Path, limit: u64, errors: &mut Vec<String>) {
    if !dir.is_dir() {
        errors.push(format!(
            "rasoat: {}: không có thư mục quy tắc này",
            dir.display()
        ));
        return;
    }
    let mut files: Vec<PathBuf> = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .build()
        .flatten()
        .map(|e| e.path().to_path_buf())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for f in files {
        match input::read_settings(&f, limit) {
            Ok(source) => {
                if let Err(e) = set.add(&f.display().to_string(), &source) {
                    errors.push(format!("rasoat: {e}"));
                }
            }
            Err(e) => errors.push(format!("rasoat: {e}")),
        }
    }
}

/// Reads and validates registry files (`rasoat registry build`'s output): each with its name.
pub fn read_registries(
    files: &[PathBuf],
    limit: u64,
) -> Result<Vec<(String, String)>, WorkspaceError> {
    let mut out = Vec::new();
    for path in files {
        let shown = path.display().to_string();
        let text = input::read_settings(path, limit)?;
        crate::registry::format::validate(&shown, &text)?;
        out.push((shown, text));
    }
    Ok(out)
}

/// The rule set after built-ins, the configuration at `config_path` and the options.
fn assemble(
    options: &RuleOptions,
    config_path: Option<PathBuf>,
) -> Result<Profile, WorkspaceError> {
    let mut set = RuleSet::builtin().map_err(WorkspaceError::BuiltinRules)?;
    let mut config = Config::default();
    let mut errors = Vec::new();
    let limit = options.max_file_size;
    if let Some(path) = &config_path {
        let source = input::read_settings(path, limit)?;
        config = Config::parse(&path.display().to_string(), &source)?;
        let base = path.parent().unwrap_or(Path::new("."));
        let root = repository_root(base);
        for folder in &config.folders {
            let dir = base.join(folder);
            // A configuration comes with the files checked (a pull request's, say): its rule
            // folders stay inside their repository. Others are given with --rules.
            if let (Ok(real), Ok(root)) =
                (std::fs::canonicalize(&dir), std::fs::canonicalize(&root))
                && !real.starts_with(&root)
            {
                errors.push(format!(
                    "rasoat: {}: thư mục quy tắc `{folder}` nằm ngoài kho {}; cấu hình chỉ đọc quy tắc trong kho (thư mục khác: dùng --rules DIR)",
                    path.display(),
                    root.display()
                ));
                continue;
            }
            add_rule_dir(&mut set, &dir, limit, &mut errors);
        }
    }
    for dir in &options.rule_dirs {
        add_rule_dir(&mut set, dir, limit, &mut errors);
    }
    // Registries: the configuration's, then those of the command line (consulted first).
    let mut registries: Vec<PathBuf> = Vec::new();
    if let (Some(path), Some(file)) = (&config_path, &config.registry) {
        registries.push(path.parent().unwrap_or(Path::new(".")).join(file));
    }
    registries.extend(options.registries.iter().cloned());
    for (name, text) in read_registries(&registries, limit)? {
        set.add_registry(&name, text)?;
    }
    if !errors.is_empty() {
        if let Some(first) = errors.first_mut()
            && let Some(rest) = first.strip_prefix("rasoat: ")
        {
            *first = rest.to_string();
        }
        return Err(WorkspaceError::RuleFolders(errors));
    }
    config.disable.extend(options.disable.iter().cloned());
    config.enable.extend(options.enable.iter().cloned());
    config
        .extend_enable
        .extend(options.extend_enable.iter().cloned());
    let unknown = config.unknown_names(&set);
    if !unknown.is_empty() {
        let given_in = config_path.as_ref().map_or_else(String::new, |p| {
            format!(" (dòng lệnh hoặc {})", p.display())
        });
        let names: Vec<String> = unknown
            .iter()
            .map(|(name, closest)| match closest {
                Some(c) => format!("`{name}` (có phải `{c}`?)"),
                None => format!("`{name}`"),
            })
            .collect();
        return Err(WorkspaceError::UnknownNames {
            names: names.join(", "),
            given_in,
        });
    }
    set.retain(|r| config.is_enabled(r));
    Ok(Profile {
        set: Arc::new(set),
        config: Arc::new(config),
        config_path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(config: ConfigChoice) -> RuleOptions {
        RuleOptions {
            config,
            max_file_size: 1 << 20,
            ..RuleOptions::default()
        }
    }

    #[test]
    fn files_of_one_configuration_share_one_profile() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(
            a.join(".rasoat.toml"),
            "[rules]\ndisable = [\"typography\"]\n",
        )
        .unwrap();
        let mut ws = Workspace::new(options(ConfigChoice::Nearest));
        let in_a = ws.profile_index(&a.join("x.txt")).unwrap();
        let in_a_again = ws.profile_index(&a.join("y.txt")).unwrap();
        let in_b = ws.profile_index(&b.join("z.txt")).unwrap();
        assert_eq!(in_a, in_a_again);
        assert_ne!(in_a, in_b, "b has no configuration of its own");
        assert!(
            ws.profile(in_a)
                .set
                .rules()
                .iter()
                .all(|r| r.spec.pack != "typography")
        );
        assert!(
            ws.profile(in_b)
                .set
                .rules()
                .iter()
                .any(|r| r.spec.pack == "typography")
        );
        // --no-config: one profile for all, the configuration ignored.
        let mut ws = Workspace::new(options(ConfigChoice::None));
        let i = ws.profile_index(&a.join("x.txt")).unwrap();
        assert_eq!(i, ws.profile_index(&b.join("z.txt")).unwrap());
        assert!(ws.profile(i).config_path.is_none());
    }

    #[test]
    fn an_unknown_rule_name_is_an_error_with_a_suggestion() {
        let mut o = options(ConfigChoice::None);
        o.enable.push("ND30-LUU-DOTT".to_string());
        let e = Workspace::new(o)
            .profile_index(Path::new("x.txt"))
            .unwrap_err();
        let message = e.to_string();
        assert!(message.contains("`ND30-LUU-DOTT`"), "{message}");
        assert!(message.contains("có phải"), "{message}");
    }
}
