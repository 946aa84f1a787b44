//! Reading a picture's header: what it really is (by its first bytes, not
//! its name), its size, which way is up, and everything that stops it
//! from being published, told the way a clerk can act on it.

use super::Size;
use crate::base::diagnostic::{text, Text};
use memchr::memmem;
use std::path::Path;

/// More pixels than this are refused: a 50-megapixel camera passes; a
/// file that claims 40,000 × 40,000 (a decompression bomb, or a scan at
/// a silly resolution) would need gigabytes to open.
pub const MAX_PIXELS: u64 = 100_000_000;

/// An animated GIF heavier than this gets a warning: it is published whole.
const HEAVY_ANIMATION: u64 = 2 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    Gif,
    Webp,
    Svg,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::Gif => "GIF",
            Format::Webp => "WebP",
            Format::Svg => "SVG",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Gif => "gif",
            Format::Webp => "webp",
            Format::Svg => "svg",
        }
    }
}

/// What a picture's header says.
#[derive(Debug, Clone)]
pub struct Probe {
    pub format: Format,
    /// As stored in the file (before turning it upright); an SVG without
    /// a size in pixels has none.
    pub size: Option<Size>,
    /// The EXIF orientation, 1 (as stored) to 8.
    pub orientation: u8,
    /// Has transparent parts (its fallback is PNG, not JPEG).
    pub alpha: bool,
    /// A GIF with more than one frame.
    pub animated: bool,
    /// A JPEG in print colours (CMYK or YCCK).
    pub cmyk: bool,
    /// The file's length in bytes.
    pub bytes: u64,
    /// The format the file's name says, when it says another one.
    pub misnamed: bool,
    /// A hash of the file's bytes: the cache key of what is made from it.
    pub content_hash: u128,
}

impl Probe {
    /// The size as a resident sees it, with the orientation applied.
    pub fn upright(&self) -> Size {
        let size = self.size.unwrap_or(Size {
            width: 1,
            height: 1,
        });
        if (5..=8).contains(&self.orientation) {
            Size {
                width: size.height,
                height: size.width,
            }
        } else {
            size
        }
    }

    /// What the clerk should know about a picture that is published anyway.
    pub fn warnings(&self, name: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        if self.misnamed {
            let real = self.format.name();
            let ext = self.format.extension();
            out.push(Finding::warning(
                text!(
                    "plik „{name}” to w rzeczywistości obraz {real}, choć jego nazwa mówi co innego",
                    "the file `{name}` is really a {real} image, whatever its name says"
                ),
                text!(
                    "zmień końcówkę nazwy na .{ext}, aby inne programy też otwierały go bez kłopotu",
                    "change the name's ending to .{ext} so that other programs open it without trouble"
                ),
            ));
        }
        if self.cmyk {
            out.push(Finding::warning(
                text!(
                    "zdjęcie „{name}” zapisano w kolorach do druku (CMYK); na stronie będzie w kolorach ekranu, ale odcienie mogą się nieco zmienić",
                    "the photo `{name}` is saved in print colours (CMYK); the page shows it in screen colours, but shades may shift a little"
                ),
                Text::new(
                    "zapisz je jako JPEG w kolorach RGB (w programie graficznym: Obraz → Tryb → RGB)",
                    "save it as an RGB JPEG (in an image editor: Image → Mode → RGB)",
                ),
            ));
        }
        if self.animated && self.bytes > HEAVY_ANIMATION {
            let mb = format!("{:.1}", self.bytes as f64 / 1_048_576.0).replace('.', ",");
            out.push(Finding::warning(
                text!(
                    "animacja „{name}” waży {mb} MB i trafi na stronę w całości: na wolnym łączu będzie się długo wczytywać",
                    "the animation `{name}` weighs {mb} MB and is published whole: it loads slowly on a slow connection"
                ),
                Text::new(
                    "zamiast animacji pokaż jedno zdjęcie albo krótki film z napisami",
                    "show one photo instead, or a short captioned video",
                ),
            ));
        }
        out
    }
}

/// A problem with a picture, in words a clerk can act on.
#[derive(Debug, Clone)]
pub struct Finding {
    /// An error stops the build; a warning is only told.
    pub error: bool,
    pub message: Text,
    pub hint: Text,
}

