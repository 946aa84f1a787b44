//! Making a plan's files: decode, resize (fast_image_resize, Lanczos 3),
//! turn upright, encode (libwebp for WebP, the `image` crate for the JPEG
//! or PNG fallback), with nothing of the source's metadata carried over.
//!
//! What is made is kept in a cache folder under a key of the source's
//! bytes and the settings, so a rebuild with unchanged photos decodes and
//! encodes nothing: it links the cached files into place. Decoding holds
//! a photo's pixels in memory (36 MB for 12 megapixels), so the photos
//! open at one time are held to a budget, whatever the number of cores.

use super::probe::Problem;
use super::{Fallback, Make, OutputKind, Plan, Size};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// WebP quality (0–100): Hugo's default, indistinguishable from the
/// source at the widths shown.
const WEBP_QUALITY: f32 = 75.0;
/// JPEG quality of the fallback.
const JPEG_QUALITY: u8 = 80;
/// Bumped when what is made from the same settings changes, so old cache
/// entries are not reused.
const CACHE_VERSION: u32 = 1;
/// Bytes of decoded pixels held at once across threads: a 50-megapixel
/// photo fits alone, forty 12-megapixel ones wait their turn.
const PIXEL_BUDGET: u64 = 512 * 1024 * 1024;

/// Makes and places the files of plans, through the cache.
pub struct Processor {
    cache: Option<PathBuf>,
    budget: Budget,
    encoded: AtomicUsize,
    reused: AtomicUsize,
}

/// How many photos were encoded and how many came from the cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub encoded: usize,
    pub reused: usize,
}

impl Processor {
    /// A processor keeping what it makes in `cache` (none: make everything).
    pub fn new(cache: Option<PathBuf>) -> Processor {
        Processor {
            cache,
            budget: Budget::new(PIXEL_BUDGET),
            encoded: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
        }
    }

    pub fn stats(&self) -> Stats {
        Stats {
            encoded: self.encoded.load(Ordering::Relaxed),
            reused: self.reused.load(Ordering::Relaxed),
        }
    }

    /// Writes every file of `plan` under `site_dir`.
    pub fn publish(&self, plan: &Plan, site_dir: &Path) -> Result<(), Problem> {
        match &plan.make {
            Make::Copy { .. } => copy(&plan.source, &site_dir.join(&plan.output)),
            Make::Svg { .. } => publish_svg(&plan.source, &site_dir.join(&plan.output)),
            Make::Resize { .. } => self.publish_resized(plan, site_dir),
        }
    }

    fn publish_resized(&self, plan: &Plan, site_dir: &Path) -> Result<(), Problem> {
        let outputs = plan.outputs();
        let Some(cache) = &self.cache else {
            let made = self.make(plan)?;
            self.encoded.fetch_add(1, Ordering::Relaxed);
            return outputs
                .iter()
                .zip(&made)
                .try_for_each(|(out, bytes)| write(&site_dir.join(&out.path), bytes));
        };
        let entry = cache.join(format!("{:032x}", cache_key(plan)));
        let cached = |out: &super::Output| entry.join(cache_name(out.kind));
        if !outputs.iter().all(|out| cached(out).is_file()) {
            let made = self.make(plan)?;
            store(&entry, outputs.iter().map(|o| cache_name(o.kind)).zip(made))?;
            self.encoded.fetch_add(1, Ordering::Relaxed);
        } else {
            self.reused.fetch_add(1, Ordering::Relaxed);
        }
        outputs
            .iter()
            .try_for_each(|out| link(&cached(out), &site_dir.join(&out.path)))
    }

    /// The bytes of each of the plan's outputs, in order.
    fn make(&self, plan: &Plan) -> Result<Vec<Vec<u8>>, Problem> {
        let Make::Resize {
            orientation, alpha, ..
        } = &plan.make
        else {
            return Ok(Vec::new());
        };
        let bytes = std::fs::read(&plan.source).map_err(|e| Problem::Unreadable(e.to_string()))?;
        let stored = stored_size(&bytes)?;
        let channels = if *alpha { 4 } else { 3 };
        // The decoded source, image's own buffer during conversion, and the resized copies.
        let _held = self.budget.take(stored.pixels() * (channels + 4));
        let source = decode(&bytes, *alpha)?;
        drop(bytes);
        plan.outputs()
            .par_iter()
            .map(|out| match out.kind {
                OutputKind::Webp(size) => {
                    let pixels = resized(&source, size, *orientation)?;
                    encode_webp(&pixels, size)
                }
                OutputKind::Fallback(format, size) => {
                    let pixels = resized(&source, size, *orientation)?;
                    encode_fallback(&pixels, size, format)
                }
                OutputKind::Copy | OutputKind::Svg => Ok(Vec::new()),
            })
            .collect()
    }
}

