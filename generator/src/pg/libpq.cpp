// libpq loaded at first use (see libpq.hpp).
#include "pg/libpq.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace sqlgen::pg {

namespace {

/// "cannot load libpq (<library>): <why>".
diag::Diagnostic load_error(const std::string& library, const std::string& why) {
  return diag::make(diag::DiagId::err_pg_libpq, {}, {library, why});
}

std::string last_dlerror(const char* fallback) {
  const char* e = ::dlerror();
  return e ? e : fallback;
}

}  // namespace

namespace detail {

Result<std::unique_ptr<const Libpq>> load_libpq_from(const std::string& library) {
  ::dlerror();  // clear a stale message
  void* handle = ::dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) return load_error(library, last_dlerror("dlopen failed"));
  auto lib = std::make_unique<Libpq>();
  std::string error;
  auto resolve = [&](auto& fn, const char* name) {
    if (!error.empty()) return;
    ::dlerror();
    void* sym = ::dlsym(handle, name);
    if (sym == nullptr) {
      error = last_dlerror((std::string("undefined symbol: ") + name).c_str());
      return;
    }
    static_assert(sizeof(fn) == sizeof(sym));
    std::memcpy(&fn, &sym, sizeof fn);  // object pointer -> function pointer, as POSIX allows
  };
#define SQLGEN_LIBPQ_RESOLVE(name) resolve(lib->name, #name);
  SQLGEN_LIBPQ_FUNCTIONS(SQLGEN_LIBPQ_RESOLVE)
#undef SQLGEN_LIBPQ_RESOLVE
  // The handle stays open either way: the table points into it, and unloading libpq (which
  // may have initialized OpenSSL) is not worth the risk.
  if (!error.empty()) return load_error(library, error);
  return Result<std::unique_ptr<const Libpq>>(std::move(lib));
}

}  // namespace detail

namespace {

/// The process's one load attempt.
Result<std::unique_ptr<const Libpq>>& loaded() {
  static Result<std::unique_ptr<const Libpq>> result = [] {
    const char* env = std::getenv("SQLGEN_LIBPQ");
    return detail::load_libpq_from(env && *env ? env : k_libpq_soname);
  }();
  return result;
}

}  // namespace

Result<const Libpq*> load_libpq() {
  Result<std::unique_ptr<const Libpq>>& r = loaded();
  if (!r) return r.error();
  return Result<const Libpq*>(r->get());
}

const Libpq& pq() {
  Result<std::unique_ptr<const Libpq>>& r = loaded();
  if (!r)
    throw std::logic_error("libpq used although it could not be loaded: " + r.error().message);
  return **r;
}

std::string clean_message(std::string_view raw) {
  std::string msg(raw.substr(0, raw.find('\n')));
  for (std::string_view prefix : {"ERROR:  ", "FATAL:  "}) {
    if (msg.starts_with(prefix)) msg.erase(0, prefix.size());
  }
  while (!msg.empty() && (msg.back() == ' ' || msg.back() == '\r')) msg.pop_back();
  return msg.empty() ? "unknown error" : msg;
}

}  // namespace sqlgen::pg
