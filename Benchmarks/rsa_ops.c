/* The yardstick for sealing and opening N values: N sequential OpenSSL RSA-4096 operations in
 * one process, as a whole process (start-up, key loading and all), OAEP with SHA-256 like a
 * sealed value's key block. Public-key (seal) or private-key (open) operations.
 * Build: cc -O2 rsa_ops.c -lcrypto -o rsa_ops
 * Run:   rsa_ops public CERT.pem N   |   rsa_ops private KEY.pem N */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

static EVP_PKEY_CTX *context(EVP_PKEY *key, int encrypt) {
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(key, NULL);
    if (!ctx || (encrypt ? EVP_PKEY_encrypt_init(ctx) : EVP_PKEY_decrypt_init(ctx)) != 1
        || EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) != 1
        || EVP_PKEY_CTX_set_rsa_oaep_md(ctx, EVP_sha256()) != 1
        || EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_sha256()) != 1) { fprintf(stderr, "context failed\n"); exit(1); }
    return ctx;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s public|private FILE N\n", argv[0]); return 2; }
    int public = strcmp(argv[1], "public") == 0, count = atoi(argv[3]);
    FILE *file = fopen(argv[2], "r");
    if (!file) { perror(argv[2]); return 2; }
    EVP_PKEY *key = NULL;
    if (public) { X509 *cert = PEM_read_X509(file, NULL, NULL, NULL); key = cert ? X509_get_pubkey(cert) : NULL; }
    else key = PEM_read_PrivateKey(file, NULL, NULL, NULL);
    fclose(file);
    if (!key) { fprintf(stderr, "cannot read the key\n"); return 1; }
    unsigned char message[32] = {1}, sealed[1024], opened[1024];
    size_t sealedLength = sizeof sealed;
    EVP_PKEY_CTX *encrypt = context(key, 1);
    if (public) {
        for (int i = 0; i < count; i++) {
            sealedLength = sizeof sealed;
            if (EVP_PKEY_encrypt(encrypt, sealed, &sealedLength, message, sizeof message) != 1) { fprintf(stderr, "encrypt failed\n"); return 1; }
        }
    } else {
        if (EVP_PKEY_encrypt(encrypt, sealed, &sealedLength, message, sizeof message) != 1) { fprintf(stderr, "encrypt failed\n"); return 1; }
        EVP_PKEY_CTX *decrypt = context(key, 0);
        for (int i = 0; i < count; i++) {
            size_t openedLength = sizeof opened;
            if (EVP_PKEY_decrypt(decrypt, opened, &openedLength, sealed, sealedLength) != 1) { fprintf(stderr, "decrypt failed\n"); return 1; }
        }
    }
    printf("%d %s-key operations\n", count, argv[1]);
    return 0;
}
