# SPDX-License-Identifier: Apache-2.0
# qgnet_add_library: the one shape of every qgnet library (src/core, src/http, src/qt, src/test).
#
# The caller compiles its sources once, into an OBJECT library with hidden visibility (it knows its
# sources, generated headers and moc). From those objects this makes two libraries:
#   qgnet_<name>           QGnet::<EXPORT_NAME>, installed: libOUTPUT_NAME.so.0, or a static archive
#                          with BUILD_SHARED_LIBS=OFF; only what the public headers mark exported
#                          leaves it, and every symbol is resolved at link time (QGNET_NO_UNDEFINED)
#   qgnet_<name>_internal  the tests' view: a static archive of the same objects with every symbol
#                          and the private headers, over qgnet_core_internal. A program links one of
#                          the two flavours, never both, so that it holds exactly one engine.
#
#   qgnet_add_library(<name> OUTPUT_NAME <file> EXPORT_NAME <Name>
#       OBJECTS <$<TARGET_OBJECTS:...>...>       the compiled sources
#       HEADERS <files> HEADER_DIRS <dirs>       the public headers and the folders they install from
#       [LINK_PUBLIC <libs>] [LINK_PRIVATE <libs>]
#       [INTERNAL_INCLUDE_DIRS <dirs>])          what the internal flavour adds: the private headers
#
# The internal flavour links what the library links, with QGnet::Core swapped for
# qgnet_core_internal. Libraries that depend on one another link those extras afterwards.
function(qgnet_add_library name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUTPUT_NAME;EXPORT_NAME"
        "OBJECTS;HEADERS;HEADER_DIRS;LINK_PUBLIC;LINK_PRIVATE;INTERNAL_INCLUDE_DIRS")
    if(arg_UNPARSED_ARGUMENTS OR NOT arg_OUTPUT_NAME OR NOT arg_EXPORT_NAME OR NOT arg_OBJECTS)
        message(FATAL_ERROR "qgnet_add_library(${name}): bad arguments ${arg_UNPARSED_ARGUMENTS}")
    endif()
    set(lib qgnet_${name})

    add_library(${lib} ${arg_OBJECTS})
    add_library(QGnet::${arg_EXPORT_NAME} ALIAS ${lib})
    # AUTOMOC off: the objects carry moc's output already; a second run here would define it twice.
    set_target_properties(${lib} PROPERTIES OUTPUT_NAME ${arg_OUTPUT_NAME} EXPORT_NAME ${arg_EXPORT_NAME}
        AUTOMOC OFF VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR})
    target_sources(${lib} PUBLIC FILE_SET HEADERS BASE_DIRS ${arg_HEADER_DIRS} FILES ${arg_HEADERS})
    target_compile_features(${lib} PUBLIC cxx_std_20)
    target_link_libraries(${lib} PUBLIC ${arg_LINK_PUBLIC} PRIVATE ${arg_LINK_PRIVATE})
    target_link_options(${lib} PRIVATE ${QGNET_NO_UNDEFINED})
    install(TARGETS ${lib} EXPORT QGnet${arg_EXPORT_NAME}Targets
        LIBRARY COMPONENT runtime NAMELINK_COMPONENT dev
        ARCHIVE COMPONENT dev
        FILE_SET HEADERS COMPONENT dev)

    if(BUILD_SHARED_LIBS)
        set(internal_links ${arg_LINK_PUBLIC} ${arg_LINK_PRIVATE})
        list(TRANSFORM internal_links REPLACE "^QGnet::Core$" qgnet_core_internal)
        add_library(${lib}_internal STATIC ${arg_OBJECTS})
        set_target_properties(${lib}_internal PROPERTIES AUTOMOC OFF)
        target_compile_features(${lib}_internal PUBLIC cxx_std_20)
        target_link_libraries(${lib}_internal PUBLIC ${internal_links})
    else()
        # The static library already has every symbol.
        add_library(${lib}_internal INTERFACE)
        target_link_libraries(${lib}_internal INTERFACE ${lib})
        if(NOT name STREQUAL "core")
            target_link_libraries(${lib}_internal INTERFACE qgnet_core_internal)
        endif()
    endif()
    target_include_directories(${lib}_internal INTERFACE ${arg_INTERNAL_INCLUDE_DIRS})
endfunction()
