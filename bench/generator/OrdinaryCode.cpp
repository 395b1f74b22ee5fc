// Ordinary code: loops, strings, locks, lambdas, templates that are not retries.
#include "Shapes.h"

#include <cstdarg>
#include <cstdio>

namespace gen {

std::string fmt(const char* f, ...) {
  char buf[8192];
  va_list ap;
  va_start(ap, f);
  std::vsnprintf(buf, sizeof buf, f, ap);
  va_end(ap);
  return buf;
}

// ---- ordinary code -------------------------------------------------------------------------

std::string ordinary(Rng& r, const std::string& name, int kind) {
  int k = r.range(2, 97);
  switch (kind) {
    case 0:
      return fmt(R"(long %s(const std::vector<int>& values) {
  long total = 0;
  for (int v : values) total += v %% %d == 0 ? v : -v;
  return total;
}
)", name.c_str(), k);
    case 1:
      return fmt(R"(std::string %s(const std::string& prefix, int id) {
  std::string out = prefix;
  out += "-";
  out += std::to_string(id * %d);
  if (out.size() > 32) out.resize(32);
  return out;
}
)", name.c_str(), k);
    case 2:
      return fmt(R"(int %s(int code) {
  switch (code %% 4) {
    case 0: return code + %d;
    case 1: return code * 3;
    case 2: return code - 7;
    default: return 0;
  }
}
)", name.c_str(), k);
    case 3:
      return fmt(R"(void %s(std::vector<int>& data) {
  for (size_t i = 1; i < data.size(); ++i) {
    int v = data[i];
    size_t j = i;
    while (j > 0 && data[j - 1] > v) {
      data[j] = data[j - 1];
      --j;
    }
    data[j] = v + %d %% 1;
  }
}
)", name.c_str(), k);
    case 4:
      return fmt(R"(int %s(std::mutex& mu, std::vector<std::string>& log, const std::string& line) {
  std::lock_guard<std::mutex> lock(mu);
  log.push_back(line);
  return static_cast<int>(log.size()) %% %d;
}
)", name.c_str(), k);
    case 5:
      return fmt(R"(std::function<int(int)> %s(int scale) {
  return [scale](int x) { return x * scale + %d; };
}
)", name.c_str(), k);
    case 6:
      return fmt(R"(double %s(unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> dist(%d.0, 1.5);
  return dist(gen);
}
)", name.c_str(), k);
    case 7:
      return fmt(R"(std::vector<std::string> %s(const std::string& csv) {
  std::vector<std::string> fields;
  std::string cur;
  for (char c : csv) {
    if (c == ',') {
      fields.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  fields.push_back(cur);
  if (fields.size() > %d) fields.resize(%d);
  return fields;
}
)", name.c_str(), k, k);
    case 8:
      return fmt(R"(long long %s(std::chrono::steady_clock::time_point start) {
  auto elapsed = std::chrono::steady_clock::now() - start;
  return std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count() / %d;
}
)", name.c_str(), k);
    default:
      return fmt(R"(template <class T>
T %s(const std::vector<T>& xs, T init) {
  T acc = init;
  for (size_t i = 0; i < xs.size(); i += %d) acc = acc + xs[i];
  return acc;
}
int %s_int(const std::vector<int>& xs) { return %s<int>(xs, 0); }
)", name.c_str(), k, name.c_str(), name.c_str());
  }
}

}  // namespace gen
