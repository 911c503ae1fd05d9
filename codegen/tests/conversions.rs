//! The conversions pass on the real schema: which `From` impls it plans, and the ones it
//! must not (ambiguous, reflexive, structural, on response messages).

use std::collections::BTreeSet;

use codegen::ir::{Conversion, How, Module, Plan, Source, Ty};

mod common;

/// The plan of the Exchange 2019 set, whose types these tests name.
fn plan() -> Plan {
    codegen::Config::new(common::exchange_2019())
        .plan()
        .unwrap()
}

fn of<'p>(plan: &'p Plan, module: Module, name: &str) -> &'p [Conversion] {
    plan.conversions
        .get(&(module, name.to_owned()))
        .map_or(&[], Vec::as_slice)
}

fn item(name: &str) -> Ty {
    Ty::Item(Module::Types, name.into())
}

fn sources(list: &[Conversion]) -> Vec<&Source> {
    list.iter().map(|c| &c.source).collect()
}

#[test]
fn no_item_converts_from_itself_or_twice_from_one_source() {
    let plan = plan();
    assert!(plan.conversions.values().map(Vec::len).sum::<usize>() > 500);
    for ((m, n), list) in &plan.conversions {
        let own = Source::Ty(Ty::Item(*m, n.clone()));
        assert!(!sources(list).contains(&&own), "{n} from itself");
        let distinct: BTreeSet<String> = list.iter().map(|c| format!("{:?}", c.source)).collect();
        assert_eq!(distinct.len(), list.len(), "{n}: {list:#?}");
    }
}

#[test]
fn a_simple_value_goes_into_the_member_made_from_it() {
    let plan = plan();
    let path = of(&plan, Module::Types, "Path");
    let field_uri = path
        .iter()
        .find(|c| c.source == Source::Ty(item("UnindexedFieldUriType")))
        .expect("Path from UnindexedFieldUriType");
    assert!(matches!(&field_uri.how, How::VariantFrom { variant, .. } if variant == "FieldUri"));
    // ItemId and RecurringMasterItemId are both made from one string: no From<String>.
    let ids = of(&plan, Module::Types, "BaseItemIdChoice");
    assert!(!sources(ids).contains(&&Source::Str), "{ids:#?}");
    assert!(sources(ids).contains(&&Source::Ty(item("ItemIdType"))));
    // A structure is not a simple value: an `Exists` is not made from a bare path.
    let expressions = of(&plan, Module::Types, "SearchExpression");
    assert!(!sources(expressions).contains(&&Source::Ty(item("Path"))));
}

#[test]
fn a_struct_is_made_from_its_one_required_field() {
    let plan = plan();
    let id = of(&plan, Module::Types, "ItemIdType");
    assert!(sources(id).contains(&&Source::Str), "{id:#?}");
    let folders = of(&plan, Module::Types, "NonEmptyArrayOfBaseFolderIdsType");
    assert!(
        matches!(
            folders,
            [Conversion {
                source: Source::Vec(_),
                ..
            }]
        ),
        "{folders:#?}"
    );
    // Two required fields (Offset, BasePoint): nothing to pick.
    assert!(of(&plan, Module::Types, "IndexedPageViewType").is_empty());
    // Response messages are built from their header, not from ResponseClass.
    assert!(of(&plan, Module::Messages, "ItemInfoResponseMessageType").is_empty());
    assert!(of(&plan, Module::Messages, "ResponseMessageType").is_empty());
    // Through the field's own conversion: a comparison's right side from a constant.
    let operand = of(&plan, Module::Types, "FieldUriOrConstantType");
    assert!(operand
        .iter()
        .any(|c| c.source == Source::Str && matches!(&c.how, How::Field { via: Some(_), .. })));
}

#[test]
fn a_choice_goes_into_a_larger_one_and_back() {
    let plan = plan();
    let real = of(&plan, Module::Types, "RealItem");
    let subset = real
        .iter()
        .find(|c| c.source == Source::Ty(item("AllItem")))
        .expect("RealItem into AllItem");
    let How::Subset { pairs } = &subset.how else {
        panic!("{subset:#?}")
    };
    assert_eq!(pairs.len(), 15);
}
