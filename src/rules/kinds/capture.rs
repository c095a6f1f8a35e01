//! `capture`: a value captured in one place must equal (or be contained in) values found
//! elsewhere: the law a plan implements (title) against every "triển khai thi hành Luật …" in
//! the body; the drafting unit of the symbol against the Lưu line; the type line against the
//! symbol's type code.
//!
//! ```toml
//! [params]
//! source = { scope = "title", pattern = 'thi hành (Luật .+)' }   # or { field = "symbol.unit" }
//! source_fallback = "file"      # optional: take the value from another document of the file
//! target = { scope = "body", pattern = 'thi hành (Luật …)' }     # or { field = "archive" }
//! compare = "equal"             # equal | contains (the target list must contain the source)
//! map = { "KẾ HOẠCH" = "KH" }   # optional: translate the source value first
//! ```
//!
//! Values are compared folded (no tone marks, lower case, single spaces). Fields: `title`,
//! `type_name`, `issuing_body`, `symbol.number`, `symbol.type_code`, `symbol.agency`,
//! `symbol.unit`, `archive`.

use crate::outline::model::{Document, Paragraph};
use crate::rules::context::{DocContext, Scope, ScopedText};
use crate::rules::search::{ScopeTexts, Searcher};
use crate::rules::spec::RuleError;
use crate::text::fold;

use super::{Check, Hit, Params};

#[derive(Debug)]
enum Place {
    Pattern { scope: Scope, regex: Searcher },
    Field(String),
}

#[derive(Debug)]
pub struct Capture {
    source: Place,
    target: Place,
    contains: bool,
    fallback_file: bool,
    map: Vec<(String, String)>,
    /// Target values that are right whatever the source (`VBHN`: a consolidated text keeps the
    /// type line of the act it consolidates).
    accept: Vec<String>,
}

const FIELDS: &[&str] = &[
    "title",
    "type_name",
    "issuing_body",
    "symbol.number",
    "symbol.type_code",
    "symbol.agency",
    "symbol.unit",
    "archive",
];

fn place(p: &Params, key: &str) -> Result<Place, RuleError> {
    let t = p.table.get(key).and_then(|v| v.as_table()).ok_or_else(|| {
        p.error(
            key,
            format!("`{key}` must be {{ scope, pattern }} or {{ field }}"),
        )
    })?;
    if let Some(field) = t.get("field").and_then(|v| v.as_str()) {
        if !FIELDS.contains(&field) {
            return Err(p.error(
                key,
                format!("unknown field `{field}`; known: {}", FIELDS.join(", ")),
            ));
        }
        return Ok(Place::Field(field.to_string()));
    }
    let scope = t.get("scope").and_then(|v| v.as_str()).ok_or_else(|| {
        p.error(
            key,
            format!("`{key}` needs `scope` and `pattern`, or `field`"),
        )
    })?;
    let scope =
        Scope::parse(scope).ok_or_else(|| p.error(key, format!("unknown scope `{scope}`")))?;
    let pattern = t
        .get("pattern")
        .and_then(|v| v.as_str())
        .ok_or_else(|| p.error(key, format!("`{key}` needs `pattern`")))?;
    Ok(Place::Pattern {
        scope,
        regex: p.searcher(key, pattern)?,
    })
}

