//! Media: what becomes of a photo on its way to a resident. [`probe`]
//! reads a source's header (format, size, orientation) and says in plain
//! Polish what is wrong with it; a [`Plan`] decides the widths and formats
//! published, so a page's HTML is written from the header alone, before a
//! pixel is decoded; [`process`] decodes, turns upright, resizes and
//! encodes, through a cache keyed by the file's content; [`svg`] cleans
//! scripts out of vector images. Nothing here knows about pages or sites.

pub mod probe;
pub mod process;
pub mod svg;

use crate::base::escape::escape_attribute;
use std::path::PathBuf;

pub use probe::{probe, Probe, Problem};

/// The widths a photo is published at, in pixels: what the theme's text
/// column (44 rem) needs on a phone, a laptop and a 2× screen. A photo is
/// never made wider than it is.
pub const WIDTHS: [u32; 4] = [480, 800, 1200, 1600];

/// The widths of a site's logo, shown 3.5 rem (56 px) square at most: at
/// 1×, 2× and 3× screens.
pub const LOGO_WIDTHS: [u32; 3] = [64, 128, 192];

/// How wide the theme shows a picture, for the browser to pick a width
/// before the style sheet has loaded (`sizes`).
pub mod sizes {
    /// In the text column (44 rem, 1 rem of margin on each side of a phone).
    pub const PROSE: &str = "(min-width: 47rem) 44rem, calc(100vw - 2rem)";
    /// A gallery's thumbnail (three to a row on a wide screen, one on a phone).
    pub const GALLERY: &str = "(min-width: 47rem) 14rem, calc(100vw - 2rem)";
}

/// A picture's size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Size {
    /// This picture scaled to `width`, its proportions kept.
    pub fn at_width(self, width: u32) -> Size {
        let height = (u64::from(self.height) * u64::from(width) + u64::from(self.width) / 2)
            / u64::from(self.width.max(1));
        Size {
            width,
            height: u32::try_from(height).unwrap_or(u32::MAX).max(1),
        }
    }

    pub fn pixels(self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }
}

/// The format of the one file every browser shows, for the few that do
/// not take WebP: JPEG for photos, PNG where the picture is transparent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fallback {
    Jpeg,
    Png,
}

impl Fallback {
    pub fn extension(self) -> &'static str {
        match self {
            Fallback::Jpeg => "jpg",
            Fallback::Png => "png",
        }
    }
}

/// What is published for one source file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Make {
    /// Turned upright, resized to `widths` (upright sizes, smallest first),
    /// encoded as WebP at each and as `fallback` at the largest; no
    /// metadata is carried over.
    Resize {
        widths: Vec<Size>,
        fallback: Fallback,
        /// The EXIF orientation of the source (1 to 8), baked into the pixels.
        orientation: u8,
        /// The picture has transparent parts: kept through resizing.
        alpha: bool,
    },
    /// Published as it is: an animated GIF (resizing would drop its frames).
    Copy { size: Size },
    /// A vector image, published cleaned of scripts.
    Svg { size: Option<Size> },
}

/// One source file and what is published for it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Plan {
    /// The file on disk.
    pub source: PathBuf,
    /// A hash of its bytes, from its probe (the cache's key).
    pub hash: u128,
    /// Where the original would be published, relative to the site's
    /// folder (`aktualnosci/x/foto.jpg`); the files made are named after it.
    pub output: String,
    pub make: Make,
}

/// One file a plan publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Relative to the site's folder.
    pub path: String,
    pub kind: OutputKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    Webp(Size),
    Fallback(Fallback, Size),
    Copy,
    Svg,
}

impl Plan {
    /// Decides what to publish for a probed source, at the standard widths.
    pub fn new(source: PathBuf, output: String, probe: &Probe) -> Plan {
        Plan::with_widths(source, output, probe, &WIDTHS)
    }

    /// [`Plan::new`] at the given standard widths (smallest first).
    pub fn with_widths(source: PathBuf, output: String, probe: &Probe, standard: &[u32]) -> Plan {
        let make = match probe.format {
            probe::Format::Svg => Make::Svg { size: probe.size },
            probe::Format::Gif if probe.animated => Make::Copy {
                size: probe.upright(),
            },
            _ => Make::Resize {
                widths: widths_among(probe.upright(), standard),
                fallback: if probe.alpha {
                    Fallback::Png
                } else {
                    Fallback::Jpeg
                },
                orientation: probe.orientation,
                alpha: probe.alpha,
            },
        };
        Plan {
            source,
            hash: probe.content_hash,
            output,
            make,
        }
    }

    /// Every file this plan publishes.
    pub fn outputs(&self) -> Vec<Output> {
        match &self.make {
            Make::Resize {
                widths, fallback, ..
            } => {
                let mut out: Vec<Output> = widths
                    .iter()
                    .map(|&size| Output {
                        path: variant_path(&self.output, size.width, "webp"),
                        kind: OutputKind::Webp(size),
                    })
                    .collect();
                if let Some(&largest) = widths.last() {
                    out.push(Output {
                        path: variant_path(&self.output, largest.width, fallback.extension()),
                        kind: OutputKind::Fallback(*fallback, largest),
                    });
                }
                out
            }
            Make::Copy { .. } => vec![Output {
                path: self.output.clone(),
                kind: OutputKind::Copy,
            }],
            Make::Svg { .. } => vec![Output {
                path: self.output.clone(),
                kind: OutputKind::Svg,
            }],
        }
    }

