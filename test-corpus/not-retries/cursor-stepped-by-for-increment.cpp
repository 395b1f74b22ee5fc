// Near-miss: a dump tool walks a project's record cursor with
// for (; cursor->Valid(); cursor->Next()). A record that does not decode is reported and
// skipped with `continue`. The for-increment steps the cursor that the body reads, so every
// turn decodes the next record: a walk, not a retry of the decode.
#include <cstddef>
#include <cstdio>
#include <string>

namespace dump {

struct Bytes {
  const char* data = nullptr;
  size_t size = 0;
};

class RecordCursor {
 public:
  virtual ~RecordCursor() = default;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual Bytes Record() const = 0;
};

struct Entry {
  std::string key;
  int kind = 0;
};

bool DecodeEntry(const Bytes& raw, Entry* out);
void PrintEntry(const Entry& entry);

// Prints the records from the cursor's position up to, not including, key `until` ("" for all).
size_t DumpRecords(RecordCursor* cursor, size_t limit, const std::string& until) {
  size_t shown = 0;
  for (; cursor->Valid(); cursor->Next()) {
    Bytes raw = cursor->Record();
    if (limit > 0 && shown >= limit) {
      break;
    }
    ++shown;
    Entry entry;
    if (!DecodeEntry(raw, &entry)) {
      std::fprintf(stderr, "undecodable record of %zu bytes\n", raw.size);
      continue;
    }
    if (!until.empty() && entry.key >= until) {
      break;
    }
    PrintEntry(entry);
  }
  return shown;
}

}  // namespace dump
