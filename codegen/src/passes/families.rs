//! Families pass: which operation families (cargo features of `ews-types`, see
//! [`families`](crate::families)) need each item, so that a build with some families compiles
//! only the items their operations use.
//!
//! An item is needed by a family when it is reachable from one of the family's operations:
//! its request and response body elements, and the response messages of the operation (see
//! below), through every type an item holds (struct bases and fields, choice and `xsi:type`
//! members, aliases, element contents). Reachable from the runtime's own needs (every SOAP
//! header element the WSDL declares, the response message base) means needed always.
//!
//! One choice is not followed: the members of a response-message choice (the `ResponseMessages`
//! of every batch response, one member per operation). Each member belongs to the operations
//! whose response message element it is (`GetItem` → `m:GetItemResponseMessage`, or
//! `m:GetRoomsResponse` for `GetRooms`), and the member variant itself is gated by their
//! families. Operations of other Exchange services that a family lists
//! ([`Family::other_services`](crate::families::Family::other_services), e.g. the notification
//! service's `SendNotification`) are reached the same way: their body elements and the member
//! named after them. A member no operation claims belongs to [`UNUSED`], as does every item
//! that no operation reaches at all.

use std::collections::{BTreeMap, BTreeSet};

use crate::families;
use crate::ir::*;

/// The family (feature) of the items that no operation of `services.wsdl` reaches.
pub const UNUSED: &str = "schema-extras";

/// The base type of the runtime's response handling (`ews_types::runtime::response`).
const RUNTIME_ROOTS: &[(Module, &str)] = &[(Module::Messages, "ResponseMessageType")];

/// Sets the gate of every item, response-message variant and operation of the plan.
pub fn assign(plan: &mut Plan) {
    let family: Vec<&'static str> = plan
        .operations
        .iter()
        .map(|op| families::of(&op.name).feature)
        .collect();
    let Gates { items, variants } = {
        let mut walk = Walk::new(plan);
        walk.reach_runtime_roots();
        for (op, family) in plan.operations.iter().zip(&family) {
            let bodies = [op.request.clone(), op.response.clone()];
            walk.reach_operation(&op.name, bodies, family);
        }
        for f in families::FAMILIES {
            for op in f.other_services {
                let bodies = [op.request, op.response]
                    .into_iter()
                    .filter_map(|n| message_element(plan, n));
                walk.reach_operation(op.name, bodies, f.feature);
            }
        }
        walk.finish()
    };
    for (item, gate) in plan.items.iter_mut().zip(items) {
        item.gate = gate;
    }
    for ((i, v), gate) in variants {
        if let ItemKind::Choice(c) = &mut plan.items[i].kind {
            c.variants[v].gate = gate;
        }
    }
    for (op, family) in plan.operations.iter_mut().zip(family) {
        op.gate = vec![family.to_owned()];
    }
}

/// The item of the `m:` global element `name`, if the schema declares it.
fn message_element(plan: &Plan, name: &str) -> Option<(Module, String)> {
    plan.items
        .iter()
        .find(|it| {
            it.module == Module::Messages
                && matches!(&it.kind, ItemKind::Element(e) if e.xsd.name == name)
        })
        .map(|it| (it.module, it.name.clone()))
}

/// The gates the walk found: one per item (in plan order), and those of response-message
/// members by (item, variant) index.
struct Gates {
    items: Vec<Vec<String>>,
    variants: Vec<((usize, usize), Vec<String>)>,
}

/// Families reaching each item; [`ALWAYS`] for what the runtime needs.
struct Walk<'p> {
    plan: &'p Plan,
    index: BTreeMap<(Module, String), usize>,
    reached: Vec<BTreeSet<&'static str>>,
    /// Members of response-message choices: (item, variant) → families.
    variants: BTreeMap<(usize, usize), BTreeSet<&'static str>>,
    /// Every family an operation belongs to.
    families: BTreeSet<&'static str>,
}

const ALWAYS: &str = "";

