//! The maintainers' command line:
//!
//! - `codegen generate --schemas DIR [--versions FILE] [--out DIR]`: the files `build.rs`
//!   generates (printed, or written to DIR);
//! - `codegen report --schemas DIR`: counts of the generated API, per operation family, the
//!   versions the schema history corrects, and flags (a schema xmllint does not compile);
//!   exit status 1 when something is flagged;
//! - `codegen surface --schemas DIR`: the API surface, one line per entry;
//! - `codegen diff [--full] [--json] OLD_DIR NEW_DIR`: what changed between two schema sets,
//!   summary and breaking changes first (`--full`: the members of new items too; `--json`: as
//!   JSON); exit status 0 when the API is the same (documentation aside), 1 when it changed,
//!   2 on errors.

use std::path::PathBuf;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!(
        "usage: codegen generate --schemas DIR [--versions FILE] [--out DIR]\n       \
         codegen report --schemas DIR\n       codegen surface --schemas DIR\n       \
         codegen diff [--full] [--json] OLD_DIR NEW_DIR"
    );
    ExitCode::from(2)
}

/// Writes `text` to standard output; a reader that went away (`codegen diff … | head`) ends
/// the output, not the program with a panic.
fn print_out(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// The plan of the schema set in `dir` (with the version table beside it, if any); errors
/// name `setting`, what pointed at `dir`.
fn plan(dir: &std::path::Path, setting: &str) -> Result<codegen::ir::Plan, codegen::Error> {
    codegen::Config::new(dir).setting(setting).plan()
}

fn diff(args: &[String]) -> ExitCode {
    let (flags, dirs): (Vec<&String>, Vec<&String>) =
        args.iter().partition(|a| a.starts_with("--"));
    let (full, json) = (
        flags.contains(&&"--full".to_owned()),
        flags.contains(&&"--json".to_owned()),
    );
    let ([old, new], true) = (
        dirs.as_slice(),
        flags.iter().all(|f| *f == "--full" || *f == "--json"),
    ) else {
        return usage();
    };
    let old = plan(
        old.as_ref(),
        "OLD_DIR (the first folder given to `codegen diff`)",
    );
    let new = plan(
        new.as_ref(),
        "NEW_DIR (the second folder given to `codegen diff`)",
    );
    match (old, new) {
        (Ok(a), Ok(b)) => {
            let d = codegen::diff::diff(&a, &b);
            if json {
                print_out(&d.json());
            } else if full {
                print_out(&d.render(codegen::diff::Detail::Full));
            } else {
                print_out(&d.render(codegen::diff::Detail::Names));
            }
            if d.api_changed() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("codegen: {e}");
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        return usage();
    };
    if cmd == "diff" {
        return diff(&args[1..]);
    }
    let mut schemas: Option<PathBuf> = std::env::var_os("EWS_SCHEMA_DIR").map(PathBuf::from);
    // What pointed at the schemas, for errors.
    let mut setting = "EWS_SCHEMA_DIR";
    let mut out: Option<PathBuf> = None;
    let mut versions: Option<PathBuf> = None;
    let mut it = args[1..].iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--schemas" => {
                schemas = it.next().map(PathBuf::from);
                setting = "--schemas";
            }
            "--out" => out = it.next().map(PathBuf::from),
            "--versions" => versions = it.next().map(PathBuf::from),
            _ => return usage(),
        }
    }
    let Some(schemas) = schemas else {
        return usage();
    };
    match cmd.as_str() {
        "generate" => {
            // The version table: --versions, else $EWS_VERSIONS_DIR, else beside the schemas.
            let versions = versions.unwrap_or_else(|| {
                codegen::versions::default_path(
                    &schemas,
                    std::env::var_os(codegen::versions::SETTING).as_deref(),
                )
            });
            let mut config = codegen::Config::new(schemas);
            config.versions(versions).setting(setting);
            let result = match &out {
                Some(dir) => config.write_to(dir),
                None => config.generate(),
            };
            match result {
                Ok(files) => {
                    if out.is_none() {
                        for (name, code) in &files {
                            print_out(&format!("// ===== {name}\n{code}\n"));
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("codegen: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        "report" | "surface" => match plan(&schemas, setting) {
            Ok(p) if cmd == "report" => {
                let mut text = String::from("| what | count |\n|---|---|\n");
                for (what, n) in codegen::surface::report(&p) {
                    text.push_str(&format!("| {what} | {n} |\n"));
                }
                print_out(&format!(
                    "{text}\n{}\n",
                    codegen::surface::family_report(&p)
                ));
                let history = codegen::surface::history_report(&p);
                if !history.is_empty() {
                    print_out(&format!(
                        "Versions the schema history corrects (the element is in an earlier \
                         level's schema than the documentation says):\n{history}\n"
                    ));
                }
                if !p.unpinned_choices.is_empty() {
                    print_out(&format!(
                        "Choices named from their members (pin them in codegen/src/naming.rs, \
                         CHOICE_NAMES, so that later members rename nothing):\n{}\n\n",
                        p.unpinned_choices.join("\n")
                    ));
                }
                let flags = codegen::checks::run(&schemas);
                for f in &flags {
                    print_out(&format!("FLAG {}: {}\n", f.check, f.message));
                }
                if flags.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Ok(p) => {
                print_out(&codegen::surface::listing(&p));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("codegen: {e}");
                ExitCode::from(2)
            }
        },
        _ => usage(),
    }
}
