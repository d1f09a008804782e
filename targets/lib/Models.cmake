# The fixed-point neuron models of the targets (loihi, truenorth, akida):
# pure C++17, no MLIR, shared by the quantized reference simulator, the
# emulator's core model and the RTL testbench. See targets/MODELS.md.
#
# Included from targets/CMakeLists.txt: include(lib/Models.cmake).
# Paths are relative to this file, so it works from any includer.
add_library(SpikecTargetModels STATIC
  ${CMAKE_CURRENT_LIST_DIR}/LoihiModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/TrueNorthModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AkidaModel.cpp
)
target_include_directories(SpikecTargetModels PUBLIC
  ${CMAKE_CURRENT_LIST_DIR}/../include)
target_compile_features(SpikecTargetModels PUBLIC cxx_std_17)
set_target_properties(SpikecTargetModels PROPERTIES
  POSITION_INDEPENDENT_CODE ON)