impl Finding {
    fn error(message: Text, hint: Text) -> Finding {
        Finding {
            error: true,
            message,
            hint,
        }
    }

    fn warning(message: Text, hint: Text) -> Finding {
        Finding {
            error: false,
            message,
            hint,
        }
    }
}

/// Why a picture cannot be published.
#[derive(Debug, Clone)]
pub enum Problem {
    Unreadable(String),
    Empty,
    /// Not a picture at all: the name says so, the bytes do not.
    NotAnImage {
        looks_like: Option<&'static str>,
    },
    /// HEIC/HEIF, the iPhone's own format.
    Heic,
    /// A format browsers do not show and Tablica does not convert.
    Unsupported(&'static str),
    TooLarge(Size),
    /// The file stops before the picture ends (an interrupted copy).
    Truncated,
    /// The decoder gave up: the file is damaged.
    Corrupt(String),
    /// What was made could not be written (a full disk, say).
    Unwritable(String),
}

impl Problem {
    /// The problem told for the file `name`.
    pub fn finding(&self, name: &str) -> Finding {
        match self {
            Problem::Unreadable(detail) => Finding::error(
                text!("nie można odczytać pliku „{name}”: {detail}", "cannot read the file `{name}`: {detail}"),
                Text::new(
                    "sprawdź, czy plik jest na miejscu i czy nie jest otwarty w innym programie",
                    "check that the file is there and not open in another program",
                ),
            ),
            Problem::Empty => Finding::error(
                text!("plik „{name}” jest pusty", "the file `{name}` is empty"),
                Text::new(
                    "skopiuj zdjęcie jeszcze raz z aparatu lub telefonu",
                    "copy the photo again from the camera or phone",
                ),
            ),
            Problem::NotAnImage { looks_like } => {
                let (pl, en) = match looks_like {
                    Some(kind) => (format!(" (to {kind})"), format!(" (it is {kind})")),
                    None => (String::new(), String::new()),
                };
                Finding::error(
                    text!(
                        "plik „{name}” nie jest obrazem, choć jego nazwa na to wskazuje{pl}",
                        "the file `{name}` is not an image, though its name says so{en}"
                    ),
                    Text::new(
                        "otwórz go w programie, w którym powstał, i zapisz jako JPEG (zdjęcie) albo PNG (wykres, grafika); albo wskaż właściwy plik",
                        "open it in the program that made it and save it as JPEG (a photo) or PNG (a chart, a graphic); or name the right file",
                    ),
                )
            }
            Problem::Heic => Finding::error(
                text!(
                    "„{name}” to zdjęcie z iPhone'a w formacie HEIC, którego przeglądarki mieszkańców nie wyświetlą",
                    "`{name}` is an iPhone photo in the HEIC format, which residents' browsers do not show"
                ),
                Text::new(
                    "zapisz je jako JPEG: w Windows otwórz je w aplikacji Zdjęcia i wybierz „Zapisz jako” → JPG, na Macu w Podglądzie „Plik → Eksportuj” → JPEG. Żeby iPhone od razu robił zdjęcia JPEG: Ustawienia → Aparat → Formaty → „Najbardziej zgodne”",
                    "save it as JPEG: on Windows open it in the Photos app and choose \"Save as\" → JPG, on a Mac in Preview \"File → Export\" → JPEG. For the iPhone to take JPEG photos: Settings → Camera → Formats → \"Most Compatible\"",
                ),
            ),
            Problem::Unsupported(format) => Finding::error(
                text!(
                    "„{name}” jest w formacie {format}, którego przeglądarki mieszkańców nie wyświetlą",
                    "`{name}` is in the {format} format, which residents' browsers do not show"
                ),
                Text::new(
                    "zapisz go jako JPEG (zdjęcie) albo PNG (skan, wykres, grafika)",
                    "save it as JPEG (a photo) or PNG (a scan, a chart, a graphic)",
                ),
            ),
            Problem::TooLarge(size) => {
                let (w, h) = (size.width, size.height);
                let mp = size.pixels() / 1_000_000;
                let max = MAX_PIXELS / 1_000_000;
                Finding::error(
                    text!(
                        "obraz „{name}” ma {w} × {h} pikseli ({mp} megapikseli), więcej, niż Tablica może bezpiecznie otworzyć ({max} megapikseli)",
                        "the image `{name}` is {w} × {h} pixels ({mp} megapixels), more than Tablica can safely open ({max} megapixels)"
                    ),
                    Text::new(
                        "zmniejsz go do najwyżej 6000 pikseli szerokości (np. w Paint: „Zmień rozmiar”); strona i tak pokaże najwyżej 1600",
                        "shrink it to 6000 pixels wide at most (e.g. in Paint: \"Resize\"); the page shows 1600 at most anyway",
                    ),
                )
            }
            Problem::Truncated => Finding::error(
                text!(
                    "plik „{name}” jest urwany: zdjęcie nie zostało zapisane do końca (np. przerwane kopiowanie)",
                    "the file `{name}` is cut short: the photo was not saved to the end (an interrupted copy, say)"
                ),
                Text::new(
                    "skopiuj zdjęcie jeszcze raz z aparatu, telefonu albo poczty",
                    "copy the photo again from the camera, the phone or the e-mail",
                ),
            ),
            Problem::Unwritable(detail) => Finding::error(
                text!(
                    "nie można zapisać tego, co powstało z obrazu „{name}”: {detail}",
                    "cannot write what was made of the image `{name}`: {detail}"
                ),
                Text::new(
                    "sprawdź, czy na dysku jest miejsce i czy folder nie jest tylko do odczytu",
                    "check that the disk has room and the folder is not read-only",
                ),
            ),
            Problem::Corrupt(detail) => Finding::error(
                text!(
                    "nie da się odczytać obrazu „{name}”: plik jest uszkodzony ({detail})",
                    "the image `{name}` cannot be read: the file is damaged ({detail})"
                ),
                Text::new(
                    "otwórz go w przeglądarce zdjęć: jeśli się nie otwiera, skopiuj go jeszcze raz; jeśli się otwiera, zapisz go jako nowy plik JPEG",
                    "open it in a photo viewer: if it does not open, copy it again; if it does, save it as a new JPEG file",
                ),
            ),
        }
    }
}

/// Reads a picture's header (and, for a JPEG, checks that it ends).
pub fn probe(path: &Path) -> Result<Probe, Problem> {
    let bytes = std::fs::read(path).map_err(|e| Problem::Unreadable(e.to_string()))?;
    probe_bytes(&bytes, &name_of(path))
}

/// A file's name, as messages quote it.
pub fn name_of(path: &Path) -> String {
    path.file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned())
}

