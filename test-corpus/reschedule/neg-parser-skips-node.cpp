// Negative: a pull parser's Read() skips the nodes it does not report (whitespace, text with
// no value) by calling itself for the next one. The reader has already moved on; nothing
// failed and nothing is attempted again. A fall-through past a chain of type tests is no
// failure classification, and with no wait, bound or retry name there is no evidence.
#include <stdexcept>
#include <string>

namespace xml {

struct TextReader;
int ReaderRead(TextReader *reader);
int ReaderNodeType(TextReader *reader);
int ReaderHasValue(TextReader *reader);
const char *ReaderValue(TextReader *reader);

enum class NodeKind { End, StartTag, EndTag, Text };

struct Node {
  NodeKind kind;
  std::string value;
};

class Reader {
 public:
  Node Read() {
    int ret = ReaderRead(reader_);
    if (ret == 0)
      return Node{NodeKind::End, {}};
    if (ret != 1)
      throw std::runtime_error("malformed document");
    int type = ReaderNodeType(reader_);
    bool has_value = ReaderHasValue(reader_) == 1;
    if (type == 1)
      return Node{NodeKind::StartTag, {}};
    else if (type == 15)
      return Node{NodeKind::EndTag, {}};
    else if (type == 3) {
      if (has_value)
        return Node{NodeKind::Text, ReaderValue(reader_)};
    } else if (type == 14) {
      // significant whitespace: skipped
    } else {
      throw std::runtime_error("unexpected node type");
    }
    return Read();
  }

 private:
  TextReader *reader_ = nullptr;
};

} // namespace xml
