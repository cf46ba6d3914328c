#include "net/tls/kubeconfig.hpp"

#include "net/codec/base64.hpp"

#include <openssl/evp.h>

#include <cstdio>

namespace navarch::tls {
namespace {

// A YAML double-quoted scalar; its escapes are a superset of JSON's, so JSON escaping is valid YAML.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace

std::string make_kubeconfig(const std::string& server_url, const cluster_pki& pki, const std::string& cluster_name) {
  const std::string user = "admin";
  const std::string context = user + "@" + cluster_name;
  std::string y;
  y += "apiVersion: v1\n";
  y += "kind: Config\n";
  y += "clusters:\n";
  y += "- name: " + quoted(cluster_name) + "\n";
  y += "  cluster:\n";
  y += "    server: " + quoted(server_url) + "\n";
  y += "    certificate-authority-data: " + codec::base64_encode(pki.ca_cert_pem) + "\n";
  y += "users:\n";
  y += "- name: " + quoted(user) + "\n";
  y += "  user:\n";
  y += "    client-certificate-data: " + codec::base64_encode(pki.admin_cert_pem) + "\n";
  y += "    client-key-data: " + codec::base64_encode(pki.admin_key_pem) + "\n";
  y += "contexts:\n";
  y += "- name: " + quoted(context) + "\n";
  y += "  context:\n";
  y += "    cluster: " + quoted(cluster_name) + "\n";
  y += "    user: " + quoted(user) + "\n";
  y += "current-context: " + quoted(context) + "\n";
  return y;
}

}  // namespace navarch::tls