/// [`probe`] of a file's bytes; `name` is its file name, for its extension.
pub fn probe_bytes(bytes: &[u8], name: &str) -> Result<Probe, Problem> {
    if bytes.is_empty() {
        return Err(Problem::Empty);
    }
    let format = sniff(bytes)?;
    let mut probe = Probe {
        format,
        size: None,
        orientation: 1,
        alpha: false,
        animated: false,
        cmyk: false,
        bytes: bytes.len() as u64,
        misnamed: named_format(name).is_some_and(|named| named != format),
        content_hash: xxhash_rust::xxh3::xxh3_128(bytes),
    };
    match format {
        Format::Svg => {
            probe.size = super::svg::size(&String::from_utf8_lossy(bytes));
            return Ok(probe);
        }
        Format::Jpeg => read_jpeg(bytes, &mut probe)?,
        Format::Png => read_png(bytes, &mut probe)?,
        Format::Gif => read_gif(bytes, &mut probe)?,
        Format::Webp => read_webp(bytes, &mut probe)?,
    }
    if probe.size.is_none() {
        let size = imagesize::blob_size(bytes).map_err(|e| Problem::Corrupt(e.to_string()))?;
        probe.size = Some(Size {
            width: u32::try_from(size.width).unwrap_or(u32::MAX),
            height: u32::try_from(size.height).unwrap_or(u32::MAX),
        });
    }
    let size = probe.upright();
    if size.width == 0 || size.height == 0 {
        return Err(Problem::Corrupt("0 × 0".to_string()));
    }
    if size.pixels() > MAX_PIXELS {
        return Err(Problem::TooLarge(size));
    }
    if matches!(format, Format::Jpeg | Format::Png | Format::Webp) {
        probe.orientation = orientation(bytes);
    }
    Ok(probe)
}

