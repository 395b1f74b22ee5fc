// Negative: a budgeted retry over a frame decoder. FrameReader::Next parses one frame out of
// its buffer and refills the buffer from the source when a header is incomplete (a failed
// refill ends the read), checks the frame's checksum against the one it carries, and inflates
// a compressed payload, where `remaining` counts the input bytes the codec has not consumed: no
// clock anywhere. Each turn reads on through the stream, so the decoder is no retry and the
// replica's loop is the only retrying layer.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace replication {

class ByteSource {
 public:
  absl::Status ReadChunk(std::size_t max_bytes, std::string* out);
};

class Codec {
 public:
  // Returns how many input bytes are still to be inflated, or a negative number on bad input.
  int Inflate(const char* in, std::size_t n, std::string* out);
};

uint32_t Fingerprint(const char* data, std::size_t n);
uint32_t StoredFingerprint(const char* header);

enum FrameKind { kPlain = 1, kPacked = 2, kEnd = 3, kTruncated = 4, kCorrupt = 5 };

class FrameReader {
 public:
  FrameReader(ByteSource* source, Codec* codec) : source_(source), codec_(codec) {}

  int Next(std::string* payload) {
    while (true) {
      if (pending_.size() < kHeaderBytes) {
        int why = kEnd;
        if (!Refill(&why)) {
          return why;
        }
        continue;
      }
      const char* header = pending_.data();
      const int kind = static_cast<unsigned char>(header[0]);
      const std::size_t length = static_cast<unsigned char>(header[1]);
      if (kHeaderBytes + length > pending_.size()) {
        pending_.clear();
        return kTruncated;
      }
      const uint32_t carried = StoredFingerprint(header);
      const uint32_t computed = Fingerprint(header + kHeaderBytes, length);
      if (computed != carried) {
        pending_.clear();
        return kCorrupt;
      }
      std::string body = pending_.substr(kHeaderBytes, length);
      pending_.erase(0, kHeaderBytes + length);
      if (kind != kPacked) {
        *payload = body;
        return kind;
      } else {
        payload->clear();
        const char* in = body.data();
        std::size_t in_bytes = body.size();
        int remaining = 0;
        do {
          remaining = codec_->Inflate(in, in_bytes, payload);
          in = nullptr;
          in_bytes = 0;
          if (remaining < 0) {
            pending_.clear();
            return kCorrupt;
          }
        } while (remaining > 0);
        return kind;
      }
    }
  }

 private:
  bool Refill(int* why) {
    std::string chunk;
    absl::Status s = source_->ReadChunk(kChunkBytes, &chunk);
    if (!s.ok() || chunk.empty()) {
      *why = s.ok() ? kEnd : kTruncated;
      return false;
    }
    pending_ += chunk;
    return true;
  }

  static constexpr std::size_t kHeaderBytes = 8;
  static constexpr std::size_t kChunkBytes = 32768;
  ByteSource* source_;
  Codec* codec_;
  std::string pending_;
};

class Store {
 public:
  absl::Status Apply(const std::string& entry);
};

class Replica {
 public:
  Replica(FrameReader* reader, Store* store, resilience::RetryBudget* budget)
      : reader_(reader), store_(store), budget_(budget) {}

  absl::Status CatchUp() {
    constexpr int kMaxAttempts = 3;
    thread_local std::mt19937_64 rng{std::random_device{}()};
    budget_->OnRequest();
    absl::Status s = ReplayOne();
    for (int attempt = 1; attempt < kMaxAttempts && !s.ok(); ++attempt) {
      if (!absl::IsUnavailable(s) || !budget_->TryRetry()) break;
      std::uniform_int_distribution<int> jitter_ms(0, std::min(1000, 100 << attempt));
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
      s = ReplayOne();
    }
    return s;
  }

 private:
  absl::Status ReplayOne() {
    std::string entry;
    int kind = reader_->Next(&entry);
    if (kind == kTruncated || kind == kEnd) {
      return absl::Status(absl::StatusCode::kUnavailable, "the log has not reached this entry yet");
    }
    if (kind == kCorrupt) {
      return absl::Status(absl::StatusCode::kDataLoss, "corrupt frame");
    }
    return store_->Apply(entry);
  }

  FrameReader* reader_;
  Store* store_;
  resilience::RetryBudget* budget_;
};

}  // namespace replication