    /// The size the page reserves for the picture (its largest published width).
    pub fn shown_size(&self) -> Option<Size> {
        match &self.make {
            Make::Resize { widths, .. } => widths.last().copied(),
            Make::Copy { size } => Some(*size),
            Make::Svg { size } => *size,
        }
    }

    /// The address of the largest file every browser opens (a gallery's
    /// link to the full photo), from the address the page wrote.
    pub fn largest_url(&self, url: &str) -> String {
        match &self.make {
            Make::Resize {
                widths, fallback, ..
            } => widths.last().map_or_else(
                || url.to_string(),
                |s| variant_path(url, s.width, fallback.extension()),
            ),
            _ => url.to_string(),
        }
    }

    /// The `srcset` of the WebP files, from the address the page wrote.
    pub fn srcset(&self, url: &str) -> Option<String> {
        let Make::Resize { widths, .. } = &self.make else {
            return None;
        };
        Some(
            widths
                .iter()
                .map(|s| format!("{} {}w", variant_path(url, s.width, "webp"), s.width))
                .collect::<Vec<_>>()
                .join(", "),
        )
    }

    /// The HTML that shows the picture: a `<picture>` with the WebP widths
    /// and the fallback, or a plain `<img>` for what is published as it is.
    /// `attributes` go on the `<img>` (alt, title, loading…), written by
    /// the caller and already escaped.
    pub fn picture_html(&self, url: &str, sizes: &str, attributes: &str) -> String {
        let size = self.shown_size().map_or(String::new(), |s| {
            format!(" width=\"{}\" height=\"{}\"", s.width, s.height)
        });
        match self.srcset(url) {
            Some(srcset) => format!(
                "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\"><img src=\"{}\"{attributes}{size}></picture>",
                escape_attribute(&srcset),
                escape_attribute(sizes),
                escape_attribute(&self.largest_url(url)),
            ),
            None => format!("<img src=\"{}\"{attributes}{size}>", escape_attribute(url)),
        }
    }
}

/// The widths to publish for a picture `size` wide: the `standard` widths
/// below it, and its own width (at most the largest standard one) on top;
/// a standard width within a tenth of the top one adds nothing.
fn widths_among(size: Size, standard: &[u32]) -> Vec<Size> {
    let largest = standard.last().copied().unwrap_or(WIDTHS[WIDTHS.len() - 1]);
    let top = size.width.min(largest).max(1);
    let mut widths: Vec<Size> = standard
        .iter()
        .filter(|&&w| u64::from(w) * 10 < u64::from(top) * 9)
        .map(|&w| size.at_width(w))
        .collect();
    widths.push(size.at_width(top));
    widths
}

/// `aktualnosci/x/foto.jpg` at 800 px as WebP → `aktualnosci/x/foto-800.webp`.
/// Works on addresses too (a query or fragment is dropped).
pub fn variant_path(original: &str, width: u32, extension: &str) -> String {
    let original = original.split(['?', '#']).next().unwrap_or(original);
    let (folder, name) = match original.rfind('/') {
        Some(i) => original.split_at(i + 1),
        None => ("", original),
    };
    let stem = match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    };
    format!("{folder}{stem}-{width}.{extension}")
}

/// Whether a file name is one of the formats [`probe`] reads as a picture
/// (raster photos, GIF, SVG) or refuses with advice (HEIC, TIFF).
pub fn is_image_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    matches!(
        ext,
        "jpg" | "jpeg" | "jpe" | "png" | "webp" | "gif" | "svg" | "heic" | "heif" | "tif" | "tiff"
    )
}

/// Whether a file name is a raster photo that is published only through
/// processing (its original carries metadata and megabytes).
pub fn is_raster_name(name: &str) -> bool {
    is_image_name(name) && !name.to_ascii_lowercase().ends_with(".svg")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(width: u32, height: u32) -> Vec<(u32, u32)> {
        widths_among(Size { width, height }, &WIDTHS)
            .into_iter()
            .map(|s| (s.width, s.height))
            .collect()
    }

    #[test]
    fn a_photo_gets_the_standard_widths_and_never_grows() {
        assert_eq!(
            widths(4000, 3000),
            [(480, 360), (800, 600), (1200, 900), (1600, 1200)]
        );
        assert_eq!(widths(1000, 500), [(480, 240), (800, 400), (1000, 500)]);
        assert_eq!(widths(820, 410), [(480, 240), (820, 410)]);
        assert_eq!(widths(300, 200), [(300, 200)]);
        assert_eq!(widths(1200, 750), [(480, 300), (800, 500), (1200, 750)]);
    }

    #[test]
    fn variants_are_named_after_the_original() {
        assert_eq!(
            variant_path("a/x/foto.jpg", 800, "webp"),
            "a/x/foto-800.webp"
        );
        assert_eq!(variant_path("foto.JPG?v=2", 480, "jpg"), "foto-480.jpg");
        assert_eq!(
            variant_path("/p/img/logo.png", 1200, "png"),
            "/p/img/logo-1200.png"
        );
        assert_eq!(variant_path(".hidden", 480, "webp"), ".hidden-480.webp");
    }
}