/// The format by the first bytes; what is not a picture we publish is a
/// problem that names what it is instead.
fn sniff(bytes: &[u8]) -> Result<Format, Problem> {
    let at = |offset: usize, magic: &[u8]| bytes.get(offset..offset + magic.len()) == Some(magic);
    if at(0, b"\xFF\xD8\xFF") {
        return Ok(Format::Jpeg);
    }
    if at(0, b"\x89PNG\r\n\x1a\n") {
        return Ok(Format::Png);
    }
    if at(0, b"GIF87a") || at(0, b"GIF89a") {
        return Ok(Format::Gif);
    }
    if at(0, b"RIFF") && at(8, b"WEBP") {
        return Ok(Format::Webp);
    }
    if at(4, b"ftyp") {
        let brand = bytes.get(8..12).unwrap_or_default();
        return Err(match brand {
            b"avif" | b"avis" => Problem::Unsupported("AVIF"),
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1" => {
                Problem::Heic
            }
            _ => Problem::NotAnImage {
                looks_like: Some("film"),
            },
        });
    }
    if at(0, b"II*\0") || at(0, b"MM\0*") {
        return Err(Problem::Unsupported("TIFF"));
    }
    if at(0, b"BM") {
        return Err(Problem::Unsupported("BMP"));
    }
    if is_svg(bytes) {
        return Ok(Format::Svg);
    }
    Err(Problem::NotAnImage {
        looks_like: looks_like(bytes),
    })
}

/// What a file that is not a picture probably is, for the message.
fn looks_like(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF") {
        Some("dokument PDF")
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some("archiwum ZIP albo dokument Worda")
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        Some("stary dokument Worda")
    } else if bytes.starts_with(b"<") || std::str::from_utf8(&bytes[..bytes.len().min(512)]).is_ok()
    {
        Some("plik tekstowy")
    } else {
        None
    }
}

fn is_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    trimmed.starts_with('<') && text.contains("<svg")
}

/// The format a file name's extension stands for.
fn named_format(name: &str) -> Option<Format> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "jpg" | "jpeg" | "jpe" => Format::Jpeg,
        "png" => Format::Png,
        "gif" => Format::Gif,
        "webp" => Format::Webp,
        "svg" => Format::Svg,
        _ => return None,
    })
}

/// Walks a JPEG's segments to its frame header (colours, size) and scan,
/// and checks that the picture data ends with its end marker: a copy cut
/// short is decoded by most programs as a grey lower half, silently.
fn read_jpeg(bytes: &[u8], probe: &mut Probe) -> Result<(), Problem> {
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err(Problem::Corrupt("JPEG".to_string()));
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let is_frame = (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker);
        if is_frame {
            let header = bytes.get(i + 5..i + 10).ok_or(Problem::Truncated)?;
            probe.size = Some(Size {
                height: u32::from(u16::from_be_bytes([header[0], header[1]])),
                width: u32::from(u16::from_be_bytes([header[2], header[3]])),
            });
            probe.cmyk = header[4] == 4;
        }
        if marker == 0xDA {
            let scan = bytes.get(i + 2 + length..).ok_or(Problem::Truncated)?;
            // Inside scan data a 0xFF byte is always followed by 0x00 or a
            // restart marker, so the first FF D9 is the real end.
            return match memmem::find(scan, b"\xFF\xD9") {
                Some(_) if probe.size.is_some() => Ok(()),
                Some(_) => Err(Problem::Corrupt("JPEG".to_string())),
                None => Err(Problem::Truncated),
            };
        }
        i += 2 + length;
    }
    Err(Problem::Truncated)
}

