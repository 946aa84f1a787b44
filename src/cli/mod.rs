//! The command line in the user's language: Polish by default, English
//! with `--lang en` or an English locale. clap writes its help and errors
//! in English; here the help takes its texts from `pl.yaml` (headings,
//! usage and value names included), and every error clap reports is told
//! again in Polish with the command's usage.

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::sync::OnceLock;
use tablica::Lang;

/// The Polish texts of the command line, by key (see `pl.yaml`).
type Texts = BTreeMap<String, String>;

static LANGUAGE: OnceLock<Lang> = OnceLock::new();

/// The language of messages: `--lang` when given, else the locale
/// (`LC_ALL`, `LC_MESSAGES`, `LANG`: English when it starts with `en`),
/// else Polish. Remembered for the value parsers (see [`current`]).
pub fn language(args: &[OsString]) -> Lang {
    let given = args.iter().enumerate().find_map(|(i, arg)| {
        let arg = arg.to_str()?;
        match arg.strip_prefix("--lang") {
            Some("") => args.get(i + 1)?.to_str().map(str::to_string),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        }
    });
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty());
    let english = match given.as_deref() {
        Some(lang) => lang == "en",
        None => locale.is_some_and(|l| l.starts_with("en")),
    };
    let lang = if english { Lang::En } else { Lang::Pl };
    let _ = LANGUAGE.set(lang);
    lang
}

/// The language chosen by [`language`] (Polish before it is called).
pub fn current() -> Lang {
    LANGUAGE.get().copied().unwrap_or(Lang::Pl)
}

fn polish_texts() -> Texts {
    // The file is part of the binary and tested; an error here is a bug.
    serde_yaml::from_str(include_str!("pl.yaml")).unwrap_or_default()
}

/// The command with its help in `lang`.
pub fn localized(command: Command, lang: Lang) -> Command {
    let (about, exit_codes) = match lang {
        Lang::Pl => (
            "Statyczne portale partnerstw samorządów",
            "Kody wyjścia:\n  0  wszystko w porządku\n  1  błędy w treści lub konfiguracji\n  2  błędne polecenie\n  3  błąd zapisu, odczytu lub sieci",
        ),
        Lang::En => (
            "Static portals for partnerships of local governments",
            "Exit codes:\n  0  success\n  1  errors in the content or configuration\n  2  wrong command line\n  3  file system or network failure",
        ),
    };
    let command = command.about(about).after_help(exit_codes);
    match lang {
        Lang::En => command,
        Lang::Pl => polish(command, &polish_texts()),
    }
}

/// Every text of the command and its subcommands in Polish.
fn polish(command: Command, texts: &Texts) -> Command {
    let command = command
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .global(true)
                .action(ArgAction::Help),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version),
        );
    let mut command = translate(command, "", texts);
    command.build();
    let help = texts.get("help").cloned().unwrap_or_default();
    command = command.mut_subcommand("help", |s| s.about(help));
    polish_usage(&mut command);
    for sub in command.get_subcommands_mut() {
        polish_usage(sub);
    }
    command
}

/// The descriptions, option texts and value names of one command (`path`
/// is its name, empty for `tablica` itself), then of its subcommands.
fn translate(mut command: Command, path: &str, texts: &Texts) -> Command {
    let about_key = if path.is_empty() { "about" } else { path };
    if let Some(about) = texts.get(about_key) {
        command = command.about(about.clone()).long_about(None);
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let help = texts
            .get(&format!("{path}.{id}"))
            .or_else(|| texts.get(&format!("*.{id}")))
            .cloned();
        command = command.mut_arg(&id, |arg| translate_arg(arg, help, texts));
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(&name, |s| translate(s, &name, texts));
    }
    command.help_template(template(path.is_empty()))
}

/// An option's text in Polish, with its default and allowed values written
/// in Polish words (clap would add them in English).
fn translate_arg(mut arg: Arg, help: Option<String>, texts: &Texts) -> Arg {
    if let Some(mut help) = help {
        let takes_values = arg.get_action().takes_values();
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if takes_values && !values.is_empty() && values.len() < 8 {
            help.push_str(&format!(" [możliwe: {}]", values.join(", ")));
        }
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if takes_values && !defaults.is_empty() {
            help.push_str(&format!(" [domyślnie: {}]", defaults.join(", ")));
        }
        arg = arg.help(help).long_help(None);
        if takes_values {
            arg = arg.hide_default_value(true).hide_possible_values(true);
        }
    }
    let names: Vec<String> = arg
        .get_value_names()
        .map(|names| names.iter().map(|n| n.to_string()).collect())
        .unwrap_or_else(|| {
            // clap names a value after its id when it is not given.
            match arg.get_action().takes_values() {
                true => vec![arg.get_id().to_string().to_uppercase()],
                false => Vec::new(),
            }
        });
    if !names.is_empty() {
        let polish: Vec<String> = names
            .iter()
            .map(|n| {
                texts
                    .get(&format!("value.{n}"))
                    .cloned()
                    .unwrap_or(n.clone())
            })
            .collect();
        arg = arg.value_names(polish);
    }
    arg
}

