# Warnings are errors for our own code. Third-party headers come in as SYSTEM includes.
function(schakel_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Werror -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough
    # Not used: -Wnull-dereference only fires in optimised builds and there GCC 12 reports it
    # inside libstdc++ after inlining (stl_construct.h), on code that cannot be null; the
    # sanitizer build catches real null dereferences at run time.
    # GCC 12 at -O3 reports false -Wrestrict errors inside libstdc++ for ordinary string
    # concatenation ("k" + std::to_string(n)); GCC bugs 105329 and 105651. Off for GCC only.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
endfunction()
