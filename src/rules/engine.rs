//! Loading, compiling and running rules.

use std::collections::HashSet;
use std::rc::Rc;
use std::sync::OnceLock;

use crate::outline::{self, Document, ParsedFile};

use super::context::{DocContext, FileFacts, Scope};
use super::finding::{Finding, Fix};
use super::kinds::{self, Check, Hit};
use super::search::{SearchSet, Searcher};
use super::spec::{AppliesTo, RuleError, RuleSpec, line_of_key, parse_rule};
use super::suppress;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    pub spec: RuleSpec,
    /// Where the rule was loaded from (`rules/spelling/SPELL-NOI-NHAN.toml`).
    pub path: String,
    pub scopes: Vec<Scope>,
    check: Option<Box<dyn Check>>,
    /// One of the packs embedded in the binary (which a user rule with its id replaces).
    builtin: bool,
}

impl Rule {
    /// Compiles a rule file.
    pub fn from_source(path: &str, source: &str) -> Result<Rule, RuleError> {
        let spec = parse_rule(path, source)?;
        let scopes = Scope::parse_list(&spec.scope, path, line_of_key(source, "scope"))?;
        // `meta` rules are reported by the engine itself (suppressions, two-round checks).
        let check = if spec.kind == "meta" {
            None
        } else {
            Some(kinds::compile(&spec, &scopes, path, source)?)
        };
        Ok(Rule {
            spec,
            path: path.to_string(),
            scopes,
            check,
            builtin: false,
        })
    }

    pub fn id(&self) -> &str {
        &self.spec.id
    }
}

/// The regexes of the rules whose scopes are searched as one scope list (see
/// [`Scope::search_base`]), as (rule, searcher of its check) indices.
#[derive(Debug)]
struct SearchGroup {
    scopes: Vec<Scope>,
    members: Vec<(usize, usize)>,
    set: OnceLock<Option<SearchSet>>,
}

/// The rules in force.
#[derive(Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
    /// The regexes of the rules grouped by the scope list they search, built on the first check
    /// (and again after the rules change).
    search_groups: OnceLock<Vec<SearchGroup>>,
    /// The documents the registry rules know: the built-in registry, unless others are added.
    registry: Option<crate::registry::Registry>,
}

impl Rule {
    /// Whether the rule is one of the packs embedded in the binary (not a rule of one's own).
    pub fn is_builtin(&self) -> bool {
        self.builtin
    }
}

impl RuleSet {
    /// The built-in packs embedded in the binary.
    pub fn builtin() -> Result<RuleSet, Vec<RuleError>> {
        let mut set = RuleSet::default();
        let errors: Vec<RuleError> = BUILTIN_RULES
            .iter()
            .filter_map(|(path, source)| set.add(path, source).err())
            .collect();
        for rule in &mut set.rules {
            rule.builtin = true;
        }
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
    }

    /// The registry the rules look documents up in.
    pub fn registry(&self) -> &crate::registry::Registry {
        self.registry
            .as_ref()
            .unwrap_or_else(|| crate::registry::Registry::shared_builtin())
    }

    /// Adds a registry file of one's own (`--registry`, `registry = …` in `.rasoat.toml`),
    /// consulted before the built-in one.
    pub fn add_registry(
        &mut self,
        name: &str,
        text: String,
    ) -> Result<(), crate::registry::RegistryError> {
        self.registry
            .get_or_insert_with(crate::registry::Registry::builtin)
            .add(name, text)
    }

