//! The review screen: two rounds side by side, aligned by section, with the outline and the
//! findings. Elm-style: `model` (state), `keys` (bindings as data), `update` (messages to state
//! and effects, pure), `view` (drawing, no side effects), `theme` (all styles), `layout` (rows of
//! the comparison, pure and cached), `search` (matches in the rows, pure), `runtime` (the terminal), `store` (the review
//! file on disk).

pub mod keys;
pub mod layout;
pub mod model;
pub mod runtime;
pub mod search;
pub mod store;
pub mod theme;
pub mod update;
pub mod view;

pub use model::App;
