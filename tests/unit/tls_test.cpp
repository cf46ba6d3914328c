#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <algorithm>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "net/codec/base64.hpp"
#include "net/tls/jwt.hpp"
#include "net/tls/kubeconfig.hpp"
#include "net/tls/pki.hpp"

namespace fs = std::filesystem;
using namespace navarch::tls;

namespace {

struct x509_free_t {
  void operator()(X509* x) const { X509_free(x); }
};
using x509_ptr = std::unique_ptr<X509, x509_free_t>;

x509_ptr parse(const std::string& pem) {
  BIO* b = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  x509_ptr cert{PEM_read_bio_X509(b, nullptr, nullptr, nullptr)};
  BIO_free(b);
  return cert;
}

std::vector<std::string> subject_entries(X509* cert, int nid) {
  std::vector<std::string> out;
  X509_NAME* name = X509_get_subject_name(cert);
  for (int i = X509_NAME_get_index_by_NID(name, nid, -1); i >= 0; i = X509_NAME_get_index_by_NID(name, nid, i)) {
    ASN1_STRING* s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
    out.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)), ASN1_STRING_length(s));
  }
  return out;
}

bool verifies(const std::string& ca_pem, const std::string& leaf_pem, int purpose) {
  auto ca = parse(ca_pem), leaf = parse(leaf_pem);
  X509_STORE* store = X509_STORE_new();
  X509_STORE_add_cert(store, ca.get());
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, store, leaf.get(), nullptr);
  X509_STORE_CTX_set_purpose(ctx, purpose);
  bool ok = X509_verify_cert(ctx) == 1;
  X509_STORE_CTX_free(ctx);
  X509_STORE_free(store);
  return ok;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}

class tls_pki : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("navarch-tls-test-" + std::to_string(::getpid()) + "-" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  fs::path dir;
  const std::vector<std::string> names{"127.0.0.1", "::1", "localhost", "node-a.example"};
};

TEST_F(tls_pki, creates_all_files_with_private_keys_0600) {
  auto pki = load_or_create_pki(dir / "pki", names);
  for (auto f : {"ca.crt", "ca.key", "apiserver.crt", "apiserver.key", "admin.crt", "admin.key", "sa.key"})
    EXPECT_TRUE(fs::exists(dir / "pki" / f)) << f;
  EXPECT_EQ(mode_of(dir / "pki" / "ca.key"), 0600u);
  EXPECT_EQ(mode_of(dir / "pki" / "sa.key"), 0600u);
  EXPECT_EQ(slurp(dir / "pki" / "sa.key"), pki.service_account_key_pem);
  EXPECT_EQ(mode_of(dir / "pki" / "apiserver.key"), 0600u);
  EXPECT_EQ(mode_of(dir / "pki" / "admin.key"), 0600u);
  EXPECT_EQ(slurp(dir / "pki" / "ca.crt"), pki.ca_cert_pem);
  EXPECT_EQ(slurp(dir / "pki" / "admin.key"), pki.admin_key_pem);
  EXPECT_NE(pki.ca_key_pem.find("PRIVATE KEY"), std::string::npos);
}

TEST_F(tls_pki, ca_is_a_ten_year_self_signed_ca) {
  auto pki = load_or_create_pki(dir, names);
  auto ca = parse(pki.ca_cert_pem);
  ASSERT_TRUE(ca);
  EXPECT_EQ(subject_entries(ca.get(), NID_commonName), std::vector<std::string>{"navarch-ca"});
  EXPECT_EQ(X509_check_ca(ca.get()), 1);
  EXPECT_TRUE(verifies(pki.ca_cert_pem, pki.ca_cert_pem, X509_PURPOSE_ANY));
  int days = 0, secs = 0;
  ASSERT_EQ(ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(ca.get()), X509_get0_notAfter(ca.get())), 1);
  EXPECT_GE(days, 3650);
}

TEST_F(tls_pki, reload_gives_the_same_ca_and_leaves) {
  auto first = load_or_create_pki(dir, names);
  auto second = load_or_create_pki(dir, names);
  EXPECT_EQ(first.ca_cert_pem, second.ca_cert_pem);
  EXPECT_EQ(first.ca_key_pem, second.ca_key_pem);
  EXPECT_EQ(first.server_cert_pem, second.server_cert_pem);
  EXPECT_EQ(first.admin_cert_pem, second.admin_cert_pem);
  EXPECT_EQ(first.admin_key_pem, second.admin_key_pem);
  EXPECT_EQ(first.service_account_key_pem, second.service_account_key_pem);
}

