# Adds every immediate sub-folder of the current source dir that has a CMakeLists.txt, in the
# order given first (dependencies before dependants), then any others alphabetically.
function(schakel_add_modules)
  set(ordered ${ARGN})
  file(GLOB children RELATIVE ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/*)
  list(SORT children)
  foreach(child IN LISTS children)
    if(IS_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/${child} AND NOT child IN_LIST ordered)
      list(APPEND ordered ${child})
    endif()
  endforeach()
  foreach(child IN LISTS ordered)
    # SCHAKEL_ONLY_MODULES (a ;-list) limits the build to some modules, so that work on one module
    # is not held up by another module's unfinished build files. Empty means all.
    if(SCHAKEL_ONLY_MODULES AND NOT child IN_LIST SCHAKEL_ONLY_MODULES)
      continue()
    endif()
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${child}/CMakeLists.txt)
      add_subdirectory(${child})
    endif()
  endforeach()
endfunction()
