// SPDX-License-Identifier: Apache-2.0
#include "qgnet/event_handler.h"

namespace qgnet {

Action EventHandler::onBoot(Engine&) { return Action::None; }
void EventHandler::onShutdown(Engine&) {}
OpenResult EventHandler::onOpen(Conn&) { return {}; }
Action EventHandler::onClose(Conn&, std::error_code) { return Action::None; }
Action EventHandler::onTraffic(Conn&) { return Action::None; }
TickResult EventHandler::onTick() { return {}; }
void EventHandler::onWritabilityChanged(Conn&, bool) {}

} // namespace qgnet
