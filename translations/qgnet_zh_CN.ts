<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BufferView</name>
    <message>
        <source>Buffer occupancy</source>
        <translation>缓冲区占用</translation>
    </message>
    <message>
        <source>fullest first</source>
        <translation>最满的在前</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>outbound ring</source>
        <translation>出站环形缓冲</translation>
    </message>
    <message>
        <source>spilled</source>
        <translation>溢出</translation>
    </message>
    <message>
        <source>%1 · %2 of HWM</source>
        <translation>%1 · 占高水位的 %2</translation>
    </message>
    <message>
        <source>No connections</source>
        <translation>没有连接</translation>
    </message>
</context>
<context>
    <name>ConnectionTable</name>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n 个打开</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DataTable</name>
    <message>
        <source>No rows match the filter</source>
        <translation>没有符合过滤条件的行</translation>
    </message>
    <message>
        <source>No rows yet</source>
        <translation>暂无数据</translation>
    </message>
</context>
<context>
    <name>DecisionLog</name>
    <message>
        <source>Load balancing</source>
        <translation>负载均衡</translation>
    </message>
    <message>
        <source>%1 decisions shown, %2 dropped by the engine</source>
        <translation>显示 %1 次决策，引擎丢弃了 %2 次</translation>
    </message>
    <message>
        <source>%1 decisions</source>
        <translation>%1 次决策</translation>
    </message>
    <message>
        <source>Connections given to each loop</source>
        <translation>分配给各事件循环的连接</translation>
    </message>
    <message>
        <source>loop %1</source>
        <translation>事件循环 %1</translation>
    </message>
</context>
<context>
    <name>EventLog</name>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>%1 shown, %2 dropped by the engine</source>
        <translation>显示 %1 条，引擎丢弃了 %2 条</translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>显示 %1 条</translation>
    </message>
</context>
<context>
    <name>FilterField</name>
    <message>
        <source>Filter…</source>
        <translation>过滤…</translation>
    </message>
</context>
<context>
    <name>HttpView</name>
    <message>
        <source>HTTP routes</source>
        <translation>HTTP 路由</translation>
    </message>
    <message>
        <source>WebSocket sessions: %1</source>
        <translation>WebSocket 会话：%1</translation>
    </message>
    <message>
        <source>This source reports no HTTP server.</source>
        <translation>此数据源没有报告 HTTP 服务器。</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
</context>
<context>
    <name>InspectorView</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Connections (%1)</source>
        <translation>连接（%1）</translation>
    </message>
    <message>
        <source>Load balancing</source>
        <translation>负载均衡</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>繁忙</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
</context>
<context>
    <name>LoopView</name>
    <message>
        <source>Loop %1</source>
        <translation>事件循环 %1</translation>
    </message>
    <message>
        <source>%1 · thread %2</source>
        <translation>%1 · 线程 %2</translation>
    </message>
    <message>
        <source>connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>入 %1</translation>
    </message>
    <message>
        <source>out %1</source>
        <translation>出 %1</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>繁忙</translation>
    </message>
    <message>
        <source>accepts</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>stalls</source>
        <translation>卡顿</translation>
    </message>
    <message>
        <source>reads</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>buffered</source>
        <translation>已缓冲</translation>
    </message>
    <message>
        <source>%1 in · %2 out</source>
        <translation>入 %1 · 出 %2</translation>
    </message>
    <message>
        <source>No engine attached</source>
        <translation>未连接引擎</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>qgnet inspector — demo engine %1</source>
        <translation>qgnet 检查器 — 演示引擎 %1</translation>
    </message>
    <message>
        <source>qgnet inspector — %1</source>
        <translation>qgnet 检查器 — %1</translation>
    </message>
    <message>
        <source>Remote: %1</source>
        <translation>远程：%1</translation>
    </message>
    <message>
        <source>Attached to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <source>Attaching to %1…</source>
        <translation>正在连接到 %1…</translation>
    </message>
    <message>
        <source>The demo engine did not start: %1</source>
        <translation>演示引擎未能启动：%1</translation>
    </message>
    <message>
        <source>Demo engine listening on %1</source>
        <translation>演示引擎正在监听 %1</translation>
    </message>
    <message>
        <source>Demo engine listening on %1; statistics served on %2</source>
        <translation>演示引擎正在监听 %1；统计数据在 %2 提供</translation>
    </message>
    <message>
        <source>Cannot serve statistics: %1</source>
        <translation>无法提供统计数据：%1</translation>
    </message>
    <message>
        <source>inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Demo engine</source>
        <translation>演示引擎</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>unix:/path or tcp://127.0.0.1:port</source>
        <translation>unix:/路径 或 tcp://127.0.0.1:端口</translation>
    </message>
    <message>
        <source>token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Reattach</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>no source</source>
        <translation>无数据源</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Snapshot as JSON…</source>
        <translation>快照导出为 JSON…</translation>
    </message>
    <message>
        <source>Loops as CSV…</source>
        <translation>事件循环导出为 CSV…</translation>
    </message>
    <message>
        <source>Connections as CSV…</source>
        <translation>连接导出为 CSV…</translation>
    </message>
    <message>
        <source>Decisions as CSV…</source>
        <translation>决策导出为 CSV…</translation>
    </message>
    <message>
        <source>Events as CSV…</source>
        <translation>事件导出为 CSV…</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>The statistics endpoint cannot accept inspectors: %1 (retrying)</source>
        <translation>统计端点无法接受检查器连接：%1（正在重试）</translation>
    </message>
    <message>
        <source>The statistics endpoint accepts inspectors again</source>
        <translation>统计端点已恢复接受检查器连接</translation>
    </message>
