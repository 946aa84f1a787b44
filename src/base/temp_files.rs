//! Which files are an editor's or an office suite's temporary files: never
//! loaded, published, watched or copied, wherever they appear.

/// Editor and office temp files that must never be published.
pub fn is_temporary(name: &str) -> bool {
    name.starts_with("~$")
        || name.starts_with(".#")
        // gedit and JetBrains editors save through these.
        || name.starts_with(".goutputstream-")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name.ends_with(".kate-swp")
        || name.ends_with(".crswap")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || name == ".DS_Store"
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_and_editor_temp_files_are_recognised() {
        assert!(is_temporary("~$plik.docx"));
        assert!(is_temporary(".x.md.swp"));
        assert!(!is_temporary("uchwala.pdf"));
    }
}