/// The help page's layout with Polish headings.
fn template(top: bool) -> &'static str {
    if top {
        "{about-with-newline}\nUżycie: {usage}\n\nPolecenia:\n{subcommands}\n\nOpcje:\n{options}{after-help}"
    } else {
        "{about-with-newline}\nUżycie: {usage}\n\n{positionals}Opcje:\n{options}\n"
    }
}

/// clap's usage line with its English placeholders in Polish.
fn polish_usage(command: &mut Command) {
    let usage = command.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
    let usage = usage
        .replace("[OPTIONS]", "[OPCJE]")
        .replace("<COMMAND>", "<POLECENIE>")
        .replace("[COMMAND]", "[POLECENIE]");
    let taken = std::mem::replace(command, Command::new(""));
    *command = taken.override_usage(usage);
}

/// clap's error told in `lang`, with the usage of the command it concerns.
/// English is clap's own text.
pub fn explain(error: &clap::Error, lang: Lang) -> String {
    if lang == Lang::En {
        return error.render().to_string();
    }
    let message = polish_message(error);
    let usage = match error.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(usage)) => plain(usage),
        _ => String::new(),
    };
    let usage = usage
        .trim()
        .strip_prefix("Usage: ")
        .unwrap_or(usage.trim())
        .to_string();
    let mut text = format!("błąd: {message}\n");
    if !usage.is_empty() {
        let command = usage.split(" [").next().unwrap_or(&usage);
        let command = command.split(" <").next().unwrap_or(command);
        let command = command.split(" --").next().unwrap_or(command);
        text.push_str(&format!("\nUżycie: {usage}\n\nWięcej: {command} --help\n"));
    }
    text
}

fn plain(text: &StyledStr) -> String {
    text.to_string()
}

fn context(error: &clap::Error, kind: ContextKind) -> Vec<String> {
    match error.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(list)) => list.clone(),
        Some(ContextValue::StyledStr(s)) => vec![plain(s)],
        Some(ContextValue::StyledStrs(list)) => list.iter().map(plain).collect(),
        Some(ContextValue::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

/// What went wrong, in Polish.
fn polish_message(error: &clap::Error) -> String {
    let arg = context(error, ContextKind::InvalidArg).join(", ");
    let value = context(error, ContextKind::InvalidValue).join(", ");
    let suggestion = |kind| {
        let near = context(error, kind);
        match near.first() {
            Some(near) => format!("; czy chodziło o „{near}”?"),
            None => String::new(),
        }
    };
    match error.kind() {
        ErrorKind::InvalidValue => {
            let valid = context(error, ContextKind::ValidValue).join(", ");
            let allowed = if valid.is_empty() {
                String::new()
            } else {
                format!("; dozwolone: {valid}")
            };
            match value.is_empty() {
                true => format!("opcja {arg} potrzebuje wartości{allowed}"),
                false => format!("„{value}” nie jest dozwoloną wartością {arg}{allowed}"),
            }
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(error)
                .map(|e| e.to_string())
                .unwrap_or_default();
            format!("{arg}: {why}")
        }
        ErrorKind::UnknownArgument => {
            format!(
                "nieznana opcja „{arg}”{}",
                suggestion(ContextKind::SuggestedArg)
            )
        }
        ErrorKind::InvalidSubcommand => {
            let name = context(error, ContextKind::InvalidSubcommand).join(", ");
            format!(
                "nieznane polecenie „{name}”{}",
                suggestion(ContextKind::SuggestedSubcommand)
            )
        }
        ErrorKind::MissingRequiredArgument => format!("brakuje wymaganych argumentów: {arg}"),
        ErrorKind::MissingSubcommand => "podaj polecenie, np. tablica build".to_string(),
        ErrorKind::ArgumentConflict => {
            let prior = context(error, ContextKind::PriorArg).join(", ");
            format!("opcji {arg} nie można użyć razem z {prior}")
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("za dużo wartości dla {arg}: „{value}”; ujmij tekst ze spacjami w cudzysłów")
        }
        ErrorKind::InvalidUtf8 => "argument nie jest poprawnym tekstem UTF-8".to_string(),
        _ => "nie rozumiem tego polecenia".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_polish_texts_parse_and_name_every_command() {
        let texts = polish_texts();
        for key in [
            "about", "build", "package", "serve", "deploy", "check", "new", "import", "man",
        ] {
            assert!(texts.contains_key(key), "pl.yaml has no {key}");
        }
    }
}
