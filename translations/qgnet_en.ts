<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BufferView</name>
    <message>
        <source>Buffer occupancy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fullest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outbound ring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spilled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 of HWM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connections</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionTable</name>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n open</numerusform>
            <numerusform>%n open</numerusform>
        </translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataTable</name>
    <message>
        <source>No rows match the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rows yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DecisionLog</name>
    <message>
        <source>Load balancing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 decisions shown, %2 dropped by the engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections given to each loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loop %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventLog</name>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shown, %2 dropped by the engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterField</name>
    <message>
        <source>Filter…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HttpView</name>
    <message>
        <source>HTTP routes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebSocket sessions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This source reports no HTTP server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InspectorView</name>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load balancing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoopView</name>
    <message>
        <source>Loop %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · thread %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stalls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>buffered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in · %2 out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No engine attached</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>qgnet inspector — demo engine %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qgnet inspector — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attached to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attaching to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo engine did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo engine listening on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo engine listening on %1; statistics served on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot serve statistics: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unix:/path or tcp://127.0.0.1:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reattach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot as JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loops as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The statistics endpoint cannot accept inspectors: %1 (retrying)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The statistics endpoint accepts inspectors again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RateChart</name>
    <message>
        <source>loop %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusPage</name>
    <message>
        <source>qgnet demo: engine status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No statistics yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stalls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics as JSON</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryBar</name>
    <message>
        <source>loops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>buffered in / out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stalls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>datagrams dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>buffered of the memory budget (%1 paused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>buffered (no memory budget)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Live view of the event loops, connections and balancing of a qgnet engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach to the inspector endpoint at ADDRESS (tcp://host:port or unix:/path).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token for --attach.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the in-process demo engine (echo server with a small load).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event loops of the demo engine (default 4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load connections of the demo engine (default 16).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab to show first: loops, connections, balancing, buffers, charts or events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language, e.g. zh_CN or en (default: the system&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a PNG of the window to FILE and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds to run before --screenshot (default 3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown tab: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Qt application with an embedded qgnet server: an echo service, an HTTP status page, a built-in load and the inspector&apos;s views.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Echo listener (default tcp://127.0.0.1:9000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP status page listener (default tcp://127.0.0.1:9080).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event loops (default 4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections of the built-in load generator, 0 for none (default 16).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve statistics to qgnet-inspector at ADDRESS (tcp://127.0.0.1:port or unix:/path).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspector tab to show first: loops, connections, balancing, buffers, charts or events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--load needs a number, 0 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot serve the inspector: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>echo on %1, status page on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inspector endpoint on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve the demo engine&apos;s statistics at ADDRESS for other inspectors (with --token).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most load connections of the demo engine (default 40).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--after needs a number of seconds, 0 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--loops needs a number from 1 to 256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--connections needs a number from 0 to 10000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--attach and --demo exclude each other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I/O backend of the server&apos;s loops: epoll or io_uring (default epoll).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--backend must be epoll or io_uring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token an inspector must present, at least 16 bytes (default with --inspect: a random one, printed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inspector token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot handle SIGINT and SIGTERM: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visible to every user in ps: prefer --token-file or QGNET_INSPECTOR_TOKEN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the inspector token from the first line of FILE (or set QGNET_INSPECTOR_TOKEN).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give --token or --token-file, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the token file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the token file %1 is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: --token shows the token to every user of this machine (ps, /proc/PID/cmdline); use --token-file FILE or QGNET_INSPECTOR_TOKEN instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the token from %1 has %2 bytes; it needs at least %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--attach and --serve need a token (--token-file FILE, QGNET_INSPECTOR_TOKEN or --token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab to show first: overview, connections, balancing, events, http.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet</name>
    <message>
        <source>frame length %1 is out of range (1..%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frame is not valid CBOR: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frame is not a CBOR map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a tcp://host:port address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos;: the host must be an IP address or localhost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos;: unknown scheme (use unix: or tcp://)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos;: empty socket path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a snapshot (no format version)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snapshot format %1 is not supported (this build reads %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snapshot field &apos;%1&apos; is not an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>draining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round robin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>least connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>source address hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loop index %1 is out of range (0..%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection %1 is on loop %2, which does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection id %1 appears more than once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decision %1: chosen loop %2 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decision %1 has %2 loads for %3 loops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event %1 is on loop %2, which does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snapshot field &apos;%1&apos; has %2 entries (at most %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: text &apos;%2&apos; is longer than %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: address &apos;%2&apos; is longer than a Unix socket path can be (%3 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a listen URL is longer than %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a decision&apos;s loads are not an array of at most %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a decision&apos;s load is out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frame holds more than %1 CBOR items or is nested deeper than %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::ConnectionModel</name>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out (ring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out (spilled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out fill %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High-water hits</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::DecisionModel</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::EventModel</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::HttpRouteModel</name>
    <message>
        <source>Qt thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loop threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::InspectorEndpoint</name>
    <message>
        <source>no hello within %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the first message must be a hello</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>protocol version %1 is not supported (this endpoint speaks %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown message type &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no engine is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a loopback address: serving statistics beyond this host needs allowRemote (they name peers and addresses)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many requests in flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the inspector does not read its answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many connections are waiting for their hello</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the token must be at least %1 bytes long (this one has %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create a wake-up descriptor: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the socket path is %1 bytes long; at most %2 fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists and is not a socket (left as it is)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another process is serving there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot watch the listening socket</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::LocalStatsFeed</name>
    <message>
        <source>Cannot read the engine&apos;s statistics: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a wake-up descriptor: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::LoopModel</name>
    <message>
        <source>Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepts/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In B/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out B/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stalls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffered in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffered out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::QtClient</name>
    <message>
        <source>The client could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the bridge&apos;s wake-up descriptor: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::QtServer</name>
    <message>
        <source>No listen address set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the bridge&apos;s wake-up descriptor: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::RemoteStatsFeed</name>
    <message>
        <source>The endpoint sent a malformed frame: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by the endpoint (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint could not take a snapshot (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreadable snapshot: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::TableExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::demo::DemoWindow</name>
    <message>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qgnet demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedded server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Echo:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status page:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspector endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open connections:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the load generator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Echoed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The load generator could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n inspector(s) attached)</source>
        <translation>
            <numerusform>%1 (%n inspector attached)</numerusform>
            <numerusform>%1 (%n inspectors attached)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 over %n connection(s)</source>
        <translation>
            <numerusform>%1 over %n connection</numerusform>
            <numerusform>%1 over %n connections</numerusform>
        </translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inspector endpoint accepts inspectors again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inspector endpoint cannot accept inspectors: %1 (retrying)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off (start with --inspect ADDRESS --token-file FILE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not accepting: %1; retrying</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::demo::HttpRoutesView</name>
    <message>
        <source>Status page requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GUI thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loop threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebSocket sessions: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::inspector</name>
    <message>
        <source>Cannot write the screenshot %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::AttachDialog</name>
    <message>
        <source>Attach to a process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address of the process&apos;s inspector endpoint, as given to its --inspect option, e.g. tcp://127.0.0.1:9100 or unix:/tmp/qgnet.sock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::BufferView</name>
    <message>
        <source>Connections by outbound fill (percent of the high-water mark)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::DecisionHistogram</name>
    <message>
        <source>Connections per loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s)</source>
        <translation>
            <numerusform>%n decision</numerusform>
            <numerusform>%n decisions</numerusform>
        </translation>
    </message>
    <message>
        <source>dropped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No balancing decisions yet (reuse-port engines let the kernel choose)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loop %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::DemoEngine</name>
    <message>
        <source>The load generator could not start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::DemoLoad</name>
    <message>
        <source>Load generator: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::HttpView</name>
    <message>
        <source>This source reports no HTTP server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebSocket sessions: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::InspectorPanel</name>
    <message>
        <source>Loops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All loops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All protocols</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by peer address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loop:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balancing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes received per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes sent per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy (% of wall time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loop %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n connection(s)</source>
        <translation>
            <numerusform>%1 of %n connection</numerusform>
            <numerusform>%1 of %n connections</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no snapshot to export yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffers hold %1 (no memory budget)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffers hold %1 of the %2 memory budget; reading paused for it: %3, closed for it: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::InspectorWindow</name>
    <message>
        <source>qgnet inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop updating the views; the engine keeps counting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the table of the current tab as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the latest snapshot (loops, connections, logs) as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspect another process through its inspector endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start demo engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run an echo engine with a small load in this process and inspect it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No source: attach to a process or start the demo engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo engine could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Demo engine on %1 (%n loop(s))</source>
        <translation>
            <numerusform>Demo engine on %1 (%n loop)</numerusform>
            <numerusform>Demo engine on %1 (%n loops)</numerusform>
        </translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 snapshots/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped: %1 events, %2 decisions, %3 datagrams</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::LoopBufferBars</name>
    <message>
        <source>Bytes held in buffers per loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inbound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outbound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loop %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::RateChart</name>
    <message>
        <source>Loop %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-%1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::qml::Export</name>
    <message>
        <source>No file name given</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
