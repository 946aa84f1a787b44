//! Load: walks `content/<site>/`, reads each Markdown file (decoding the
//! cp1250 files clerks' editors still produce), parses its front matter and
//! renders its body. Each file is loaded on its own, in parallel; nothing
//! here looks at other files, so `serve` can reload just one.

pub mod embeds;
pub mod facts;
pub mod files;
pub mod front_matter;
pub mod markdown;
pub mod paths;
pub mod pictures;

use crate::base::diagnostic::text;
use crate::base::diagnostic::{line_col, Diagnostic, Location, Text};
use crate::config::{SiteConfig, Workspace};
use front_matter::{FrontMatter, Requirement};
use markdown::{MarkdownContext, Rendered};
use paths::{asset_output_path, url_path_for, Bundles};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Where a Markdown file sits in the content tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocKind {
    /// `_index.md` at the site root: the home page text.
    SiteIndex,
    /// `<section>/_index.md`: a section's title and intro.
    SectionIndex,
    /// Any other `.md` file: an announcement or a standalone page.
    Page,
}

/// One loaded Markdown file.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file on disk.
    pub source: PathBuf,
    /// Path relative to the site's content folder, with `/` separators.
    pub content_path: String,
    pub kind: DocKind,
    /// The first folder of the path (`aktualnosci`), if any.
    pub section: Option<String>,
    /// URL path relative to the site root, ending with `/` (empty for home).
    pub url_path: String,
    pub front: FrontMatter,
    /// Shared, not copied, when the document is cloned: `serve` keeps the
    /// loaded files and arranges models from copies of them.
    pub body: std::sync::Arc<Rendered>,
    /// The front matter's attachments, found on disk and measured.
    pub attachments: Vec<files::AttachmentFile>,
    /// The front matter's photo gallery, found on disk and measured.
    pub gallery: Vec<files::GalleryImage>,
    /// A hash of the file's text: two documents of one site with the same
    /// path and revision were read from the same words (`serve` keeps
    /// what it derived from a page, such as its search terms, by it).
    pub revision: u64,
}

impl Document {
    /// Whether `other` (the same file read again) keeps this document's
    /// place in the site: its address, date, labels, event, consultation,
    /// kind and draft state, everything that decides which lists, feeds
    /// and calendars it is in and in what order. When it does, only its
    /// words changed (title, summary, text, signature, attachments,
    /// photos), and so only the pages that show them.
    pub fn keeps_place_of(&self, other: &Document) -> bool {
        let (a, b) = (&self.front, &other.front);
        self.content_path == other.content_path
            && self.kind == other.kind
            && self.section == other.section
            && self.url_path == other.url_path
            && a.date == b.date
            && a.updated == b.updated
            && a.tags == b.tags
            && a.categories == b.categories
            && a.gminy == b.gminy
            && a.draft == b.draft
            && a.event == b.event
            && a.consultation == b.consultation
            && a.kind == b.kind
    }

    /// The front matter summary, or the start of the first paragraph.
    pub fn summary(&self) -> String {
        match &self.front.summary {
            Some(s) => s.clone(),
            None => shorten(&self.body.first_paragraph, 240),
        }
    }
}

/// A file that is not Markdown, copied as it is.
#[derive(Debug, Clone)]
pub struct Asset {
    pub source: PathBuf,
    /// Path relative to the site's content folder, with `/` separators.
    pub content_path: String,
    /// The page whose bundle holds this file: it is published with that page.
    pub bundle_of: Option<String>,
    /// Output path relative to the site folder.
    pub output_path: String,
}

/// The site's logo or EU strip when it is a photo-like picture (PNG,
/// JPEG…): published through `media` like a page's photos.
#[derive(Debug, Clone)]
pub struct Emblem {
    /// The address as config.yaml writes it (`/img/logo.png`).
    pub src: String,
    pub plan: crate::media::Plan,
    /// Where config.yaml names it.
    pub config_file: PathBuf,
    pub pos: facts::Pos,
}

