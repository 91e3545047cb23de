# The two commands of the README, and a few conveniences.
#   make run   — install dependencies, build the release binary, load reference and demo data,
#                serve on http://127.0.0.1:8080
#   make test  — install dependencies, build with sanitizers, run every test
.PHONY: run test deps release debug bench format clean

# ccache (when installed, see CMakeLists.txt): paths inside this checkout are hashed relative to it,
# and the build folder does not count, so every clone and worktree on a machine shares one cache.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

deps:
	scripts/install-deps

release: deps
	cmake --preset release
	cmake --build --preset release

debug: deps
	cmake --preset debug
	cmake --build --preset debug

run: release
	scripts/run

test: debug
	scripts/test

bench: deps
	cmake --preset bench
	cmake --build --preset bench
	scripts/bench

format:
	git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf build
