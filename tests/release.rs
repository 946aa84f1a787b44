//! The archive `tools/release.sh` makes for IT staff without a Rust
//! toolchain: unpacked anywhere, its program builds the sample workspace it
//! carries, and its SHA256SUMS checks out.

use std::path::Path;
use std::process::Command;

fn run(command: &mut Command) -> String {
    let output = command.output().expect("the command starts");
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_release_archive_runs_its_sample_without_a_toolchain() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("dist");
    let archive = run(Command::new("bash")
        .arg(repo.join("tools/release.sh"))
        .args(["--out", out.to_str().unwrap()])
        .env("TABLICA_BIN", env!("CARGO_BIN_EXE_tablica")));
    let archive = archive.trim();
    assert!(archive.ends_with(".tar.gz"), "{archive}");
    let unpacked = work.path().join("unpacked");
    std::fs::create_dir_all(&unpacked).unwrap();
    run(Command::new("tar").args(["-xzf", archive, "-C", unpacked.to_str().unwrap()]));
    let folder = std::fs::read_dir(&unpacked)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let name = folder.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("tablica-0."), "{name}");
    run(Command::new("sha256sum")
        .args(["--quiet", "-c", "SHA256SUMS"])
        .current_dir(&folder));
    let readme = std::fs::read_to_string(folder.join("CZYTAJ-MNIE.txt")).unwrap();
    assert!(readme.contains("--root przyklad build"), "{readme}");
    // Built from the unpacked folder alone, as on a machine with no Rust.
    run(Command::new(folder.join("tablica"))
        .args(["--root", "przyklad", "build", "--now", "2026-01-01"])
        .env_remove("LANG")
        .current_dir(&folder));
    assert!(folder.join("przyklad/public/cwd/index.html").is_file());
    assert!(folder.join("docs/pl/poradnik-redaktora.md").is_file());
}

/// One truth about the Rust version a build needs: Cargo.toml's
/// `rust-version`, repeated in the README and the install guide.
#[test]
fn every_guide_names_the_rust_version_of_cargo_toml() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read_to_string(repo.join(p)).unwrap();
    let cargo = read("Cargo.toml");
    let version = cargo
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("Cargo.toml has a rust-version");
    for guide in ["README.md", "docs/en/install-build-deploy.md"] {
        let text = read(guide);
        assert!(
            text.contains(&format!("stable, {version} or newer"))
                || text.contains(&format!("stable {version} or newer")),
            "{guide} must name Rust {version}"
        );
        for other in ["1.85", "1.86", "1.87"] {
            assert!(
                !text.contains(&format!("{other} or newer")),
                "{guide} names {other}"
            );
        }
    }
    let install = read("docs/en/install-build-deploy.md");
    for needed in [
        "server_config: true",
        "--server-config",
        "tablica package",
        "tablica deploy",
    ] {
        assert!(
            install.contains(needed),
            "the install guide does not mention {needed}"
        );
    }
}