impl Capture {
    pub fn compile(p: &Params) -> Result<Self, RuleError> {
        let compare = p.opt_str("compare")?.unwrap_or("equal");
        let contains = match compare {
            "equal" => false,
            "contains" => true,
            other => {
                return Err(p.error(
                    "compare",
                    format!("`compare` must be equal or contains, not `{other}`"),
                ));
            }
        };
        let fallback_file = match p.opt_str("source_fallback")? {
            None => false,
            Some("file") => true,
            Some(other) => {
                return Err(p.error(
                    "source_fallback",
                    format!("`source_fallback` may only be \"file\", not `{other}`"),
                ));
            }
        };
        let map = match p.table.get("map") {
            None => Vec::new(),
            Some(toml::Value::Table(t)) => t
                .iter()
                .map(|(k, v)| {
                    v.as_str()
                        .map(|v| (fold(k), v.to_string()))
                        .ok_or_else(|| p.error("map", "`map` values must be strings"))
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(p.error("map", "`map` must be a table")),
        };
        let accept = match p.table.get("accept") {
            None => Vec::new(),
            Some(toml::Value::Array(a)) => a
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(fold)
                        .ok_or_else(|| p.error("accept", "`accept` must list strings"))
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(p.error("accept", "`accept` must be a list of strings")),
        };
        Ok(Capture {
            source: place(p, "source")?,
            target: place(p, "target")?,
            contains,
            fallback_file,
            map,
            accept,
        })
    }

    fn source_value(&self, ctx: &DocContext, doc: &Document) -> Option<String> {
        let value = match &self.source {
            Place::Field(f) => field(doc, f).0.into_iter().next(),
            Place::Pattern { scope, regex } => {
                let scope = std::slice::from_ref(scope);
                if std::ptr::eq(doc, ctx.doc) {
                    first_value(regex, &ctx.scope_texts(scope))
                } else {
                    first_value(regex, &DocContext::new(ctx.file, doc).scope_texts(scope))
                }
            }
        }?;
        if self.map.is_empty() {
            return Some(value);
        }
        let key = fold(&value);
        self.map
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
    }
}

/// The value `regex` captures (group 1, or the whole match) in the first text that has one.
fn first_value(regex: &Searcher, texts: &ScopeTexts) -> Option<String> {
    regex.texts(texts).find_map(|t| {
        let c = regex.regex().captures(t.text.as_str())?;
        Some(c.get(1).or_else(|| c.get(0))?.as_str().trim().to_string())
    })
}

/// Values of a field and the paragraph they are written in.
fn field<'a>(doc: &'a Document, name: &str) -> (Vec<String>, Option<&'a Paragraph>) {
    let h = &doc.header;
    let sym = h.symbol.as_ref();
    let one = |v: Option<&String>, p: Option<&'a Paragraph>| (v.cloned().into_iter().collect(), p);
    match name {
        "title" => (
            h.title.iter().map(|p| p.as_str().to_string()).collect(),
            h.title.as_ref(),
        ),
        "type_name" => (doc.type_name().into_iter().collect(), h.type_name.as_ref()),
        "issuing_body" => (
            h.issuing_body
                .iter()
                .map(|p| p.as_str().to_string())
                .collect(),
            h.issuing_body.as_ref(),
        ),
        "symbol.number" => one(sym.and_then(|s| s.number.as_ref()), sym.map(|s| &s.line)),
        "symbol.type_code" => one(sym.and_then(|s| s.type_code.as_ref()), sym.map(|s| &s.line)),
        "symbol.agency" => one(sym.and_then(|s| s.agency.as_ref()), sym.map(|s| &s.line)),
        // Only a công văn's symbol ends with the drafting unit (`3593/VP-VX`); the third part of a
        // typed document's symbol is something else.
        "symbol.unit" if h.title_is_subject => {
            one(sym.and_then(|s| s.unit.as_ref()), sym.map(|s| &s.line))
        }
        "symbol.unit" => (Vec::new(), None),
        "archive" => match &doc.distribution {
            Some(d) if d.archive.is_some() => (d.archive_units.clone(), d.archive.as_ref()),
            _ => (Vec::new(), None),
        },
        _ => (Vec::new(), None),
    }
}

fn same(a: &str, b: &str) -> bool {
    let norm = |s: &str| fold(s).split_whitespace().collect::<Vec<_>>().join(" ");
    norm(a) == norm(b)
}

impl Check for Capture {
    fn searchers(&self) -> Vec<(&[Scope], &Searcher)> {
        [&self.source, &self.target]
            .into_iter()
            .filter_map(|place| match place {
                Place::Pattern { scope, regex } => Some((std::slice::from_ref(scope), regex)),
                Place::Field(_) => None,
            })
            .collect()
    }

    fn check(&self, ctx: &DocContext, out: &mut Vec<Hit>) {
        let mut source = self.source_value(ctx, ctx.doc);
        if source.is_none() && self.fallback_file {
            // The first document of the file that has a value: this one has none, so it is the
            // same for every document of the file, looked for once.
            let key = std::ptr::from_ref(self) as usize;
            source = ctx.facts.value(key, || {
                ctx.file
                    .documents
                    .iter()
                    .filter(|d| !d.is_template())
                    .find_map(|d| self.source_value(ctx, d))
            });
        }
        let Some(source) = source else {
            return;
        };
        match &self.target {
            Place::Field(f) => {
                let (values, para) = field(ctx.doc, f);
                let Some(para) = para else {
                    return;
                };
                if values.iter().any(|v| self.accept.contains(&fold(v))) {
                    return;
                }
                let ok = if self.contains {
                    values.iter().any(|v| same(v, &source))
                } else {
                    values.iter().all(|v| same(v, &source))
                };
                if !ok {
                    let t = ScopedText::of(para, ctx.origin_at(para.line()));
                    if let Some(hit) = Hit::whole(&t) {
                        out.push(
                            hit.var("expected", source.clone())
                                .var("values", values.join(", ")),
                        );
                    }
                }
            }
            Place::Pattern { scope, regex } => {
                let texts = ctx.scope_texts(std::slice::from_ref(scope));
                for t in regex.texts(&texts) {
                    for c in regex.regex().captures_iter(t.text.as_str()) {
                        let m = c
                            .get(1)
                            .or_else(|| c.get(0))
                            .expect("group 0 always matches");
                        if same(m.as_str().trim(), &source) {
                            continue;
                        }
                        let trimmed_end = m.start() + m.as_str().trim_end().len();
                        if let Some(hit) = Hit::at(t, m.start(), trimmed_end) {
                            out.push(hit.var("expected", source.clone()).suggest(source.clone()));
                        }
                    }
                }
            }
        }
    }
}
