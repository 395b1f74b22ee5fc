#include "retrylint/sim/PolicyInput.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <fstream>
#include <sstream>

namespace retrylint::sim {

using nlohmann::json;

// Bounds far beyond any real policy; past them the model's numbers overflow.
constexpr int kMaxAttempts = 1000;
constexpr double kMaxDelayMs = 1e9, kMaxMultiplier = 1000, kMaxTokens = 1e9;

/// Splits "1.5s" into 1.5 and "s"; std::from_chars ignores the locale, unlike strtod.
static bool splitNumber(std::string_view text, double &value, std::string_view &rest) {
  const char *begin = text.data(), *end = text.data() + text.size();
  auto [stop, status] = std::from_chars(begin, end, value);
  if (status != std::errc() || stop == begin || !std::isfinite(value))
    return false;
  rest = std::string_view(stop, static_cast<size_t>(end - stop));
  return true;
}

std::optional<double> parseDurationMs(std::string_view text, std::string &error) {
  double value = 0;
  std::string_view unit;
  if (!splitNumber(text, value, unit)) {
    error = "malformed duration '" + std::string(text) + "' (expected e.g. 100ms, 2s, 250us)";
    return std::nullopt;
  }
  double scale = 0;
  if (unit == "us")
    scale = 0.001;
  else if (unit == "ms")
    scale = 1;
  else if (unit == "s")
    scale = 1000;
  else if (unit == "m" || unit == "min")
    scale = 60000;
  else if (unit == "h")
    scale = 3600000;
  else if (unit.empty() && value == 0)
    scale = 1;
  if (scale == 0) {
    error = "malformed duration '" + std::string(text) + "' (units: us, ms, s, m, h)";
    return std::nullopt;
  }
  if (value < 0) {
    error = "duration '" + std::string(text) + "' must not be negative";
    return std::nullopt;
  }
  return value * scale;
}

std::optional<double> parseNumber(std::string_view text, std::string &error) {
  double value = 0;
  std::string_view rest;
  if (!splitNumber(text, value, rest) || !rest.empty()) {
    error = "malformed number '" + std::string(text) + "'";
    return std::nullopt;
  }
  return value;
}

std::optional<long long> parseCount(std::string_view text, std::string &error) {
  long long value = 0;
  auto [stop, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (status != std::errc() || stop != text.data() + text.size() || text.empty()) {
    error = "malformed count '" + std::string(text) + "'";
    return std::nullopt;
  }
  if (value < 0) {
    error = "count '" + std::string(text) + "' must not be negative";
    return std::nullopt;
  }
  return value;
}

bool parseJitter(std::string_view text, RetryPolicy &policy, std::string &error) {
  static const std::pair<std::string_view, JitterKind> kinds[] = {
      {"none", JitterKind::None}, {"full", JitterKind::Full}, {"equal", JitterKind::Equal},
      {"decorrelated", JitterKind::Decorrelated}};
  for (const auto &[name, kind] : kinds) {
    if (text == name) {
      policy.jitter = kind;
      return true;
    }
  }
  constexpr std::string_view proportional = "proportional:";
  if (text.substr(0, proportional.size()) == proportional) {
    double share = 0;
    std::string_view rest;
    if (splitNumber(text.substr(proportional.size()), share, rest) && rest.empty() &&
        share >= 0 && share <= 1) {
      policy.jitter = JitterKind::Proportional;
      policy.jitterProportion = share;
      return true;
    }
    error = "bad jitter '" + std::string(text) + "' (proportional:P needs 0 <= P <= 1)";
    return false;
  }
  error = "unknown jitter kind '" + std::string(text) +
          "' (expected none, full, equal, decorrelated or proportional:P)";
  return false;
}

bool parseLayers(std::string_view text, RetryPolicy &policy, std::string &error) {
  std::vector<int> layers;
  size_t start = 0;
  while (start <= text.size()) {
    size_t stop = text.find('x', start);
    std::string_view part = text.substr(start, stop == std::string_view::npos ? stop : stop - start);
    int attempts = 0;
    auto [end, status] = std::from_chars(part.data(), part.data() + part.size(), attempts);
    if (part.empty() || status != std::errc() || end != part.data() + part.size() || attempts < 1) {
      error = "malformed layers '" + std::string(text) + "' (expected attempts per layer, e.g. 3x3x3)";
      return false;
    }
    layers.push_back(attempts);
    if (stop == std::string_view::npos)
      break;
    start = stop + 1;
  }
  policy.layers = std::move(layers);
  return true;
}

/// An integer field that fits an int; validatePolicy() then checks its range. nlohmann's
/// get<int>() would wrap 4294967297 to 1 and cast 1e10 with undefined behaviour.
static bool intField(const json &value, int &out, std::string &error) {
  constexpr int64_t lo = std::numeric_limits<int>::min(), hi = std::numeric_limits<int>::max();
  if (!value.is_number_integer()) {
    error = "expected an integer (got " + value.dump() + ")";
    return false;
  }
  if (value.is_number_unsigned() ? value.get<uint64_t>() > static_cast<uint64_t>(hi)
                                 : value.get<int64_t>() < lo || value.get<int64_t>() > hi) {
    error = "out of range (got " + value.dump() + ")";
    return false;
  }
  out = static_cast<int>(value.get<int64_t>());
  return true;
}

/// A duration field: a number is milliseconds, a string carries its unit like the flags.
static bool durationField(const json &value, double &ms, std::string &error) {
  if (value.is_number()) {
    ms = value.get<double>();
    if (ms >= 0)
      return true;
    error = "must not be negative";
    return false;
  }
  if (value.is_string()) {
    if (auto parsed = parseDurationMs(value.get<std::string>(), error)) {
      ms = *parsed;
      return true;
    }
    return false;
  }
  error = "expected a duration string (\"100ms\") or milliseconds";
  return false;
}

static bool budgetField(const json &value, RetryBudget &budget, std::string &error) {
  if (value.is_null() || (value.is_boolean() && !value.get<bool>())) {
    budget.enabled = false;
    return true;
  }
  budget.enabled = true;
  if (value.is_number()) { // shorthand, like --budget 0.1
    budget.creditPerRequest = value.get<double>();
    return true;
  }
  if (!value.is_object()) {
    error = "expected a ratio, an object or null";
    return false;
  }
  for (const auto &[key, field] : value.items()) {
    if (!field.is_number()) {
      error = "'" + key + "' must be a number";
      return false;
    }
    if (key == "ratio")
      budget.creditPerRequest = field.get<double>();
    else if (key == "retry_cost")
      budget.costPerRetry = field.get<double>();
    else if (key == "max_tokens")
      budget.maxTokens = field.get<double>();
    else if (key == "initial_tokens")
      budget.initialTokens = field.get<double>();
    else {
      error = "unknown key '" + key + "' (ratio, retry_cost, max_tokens, initial_tokens)";
      return false;
    }
  }
  return true;
}

static bool breakerField(const json &value, BreakerPolicy &breaker, std::string &error) {
  if (value.is_null() || (value.is_boolean() && !value.get<bool>())) {
    breaker.enabled = false;
    return true;
  }
  if (!value.is_object()) {
    error = "expected an object or null";
    return false;
  }
  breaker.enabled = true;
  for (const auto &[key, field] : value.items()) {
    if (key == "cooldown") {
      if (!durationField(field, breaker.cooldownMs, error)) {
        error = "'cooldown' " + error;
        return false;
      }
    } else if (key == "failure_threshold" && field.is_number_integer()) {
      breaker.failureThreshold = field.get<int>();
    } else if (key == "half_open_limit" && (field.is_null() || field.is_number_integer())) {
      breaker.halfOpenLimit = field.is_null() ? 0 : field.get<int>(); // null: every caller
      if (breaker.halfOpenLimit < 1 && !field.is_null()) {
        error = "'half_open_limit' must be at least 1 (null: every caller)";
        return false;
      }
    } else {
      error = "bad key or type '" + key +
              "' (cooldown: duration, failure_threshold: integer, half_open_limit: integer or null)";
      return false;
    }
  }
  return true;
}

/// Applies one key of the policy object.
static bool policyField(const std::string &key, const json &value, RetryPolicy &policy,
                        std::string &error) {
  if (key == "name" && value.is_string()) {
    policy.name = value.get<std::string>();
  } else if (key == "attempts" && value.is_number()) {
    return intField(value, policy.attempts, error);
  } else if (key == "multiplier" && value.is_number()) {
    policy.multiplier = value.get<double>();
  } else if (key == "base" || key == "cap") {
    return durationField(value, key == "base" ? policy.baseMs : policy.capMs, error);
  } else if (key == "jitter" && value.is_string()) {
    return parseJitter(value.get<std::string>(), policy, error);
  } else if (key == "budget") {
    return budgetField(value, policy.budget, error);
  } else if (key == "breaker") {
    return breakerField(value, policy.breaker, error);
  } else if (key == "notes" && value.is_array()) { // what the export could not see
    policy.notes.clear();
    for (const json &note : value) {
      if (!note.is_string()) {
        error = "expected strings";
        return false;
      }
      policy.notes.push_back(note.get<std::string>());
    }
  } else if (key == "layers" && value.is_string()) {
    return parseLayers(value.get<std::string>(), policy, error);
  } else if (key == "layers" && value.is_array()) {
    policy.layers.clear();
    for (const json &layer : value) {
      int attempts = 0;
      if (!intField(layer, attempts, error)) {
        error = "attempts per layer: " + error;
        return false;
      }
      policy.layers.push_back(attempts);
    }
  } else {
    static const char *known[] = {"name", "attempts", "multiplier", "base", "cap",
                                  "jitter", "budget", "layers", "breaker", "notes"};
    for (const char *name : known)
      if (key == name) {
        error = "has the wrong type (" + std::string(value.type_name()) + ")";
        return false;
      }
    error = "unknown key (name, attempts, base, multiplier, cap, jitter, budget, layers, "
            "breaker, notes)";
    return false;
  }
  return true;
}

bool policyFromJson(const json &object, RetryPolicy &policy, std::string &error) {
  if (!object.is_object()) {
    error = "a policy must be a JSON object";
    return false;
  }
  for (const auto &[key, value] : object.items()) {
    std::string fieldError;
    if (!policyField(key, value, policy, fieldError)) {
      error = "policy field '" + key + "': " + fieldError;
      return false;
    }
  }
  return validatePolicy(policy, error);
}

bool readPolicyFile(const std::string &path, RetryPolicy &policy, std::string &error) {
  // A device (/dev/zero) would be read for ever, a huge file into memory: refuse both.
  constexpr std::uintmax_t MaxPolicyBytes = 1 << 20;
  std::error_code ec;
  std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    error = "policy file '" + path + "' is not a regular file";
    return false;
  }
  if (!ec && std::filesystem::is_regular_file(status) &&
      std::filesystem::file_size(path, ec) > MaxPolicyBytes) {
    error = "policy file '" + path + "' is too large (the limit is 1 MiB)";
    return false;
  }
  std::ifstream file(path);
  if (!file) {
    error = "cannot read policy file '" + path + "'";
    return false;
  }
  std::stringstream text;
  text << file.rdbuf();
  json object = json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded()) {
    error = "policy file '" + path + "' is not valid JSON";
    return false;
  }
  if (!policyFromJson(object, policy, error)) {
    error = "policy file '" + path + "': " + error;
    return false;
  }
  return true;
}

