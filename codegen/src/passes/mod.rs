//! Passes over the model, each in its own file, run in the order [`run`] lists them.
pub mod accessors;
pub mod batches;
pub mod boxing;
pub mod conversions;
pub mod families;
pub mod history;
pub mod lower;
pub mod operations;
pub mod required_choices;
pub mod resolve;
pub mod responses;
pub mod streams;
pub mod summaries;
pub mod versions;

use crate::ir::Plan;
use crate::model::Schema;
use crate::Error;

/// Every pass, in order: the schema model (with the WSDL's operations, and the version table
/// and the schema history if any) → the plan the emitters print.
pub fn run(
    mut schema: Schema,
    wsdl: &[crate::wsdl::Operation],
    table: Option<&crate::versions::Table>,
    history: Option<&history::History>,
) -> Result<Plan, Error> {
    // On the schema model.
    resolve::resolve(&mut schema)?;
    // Model → plan: names, structs, enums, choices, kinds, element wrappers.
    let mut plan = lower::lower(&schema)?;
    plan.operations = operations::lower(wsdl, &plan.element_names)?;
    // On the plan.
    batches::specialise(&mut plan);
    required_choices::mark(&mut plan);
    boxing::box_recursion(&mut plan);
    responses::mark(&mut plan);
    families::assign(&mut plan);
    conversions::find(&mut plan);
    accessors::find(&mut plan);
    streams::find(&mut plan);
    summaries::write(&mut plan);
    plan.items
        .sort_by(|a, b| (a.module, &a.name).cmp(&(b.module, &b.name)));
    plan.index.sort();
    if let Some(table) = table {
        versions::attach(&mut plan, table, history);
    }
    Ok(plan)
}