    /// The rules, sorted by id.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Adds a rule, replacing a built-in rule with the same id; a second rule of the user's with
    /// an id already taken is an error.
    pub fn add(&mut self, path: &str, source: &str) -> Result<(), RuleError> {
        self.search_groups = OnceLock::new();
        let rule = Rule::from_source(path, source)?;
        match self.rules.iter().position(|r| r.id() == rule.id()) {
            // A user's rule replaces the built-in one with its id (documented).
            // (And a file read twice, from a folder given twice, replaces itself.)
            Some(i) if self.rules[i].builtin || self.rules[i].path == path => self.rules[i] = rule,
            // Two rules of their own with one id: which one runs would depend on file order.
            Some(i) => {
                return Err(RuleError {
                    path: path.to_string(),
                    line: line_of_key(source, "id"),
                    message: format!(
                        "mã quy tắc `{}` đã có ở {}; hai quy tắc không được trùng mã (chỉ quy tắc có sẵn mới được thay bằng quy tắc cùng mã)",
                        rule.id(),
                        self.rules[i].path
                    ),
                });
            }
            None => self.rules.push(rule),
        }
        self.rules.sort_by(|a, b| a.id().cmp(b.id()));
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id() == id)
    }

    /// Keeps only the rules for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Rule) -> bool) {
        self.search_groups = OnceLock::new();
        self.rules.retain(keep);
    }

    /// The rules' regexes grouped by the scopes they search.
    fn search_groups(&self) -> &[SearchGroup] {
        self.search_groups.get_or_init(|| {
            let mut groups: Vec<SearchGroup> = Vec::new();
            for (r, check) in self.rules.iter().enumerate() {
                let Some(check) = &check.check else { continue };
                for (k, (scopes, _)) in check.searchers().into_iter().enumerate() {
                    let base = Scope::search_base(scopes);
                    match groups.iter_mut().find(|g| g.scopes == base) {
                        Some(g) => g.members.push((r, k)),
                        None => groups.push(SearchGroup {
                            scopes: base,
                            members: vec![(r, k)],
                            set: OnceLock::new(),
                        }),
                    }
                }
            }
            groups
        })
    }

    /// The automaton of a group, built when a large scope is first searched.
    fn search_set<'s>(&'s self, group: &'s SearchGroup) -> Option<&'s SearchSet> {
        group
            .set
            .get_or_init(|| {
                let members: Vec<&Searcher> = group
                    .members
                    .iter()
                    .filter_map(|&(r, k)| {
                        let check = self.rules[r].check.as_ref()?;
                        Some(check.searchers().get(k)?.1)
                    })
                    .collect();
                SearchSet::new(&members)
            })
            .as_ref()
    }

    /// Runs every rule on one document. Form templates (see [`Document::is_template`]) are not
    /// checked: their blanks and placeholders are intended.
    pub fn check_document(&self, file: &ParsedFile, doc: &Document) -> Vec<Finding> {
        self.check_document_with(file, doc, &Rc::default())
    }

    /// [`check_document`](Self::check_document) with the file-wide facts its file's other
    /// documents share.
    fn check_document_with(
        &self,
        file: &ParsedFile,
        doc: &Document,
        facts: &Rc<FileFacts>,
    ) -> Vec<Finding> {
        if doc.is_template() {
            return Vec::new();
        }
        let ctx =
            DocContext::with_facts(file, doc, Rc::clone(facts)).with_registry(self.registry());
        for group in self.search_groups() {
            // Building a group's automaton costs more than searching a page text by text: it
            // is built for the first large scope, then used for every scope of the group.
            let texts = ctx.scope_texts(&group.scopes);
            let set = match group.set.get() {
                Some(set) => set.as_ref(),
                None if texts.is_large() => self.search_set(group),
                None => None,
            };
            if let Some(set) = set {
                set.run(&texts);
            }
        }
        let mut findings = Vec::new();
        // An article or notes have no thể thức: only the rules meant for any text run on them.
        let administrative = doc.is_administrative();
        let party = administrative && doc.is_party();
        let assembly = administrative && doc.is_assembly();
        for rule in &self.rules {
            let Some(check) = &rule.check else { continue };
            let applies = match rule.spec.applies_to {
                AppliesTo::Any => true,
                AppliesTo::Administrative => administrative,
                AppliesTo::State => administrative && !party,
                AppliesTo::Executive => administrative && !party && !assembly,
            };
            if !applies {
                continue;
            }
            let mut hits = Vec::new();
            check.check(&ctx, &mut hits);
            findings.extend(hits.into_iter().map(|h| finding(rule, doc.index, h)));
        }
        findings
    }

    /// Runs every rule on every document of a file, applies inline suppressions and sorts.
    pub fn check_file(&self, file: &ParsedFile) -> Vec<Finding> {
        let facts = Rc::default();
        let mut findings: Vec<Finding> = file
            .documents
            .iter()
            .flat_map(|d| self.check_document_with(file, d, &facts))
            .collect();
        findings = suppress::apply(file, findings, self);
        sort(&mut findings);
        findings
    }

    /// Parses and checks a text (used by rule examples and tests).
    pub fn check_text(&self, text: &str) -> Vec<Finding> {
        self.check_file(&outline::parse(text))
    }
}

