//! Read-only views of a parsed event: simd-json's value tree, or its tape.
//!
//! The policy reads an event through [`View`], so it judges a tree (`policy explain`, events
//! inside a JSON-array record) and a tape alike. The pipeline's fast path judges and redacts
//! a single-event record on the tape simd-json fills, without building the tree (which cost
//! about a tenth of a `scan` event: the tree's allocations, its building and its drop).

use simd_json::{BorrowedValue, Node};

/// A JSON value seen read-only. `'a` is how long the strings it hands out live.
pub trait View<'a>: Copy {
    /// The member `key` of an object (the first of that name); `None` for a non-object.
    fn get(self, key: &str) -> Option<Self>;
    /// The string, if it is one.
    fn as_str(self) -> Option<&'a str>;
    /// An object or an array.
    fn is_container(self) -> bool;
    /// An object.
    fn is_object(self) -> bool;
    /// An object's members in order (none for any other value).
    fn members(self) -> impl Iterator<Item = (&'a str, Self)>;
    /// An array's elements in order (none for any other value).
    fn elements(self) -> impl Iterator<Item = Self>;
}

impl<'a, 'v> View<'a> for &'a BorrowedValue<'v> {
    #[inline]
    fn get(self, key: &str) -> Option<Self> {
        match self {
            BorrowedValue::Object(o) => o.get(key),
            _ => None,
        }
    }
    #[inline]
    fn as_str(self) -> Option<&'a str> {
        match self {
            BorrowedValue::String(s) => Some(s),
            _ => None,
        }
    }
    #[inline]
    fn is_container(self) -> bool {
        matches!(self, BorrowedValue::Object(_) | BorrowedValue::Array(_))
    }
    #[inline]
    fn is_object(self) -> bool {
        matches!(self, BorrowedValue::Object(_))
    }
    fn members(self) -> impl Iterator<Item = (&'a str, Self)> {
        let o = match self {
            BorrowedValue::Object(o) => Some(&**o),
            _ => None,
        };
        o.into_iter().flat_map(|o| o.iter().map(|(k, v)| (&**k, v)))
    }
    fn elements(self) -> impl Iterator<Item = Self> {
        // (the slice's iterator: value-trait's `Array::iter` boxes one per call)
        let a: &[BorrowedValue<'v>] = match self {
            BorrowedValue::Array(a) => a.as_slice(),
            _ => &[],
        };
        a.iter()
    }
}

/// One value of a simd-json tape: its head node and the nodes of what it holds.
#[derive(Clone, Copy, Debug)]
pub struct TapeView<'t, 'i>(&'t [Node<'i>]);

impl<'t, 'i> TapeView<'t, 'i> {
    /// The value a whole tape holds (`None` for an empty tape).
    pub fn root(nodes: &'t [Node<'i>]) -> Option<TapeView<'t, 'i>> {
        let n = span(nodes.first()?);
        Some(TapeView(nodes.get(..n)?))
    }

    /// The head node.
    #[inline]
    pub fn head(self) -> Node<'i> {
        self.0[0]
    }

    /// A string, with the lifetime of the parsed input (its address is the record's).
    #[inline]
    pub fn input_str(self) -> Option<&'i str> {
        match self.0[0] {
            Node::String(s) => Some(s),
            _ => None,
        }
    }

    /// Members with the keys' input lifetime.
    pub fn input_members(self) -> Members<'t, 'i> {
        match self.0[0] {
            Node::Object { len, .. } => Members {
                rest: &self.0[1..],
                left: len,
            },
            _ => Members { rest: &[], left: 0 },
        }
    }

    /// An array's elements.
    pub fn input_elements(self) -> Elements<'t, 'i> {
        match self.0[0] {
            Node::Array { len, .. } => Elements {
                rest: &self.0[1..],
                left: len,
            },
            _ => Elements { rest: &[], left: 0 },
        }
    }
}

/// How many nodes a value takes, its head included.
#[inline]
fn span(n: &Node<'_>) -> usize {
    match n {
        Node::Object { count, .. } | Node::Array { count, .. } => count + 1,
        _ => 1,
    }
}

