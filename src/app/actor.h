// Actor: who is doing something and from where. Until login exists (issue "Identity…"), the HTTP
// layer names the actor from the request and the CLI from the OS user; `id` then says so
// ("unauthenticated", "cli:<os user>"). With login, id becomes the user id.
#pragma once

#include <string>

#include "app/policy.h"
#include "security/audit_chain.h"

namespace schakel::app {

struct Actor {
  std::string name;            // shown as "who" on answers (a staff member's name or role)
  std::string origin;          // "api", "web", "cli", "system"
  std::string id;              // identifier for the audit trail; never a person's name
  std::string address;         // client address, or the host for the CLI
  Principal principal;         // what the actor may do (policy.h); System() for the CLI
  std::string correlation_id;  // of the request, when there is one

  // An audit event by this actor; result success unless given.
  security::AuditEvent Event(std::string action, std::string object_type, std::string object_id,
                             security::AuditResult result = security::AuditResult::kSuccess) const {
    security::AuditEvent e;
    e.actor = id.empty() ? "unauthenticated" : id;
    e.organisation = principal.organisation;
    e.correlation_id = correlation_id;
    e.action = std::move(action);
    e.object_type = std::move(object_type);
    e.object_id = std::move(object_id);
    e.result = result;
    e.origin = origin == "web"   ? security::AuditOrigin::kWeb
               : origin == "cli" ? security::AuditOrigin::kCli
               : origin == "api" ? security::AuditOrigin::kApi
                                 : security::AuditOrigin::kSystem;
    e.origin_address = address;
    return e;
  }
};

}  // namespace schakel::app
