#include "net/tls/pki.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "net/tls/jwt.hpp"
#include "net/tls/openssl_ptr.hpp"

namespace navarch::tls {
namespace {

namespace fs = std::filesystem;

using x509_ptr = std::unique_ptr<X509, openssl_deleter<X509, X509_free>>;
using ext_ptr = std::unique_ptr<X509_EXTENSION, openssl_deleter<X509_EXTENSION, X509_EXTENSION_free>>;
using bn_ptr = std::unique_ptr<BIGNUM, openssl_deleter<BIGNUM, BN_free>>;
using store_ptr = std::unique_ptr<X509_STORE, openssl_deleter<X509_STORE, X509_STORE_free>>;
using store_ctx_ptr = std::unique_ptr<X509_STORE_CTX, openssl_deleter<X509_STORE_CTX, X509_STORE_CTX_free>>;

constexpr long day = 24L * 60 * 60;
constexpr long ca_days = 3650;
constexpr long leaf_days = 365;
constexpr long renew_before_days = 30;  // a leaf this close to expiry is issued anew at start

// Drains OpenSSL's error queue into one line.
std::string openssl_errors() {
  std::string msg;
  char buf[256];
  while (unsigned long e = ERR_get_error()) {
    ERR_error_string_n(e, buf, sizeof buf);
    if (!msg.empty()) msg += "; ";
    msg += buf;
  }
  return msg.empty() ? "unknown OpenSSL error" : msg;
}

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what + ": " + openssl_errors()); }

bool is_ip_address(const std::string& name) {
  unsigned char buf[sizeof(in6_addr)];
  return inet_pton(AF_INET, name.c_str(), buf) == 1 || inet_pton(AF_INET6, name.c_str(), buf) == 1;
}

pkey_ptr new_key() {
  pkey_ptr key{EVP_EC_gen("P-256")};
  if (!key) fail("cannot generate an EC P-256 key");
  return key;
}

std::string bio_text(BIO* b) {
  char* data = nullptr;
  long n = BIO_get_mem_data(b, &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string to_pem(X509* cert) {
  bio_ptr b{BIO_new(BIO_s_mem())};
  if (!b || PEM_write_bio_X509(b.get(), cert) != 1) fail("cannot encode a certificate");
  return bio_text(b.get());
}

std::string to_pem(EVP_PKEY* key) {
  bio_ptr b{BIO_new(BIO_s_mem())};
  if (!b || PEM_write_bio_PrivateKey(b.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
    fail("cannot encode a private key");
  return bio_text(b.get());
}

x509_ptr cert_from_pem(const std::string& pem, const std::string& what) {
  bio_ptr b{BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))};
  x509_ptr cert{b ? PEM_read_bio_X509(b.get(), nullptr, nullptr, nullptr) : nullptr};
  if (!cert) fail(what + " is not a PEM certificate");
  return cert;
}

pkey_ptr key_from_pem(const std::string& pem, const std::string& what) {
  bio_ptr b{BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))};
  pkey_ptr key{b ? PEM_read_bio_PrivateKey(b.get(), nullptr, nullptr, nullptr) : nullptr};
  if (!key) fail(what + " is not a PEM private key");
  return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  ext_ptr ext{X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str())};
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) fail("cannot add the certificate extension " + value);
}

std::string subject_alt_names(const std::vector<std::string>& names) {
  std::string sans;
  for (const auto& n : names) {
    if (n.empty() || (n.find_first_of(",:= \t\r\n") != std::string::npos && !is_ip_address(n)))
      throw std::invalid_argument("invalid certificate name '" + n + "'");
    if (!sans.empty()) sans += ',';
    sans += (is_ip_address(n) ? "IP:" : "DNS:") + n;
  }
  return sans;
}

struct cert_spec {
  std::string cn;
  std::vector<std::string> organizations;
  long days = leaf_days;
  bool ca = false;
  std::string extended_key_usage;  // e.g. "clientAuth"; empty for the CA
  std::vector<std::string> names;  // SANs
};

