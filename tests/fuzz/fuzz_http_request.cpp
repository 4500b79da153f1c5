// Fuzz target: raw bytes from the network, through Beast's parser with our limits, into the real
// pipeline and route table (SQLite in memory, demo data). Nothing may crash, hang or answer 5xx.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <cstdint>
#include <cstdlib>
#include <memory>

#include "app/wiring.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "http/pipeline.hpp"
#include "identity/demo_data.hpp"
#include "store/migrations.hpp"

namespace {

struct World {
  World() {
    yq::core::crypto_init();
    yq::core::log::set_min_level(yq::core::log::Level::error);
    cfg.database = "sqlite::memory:";
    cfg.password_cost = "test";
    services = std::make_unique<yq::app::Services>(cfg, "http://localhost");
    yq::store::migrate(*services->db);
    yq::identity::load_demo_data(*services->db, services->accounts, services->clock);
    yq::app::add_all_routes(router, *services);
    pipeline = std::make_unique<yq::http::Pipeline>(router, services->accounts, files,
                                                    yq::http::PipelineOptions{64 * 1024, false});
  }
  yq::core::Config cfg;
  std::unique_ptr<yq::app::Services> services;
  yq::http::Router router;
  yq::http::StaticFiles files{"/nonexistent"};
  std::unique_ptr<yq::http::Pipeline> pipeline;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  namespace bhttp = boost::beast::http;
  boost::beast::flat_buffer buffer;
  buffer.commit(boost::asio::buffer_copy(buffer.prepare(size), boost::asio::buffer(data, size)));
  // Up to three pipelined requests per input, as a keep-alive connection would send them.
  for (int i = 0; i < 3 && buffer.size() > 0; ++i) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(64 * 1024);
    parser.eager(true);
    boost::system::error_code ec;
    const auto used = parser.put(buffer.data(), ec);
    if (ec || !parser.is_done()) return 0;
    buffer.consume(used);
    const auto res = world.pipeline->handle({parser.get(), {"192.0.2.1", "fuzz"}});
    if (res.result_int() >= 500) std::abort();
  }
  return 0;
}