impl<'p> Walk<'p> {
    fn new(plan: &'p Plan) -> Self {
        let mut variants = BTreeMap::new();
        for (i, it) in plan.items.iter().enumerate() {
            if let ItemKind::Choice(c) = &it.kind {
                if c.response_message {
                    for v in 0..c.variants.len() {
                        variants.insert((i, v), BTreeSet::new());
                    }
                }
            }
        }
        Walk {
            plan,
            index: plan.item_positions(),
            reached: vec![BTreeSet::new(); plan.items.len()],
            variants,
            families: BTreeSet::new(),
        }
    }

    /// Every SOAP header element an operation declares, and the response bases.
    fn reach_runtime_roots(&mut self) {
        let headers: BTreeSet<&str> = self
            .plan
            .operations
            .iter()
            .flat_map(|op| op.request_headers.iter().chain(&op.response_headers))
            .map(String::as_str)
            .collect();
        let mut roots: Vec<usize> = Vec::new();
        for (i, it) in self.plan.items.iter().enumerate() {
            if matches!(&it.kind, ItemKind::Element(e)
                if it.module == Module::Types && headers.contains(e.xsd.name.as_str()))
            {
                roots.push(i);
            }
        }
        for (m, n) in RUNTIME_ROOTS {
            roots.extend(self.index.get(&(*m, (*n).to_owned())).copied());
        }
        for i in roots {
            self.reach(i, ALWAYS);
        }
    }

    /// The operation `name`'s body elements (request, response), and the response-message
    /// members named after it.
    fn reach_operation(
        &mut self,
        name: &str,
        bodies: impl IntoIterator<Item = (Module, String)>,
        family: &'static str,
    ) {
        self.families.insert(family);
        for body in bodies {
            if let Some(&i) = self.index.get(&body) {
                self.reach(i, family);
            }
        }
        let names = [format!("{name}ResponseMessage"), format!("{name}Response")];
        let members: Vec<(usize, usize)> = self.variants.keys().copied().collect();
        for (i, v) in members {
            let ItemKind::Choice(c) = &self.plan.items[i].kind else {
                continue;
            };
            let member = &c.variants[v];
            if !names.contains(&member.element.name) {
                continue;
            }
            self.variants.entry((i, v)).or_default().insert(family);
            if let Some((m, n)) = member.ty.item() {
                if let Some(&t) = self.index.get(&(m, n.to_owned())) {
                    self.reach(t, family);
                }
            }
        }
    }

    /// Marks item `start` and everything it holds as needed by `family`.
    fn reach(&mut self, start: usize, family: &'static str) {
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            if !self.reached[i].insert(family) {
                continue;
            }
            let item = &self.plan.items[i];
            if matches!(&item.kind, ItemKind::Choice(c) if c.response_message) {
                continue;
            }
            item.kind.each_ty(|ty, _| {
                if let Some((m, n)) = ty.item() {
                    stack.extend(self.index.get(&(m, n.to_owned())).copied());
                }
            });
        }
    }

    /// The gates: items, then response-message members. What no operation reached belongs
    /// to [`UNUSED`], with everything it holds.
    fn finish(mut self) -> Gates {
        let unclaimed: Vec<(usize, usize)> = self
            .variants
            .iter()
            .filter(|(_, set)| set.is_empty())
            .map(|(k, _)| *k)
            .collect();
        for (i, v) in unclaimed {
            self.variants.entry((i, v)).or_default().insert(UNUSED);
            if let ItemKind::Choice(c) = &self.plan.items[i].kind {
                if let Some((m, n)) = c.variants[v].ty.item() {
                    if let Some(&t) = self.index.get(&(m, n.to_owned())) {
                        self.reach(t, UNUSED);
                    }
                }
            }
        }
        for i in 0..self.reached.len() {
            if self.reached[i].is_empty() {
                self.reach(i, UNUSED);
            }
        }
        let gate = |set: &BTreeSet<&'static str>| -> Vec<String> {
            if set.contains(ALWAYS) || set.is_superset(&self.families) {
                Vec::new()
            } else {
                set.iter().map(|f| (*f).to_owned()).collect()
            }
        };
        Gates {
            items: self.reached.iter().map(gate).collect(),
            variants: self
                .variants
                .iter()
                .map(|(k, set)| (*k, gate(set)))
                .collect(),
        }
    }
}
