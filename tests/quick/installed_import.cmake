# SPDX-License-Identifier: Apache-2.0
# quick.installed: install the qml component (both modules), the apps component (qgnet-inspector-quick) and the
# runtime component (the shared libraries the QGnet plugin links) with DESTDIR into a scratch directory, then prove
# that what was installed works on its own:
#   1. the files sit in the Qt import-path layout (<qmldir>/QGnet/{qmldir,plugin,typeinfo}, …/Inspector/…);
#   2. qmltestrunner imports QGnet and QGnet.Inspector through QML2_IMPORT_PATH alone;
#   3. the installed qgnet-inspector-quick finds them next to itself and writes a screenshot.
# Arguments (-D): BUILD_DIR, STAGE, PREFIX, QML_DIR, BIN_DIR, LIB_DIR (relative to PREFIX), RUNNER, TEST_QML.
# The QGnet plugin links libqgnet-qt.so.0: installed under the prefix /usr it is where the loader
# looks, and under another prefix the plugin's RPATH finds it; in a DESTDIR tree neither holds, so
# LD_LIBRARY_PATH names the staged libraries, as the package would install them.
file(REMOVE_RECURSE ${STAGE})
foreach(component runtime qml apps)
    execute_process(COMMAND ${CMAKE_COMMAND} -E env DESTDIR=${STAGE} ${CMAKE_COMMAND} --install ${BUILD_DIR} --component ${component}
        RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "cmake --install --component ${component} failed: ${rc}")
    endif()
endforeach()

set(root ${STAGE}${PREFIX})
foreach(file QGnet/qmldir QGnet/libqgnetqmlplugin.so QGnet/qgnet_qml.qmltypes
        QGnet/Inspector/qmldir QGnet/Inspector/libqgnetinspectorplugin.so QGnet/Inspector/qgnet_qml_inspector.qmltypes)
    if(NOT EXISTS ${root}/${QML_DIR}/${file})
        message(FATAL_ERROR "not installed: ${QML_DIR}/${file}")
    endif()
endforeach()
message(STATUS "installed into ${root}/${QML_DIR}: QGnet and QGnet/Inspector")

execute_process(COMMAND ${CMAKE_COMMAND} -E env QML2_IMPORT_PATH=${root}/${QML_DIR} LD_LIBRARY_PATH=${root}/${LIB_DIR}
        QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software
        ${RUNNER} -input ${TEST_QML}
    RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "qmltestrunner with QML2_IMPORT_PATH=${root}/${QML_DIR} failed: ${rc}")
endif()

execute_process(COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen LD_LIBRARY_PATH=${root}/${LIB_DIR}
        ${root}/${BIN_DIR}/qgnet-inspector-quick --screenshot ${STAGE}/installed.png --after 1
    RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT EXISTS ${STAGE}/installed.png)
    message(FATAL_ERROR "the installed qgnet-inspector-quick did not run: ${rc}")
endif()
message(STATUS "installed qgnet-inspector-quick wrote ${STAGE}/installed.png")