// Builds a certificate for key; issuer == nullptr makes it self-signed (signed with key itself).
x509_ptr make_cert(const cert_spec& spec, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuer_key) {
  x509_ptr cert{X509_new()};
  if (!cert || X509_set_version(cert.get(), 2) != 1) fail("cannot create a certificate");

  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) fail("cannot draw a serial number");
  serial[0] &= 0x7f;  // positive
  bn_ptr bn{BN_bin2bn(serial, sizeof serial, nullptr)};
  if (!bn || !BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get()))) fail("cannot set the serial");

  // Backdated a little so that a peer whose clock lags accepts a fresh certificate.
  if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -300) ||
      !X509_gmtime_adj(X509_getm_notAfter(cert.get()), spec.days * day))
    fail("cannot set the validity");

  X509_NAME* name = X509_get_subject_name(cert.get());
  auto add_name = [&](const char* field, const std::string& value) {
    if (X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.c_str()),
                                   static_cast<int>(value.size()), -1, 0) != 1)
      fail(std::string("cannot set the subject ") + field + "=" + value);
  };
  for (const auto& o : spec.organizations) add_name("O", o);
  add_name("CN", spec.cn);
  X509* signer = issuer ? issuer : cert.get();
  if (X509_set_issuer_name(cert.get(), X509_get_subject_name(signer)) != 1 || X509_set_pubkey(cert.get(), key) != 1)
    fail("cannot set issuer and key");

  if (spec.ca) {
    add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature");
  } else {
    add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), signer, NID_key_usage, "critical,digitalSignature,keyEncipherment");
    add_extension(cert.get(), signer, NID_ext_key_usage, spec.extended_key_usage);
  }
  add_extension(cert.get(), signer, NID_subject_key_identifier, "hash");
  if (issuer) add_extension(cert.get(), signer, NID_authority_key_identifier, "keyid:always");
  if (!spec.names.empty()) add_extension(cert.get(), signer, NID_subject_alt_name, subject_alt_names(spec.names));

  if (X509_sign(cert.get(), issuer_key ? issuer_key : key, EVP_sha256()) <= 0) fail("cannot sign the certificate");
  return cert;
}

issued_cert issue(const cluster_pki& pki, const cert_spec& spec) {
  auto ca = cert_from_pem(pki.ca_cert_pem, "the CA certificate");
  auto ca_key = key_from_pem(pki.ca_key_pem, "the CA key");
  auto key = new_key();
  auto cert = make_cert(spec, key.get(), ca.get(), ca_key.get());
  return {to_pem(cert.get()), to_pem(key.get())};
}

cert_spec server_spec(const std::string& cn, const std::vector<std::string>& names) {
  return {cn, {}, leaf_days, false, "serverAuth", names};
}

cert_spec client_spec(const std::string& cn, const std::vector<std::string>& organizations) {
  return {cn, organizations, leaf_days, false, "clientAuth", {}};
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return out.str();
}

// True when leaf/key form a pair that verifies against the CA, is not about to expire and covers names.
bool leaf_usable(X509* ca, const std::string& cert_pem, const std::string& key_pem, const fs::path& cert_path,
                 const fs::path& key_path, const std::vector<std::string>& names) {
  auto cert = cert_from_pem(cert_pem, cert_path.string());
  auto key = key_from_pem(key_pem, key_path.string());
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    return false;
  }
  store_ptr store{X509_STORE_new()};
  store_ctx_ptr ctx{X509_STORE_CTX_new()};
  if (!store || !ctx || X509_STORE_add_cert(store.get(), ca) != 1 ||
      X509_STORE_CTX_init(ctx.get(), store.get(), cert.get(), nullptr) != 1)
    fail("cannot set up certificate verification");
  bool verified = X509_verify_cert(ctx.get()) == 1;
  ERR_clear_error();
  if (!verified) return false;
  std::time_t renew_at = std::time(nullptr) + renew_before_days * day;
  if (X509_cmp_time(X509_get0_notAfter(cert.get()), &renew_at) < 0) return false;
  for (const auto& n : names) {
    int ok = is_ip_address(n) ? X509_check_ip_asc(cert.get(), n.c_str(), 0)
                              : X509_check_host(cert.get(), n.data(), n.size(), 0, nullptr);
    if (ok != 1) return false;
  }
  return true;
}