TEST_F(tls_pki, server_cert_verifies_and_carries_the_sans) {
  auto pki = load_or_create_pki(dir, names);
  EXPECT_TRUE(verifies(pki.ca_cert_pem, pki.server_cert_pem, X509_PURPOSE_SSL_SERVER));
  EXPECT_FALSE(verifies(pki.ca_cert_pem, pki.server_cert_pem, X509_PURPOSE_SSL_CLIENT));
  auto cert = parse(pki.server_cert_pem);
  EXPECT_EQ(X509_check_ip_asc(cert.get(), "127.0.0.1", 0), 1);
  EXPECT_EQ(X509_check_ip_asc(cert.get(), "::1", 0), 1);
  EXPECT_EQ(X509_check_host(cert.get(), "localhost", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_host(cert.get(), "node-a.example", 0, 0, nullptr), 1);
  EXPECT_NE(X509_check_host(cert.get(), "other.example", 0, 0, nullptr), 1);
  EXPECT_NE(X509_check_ip_asc(cert.get(), "10.0.0.1", 0), 1);
}

TEST_F(tls_pki, a_new_server_name_reissues_only_the_serving_cert) {
  auto first = load_or_create_pki(dir, names);
  auto more = names;
  more.push_back("10.1.2.3");
  auto second = load_or_create_pki(dir, more);
  EXPECT_EQ(first.ca_cert_pem, second.ca_cert_pem);
  EXPECT_EQ(first.admin_cert_pem, second.admin_cert_pem);
  EXPECT_NE(first.server_cert_pem, second.server_cert_pem);
  EXPECT_EQ(X509_check_ip_asc(parse(second.server_cert_pem).get(), "10.1.2.3", 0), 1);
  EXPECT_EQ(slurp(dir / "apiserver.crt"), second.server_cert_pem);
}

TEST_F(tls_pki, admin_cert_is_cn_admin_in_system_masters_for_client_auth) {
  auto pki = load_or_create_pki(dir, names);
  auto cert = parse(pki.admin_cert_pem);
  EXPECT_EQ(subject_entries(cert.get(), NID_commonName), std::vector<std::string>{"admin"});
  EXPECT_EQ(subject_entries(cert.get(), NID_organizationName), std::vector<std::string>{"system:masters"});
  EXPECT_TRUE(verifies(pki.ca_cert_pem, pki.admin_cert_pem, X509_PURPOSE_SSL_CLIENT));
  EXPECT_FALSE(verifies(pki.ca_cert_pem, pki.admin_cert_pem, X509_PURPOSE_SSL_SERVER));
}

TEST_F(tls_pki, issued_client_cert_carries_user_and_groups) {
  auto pki = load_or_create_pki(dir, names);
  auto node = issue_client_cert(pki, "system:node:n1", {"system:nodes", "extra"});
  auto cert = parse(node.cert_pem);
  EXPECT_EQ(subject_entries(cert.get(), NID_commonName), std::vector<std::string>{"system:node:n1"});
  EXPECT_EQ(subject_entries(cert.get(), NID_organizationName), (std::vector<std::string>{"system:nodes", "extra"}));
  EXPECT_TRUE(verifies(pki.ca_cert_pem, node.cert_pem, X509_PURPOSE_SSL_CLIENT));
  EXPECT_THROW(issue_client_cert(pki, "", {}), std::invalid_argument);
}

TEST_F(tls_pki, a_cert_from_another_ca_does_not_verify) {
  auto ours = load_or_create_pki(dir / "a", names);
  auto theirs = load_or_create_pki(dir / "b", names);
  EXPECT_NE(ours.ca_cert_pem, theirs.ca_cert_pem);
  EXPECT_FALSE(verifies(ours.ca_cert_pem, theirs.admin_cert_pem, X509_PURPOSE_SSL_CLIENT));
}

TEST_F(tls_pki, a_leaf_signed_by_a_replaced_ca_is_reissued) {
  load_or_create_pki(dir / "a", names);
  load_or_create_pki(dir / "b", names);
  fs::copy_file(dir / "b" / "admin.crt", dir / "a" / "admin.crt", fs::copy_options::overwrite_existing);
  fs::copy_file(dir / "b" / "admin.key", dir / "a" / "admin.key", fs::copy_options::overwrite_existing);
  auto pki = load_or_create_pki(dir / "a", names);
  EXPECT_TRUE(verifies(pki.ca_cert_pem, pki.admin_cert_pem, X509_PURPOSE_SSL_CLIENT));
}

TEST_F(tls_pki, corrupt_file_is_a_clear_error) {
  load_or_create_pki(dir, names);
  std::ofstream(dir / "ca.crt") << "not a certificate";
  try {
    load_or_create_pki(dir, names);
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("ca.crt"), std::string::npos) << e.what();
  }
  load_or_create_pki(dir / "other", names);
  std::ofstream(dir / "other" / "admin.key") << "-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n";
  EXPECT_THROW(load_or_create_pki(dir / "other", names), std::runtime_error);
}