/// Everything read from one site's content folder.
#[derive(Debug, Clone)]
pub struct LoadedSite {
    pub documents: Vec<Document>,
    pub assets: Vec<Asset>,
    /// The logo and EU strip, when they are published through `media`.
    pub emblems: Vec<Emblem>,
    /// Content paths of Markdown files that could not be loaded; their
    /// errors are in the diagnostics, and links to them are not errors too.
    pub failed: Vec<String>,
}

/// Result of loading: what could be read, and every problem found on the way.
pub struct Loaded {
    pub site: LoadedSite,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads every file of `content/<site.id>/`.
pub fn load_site(workspace: &Workspace, site: &SiteConfig) -> Loaded {
    let root = workspace.root.join("content").join(&site.id);
    let static_dir = workspace.root.join("static");
    let mut diagnostics = Vec::new();
    let (markdown_files, other_files) = list_files(&root, &mut diagnostics);
    let bundles: Bundles = markdown_files
        .iter()
        .map(|(rel, _)| rel.trim_end_matches(".md").to_string())
        .collect();
    let pack = markdown_files.len() > PACK_ABOVE;
    let results: Vec<DocumentResult> = markdown_files
        .par_iter()
        .map(|(rel, path)| {
            let mut result = load_document(site, &bundles, &static_dir, path, rel);
            if let (true, Ok((doc, _))) = (pack, &mut result) {
                if let Some(body) = std::sync::Arc::get_mut(&mut doc.body) {
                    body.pack();
                }
            }
            result
        })
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    for (result, (rel, _)) in results.into_iter().zip(&markdown_files) {
        match result {
            Ok((doc, warnings)) => {
                documents.push(doc);
                diagnostics.extend(warnings);
            }
            Err(errors) => {
                diagnostics.extend(errors);
                failed.push(rel.clone());
            }
        }
    }
    let assets = other_files
        .into_iter()
        .map(|(rel, source)| Asset {
            output_path: asset_output_path(&rel, &bundles),
            bundle_of: paths::bundle_of(&rel, &bundles),
            content_path: rel,
            source,
        })
        .collect();
    let emblems = emblems(
        workspace,
        site,
        &root,
        &static_dir,
        &bundles,
        &mut diagnostics,
    );
    Loaded {
        site: LoadedSite {
            documents,
            assets,
            emblems,
            failed,
        },
        diagnostics,
    }
}

/// The site's logo and EU strip when they are raster pictures of the
/// site's content or static folder, with what is wrong with them told at
/// their line of config.yaml.
fn emblems(
    workspace: &Workspace,
    site: &SiteConfig,
    content: &Path,
    statics: &Path,
    bundles: &Bundles,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Emblem> {
    let config_file = workspace.root.join("config.yaml");
    let config_text = std::fs::read_to_string(&config_file).unwrap_or_default();
    let places = pictures::Places {
        bundle: content,
        page_url: "",
        content,
        statics,
        bundles,
    };
    let named = [
        (site.logo.as_ref(), &crate::media::LOGO_WIDTHS[..]),
        (site.eu_funds.as_ref(), &crate::media::WIDTHS[..]),
    ];
    let mut out = Vec::new();
    for (image, widths) in named {
        let Some(src) = image.map(|i| i.src.as_str()) else {
            continue;
        };
        if !src.starts_with('/') || !crate::media::is_raster_name(src) {
            continue;
        }
        let (line, column) = config_text
            .find(src)
            .map_or((1, 1), |offset| line_col(&config_text, offset));
        let pos = facts::Pos { line, column };
        let Some(found) = pictures::plan_with_widths(src, &places, widths) else {
            continue;
        };
        match found {
            Ok((plan, warnings)) => {
                diagnostics.extend(
                    warnings
                        .into_iter()
                        .map(|f| picture_diagnostic(&config_file, pos, f)),
                );
                out.push(Emblem {
                    src: src.to_string(),
                    plan,
                    config_file: config_file.clone(),
                    pos,
                });
            }
            Err(finding) => diagnostics.push(picture_diagnostic(&config_file, pos, finding)),
        }
    }
    out
}

type Listing = Vec<(String, PathBuf)>;

/// Markdown files and other files under `root`, sorted, as (relative path, path).
fn list_files(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> (Listing, Listing) {
    let mut markdown = Vec::new();
    let mut other = Vec::new();
    // Sorted once at the end, on every core, rather than folder by folder.
    for entry in WalkDir::new(root) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(root).to_path_buf();
                let e = std::io::Error::from(e);
                diagnostics.push(
                    Diagnostic::error(
                        Location::file(path),
                        crate::base::diagnostic::io_message(
                            "nie można odczytać",
                            "cannot read",
                            &e,
                        ),
                    )
                    .with_code(crate::base::diagnostic::IO),
                );
                continue;
            }
        };
        if !entry.file_type().is_file()
            || crate::base::temp_files::is_temporary(entry.file_name().to_string_lossy().as_ref())
        {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if rel.ends_with(".md") {
            markdown.push((rel, entry.path().to_path_buf()));
        } else {
            other.push((rel, entry.path().to_path_buf()));
        }
    }
    // By names folder by folder, as a walk sorted by file name yields them.
    let by_components =
        |a: &(String, PathBuf), b: &(String, PathBuf)| a.1.components().cmp(b.1.components());
    markdown.par_sort_by(by_components);
    other.par_sort_by(by_components);
    (markdown, other)
}

/// Above this many files a site holds its bodies packed (see
/// [`markdown::Rendered::pack`]): at 100,000 announcements they are the
/// largest part of the build's memory; below, unpacking is not worth it.
const PACK_ABOVE: usize = 20_000;

/// A loaded document with its warnings, or the errors that stopped it.
pub type DocumentResult = Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Reads one Markdown file; returns the document and its warnings, or its errors.
pub fn load_document(
    site: &SiteConfig,
    bundles: &Bundles,
    static_dir: &Path,
    path: &Path,
    content_path: &str,
) -> DocumentResult {
    let mut warnings = Vec::new();
    let source = read_text(path, &mut warnings).map_err(|e| vec![e])?;
    document_from_text(site, bundles, static_dir, path, content_path, &source).map(
        |(document, more)| {
            warnings.extend(more);
            (document, warnings)
        },
    )
}

/// Makes a document of `source`, the text of the Markdown file at `path`
/// as it is or as the editor would save it (line ends already `\n`).
pub fn document_from_text(
    site: &SiteConfig,
    bundles: &Bundles,
    static_dir: &Path,
    path: &Path,
    content_path: &str,
    source: &str,
) -> DocumentResult {
    // `path` is `<content root>/<content_path>`.
    let depth = content_path.split('/').count();
    let content_root = path.ancestors().nth(depth).unwrap_or(path);
    let mut warnings = Vec::new();
    let split = front_matter::split(path, source).map_err(|e| vec![e])?;
    let (kind, section) = classify(content_path);
    if kind == DocKind::Page && paths::slug_of(content_path).is_empty() {
        return Err(vec![no_slug_in_name(path)]);
    }
    let requirement = match (&kind, &section) {
        (DocKind::Page, Some(_)) => Requirement::TitleAndDate,
        _ => Requirement::TitleOnly,
    };
    let mut front = front_matter::parse(path, split.yaml, requirement)?;
    // Problems that leave the page whole travel with it (the build still
    // stops on them), so that the checks see the page and one run reports
    // every problem of the file.
    warnings.extend(check_gminy(site, path, split.yaml, &front));
    typeset_front_matter(&mut front);
    let bundle_dir = content_root.join(content_path.trim_end_matches(".md"));
    let roots = files::Roots {
        bundle: &bundle_dir,
        content: content_root,
        statics: static_dir,
        base_path: site.base_path(),
        page_url: &url_path_for(content_path),
    };
    let (attachments, gallery) = resolve_files(&front, &roots, path, split.yaml, &mut warnings)
        .unwrap_or_else(|errors| {
            warnings.extend(errors);
            Default::default()
        });
    let places = pictures::Places {
        bundle: &bundle_dir,
        page_url: roots.page_url,
        content: content_root,
        statics: static_dir,
        bundles,
    };
    let mut body = render_body(site, &split, places);
    warnings.extend(
        std::mem::take(&mut body.picture_findings)
            .into_iter()
            .map(|f| picture_diagnostic(path, f.pos, f.finding)),
    );
    if kind == DocKind::Page {
        front_matter_facts(&mut body.facts, &front, path, split.yaml);
    }
    Ok((
        Document {
            source: path.to_path_buf(),
            url_path: url_path_for(content_path),
            content_path: content_path.to_string(),
            kind,
            section,
            front,
            body: std::sync::Arc::new(body),
            attachments,
            gallery,
            revision: crate::base::fast_hash(source.as_bytes()),
        },
        warnings,
    ))
}

/// A page's address is the slug of its file name; a name with nothing but
/// a date would give none.
fn no_slug_in_name(path: &Path) -> Diagnostic {
    Diagnostic::error(
        Location::file(path),
        Text::new(
            "z nazwy tego pliku nie da się utworzyć adresu strony: po dacie nie ma liter ani cyfr",
            "this file's name cannot make a page address: there are no letters or digits after the date",
        ),
    )
    .with_hint(Text::new(
        "nazwij plik słowami z tytułu, np. 2021-05-01-spotkanie-w-gminie.md",
        "name the file with words of the title, e.g. 2021-05-01-meeting-in-the-gmina.md",
    ))
}

/// A problem with a picture, at the place the page names it.
pub fn picture_diagnostic(
    path: &Path,
    pos: facts::Pos,
    finding: crate::media::probe::Finding,
) -> Diagnostic {
    let location = Location::at(path, pos.line, pos.column);
    let diagnostic = if finding.error {
        Diagnostic::error(location, finding.message)
    } else {
        Diagnostic::warning(location, finding.message)
    };
    diagnostic.with_hint(finding.hint)
}

/// A problem met while making a picture's files (`output`, `serve`),
/// told at the place that names the picture.
pub fn picture_problem(
    path: &Path,
    pos: facts::Pos,
    plan: &crate::media::Plan,
    problem: &crate::media::Problem,
) -> Diagnostic {
    let name = crate::media::probe::name_of(&plan.source);
    picture_diagnostic(path, pos, problem.finding(&name))
}

/// The page's attachments and gallery images; the errors of both are
/// reported together, so one run shows every missing file. Warnings
/// about gallery photos go to `notes`.
fn resolve_files(
    front: &FrontMatter,
    roots: &files::Roots,
    path: &Path,
    yaml: &str,
    notes: &mut Vec<Diagnostic>,
) -> Result<(Vec<files::AttachmentFile>, Vec<files::GalleryImage>), Vec<Diagnostic>> {
    let attachments = files::resolve_attachments(front, roots, path, yaml);
    let gallery = files::resolve_gallery(front, roots, path, yaml, notes);
    match (attachments, gallery) {
        (Ok(a), Ok(g)) => Ok((a, g)),
        (a, g) => {
            let mut errors = a.err().unwrap_or_default();
            errors.extend(g.err().unwrap_or_default());
            Err(errors)
        }
    }
}

/// Renders the Markdown body with what the site and the page's bundle
/// folder tell the renderer.
fn render_body(
    site: &SiteConfig,
    split: &front_matter::Split,
    places: pictures::Places,
) -> Rendered {
    let mut rendered = markdown::render(
        split.body,
        &MarkdownContext {
            base_path: site.base_path(),
            unsafe_html: site.unsafe_html,
            body_line_offset: split.body_line_offset,
            bundles: places.bundles,
            lang: site.lang(),
            places,
        },
    );
    // Players survive only raw HTML a site allowed; they load on a click.
    if site.unsafe_html {
        let deferred = embeds::defer(&rendered.html());
        rendered.set_html(deferred);
    }
    rendered
}

/// Where the title, date and attachments of a page are written, for the check.
fn front_matter_facts(facts: &mut facts::Facts, front: &FrontMatter, path: &Path, yaml: &str) {
    let at = |key| {
        let location = front_matter::key_location(path, yaml, key);
        Some(facts::Pos {
            line: location.line?,
            column: location.column?,
        })
    };
    facts.title_at = at("title");
    facts.date_at = front.date.and_then(|_| at("date"));
    facts.video_at = front.video.as_ref().and_then(|_| at("video"));
    facts.attachments = attachment_facts(front, yaml);
}

/// Each attachment's title and file, at its `title:` under `attachments:`.
fn attachment_facts(front: &FrontMatter, yaml: &str) -> Vec<facts::AttachmentFact> {
    let lines: Vec<&str> = yaml.lines().collect();
    let mut from = lines
        .iter()
        .position(|l| {
            front_matter::names_of("attachments").any(|k| l.starts_with(&format!("{k}:")))
        })
        .unwrap_or(0);
    front
        .attachments
        .iter()
        .map(|a| {
            let found = lines.iter().enumerate().skip(from).find_map(|(i, l)| {
                let column =
                    front_matter::names_of("title").find_map(|k| l.find(&format!("{k}:")))?;
                Some((i, column))
            });
            let pos = match found {
                Some((i, column)) => {
                    from = i + 1;
                    // The YAML starts on line 2, after the first `---`.
                    facts::Pos {
                        line: i + 2,
                        column: column + 1,
                    }
                }
                None => facts::Pos::default(),
            };
            facts::AttachmentFact {
                title: a.title.clone(),
                file: a.file.clone(),
                pos,
            }
        })
        .collect()
}

/// Polish typography for the texts of the front matter that readers see.
fn typeset_front_matter(front: &mut FrontMatter) {
    use crate::base::typography::typeset as bind;
    front.title = bind(&front.title);
    for text in [&mut front.summary, &mut front.signature]
        .into_iter()
        .flatten()
    {
        *text = bind(text);
    }
}

/// Every name under `gminy:` must be a member of the partnership.
fn check_gminy(site: &SiteConfig, path: &Path, yaml: &str, front: &FrontMatter) -> Vec<Diagnostic> {
    let members: Vec<&str> = site.members.iter().map(|m| m.name.as_str()).collect();
    front
        .gminy
        .iter()
        .filter(|g| !members.contains(&g.as_str()))
        .map(|g| {
            let d = Diagnostic::error(
                front_matter::key_location(path, yaml, "gminy"),
                text!(
                    "„{g}” nie jest członkiem tego partnerstwa",
                    "`{g}` is not a member of this partnership"
                ),
            );
            match member_meant(g, &members) {
                Some(near) => {
                    d.with_hint(text!("czy chodziło o „{near}”?", "did you mean `{near}`?"))
                }
                None => d.with_hint(Text::new(
                    "wpisz nazwę dokładnie tak, jak na liście members w config.yaml",
                    "write the name exactly as in the list of members in config.yaml",
                )),
            }
        })
        .collect()
}

/// The member a clerk meant: the same place without "Gmina"/"Powiat"
/// (`Klukowo` → `Gmina Klukowo`), in other letter case, or with a typo.
fn member_meant<'m>(written: &str, members: &[&'m str]) -> Option<&'m str> {
    let core = |name: &str| {
        let lower = name.trim().to_lowercase();
        const KINDS: [&str; 6] = [
            "miasto i gmina ",
            "gmina ",
            "miasto ",
            "powiat ",
            "gm. ",
            "m. ",
        ];
        KINDS
            .iter()
            .find_map(|k| lower.strip_prefix(k))
            .unwrap_or(&lower)
            .trim()
            .to_string()
    };
    let wanted = core(written);
    members
        .iter()
        .copied()
        .find(|m| core(m) == wanted)
        .or_else(|| crate::base::diagnostic::nearest(written, members))
        .or_else(|| {
            let cores: Vec<String> = members.iter().map(|m| core(m)).collect();
            let refs: Vec<&str> = cores.iter().map(String::as_str).collect();
            let near = crate::base::diagnostic::nearest(&wanted, &refs)?;
            members.iter().copied().find(|m| core(m) == near)
        })
}