// Loads a cert/key pair from dir, or issues and writes a new one when missing or unusable.
void load_or_issue(const cluster_pki& pki, X509* ca, const fs::path& dir, const std::string& stem,
                   const cert_spec& spec, std::string& cert_pem, std::string& key_pem) {
  fs::path cert_path = dir / (stem + ".crt"), key_path = dir / (stem + ".key");
  if (fs::exists(cert_path) && fs::exists(key_path)) {
    cert_pem = read_file(cert_path);
    key_pem = read_file(key_path);
    if (leaf_usable(ca, cert_pem, key_pem, cert_path, key_path, spec.names)) return;
  }
  auto fresh = issue(pki, spec);
  write_file_atomically(key_path, fresh.key_pem, 0600);
  write_file_atomically(cert_path, fresh.cert_pem, 0644);
  cert_pem = std::move(fresh.cert_pem);
  key_pem = std::move(fresh.key_pem);
}

}  // namespace

void write_file_atomically(const fs::path& path, const std::string& content, unsigned mode) {
  fs::path tmp = path;
  tmp += ".tmp";
  auto error = [&](const char* what) {
    return std::runtime_error("cannot write " + path.string() + " (" + what + "): " + std::strerror(errno));
  };
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) throw error("open");
  // The umask may have narrowed the mode at creation, and an older file may have had a wider one.
  bool ok = ::fchmod(fd, mode) == 0;
  for (std::size_t done = 0; ok && done < content.size();) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  int saved = errno;
  ::close(fd);
  errno = saved;
  if (!ok) {
    auto e = error("write");
    ::unlink(tmp.c_str());
    throw e;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) throw error("rename");
}

cluster_pki load_or_create_pki(const fs::path& dir, const std::vector<std::string>& server_names) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create the PKI directory " + dir.string() + ": " + ec.message());

  cluster_pki pki;
  fs::path ca_cert_path = dir / "ca.crt", ca_key_path = dir / "ca.key";
  bool have_cert = fs::exists(ca_cert_path), have_key = fs::exists(ca_key_path);
  if (have_cert != have_key)
    throw std::runtime_error("incomplete cluster CA in " + dir.string() + ": " +
                             (have_cert ? ca_key_path : ca_cert_path).string() + " is missing");
  x509_ptr ca;
  if (have_cert) {
    pki.ca_cert_pem = read_file(ca_cert_path);
    pki.ca_key_pem = read_file(ca_key_path);
    ca = cert_from_pem(pki.ca_cert_pem, ca_cert_path.string());
    auto key = key_from_pem(pki.ca_key_pem, ca_key_path.string());
    if (X509_check_private_key(ca.get(), key.get()) != 1)
      fail(ca_key_path.string() + " does not belong to " + ca_cert_path.string());
  } else {
    auto key = new_key();
    ca = make_cert({"navarch-ca", {}, ca_days, true, "", {}}, key.get(), nullptr, nullptr);
    pki.ca_cert_pem = to_pem(ca.get());
    pki.ca_key_pem = to_pem(key.get());
    write_file_atomically(ca_key_path, pki.ca_key_pem, 0600);
    write_file_atomically(ca_cert_path, pki.ca_cert_pem, 0644);
  }

  load_or_issue(pki, ca.get(), dir, "apiserver", server_spec("navarch-apiserver", server_names), pki.server_cert_pem,
                pki.server_key_pem);
  load_or_issue(pki, ca.get(), dir, "admin", client_spec("admin", {"system:masters"}), pki.admin_cert_pem,
                pki.admin_key_pem);

  // Tokens signed with it stay valid across restarts, so it is kept once made.
  fs::path sa_key_path = dir / "sa.key";
  if (fs::exists(sa_key_path)) {
    pki.service_account_key_pem = read_file(sa_key_path);
    auto key = key_from_pem(pki.service_account_key_pem, sa_key_path.string());
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA)
      throw std::runtime_error(sa_key_path.string() + " is not an RSA key");
  } else {
    pki.service_account_key_pem = new_token_signing_key();
    write_file_atomically(sa_key_path, pki.service_account_key_pem, 0600);
  }
  return pki;
}

issued_cert issue_client_cert(const cluster_pki& pki, const std::string& cn,
                              const std::vector<std::string>& organizations) {
  if (cn.empty()) throw std::invalid_argument("a client certificate needs a common name");
  return issue(pki, client_spec(cn, organizations));
}

issued_cert issue_server_cert(const cluster_pki& pki, const std::string& cn, const std::vector<std::string>& names) {
  if (cn.empty()) throw std::invalid_argument("a serving certificate needs a common name");
  return issue(pki, server_spec(cn, names));
}

}  // namespace navarch::tls