nlohmann::ordered_json policyToJson(const RetryPolicy &policy) {
  nlohmann::ordered_json out;
  if (!policy.name.empty())
    out["name"] = policy.name;
  out["attempts"] = policy.attempts;
  out["base"] = policy.baseMs;
  out["multiplier"] = policy.multiplier;
  out["cap"] = policy.capMs;
  out["jitter"] = policy.jitter == JitterKind::Proportional
                      ? "proportional:" + nlohmann::json(policy.jitterProportion).dump()
                      : std::string(toString(policy.jitter));
  if (policy.budget.enabled)
    out["budget"] = {{"ratio", policy.budget.creditPerRequest},
                     {"retry_cost", policy.budget.costPerRetry},
                     {"max_tokens", policy.budget.maxTokens},
                     {"initial_tokens", policy.budget.initialTokens}};
  else
    out["budget"] = nullptr;
  out["layers"] = policy.layers;
  if (policy.breaker.enabled)
    out["breaker"] = {{"cooldown", policy.breaker.cooldownMs},
                      {"failure_threshold", policy.breaker.failureThreshold},
                      {"half_open_limit", policy.breaker.halfOpenLimit == 0
                                              ? nlohmann::ordered_json(nullptr)
                                              : nlohmann::ordered_json(policy.breaker.halfOpenLimit)}};
  if (!policy.notes.empty())
    out["notes"] = policy.notes;
  return out;
}

