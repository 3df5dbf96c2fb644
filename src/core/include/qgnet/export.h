// SPDX-License-Identifier: Apache-2.0
#pragma once

/// QGNET_EXPORT marks what libqgnet.so (QGnet::Core) offers its users: a class, or a function that
/// is not inline. The libraries compile with hidden visibility (-fvisibility=hidden and
/// -fvisibility-inlines-hidden), so everything else in them (event loops, buffers, backends) stays
/// out of the dynamic symbol table: smaller, faster to load, and not part of the ABI. On ELF the
/// same attribute serves building and using the library, so one macro does both. QGNET_HTTP_EXPORT,
/// QGNET_QT_EXPORT and QGNET_TEST_EXPORT do the same for libqgnet_http.so (QGnet::Http),
/// libqgnet-qt.so (QGnet::Qt) and libqgnet-test.so (QGnet::Test). QGNET_STATIC, set by the static build
/// (BUILD_SHARED_LIBS=OFF) on the libraries and their users, empties them: a static libqgnet.a linked into someone's
/// shared library must not add qgnet's symbols to that library's interface.
#if defined(QGNET_STATIC)
#define QGNET_EXPORT
#else
#define QGNET_EXPORT __attribute__((visibility("default")))
#endif

/// QGNET_HTTP_EXPORT marks the public API of QGnet::Http (see QGNET_EXPORT).
#define QGNET_HTTP_EXPORT QGNET_EXPORT
/// QGNET_QT_EXPORT marks the public API of QGnet::Qt (see QGNET_EXPORT).
#define QGNET_QT_EXPORT QGNET_EXPORT
/// QGNET_TEST_EXPORT marks the public API of QGnet::Test, the QTest helpers (see QGNET_EXPORT).
#define QGNET_TEST_EXPORT QGNET_EXPORT
