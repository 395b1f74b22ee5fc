// Reading policies and scenario values from text: flag values and the JSON policy file.
// Every function reports a bad value as one line in `error` and never throws.
#pragma once

#include "retrylint/sim/RetryPolicy.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace retrylint::sim {

/// "100ms", "2s", "1.5s", "250us", "1m" (and a bare "0") as milliseconds.
std::optional<double> parseDurationMs(std::string_view text, std::string &error);
/// A plain decimal number such as "2", "0.1", "1e3".
std::optional<double> parseNumber(std::string_view text, std::string &error);
/// A non-negative integer.
std::optional<long long> parseCount(std::string_view text, std::string &error);
/// "none", "full", "equal", "decorrelated" or "proportional:P" (0 <= P <= 1), into `policy`.
bool parseJitter(std::string_view text, RetryPolicy &policy, std::string &error);
/// "3x3x3" (attempts per layer, outermost first) into `policy.layers`.
bool parseLayers(std::string_view text, RetryPolicy &policy, std::string &error);

/// Overwrites the fields that `object` names (schema in docs/simulate.md). Unknown keys are
/// errors, so a typo never silently simulates the default.
bool policyFromJson(const nlohmann::json &object, RetryPolicy &policy, std::string &error);
/// Reads a JSON policy file; the message names the file.
bool readPolicyFile(const std::string &path, RetryPolicy &policy, std::string &error);
/// The policy in the same schema that policyFromJson reads (durations in milliseconds).
nlohmann::ordered_json policyToJson(const RetryPolicy &policy);

/// Rejects values no model can run: attempts < 1, negative durations, multiplier < 1, ...
bool validatePolicy(const RetryPolicy &policy, std::string &error);

} // namespace retrylint::sim
