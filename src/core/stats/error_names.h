// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "qgnet/stats.h"
#include "stats/error_table.h"

namespace qgnet::detail {

/// nameError fills e.name and e.description from its kind and code ("ECONNRESET" and strerror's
/// text; OpenSSL's reason; the certificate verification error).
void nameError(ErrorCount& e);
/// errorCounts reads a loop's ErrorTable (any thread) into named ErrorCounts, largest first.
std::vector<ErrorCount> errorCounts(const ErrorTable& table);
/// mergeErrors adds from's counts to into's by kind and code (not sorted: call sortErrors after).
void mergeErrors(std::vector<ErrorCount>& into, const std::vector<ErrorCount>& from);
/// sortErrors orders errors largest count first, then by kind and code, so that views are stable.
void sortErrors(std::vector<ErrorCount>& errors);

} // namespace qgnet::detail
