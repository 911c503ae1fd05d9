//! The maintainers' command line: `codegen generate --schemas DIR [--versions FILE] [--out DIR]`.

use std::path::PathBuf;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: codegen generate --schemas DIR [--versions FILE] [--out DIR]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        return usage();
    };
    let mut schemas: Option<PathBuf> = std::env::var_os("EWS_SCHEMA_DIR").map(PathBuf::from);
    let mut out: Option<PathBuf> = None;
    let mut versions: Option<PathBuf> = None;
    let mut it = args[1..].iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--schemas" => schemas = it.next().map(PathBuf::from),
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
            config.versions(versions);
            let result = match &out {
                Some(dir) => config.write_to(dir),
                None => config.generate(),
            };
            match result {
                Ok(files) => {
                    if out.is_none() {
                        for (name, code) in &files {
                            println!("// ===== {name}\n{code}");
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
        _ => usage(),
    }
}
