// SPDX-License-Identifier: Apache-2.0
// The whole public API of the qgnet core engine (no Qt).
#pragma once

#include "qgnet/address.h"
#include "qgnet/bytes.h"
#include "qgnet/client.h"
#include "qgnet/conn.h"
#include "qgnet/conn_handle.h"
#include "qgnet/engine.h"
#include "qgnet/error.h"
#include "qgnet/event_handler.h"
#include "qgnet/live_counters.h"
#include "qgnet/logger.h"
#include "qgnet/options.h"
#include "qgnet/stats.h"
#include "qgnet/tls.h"
#include "qgnet/version.h"
