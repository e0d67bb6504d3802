//! Embeds every `data/campaigns/*.toml` rule file in the binary, so that adding a campaign is
//! adding a file.

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    let dir = Path::new("data/campaigns");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("data/campaigns exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = String::from("/// Rule files embedded from `data/campaigns/` at build time: (file name, contents).\npub static EMBEDDED_RULE_FILES: &[(&str, &str)] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        // Relative to the crate's own manifest, so a copied target directory never embeds
        // another checkout's files.
        out.push_str(&format!(
            "    ({:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))),\n",
            path.file_name().unwrap().to_string_lossy(),
            format!("/{}", path.display())
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("embedded_rules.rs");
    fs::write(dest, out).expect("write embedded_rules.rs");
}
