//! The ews-types generator: EWS XSDs → Rust types with XML readers and writers.
//!
//! The pipeline, one stage per module:
//! [`load`] (xsd-parser reads the XSDs; lowered into our [`model`]) →
//! [`passes`] (resolve references, lower to the Rust [`ir`], box recursion, response
//! classes, operation [`families`]; names from [`naming`]) → [`emit`] (token streams) →
//! [`format`] (prettyplease) → files.
//!
//! [`Config::generate`] is a pure function from the schema folder to a map of file name →
//! source text; [`Config::write_to`] writes the files that changed.

pub mod checks;
pub mod diff;
pub mod emit;
pub mod families;
pub mod format;
pub mod ir;
pub mod load;
pub mod lock;
pub mod model;
pub mod naming;
pub mod passes;
pub mod surface;
pub mod versions;
pub mod wsdl;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The generator's configuration.
#[derive(Debug, Clone)]
pub struct Config {
    schema_dir: PathBuf,
    lock: Option<String>,
    setting: String,
    /// The version table: `None` → the default place (see [`versions::default_path`]).
    versions: Option<PathBuf>,
    /// The folder of earlier schema levels: `None` → the default place (see
    /// [`Config::history_path`]).
    history: Option<PathBuf>,
}

impl Config {
    /// Generate from the schema files in `schema_dir` (`types.xsd`, `messages.xsd`).
    pub fn new(schema_dir: impl Into<PathBuf>) -> Self {
        Config {
            schema_dir: schema_dir.into(),
            lock: None,
            setting: "EWS_SCHEMA_DIR".into(),
            versions: None,
            history: None,
        }
    }

    /// Verify the files against this lock text (see [`lock`]) before reading them.
    pub fn lock(&mut self, lock: impl Into<String>) -> &mut Self {
        self.lock = Some(lock.into());
        self
    }

    /// The name of the setting that points to the schemas, for error messages.
    pub fn setting(&mut self, name: impl Into<String>) -> &mut Self {
        self.setting = name.into();
        self
    }

    /// Read the "introduced in" table from `path` (default: `../ews-versions/versions.tsv`
    /// beside the schema folder). A missing file is fine: the output has no version data.
    pub fn versions(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.versions = Some(path.into());
        self
    }

    /// Where the version table is looked for.
    pub fn versions_path(&self) -> PathBuf {
        self.versions
            .clone()
            .unwrap_or_else(|| versions::default_path(&self.schema_dir, None))
    }

    /// Read the earlier schema levels (one folder of schema files each) from `dir` (default:
    /// `../ews-schemas-history` beside the schema folder), as evidence of when elements
    /// and operations became available (see [`passes::history`]). Used only with the
    /// version table; a missing folder is fine.
    pub fn history(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.history = Some(dir.into());
        self
    }

    /// Where the earlier schema levels are looked for.
    pub fn history_path(&self) -> PathBuf {
        self.history
            .clone()
            .unwrap_or_else(|| self.schema_dir.join("..").join("ews-schemas-history"))
    }

    /// Loads the schemas and lowers them to the Rust plan.
    pub fn plan(&self) -> Result<ir::Plan, Error> {
        if let Some(lock) = &self.lock {
            lock::verify(&self.schema_dir, lock, &self.setting)?;
        } else if !self.schema_dir.join("messages.xsd").is_file() {
            return Err(Error::Setup(format!(
                "no messages.xsd in {}: set {} to the folder holding the EWS schema files",
                self.schema_dir.display(),
                self.setting
            )));
        }
        let schema = load::load(&self.schema_dir)?;
        let operations = wsdl::load(&self.schema_dir)?;
        let order = versions::order(&schema);
        let table = versions::Table::load(&self.versions_path(), &order)?;
        let history = match &table {
            Some(_) => Some(load_history(&self.history_path(), &order)?),
            None => None,
        };
        passes::run(schema, &operations, table.as_ref(), history.as_ref())
    }

    /// Generates the source files: file name → formatted Rust source.
    pub fn generate(&self) -> Result<BTreeMap<String, String>, Error> {
        emit_files(&self.plan()?)
    }

    /// Generates and writes the files into `out_dir`, leaving unchanged files untouched.
    pub fn write_to(&self, out_dir: &Path) -> Result<BTreeMap<String, String>, Error> {
        let files = self.generate()?;
        std::fs::create_dir_all(out_dir).map_err(Error::Io)?;
        for (name, code) in &files {
            write_if_changed(&out_dir.join(name), code)?;
        }
        Ok(files)
    }
}