/// Deterministic order: line, column, rule.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.line, a.column, &a.rule, a.end_line, a.end_column).cmp(&(
            b.line,
            b.column,
            &b.rule,
            b.end_line,
            b.end_column,
        ))
    });
}

/// Fills `{name}` placeholders of a message.
pub fn render(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (name, value) in vars {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

fn finding(rule: &Rule, document: usize, hit: Hit) -> Finding {
    let mut vars = hit.vars.clone();
    if !vars.iter().any(|(n, _)| *n == "found") {
        vars.push(("found", hit.excerpt.clone()));
    }
    if let Some(s) = &hit.suggestion {
        vars.push(("suggestion", s.clone()));
    }
    let fix = match (&hit.suggestion, rule.spec.fix) {
        (Some(s), true) => Some(Fix {
            replacement: s.clone(),
        }),
        _ => None,
    };
    Finding {
        rule: rule.spec.id.clone(),
        severity: rule.spec.severity,
        document,
        line: hit.span.line,
        column: hit.span.column,
        end_line: hit.span.end_line,
        end_column: hit.span.end_column,
        place: hit.place,
        message: render(&rule.spec.message, &vars),
        excerpt: hit.excerpt,
        suggestion: hit.suggestion,
        fix,
        round: None,
    }
}

fn is_administrative_text(text: &str) -> bool {
    outline::parse(text)
        .documents
        .iter()
        .any(Document::is_administrative)
}

/// A failed example of a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub rule: String,
    pub path: String,
    pub message: String,
}

/// Runs a rule's examples against the full rule set (so that examples also prove that the rule
/// works with the parser): each `bad` text must produce a finding of this rule, each `good` text
/// none.
pub fn run_examples(set: &RuleSet, rule: &Rule) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    let id = rule.id();
    let fail = |message: String| ExampleFailure {
        rule: id.to_string(),
        path: rule.path.clone(),
        message,
    };
    if rule.spec.examples.bad.is_empty() || rule.spec.examples.good.is_empty() {
        failures.push(fail(
            "a rule needs at least one bad and one good example".to_string(),
        ));
    }
    // Good examples that are not documents show that texts are left alone; at least one must
    // be a document for the good side to test the rule at all.
    if rule.spec.applies_to != AppliesTo::Any
        && !rule.spec.examples.good.is_empty()
        && !rule
            .spec
            .examples
            .good
            .iter()
            .any(|e| is_administrative_text(e.text()))
    {
        failures.push(fail(
            "no good example is an administrative document (give one a type line, a Số line or \
             Nơi nhận), or set applies_to = \"any\""
                .to_string(),
        ));
    }
    for (expect_found, list) in [
        (true, &rule.spec.examples.bad),
        (false, &rule.spec.examples.good),
    ] {
        for (k, example) in list.iter().enumerate() {
            // A rule for administrative documents stays silent on other texts: a bad example
            // that is not a document could never fail.
            if expect_found
                && rule.spec.applies_to != AppliesTo::Any
                && !is_administrative_text(example.text())
            {
                failures.push(fail(format!(
                    "bad example {} is not an administrative document (give it a type line, a \
                     Số line or Nơi nhận), or set applies_to = \"any\"",
                    k + 1
                )));
                continue;
            }
            let findings = match example.against() {
                Some(old) => super::rounds::check_against(set, example.text(), old),
                None => set.check_text(example.text()),
            };
            let found = findings.iter().any(|f| f.rule == id);
            if found != expect_found {
                let which = if expect_found { "bad" } else { "good" };
                let others: HashSet<&str> = findings
                    .iter()
                    .filter(|f| f.rule == id)
                    .map(|f| f.message.as_str())
                    .collect();
                failures.push(fail(format!(
                    "{which} example {} {}{}",
                    k + 1,
                    if expect_found {
                        "produced no finding of this rule"
                    } else {
                        "produced a finding"
                    },
                    if others.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", others.into_iter().collect::<Vec<_>>().join("; "))
                    }
                )));
            }
        }
    }
    failures
}
