// A GLPK problem that, when it goes, also gives back GLPK's environment of the thread. GLPK keeps
// one environment per thread that used it and frees it only on request; a web server thread that
// computed a protected table would otherwise keep it until the thread ends and leak it then.
// REQUIRES: one problem at a time per thread (the solvers here never nest).
#pragma once

#include <glpk.h>

namespace schakel::stats {

class GlpkProblem {
 public:
  GlpkProblem() : lp_(glp_create_prob()) {}
  ~GlpkProblem() {
    glp_delete_prob(lp_);
    (void)glp_free_env();
  }
  GlpkProblem(const GlpkProblem&) = delete;
  GlpkProblem& operator=(const GlpkProblem&) = delete;
  glp_prob* get() const { return lp_; }

 private:
  glp_prob* lp_;
};

}  // namespace schakel::stats
