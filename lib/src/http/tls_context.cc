#include "tls_context.h"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace instructor::http::detail {
namespace {

bool is_ip_literal(const std::string& host) {
  error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

}  // namespace

TlsContext::TlsContext(const TlsOptions& options)
    : context_(ssl::context::tls_client), verify_(!options.dangerously_disable_certificate_verification) {
  SSL_CTX_set_min_proto_version(context_.native_handle(), TLS1_2_VERSION);
  context_.set_options(ssl::context::default_workarounds | ssl::context::no_compression);
  error_code ec;
  if (options.use_system_store) context_.set_default_verify_paths(ec);
  if (ec) setup_error_ = "cannot load the system CA store: " + ec.message();
  if (!options.extra_ca_file.empty()) {
    context_.load_verify_file(options.extra_ca_file, ec);
    if (ec) setup_error_ = "cannot load the CA file '" + options.extra_ca_file + "': " + ec.message();
  }
  if (!options.extra_ca_pem.empty()) {
    context_.add_certificate_authority(asio::buffer(options.extra_ca_pem), ec);
    if (ec) setup_error_ = "cannot load the extra CA certificate (PEM): " + ec.message();
  }
  context_.set_verify_mode(verify_ ? ssl::verify_peer : ssl::verify_none);
}

std::string TlsContext::prepare(ssl::stream<beast::tcp_stream>& stream, const std::string& host) const {
  SSL* ssl = stream.native_handle();
  bool ip = is_ip_literal(host);
  // SNI is for host names only (RFC 6066 section 3).
  if (!ip && SSL_set_tlsext_host_name(ssl, host.c_str()) != 1) return "cannot set the TLS server name";
  if (!verify_) return {};
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  int ok = ip ? X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) : X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
  if (ok != 1) return "cannot set the expected certificate host name";
  return {};
}

Error TlsContext::handshake_error(ssl::stream<beast::tcp_stream>& stream, const error_code& ec,
                                  const std::string& where) const {
  long verify = SSL_get_verify_result(stream.native_handle());
  if (verify == X509_V_ERR_HOSTNAME_MISMATCH || verify == X509_V_ERR_IP_ADDRESS_MISMATCH) {
    return Error(Errc::host_name_mismatch, "TLS certificate of " + where +
                                               " is not valid for this host name (" +
                                               X509_verify_cert_error_string(verify) + ")");
  }
  if (verify != X509_V_OK) {
    return Error(Errc::certificate_untrusted, "TLS certificate of " + where + " is not trusted: " +
                                                  X509_verify_cert_error_string(verify));
  }
  return Error(Errc::tls_handshake_failed, "TLS handshake with " + where + " failed: " + ec.message());
}

}  // namespace instructor::http::detail
