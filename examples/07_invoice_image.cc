// Images: an invoice read from a picture into line items. Pass the path of a
// PNG or JPEG to send your own; without one the example sends an image URL.
#include <fstream>
#include <iostream>
#include <sstream>

#include "acme/invoice.instructor.h"
#include "common/connect.h"

int main(int argc, char** argv) {
  auto [client, offline] = examples::connect("invoice_image");
  instructor::ContentPart image = instructor::image_url("https://files.acme.example/invoices/INV-2041.png");
  if (argc > 1) {
    std::ifstream file(argv[1], std::ios::binary);
    std::stringstream bytes;
    bytes << file.rdbuf();
    std::string path = argv[1];
    image = instructor::image_bytes(bytes.str(), path.ends_with(".png") ? "image/png" : "image/jpeg");
  }
  auto invoice = client.create<acme::Invoice>({
      .messages = {instructor::user({instructor::text_part("Read this invoice."), image})},
      .max_retries = 2});
  if (!invoice) {
    std::cerr << invoice.error().to_text();
    return 1;
  }
  std::cout << "invoice " << invoice->number() << " from " << invoice->vendor() << ", " << invoice->date() << "\n";
  double sum = 0;
  for (const acme::LineItem& item : invoice->items()) {
    std::cout << "  " << item.quantity() << " x " << item.description() << " @ " << item.unit_price() << "\n";
    sum += item.quantity() * item.unit_price();
  }
  std::cout << "total " << invoice->total() << " " << invoice->currency() << " (lines add up to " << sum << ")\n";
}
