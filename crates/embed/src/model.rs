//! Reader of the model file written by `scripts/build-encoder-model`.
//!
//! Format "RCPEMBED" version 1, little-endian (the script's header documents
//! every entry):
//!
//! ```text
//! magic 8 bytes "RCPEMBED" | version u32 | count u32
//! count x { name_len u32 | name | dtype u8 (1 u8, 2 u32, 3 f32) | ndim u8 |
//!           ndim x u32 dims | nbytes u64 | data }
//! ```

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use crate::EmbedError;

pub(crate) const MAGIC: &[u8; 8] = b"RCPEMBED";
pub(crate) const FORMAT_VERSION: u32 = 1;

const DT_U8: u8 = 1;
const DT_U32: u8 = 2;
const DT_F32: u8 = 3;

/// One array of the file: its dims and raw little-endian bytes.
pub(crate) struct Entry {
    dtype: u8,
    pub(crate) dims: Vec<usize>,
    data: Vec<u8>,
}

/// All entries of a model file, by name.
pub(crate) struct RawModel {
    path: PathBuf,
    entries: HashMap<String, Entry>,
}

struct Reader<R> {
    inner: R,
    path: PathBuf,
    remaining: u64,
}

impl<R: Read> Reader<R> {
    fn bytes(&mut self, n: u64, what: &str) -> Result<Vec<u8>, EmbedError> {
        if n > self.remaining {
            return Err(self.truncated(what));
        }
        let len = usize::try_from(n).map_err(|_| self.invalid(format!("{what} is too large")))?;
        let mut buf = vec![0u8; len];
        self.inner.read_exact(&mut buf).map_err(|source| {
            if source.kind() == std::io::ErrorKind::UnexpectedEof {
                self.truncated(what)
            } else {
                EmbedError::Read {
                    path: self.path.clone(),
                    source,
                }
            }
        })?;
        self.remaining -= n;
        Ok(buf)
    }

    fn u8(&mut self, what: &str) -> Result<u8, EmbedError> {
        Ok(self.bytes(1, what)?[0])
    }

    fn u32(&mut self, what: &str) -> Result<u32, EmbedError> {
        let b = self.bytes(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self, what: &str) -> Result<u64, EmbedError> {
        let b = self.bytes(8, what)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(&b);
        Ok(u64::from_le_bytes(a))
    }

    fn truncated(&self, what: &str) -> EmbedError {
        EmbedError::Truncated {
            path: self.path.clone(),
            what: what.to_string(),
        }
    }

    fn invalid(&self, detail: String) -> EmbedError {
        EmbedError::Invalid {
            path: self.path.clone(),
            detail,
        }
    }
}

impl RawModel {
    pub(crate) fn read(path: &Path) -> Result<RawModel, EmbedError> {
        let file = File::open(path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                EmbedError::Missing {
                    path: path.to_path_buf(),
                }
            } else {
                EmbedError::Read {
                    path: path.to_path_buf(),
                    source,
                }
            }
        })?;
        let len = file
            .metadata()
            .map_err(|source| EmbedError::Read {
                path: path.to_path_buf(),
                source,
            })?
            .len();
        let mut r = Reader {
            inner: BufReader::new(file),
            path: path.to_path_buf(),
            remaining: len,
        };
        let magic = r.bytes(8, "the header")?;
        if magic != MAGIC {
            return Err(EmbedError::NotAModel {
                path: path.to_path_buf(),
            });
        }
        let version = r.u32("the header")?;
        if version != FORMAT_VERSION {
            return Err(EmbedError::Version {
                path: path.to_path_buf(),
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        let count = r.u32("the header")?;
        let mut entries = HashMap::new();
        for index in 0..count {
            let what = format!("entry {index} of {count}");
            let name_len = r.u32(&what)?;
            if name_len > 256 {
                return Err(r.invalid(format!("{what} has a {name_len}-byte name")));
            }
            let name = String::from_utf8(r.bytes(u64::from(name_len), &what)?)
                .map_err(|_| r.invalid(format!("{what} has a name that is not UTF-8")))?;
            let what = format!("entry {name:?}");
            let dtype = r.u8(&what)?;
            let ndim = r.u8(&what)?;
            let mut dims = Vec::with_capacity(usize::from(ndim));
            for _ in 0..ndim {
                dims.push(r.u32(&what)? as usize);
            }
            let nbytes = r.u64(&what)?;
            let size: u64 = match dtype {
                DT_U8 => 1,
                DT_U32 | DT_F32 => 4,
                other => return Err(r.invalid(format!("{what} has unknown dtype {other}"))),
            };
            let elements = dims.iter().try_fold(1u64, |acc, &d| acc.checked_mul(d as u64));
            if elements.and_then(|e| e.checked_mul(size)) != Some(nbytes) {
                return Err(r.invalid(format!("{what}: {nbytes} bytes do not match dims {dims:?}")));
            }
            let data = r.bytes(nbytes, &what)?;
            entries.insert(name, Entry { dtype, dims, data });
        }
        Ok(RawModel {
            path: path.to_path_buf(),
            entries,
        })
    }

    pub(crate) fn invalid(&self, detail: String) -> EmbedError {
        EmbedError::Invalid {
            path: self.path.clone(),
            detail,
        }
    }

    fn entry(&self, name: &str, dtype: u8, dims: Option<&[usize]>) -> Result<&Entry, EmbedError> {
        let entry = self
            .entries
            .get(name)
            .ok_or_else(|| self.invalid(format!("entry {name:?} is missing")))?;
        if entry.dtype != dtype {
            return Err(self.invalid(format!("entry {name:?} has dtype {}, expected {dtype}", entry.dtype)));
        }
        if let Some(dims) = dims {
            if entry.dims != dims {
                return Err(self.invalid(format!("entry {name:?} has dims {:?}, expected {dims:?}", entry.dims)));
            }
        }
        Ok(entry)
    }

    /// Take an u8 entry out of the model (no copy).
    pub(crate) fn take_u8(&mut self, name: &str, dims: Option<&[usize]>) -> Result<(Vec<usize>, Vec<u8>), EmbedError> {
        self.entry(name, DT_U8, dims)?;
        let entry = self
            .entries
            .remove(name)
            .ok_or_else(|| self.invalid(format!("entry {name:?} is missing")))?;
        Ok((entry.dims, entry.data))
    }

    pub(crate) fn f32s(&self, name: &str, dims: &[usize]) -> Result<Vec<f32>, EmbedError> {
        let entry = self.entry(name, DT_F32, Some(dims))?;
        Ok(entry
            .data
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }

    pub(crate) fn u32s(&self, name: &str) -> Result<Vec<u32>, EmbedError> {
        let entry = self.entry(name, DT_U32, None)?;
        Ok(entry
            .data
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }
}
