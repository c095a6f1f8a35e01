//! Small helpers over quick-xml shared by the .docx part readers.

use quick_xml::events::{BytesRef, BytesStart};
use quick_xml::name::{Namespace, ResolveResult};

/// WordprocessingML, transitional (what Word, LibreOffice and python-docx write) and strict.
const W_NAMESPACES: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// Markup compatibility (`mc:AlternateContent`).
const MC_NAMESPACE: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Is this resolved element name in the WordprocessingML namespace?
pub fn is_w(ns: &ResolveResult) -> bool {
    matches!(ns, ResolveResult::Bound(Namespace(n)) if W_NAMESPACES.contains(n))
}

/// Is this resolved element name in the markup-compatibility namespace?
pub fn is_mc(ns: &ResolveResult) -> bool {
    matches!(ns, ResolveResult::Bound(Namespace(n)) if *n == MC_NAMESPACE)
}

/// The value of the attribute whose local name is `name` (`w:val` → `val`), unescaped. Malformed
/// attributes are treated as absent: one bad attribute must not cost the whole document.
pub fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// A numeric attribute (`w:val="3"`).
pub fn attr_u32(e: &BytesStart<'_>, name: &str) -> Option<u32> {
    attr(e, name).and_then(|v| v.trim().parse().ok())
}

/// The text an entity or character reference stands for. Only the five predefined entities and
/// character references are resolved: a document type's own entities are never expanded (no
/// external or recursive entities from untrusted files).
pub fn resolve_ref(r: &BytesRef<'_>) -> Option<String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c.to_string());
    }
    let name = r.xml10_content();
    quick_xml::escape::resolve_predefined_entity(&name).map(str::to_string)
}
