// Near-miss: a producer whose local send queue is full. It polls the client (which delivers
// queued messages and frees room) and offers the message again. The wait is for local
// queue space, the back-pressure a client library asks for, not a retry of a failed call.
// Nothing more reaches the broker for it, and the poll returns as soon as room is made.
// (cppkafka's BufferedProducer::produce_message has this shape: bench/realcode/sites lists it
// as a near-miss for this reason.)
#include <string>

namespace events {

enum class ProduceResult { kOk, kQueueFull, kFatal };

class Producer {
 public:
  ProduceResult Produce(const std::string& topic, const std::string& payload);
  // Serves delivery reports for up to timeout_ms; returns how many were served.
  int Poll(int timeout_ms);
};

bool Publish(Producer& producer, const std::string& topic, const std::string& payload) {
  ProduceResult result;
  while ((result = producer.Produce(topic, payload)) == ProduceResult::kQueueFull) {
    producer.Poll(100);
  }
  return result == ProduceResult::kOk;
}

}  // namespace events