fn classify(content_path: &str) -> (DocKind, Option<String>) {
    let section = content_path.split_once('/').map(|(s, _)| s.to_string());
    let is_index = content_path == "_index.md" || content_path.ends_with("/_index.md");
    let kind = match (is_index, &section) {
        (true, None) => DocKind::SiteIndex,
        (true, Some(_)) => DocKind::SectionIndex,
        (false, _) => DocKind::Page,
    };
    (kind, section)
}

/// Reads a text file as UTF-8. Files saved as Windows-1250 or UTF-16 by
/// older editors are decoded with a warning that says how to fix them.
fn read_text(path: &Path, warnings: &mut Vec<Diagnostic>) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(
            Location::file(path),
            crate::base::diagnostic::io_message(
                "nie można odczytać pliku",
                "cannot read the file",
                &e,
            ),
        )
        .with_code(crate::base::diagnostic::IO)
    })?;
    let text = decode(path, &bytes, warnings)?;
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

fn decode(path: &Path, bytes: &[u8], warnings: &mut Vec<Diagnostic>) -> Result<String, Diagnostic> {
    let save_as_utf8 = Text::new(
        "zapisz plik w kodowaniu UTF-8 (Notatnik: Plik → Zapisz jako → Kodowanie: UTF-8)",
        "save the file as UTF-8 (Notepad: File → Save as → Encoding: UTF-8)",
    );
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, _) = encoding.decode(bytes);
        if encoding != encoding_rs::UTF_8 {
            let name = encoding.name();
            warnings.push(
                Diagnostic::warning(
                    Location::file(path),
                    text!(
                        "plik jest zapisany w {name}; odczytano go poprawnie",
                        "the file is saved as {name}; it was read correctly"
                    ),
                )
                .with_hint(save_as_utf8),
            );
        }
        return Ok(text.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            if bytes.contains(&0) {
                return Err(Diagnostic::error(
                    Location::file(path),
                    Text::new("to nie jest plik tekstowy", "this is not a text file"),
                )
                .with_hint(save_as_utf8));
            }
            let (text, _, _) = encoding_rs::WINDOWS_1250.decode(bytes);
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
            let (line, column) = line_col(&valid, valid.len());
            warnings.push(
                Diagnostic::warning(
                    Location::at(path, line, column),
                    Text::new(
                        "plik nie jest w UTF-8; odczytano go jako Windows-1250 (cp1250) — sprawdź polskie litery na stronie",
                        "the file is not UTF-8; it was read as Windows-1250 (cp1250) — check the Polish letters on the page",
                    ),
                )
                .with_hint(save_as_utf8),
            );
            Ok(text.into_owned())
        }
    }
}

/// Cuts text at a word boundary to at most `max` characters, adding `…`.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    // One character more, so a space right after the limit counts as a boundary.
    let cut: String = text.chars().take(max + 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!(
        "{}…",
        cut.trim_end_matches([',', ';', ':', ' ', '.', '–', '-'])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp1250_is_decoded_with_a_warning_naming_the_line() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode("---\ntitle: Łosice\n---\n");
        let mut warnings = Vec::new();
        let text = decode(Path::new("a.md"), &bytes, &mut warnings).unwrap();
        assert_eq!(text, "---\ntitle: Łosice\n---\n");
        assert_eq!(warnings[0].location, Location::at("a.md", 2, 8));
    }

    #[test]
    fn shorten_cuts_at_words() {
        assert_eq!(shorten("Ala ma kota i psa", 11), "Ala ma kota…");
        assert_eq!(shorten("krótko", 10), "krótko");
    }
}
