// Not a breaker: a single-threaded tokenizer whose plain state moves between open and closed
// tags and calls a callback; it has no half-open state.
#include <functional>
#include <string>
#include <utility>

namespace markup {

class Tokenizer {
 public:
  enum class State { kText, kTagOpen, kTagClosed, kComment };

  explicit Tokenizer(std::function<void(const std::string &)> on_tag) : on_tag_(std::move(on_tag)) {}

  void Feed(char c) {
    switch (state_) {
      case State::kText:
        if (c == '<') state_ = State::kTagOpen;
        break;
      case State::kTagOpen:
        if (c == '>') {
          on_tag_(tag_);
          tag_.clear();
          state_ = State::kTagClosed;
        } else {
          tag_ += c;
        }
        break;
      case State::kTagClosed:
      case State::kComment:
        state_ = State::kText;
        break;
    }
  }

 private:
  std::function<void(const std::string &)> on_tag_;
  State state_ = State::kText;
  std::string tag_;
};

}  // namespace markup
