//! The corpus as data: sites with members, and announcements with their
//! front matter and a body made of blocks. The writers turn it into a
//! Tablica workspace, a Zola site or a Hugo site.

use crate::rng::Rng;
use crate::words::{self, Topic};
use std::path::PathBuf;
use tablica::base::date::days_in_month;

pub struct Member {
    pub name: String,
    pub kind: &'static str,
}

pub struct Site {
    pub id: String,
    pub title: String,
    pub voivodeship: &'static str,
    pub members: Vec<Member>,
    pub pages: Vec<Page>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub y: u16,
    pub m: u8,
    pub d: u32,
}

impl Date {
    /// The date `n` days later, a month at a time.
    pub fn add_days(self, n: u32) -> Date {
        let (mut y, mut m, mut d) = (self.y, self.m, self.d + n);
        loop {
            let length = u32::from(days_in_month(y, m));
            if d <= length {
                return Date { y, m, d };
            }
            d -= length;
            m += 1;
            if m > 12 {
                m = 1;
                y += 1;
            }
        }
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    /// As clerks write it: 20.01.2021.
    pub fn polish(self) -> String {
        format!("{:02}.{:02}.{:04}", self.d, self.m, self.y)
    }
}

pub struct Attachment {
    pub file: &'static str,
    pub title: &'static str,
    pub bytes: Vec<u8>,
}

pub struct Event {
    pub start: Date,
    pub hour: u32,
    pub place: String,
}

/// A photo shown in an announcement's body, in the page's bundle folder
/// as [`PHOTO_FILE`].
pub struct Photo {
    /// The source file, linked or copied into each tool's bundle.
    pub source: PathBuf,
    pub alt: String,
    pub caption: String,
}

/// The photo's name in its announcement's bundle folder.
pub const PHOTO_FILE: &str = "zdjecie.jpg";

pub struct Consultation {
    pub subject: String,
    pub from: Date,
    pub to: Date,
}

/// A piece of an announcement's body.
pub enum Block {
    Heading(String),
    /// A `###` heading under the last `##` one.
    SubHeading(String),
    Paragraph(String),
    List(Vec<String>),
    Numbered(Vec<String>),
    Table(Vec<[String; 3]>),
    /// A sentence ending in a link to an earlier announcement of the site.
    Link {
        phrase: &'static str,
        target: usize,
    },
}

pub struct Page {
    /// File name without `.md`: `2021-01-20-slug`.
    pub stem: String,
    pub slug: String,
    pub title: String,
    pub date: Date,
    pub summary: String,
    pub tags: Vec<&'static str>,
    pub categories: Vec<&'static str>,
    pub gminy: Vec<String>,
    pub signature: String,
    pub attachments: Vec<Attachment>,
    pub event: Option<Event>,
    pub consultation: Option<Consultation>,
    pub body: Vec<Block>,
    pub photo: Option<Photo>,
}

/// Letters of a title turned into an address: lower case, Polish letters
/// transliterated, anything else a hyphen.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ą' => 'a',
            'ć' => 'c',
            'ę' => 'e',
            'ł' => 'l',
            'ń' => 'n',
            'ó' => 'o',
            'ś' => 's',
            'ź' | 'ż' => 'z',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c != '-' || !(out.is_empty() || out.ends_with('-')) {
            out.push(c);
        }
    }
    out.trim_end_matches('-').to_string()
}

const FIRST_DAY: Date = Date {
    y: 2019,
    m: 1,
    d: 2,
};
/// FIRST_DAY plus this many days is 30.12.2025: every announcement is in
/// the past, so none waits as scheduled.
const SPAN_DAYS: usize = 2554;

pub fn sites(count: usize, pages: usize, seed: u64) -> Vec<Site> {
    (0..count)
        .map(|i| {
            let mut site = site_skeleton(i, seed);
            site.pages = (0..pages).map(|p| page(&site, i, p, pages, seed)).collect();
            site
        })
        .collect()
}

