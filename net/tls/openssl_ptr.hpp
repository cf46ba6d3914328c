// OpenSSL objects owned by unique_ptr, freed by their own free function.
#pragma once

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

namespace navarch::tls {

template <class T, auto Free>
struct openssl_deleter {
  void operator()(T* p) const { Free(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, openssl_deleter<EVP_PKEY, EVP_PKEY_free>>;
using bio_ptr = std::unique_ptr<BIO, openssl_deleter<BIO, BIO_free_all>>;

}  // namespace navarch::tls