/// The cache key: the source's bytes and everything that decides the
/// files made from them.
fn cache_key(plan: &Plan) -> u128 {
    let settings = format!(
        "{:?}|{WEBP_QUALITY}|{JPEG_QUALITY}|{CACHE_VERSION}|{:x}",
        plan.make, plan.hash
    );
    xxhash_rust::xxh3::xxh3_128(settings.as_bytes())
}

fn cache_name(kind: OutputKind) -> String {
    match kind {
        OutputKind::Webp(size) => format!("{}.webp", size.width),
        OutputKind::Fallback(format, size) => format!("{}.{}", size.width, format.extension()),
        OutputKind::Copy => "copy".to_string(),
        OutputKind::Svg => "svg".to_string(),
    }
}

/// Writes a cache entry whole or not at all: into a folder of its own,
/// renamed into place (a build stopped halfway leaves no half entry).
fn store(entry: &Path, files: impl Iterator<Item = (String, Vec<u8>)>) -> Result<(), Problem> {
    let parent = entry.parent().unwrap_or(entry);
    std::fs::create_dir_all(parent).map_err(|e| unwritable(parent, &e))?;
    let staging = parent.join(format!(
        ".{}-{}-{:?}",
        entry
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).map_err(|e| unwritable(&staging, &e))?;
    let mut names = Vec::new();
    for (name, bytes) in files {
        write(&staging.join(&name), &bytes)?;
        names.push(name);
    }
    // A folder is renamed only over an empty one, so a whole entry that
    // another thread or build stored meanwhile (the same photo twice in a
    // site) stays: it may be being linked from right now. Only an entry
    // with files missing is replaced.
    if std::fs::rename(&staging, entry).is_ok() {
        return Ok(());
    }
    let whole = names.iter().all(|name| entry.join(name).is_file());
    if !whole {
        let _ = std::fs::remove_dir_all(entry);
        if std::fs::rename(&staging, entry).is_ok() {
            return Ok(());
        }
    }
    let _ = std::fs::remove_dir_all(&staging);
    Ok(())
}

/// The size of the pixels as stored, from the header: what decoding will hold.
fn stored_size(bytes: &[u8]) -> Result<Size, Problem> {
    let size = imagesize::blob_size(bytes).map_err(|e| Problem::Corrupt(e.to_string()))?;
    Ok(Size {
        width: u32::try_from(size.width).unwrap_or(u32::MAX),
        height: u32::try_from(size.height).unwrap_or(u32::MAX),
    })
}

/// Decoded pixels, 8 bits per channel, RGB or RGBA.
struct Pixels {
    data: Vec<u8>,
    size: Size,
    alpha: bool,
}

fn decode(bytes: &[u8], alpha: bool) -> Result<Pixels, Problem> {
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Problem::Corrupt(e.to_string()))?;
    let image = reader
        .decode()
        .map_err(|e| Problem::Corrupt(e.to_string()))?;
    let size = Size {
        width: image.width(),
        height: image.height(),
    };
    let data = if alpha {
        image.into_rgba8().into_raw()
    } else {
        image.into_rgb8().into_raw()
    };
    Ok(Pixels { data, size, alpha })
}

/// The source resized to `upright` (its size once turned upright) and turned.
fn resized(source: &Pixels, upright: Size, orientation: u8) -> Result<Pixels, Problem> {
    use fast_image_resize as fr;
    let transposed = (5..=8).contains(&orientation);
    let target = if transposed {
        Size {
            width: upright.height,
            height: upright.width,
        }
    } else {
        upright
    };
    let pixel_type = if source.alpha {
        fr::PixelType::U8x4
    } else {
        fr::PixelType::U8x3
    };
    let corrupt = |e: &dyn std::fmt::Display| Problem::Corrupt(e.to_string());
    let from = fr::images::ImageRef::new(
        source.size.width,
        source.size.height,
        &source.data,
        pixel_type,
    )
    .map_err(|e| corrupt(&e))?;
    let mut to = fr::images::Image::new(target.width, target.height, pixel_type);
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    fr::Resizer::new()
        .resize(&from, &mut to, &options)
        .map_err(|e| corrupt(&e))?;
    let pixels = Pixels {
        data: to.into_vec(),
        size: target,
        alpha: source.alpha,
    };
    Ok(turn_upright(pixels, orientation))
}

