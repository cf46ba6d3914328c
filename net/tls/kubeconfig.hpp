// A kubeconfig for the admin user, as kubectl reads it.
#pragma once

#include <string>

#include "net/tls/pki.hpp"

namespace navarch::tls {

// YAML with one cluster (server_url, the CA as certificate-authority-data), one user "admin" (the admin client
// certificate and key as client-certificate-data / client-key-data) and a context made current. The caller
// writes it to DIR/kubeconfig with mode 0600 (write_file_atomically).
std::string make_kubeconfig(const std::string& server_url, const cluster_pki& pki, const std::string& cluster_name);


}  // namespace navarch::tls
