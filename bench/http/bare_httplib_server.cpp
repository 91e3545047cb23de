// The baseline of the load test: cpp-httplib with the same thread pool size and keep-alive as
// Schakel's server, answering POST /intake with 201 and a small JSON body and GET /page with
// 200 — no parsing, no database, no audit. Prints its port, runs until SIGTERM.
#include <httplib.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <thread>

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : 32;
  httplib::Server server;
  server.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<size_t>(threads));
  };
  server.set_keep_alive_max_count(1000);
  server.set_tcp_nodelay(true);
  server.Post("/intake", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 201;
    res.set_content("{\"id\":\"00000000-0000-4000-8000-000000000000\",\"size\":" +
                        std::to_string(req.body.size()) + "}",
                    "application/json");
  });
  server.Get("/page", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(2048, 'x'), "text/html");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  if (port <= 0) return 1;
  std::printf("port %d\n", port);
  std::fflush(stdout);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&set, &sig);
    server.stop();
  });
  server.listen_after_bind();
  waiter.join();
  return 0;
}
