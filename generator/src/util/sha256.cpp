// SHA-256 (FIPS 180-4), moved here from pg/dump_cache.cpp so the dump cache and the generate
// stamp share one implementation.
#include "util/sha256.hpp"

#include <algorithm>

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define SQLGEN_SHA_NI 1
#endif

namespace sqlgen::util {

namespace {

constexpr std::array<uint32_t, 64> k_sha_k = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

void sha256_block(std::array<uint32_t, 8>& h, const unsigned char* p) {
  std::array<uint32_t, 64> w{};
  for (int i = 0; i < 16; ++i) {
    w[i] = uint32_t(p[4 * i]) << 24 | uint32_t(p[4 * i + 1]) << 16 | uint32_t(p[4 * i + 2]) << 8 |
           uint32_t(p[4 * i + 3]);
  }
  for (int i = 16; i < 64; ++i) {
    uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int i = 0; i < 64; ++i) {
    uint32_t s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    uint32_t ch = (e & f) ^ (~e & g);
    uint32_t t1 = hh + s1 + ch + k_sha_k[i] + w[i];
    uint32_t s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
    uint32_t t2 = s0 + maj;
    hh = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += hh;
}

#if SQLGEN_SHA_NI
/// `blocks` 64-byte blocks with the x86 SHA extensions (SHA-NI), after the public-domain
/// intrinsics code by Jeffrey Walton (after Intel's): the state is kept as ABEF/CDGH.
__attribute__((target("sha,sse4.1,ssse3"))) void sha256_blocks_ni(std::array<uint32_t, 8>& h,
                                                                  const unsigned char* p,
                                                                  size_t blocks) {
  const __m128i mask = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i tmp = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&h[0]));
  __m128i state1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&h[4]));
  tmp = _mm_shuffle_epi32(tmp, 0xB1);                // CDAB
  state1 = _mm_shuffle_epi32(state1, 0x1B);          // EFGH
  __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);  // ABEF
  state1 = _mm_blend_epi16(state1, tmp, 0xF0);       // CDGH
  for (; blocks > 0; --blocks, p += 64) {
    const __m128i abef = state0, cdgh = state1;
    __m128i w[4];
    for (int g = 0; g < 16; ++g) {
      __m128i& cur = w[g % 4];
      if (g < 4) {
        cur = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * g)), mask);
      } else {
        // W[4g..4g+3] from W[4g-16..]: sigma0 (msg1), + W[4g-7..4g-4], sigma1 (msg2).
        cur = _mm_sha256msg1_epu32(cur, w[(g - 3) % 4]);
        cur = _mm_add_epi32(cur, _mm_alignr_epi8(w[(g - 1) % 4], w[(g - 2) % 4], 4));
        cur = _mm_sha256msg2_epu32(cur, w[(g - 1) % 4]);
      }
      __m128i m =
          _mm_add_epi32(cur, _mm_loadu_si128(reinterpret_cast<const __m128i*>(&k_sha_k[4 * g])));
      state1 = _mm_sha256rnds2_epu32(state1, state0, m);
      m = _mm_shuffle_epi32(m, 0x0E);
      state0 = _mm_sha256rnds2_epu32(state0, state1, m);
    }
    state0 = _mm_add_epi32(state0, abef);
    state1 = _mm_add_epi32(state1, cdgh);
  }
  tmp = _mm_shuffle_epi32(state0, 0x1B);        // FEBA
  state1 = _mm_shuffle_epi32(state1, 0xB1);     // DCHG
  state0 = _mm_blend_epi16(tmp, state1, 0xF0);  // DCBA
  state1 = _mm_alignr_epi8(state1, tmp, 8);     // ABEF
  _mm_storeu_si128(reinterpret_cast<__m128i*>(&h[0]), state0);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(&h[4]), state1);
}

bool cpu_has_sha_ni() {
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
  bool ssse3 = c & (1u << 9), sse41 = c & (1u << 19);
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
  return ssse3 && sse41 && (b & (1u << 29));
}
#endif

/// Set while detail::sha256_hex_portable runs (tests compare both paths).
thread_local bool t_portable = false;

/// `blocks` consecutive 64-byte blocks: with SHA-NI when the CPU has it.
void sha256_blocks(std::array<uint32_t, 8>& h, const unsigned char* p, size_t blocks) {
#if SQLGEN_SHA_NI
  static const bool ni = cpu_has_sha_ni();
  if (ni && !t_portable) return sha256_blocks_ni(h, p, blocks);
#endif
  for (; blocks > 0; --blocks, p += 64) sha256_block(h, p);
}

}  // namespace

Sha256::Sha256()
    : m_h{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
          0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19} {}

Sha256& Sha256::update(std::string_view data) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t n = data.size();
  m_total += n;
  if (m_buf_len > 0) {
    size_t take = std::min(n, m_buf.size() - m_buf_len);
    std::copy(p, p + take, m_buf.begin() + static_cast<std::ptrdiff_t>(m_buf_len));
    m_buf_len += take;
    p += take;
    n -= take;
    if (m_buf_len < m_buf.size()) return *this;
    sha256_blocks(m_h, m_buf.data(), 1);
    m_buf_len = 0;
  }
  size_t blocks = n / 64;
  sha256_blocks(m_h, p, blocks);
  p += blocks * 64;
  n -= blocks * 64;
  std::copy(p, p + n, m_buf.begin());
  m_buf_len = n;
  return *this;
}

std::string Sha256::hex_digest() {
  std::array<unsigned char, 128> tail{};
  std::copy(m_buf.begin(), m_buf.begin() + static_cast<std::ptrdiff_t>(m_buf_len), tail.begin());
  tail[m_buf_len] = 0x80;
  size_t tail_len = m_buf_len + 1 + 8 <= 64 ? 64 : 128;
  uint64_t bits = m_total * 8;
  for (int i = 0; i < 8; ++i) tail[tail_len - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
  sha256_blocks(m_h, tail.data(), tail_len / 64);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (uint32_t word : m_h) {
    for (int shift = 28; shift >= 0; shift -= 4) out += k_hex[(word >> shift) & 0xf];
  }
  return out;
}

std::string sha256_hex(std::string_view data) { return Sha256().update(data).hex_digest(); }

namespace detail {

std::string sha256_hex_portable(std::string_view data) {
  t_portable = true;
  std::string out = sha256_hex(data);
  t_portable = false;
  return out;
}

bool sha256_uses_cpu_extensions() {
#if SQLGEN_SHA_NI
  return cpu_has_sha_ni();
#else
  return false;
#endif
}

}  // namespace detail

}  // namespace sqlgen::util
