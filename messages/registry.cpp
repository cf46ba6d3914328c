#include "messages/registry.hpp"

#include <caf/actor_system_config.hpp>

#include "messages/api.hpp"
#include "messages/kubelet.hpp"
#include "messages/store.hpp"
#include "messages/store_replica.hpp"

namespace navarch::msg {

void register_messages(caf::actor_system_config& cfg) {
  cfg.add_message_type<key_value>("navarch::key_value");
  cfg.add_message_type<range_request>("navarch::range_request");
  cfg.add_message_type<range_response>("navarch::range_response");
  cfg.add_message_type<compare>("navarch::compare");
  cfg.add_message_type<request_op>("navarch::request_op");
  cfg.add_message_type<op_response>("navarch::op_response");
  cfg.add_message_type<txn_request>("navarch::txn_request");
  cfg.add_message_type<txn_response>("navarch::txn_response");
  cfg.add_message_type<compact_request>("navarch::compact_request");
  cfg.add_message_type<compact_response>("navarch::compact_response");
  cfg.add_message_type<watch_event>("navarch::watch_event");
  cfg.add_message_type<watch_request>("navarch::watch_request");
  cfg.add_message_type<watch_response>("navarch::watch_response");
  cfg.add_message_type<watch_batch>("navarch::watch_batch");
  cfg.add_message_type<watch_cancel>("navarch::watch_cancel");
  cfg.add_message_type<raft_packet>("navarch::raft_packet");
  cfg.add_message_type<replica_peer>("navarch::replica_peer");
  cfg.add_message_type<replica_status_request>("navarch::replica_status_request");
  cfg.add_message_type<replica_status>("navarch::replica_status");
  cfg.add_message_type<api_request>("navarch::api_request");
  cfg.add_message_type<api_response>("navarch::api_response");
  cfg.add_message_type<api_watch_event>("navarch::api_watch_event");
  cfg.add_message_type<api_watch_cancel>("navarch::api_watch_cancel");
  cfg.add_message_type<node_agent>("navarch::node_agent");
  cfg.add_message_type<log_request>("navarch::log_request");
  cfg.add_message_type<log_chunk>("navarch::log_chunk");
  cfg.add_message_type<exec_request>("navarch::exec_request");
  cfg.add_message_type<exec_started>("navarch::exec_started");
  cfg.add_message_type<exec_output>("navarch::exec_output");
  cfg.add_message_type<exec_input>("navarch::exec_input");
  cfg.add_message_type<exec_exit>("navarch::exec_exit");
}

}  // namespace navarch::msg
