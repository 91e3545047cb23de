// A GLPK problem. GLPK keeps one environment per thread that used it and frees it only on
// request; a web-server thread that computed a protected table or an estimate would leak it when
// the thread ends. The first problem of a thread therefore arms a thread-local guard that gives
// the environment back at thread exit, so a solver loop (model selection: thousands of problems)
// keeps one environment instead of building it anew for every problem.
#pragma once

#include <glpk.h>

namespace schakel::stats {

class GlpkProblem {
 public:
  GlpkProblem() : lp_(glp_create_prob()) { static thread_local const EnvRelease release; }
  ~GlpkProblem() { glp_delete_prob(lp_); }
  GlpkProblem(const GlpkProblem&) = delete;
  GlpkProblem& operator=(const GlpkProblem&) = delete;
  glp_prob* get() const { return lp_; }

 private:
  struct EnvRelease {
    EnvRelease() = default;
    EnvRelease(const EnvRelease&) = delete;
    EnvRelease& operator=(const EnvRelease&) = delete;
    ~EnvRelease() { (void)glp_free_env(); }
  };
  glp_prob* lp_;
};

}  // namespace schakel::stats
