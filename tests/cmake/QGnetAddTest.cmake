# SPDX-License-Identifier: Apache-2.0
# qgnet_add_test: the one way every QTest executable of the suite is built and registered with ctest.
#
#   qgnet_add_test(NAME <ctest name> [TARGET <executable>] [SOURCES <file>...] [LIBS <target>...]
#                  [BACKENDS epoll|io_uring|io_uring_plain...] [LABELS <label>...] [TIMEOUT <s>]
#                  [ENV <VAR=value>...] [ARGS <arg>...])
#
# NAME is the ctest name, e.g. core.actions; TARGET defaults to tst_<NAME without its first part>
# (core.actions -> tst_actions). With SOURCES it builds TARGET (AUTOMOC from qt_standard_project_setup, warnings as errors, linked to
# Qt6::Test, qgnet_test_support and QGnet::Test besides LIBS); without SOURCES it registers another run of an
# existing TARGET (core.echo_matrix.io_uring_plain). A test whose LIBS name an internal archive
# (qgnet_core_internal, qgnet_qt_internal) gets qgnet_test_internal instead of QGnet::Test, so that
# it holds one engine: the static one.
#
# BACKENDS registers one ctest entry per backend, selected through QGNET_BACKEND in the environment
# (QGNET_TEST_MAIN fails the run if the engine fell back to epoll):
#   epoll           NAME                 QGNET_BACKEND=epoll
#   io_uring        NAME.io_uring        QGNET_BACKEND=io_uring, label io_uring added
#   io_uring_plain  NAME.io_uring_plain  as io_uring, with the plain provided-buffer ring (one 4 KiB
#                                        buffer per completion, as on kernels before 6.12)
# Without BACKENDS it registers NAME alone. TIMEOUT defaults to QGNET_TEST_TIMEOUT. Under TSan every
# entry reads the suite's one suppression file, tests/tsan.supp.
set(QGNET_TEST_TIMEOUT 120 CACHE STRING "ctest TIMEOUT (seconds) of each test executable")
get_filename_component(QGNET_TSAN_SUPPRESSIONS ${CMAKE_CURRENT_LIST_DIR}/../tsan.supp ABSOLUTE)

function(qgnet_add_test)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;TARGET;TIMEOUT" "SOURCES;LIBS;BACKENDS;LABELS;ENV;ARGS")
    if(NOT arg_NAME)
        message(FATAL_ERROR "qgnet_add_test: NAME is required")
    endif()
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "qgnet_add_test(${arg_NAME}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT arg_TARGET)
        string(REGEX REPLACE "^[^.]+\\." "" short "${arg_NAME}")
        set(arg_TARGET tst_${short})
    endif()
    if(NOT arg_TIMEOUT)
        set(arg_TIMEOUT ${QGNET_TEST_TIMEOUT})
    endif()

    if(arg_SOURCES)
        add_executable(${arg_TARGET} ${arg_SOURCES})
        set(test_helpers QGnet::Test)
        if(arg_LIBS MATCHES "qgnet_[a-z]+_internal")
            set(test_helpers qgnet_test_internal)
        endif()
        target_link_libraries(${arg_TARGET} PRIVATE ${arg_LIBS} ${test_helpers} Qt6::Test qgnet_test_support qgnet_warnings)
    elseif(NOT TARGET ${arg_TARGET})
        message(FATAL_ERROR "qgnet_add_test(${arg_NAME}): no SOURCES and no target ${arg_TARGET} yet")
    endif()

    set(names)
    if(NOT arg_BACKENDS)
        add_test(NAME ${arg_NAME} COMMAND ${arg_TARGET} ${arg_ARGS})
        set_tests_properties(${arg_NAME} PROPERTIES LABELS "${arg_LABELS}")
        if(arg_ENV)
            set_tests_properties(${arg_NAME} PROPERTIES ENVIRONMENT "${arg_ENV}")
        endif()
        list(APPEND names ${arg_NAME})
    endif()
    foreach(backend IN LISTS arg_BACKENDS)
        if(backend STREQUAL "epoll")
            set(name ${arg_NAME})
            set(labels ${arg_LABELS})
            set(env QGNET_BACKEND=epoll)
        elseif(backend STREQUAL "io_uring")
            set(name ${arg_NAME}.io_uring)
            set(labels ${arg_LABELS} io_uring)
            set(env QGNET_BACKEND=io_uring)
        elseif(backend STREQUAL "io_uring_plain")
            set(name ${arg_NAME}.io_uring_plain)
            set(labels ${arg_LABELS} io_uring)
            set(env QGNET_BACKEND=io_uring QGNET_IO_URING_NO_INCREMENTAL=1)
        else()
            message(FATAL_ERROR "qgnet_add_test(${arg_NAME}): unknown backend '${backend}'")
        endif()
        add_test(NAME ${name} COMMAND ${arg_TARGET} ${arg_ARGS})
        list(APPEND env ${arg_ENV})
        set_tests_properties(${name} PROPERTIES LABELS "${labels}" ENVIRONMENT "${env}")
        list(APPEND names ${name})
    endforeach()

    set_tests_properties(${names} PROPERTIES TIMEOUT ${arg_TIMEOUT})
    if(QGNET_SANITIZE MATCHES "thread")
        set_tests_properties(${names} PROPERTIES ENVIRONMENT_MODIFICATION
            "TSAN_OPTIONS=string_append: suppressions=${QGNET_TSAN_SUPPRESSIONS}")
    endif()
endfunction()
