// util/sha256 and util/cache_key: the hash every cache key and stamp rests on.
#include <catch2/catch.hpp>
#include <random>

#include "util/cache_key.hpp"
#include "util/sha256.hpp"

using namespace sqlgen;

TEST_CASE("sha256: FIPS 180-4 test vectors, with and without the CPU extensions", "[util]") {
  const std::pair<std::string, const char*> k_vectors[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {std::string(1000000, 'a'),
       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
      // Padding edges: 55, 56 and 64 bytes.
      {std::string(55, 'a'), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
      {std::string(56, 'a'), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
      {std::string(64, 'a'), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
  };
  for (const auto& [input, digest] : k_vectors) {
    INFO("length " << input.size());
    CHECK(util::sha256_hex(input) == digest);
    CHECK(util::detail::sha256_hex_portable(input) == digest);
  }
}

TEST_CASE("sha256: incremental updates in random pieces give the one-shot digest", "[util]") {
  std::mt19937 rng(42);
  for (size_t len = 0; len < 300; ++len) {
    std::string s(len, '\0');
    for (char& c : s) c = static_cast<char>(rng());
    util::Sha256 h;
    for (size_t i = 0; i < s.size();) {
      size_t n = std::min<size_t>(rng() % 100, s.size() - i);
      h.update(std::string_view(s).substr(i, n));
      i += n;
    }
    std::string digest = h.hex_digest();
    INFO("length " << len);
    CHECK(digest == util::sha256_hex(s));
    CHECK(digest == util::detail::sha256_hex_portable(s));
  }
}

TEST_CASE("cache keys: length-prefixed fields, so field boundaries count", "[util]") {
  util::KeyHasher a;
  a.field("ab").field(int64_t(-7));
  CHECK(a.hex() == util::sha256_hex("2:ab;2:-7;"));
  util::KeyHasher b, c;
  b.field("a").field("bc");
  c.field("ab").field("c");
  CHECK(b.hex() != c.hex());
}
