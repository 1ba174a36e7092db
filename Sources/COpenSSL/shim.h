#ifndef SEALKIT_COPENSSL_SHIM_H
#define SEALKIT_COPENSSL_SHIM_H

/* Keep deprecated OpenSSL APIs out of reach: everything SealKit calls is the 3.0 API. */
#define OPENSSL_API_COMPAT 30000
#define OPENSSL_NO_DEPRECATED 1

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/* Function-like macros Swift cannot import, wrapped as inline functions. */

static inline void *sealkit_OPENSSL_malloc(size_t size) {
    return OPENSSL_malloc(size);
}

static inline void sealkit_OPENSSL_free(void *pointer) {
    OPENSSL_free(pointer);
}

static inline void sealkit_OPENSSL_clear_free(void *pointer, size_t size) {
    OPENSSL_clear_free(pointer, size);
}

static inline long sealkit_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

static inline int sealkit_BN_num_bytes(const BIGNUM *number) {
    return BN_num_bytes(number);
}

/* TLS client helpers (certificate URLs), macros in OpenSSL's headers. */
static inline long sealkit_BIO_set_conn_hostname(BIO *bio, const char *hostAndPort) {
    return BIO_set_conn_hostname(bio, hostAndPort);
}

static inline long sealkit_BIO_do_connect(BIO *bio) {
    return BIO_do_connect(bio);
}

static inline long sealkit_BIO_get_fd(BIO *bio) {
    return BIO_get_fd(bio, NULL);
}

static inline SSL *sealkit_BIO_get_ssl(BIO *bio) {
    SSL *ssl = NULL;
    BIO_get_ssl(bio, &ssl);
    return ssl;
}

static inline long sealkit_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}

static inline long sealkit_SSL_CTX_set_min_proto_version(SSL_CTX *context, int version) {
    return SSL_CTX_set_min_proto_version(context, version);
}

/* XN_FLAG_RFC2253 is a compound macro Swift does not import. */
static const unsigned long sealkit_XN_FLAG_RFC2253 = XN_FLAG_RFC2253;

/* A PEM password callback that always fails, so an encrypted key is an error and never a
   prompt on the terminal. */
static inline int sealkit_no_password(char *buffer, int size, int rwflag, void *userdata) {
    (void)buffer; (void)size; (void)rwflag; (void)userdata;
    return -1;
}

#endif
