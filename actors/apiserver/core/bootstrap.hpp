// What every cluster has from its first start: the built-in namespaces and PriorityClasses.
#pragma once

#include <vector>

#include "actors/apiserver/core/object_meta.hpp"
#include "messages/store.hpp"

namespace navarch::api {

// Transactions that create each built-in namespace and PriorityClass unless it exists; safe to run on every start.
std::vector<msg::txn_request> bootstrap_transactions(clock::time_point now);

}  // namespace navarch::api
