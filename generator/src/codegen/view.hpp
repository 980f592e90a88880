#pragma once
// The view model a template renders: a tree of strings, booleans, lists and objects, all the
// mustache walker (template.cpp) reads. It replaces nlohmann::json there: an object is a short
// vector of members in insertion order (no map node per key, no number or parse support), so
// building a header's views and walking them allocates little. The spelling of what the model
// code does is nlohmann's (`View{{"name", n}, {"doc", View::array()}}`, `v["k"] = x`,
// `push_back`), so model code reads as before.

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace sqlgen::codegen {

class View {
 public:
  enum class Kind : unsigned char { Null, Bool, String, Array, Object };
  struct Member;

  View() = default;
  View(std::nullptr_t) {}
  View(bool b) : m_kind(Kind::Bool), m_bool(b) {}
  View(std::string s) : m_kind(Kind::String), m_string(std::move(s)) {}
  View(std::string_view s) : m_kind(Kind::String), m_string(s) {}
  View(const char* s) : m_kind(Kind::String), m_string(s) {}
  /// Numbers are not values of the view model (templates print strings): spell them as text.
  template <class T, std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>, int> = 0>
  View(T) = delete;
  /// An object: `View{{"name", n}, {"type", t}}`.
  View(std::initializer_list<Member> members);

  static View array() {
    View v;
    v.m_kind = Kind::Array;
    return v;
  }
  static View array(std::initializer_list<View> items) {
    View v = array();
    v.m_items.assign(items.begin(), items.end());
    return v;
  }
  static View object() {
    View v;
    v.m_kind = Kind::Object;
    return v;
  }

  Kind kind() const { return m_kind; }
  bool is_null() const { return m_kind == Kind::Null; }
  bool is_bool() const { return m_kind == Kind::Bool; }
  bool is_string() const { return m_kind == Kind::String; }
  bool is_array() const { return m_kind == Kind::Array; }
  bool is_object() const { return m_kind == Kind::Object; }

  bool boolean() const { return m_bool; }
  const std::string& str() const { return m_string; }
  /// A list's items (empty for other values).
  const std::vector<View>& items() const { return m_items; }
  std::vector<View>& items() { return m_items; }
  const std::vector<Member>& members() const { return m_members; }
  bool empty() const { return m_kind == Kind::Array ? m_items.empty() : m_members.empty(); }
  size_t size() const { return m_kind == Kind::Array ? m_items.size() : m_members.size(); }
  const View& operator[](size_t i) const { return m_items[i]; }
  View& operator[](size_t i) { return m_items[i]; }

  /// Appends to a list (null becomes an empty list first; std::logic_error for other values).
  void push_back(View v);
  /// An object's member `key`, added as null when missing (null becomes an empty object first;
  /// std::logic_error for other values).
  View& operator[](std::string_view key);
  View& operator[](const char* key) { return (*this)[std::string_view(key)]; }
  /// An object's member `key`, which must exist (std::logic_error otherwise).
  const View& operator[](std::string_view key) const;
  const View& operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  /// An object's member `key`, or null when there is none (or this is not an object).
  const View* find(std::string_view key) const;
  /// Removes an object's member `key` (nothing when there is none).
  void erase(std::string_view key);

  std::vector<View>::const_iterator begin() const { return m_items.begin(); }
  std::vector<View>::const_iterator end() const { return m_items.end(); }

  friend bool operator==(const View& a, const View& b);

 private:
  Kind m_kind = Kind::Null;
  bool m_bool = false;
  std::string m_string;
  std::vector<View> m_items;
  std::vector<Member> m_members;
};

struct View::Member {
  std::string key;
  View value;
};

inline View::View(std::initializer_list<Member> members)
    : m_kind(Kind::Object), m_members(members) {}

inline void View::push_back(View v) {
  if (m_kind == Kind::Null) m_kind = Kind::Array;
  if (m_kind != Kind::Array) throw std::logic_error("codegen: push_back on a view that is no list");
  m_items.push_back(std::move(v));
}

inline const View* View::find(std::string_view key) const {
  for (const Member& m : m_members) {
    if (m.key == key) return &m.value;
  }
  return nullptr;
}

inline View& View::operator[](std::string_view key) {
  if (m_kind == Kind::Null) m_kind = Kind::Object;
  if (m_kind != Kind::Object) {
    throw std::logic_error("codegen: member " + std::string(key) + " of a view that is no object");
  }
  for (Member& m : m_members) {
    if (m.key == key) return m.value;
  }
  m_members.push_back(Member{std::string(key), View()});
  return m_members.back().value;
}

inline const View& View::operator[](std::string_view key) const {
  if (const View* v = find(key)) return *v;
  throw std::logic_error("codegen: view has no member " + std::string(key));
}

inline void View::erase(std::string_view key) {
  m_members.erase(std::remove_if(m_members.begin(), m_members.end(),
                                 [&](const Member& m) { return m.key == key; }),
                  m_members.end());
}

inline bool operator==(const View& a, const View& b) {
  if (a.m_kind != b.m_kind) return false;
  switch (a.m_kind) {
    case View::Kind::Null:
      return true;
    case View::Kind::Bool:
      return a.m_bool == b.m_bool;
    case View::Kind::String:
      return a.m_string == b.m_string;
    case View::Kind::Array:
      return a.m_items == b.m_items;
    case View::Kind::Object:
      return a.m_members.size() == b.m_members.size() &&
             std::equal(a.m_members.begin(), a.m_members.end(), b.m_members.begin(),
                        [](const View::Member& x, const View::Member& y) {
                          return x.key == y.key && x.value == y.value;
                        });
  }
  return false;
}

}  // namespace sqlgen::codegen
