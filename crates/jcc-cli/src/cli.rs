//! The command line, as clap sees it.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "jcc",
    version,
    about = "Journal Craft Crew: your journals, on your machine",
    after_help = "Data: $JCC_DATA_DIR (library, backups, logs); config: $JCC_CONFIG_DIR/config.toml.\n\
                  Exit codes: 0 ok, 1 internal, 2 invalid input, 3 not found, 4 conflict, 5 import failed,\n\
                  6 library damaged/too new, 7 disk or file error, 8 busy, 9 config, 10 export failed,\n\
                  11 LLM endpoint unavailable, 12 crew step failed, 13 cancelled, 14 OS keyring,\n\
                  15 sync server or sign-in unreachable, 16 sign-in needed, 17 wrong passphrase or\n\
                  recovery key, 18 sync refused by the server."
)]
pub struct Cli {
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// Log more to stderr.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create, list, show, rename and trash journals.
    #[command(subcommand)]
    Journal(JournalCmd),
    /// Write, edit, list and trash entries, and see their history.
    #[command(subcommand)]
    Entry(EntryCmd),
    /// List, add, remove and rename tags.
    #[command(subcommand)]
    Tag(TagCmd),
    /// Search every entry: words, "phrases", -exclude, tag:, journal:, before:, after:, on:, is:starred.
    Search {
        /// The query, e.g. `"morning light" tag:walk after:2026-01-01 -rain`.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Hits to show; 0 shows every hit.
        #[arg(long, default_value_t = 20, allow_negative_numbers = true)]
        limit: i64,
        /// Hits to skip, for the next page.
        #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
        offset: i64,
        /// Print the hits as a bare JSON array (the shape earlier versions printed), not
        /// `{"total", "offset", "hits"}`; the total then goes to stderr when hits are left out.
        #[arg(long)]
        json_array: bool,
    },
    /// Entry templates with {{placeholders}}.
    #[command(subcommand)]
    Template(TemplateCmd),
    /// Writing prompts.
    #[command(subcommand)]
    Prompt(PromptCmd),
    /// A daily writing reminder per journal, shown by the desktop app while it runs.
    #[command(subcommand)]
    Remind(RemindCmd),
    /// Words per day and your writing streak.
    Stats {
        #[arg(long)]
        journal: Option<String>,
        /// How many days of words per day to show.
        #[arg(long, default_value_t = 14)]
        days: u32,
    },
    /// Import a Markdown folder, a jrnl JSON export, a Day One export or a jcc JSON export.
    Import {
        path: PathBuf,
        /// Journal to import into (created if missing).
        #[arg(long)]
        journal: String,
        /// Skip detection and read the file as this format.
        #[arg(long, value_enum)]
        format: Option<ImportFormat>,
        /// Import the readable items even if some are bad (bad ones are still listed).
        #[arg(long)]
        partial: bool,
    },
    /// Export a journal: a print-ready PDF, an EPUB 3, a Markdown folder or a JSON file.
    Export {
        journal: String,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The file (pdf, epub, json) or folder (md) to write.
        #[arg(short, long)]
        out: PathBuf,
        #[command(flatten)]
        book: BookArgs,
    },
    /// The author profile printed on title and copyright pages.
    #[command(subcommand)]
    Author(AuthorCmd),
    /// LLM endpoints the crew uses (Ollama, llama.cpp, LM Studio, OpenAI, ...).
    #[command(subcommand)]
    Llm(LlmCmd),
    /// Model files run on this computer (GGUF): add, list, remove, download.
    #[command(subcommand)]
    Model(ModelCmd),
    /// The crew: turn a theme into a guided journal; list, resume, cancel runs.
    #[command(subcommand)]
    Crew(CrewCmd),
    /// Delete everything in the trash for good.
    #[command(subcommand)]
    Trash(TrashCmd),
    /// The automatic backups: list them (and which still hold purged text), remove some.
    #[command(subcommand)]
    Backup(BackupCmd),
    /// Sync with your other devices through a sync server, end-to-end encrypted.
    #[command(subcommand)]
    Sync(SyncCmd),
    /// Check the library; rebuild the search index or restore the newest backup.
    Doctor {
        #[arg(long)]
        rebuild_index: bool,
        #[arg(long)]
        restore_backup: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TrashCmd {
    /// Delete every trashed entry and journal for good (asks first; --yes to skip).
    Empty {
        #[command(flatten)]
        confirm: Confirm,
    },
}

#[derive(Debug, Subcommand)]
pub enum BackupCmd {
    /// Backups with their dates and sizes, and which still hold entries deleted for good.
    List,
    /// Remove backups taken before a date, or every one still holding purged text.
    Prune {
        /// Remove the backups taken before this date (e.g. 2026-03-01).
        #[arg(long, required_unless_present = "all_before_purge")]
        before: Option<String>,
        /// Remove every backup that still holds entries or journals deleted for good.
        #[arg(long)]
        all_before_purge: bool,
        #[command(flatten)]
        confirm: Confirm,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ImportFormat {
    Md,
    Jrnl,
    Dayone,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Md,
    Json,
    Pdf,
    Epub,
}

/// Book options of `jcc export` (pdf and epub only).
#[derive(Debug, Args)]
pub struct BookArgs {
    /// Trim size: 6x9 (default), 5x8, 5.5x8.5, 7x10, 8.5x11, a5, a4, letter.
    #[arg(long)]
    pub trim: Option<String>,
    /// Add KDP's 0.125 in bleed, for images that run to the page edge.
    #[arg(long)]
    pub bleed: bool,
    /// Distance between writing lines, e.g. 8mm (default) or 7mm.
    #[arg(long)]
    pub line_spacing: Option<String>,
    /// Only entries on or after this date.
    #[arg(long)]
    pub from: Option<String>,
    /// Only entries on or before this date.
    #[arg(long)]
    pub to: Option<String>,
    /// Only entries with this tag.
    #[arg(long)]
    pub tag: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AuthorCmd {
    /// Set fields of the profile (others keep their value; "" clears one).
    Set {
        /// Name or pen name on the title page.
        #[arg(long)]
        name: Option<String>,
        /// Copyright holder (the name when empty).
        #[arg(long)]
        copyright_holder: Option<String>,
        /// Copyright year (the year of the journal's last change when unset).
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        isbn: Option<String>,
        /// Publisher or imprint.
        #[arg(long)]
        imprint: Option<String>,
    },
    Show,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StructuredArg {
    #[value(name = "json_schema", alias = "json-schema")]
    JsonSchema,
    #[value(name = "json_object", alias = "json-object")]
    JsonObject,
    Prompt,
}

impl StructuredArg {
    pub fn mode(self) -> jcc_llm::StructuredOutput {
        match self {
            Self::JsonSchema => jcc_llm::StructuredOutput::JsonSchema,
            Self::JsonObject => jcc_llm::StructuredOutput::JsonObject,
            Self::Prompt => jcc_llm::StructuredOutput::Prompt,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DepthArg {
    Light,
    Medium,
    Deep,
}

impl DepthArg {
    pub fn depth(self) -> jcc_crew::Depth {
        match self {
            Self::Light => jcc_crew::Depth::Light,
            Self::Medium => jcc_crew::Depth::Medium,
            Self::Deep => jcc_crew::Depth::Deep,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum LlmCmd {
    /// Add (or replace) an endpoint profile. The API key goes to the OS keyring.
    Add {
        name: String,
        /// e.g. http://127.0.0.1:11434/v1 (Ollama), http://127.0.0.1:8080/v1 (llama.cpp).
        #[arg(
            long,
            required_unless_present = "model_file",
            conflicts_with = "model_file"
        )]
        base_url: Option<String>,
        /// The model's name on the server (for a model file: a label, its name by default).
        #[arg(long, required_unless_present = "model_file")]
        model: Option<String>,
        /// Run a GGUF model on this computer, no server: a path, a model in the models
        /// folder (`jcc model list`) or a catalog id (`jcc model catalog`).
        #[arg(long)]
        model_file: Option<String>,
        /// Tokens of context for a model file (default 4096).
        #[arg(long, requires = "model_file")]
        context: Option<u32>,
        /// CPU threads for a model file (default: half the cores).
        #[arg(long, requires = "model_file")]
        threads: Option<u32>,
        /// How to ask for JSON: json_schema (OpenAI, Ollama, LM Studio), json_object (llama.cpp), prompt (anything).
        #[arg(long, value_enum)]
        structured_output: Option<StructuredArg>,
        /// Read the API key from stdin (never from an argument, which shells keep in history).
        #[arg(long)]
        api_key_stdin: bool,
        /// Requests per minute the endpoint allows.
        #[arg(long)]
        rpm: Option<u32>,
        /// Tokens per minute the endpoint allows.
        #[arg(long)]
        tpm: Option<u32>,
        /// Seconds to wait for an answer.
        #[arg(long)]
        timeout: Option<u64>,
        /// Model for /images/generations (cover and page images).
        #[arg(long)]
        images_model: Option<String>,
        /// Make this the default profile.
        #[arg(long)]
        default: bool,
    },
    /// List profiles (or local servers found when there are none).
    List,
    /// Check a profile's endpoint and say exactly what is wrong.
    Test {
        name: Option<String>,
    },
    Remove {
        name: String,
    },
    /// Serve a model-file profile as an OpenAI-compatible server on 127.0.0.1 until
    /// interrupted (chat completions, streaming, response_format).
    Serve {
        /// The profile (the default one when left out); it must use --model-file.
        name: Option<String>,
        /// 0 picks a free port; the address is printed once it listens.
        #[arg(long, default_value_t = 8090)]
        port: u16,
    },
}

#[derive(Debug, Subcommand)]
pub enum ModelCmd {
    /// Check a GGUF file (header, architecture, whole data, memory) and copy it into the
    /// models folder; nothing is kept when a check fails.
    Add {
        file: PathBuf,
        /// Link to the file where it is instead of copying it.
        #[arg(long)]
        link: bool,
        /// The context size the memory check assumes.
        #[arg(long, default_value_t = 4096)]
        context: u32,
    },
    /// The models in the models folder.
    List,
    /// Remove a model from the folder (a link only: its file stays).
    Remove { name: String },
    /// Recommended models to download.
    Catalog,
    /// Download a catalog model (resumes a cut download; kept only if its SHA-256 matches).
    Download { id: String },
}

#[derive(Debug, Subcommand)]
pub enum CrewCmd {
    /// Draft a guided journal from a theme (30 days, or a 6-day lead magnet).
    Run {
        /// What the journal is about, e.g. "Gratitude for new parents".
        #[arg(long, required_unless_present = "preset")]
        theme: Option<String>,
        /// A starter theme or one you saved (`jcc crew themes`); flags you give win over it.
        #[arg(long)]
        preset: Option<String>,
        /// Leave out to have the crew propose titles.
        #[arg(long)]
        title: Option<String>,
        /// motivational, actionable, insightful, inspirational, practical, thought-provoking,
        /// encouraging, implementable, illuminating or empowering.
        #[arg(long)]
        title_style: Option<String>,
        /// An author voice to write in; leave out to have the crew suggest five.
        #[arg(long)]
        voice: Option<String>,
        #[arg(long, value_enum)]
        depth: Option<DepthArg>,
        /// The 6-day lead magnet instead of the 30-day journal.
        #[arg(long)]
        lead_magnet: bool,
        /// Endpoint profile (the default one otherwise).
        #[arg(long)]
        profile: Option<String>,
        /// Ask nothing: take the first proposed title/voice and continue to layout.
        #[arg(long)]
        yes: bool,
        /// Print the model's text as it streams.
        #[arg(long)]
        stream: bool,
        #[arg(long)]
        language: Option<String>,
        /// A folder of your own images: <slot>.png (e.g. day-3.png, intro.png) fills that slot.
        #[arg(long)]
        image_dir: Option<PathBuf>,
    },
    /// Recent runs.
    List {
        #[arg(long, default_value_t = 20)]
        limit: i64,
    },
    /// A run's steps, tokens and errors.
    Status { run: i64 },
    /// Continue a run that paused, failed, was cancelled or killed.
    Resume {
        run: i64,
        /// Answer a paused choice (1-based).
        #[arg(long)]
        pick: Option<usize>,
        #[arg(long)]
        yes: bool,
        #[arg(long)]
        stream: bool,
    },
    /// Stop a run (from any terminal); resume it later.
    Cancel { run: i64 },
    /// Run one step again, e.g. `day#3`, with a note for the model.
    RerunStep {
        run: i64,
        step: String,
        #[arg(long)]
        note: Option<String>,
        /// Replace text you changed since the crew wrote it.
        #[arg(long)]
        overwrite: bool,
    },
    /// Check the crew definition in use; --copy puts the built-in one in your config folder to edit.
    Definition {
        #[arg(long)]
        copy: bool,
    },
    /// Starter themes and your saved ones.
    Themes,
    /// Save a theme (or change one you saved) to start runs from with `--preset NAME`.
    SaveTheme {
        name: String,
        #[arg(long)]
        theme: String,
        #[arg(long)]
        title_style: Option<String>,
        #[arg(long)]
        voice: Option<String>,
        #[arg(long, value_enum)]
        depth: Option<DepthArg>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Diary,
    Guided,
}

#[derive(Debug, Subcommand)]
pub enum JournalCmd {
    /// Start a new journal.
    New {
        title: String,
        #[arg(long, value_enum, default_value = "diary")]
        kind: KindArg,
        #[arg(long, default_value = "")]
        subtitle: String,
        #[arg(long, default_value = "")]
        theme: String,
        #[arg(long, default_value = "")]
        voice: String,
    },
    List {
        /// List the trash instead.
        #[arg(long)]
        trashed: bool,
    },
    Show {
        journal: String,
    },
    Rename {
        journal: String,
        title: String,
    },
    Trash {
        journal: String,
    },
    Restore {
        journal: String,
    },
    /// Delete a trashed journal and all its entries for good (asks first; --yes to skip).
    Purge {
        journal: String,
        #[command(flatten)]
        confirm: Confirm,
    },
}

/// Deleting for good asks on a terminal; scripts say `--yes`.
#[derive(Debug, Args)]
pub struct Confirm {
    /// Don't ask: delete for good.
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct BodyArgs {
    /// The text (Markdown). Without it, jcc reads stdin when piped, else opens $EDITOR.
    #[arg(long)]
    pub body: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
    /// A date like 2026-03-01, "yesterday" or "3 days ago".
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum EntryCmd {
    /// Write a new entry.
    Add {
        #[arg(long)]
        journal: Option<String>,
        #[command(flatten)]
        text: BodyArgs,
        #[arg(long = "tag")]
        tags: Vec<String>,
        #[arg(long)]
        star: bool,
    },
    /// Change an entry (opens $EDITOR when no text is given and stdin is a terminal).
    Edit {
        id: i64,
        #[command(flatten)]
        text: BodyArgs,
        #[arg(long, conflicts_with = "unstar")]
        star: bool,
        #[arg(long)]
        unstar: bool,
    },
    /// Clear an entry's "review merge" mark once you have looked at the merge.
    Reviewed {
        id: i64,
    },
    Show {
        id: i64,
    },
    /// List entries; --on-this-day lists those from today's date in earlier years.
    List {
        #[arg(long)]
        journal: Option<String>,
        #[arg(long, conflicts_with = "on_this_day")]
        tag: Option<String>,
        #[arg(long, conflicts_with = "on_this_day")]
        starred: bool,
        #[arg(long, conflicts_with = "on_this_day")]
        trashed: bool,
        #[arg(long)]
        limit: Option<i64>,
        /// Entries from today's month and day in earlier years, the most recent first
        /// (on 28 February of a common year, 29 February's too).
        #[arg(long)]
        on_this_day: bool,
        /// The day to look back from instead of today (with --on-this-day), e.g. 2026-03-01.
        #[arg(long, requires = "on_this_day")]
        date: Option<String>,
    },
    Trash {
        id: i64,
    },
    Restore {
        id: i64,
    },
    /// Delete a trashed entry for good: its text, history, search rows and attachments
    /// (asks first; --yes to skip).
    Purge {
        id: i64,
        #[command(flatten)]
        confirm: Confirm,
    },
    /// Attach an image or other file (stored once, however many entries use it).
    Attach {
        id: i64,
        file: PathBuf,
    },
    /// Earlier versions of an entry.
    History {
        id: i64,
    },
    /// What changed between a revision and now.
    Diff {
        id: i64,
        revision: i64,
    },
    /// Put an earlier version back (the current text is kept as a revision).
    Revert {
        id: i64,
        revision: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum RemindCmd {
    /// Remind me to write in a journal at a time of day (replaces its reminder).
    Set {
        #[arg(long)]
        journal: String,
        /// Local time, HH:MM (24-hour), e.g. 08:30 or 21:00.
        #[arg(long)]
        at: String,
        /// daily, weekdays, weekends, or days such as mon,wed,fri.
        #[arg(long, default_value = "daily")]
        days: String,
    },
    /// Every reminder, by time of day.
    List,
    /// Stop a journal's reminder.
    Remove {
        #[arg(long)]
        journal: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TagCmd {
    List,
    Add {
        entry: i64,
        #[arg(required = true)]
        tags: Vec<String>,
    },
    Remove {
        entry: i64,
        #[arg(required = true)]
        tags: Vec<String>,
    },
    /// Rename a tag everywhere (onto an existing tag merges them).
    Rename {
        from: String,
        to: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TemplateCmd {
    /// Save a template; its body comes from --body, a piped stdin or $EDITOR.
    Add {
        name: String,
        #[arg(long, default_value = "general")]
        category: String,
        #[arg(long)]
        body: Option<String>,
    },
    List,
    /// Start an entry from a template.
    Use {
        name: String,
        #[arg(long)]
        journal: Option<String>,
        #[arg(long)]
        date: Option<String>,
    },
    Remove {
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PromptCmd {
    List {
        #[arg(long)]
        category: Option<String>,
    },
    /// Today's prompt.
    Today,
}

/// Lets `jcc search harbour -rain --json` work: a query's `-word` exclusions look like
/// flags to clap, so everything after `search` that is not one of its own options (or a
/// global one) is moved behind `--`.
pub fn search_args(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let Some(at) = args.iter().position(|a| a == "search") else {
        return args;
    };
    // Only when `search` is the subcommand, i.e. everything before it is a global flag.
    if args[1..at]
        .iter()
        .any(|a| !a.to_string_lossy().starts_with('-'))
    {
        return args;
    }
    let mut head: Vec<std::ffi::OsString> = args[..=at].to_vec();
    let mut query = Vec::new();
    let mut rest = args[at + 1..].iter().cloned();
    while let Some(arg) = rest.next() {
        let s = arg.to_string_lossy().into_owned();
        match s.as_str() {
            "--" => query.extend(rest.by_ref()),
            "--json" | "--json-array" | "-v" | "--verbose" | "-h" | "--help" => head.push(arg),
            "--limit" | "--offset" => {
                head.push(arg);
                head.extend(rest.next());
            }
            _ if s.starts_with("--limit=") || s.starts_with("--offset=") => head.push(arg),
            _ => query.push(arg),
        }
    }
    if !query.is_empty() {
        head.push("--".into());
        head.extend(query);
    }
    head
}

#[cfg(test)]
mod tests {
    use super::search_args;

    fn run(args: &[&str]) -> Vec<String> {
        search_args(args.iter().map(Into::into).collect())
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn exclusions_stay_in_the_query_and_options_stay_options() {
        assert_eq!(
            run(&["jcc", "search", "harbour", "-rain", "--json", "--limit", "5", "tag:walk"]),
            ["jcc", "search", "--json", "--limit", "5", "--", "harbour", "-rain", "tag:walk"]
        );
        assert_eq!(
            run(&["jcc", "--json", "search", "-x"]),
            ["jcc", "--json", "search", "--", "-x"]
        );
        assert_eq!(
            run(&["jcc", "entry", "add", "--body", "search"]),
            ["jcc", "entry", "add", "--body", "search"]
        );
        assert_eq!(
            run(&["jcc", "search", "--", "-a"]),
            ["jcc", "search", "--", "-a"]
        );
    }
}

#[derive(Debug, Subcommand)]
pub enum SyncCmd {
    /// Sign in to a sync server through its OpenID provider (your browser opens).
    Login {
        /// The sync server, e.g. https://sync.example.org
        #[arg(long, env = "JCC_SYNC_SERVER")]
        server: String,
        /// Don't open a browser: print the sign-in address on stderr and wait.
        #[arg(long)]
        no_browser: bool,
        /// How long to wait for the sign-in to finish in the browser, in seconds.
        #[arg(long, default_value_t = 300)]
        timeout: u64,
        /// The account to suggest to the provider.
        #[arg(long)]
        login_hint: Option<String>,
    },
    /// First device only: make the account's key and print its recovery key (once).
    Setup {
        /// Read a passphrase (for unlocking other devices) from stdin.
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// Other devices: unlock the account with its passphrase or recovery key.
    Unlock {
        #[arg(
            long,
            conflicts_with = "recovery_key_stdin",
            required_unless_present = "recovery_key_stdin"
        )]
        passphrase_stdin: bool,
        #[arg(long)]
        recovery_key_stdin: bool,
    },
    /// Sync now: send this device's changes, fetch and merge the others'.
    Now {
        /// Apply a sync that deletes more than half of your entries.
        #[arg(long)]
        allow_mass_delete: bool,
    },
    /// Whether this device is signed in and unlocked, what waits to be sent, when it last synced.
    Status,
    /// Keep a journal on this device only (it is never sent).
    Exclude { journal: String },
    /// Let a journal kept on this device sync again.
    Include { journal: String },
    /// Sign this device out (revokes its sign-in; your library keeps every word).
    Logout,
    /// Delete everything this account stored on the server, then sign out.
    DeleteCloudData {
        #[arg(long)]
        yes: bool,
    },
}
