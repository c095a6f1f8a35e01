//! The registry (a `LegalIndex`): what a reviewer knows about real documents, their number,
//! type, date, issuer and title, and the laws' names, with how many sources agree on each fact.
//!
//! It is data, one fact a line (see [`format`]), built from documents by [`Builder`]: each
//! document's own header and metadata, and the citations of it in the others, voted on. The
//! built-in registry (`rules/registry/documents.tsv`, built from a collection of published
//! documents by `scripts/build-registry.sh`) is embedded in the binary and read in place: looking a
//! number up is a binary search over its sorted lines, and nothing is parsed until a rule asks.

pub mod builder;
pub mod cite;
pub mod codes;
pub mod format;
pub mod laws;

use std::borrow::Cow;
use std::sync::OnceLock;

pub use builder::Builder;
pub use format::{Entry, NameEntry, RegistryError};

/// The registry embedded in the binary.
static BUILTIN: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/rules/registry/documents.tsv"
));

/// One registry file, read in place: its lines sorted by key once, on the first lookup.
#[derive(Debug)]
struct Source {
    name: String,
    text: Cow<'static, str>,
    /// Byte offsets of the fact lines, sorted by key.
    index: OnceLock<Vec<u32>>,
}

impl Source {
    fn lines(&self) -> &[u32] {
        self.index.get_or_init(|| format::index(&self.text))
    }

    /// The lines whose key is `key`.
    fn find<'s, 'k>(&'s self, key: &'k str) -> impl Iterator<Item = &'s str> + use<'s, 'k> {
        let text: &str = &self.text;
        let lines = self.lines();
        let key_of = |at: u32| format::key_of(&text[at as usize..]);
        let first = lines.partition_point(|&at| key_of(at) < key);
        lines[first..]
            .iter()
            .map(move |&at| format::line_at(text, at))
            .take_while(move |l| format::key_of(l) == key)
    }
}

/// Documents and law names known: the user's registries (`--registry`, `.rasoat.toml`) first,
/// then the built-in one.
#[derive(Debug)]
pub struct Registry {
    sources: Vec<Source>,
    names: OnceLock<Vec<format::KnownName>>,
}

impl Default for Registry {
    fn default() -> Self {
        Registry::builtin()
    }
}

static SHARED: std::sync::LazyLock<Registry> = std::sync::LazyLock::new(Registry::builtin);

impl Registry {
    /// The built-in registry, shared by every rule set that adds none of its own.
    pub fn shared_builtin() -> &'static Registry {
        &SHARED
    }

    /// The built-in registry alone.
    pub fn builtin() -> Registry {
        Registry {
            sources: vec![Source {
                name: "rules/registry/documents.tsv".to_string(),
                text: Cow::Borrowed(BUILTIN),
                index: OnceLock::new(),
            }],
            names: OnceLock::new(),
        }
    }

    /// A registry without any fact (for tests, and for `registry build` to start from).
    pub fn empty() -> Registry {
        Registry {
            sources: Vec::new(),
            names: OnceLock::new(),
        }
    }

    /// Adds a registry file of one's own, consulted before the ones already there. `name` is
    /// the file's name for messages.
    pub fn add(&mut self, name: &str, text: String) -> Result<(), RegistryError> {
        format::validate(name, &text)?;
        self.sources.insert(
            0,
            Source {
                name: name.to_string(),
                text: Cow::Owned(text),
                index: OnceLock::new(),
            },
        );
        self.names = OnceLock::new();
        Ok(())
    }

    /// The files of the registry, the user's first.
    pub fn source_names(&self) -> impl Iterator<Item = &str> {
        self.sources.iter().map(|s| s.name.as_str())
    }

    /// What is known of the document of `key` (see [`cite::document_key`]): the first source
    /// that knows it.
    pub fn document(&self, key: &str) -> Option<Entry<'_>> {
        self.sources.iter().find_map(|s| {
            s.find(key)
                .find_map(|l| format::parse_document(l).ok().flatten())
        })
    }

    /// Every document whose number is `number` (any issuer), from every source.
    pub fn documents_numbered(&self, number: &str) -> Vec<Entry<'_>> {
        let key = cite::number_key(number);
        let mut out = Vec::new();
        for s in &self.sources {
            let text: &str = &s.text;
            let lines = s.lines();
            let first =
                lines.partition_point(|&at| format::key_of(&text[at as usize..]) < &key[..]);
            for &at in &lines[first..] {
                let line = format::line_at(text, at);
                let k = format::key_of(line);
                if k != key && !k.strip_prefix(&key[..]).is_some_and(|r| r.starts_with('@')) {
                    break;
                }
                if let Ok(Some(e)) = format::parse_document(line) {
                    out.push(e);
                }
            }
        }
        out
    }

    /// The versions of a law known by `name` (`Luật Đất đai` of 2013 and of 2024), any source.
    pub fn law_versions(&self, name: &str) -> Vec<NameEntry<'_>> {
        let key = format::name_key(name);
        let mut out: Vec<NameEntry> = Vec::new();
        for s in &self.sources {
            for l in s.find(&key) {
                if let Ok(Some(n)) = format::parse_name(l)
                    && !out.iter().any(|o| o.date == n.date)
                {
                    out.push(n);
                }
            }
        }
        out
    }

    /// Every law name known, as words (built on first use, for the near-miss search).
    pub fn known_names(&self) -> &[format::KnownName] {
        self.names.get_or_init(|| {
            let mut names: Vec<format::KnownName> = Vec::new();
            for s in &self.sources {
                for &at in s.lines() {
                    if let Ok(Some(n)) = format::parse_name(format::line_at(&s.text, at)) {
                        names.push(format::KnownName::new(n.name, n.votes));
                    }
                }
            }
            names.sort_by(|a, b| a.key.cmp(&b.key).then(b.votes.cmp(&a.votes)));
            names.dedup_by(|a, b| a.key == b.key);
            names
        })
    }
}
