// Certificates made at test run time with the OpenSSL API: a CA and a server
// certificate it signs, for TLS tests on 127.0.0.1.
#pragma once

#include <string>
#include <vector>

namespace instructor::testing {

// A server's certificate chain and key, PEM.
struct TlsIdentity {
  std::string certificate_chain_pem;
  std::string private_key_pem;
};

// A throwaway PKI: the CA to trust and a server identity it issued.
struct TestPki {
  std::string ca_certificate_pem;
  TlsIdentity server;
};

// Makes a fresh CA (EC P-256) and a server certificate valid for one day
// for the given DNS names and IP addresses (subjectAltName). Throws
// std::runtime_error when OpenSSL fails.
TestPki make_test_pki(const std::vector<std::string>& dns_names, const std::vector<std::string>& ip_addresses);

// Writes text to a fresh file under the system temp directory; returns its path.
std::string write_temp_file(const std::string& name_hint, const std::string& contents);

}  // namespace instructor::testing
