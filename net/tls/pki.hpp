// The cluster PKI: a CA generated on first start, the API server's serving certificate, the admin client
// certificate and the service-account token signing key, kept as PEM files in the data directory. Pure OpenSSL;
// no sockets.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace navarch::tls {

struct cluster_pki {
  std::string ca_cert_pem, ca_key_pem;
  std::string server_cert_pem, server_key_pem;
  std::string admin_cert_pem, admin_key_pem;
  std::string service_account_key_pem;  // RSA: signs service-account tokens (RS256, net/tls/jwt.hpp)
};

struct issued_cert {
  std::string cert_pem, key_pem;
};

// Loads dir/{ca,apiserver,admin}.{crt,key}, creating whatever is missing: an ECDSA P-256 CA (CN navarch-ca,
// 10 years), a serving certificate (1 year) whose SANs hold every name in server_names (IP addresses become IP
// SANs, anything else DNS SANs), and an admin client certificate (CN admin, O system:masters). A leaf that is
// expired, not signed by the CA, or (for the serving certificate) misses one of server_names is issued anew.
// Keys are written with mode 0600. Throws std::runtime_error naming the file on an unwritable directory or a
// corrupt file.
cluster_pki load_or_create_pki(const std::filesystem::path& dir, const std::vector<std::string>& server_names);

// A client certificate (clientAuth) signed by the cluster CA: subject CN=cn, one O= per organization — the
// Kubernetes user name and groups.
issued_cert issue_client_cert(const cluster_pki& pki, const std::string& cn,
                              const std::vector<std::string>& organizations);

// A serving certificate (serverAuth) signed by the cluster CA with SANs for the given names.
issued_cert issue_server_cert(const cluster_pki& pki, const std::string& cn, const std::vector<std::string>& names);

// Writes content to path through a temporary file and a rename, with the given mode (0600 for secrets).
void write_file_atomically(const std::filesystem::path& path, const std::string& content, unsigned mode = 0600);

}  // namespace navarch::tls