TEST_F(tls_pki, ca_cert_without_key_is_an_error) {
  load_or_create_pki(dir, names);
  fs::remove(dir / "ca.key");
  EXPECT_THROW(load_or_create_pki(dir, names), std::runtime_error);
}

TEST_F(tls_pki, unwritable_dir_is_a_clear_error) {
  fs::create_directories(dir);
  std::ofstream(dir / "file") << "x";  // a directory cannot be created below a regular file, even as root
  EXPECT_THROW(load_or_create_pki(dir / "file" / "pki", names), std::runtime_error);
}

TEST_F(tls_pki, invalid_server_name_is_rejected) {
  EXPECT_THROW(load_or_create_pki(dir, {"bad,name"}), std::invalid_argument);
}

TEST_F(tls_pki, write_file_atomically_sets_the_mode_despite_umask) {
  fs::create_directories(dir);
  mode_t old = ::umask(0077);
  write_file_atomically(dir / "public", "hello", 0644);
  ::umask(old);
  EXPECT_EQ(mode_of(dir / "public"), 0644u);
  write_file_atomically(dir / "public", "secret", 0600);
  EXPECT_EQ(mode_of(dir / "public"), 0600u);
  EXPECT_EQ(slurp(dir / "public"), "secret");
  EXPECT_FALSE(fs::exists(dir / "public.tmp"));
}

std::string yaml_value(const std::string& yaml, const std::string& key) {
  auto at = yaml.find(key + ": ");
  if (at == std::string::npos) return "";
  at += key.size() + 2;
  return yaml.substr(at, yaml.find('\n', at) - at);
}

TEST(kubeconfig, carries_server_ca_and_admin_credentials) {
  cluster_pki pki{"CA-CERT\n", "CA-KEY\n", "S-CERT\n", "S-KEY\n", "ADMIN-CERT\n", "ADMIN-KEY\n"};
  auto y = make_kubeconfig("https://127.0.0.1:6443", pki, "navarch");
  EXPECT_EQ(yaml_value(y, "server"), "\"https://127.0.0.1:6443\"");
  EXPECT_EQ(navarch::codec::base64_decode(yaml_value(y, "certificate-authority-data")), "CA-CERT\n");
  EXPECT_EQ(navarch::codec::base64_decode(yaml_value(y, "client-certificate-data")), "ADMIN-CERT\n");
  EXPECT_EQ(navarch::codec::base64_decode(yaml_value(y, "client-key-data")), "ADMIN-KEY\n");
  EXPECT_EQ(yaml_value(y, "current-context"), "\"admin@navarch\"");
  EXPECT_NE(y.find("kind: Config\n"), std::string::npos);
  EXPECT_NE(y.find("    cluster: \"navarch\"\n"), std::string::npos);
  EXPECT_NE(y.find("    user: \"admin\"\n"), std::string::npos);
  EXPECT_EQ(y.find("S-KEY"), std::string::npos);
}

TEST(kubeconfig, quotes_names_safely) {
  cluster_pki pki;
  auto y = make_kubeconfig("https://h:1", pki, "we\"ird\nname");
  EXPECT_NE(y.find("- name: \"we\\\"ird\\x0aname\""), std::string::npos) << y;
}

}  // namespace

TEST(jwt, signs_rs256_and_verifies_only_its_own_tokens) {
  auto key = new_token_signing_key();
  std::string claims = R"({"sub":"system:serviceaccount:ns:robot","exp":2000000000})";
  auto token = sign_jwt(key, claims);
  ASSERT_EQ(std::count(token.begin(), token.end(), '.'), 2);
  auto header = navarch::codec::base64url_decode(token.substr(0, token.find('.')));
  ASSERT_TRUE(header);
  EXPECT_EQ(header->find(R"({"alg":"RS256","kid":")"), 0u) << *header;
  EXPECT_EQ(verify_jwt(key, token), claims);

  EXPECT_FALSE(verify_jwt(new_token_signing_key(), token));  // another key
  std::string tampered = token;
  tampered[token.find('.') + 3] ^= 1;  // a changed claim
  EXPECT_FALSE(verify_jwt(key, tampered));
  std::string none = navarch::codec::base64url_encode(R"({"alg":"none"})") + token.substr(token.find('.'));
  EXPECT_FALSE(verify_jwt(key, none));
  for (std::string bad : {"", "a.b", "a.b.c.d", "!!.??.**"}) EXPECT_FALSE(verify_jwt(key, bad)) << bad;
  EXPECT_THROW(sign_jwt("not a key", claims), std::runtime_error);
}