/// The earlier schema levels in `dir` (each subfolder holding `messages.xsd`), whose newest
/// `ExchangeVersionType` value is a version of `order` (the schema being generated); none
/// when `dir` does not exist.
fn load_history(dir: &Path, order: &[String]) -> Result<passes::history::History, Error> {
    let mut history = passes::history::History::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(history);
    };
    let mut folders: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("messages.xsd").is_file())
        .collect();
    folders.sort();
    for folder in folders {
        let schema = load::load(&folder)?;
        let newest = versions::order(&schema).pop();
        let Some(version) = newest.and_then(|v| versions::Version::parse(&v, order)) else {
            continue;
        };
        let operations = wsdl::load(&folder)?;
        let plan = passes::run(schema, &operations, None, None)?;
        let name = folder.file_name().map(|n| n.to_string_lossy().into_owned());
        history.levels.push(passes::history::Level::new(
            name.unwrap_or_default(),
            version,
            &plan,
        ));
    }
    history.levels.sort_by_key(|l| l.version);
    Ok(history)
}

/// The source files of a plan: file name → formatted Rust source.
pub fn emit_files(plan: &ir::Plan) -> Result<BTreeMap<String, String>, Error> {
    // The library's files, with the `rt` prelude (see `emit::prelude`).
    let lib = |tokens| format::format(emit::prelude::with_prelude(tokens));
    let mut files = BTreeMap::new();
    // The modules split in declarations and impls (see `emit::split`).
    let (types, messages) = (ir::Module::Types, ir::Module::Messages);
    let modules = [
        (types.name(), emit::module(plan, types)),
        (messages.name(), emit::module(plan, messages)),
        ("operations", emit::ops::operations(plan)),
    ];
    for (name, tokens) in modules {
        let emit::Split { decls, impls } = emit::split(tokens);
        let file = format!("{name}.rs");
        files.insert(emit::impls_file(&file), lib(impls)?);
        files.insert(file, lib(decls)?);
    }
    let mut index = emit::index::index(plan);
    index.extend(emit::index::response_lists(plan));
    files.insert("index.rs".into(), lib(index)?);
    files.insert("headers.rs".into(), lib(emit::headers::headers(plan)?)?);
    files.insert(
        "versions.rs".into(),
        format!(
            "{}{}",
            lib(emit::versions::exchange_version(plan)?)?,
            emit::versions::values_line(plan)?
        ),
    );
    // Test-only value builders: included by ews-types/tests/roundtrip_all.rs, never by
    // the library, so the normal build does not compile them.
    files.insert(
        TEST_ONLY_FILE.into(),
        format::format(emit::fill::fill(plan))?,
    );
    Ok(files)
}

/// Writes `files` where `ews-types` commits them (see [`committed_path`]) under
/// `crate_dir`, leaving unchanged files untouched; returns the paths it rewrote.
pub fn write_committed(
    files: &BTreeMap<String, String>,
    crate_dir: &Path,
) -> Result<Vec<PathBuf>, Error> {
    let mut changed = Vec::new();
    for (name, code) in files {
        let path = crate_dir.join(committed_path(name));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(Error::Io)?;
        }
        if write_if_changed(&path, code)? {
            changed.push(path);
        }
    }
    Ok(changed)
}

/// The generated file that only the tests use (value builders for every item).
pub const TEST_ONLY_FILE: &str = "fill.rs";

/// Where a generated file is committed, relative to the `ews-types` crate: the library's
/// files under `src/generated/`, the test-only file under `tests/generated/`.
pub fn committed_path(name: &str) -> String {
    if name == TEST_ONLY_FILE {
        format!("tests/generated/{name}")
    } else {
        format!("src/generated/{name}")
    }
}

/// Writes `contents` to `path` unless it already holds exactly that; `true` if it wrote.
pub fn write_if_changed(path: &Path, contents: &str) -> Result<bool, Error> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(false);
    }
    std::fs::write(path, contents).map_err(Error::Io)?;
    Ok(true)
}

/// A generator error. Messages name the schema file or XSD QName involved.
#[derive(Debug)]
pub enum Error {
    /// The schema files are missing or do not match the lock.
    Setup(String),
    /// The schema uses something the generator cannot represent, or is inconsistent.
    Schema(String),
    /// An I/O error while writing output.
    Io(std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Setup(m) => f.write_str(m),
            Error::Schema(m) => write!(f, "schema: {m}"),
            Error::Io(e) => write!(f, "i/o: {e}"),
        }
    }
}

impl std::error::Error for Error {}
