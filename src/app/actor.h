// Actor: who is doing something and from where. Until login exists (issue "Identity…"), the HTTP
// layer names the actor from the request (origin = peer address) and the CLI from the OS user.
#pragma once

#include <string>

namespace schakel::app {

struct Actor {
  std::string name;    // shown as "who" on answers and in the audit log
  std::string origin;  // "http:127.0.0.1", "cli"
};

}  // namespace schakel::app