/// Applies the EXIF orientation to the pixels themselves.
fn turn_upright(pixels: Pixels, orientation: u8) -> Pixels {
    let Some(turn) = image::metadata::Orientation::from_exif(orientation) else {
        return pixels;
    };
    if orientation == 1 {
        return pixels;
    }
    let Size { width, height } = pixels.size;
    let image = if pixels.alpha {
        image::RgbaImage::from_raw(width, height, pixels.data).map(image::DynamicImage::from)
    } else {
        image::RgbImage::from_raw(width, height, pixels.data).map(image::DynamicImage::from)
    };
    let Some(mut image) = image else {
        return Pixels {
            data: Vec::new(),
            size: pixels.size,
            alpha: pixels.alpha,
        };
    };
    image.apply_orientation(turn);
    let size = Size {
        width: image.width(),
        height: image.height(),
    };
    let data = if pixels.alpha {
        image.into_rgba8().into_raw()
    } else {
        image.into_rgb8().into_raw()
    };
    Pixels {
        data,
        size,
        alpha: pixels.alpha,
    }
}

fn encode_webp(pixels: &Pixels, size: Size) -> Result<Vec<u8>, Problem> {
    let encoder = if pixels.alpha {
        webp::Encoder::from_rgba(&pixels.data, size.width, size.height)
    } else {
        webp::Encoder::from_rgb(&pixels.data, size.width, size.height)
    };
    encoder
        .encode_simple(false, WEBP_QUALITY)
        .map(|memory| memory.to_vec())
        .map_err(|e| Problem::Corrupt(format!("WebP: {e:?}")))
}

fn encode_fallback(pixels: &Pixels, size: Size, format: Fallback) -> Result<Vec<u8>, Problem> {
    use image::ImageEncoder;
    let mut out = Vec::new();
    let colour = if pixels.alpha {
        image::ExtendedColorType::Rgba8
    } else {
        image::ExtendedColorType::Rgb8
    };
    let result = match format {
        Fallback::Jpeg => image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut out,
            JPEG_QUALITY,
        )
        .write_image(&pixels.data, size.width, size.height, colour),
        Fallback::Png => image::codecs::png::PngEncoder::new(&mut out).write_image(
            &pixels.data,
            size.width,
            size.height,
            colour,
        ),
    };
    result.map_err(|e| Problem::Corrupt(e.to_string()))?;
    Ok(out)
}

/// An SVG, published without its scripts.
pub fn publish_svg(source: &Path, target: &Path) -> Result<(), Problem> {
    let text = std::fs::read_to_string(source).map_err(|e| Problem::Unreadable(e.to_string()))?;
    let clean = super::svg::sanitise(&text).ok_or_else(|| {
        Problem::Corrupt("SVG: niepoprawny XML / not well-formed XML".to_string())
    })?;
    write(target, clean.as_bytes())
}

fn copy(source: &Path, target: &Path) -> Result<(), Problem> {
    make_parent(target)?;
    std::fs::copy(source, target)
        .map(|_| ())
        .map_err(|e| Problem::Unreadable(e.to_string()))
}

/// Puts a cached file in place: a hard link where the file system allows
/// it (nothing copied), a copy where it does not.
fn link(cached: &Path, target: &Path) -> Result<(), Problem> {
    make_parent(target)?;
    let _ = std::fs::remove_file(target);
    if std::fs::hard_link(cached, target).is_ok() {
        return Ok(());
    }
    std::fs::copy(cached, target)
        .map(|_| ())
        .map_err(|e| unwritable(target, &e))
}

fn write(target: &Path, bytes: &[u8]) -> Result<(), Problem> {
    make_parent(target)?;
    std::fs::write(target, bytes).map_err(|e| unwritable(target, &e))
}

fn make_parent(target: &Path) -> Result<(), Problem> {
    match target.parent() {
        Some(parent) => std::fs::create_dir_all(parent).map_err(|e| unwritable(parent, &e)),
        None => Ok(()),
    }
}

fn unwritable(path: &Path, error: &std::io::Error) -> Problem {
    Problem::Unwritable(format!("{}: {error}", path.display()))
}

/// A count of bytes that threads take from and give back, waiting while
/// too little is left; a request larger than the whole waits for it all.
struct Budget {
    limit: u64,
    left: Mutex<u64>,
    returned: Condvar,
}

/// Bytes taken from a [`Budget`], given back when dropped.
struct Held<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Budget {
    fn new(limit: u64) -> Budget {
        Budget {
            limit,
            left: Mutex::new(limit),
            returned: Condvar::new(),
        }
    }

    fn take(&self, bytes: u64) -> Held<'_> {
        let bytes = bytes.min(self.limit);
        let mut left = self.left.lock().unwrap_or_else(|e| e.into_inner());
        while *left < bytes {
            left = self.returned.wait(left).unwrap_or_else(|e| e.into_inner());
        }
        *left -= bytes;
        Held {
            budget: self,
            bytes,
        }
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        let mut left = self.budget.left.lock().unwrap_or_else(|e| e.into_inner());
        *left += self.bytes;
        self.budget.returned.notify_all();
    }
}
