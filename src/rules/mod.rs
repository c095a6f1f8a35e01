//! Rules as data: the rule file format, the kinds of checks, the engine, suppressions, and checks
//! across two rounds.

pub mod context;
pub mod engine;
pub mod finding;
pub mod kinds;
pub mod rounds;
pub mod search;
pub mod spec;
pub mod suppress;

pub use engine::{Rule, RuleSet, run_examples};
pub use finding::{Finding, FindingKey, Round};
pub use spec::{RuleError, Severity};
