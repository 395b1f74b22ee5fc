// The language server's wire layer on its own: file URIs, UTF-16 and UTF-8 positions, and
// Content-Length framing with the broken frames it must survive.
#include "lsp/Protocol.h"
#include "lsp/Transport.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

namespace retrylint::lsp {
namespace {

TEST(LspUri, RoundTripsAPathWithSpacesAndNonAscii) {
  std::string path = "/src/my project/caf\xc3\xa9+1.cpp";
  std::string uri = uriFromPath(path);
  EXPECT_EQ(uri, "file:///src/my%20project/caf%C3%A9%2B1.cpp");
  EXPECT_EQ(pathFromUri(uri), path);
}

TEST(LspUri, AcceptsLocalhostAndLowercaseEscapesAndNormalises) {
  EXPECT_EQ(pathFromUri("file://localhost/a/b/../c%2fd.cpp"), "/a/c/d.cpp");
  EXPECT_EQ(pathFromUri("file:///a/./b.cpp"), "/a/b.cpp");
}

TEST(LspUri, RefusesOtherSchemesAndHosts) {
  EXPECT_FALSE(pathFromUri("untitled:Untitled-1"));
  EXPECT_FALSE(pathFromUri("https://example.invalid/a.cpp"));
  EXPECT_FALSE(pathFromUri("file://server/share/a.cpp"));
}

TEST(LspPosition, CountsUtf16UnitsOrUtf8Bytes) {
  // "é" is 2 bytes and 1 UTF-16 unit; "😀" is 4 bytes and 2 units (a surrogate pair).
  std::string line = "a\xc3\xa9\xf0\x9f\x98\x80x = f();";
  PositionEncoding utf16, utf8{true};
  unsigned xByteColumn = 1 + 1 + 2 + 4; // 1-based column of 'x'
  EXPECT_EQ(utf16.character(line, xByteColumn), 4u);
  EXPECT_EQ(utf8.character(line, xByteColumn), 7u);
  EXPECT_EQ(utf16.byteColumn(line, 4), xByteColumn);
  EXPECT_EQ(utf8.byteColumn(line, 7), xByteColumn);
  // Past the known text (a later line of a span), one unit per byte.
  EXPECT_EQ(utf16.character("", 12), 11u);
  EXPECT_EQ(utf16.byteColumn("ab", 5), 6u);
}

TEST(LspPosition, RangeOfASpanIsZeroBasedAndEndsAfterItsStart) {
  SourceSpan span{"/a.cpp", 3, 5, 3, 9, "    sleep();"};
  json range = PositionEncoding{}.range(span);
  EXPECT_EQ(range, json::parse(R"({"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 8}})"));
  SourceSpan backwards{"/a.cpp", 3, 5, 3, 2, "    sleep();"};
  EXPECT_EQ(PositionEncoding{}.range(backwards)["end"]["character"], 4);
}

TEST(LspText, LineOfStripsLineBreaks) {
  EXPECT_EQ(lineOf("a\r\nbb\nccc", 1), "bb");
  EXPECT_EQ(lineOf("a\r\nbb\nccc", 0), "a");
  EXPECT_EQ(lineOf("a\nb", 5), "");
}

/// The messages and problems a transport reads from `input`, in order.
std::vector<std::string> readAll(const std::string &input) {
  std::FILE *in = fmemopen(const_cast<char *>(input.data()), input.size(), "r");
  Transport transport(in, stdout);
  std::vector<std::string> seen;
  json message;
  std::string problem;
  for (Transport::Status s; (s = transport.read(message, problem)) != Transport::Status::End;)
    seen.push_back(s == Transport::Status::Message ? message.dump() : "broken: " + problem);
  if (!problem.empty())
    seen.push_back("end: " + problem);
  std::fclose(in);
  return seen;
}

std::string frame(const std::string &body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

TEST(LspTransport, ReadsFramesWithOtherHeadersAndBlankLinesBetween) {
  std::string input = frame(R"({"a":1})") + "\r\n" +
                      "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 7\r\n\r\n{\"b\":2}";
  EXPECT_EQ(readAll(input), (std::vector<std::string>{R"({"a":1})", R"({"b":2})"}));
}

TEST(LspTransport, SkipsBrokenFramesAndReadsOn) {
  std::string input = "garbage\r\n" + frame("{not json}") + "Content-Type: x\r\n\r\n" +
                      "Content-Length: -3\r\n\r\n" + frame(R"({"ok":true})");
  std::vector<std::string> seen = readAll(input);
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_EQ(seen[0], "broken: text outside a message 'garbage'");
  EXPECT_EQ(seen[1].rfind("broken: a message that is not JSON", 0), 0u);
  EXPECT_EQ(seen[2], "broken: a message header without Content-Length");
  EXPECT_EQ(seen[3], "broken: a bad Content-Length '-3'");
  EXPECT_EQ(seen[4], R"({"ok":true})");
}

TEST(LspTransport, FindsAHeaderGluedToTheRestOfAShortFrame) {
  // The first frame says 5 bytes but sends 9: the rest runs into the next header.
  std::string input = "Content-Length: 5\r\n\r\n{\"a\":1}xxContent-Length: 8\r\n\r\n{\"b\":22}";
  std::vector<std::string> seen = readAll(input);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].rfind("broken: a message that is not JSON", 0), 0u);
  EXPECT_EQ(seen[1], R"({"b":22})");
}

TEST(LspTransport, ReportsAStreamThatEndsInsideAMessage) {
  EXPECT_EQ(readAll("Content-Length: 50\r\n\r\n{\"a\""),
            (std::vector<std::string>{"end: the input ended inside a message body"}));
  EXPECT_EQ(readAll("Content-Length: 50\r\n"),
            (std::vector<std::string>{"end: the input ended inside a message header"}));
}

TEST(LspTransport, WritesAFrameWithTheBodysByteLength) {
  char *buffer = nullptr;
  size_t size = 0;
  std::FILE *out = open_memstream(&buffer, &size);
  Transport transport(stdin, out);
  transport.write(json{{"text", "×27"}});
  std::fclose(out);
  std::string written(buffer, size);
  std::free(buffer);
  EXPECT_EQ(written, "Content-Length: 15\r\n\r\n{\"text\":\"×27\"}");
}

} // namespace
} // namespace retrylint::lsp