/// A tape object's members.
pub struct Members<'t, 'i> {
    rest: &'t [Node<'i>],
    left: usize,
}

impl<'t, 'i> Iterator for Members<'t, 'i> {
    type Item = (&'i str, TapeView<'t, 'i>);
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let Some((Node::String(k), after)) = self.rest.split_first() else {
            // (a tape simd-json filled always has a key here)
            self.left = 0;
            return None;
        };
        let n = span(after.first()?);
        let (v, rest) = after.split_at_checked(n)?;
        self.rest = rest;
        Some((k, TapeView(v)))
    }
}

/// A tape array's elements.
pub struct Elements<'t, 'i> {
    rest: &'t [Node<'i>],
    left: usize,
}

impl<'t, 'i> Iterator for Elements<'t, 'i> {
    type Item = TapeView<'t, 'i>;
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let n = span(self.rest.first()?);
        let (v, rest) = self.rest.split_at_checked(n)?;
        self.rest = rest;
        Some(TapeView(v))
    }
}

impl<'t, 'i: 't> View<'t> for TapeView<'t, 'i> {
    #[inline]
    fn get(self, key: &str) -> Option<Self> {
        self.input_members()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
    }
    #[inline]
    fn as_str(self) -> Option<&'t str> {
        self.input_str()
    }
    #[inline]
    fn is_container(self) -> bool {
        matches!(self.0[0], Node::Object { .. } | Node::Array { .. })
    }
    #[inline]
    fn is_object(self) -> bool {
        matches!(self.0[0], Node::Object { .. })
    }
    fn members(self) -> impl Iterator<Item = (&'t str, Self)> {
        self.input_members().map(|(k, v)| (k as &'t str, v))
    }
    fn elements(self) -> impl Iterator<Item = Self> {
        self.input_elements()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every path, string and shape reads the same on the tree and on the tape.
    fn same<'a, 'b>(t: &'a BorrowedValue<'_>, p: TapeView<'b, '_>, depth: usize) {
        assert!(depth < 64);
        assert_eq!(t.as_str(), p.as_str());
        assert_eq!(t.is_object(), p.is_object());
        assert_eq!(View::is_container(t), p.is_container());
        let (tm, pm): (Vec<_>, Vec<_>) = (t.members().collect(), p.members().collect());
        assert_eq!(tm.len(), pm.len());
        for ((tk, tv), (pk, pv)) in tm.iter().zip(&pm) {
            assert_eq!(tk, pk);
            same(tv, *pv, depth + 1);
            let (g, h) = (t.get(tk), p.get(pk));
            assert_eq!(g.is_some(), h.is_some());
        }
        let (te, pe): (Vec<_>, Vec<_>) = (t.elements().collect(), p.elements().collect());
        assert_eq!(te.len(), pe.len());
        for (a, b) in te.iter().zip(pe) {
            same(a, b, depth + 1);
        }
        assert!(t.get("absent").is_none() && p.get("absent").is_none());
    }

    #[test]
    fn a_tape_reads_as_the_tree_does() {
        let records = [
            r#"{"a":1}"#,
            r#"{"type":"x","data":{"to":"+12025550100","n":[1,2.5,null,true,{"k":[]}],"e":{}},"z":"\u00e9"}"#,
            r#"[{"a":[[["deep"]]]},"s",3,{"b":{"c":{"d":"e"}}}]"#,
            r#""just a string""#,
            r#"{"dup":"1","dup":"2","x":{"y":["p",{"q":"r"}]}}"#,
        ];
        for r in records {
            let mut a = r.as_bytes().to_vec();
            let mut b = r.as_bytes().to_vec();
            let tree = simd_json::to_borrowed_value(&mut a).expect("valid");
            let tape = simd_json::to_tape(&mut b).expect("valid");
            let root = TapeView::root(&tape.0).expect("a value");
            same(&tree, root, 0);
            // the first of duplicate keys, on both
            assert_eq!(
                tree.get("dup").and_then(View::as_str),
                root.get("dup").and_then(View::as_str)
            );
        }
    }
}
