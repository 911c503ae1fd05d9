//! Boxing pass: finds the by-value cycles between generated items (a struct holding
//! itself through `Option`, a choice enum holding a struct that holds the enum, ...) and
//! boxes every field or variant that stays inside such a cycle; and boxes the struct
//! members of choice and kinds enums and optional struct fields (but not the optional
//! header of a nested response message). `Vec` already breaks a
//! cycle, and `base` fields are never boxed (derivation is acyclic, so every cycle has
//! another edge to box).

use std::collections::BTreeMap;

use crate::ir::*;

type Node = (Module, String);

pub fn box_recursion(plan: &mut Plan) {
    let ids: BTreeMap<Node, usize> = plan.item_positions();
    let target = |ty: &Ty| {
        ty.item()
            .and_then(|(m, n)| ids.get(&(m, n.to_owned())).copied())
    };
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); plan.items.len()];
    for (i, it) in plan.items.iter().enumerate() {
        // `Vec` already breaks a cycle: only references held by value are edges.
        it.kind.each_ty(|ty, repeated| {
            if !repeated {
                edges[i].extend(target(ty));
            }
        });
    }
    let scc = tarjan(&edges);
    // Structs in choice enums are boxed too: a choice's size is then a pointer instead of its
    // largest member (item kinds are kilobytes), and members are read in place.
    let is_struct: Vec<bool> = plan
        .items
        .iter()
        .map(|it| matches!(it.kind, ItemKind::Struct(_)))
        .collect();
    let same = |a: usize, b: Option<usize>| b.is_some_and(|b| scc[a] == scc[b]);
    for i in 0..plan.items.len() {
        let item = &mut plan.items[i];
        match &mut item.kind {
            ItemKind::Struct(s) => {
                for f in s.fields.iter_mut().filter(|f| f.card != Card::Many) {
                    // Optional struct fields are boxed as well: most are absent in any given
                    // message, and a `None` then costs 8 bytes instead of the struct's size
                    // (an item type would otherwise be kilobytes, mostly empty).
                    // A nested response message's header is the exception: servers always
                    // send it, and it reads the same whether the schema requires it
                    // (`GetUserOofSettingsResponse`) or not (`SetUserOofSettingsResponse`).
                    let optional_struct = f.card == Card::Optional
                        && target(&f.ty).is_some_and(|t| is_struct[t])
                        && !is_message_header(&f.ty);
                    f.boxed = same(i, target(&f.ty)) || optional_struct;
                }
            }
            ItemKind::Choice(c) => {
                for v in c.variants.iter_mut().filter(|v| !v.many) {
                    v.boxed = same(i, target(&v.ty)) || target(&v.ty).is_some_and(|t| is_struct[t]);
                }
            }
            // The kinds of an abstract type are boxed as a choice's members are, so that
            // every enum of structs has the same shape (`BaseItemIdKind::ItemId(Box<_>)`
            // like `BaseItemIdChoice::ItemId(Box<_>)`).
            ItemKind::Kinds(k) => {
                for v in &mut k.variants {
                    v.boxed = same(i, target(&v.ty)) || target(&v.ty).is_some_and(|t| is_struct[t]);
                }
            }
            _ => {}
        }
    }
}

/// Whether `ty` is `m:ResponseMessageType`, the header of a response message.
fn is_message_header(ty: &Ty) -> bool {
    matches!(ty, Ty::Item(Module::Messages, n) if n == super::responses::MESSAGE)
}

/// Strongly connected components (iterative Tarjan); returns the component of each node.
/// A node alone in its component without a self-edge gets a component of its own too, so
/// "same component" means "on a common cycle" only when the edge exists, which is how the
/// caller uses it.
fn tarjan(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![usize::MAX; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut ncomp = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut call: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut ei)) = call.last_mut() {
            if *ei < edges[v].len() {
                let w = edges[v][*ei];
                *ei += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp[w] = ncomp;
                        if w == v {
                            break;
                        }
                    }
                    ncomp += 1;
                }
            }
        }
    }
    comp
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::lower::tests::{field, lowered, strukt};

    /// Which fields of struct `name` are boxed, by field name.
    fn boxed(plan: &Plan, name: &str) -> Vec<(String, bool)> {
        strukt(plan, name)
            .fields
            .iter()
            .map(|f| (f.name.clone(), f.boxed))
            .collect()
    }

    /// Cycles get a `Box` where they are held by value (a required field too), a `Vec`
    /// already breaks one; optional struct fields and struct members of a choice are boxed
    /// as well, required fields outside a cycle and simple values are not.
    #[test]
    fn recursion_and_optional_structs_are_boxed() {
        let mut plan = lowered("boxing");
        // Lowering decides no box; the pass does.
        assert!(strukt(&plan, "RestrictionType")
            .fields
            .iter()
            .all(|f| !f.boxed));
        box_recursion(&mut plan);
        let expect = |pairs: &[(&str, bool)]| -> Vec<(String, bool)> {
            pairs.iter().map(|(n, b)| (n.to_string(), *b)).collect()
        };
        assert_eq!(
            boxed(&plan, "RestrictionType"),
            expect(&[
                ("not", true),    // itself
                ("and", true),    // the cycle through AndType.head
                ("label", false), // required, outside the cycle
                ("note", true),   // an optional struct
                ("size", false),  // a simple value
            ])
        );
        // Required, but on the cycle: boxed; the `Vec` needs no box.
        assert_eq!(
            boxed(&plan, "AndType"),
            expect(&[("head", true), ("part", false)])
        );
        let condition = strukt(&plan, "ConditionType");
        let f = field(condition, &condition.fields[0].name.clone());
        let Some(ItemKind::Choice(c)) = plan.item(&f.ty).map(|it| &it.kind) else {
            panic!("{:?}", f.ty)
        };
        let variants: Vec<(&str, bool)> = c
            .variants
            .iter()
            .map(|v| (v.name.as_str(), v.boxed))
            .collect();
        assert_eq!(variants, [("Restriction", true), ("Name", false)]);
    }

    #[test]
    fn components() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 -> 3 is a self-loop; 4 is alone.
        let edges = vec![vec![1], vec![2], vec![0, 3], vec![3], vec![]];
        let c = tarjan(&edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[2], c[3]);
        assert_ne!(c[3], c[4]);
    }
}
