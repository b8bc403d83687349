//! What identifies a version of the sources without reading them: each
//! file's size and times. `serve` uses a file's stamp to skip reading it
//! again; `build` uses the stamp of every source together to see that
//! nothing changed since its last build.

use std::hash::{Hash, Hasher};
use std::path::Path;

use crate::cache::hash_of;

/// The folders of a project that a build reads, relative to the project
/// folder (`serve` watches the same ones).
pub(crate) const SOURCE_FOLDERS: [&str; 3] = ["course", "scenarios", "themes"];

/// How long ago a file must have changed for its size and times to stand for
/// its text. (File times tick coarsely: a file changed twice within one tick
/// keeps its time, so a file changed this recently might change again
/// without its stamp showing it.)
const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

/// What identifies a file's version without reading it (its size and
/// modification time; on Unix also its device, inode and change time), and
/// whether it changed long enough ago ([`SETTLED`]) to trust that.
pub(crate) fn file_stamp(path: &Path) -> Option<(u64, bool)> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?;
    let settled = modified.elapsed().is_ok_and(|age| age >= SETTLED);
    let since_epoch = modified
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    #[cfg(unix)]
    let more = {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino(), meta.ctime(), meta.ctime_nsec())
    };
    #[cfg(not(unix))]
    let more = ();
    Some((hash_of(&(meta.len(), since_epoch, more)), settled))
}

/// One value for everything a build of the project at `root` reads, with
/// `settings` (what was asked for: edition, profile, output folder) and
/// this program itself: every file and folder under [`SOURCE_FOLDERS`] by
/// name and [`file_stamp`]. Two equal values mean the same build. None when
/// a source changed too recently for its stamp to be trusted, or could not
/// be read: such a build is never taken as unchanged.
pub(crate) fn sources_stamp(root: &Path, settings: &impl Hash) -> Option<u64> {
    let mut h = std::hash::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    // A program built again (another theme, other code) is another program.
    let exe = std::env::current_exe().ok()?;
    file_stamp(&exe)?.0.hash(&mut h);
    root.canonicalize().ok()?.hash(&mut h);
    settings.hash(&mut h);
    for folder in SOURCE_FOLDERS {
        let top = root.join(folder);
        folder.hash(&mut h);
        if !top.exists() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&top).sort_by_file_name() {
            let entry = entry.ok()?;
            let relative = entry.path().strip_prefix(&top).ok()?;
            relative.hash(&mut h);
            if entry.file_type().is_dir() {
                continue;
            }
            if entry.path_is_symlink() {
                std::fs::read_link(entry.path()).ok()?.hash(&mut h);
            }
            match file_stamp(entry.path()) {
                Some((stamp, true)) => stamp.hash(&mut h),
                Some((_, false)) => return None,
                // A link that leads nowhere: the build reports it.
                None => "missing".hash(&mut h),
            }
        }
    }
    Some(h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settle(path: &Path) {
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(old).unwrap();
    }

    fn course() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("course")).unwrap();
        std::fs::write(dir.path().join("course/a.md"), "# A\n").unwrap();
        settle(&dir.path().join("course/a.md"));
        dir
    }

    #[test]
    fn the_same_sources_and_settings_give_the_same_stamp() {
        let dir = course();
        let first = sources_stamp(dir.path(), &"mentor").expect("settled");
        assert_eq!(sources_stamp(dir.path(), &"mentor"), Some(first));
        assert_ne!(sources_stamp(dir.path(), &"facilitator"), Some(first));
    }

    #[test]
    fn an_edit_a_new_file_or_a_removed_one_changes_the_stamp() {
        let dir = course();
        let first = sources_stamp(dir.path(), &()).unwrap();
        std::fs::write(dir.path().join("course/a.md"), "# B\n").unwrap();
        assert_eq!(
            sources_stamp(dir.path(), &()),
            None,
            "just changed: not trusted"
        );
        settle(&dir.path().join("course/a.md"));
        let edited = sources_stamp(dir.path(), &()).unwrap();
        assert_ne!(edited, first);
        std::fs::create_dir_all(dir.path().join("themes/default")).unwrap();
        let with_folder = sources_stamp(dir.path(), &()).unwrap();
        assert_ne!(with_folder, edited, "a new folder counts");
        std::fs::remove_file(dir.path().join("course/a.md")).unwrap();
        assert_ne!(sources_stamp(dir.path(), &()).unwrap(), with_folder);
    }
}
