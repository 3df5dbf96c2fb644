// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/event_handler.h"

namespace qgnet {
class Conn;
}

namespace qgnet::inspector {

/// demoEcho is the demo engines' traffic handler (loop thread): it echoes what arrived. Every fourth
/// connection plays a slow consumer that takes at most kSlowStep bytes per wake-up, so the buffer
/// views have inbound occupancy to show; its backlog is bounded by kSlowBacklog (anything above is
/// echoed at once). Nothing is lost: the rest is echoed on the connection's next wake-ups.
Action demoEcho(Conn& conn);

} // namespace qgnet::inspector
