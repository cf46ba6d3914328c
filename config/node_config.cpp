#include "config/node_config.hpp"

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

namespace navarch::config {

namespace {

// An error at a YAML node: thrown inside the parser, turned into the message at the top.
struct config_error {
  int line;
  std::string message;
};

[[noreturn]] void fail(const YAML::Node& at, const std::string& message) {
  throw config_error{at.Mark().line + 1, message};
}

void only_keys(const YAML::Node& map, const std::string& where, std::initializer_list<const char*> allowed) {
  if (!map.IsMap()) fail(map, where + ": must be a mapping");
  for (const auto& kv : map) {
    auto key = kv.first.as<std::string>();
    bool known = false;
    for (const char* a : allowed) known = known || key == a;
    if (!known) fail(kv.first, "unknown key '" + key + "' in " + where);
  }
}

std::string required_string(const YAML::Node& map, const char* key, const std::string& where) {
  auto v = map[key];
  if (!v) fail(map, where + "." + key + ": required");
  if (!v.IsScalar() || v.Scalar().empty()) fail(v, where + "." + key + ": must be a non-empty string");
  return v.Scalar();
}

uint16_t port_at(const YAML::Node& v, const std::string& what) {
  unsigned port = 0;
  const auto& s = v.Scalar();
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), port);
  if (!v.IsScalar() || ec != std::errc{} || p != s.data() + s.size() || port == 0 || port > 65535)
    fail(v, what + ": must be a port number from 1 to 65535");
  return static_cast<uint16_t>(port);
}

endpoint endpoint_at(const YAML::Node& v, const std::string& what) {
  if (!v.IsScalar()) fail(v, what + ": must be HOST:PORT");
  auto e = parse_endpoint(v.Scalar());
  if (!e) fail(v, what + ": '" + v.Scalar() + "' is not HOST:PORT");
  return *e;
}

node_config parse(const YAML::Node& root) {
  if (!root.IsMap()) fail(root, "the file must be a mapping with a 'node' section");
  only_keys(root, "the file", {"node", "store", "apiserver", "kubelet"});
  node_config c;
  auto node = root["node"];
  if (!node) fail(root, "node: required");
  only_keys(node, "node", {"name", "data-dir", "listen"});
  c.name = required_string(node, "name", "node");
  c.data_dir = required_string(node, "data-dir", "node");
  if (!node["listen"]) fail(node, "node.listen: required");
  c.listen = endpoint_at(node["listen"], "node.listen");

  if (auto s = root["store"]) {
    only_keys(s, "store", {"replica-id", "peers", "snapshot-every"});
    store_role r;
    auto peers = s["peers"];
    if (!peers || !peers.IsSequence() || peers.size() == 0) fail(s, "store.peers: a list of HOST:PORT is required");
    std::set<std::pair<std::string, uint16_t>> seen;
    for (size_t i = 0; i < peers.size(); ++i) {
      auto e = endpoint_at(peers[i], "store.peers[" + std::to_string(i) + "]");
      if (!seen.insert({e.host, e.port}).second) fail(peers[i], "store.peers: duplicate peer " + peers[i].Scalar());
      r.peers.push_back(e);
    }
    auto id = s["replica-id"];
    if (!id) fail(s, "store.replica-id: required");
    int n = 0;
    const auto& text = id.Scalar();
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || p != text.data() + text.size() || n < 1 || n > static_cast<int>(r.peers.size()))
      fail(id, "store.replica-id: must be between 1 and the number of peers (" + std::to_string(r.peers.size()) + ")");
    r.replica_id = n;
    const auto& mine = r.peers[n - 1];
    if (mine.host != c.listen.host || mine.port != c.listen.port)
      fail(id, "store.peers[" + std::to_string(n - 1) + "] must be this node's node.listen address");
    if (auto every = s["snapshot-every"]) {
      uint64_t v = 0;
      const auto& t = every.Scalar();
      auto [q, e] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (!every.IsScalar() || e != std::errc{} || q != t.data() + t.size() || v == 0)
        fail(every, "store.snapshot-every: must be a positive number of log entries");
      r.snapshot_every = v;
    }
    c.store = r;
  }
  if (auto a = root["apiserver"]) {
    only_keys(a, "apiserver", {"port", "bind-address"});
    apiserver_role r;
    if (a["port"]) r.port = port_at(a["port"], "apiserver.port");
    if (a["bind-address"]) r.bind_address = required_string(a, "bind-address", "apiserver");
    c.apiserver = r;
  }
  if (auto k = root["kubelet"]) {
    only_keys(k, "kubelet", {"pod-cidr"});
    kubelet_role r;
    if (k["pod-cidr"]) r.pod_cidr = required_string(k, "pod-cidr", "kubelet");
    c.kubelet = r;
  }
  if (!c.store && !c.apiserver && !c.kubelet) fail(root, "the node has no role: add store, apiserver or kubelet");
  return c;
}

}  // namespace

std::optional<endpoint> parse_endpoint(const std::string& text) {
  std::string host;
  std::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') return std::nullopt;
    host = text.substr(1, close - 1);
    port_text = std::string_view(text).substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string::npos || text.find(':') != colon) return std::nullopt;
    host = text.substr(0, colon);
    port_text = std::string_view(text).substr(colon + 1);
  }
  unsigned port = 0;
  auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (host.empty() || ec != std::errc{} || p != port_text.data() + port_text.size() || port == 0 || port > 65535)
    return std::nullopt;
  return endpoint{host, static_cast<uint16_t>(port)};
}

std::variant<node_config, std::string> parse_node_config(const std::string& text, const std::string& file) {
  try {
    return parse(YAML::Load(text));
  } catch (const config_error& e) {
    return file + ":" + std::to_string(e.line) + ": " + e.message;
  } catch (const YAML::Exception& e) {
    return file + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg;
  }
}

std::variant<node_config, std::string> load_node_config(const std::string& path) {
  std::ifstream in(path);
  if (!in) return path + ": cannot read the file";
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_node_config(ss.str(), path);
}

}  // namespace navarch::config