fn site_skeleton(index: usize, seed: u64) -> Site {
    if let Some(known) = words::KNOWN_SITES.get(index) {
        return Site {
            id: known.id.to_string(),
            title: known.title.to_string(),
            voivodeship: known.voivodeship,
            members: known
                .members
                .iter()
                .map(|&(name, kind)| Member {
                    name: name.to_string(),
                    kind,
                })
                .collect(),
            pages: Vec::new(),
        };
    }
    let more = index - words::KNOWN_SITES.len();
    let names = words::MORE_SITE_NAMES;
    let base = names[more % names.len()];
    let round = more / names.len();
    let name = if round == 0 {
        base.to_string()
    } else {
        format!("{base} {}", round + 1)
    };
    let (voivodeship, pool) = words::MEMBER_GROUPS[more % words::MEMBER_GROUPS.len()];
    let mut rng = Rng::derive(seed, 1, index as u64);
    let n = rng.range(4, pool.len().min(7));
    let members = rng
        .distinct(n, pool.len())
        .into_iter()
        .map(|i| Member {
            name: pool[i].0.to_string(),
            kind: pool[i].1,
        })
        .collect();
    Site {
        id: slugify(&name),
        title: format!("Partnerstwo „{name}”"),
        voivodeship,
        members,
        pages: Vec::new(),
    }
}

/// Fills the slots of a template sentence.
fn fill(rng: &mut Rng, template: &str, site: &Site, date: Date) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let slot = &rest[open + 1..open + 2];
        rest = &rest[open + 3..];
        match slot {
            "g" => out.push_str(&rng.pick(&site.members).name),
            "p" => out.push_str(&site.title),
            "n" => out.push_str(&rng.range(3, 48).to_string()),
            "k" => {
                let mln = rng.range(3, 180);
                out.push_str(&format!("{},{} mln\u{a0}zł", mln / 10, mln % 10));
            }
            "d" => out.push_str(&date.add_days(rng.range(5, 60) as u32).polish()),
            "m" => out.push_str(rng.word(words::PLACES)),
            "v" => out.push_str(site.voivodeship),
            _ => out.push_str(slot),
        }
    }
    out.push_str(rest);
    out
}

fn paragraph(rng: &mut Rng, topic: &Topic, site: &Site, date: Date) -> String {
    let n = rng.range(3, 6);
    let mut used: Vec<&str> = Vec::with_capacity(n);
    while used.len() < n {
        let pool = if rng.chance(65) {
            topic.sentences
        } else {
            words::GENERAL
        };
        let sentence = rng.word(pool);
        if !used.contains(&sentence) {
            used.push(sentence);
        }
    }
    let mut text = used
        .into_iter()
        .map(|sentence| fill(rng, sentence, site, date))
        .collect::<Vec<_>>()
        .join(" ");
    // About one paragraph in three stresses a phrase, in bold or italics.
    if rng.chance(35) {
        let phrase = rng.word(words::STRESSED);
        let mark = if rng.chance(50) { "**" } else { "*" };
        text.push_str(&format!(" Uwaga: {mark}{phrase}{mark}."));
    }
    text
}

fn words_in(block: &Block) -> usize {
    let count = |s: &str| s.split_whitespace().count();
    match block {
        Block::Heading(s) | Block::SubHeading(s) | Block::Paragraph(s) => count(s),
        Block::List(items) | Block::Numbered(items) => items.iter().map(|s| count(s)).sum(),
        Block::Table(rows) => rows.iter().flatten().map(|s| count(s)).sum(),
        Block::Link { phrase, .. } => count(phrase) + 4,
    }
}

/// A small but valid PDF, different for each attachment.
fn dummy_pdf(title: &str, page: &str) -> Vec<u8> {
    let text = format!("{page}: {title}");
    let ascii: String = slugify(&text);
    let stream = format!("BT /F1 12 Tf 72 720 Td ({ascii}) Tj ET");
    format!(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
         2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
         3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >> endobj\n\
         4 0 obj << /Length {} >> stream\n{stream}\nendstream endobj\n\
         5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n\
         trailer << /Root 1 0 R >>\n%%EOF\n",
        stream.len()
    )
    .into_bytes()
}