/// A PNG's size, depth and transparency from its header, and whether it
/// has its end chunk.
fn read_png(bytes: &[u8], probe: &mut Probe) -> Result<(), Problem> {
    let header = bytes.get(16..26).ok_or(Problem::Truncated)?;
    let word =
        |i: usize| u32::from_be_bytes([header[i], header[i + 1], header[i + 2], header[i + 3]]);
    probe.size = Some(Size {
        width: word(0),
        height: word(4),
    });
    let colour_type = header[9];
    let before_data = memmem::find(bytes, b"IDAT").map_or(bytes, |i| &bytes[..i]);
    probe.alpha = matches!(colour_type, 4 | 6) || memmem::find(before_data, b"tRNS").is_some();
    let tail = &bytes[bytes.len().saturating_sub(16)..];
    if memmem::find(tail, b"IEND").is_none() {
        return Err(Problem::Truncated);
    }
    Ok(())
}

/// A GIF's frames: more than one is an animation, published as it is.
fn read_gif(bytes: &[u8], probe: &mut Probe) -> Result<(), Problem> {
    use image::AnimationDecoder;
    let decoder = image::codecs::gif::GifDecoder::new(std::io::Cursor::new(bytes))
        .map_err(|e| Problem::Corrupt(e.to_string()))?;
    let frames = decoder.into_frames().take(2).count();
    probe.animated = frames > 1;
    probe.alpha = true;
    Ok(())
}

fn read_webp(bytes: &[u8], probe: &mut Probe) -> Result<(), Problem> {
    use image::ImageDecoder;
    let decoder = image::codecs::webp::WebPDecoder::new(std::io::Cursor::new(bytes))
        .map_err(|e| Problem::Corrupt(e.to_string()))?;
    let (width, height) = decoder.dimensions();
    probe.size = Some(Size { width, height });
    probe.alpha = decoder.color_type().has_alpha();
    Ok(())
}

/// The EXIF orientation (1 when there is none or it cannot be read).
/// Phones and editors write EXIF with small faults; what can be read is
/// used.
fn orientation(bytes: &[u8]) -> u8 {
    let read = exif::Reader::new()
        .continue_on_error(true)
        .read_from_container(&mut std::io::Cursor::new(bytes))
        .or_else(|e| e.distill_partial_result(|_| {}));
    let Ok(exif) = read else {
        return 1;
    };
    exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|field| field.value.get_uint(0))
        .and_then(|value| u8::try_from(value).ok())
        .filter(|value| (1..=8).contains(value))
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Result<Probe, Problem> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/photos")
            .join(name);
        probe(&path)
    }

    #[test]
    fn a_phone_photo_is_turned_upright_by_its_orientation() {
        let p = fixture("telefon.jpg").expect("a valid photo");
        assert_eq!(p.format, Format::Jpeg);
        assert_eq!(p.orientation, 6);
        assert_eq!(p.size.map(|s| (s.width, s.height)), Some((1500, 2000)));
        assert_eq!((p.upright().width, p.upright().height), (2000, 1500));
        assert!(!p.alpha && !p.cmyk && !p.misnamed);
    }

    #[test]
    fn awkward_inputs_are_named_for_what_they_are() {
        assert!(matches!(fixture("urwany.jpg"), Err(Problem::Truncated)));
        assert!(matches!(
            fixture("to-nie-zdjecie.jpg"),
            Err(Problem::NotAnImage {
                looks_like: Some("plik tekstowy")
            })
        ));
        assert!(matches!(fixture("z-iphone.heic"), Err(Problem::Heic)));
        assert!(matches!(fixture("bomba.png"), Err(Problem::TooLarge(_))));
        assert!(fixture("cmyk.jpg").is_ok_and(|p| p.cmyk));
        assert!(fixture("animacja.gif").is_ok_and(|p| p.animated));
        assert!(fixture("przezroczysty.png").is_ok_and(|p| p.alpha));
        assert!(fixture("gleboki.png").is_ok_and(|p| !p.alpha));
        assert!(fixture("logo-ze-skryptem.svg")
            .is_ok_and(|p| p.format == Format::Svg && p.size.is_some()));
    }

    #[test]
    fn a_png_named_jpg_is_published_with_a_warning() {
        let png = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/photos/przezroczysty.png"),
        )
        .unwrap_or_default();
        let p = probe_bytes(&png, "wykres.jpg").expect("a valid PNG");
        assert!(p.misnamed);
        assert_eq!(p.warnings("wykres.jpg").len(), 1);
    }
}
