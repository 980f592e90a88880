// codegen/names.cpp: the identifier-escaping function, the C++20 keyword list, singular type
// names and function-name cases.
#include <catch2/catch.hpp>

#include "codegen/codegen.hpp"

using namespace sqlgen::codegen;

TEST_CASE("every C++20 keyword and alternative token is reserved", "[codegen]") {
  const char* k_keywords[] = {"alignas",       "alignof",     "and",
                              "and_eq",        "asm",         "auto",
                              "bitand",        "bitor",       "bool",
                              "break",         "case",        "catch",
                              "char",          "char8_t",     "char16_t",
                              "char32_t",      "class",       "compl",
                              "concept",       "const",       "consteval",
                              "constexpr",     "constinit",   "const_cast",
                              "continue",      "co_await",    "co_return",
                              "co_yield",      "decltype",    "default",
                              "delete",        "do",          "double",
                              "dynamic_cast",  "else",        "enum",
                              "explicit",      "export",      "extern",
                              "false",         "float",       "for",
                              "friend",        "goto",        "if",
                              "inline",        "int",         "long",
                              "mutable",       "namespace",   "new",
                              "noexcept",      "not",         "not_eq",
                              "nullptr",       "operator",    "or",
                              "or_eq",         "private",     "protected",
                              "public",        "register",    "reinterpret_cast",
                              "requires",      "return",      "short",
                              "signed",        "sizeof",      "static",
                              "static_assert", "static_cast", "struct",
                              "switch",        "template",    "this",
                              "thread_local",  "throw",       "true",
                              "try",           "typedef",     "typeid",
                              "typename",      "union",       "unsigned",
                              "using",         "virtual",     "void",
                              "volatile",      "wchar_t",     "while",
                              "xor",           "xor_eq"};
  for (const char* k : k_keywords) {
    INFO(k);
    CHECK(is_cpp_reserved(k));
    CHECK(escape_identifier(k) == std::string(k) + "_");
  }
  CHECK(std::size(k_keywords) == 92);
}

TEST_CASE("escape_identifier makes any SQL name a C++ identifier", "[codegen]") {
  CHECK(escape_identifier("user_id") == "user_id");
  CHECK(escape_identifier("UserID") == "UserID");
  CHECK(escape_identifier("the end") == "the_end");
  CHECK(escape_identifier("a-b.c") == "a_b_c");
  CHECK(escape_identifier("1st") == "_1st");
  CHECK(escape_identifier("a__b") == "a_b");  // "__" is reserved
  CHECK(escape_identifier("a  b") == "a_b");
  CHECK(escape_identifier("_Upper") == "Upper");  // "_X" is reserved
  CHECK(escape_identifier("_lower") == "_lower");
  CHECK(escape_identifier("") == "unnamed");
  CHECK(escape_identifier("?column?") == "_column_");
  CHECK(escape_identifier("\xc3\xa9t\xc3\xa9") == "_t_");
  CHECK(escape_identifier("NULL") == "NULL_");  // standard macros
  CHECK(escape_identifier("errno") == "errno_");
  CHECK(escape_identifier("override") == "override_");
  // Names the generated code uses in a scope are escaped like keywords, never into "__".
  CHECK(escape_identifier("items", {"items"}) == "items_");
  CHECK(escape_identifier("row_", {"row_"}) == "row_1");
  CHECK(escape_identifier("items") == "items");
}

TEST_CASE("singularize follows sqlc's inflection rules on the last word", "[codegen]") {
  const std::pair<const char*, const char*> k_cases[] = {
      {"users", "user"},
      {"categories", "category"},
      {"addresses", "address"},
      {"people", "person"},
      {"status", "status"},
      {"statuses", "status"},
      {"invoice_lines", "invoice_line"},
      {"chat_providers", "chat_provider"},
      {"boxes", "box"},
      {"matches", "match"},
      {"wolves", "wolf"},
      {"knives", "knife"},
      {"children", "child"},
      {"women", "woman"},
      {"mice", "mouse"},
      {"analyses", "analysis"},
      {"indices", "index"},
      {"quizzes", "quiz"},
      {"news", "news"},
      {"series", "series"},
      {"sheep", "sheep"},
      {"data", "datum"},
      {"aliases", "alias"},
      {"buses", "bus"},
      {"glass", "glass"},
      {"user_sessions", "user_session"},
      {"memberships", "membership"},
      {"open_invoices", "open_invoice"},
      {"Users", "User"},
  };
  for (const auto& [plural, singular] : k_cases) {
    INFO(plural);
    CHECK(singularize(plural) == singular);
  }
}

TEST_CASE("case conversions for type and function names", "[codegen]") {
  CHECK(to_pascal_case("chat_provider") == "ChatProvider");
  CHECK(to_pascal_case("invoice_status") == "InvoiceStatus");
  CHECK(to_pascal_case("ai_provider_type") == "AiProviderType");
  CHECK(to_pascal_case("person") == "Person");
  CHECK(to_snake_case("GetUserByID") == "get_user_by_id");
  CHECK(to_snake_case("ListInvoicesByIDsInOrder") == "list_invoices_by_ids_in_order");
  CHECK(to_snake_case("GetEventsByIDs") == "get_events_by_ids");
  CHECK(to_snake_case("HTTPServerURL") == "http_server_url");
  CHECK(to_snake_case("GetV2User") == "get_v2_user");
  CHECK(to_snake_case("already_snake") == "already_snake");
  CHECK(to_camel_case("GetUserByID") == "getUserById");
  CHECK(to_camel_case("ListInvoicesByIDsInOrder") == "listInvoicesByIdsInOrder");
}