bool validatePolicy(const RetryPolicy &policy, std::string &error) {
  if (policy.attempts < 1)
    error = "attempts must be at least 1 (got " + std::to_string(policy.attempts) + ")";
  else if (!(policy.baseMs >= 0) || !(policy.capMs >= 0))
    error = "base and cap must not be negative";
  else if (!(policy.multiplier >= 1) || !std::isfinite(policy.multiplier))
    error = "multiplier must be at least 1";
  else if (!(policy.jitterProportion >= 0 && policy.jitterProportion <= 1))
    error = "proportional jitter must be between 0 and 1";
  else if (policy.attempts > kMaxAttempts)
    error = "attempts must be at most 1000 (got " + std::to_string(policy.attempts) + ")";
  else if (policy.baseMs > kMaxDelayMs || policy.capMs > kMaxDelayMs)
    error = "base and cap must be at most 1000000s";
  else if (policy.multiplier > kMaxMultiplier)
    error = "multiplier must be at most 1000";
  else if (policy.budget.enabled &&
           (policy.budget.creditPerRequest > kMaxTokens || policy.budget.costPerRetry > kMaxTokens ||
            policy.budget.maxTokens > kMaxTokens || policy.budget.initialTokens > kMaxTokens))
    error = "budget numbers must be at most 1000000000";
  else if (policy.layers.size() > static_cast<size_t>(kMaxLayers))
    error = "at most " + std::to_string(kMaxLayers) + " layers";
  else if (policy.budget.enabled &&
           (!(policy.budget.creditPerRequest >= 0) || !(policy.budget.costPerRetry > 0) ||
            !(policy.budget.maxTokens >= 0) || !(policy.budget.initialTokens >= 0)))
    error = "budget needs ratio >= 0, retry_cost > 0, max_tokens >= 0, initial_tokens >= 0";
  else if (policy.breaker.enabled &&
           (!(policy.breaker.cooldownMs >= 0) || policy.breaker.failureThreshold < 1 ||
            policy.breaker.failureThreshold > 1000000 || policy.breaker.halfOpenLimit < 0))
    error = "breaker needs cooldown >= 0, failure_threshold >= 1, half_open_limit >= 1 or null";
  else {
    for (int layer : policy.layers)
      if (layer < 1 || layer > kMaxAttempts) {
        error = "every layer needs 1 to 1000 attempts";
        return false;
      }
    if (policy.callsPerFailedRequest() <= 100000)
      return true;
    error = "layers multiply to more than 100000 calls per request";
  }
  return false;
}

} // namespace retrylint::sim
