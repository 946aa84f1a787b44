//! The lines `tablica deploy` prints: with `--dry-run` every path it would
//! send or delete, then one line per site with the counts and the target.

use super::Deployed;
use crate::base::diagnostic::Lang;
use crate::report::plural_pl;

/// The report of one site's deploy, ending with a newline.
pub fn line(deployed: &Deployed, lang: Lang) -> String {
    let plan = &deployed.plan;
    let mut out = String::new();
    if deployed.dry_run {
        let (send, delete) = match lang {
            Lang::Pl => ("wyślę", "usunę"),
            Lang::En => ("send", "delete"),
        };
        for entry in plan.uploads() {
            out.push_str(&format!("  {send}: {}\n", entry.path));
        }
        for path in &plan.removed {
            out.push_str(&format!("  {delete}: {path}\n"));
        }
    }
    let files = files(plan.upload_count(), lang);
    let size = size(plan.upload_bytes(), lang);
    let (removed, unchanged) = (plan.removed.len(), plan.unchanged);
    let site = &deployed.site;
    let target = &deployed.target;
    let summary = match (lang, deployed.dry_run) {
        (Lang::Pl, false) => format!("{site}: wysłano {files} ({size}), usunięto {removed}, bez zmian {unchanged} → {target}"),
        (Lang::Pl, true) => format!("{site}: do wysłania {files} ({size}), do usunięcia {removed}, bez zmian {unchanged} → {target} (próba: nic nie zmieniono)"),
        (Lang::En, false) => format!("{site}: sent {files} ({size}), deleted {removed}, unchanged {unchanged} → {target}"),
        (Lang::En, true) => format!("{site}: would send {files} ({size}), delete {removed}, unchanged {unchanged} → {target} (dry run: nothing changed)"),
    };
    out.push_str(&summary);
    out.push('\n');
    out
}

fn files(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Pl => format!("{n} {}", plural_pl(n, "plik", "pliki", "plików")),
        Lang::En => format!("{n} {}", if n == 1 { "file" } else { "files" }),
    }
}

/// Kilobytes, rounded up (a decimal comma in Polish for megabytes).
fn size(bytes: u64, lang: Lang) -> String {
    if bytes < 1_000_000 {
        return format!("{} kB", bytes.div_ceil(1000));
    }
    let mb = format!("{:.1} MB", bytes as f64 / 1_000_000.0);
    match lang {
        Lang::Pl => mb.replace('.', ","),
        Lang::En => mb,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publish::deploy::Plan;
    use crate::publish::manifest::Entry;

    #[test]
    fn polish_and_english_lines() {
        let entry = |path: &str| Entry {
            path: path.into(),
            size: 6_000,
            sha256: String::new(),
        };
        let deployed = Deployed {
            site: "alfa".into(),
            target: "sftp://u@h:22/w/".into(),
            plan: Plan {
                assets: vec![entry("a.css")],
                pages: vec![entry("index.html")],
                removed: vec!["old.html".into()],
                kept: Vec::new(),
                unchanged: 240,
            },
            dry_run: false,
            warnings: Vec::new(),
        };
        assert_eq!(
            line(&deployed, Lang::Pl),
            "alfa: wysłano 2 pliki (12 kB), usunięto 1, bez zmian 240 → sftp://u@h:22/w/\n"
        );
        assert_eq!(
            line(&deployed, Lang::En),
            "alfa: sent 2 files (12 kB), deleted 1, unchanged 240 → sftp://u@h:22/w/\n"
        );
    }
}
