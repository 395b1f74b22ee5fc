// Negative: recursion that walks a structure. A node that fails to load is skipped and the walk
// goes on with its sibling; each call goes to a different node, so nothing is re-attempted.
namespace catalog {

struct Status {
  bool ok() const;
};

struct Node {
  Node* next = nullptr;
  Node* first_child = nullptr;
};

class Loader {
 public:
  Status load(Node* node);

  void load_all(Node* node) {
    if (node == nullptr)
      return;
    Status s = load(node);
    if (!s.ok()) {
      ++skipped_;
      load_all(node->next);
      return;
    }
    load_all(node->first_child);
    load_all(node->next);
  }

 private:
  int skipped_ = 0;
};

}  // namespace catalog
