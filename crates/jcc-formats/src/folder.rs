//! Files of an export folder by name. On Linux they are opened relative to the open
//! folder (`openat`, `linkat`, `unlinkat`): a 100,000-file export walks no path per file,
//! and a comparison is one open, stat, read and close. Elsewhere, plain paths.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

#[cfg(target_os = "linux")]
use rustix::fs::{openat, AtFlags, Mode, OFlags};

#[derive(Debug)]
pub(crate) struct Folder {
    path: PathBuf,
    #[cfg(target_os = "linux")]
    fd: std::os::fd::OwnedFd,
}

impl Folder {
    pub(crate) fn open(path: &Path) -> io::Result<Self> {
        Ok(Self {
            path: path.to_owned(),
            #[cfg(target_os = "linux")]
            fd: openat(
                rustix::fs::CWD,
                path,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
            )?,
        })
    }

    /// Where `rel` is (for messages; the folder may have moved since it was opened).
    pub(crate) fn join(&self, rel: &str) -> PathBuf {
        self.path.join(rel)
    }

    /// Whether `rel` is a plain file (not a link to one elsewhere) holding exactly `bytes`.
    pub(crate) fn holds(&self, rel: &str, bytes: &[u8]) -> bool {
        let Ok((mut file, is_file, len)) = self.open_plain(rel) else {
            return false;
        };
        if !is_file || len != bytes.len() as u64 {
            return false;
        }
        // One read of a byte more than expected: a regular file gives what it has, so
        // exactly `len` bytes read means nothing was added since the stat.
        let mut found = vec![0; bytes.len() + 1];
        matches!(file.read(&mut found), Ok(n) if found.get(..n) == Some(bytes))
    }

    #[cfg(target_os = "linux")]
    fn open_plain(&self, rel: &str) -> io::Result<(File, bool, u64)> {
        let fd = openat(
            &self.fd,
            rel,
            OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        let stat = rustix::fs::fstat(&fd)?;
        let is_file = rustix::fs::FileType::from_raw_mode(stat.st_mode).is_file();
        Ok((
            File::from(fd),
            is_file,
            u64::try_from(stat.st_size).unwrap_or(0),
        ))
    }

    #[cfg(not(target_os = "linux"))]
    fn open_plain(&self, rel: &str) -> io::Result<(File, bool, u64)> {
        let path = self.path.join(rel);
        let meta = std::fs::symlink_metadata(&path)?;
        Ok((File::open(&path)?, meta.is_file(), meta.len()))
    }

    /// Gives `rel` a second name, `rel` in `into` (same file system).
    pub(crate) fn link_into(&self, rel: &str, into: &Folder) -> io::Result<()> {
        #[cfg(target_os = "linux")]
        return Ok(rustix::fs::linkat(
            &self.fd,
            rel,
            &into.fd,
            rel,
            AtFlags::empty(),
        )?);
        #[cfg(not(target_os = "linux"))]
        std::fs::hard_link(self.path.join(rel), into.path.join(rel))
    }

    /// Writes a new file `rel` (refused if it exists).
    pub(crate) fn create(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        #[cfg(target_os = "linux")]
        let mut file = File::from(openat(
            &self.fd,
            rel,
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o666),
        )?);
        #[cfg(not(target_os = "linux"))]
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(self.path.join(rel))?;
        file.write_all(bytes)
    }

    /// Removes the file `name`.
    pub(crate) fn unlink(&self, name: &OsStr) -> io::Result<()> {
        #[cfg(target_os = "linux")]
        return Ok(rustix::fs::unlinkat(&self.fd, name, AtFlags::empty())?);
        #[cfg(not(target_os = "linux"))]
        std::fs::remove_file(self.path.join(name))
    }
}
