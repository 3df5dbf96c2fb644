# SPDX-License-Identifier: Apache-2.0
# Included after project() by bench/run-scaling.sh (CMAKE_PROJECT_QGnet_INCLUDE) for its fully static
# build: find_library, and so pkg-config's liburing, then picks the .a archives, and executables link
# with -static, so that they run on a machine that has neither liburing nor OpenSSL installed.
set(BUILD_SHARED_LIBS OFF) # libqgnet.a and friends, so that -static finds every library
set(CMAKE_FIND_LIBRARY_SUFFIXES .a)
set(OPENSSL_USE_STATIC_LIBS TRUE)
string(APPEND CMAKE_EXE_LINKER_FLAGS " -static")
