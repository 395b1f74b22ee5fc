// A publisher (a class template over its transport) learns each message's fate in a delivery
// callback. A message the broker rejected is pushed onto the resend queue, and flush() sends
// everything on it again. Nothing counts the resends: a message the broker keeps rejecting is
// resent at every flush, and no budget limits them. The delay is the flush cadence, not seen.
#include <string>
#include <vector>

namespace publish {

struct Message {
  std::string topic, payload;
};

struct Receipt {
  Message sent;
  int error = 0;
  bool failed() const { return error != 0; }
  const Message &message() const { return sent; }
};

template <typename Transport>
class Publisher {
 public:
  explicit Publisher(Transport &transport) : transport_(transport) {}

  void on_delivery(const Receipt &receipt) {
    if (receipt.failed()) {
      resend_queue_.push_back(receipt.message());  // expect: retry-unbounded, retry-unbudgeted says="through `resend_queue_`"
      return;
    }
    ++delivered_;
  }

  void flush() {
    std::vector<Message> pending;
    pending.swap(resend_queue_);
    for (const Message &m : pending)
      send(m);
  }

  void send(const Message &m) { transport_.send(m.topic, m.payload); }

 private:
  Transport &transport_;
  std::vector<Message> resend_queue_;
  long delivered_ = 0;
};

}  // namespace publish
