//! Minification of HTML (with inline CSS; never JS, which minify-html breaks:
//! wilsonzlin/minify-html#197). Without the `minify` feature pages are written as rendered.

#[cfg(feature = "minify")]
pub fn html(html: String) -> Vec<u8> {
    use std::sync::OnceLock;
    static CFG: OnceLock<minify_html::Cfg> = OnceLock::new();
    let cfg = CFG.get_or_init(|| {
        let mut cfg = minify_html::Cfg::new();
        cfg.minify_css = true;
        cfg.minify_js = false;
        // Closing tags and <html>/<head> stay: valid either way, but readable
        // by the naive checkers municipal auditors use.
        cfg.keep_closing_tags = true;
        cfg.keep_html_and_head_opening_tags = true;
        cfg
    });
    minify_html::minify(html.as_bytes(), cfg)
}

#[cfg(not(feature = "minify"))]
pub fn html(html: String) -> Vec<u8> {
    html.into_bytes()
}