fn page(site: &Site, site_index: usize, index: usize, total: usize, seed: u64) -> Page {
    let mut rng = Rng::derive(seed, 2 + site_index as u64, index as u64);
    let date = FIRST_DAY.add_days((SPAN_DAYS * index / total.max(1)) as u32);
    let topic = rng.pick(words::TOPICS);
    let template = rng.word(topic.titles);
    // Clerks number their announcements; the number keeps every title of a
    // site different, as a real portal's are (Tablica warns about repeats).
    let mut title = fill(&mut rng, template, site, date);
    if rng.chance(30) {
        title = format!("{title} – projekt „{}”", rng.word(words::PROJECTS));
    }
    let title = format!("{title} (nr {})", index + 1);
    let slug = slugify(&title);
    let stem = format!("{}-{slug}", date.iso());

    let mut tags: Vec<&'static str> = topic.tags.iter().map(|&t| words::TAGS[t]).collect();
    let want = rng.range(2, 5);
    tags.truncate(want.min(tags.len()).max(1));
    while tags.len() < want {
        let t = rng.word(words::TAGS);
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    let mut categories = vec![words::CATEGORIES[topic.category]];
    if rng.chance(30) {
        let c = rng.word(words::CATEGORIES);
        if !categories.contains(&c) {
            categories.push(c);
        }
    }
    let how_many = rng.range(1, 4).min(site.members.len());
    let gminy: Vec<String> = rng
        .distinct(how_many, site.members.len())
        .into_iter()
        .map(|i| site.members[i].name.clone())
        .collect();

    // 400–800 words; the last block overshoots, so the mean is about 680.
    let target = rng.range(410, 850);
    let mut body = Vec::new();
    let mut count = 0;
    let mut links = if index > 0 { rng.range(1, 3) } else { 0 };
    let mut tabled = !rng.chance(30);
    let mut headed = false;
    while count < target {
        let block = match rng.range(0, 10) {
            0 => {
                headed = true;
                Block::Heading(rng.word(topic.headings).to_string())
            }
            9 if headed => Block::SubHeading(rng.word(words::SUBHEADINGS).to_string()),
            1 => {
                let n = rng.range(3, 6);
                let items = rng
                    .distinct(n, topic.items.len())
                    .into_iter()
                    .map(|i| topic.items[i].to_string())
                    .collect();
                if rng.chance(40) {
                    Block::Numbered(items)
                } else {
                    Block::List(items)
                }
            }
            2 if !tabled => {
                tabled = true;
                let rows = (0..rng.range(2, 5))
                    .map(|r| {
                        let day = date.add_days(7 * (r as u32 + 1));
                        let member = &rng.pick(&site.members).name;
                        [
                            day.polish(),
                            format!("{member}, {}", rng.word(words::PLACES)),
                            format!("{}:00", rng.range(9, 18)),
                        ]
                    })
                    .collect();
                Block::Table(rows)
            }
            3 | 8 if links > 0 => {
                links -= 1;
                Block::Link {
                    phrase: rng.word(words::LINK_PHRASES),
                    target: rng.range(0, index - 1),
                }
            }
            _ => Block::Paragraph(paragraph(&mut rng, topic, site, date)),
        };
        count += words_in(&block);
        body.push(block);
    }
    body.push(Block::Paragraph(rng.word(words::CLOSINGS).to_string()));

    let template = rng.word(topic.sentences);
    let summary = fill(&mut rng, template, site, date);
    let attachments = if rng.chance(15) {
        let how_many = rng.range(1, 2);
        rng.distinct(how_many, words::ATTACHMENT_TITLES.len())
            .into_iter()
            .map(|i| {
                let (file, title) = words::ATTACHMENT_TITLES[i];
                Attachment {
                    file,
                    title,
                    bytes: dummy_pdf(title, &stem),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let event = rng.chance(10).then(|| Event {
        start: date.add_days(rng.range(3, 20) as u32),
        hour: rng.range(9, 18) as u32,
        place: format!(
            "{} – {}",
            rng.word(words::PLACES),
            rng.pick(&site.members).name
        ),
    });
    let consultation = (topic.category == 1 && rng.chance(40)).then(|| Consultation {
        subject: "Projekt strategii rozwoju ponadlokalnego".to_string(),
        from: date,
        to: date.add_days(21),
    });
    let signer = &rng.pick(&site.members).name;
    Page {
        stem,
        slug,
        title,
        date,
        summary,
        tags,
        categories,
        gminy,
        signature: format!("W imieniu Partnerstwa – przedstawiciel: {signer}"),
        attachments,
        event,
        consultation,
        body,
        photo: None,
    }
}

/// Puts one photo each into `photos.len()` announcements spread evenly over
/// the whole corpus (sites in order, pages in order): 100 photos over 1,000
/// announcements go to every tenth, starting with the first. The alt text
/// and caption come from the page, so the rest of the corpus (and its random
/// draws) is the same with or without photos.
pub fn add_photos(sites: &mut [Site], photos: Vec<PathBuf>) -> Result<(), String> {
    let total: usize = sites.iter().map(|s| s.pages.len()).sum();
    if photos.len() > total {
        return Err(format!(
            "{} photos for {total} announcements: at most one photo per announcement",
            photos.len()
        ));
    }
    let count = photos.len();
    for (k, source) in photos.into_iter().enumerate() {
        let mut index = k * total / count;
        let site = sites
            .iter_mut()
            .find(|s| {
                if index < s.pages.len() {
                    true
                } else {
                    index -= s.pages.len();
                    false
                }
            })
            .expect("index below the total");
        let page = &mut site.pages[index];
        let gmina = page.gminy[0].clone();
        page.photo = Some(Photo {
            source,
            alt: format!(
                "Uczestnicy spotkania w {} – {gmina}",
                words::PLACES[k % words::PLACES.len()]
            ),
            caption: format!("{} – fot. {gmina}", page.date.polish()),
        });
    }
    Ok(())
}

/// The body as Markdown; `link` gives the address of another announcement
/// in the tool's own syntax, `figure` the Markdown that shows the page's
/// photo (after the first paragraph).
pub fn markdown(
    page: &Page,
    site: &Site,
    link: impl Fn(&Page) -> String,
    figure: impl Fn(&Photo) -> String,
) -> String {
    let mut out = String::with_capacity(6000);
    let mut photo = page.photo.as_ref();
    if !page.body.iter().any(|b| matches!(b, Block::Paragraph(_))) {
        if let Some(p) = photo.take() {
            out.push_str(&figure(p));
            out.push_str("\n\n");
        }
    }
    for block in &page.body {
        match block {
            Block::Heading(text) => out.push_str(&format!("## {text}\n\n")),
            Block::SubHeading(text) => out.push_str(&format!("### {text}\n\n")),
            Block::Paragraph(text) => out.push_str(&format!("{text}\n\n")),
            Block::List(items) => {
                for item in items {
                    out.push_str(&format!("- {item}\n"));
                }
                out.push('\n');
            }
            Block::Numbered(items) => {
                for (i, item) in items.iter().enumerate() {
                    out.push_str(&format!("{}. {item}\n", i + 1));
                }
                out.push('\n');
            }
            Block::Table(rows) => {
                out.push_str("| Data | Miejsce | Godzina |\n|---|---|---|\n");
                for [a, b, c] in rows {
                    out.push_str(&format!("| {a} | {b} | {c} |\n"));
                }
                out.push('\n');
            }
            Block::Link { phrase, target } => {
                let other = &site.pages[*target];
                out.push_str(&format!("{phrase} [{}]({}).\n\n", other.title, link(other)));
            }
        }
        if let (Block::Paragraph(_), Some(p)) = (block, photo) {
            out.push_str(&figure(p));
            out.push_str("\n\n");
            photo = None;
        }
    }
    out
}
