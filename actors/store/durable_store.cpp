#include "actors/store/durable_store.hpp"

#include <stdexcept>

namespace navarch::store {

durable_store::durable_store(const std::string& dir)
    : log_(dir, [this](const wal_command& cmd) { replay(cmd); }) {}

void durable_store::replay(const wal_command& cmd) {
  int32_t error = msg::store_ok;
  if (cmd.kind == wal_command::txn)
    error = state_.txn(cmd.request).response.error;
  else
    error = state_.compact(cmd.compact_revision).error;
  if (error != msg::store_ok || state_.revision() != cmd.revision)
    throw std::runtime_error("store WAL " + log_.path() + ": replay diverged: a command logged at revision " +
                             std::to_string(cmd.revision) + " now gives revision " +
                             std::to_string(state_.revision()) + " (error " + std::to_string(error) + ")");
}

txn_result durable_store::txn(const msg::txn_request& req) {
  txn_result r = state_.txn(req);
  if (!r.events.empty()) {
    wal_command cmd;
    cmd.kind = wal_command::txn;
    cmd.revision = state_.revision();
    cmd.request = req;
    log_.append(cmd);
  }
  return r;
}

msg::compact_response durable_store::compact(int64_t revision) {
  msg::compact_response r = state_.compact(revision);
  if (r.error == msg::store_ok) {
    wal_command cmd;
    cmd.kind = wal_command::compact;
    cmd.revision = state_.revision();
    cmd.compact_revision = revision;
    log_.append(cmd);
  }
  return r;
}

}  // namespace navarch::store