</context>
<context>
    <name>RateChart</name>
    <message>
        <source>loop %1</source>
        <translation>事件循环 %1</translation>
    </message>
</context>
<context>
    <name>StatusPage</name>
    <message>
        <source>qgnet demo: engine status</source>
        <translation>qgnet 演示：引擎状态</translation>
    </message>
    <message>
        <source>No statistics yet.</source>
        <translation>尚无统计数据。</translation>
    </message>
    <message>
        <source>Open connections</source>
        <translation>打开的连接</translation>
    </message>
    <message>
        <source>Listening on</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>接收字节</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>发送字节</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>Stalls</source>
        <translation>卡顿次数</translation>
    </message>
    <message>
        <source>Statistics as JSON</source>
        <translation>JSON 格式的统计数据</translation>
    </message>
</context>
<context>
    <name>SummaryBar</name>
    <message>
        <source>loops</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source>open connections</source>
        <translation>打开的连接</translation>
    </message>
    <message>
        <source>accepts</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>buffered in / out</source>
        <translation>缓冲 入 / 出</translation>
    </message>
    <message>
        <source>stalls</source>
        <translation>卡顿</translation>
    </message>
    <message>
        <source>datagrams dropped</source>
        <translation>丢弃的数据报</translation>
    </message>
    <message>
        <source>buffered of the memory budget (%1 paused)</source>
        <translation>已缓冲 / 内存预算（暂停 %1 个）</translation>
    </message>
    <message>
        <source>buffered (no memory budget)</source>
        <translation>已缓冲（无内存预算）</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Live view of the event loops, connections and balancing of a qgnet engine.</source>
        <translation>实时查看 qgnet 引擎的事件循环、连接和负载均衡。</translation>
    </message>
    <message>
        <source>Attach to the inspector endpoint at ADDRESS (tcp://host:port or unix:/path).</source>
        <translation>连接到 ADDRESS 处的检查端点（tcp://主机:端口 或 unix:/路径）。</translation>
    </message>
    <message>
        <source>Token for --attach.</source>
        <translation>--attach 使用的令牌。</translation>
    </message>
    <message>
        <source>Start the in-process demo engine (echo server with a small load).</source>
        <translation>启动进程内演示引擎（带少量负载的回显服务器）。</translation>
    </message>
    <message>
        <source>Event loops of the demo engine (default 4).</source>
        <translation>演示引擎的事件循环数（默认 4）。</translation>
    </message>
    <message>
        <source>Load connections of the demo engine (default 16).</source>
        <translation>演示引擎的负载连接数（默认 16）。</translation>
    </message>
    <message>
        <source>Tab to show first: loops, connections, balancing, buffers, charts or events.</source>
        <translation>首先显示的标签页：loops、connections、balancing、buffers、charts 或 events。</translation>
    </message>
    <message>
        <source>User interface language, e.g. zh_CN or en (default: the system&apos;s).</source>
        <translation>界面语言，例如 zh_CN 或 en（默认使用系统语言）。</translation>
    </message>
    <message>
        <source>Save a PNG of the window to FILE and exit.</source>
        <translation>将窗口截图保存为 PNG 文件 FILE 后退出。</translation>
    </message>
    <message>
        <source>Seconds to run before --screenshot (default 3).</source>
        <translation>执行 --screenshot 之前运行的秒数（默认 3）。</translation>
    </message>
    <message>
        <source>Unknown tab: %1</source>
        <translation>未知的标签页：%1</translation>
    </message>
    <message>
        <source>A Qt application with an embedded qgnet server: an echo service, an HTTP status page, a built-in load and the inspector&apos;s views.</source>
        <translation>内嵌 qgnet 服务器的 Qt 应用：回显服务、HTTP 状态页、内置负载以及检查器视图。</translation>
    </message>
    <message>
        <source>Echo listener (default tcp://127.0.0.1:9000).</source>
        <translation>回显服务监听地址（默认 tcp://127.0.0.1:9000）。</translation>
    </message>
    <message>
        <source>HTTP status page listener (default tcp://127.0.0.1:9080).</source>
        <translation>HTTP 状态页监听地址（默认 tcp://127.0.0.1:9080）。</translation>
    </message>
    <message>
        <source>Event loops (default 4).</source>
        <translation>事件循环数（默认 4）。</translation>
    </message>
    <message>
        <source>Connections of the built-in load generator, 0 for none (default 16).</source>
        <translation>内置负载生成器的连接数，0 表示不启用（默认 16）。</translation>
    </message>
    <message>
        <source>Serve statistics to qgnet-inspector at ADDRESS (tcp://127.0.0.1:port or unix:/path).</source>
        <translation>在 ADDRESS 处向 qgnet-inspector 提供统计数据（tcp://127.0.0.1:端口 或 unix:/路径）。</translation>
    </message>
    <message>
        <source>Inspector tab to show first: loops, connections, balancing, buffers, charts or events.</source>
        <translation>首先显示的检查器标签页：loops、connections、balancing、buffers、charts 或 events。</translation>
    </message>
    <message>
        <source>--load needs a number, 0 or more</source>
        <translation>--load 需要一个大于或等于 0 的数</translation>
    </message>
    <message>
        <source>cannot start the server: %1</source>
        <translation>无法启动服务器：%1</translation>
    </message>
    <message>
        <source>cannot serve the inspector: %1</source>
        <translation>无法提供检查端点：%1</translation>
    </message>
    <message>
        <source>echo on %1, status page on %2</source>
        <translation>回显服务位于 %1，状态页位于 %2</translation>
    </message>
    <message>
        <source>inspector endpoint on %1</source>
        <translation>检查端点位于 %1</translation>
    </message>
    <message>
        <source>Serve the demo engine&apos;s statistics at ADDRESS for other inspectors (with --token).</source>
        <translation>在 ADDRESS 处为其他检查器提供演示引擎的统计数据（需配合 --token）。</translation>
    </message>
    <message>
        <source>Most load connections of the demo engine (default 40).</source>
        <translation>演示引擎的最大负载连接数（默认 40）。</translation>
    </message>
    <message>
        <source>--after needs a number of seconds, 0 or more</source>
        <translation>--after 需要一个大于或等于 0 的秒数</translation>
    </message>
    <message>
        <source>--loops needs a number from 1 to 256</source>
        <translation>--loops 需要 1 到 256 之间的数</translation>
    </message>
    <message>
        <source>--connections needs a number from 0 to 10000</source>
        <translation>--connections 需要 0 到 10000 之间的数</translation>
    </message>
    <message>
        <source>--attach and --demo exclude each other</source>
        <translation>--attach 与 --demo 不能同时使用</translation>
    </message>
    <message>
        <source>I/O backend of the server&apos;s loops: epoll or io_uring (default epoll).</source>
        <translation>服务器事件循环的 I/O 后端：epoll 或 io_uring（默认 epoll）。</translation>
    </message>
    <message>
        <source>--backend must be epoll or io_uring</source>
        <translation>--backend 必须是 epoll 或 io_uring</translation>
    </message>
    <message>
        <source>Token an inspector must present, at least 16 bytes (default with --inspect: a random one, printed).</source>
        <translation>检查器必须提供的令牌，至少 16 字节（使用 --inspect 时默认随机生成并打印）。</translation>
    </message>
    <message>
        <source>inspector token: %1</source>
        <translation>检查端点令牌：%1</translation>
    </message>
    <message>
        <source>cannot handle SIGINT and SIGTERM: %1</source>
        <translation>无法处理 SIGINT 和 SIGTERM：%1</translation>
    </message>
    <message>
        <source>Visible to every user in ps: prefer --token-file or QGNET_INSPECTOR_TOKEN.</source>
        <translation>在 ps 中对所有用户可见：请优先使用 --token-file 或 QGNET_INSPECTOR_TOKEN。</translation>
    </message>
    <message>
        <source>Read the inspector token from the first line of FILE (or set QGNET_INSPECTOR_TOKEN).</source>
        <translation>从 FILE 的第一行读取检查端点令牌（或设置 QGNET_INSPECTOR_TOKEN）。</translation>
    </message>
    <message>
        <source>give --token or --token-file, not both</source>
        <translation>请只给出 --token 或 --token-file 中的一个</translation>
    </message>
    <message>
        <source>cannot read the token file %1: %2</source>
        <translation>无法读取令牌文件 %1：%2</translation>
    </message>
    <message>
        <source>the token file %1 is empty</source>
        <translation>令牌文件 %1 为空</translation>
    </message>
    <message>
        <source>warning: --token shows the token to every user of this machine (ps, /proc/PID/cmdline); use --token-file FILE or QGNET_INSPECTOR_TOKEN instead</source>
        <translation>警告：--token 会让本机的所有用户看到令牌（ps、/proc/PID/cmdline）；请改用 --token-file FILE 或 QGNET_INSPECTOR_TOKEN</translation>
    </message>
    <message>
        <source>the token from %1 has %2 bytes; it needs at least %3</source>
        <translation>来自 %1 的令牌只有 %2 字节；至少需要 %3 字节</translation>
    </message>
    <message>
        <source>--attach and --serve need a token (--token-file FILE, QGNET_INSPECTOR_TOKEN or --token)</source>
        <translation>--attach 和 --serve 需要令牌（--token-file FILE、QGNET_INSPECTOR_TOKEN 或 --token）</translation>
    </message>
    <message>
        <source>Tab to show first: overview, connections, balancing, events, http.</source>
        <translation>首先显示的标签页：overview、connections、balancing、events、http。</translation>
    </message>
</context>
<context>
    <name>qgnet</name>
    <message>
        <source>frame length %1 is out of range (1..%2)</source>
        <translation>帧长度 %1 超出范围（1..%2）</translation>
    </message>
    <message>
        <source>frame is not valid CBOR: %1</source>
        <translation>帧不是有效的 CBOR：%1</translation>
    </message>
    <message>
        <source>frame is not a CBOR map</source>
        <translation>帧不是 CBOR 映射</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a tcp://host:port address</source>
        <translation>“%1”不是 tcp://主机:端口 格式的地址</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: the host must be an IP address or localhost</source>
        <translation>“%1”：主机必须是 IP 地址或 localhost</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: unknown scheme (use unix: or tcp://)</source>
        <translation>“%1”：未知的协议方案（请使用 unix: 或 tcp://）</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: empty socket path</source>
        <translation>“%1”：套接字路径为空</translation>
    </message>
    <message>
        <source>not a snapshot (no format version)</source>
        <translation>不是快照（缺少格式版本）</translation>
    </message>
    <message>
        <source>snapshot format %1 is not supported (this build reads %2)</source>
        <translation>不支持快照格式 %1（此版本读取 %2）</translation>
    </message>
    <message>
        <source>snapshot field &apos;%1&apos; is not an array</source>
        <translation>快照字段“%1”不是数组</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>draining</source>
        <translation>正在排空</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>round robin</source>
        <translation>轮询</translation>
    </message>
    <message>
        <source>least connections</source>
        <translation>最少连接</translation>
    </message>
    <message>
        <source>source address hash</source>
        <translation>源地址哈希</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>已打开</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>loop index %1 is out of range (0..%2)</source>
        <translation>循环索引 %1 超出范围（0..%2）</translation>
    </message>
    <message>
        <source>connection %1 is on loop %2, which does not exist</source>
        <translation>连接 %1 位于不存在的循环 %2 上</translation>
    </message>
    <message>
        <source>connection id %1 appears more than once</source>
        <translation>连接 ID %1 出现了不止一次</translation>
    </message>
    <message>
        <source>decision %1: chosen loop %2 does not exist</source>
        <translation>决策 %1：所选循环 %2 不存在</translation>
    </message>
    <message>
        <source>decision %1 has %2 loads for %3 loops</source>
        <translation>决策 %1 有 %2 个负载，但只有 %3 个循环</translation>
    </message>
    <message>
        <source>event %1 is on loop %2, which does not exist</source>
        <translation>事件 %1 位于不存在的循环 %2 上</translation>
    </message>
    <message>
        <source>snapshot field &apos;%1&apos; has %2 entries (at most %3)</source>
        <translation>快照字段“%1”有 %2 项（最多 %3 项）</translation>
    </message>
    <message>
        <source>%1: text &apos;%2&apos; is longer than %3</source>
        <translation>%1：文本“%2”长于 %3</translation>
    </message>
    <message>
        <source>%1: address &apos;%2&apos; is longer than a Unix socket path can be (%3 bytes)</source>
        <translation>%1：地址“%2”超过了 Unix 套接字路径的最大长度（%3 字节）</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is out of range</source>
        <translation>%1：“%2”超出范围</translation>
    </message>
    <message>
        <source>a listen URL is longer than %1</source>
        <translation>某个监听 URL 长于 %1</translation>
    </message>
    <message>
        <source>a decision&apos;s loads are not an array of at most %1</source>
        <translation>某个决策的负载不是最多 %1 项的数组</translation>
    </message>
    <message>
        <source>a decision&apos;s load is out of range</source>
        <translation>某个决策的负载超出范围</translation>
    </message>
    <message>
        <source>frame holds more than %1 CBOR items or is nested deeper than %2</source>
        <translation>帧包含超过 %1 个 CBOR 项或嵌套深度超过 %2</translation>
    </message>
</context>
<context>
    <name>qgnet::ConnectionModel</name>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>本端</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Age (s)</source>
        <translation>存活时间（秒）</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>接收字节</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>发送字节</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>入站缓冲</translation>
    </message>
    <message>
        <source>Out (ring)</source>
        <translation>出站（环形）</translation>
    </message>
    <message>
        <source>Out (spilled)</source>
        <translation>出站（溢出）</translation>
    </message>
    <message>
        <source>Out fill %</source>
        <translation>出站填充 %</translation>
    </message>
    <message>
        <source>High-water hits</source>
        <translation>高水位触发次数</translation>
    </message>
</context>
<context>
    <name>qgnet::DecisionModel</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Loads</source>
        <translation>负载</translation>
    </message>
    <message>
        <source>Chosen loop</source>
        <translation>选中的事件循环</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
</context>
<context>
    <name>qgnet::EventModel</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>qgnet::HttpRouteModel</name>
    <message>
        <source>Qt thread</source>
        <translation>Qt 线程</translation>
    </message>
    <message>
        <source>loop threads</source>
        <translation>循环线程</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
</context>
<context>
    <name>qgnet::InspectorEndpoint</name>
    <message>
        <source>no hello within %1 ms</source>
        <translation>%1 毫秒内未收到问候消息</translation>
    </message>
    <message>
        <source>the first message must be a hello</source>
        <translation>第一条消息必须是问候消息</translation>
    </message>
    <message>
        <source>protocol version %1 is not supported (this endpoint speaks %2)</source>
        <translation>不支持协议版本 %1（此端点使用 %2）</translation>
    </message>
    <message>
        <source>wrong token</source>
        <translation>令牌错误</translation>
    </message>
    <message>
        <source>unknown message type &apos;%1&apos;</source>
        <translation>未知的消息类型“%1”</translation>
    </message>
    <message>
        <source>no engine is running</source>
        <translation>没有正在运行的引擎</translation>
    </message>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation>无法在 %1 上监听：%2</translation>
    </message>
    <message>
        <source>%1 is not a loopback address: serving statistics beyond this host needs allowRemote (they name peers and addresses)</source>
        <translation>%1 不是回环地址：向本机以外提供统计数据需要 allowRemote（统计数据包含对端和地址）</translation>
    </message>
    <message>
        <source>too many requests in flight</source>
        <translation>进行中的请求过多</translation>
    </message>
    <message>
        <source>the inspector does not read its answers</source>
        <translation>检查器没有读取它的应答</translation>
    </message>
    <message>
        <source>too many connections are waiting for their hello</source>
        <translation>等待问候消息的连接过多</translation>
    </message>
    <message>
        <source>the token must be at least %1 bytes long (this one has %2)</source>
        <translation>令牌长度至少为 %1 字节（此令牌为 %2 字节）</translation>
    </message>
    <message>
        <source>cannot create a wake-up descriptor: %1</source>
        <translation>无法创建唤醒描述符：%1</translation>
    </message>
    <message>
        <source>the socket path is %1 bytes long; at most %2 fit</source>
        <translation>套接字路径长 %1 字节；最多只能容纳 %2 字节</translation>
    </message>
    <message>
        <source>%1 exists and is not a socket (left as it is)</source>
        <translation>%1 已存在且不是套接字（保持原样）</translation>
    </message>
    <message>
        <source>another process is serving there</source>
        <translation>另一个进程正在该地址提供服务</translation>
    </message>
    <message>
        <source>cannot watch the listening socket</source>
        <translation>无法监视监听套接字</translation>
    </message>
</context>
<context>
    <name>qgnet::LocalStatsFeed</name>
    <message>
        <source>Cannot read the engine&apos;s statistics: %1</source>
        <translation>无法读取引擎的统计数据：%1</translation>
    </message>
    <message>
        <source>Cannot create a wake-up descriptor: %1</source>
        <translation>无法创建唤醒描述符：%1</translation>
    </message>
</context>
<context>
    <name>qgnet::LoopModel</name>
    <message>
        <source>Loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source>Thread</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>Accepts/s</source>
        <translation>接受数/秒</translation>
    </message>
    <message>
        <source>Reads/s</source>
        <translation>读取数/秒</translation>
    </message>
    <message>
        <source>Writes/s</source>
        <translation>写入数/秒</translation>
    </message>
    <message>
        <source>In B/s</source>
        <translation>接收 字节/秒</translation>
    </message>
    <message>
        <source>Out B/s</source>
        <translation>发送 字节/秒</translation>
    </message>
    <message>
        <source>Pending tasks</source>
        <translation>待处理任务</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>Busy %</source>
        <translation>繁忙 %</translation>
    </message>
    <message>
        <source>Stalls</source>
        <translation>卡顿次数</translation>
    </message>
    <message>
        <source>Buffered in</source>
        <translation>入站缓冲量</translation>
    </message>
    <message>
        <source>Buffered out</source>
        <translation>出站缓冲量</translation>
    </message>
</context>
<context>
    <name>qgnet::QtClient</name>
    <message>
        <source>The client could not start</source>
        <translation>客户端无法启动</translation>
    </message>
    <message>
        <source>Cannot create the bridge&apos;s wake-up descriptor: %1</source>
        <translation>无法创建桥接的唤醒描述符：%1</translation>
    </message>
</context>
<context>
    <name>qgnet::QtServer</name>
    <message>
        <source>No listen address set</source>
        <translation>未设置监听地址</translation>
    </message>
    <message>
        <source>Cannot create the bridge&apos;s wake-up descriptor: %1</source>
        <translation>无法创建桥接的唤醒描述符：%1</translation>
    </message>
</context>
<context>
    <name>qgnet::RemoteStatsFeed</name>
    <message>
        <source>The endpoint sent a malformed frame: %1</source>
        <translation>端点发送了格式错误的帧：%1</translation>
    </message>
    <message>
        <source>Refused by the endpoint (%1): %2</source>
        <translation>被端点拒绝（%1）：%2</translation>
    </message>
    <message>
        <source>The endpoint could not take a snapshot (%1): %2</source>
        <translation>端点无法生成快照（%1）：%2</translation>
    </message>
    <message>
        <source>Unreadable snapshot: %1</source>
        <translation>无法读取的快照：%1</translation>
    </message>
    <message>
        <source>The endpoint closed the connection</source>
        <translation>端点关闭了连接</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
</context>
<context>
    <name>qgnet::TableExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>qgnet::demo::DemoWindow</name>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>qgnet demo</source>
        <translation>qgnet 演示</translation>
    </message>
    <message>
        <source>Embedded server</source>
        <translation>内嵌服务器</translation>
    </message>
    <message>
        <source>Echo:</source>
        <translation>回显：</translation>
    </message>
    <message>
        <source>Status page:</source>
        <translation>状态页：</translation>
    </message>
    <message>
        <source>Inspector endpoint:</source>
        <translation>检查端点：</translation>
    </message>
    <message>
        <source>Open connections:</source>
        <translation>打开的连接：</translation>
    </message>
    <message>
        <source>Built-in load</source>
        <translation>内置负载</translation>
    </message>
    <message>
        <source>Run the load generator</source>
        <translation>运行负载生成器</translation>
    </message>
    <message>
        <source>Connections:</source>
        <translation>连接数：</translation>
    </message>
    <message>
        <source>Echoed:</source>
        <translation>已回显：</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Export JSON</source>
        <translation>导出 JSON</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>The load generator could not start</source>
        <translation>负载生成器无法启动</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n inspector(s) attached)</source>
        <translation>
            <numerusform>%1（已连接 %n 个检查器）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 over %n connection(s)</source>
        <translation>
            <numerusform>%1，共 %n 个连接</numerusform>
        </translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>The inspector endpoint accepts inspectors again</source>
        <translation>检查端点已恢复接受检查器连接</translation>
    </message>
    <message>
        <source>The inspector endpoint cannot accept inspectors: %1 (retrying)</source>
        <translation>检查端点无法接受检查器连接：%1（正在重试）</translation>
    </message>
    <message>
        <source>off (start with --inspect ADDRESS --token-file FILE)</source>
        <translation>关闭（使用 --inspect ADDRESS --token-file FILE 启动）</translation>
    </message>
    <message>
        <source>not accepting: %1; retrying</source>
        <translation>无法接受连接：%1；正在重试</translation>
    </message>
</context>
<context>
    <name>qgnet::demo::HttpRoutesView</name>
    <message>
        <source>Status page requests</source>
        <translation>状态页请求</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <source>GUI thread</source>
        <translation>GUI 线程</translation>
    </message>
    <message>
        <source>loop threads</source>
        <translation>循环线程</translation>
    </message>
    <message>
        <source>WebSocket sessions: %1</source>
        <translation>WebSocket 会话：%1</translation>
    </message>
</context>
<context>
    <name>qgnet::inspector</name>
    <message>
        <source>Cannot write the screenshot %1</source>
        <translation>无法写入截图 %1</translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::AttachDialog</name>
    <message>
        <source>Attach to a process</source>
        <translation>连接到进程</translation>
    </message>
    <message>
        <source>Address of the process&apos;s inspector endpoint, as given to its --inspect option, e.g. tcp://127.0.0.1:9100 or unix:/tmp/qgnet.sock</source>
        <translation>进程检查端点的地址，即其 --inspect 选项所给的值，例如 tcp://127.0.0.1:9100 或 unix:/tmp/qgnet.sock</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>令牌：</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>连接</translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::BufferView</name>
    <message>
        <source>Connections by outbound fill (percent of the high-water mark)</source>
        <translation>按出站填充率排序的连接（占高水位的百分比）</translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::DecisionHistogram</name>
    <message>
        <source>Connections per loop</source>
        <translation>各事件循环的连接数</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s)</source>
        <translation>
            <numerusform>%n 次决策</numerusform>
        </translation>
    </message>
    <message>
        <source>dropped: %1</source>
        <translation>已丢弃：%1</translation>
    </message>
    <message>
        <source>No balancing decisions yet (reuse-port engines let the kernel choose)</source>
        <translation>尚无负载均衡决策（端口复用模式的引擎由内核选择）</translation>
    </message>
    <message>
        <source>Loop %1</source>
        <translation>事件循环 %1</translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::DemoEngine</name>
    <message>
        <source>The load generator could not start</source>
        <translation>负载生成器无法启动</translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::DemoLoad</name>
    <message>
        <source>Load generator: %1</source>
        <translation>负载生成器：%1</translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::HttpView</name>
    <message>
        <source>This source reports no HTTP server.</source>
        <translation>此数据源没有报告 HTTP 服务器。</translation>
    </message>
    <message>
        <source>WebSocket sessions: %1</source>
        <translation>WebSocket 会话：%1</translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::InspectorPanel</name>
    <message>
        <source>Loops</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source>All loops</source>
        <translation>全部事件循环</translation>
    </message>
    <message>
        <source>All protocols</source>
        <translation>全部协议</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Filter by peer address</source>
        <translation>按对端地址过滤</translation>
    </message>
    <message>
        <source>Loop:</source>
        <translation>事件循环：</translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation>协议：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Balancing</source>
        <translation>负载均衡</translation>
    </message>
    <message>
        <source>Buffers</source>
        <translation>缓冲区</translation>
    </message>
    <message>
        <source>Bytes received per second</source>
        <translation>每秒接收字节数</translation>
    </message>
    <message>
        <source>Bytes sent per second</source>
        <translation>每秒发送字节数</translation>
    </message>
    <message>
        <source>Reads per second</source>
        <translation>每秒读取次数</translation>
    </message>
    <message>
        <source>Busy (% of wall time)</source>
        <translation>繁忙程度（占实际时间的 %）</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Loop %1</source>
        <translation>事件循环 %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n connection(s)</source>
        <translation>
            <numerusform>%1 / %n 个连接</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no snapshot to export yet</source>
        <translation>尚无可导出的快照</translation>
    </message>
    <message>
        <source>Buffers hold %1 (no memory budget)</source>
        <translation>缓冲区占用 %1（无内存预算）</translation>
    </message>
    <message>
        <source>Buffers hold %1 of the %2 memory budget; reading paused for it: %3, closed for it: %4</source>
        <translation>缓冲区占用 %1，内存预算 %2；因预算暂停读取：%3，因预算关闭：%4</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::InspectorWindow</name>
    <message>
        <source>qgnet inspector</source>
        <translation>qgnet 检查器</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop updating the views; the engine keeps counting</source>
        <translation>停止刷新视图；引擎仍继续计数</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save the table of the current tab as CSV</source>
        <translation>将当前标签页的表格保存为 CSV</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Save the latest snapshot (loops, connections, logs) as JSON</source>
        <translation>将最新快照（事件循环、连接、日志）保存为 JSON</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>连接进程…</translation>
    </message>
    <message>
        <source>Inspect another process through its inspector endpoint</source>
        <translation>通过检查端点检查另一个进程</translation>
    </message>
    <message>
        <source>Start demo engine</source>
        <translation>启动演示引擎</translation>
    </message>
    <message>
        <source>Run an echo engine with a small load in this process and inspect it</source>
        <translation>在本进程中运行带少量负载的回显引擎并检查它</translation>
    </message>
    <message>
        <source>No source: attach to a process or start the demo engine</source>
        <translation>没有数据源：请连接到进程或启动演示引擎</translation>
    </message>
    <message>
        <source>Process at %1</source>
        <translation>位于 %1 的进程</translation>
    </message>
    <message>
        <source>The demo engine could not start: %1</source>
        <translation>演示引擎无法启动：%1</translation>
    </message>
    <message numerus="yes">
        <source>Demo engine on %1 (%n loop(s))</source>
        <translation>
            <numerusform>演示引擎位于 %1（%n 个事件循环）</numerusform>
        </translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>%1 snapshots/s</source>
        <translation>%1 个快照/秒</translation>
    </message>
    <message>
        <source>Export JSON</source>
        <translation>导出 JSON</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Dropped: %1 events, %2 decisions, %3 datagrams</source>
        <translation>已丢弃：%1 个事件，%2 次决策，%3 个数据报</translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::LoopBufferBars</name>
    <message>
        <source>Bytes held in buffers per loop</source>
        <translation>各事件循环缓冲区中的字节数</translation>
    </message>
    <message>
        <source>inbound</source>
        <translation>入站</translation>
    </message>
    <message>
        <source>outbound</source>
        <translation>出站</translation>
    </message>
    <message>
        <source>Loop %1</source>
        <translation>事件循环 %1</translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::RateChart</name>
    <message>
        <source>Loop %1</source>
        <translation>事件循环 %1</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>-%1 s</source>
        <translation>-%1 秒</translation>
    </message>
</context>
<context>
    <name>qgnet::qml::Export</name>
    <message>
        <source>No file name given</source>
        <translation>未指定文件名</translation>
    </message>
</context>
</TS>
