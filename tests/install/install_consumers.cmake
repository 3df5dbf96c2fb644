# SPDX-License-Identifier: Apache-2.0
# install.consumers: install the build into a scratch prefix (not the configured one, so nothing
# works by accident of a hard-coded path), then use it as a user's project would:
#   1. a CMake project outside the tree, find_package(QGnet <major.minor> REQUIRED COMPONENTS Core Qt Test)
#      (and Http), builds and runs an engine + client echo, an HTTP server, a QtServer echo and a
#      QTest suite on QGnet::Test;
#   2. asking for an unknown component, or another minor version, fails with a clear message;
#   3. a program built with `pkg-config --cflags --libs qgnet` and nothing else runs against the
#      shared library (found through LD_LIBRARY_PATH, as the prefix is not a system directory);
#   4. with QML=ON, a QML application using only the installed modules shows a QtServer made in C++
#      in InspectorView and saves a screenshot (${STAGE}/qml-consumer.png).
# Arguments (-D): BUILD_DIR, STAGE, SOURCE_DIR, VERSION (major.minor), LIBDIR, QML_DIR (relative to
# the prefix), QML (ON/OFF), GENERATOR, CXX.
file(REMOVE_RECURSE ${STAGE})
set(prefix ${STAGE}/prefix)

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0)
        list(JOIN ARGN " " command)
        message(FATAL_ERROR "failed (${rc}): ${command}\n${out}")
    endif()
    message(STATUS "${out}")
endfunction()

# What a user's build needs, as the packages split it: the shared libraries (runtime), headers, CMake
# package and .pc files (dev), the QML modules (qml). The programs (apps) are not needed.
foreach(component runtime dev qml)
    run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} --component ${component})
endforeach()

# 1. find_package with components.
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/consumer -B ${STAGE}/consumer -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
    -DCMAKE_PREFIX_PATH=${prefix} -DQGNET_WANTED_VERSION=${VERSION} -DQGNET_CONSUMER_QML=${QML})
run(${CMAKE_COMMAND} --build ${STAGE}/consumer)
run(${STAGE}/consumer/core-consumer)
run(${STAGE}/consumer/http-consumer)
run(${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen ${STAGE}/consumer/qt-consumer)
run(${STAGE}/consumer/tst_consumer)
# What the programs load: the installed shared libraries, not the build tree's.
execute_process(COMMAND ldd ${STAGE}/consumer/tst_consumer OUTPUT_VARIABLE ldd_out)
if(NOT ldd_out MATCHES "libqgnet-test\\.so\\.0 => ${prefix}/" OR NOT ldd_out MATCHES "libqgnet\\.so\\.0 => ${prefix}/")
    message(FATAL_ERROR "tst_consumer does not load the installed libqgnet*.so.0:\n${ldd_out}")
endif()
if(QML)
    run(${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software
        ${STAGE}/consumer/qml-consumer ${prefix}/${QML_DIR} ${STAGE}/qml-consumer.png)
endif()

# 2. What must not be found.
function(expect_not_found name find_args expected)
    set(dir ${STAGE}/${name})
    file(WRITE ${dir}/CMakeLists.txt "cmake_minimum_required(VERSION 3.25)\nproject(${name} LANGUAGES CXX)\n"
        "find_package(QGnet ${find_args})\n")
    execute_process(COMMAND ${CMAKE_COMMAND} -S ${dir} -B ${dir}/build -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
        -DCMAKE_PREFIX_PATH=${prefix} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    string(REGEX REPLACE "[ \t\r\n]+" " " flat "${out}")
    if(rc EQUAL 0 OR NOT flat MATCHES "${expected}")
        message(FATAL_ERROR "find_package(QGnet ${find_args}) should fail saying '${expected}' (rc ${rc}):\n${out}")
    endif()
    message(STATUS "find_package(QGnet ${find_args}) fails as it should: ${expected}")
endfunction()
expect_not_found(unknown_component "REQUIRED COMPONENTS Core Nope" "has no component 'Nope'")
expect_not_found(older_minor "0.0 REQUIRED" "not compatible|[Cc]ould not find a configuration file")

# 3. pkg-config alone.
find_program(PKG_CONFIG pkg-config REQUIRED)
execute_process(COMMAND ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${prefix}/${LIBDIR}/pkgconfig
        ${PKG_CONFIG} --cflags --libs qgnet
    RESULT_VARIABLE rc OUTPUT_VARIABLE flags ERROR_VARIABLE err OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pkg-config --cflags --libs qgnet failed: ${err}")
endif()
if(NOT flags MATCHES "${prefix}")
    message(FATAL_ERROR "pkg-config's flags do not point into the install prefix ${prefix}: ${flags}")
endif()
message(STATUS "pkg-config --cflags --libs qgnet: ${flags}")
separate_arguments(flag_list UNIX_COMMAND "${flags}")
# libqgnet is shared: the flags name the library, not what it links (liburing, OpenSSL).
if(flags MATCHES "-luring|-lssl")
    message(FATAL_ERROR "pkg-config --libs qgnet lists the shared library's own dependencies: ${flags}")
endif()
run(${CXX} -std=c++20 ${SOURCE_DIR}/pc_consumer.cpp -o ${STAGE}/pc-consumer ${flag_list})
# The scratch prefix is not where the dynamic loader looks (/usr is): tell it, as any user of a
# private prefix does.
run(${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${prefix}/${LIBDIR} ${STAGE}/pc-consumer)
