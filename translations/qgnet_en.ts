<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ActionsView</name>
    <message>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change the engine at once, after a confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off: the engine&apos;s side must allow them (qgnet-demo --allow-actions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close connection %1 now? Its peer sees the connection end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause accepting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause accepting on every listener? New clients wait until accepting resumes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume accepting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume accepting on every listener?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load balancing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round robin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Least connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source address hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply policy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the load balancing policy to %1? It applies to new connections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output water marks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High (KiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low (KiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply water marks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the output water marks to %1 KiB (high) and %2 KiB (low) for every connection?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BridgeView</name>
    <message>
        <source>Qt bridge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the engine&apos;s loops to the Qt thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bridge figures yet: they come with the first snapshot of a Qt server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <name>ChartOptions</name>
    <message>
        <source>Logarithmic scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Moving average (%n samples)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
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
    <message>
        <source>Expression, e.g. loop == 2 &amp;&amp; bytesIn &gt; 1M &amp;&amp; !paused</source>
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
    <name>ErrorList</name>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in all, %2 now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 not counted by kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last %1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over the last %1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Socket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No errors counted</source>
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
    <name>FilterExpression</name>
    <message>
        <source>use &amp;&amp; for “and”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use || for “or”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use == to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this quote is never closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a number suffix (K, M, G, T: 1024-based)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this number is too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this “)” has no “(”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &amp;&amp; or || before %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nested deeper than %1 levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty parentheses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected “)” for the “(” at column %1, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the expression ends early: expected a field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a field, “!” or “(”, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown field “%1” (fields: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is a number: compare it, e.g. %1 &gt; 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is text: compare it, e.g. %1 ~ &quot;10.0.&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” needs a value, e.g. %1 == %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is a number: use ==, !=, &lt;, &lt;=, &gt; or &gt;=</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is text: use ==, !=, ~ or !~</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” takes == or != only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a value after “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is a number: expected a number after “%2”, found %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>put text in quotes, e.g. %1 ~ &quot;10.0.&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected text after “%1”, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is one of: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is yes or no: compare it with true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>longer than %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter expression, e.g. loop == 2 &amp;&amp; bytesIn &gt; 1M &amp;&amp; !paused
Fields: %1
Numbers: == != &lt; &lt;= &gt; &gt;=, with K, M, G, T suffixes (1024-based: 1M = 1048576)
Text: == != ~ (contains) !~, in quotes: remote ~ &quot;10.0.&quot;
Combine with &amp;&amp; || ! and parentheses.</source>
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
        <source>Stalls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bridge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListenerTable</name>
    <message>
        <source>Listeners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 waiting to be accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 not accepting now</source>
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
    <message>
        <source>qgnet inspector — recording %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo engine on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replay</source>
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
    <name>RecordingBar</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording the last</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>s: %n snapshot(s) held, %1 over %2</source>
        <translation>
            <numerusform>s: %n snapshot held, %1 over %2</numerusform>
            <numerusform>s: %n snapshots held, %1 over %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Save recording…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open recording…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2, snapshot %3 of %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Recordings</name>
    <message numerus="yes">
        <source>Replaying %1 (%n snapshot(s))</source>
        <translation>
            <numerusform>Replaying %1 (%n snapshot)</numerusform>
            <numerusform>Replaying %1 (%n snapshots)</numerusform>
        </translation>
    </message>
    <message>
        <source>qgnet recordings (*.qgnetrec)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved %n snapshot(s) to %1</source>
        <translation>
            <numerusform>Saved %n snapshot to %1</numerusform>
            <numerusform>Saved %n snapshots to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StallLog</name>
    <message>
        <source>Stalls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 dropped by the engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n iteration(s) over %1 ms</source>
        <translation>
            <numerusform>%n iteration over %1 ms</numerusform>
            <numerusform>%n iterations over %1 ms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n iteration(s) over the threshold</source>
        <translation>
            <numerusform>%n iteration over the threshold</numerusform>
            <numerusform>%n iterations over the threshold</numerusform>
        </translation>
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
    <name>TimelineView</name>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation type="unfinished">
            <numerusform>%n open</numerusform>
            <numerusform>%n open</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1  %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline of connection %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a connection: only the one shown is recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for its timeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in, %2 out since watching began</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 older entries dropped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TlsDetails</name>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a connection to see its TLS session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected connection is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected connection is not encrypted (no TLS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cipher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALPN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SNI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
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
        <source>Replay the recording FILE (saved with File &gt; Save recording).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let inspectors (the docked one, and with --inspect attached ones) close connections, pause accepting and change the balancing policy or water marks, each after a confirmation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay the recording FILE (saved with Save recording).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab to show first: overview, connections, balancing, events, timeline, http.</source>
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
    <message>
        <source>stall %1 is on loop %2, which does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(spread over callbacks)</source>
        <extracomment>A stalled loop iteration in which no single callback ran for a measurable time.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS handshake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file has %1 bytes; a recording has at most %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is truncated before its version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a qgnet recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recording format %1 is not supported (this build reads 1 to %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is truncated in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a qgnet recording (the header&apos;s type is not &apos;%1&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the header&apos;s snapshot count is not a number from 0 to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the header&apos;s source is longer than %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snapshot %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: its time is missing or earlier than the one before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: droppedDatagrams is not a count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the recording holds more than %2 connections and log entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file goes on after its last snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has %2 bytes; a recording has at most %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a readable recording: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an error&apos;s name or description is longer than %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an error&apos;s code is out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error %1 appears more than once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a listener is on loop %1, which does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a listener&apos;s queue or error is out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snapshot field &apos;timelines&apos; is not an array of at most %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a timeline&apos;s loop is out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a timeline&apos;s entries are not an array of at most %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a timeline entry&apos;s text is longer than %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a timeline entry&apos;s count is out of range</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::BridgeHealthModel</name>
    <message>
        <source>Measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items waiting for the Qt thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes waiting for the Qt thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Datagrams dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batches drained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last batch (items)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average batch (items)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest batch (items)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last drain latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average drain latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest drain latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qt thread lag now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The Qt thread lags %1 behind the loops; %n item(s) wait for it (%2), %3 datagrams dropped</source>
        <translation>
            <numerusform>The Qt thread lags %1 behind the loops; %n item waits for it (%2), %3 datagrams dropped</numerusform>
            <numerusform>The Qt thread lags %1 behind the loops; %n items wait for it (%2), %3 datagrams dropped</numerusform>
        </translation>
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
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::ConnectionTlsDetails</name>
    <message>
        <source>no certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (qgnet servers do not ask for client certificates)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (expired %n day(s) ago)</source>
        <translation>
            <numerusform>%1 (expired %n day ago)</numerusform>
            <numerusform>%1 (expired %n days ago)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (in %n day(s))</source>
        <translation>
            <numerusform>%1 (in %n day)</numerusform>
            <numerusform>%1 (in %n days)</numerusform>
        </translation>
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
    <name>qgnet::ErrorModel</name>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last %1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Socket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept</source>
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
    <message>
        <source>this endpoint does not allow actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;connection&apos; must be a connection id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::ListenerModel</name>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reuseport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue %</source>
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
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acceptor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backing off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at connection limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused by an action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
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
    <message>
        <source>Cannot watch connection %1: %2</source>
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
    <message>
        <source>The connection to the endpoint was lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint cannot watch another connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not attached to an endpoint</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::StallModel</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iteration (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>× threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest callback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its time (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::StatsFeed</name>
    <message>
        <source>This source does not allow actions</source>
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
    <name>qgnet::TimelineModel</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes</source>
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
        <source>Watching began</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS handshake done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic (100 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High-water mark reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low-water mark reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by the application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by the memory budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason given</source>
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
    <name>qgnet::inspector::ActionsView</name>
    <message>
        <source> KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause accepting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume accepting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply policy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply water marks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection id (select one in the Connections tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New connections wait in the kernel&apos;s backlog while accepting is paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load balancing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round robin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Least connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source address hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output water marks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the id of the connection to close.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close connection %1 now? Its peer sees the connection end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause accepting on every listener? New clients wait until accepting resumes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume accepting on every listener?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the load balancing policy to %1? It applies to new connections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the output water marks to %1 KiB (high) and %2 KiB (low) for every connection?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions change the engine at once. Each asks for a confirmation first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions are off: the engine&apos;s side must allow them (qgnet-demo --allow-actions, InspectorEndpoint::setActionsAllowed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent…</source>
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
    <name>qgnet::inspector::BridgeView</name>
    <message>
        <source>No bridge figures yet: they come with the first snapshot of a Qt server.</source>
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
    <name>qgnet::inspector::ChartOptions</name>
    <message>
        <source>Logarithmic scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Moving average (%n samples)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
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
    <name>qgnet::inspector::ErrorView</name>
    <message>
        <source>No errors counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 errors of %n kind(s); %2 per second now; each strip shows the last %3 min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>; %1 more not counted by kind</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::FilterExpressionEdit</name>
    <message>
        <source>Expression, e.g. loop == 2 &amp;&amp; bytesIn &gt; 1M &amp;&amp; !paused</source>
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
        <source>Stalls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expression:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bridge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
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
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::ListenerView</name>
    <message numerus="yes">
        <source>%n connection(s) waiting to be accepted</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n listener(s) not accepting now</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
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
    <name>qgnet::inspector::RecordingBar</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open recording…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save recording…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay a recording saved earlier, without any engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the recorded seconds to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many seconds of snapshots are kept for saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording the last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to see the engine at any moment of the recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n snapshot(s) held, %1 over %2</source>
        <translation>
            <numerusform>%n snapshot held, %1 over %2</numerusform>
            <numerusform>%n snapshots held, %1 over %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2, snapshot %3 of %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qgnet recordings (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved %n snapshot(s) to %1</source>
        <translation>
            <numerusform>Saved %n snapshot to %1</numerusform>
            <numerusform>Saved %n snapshots to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Open recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::StallView</name>
    <message>
        <source>Iterations longer than %1 ms (Options::stallThreshold), with the callback that ran longest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iterations longer than the engine&apos;s stall threshold, with the callback that ran longest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n stall(s) shown.</source>
        <translation>
            <numerusform>%n stall shown.</numerusform>
            <numerusform>%n stalls shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lost before they were read.</source>
        <translation>
            <numerusform>%n lost before it was read.</numerusform>
            <numerusform>%n lost before they were read.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::TimelineView</name>
    <message>
        <source>High-water mark reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a connection in the Connections tab to follow its timeline. Only the connection shown here is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> on loop %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for its timeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in, %2 out since watching began</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n older entries dropped</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::TlsDetailsPane</name>
    <message>
        <source>TLS of the selected connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cipher:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALPN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SNI:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a connection to see its TLS session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected connection is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected connection is not encrypted (no TLS).</source>
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
