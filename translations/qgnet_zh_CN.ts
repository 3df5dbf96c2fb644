<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ActionsView</name>
    <message>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>change the engine at once, after a confirmation</source>
        <translation>确认后立即更改引擎</translation>
    </message>
    <message>
        <source>off: the engine&apos;s side must allow them (qgnet-demo --allow-actions)</source>
        <translation>已关闭：须由引擎一方允许（qgnet-demo --allow-actions）</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
    <message>
        <source>Confirm action</source>
        <translation>确认操作</translation>
    </message>
    <message>
        <source>Sent…</source>
        <translation>已发送…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Connection id</source>
        <translation>连接 ID</translation>
    </message>
    <message>
        <source>Close connection…</source>
        <translation>关闭连接…</translation>
    </message>
    <message>
        <source>Close connection %1 now? Its peer sees the connection end.</source>
        <translation>现在关闭连接 %1？其对端会看到连接结束。</translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation>监听器</translation>
    </message>
    <message>
        <source>Pause accepting…</source>
        <translation>暂停接受连接…</translation>
    </message>
    <message>
        <source>Pause accepting on every listener? New clients wait until accepting resumes.</source>
        <translation>在所有监听器上暂停接受连接？新客户端将等待，直到恢复接受。</translation>
    </message>
    <message>
        <source>Resume accepting…</source>
        <translation>恢复接受连接…</translation>
    </message>
    <message>
        <source>Resume accepting on every listener?</source>
        <translation>在所有监听器上恢复接受连接？</translation>
    </message>
    <message>
        <source>Load balancing</source>
        <translation>负载均衡</translation>
    </message>
    <message>
        <source>Round robin</source>
        <translation>轮询</translation>
    </message>
    <message>
        <source>Least connections</source>
        <translation>最少连接</translation>
    </message>
    <message>
        <source>Source address hash</source>
        <translation>源地址哈希</translation>
    </message>
    <message>
        <source>Apply policy…</source>
        <translation>应用策略…</translation>
    </message>
    <message>
        <source>Change the load balancing policy to %1? It applies to new connections.</source>
        <translation>将负载均衡策略改为 %1？它将作用于新连接。</translation>
    </message>
    <message>
        <source>Output water marks</source>
        <translation>输出水位线</translation>
    </message>
    <message>
        <source>High (KiB)</source>
        <translation>高水位（KiB）</translation>
    </message>
    <message>
        <source>Low (KiB)</source>
        <translation>低水位（KiB）</translation>
    </message>
    <message>
        <source>Apply water marks…</source>
        <translation>应用水位线…</translation>
    </message>
    <message>
        <source>Set the output water marks to %1 KiB (high) and %2 KiB (low) for every connection?</source>
        <translation>将所有连接的输出水位线设为 %1 KiB（高）和 %2 KiB（低）？</translation>
    </message>
</context>
<context>
    <name>BridgeView</name>
    <message>
        <source>Qt bridge</source>
        <translation>Qt 桥接</translation>
    </message>
    <message>
        <source>from the engine&apos;s loops to the Qt thread</source>
        <translation>从引擎的事件循环到 Qt 线程</translation>
    </message>
    <message>
        <source>No bridge figures yet: they come with the first snapshot of a Qt server.</source>
        <translation>尚无桥接数据：它们随 Qt 服务器的第一个快照到来。</translation>
    </message>
</context>
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
    <name>ChartOptions</name>
    <message>
        <source>Logarithmic scale</source>
        <translation>对数刻度</translation>
    </message>
    <message numerus="yes">
        <source>Moving average (%n samples)</source>
        <translation>
            <numerusform>移动平均（%n 个样本）</numerusform>
        </translation>
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
    <message>
        <source>Expression, e.g. loop == 2 &amp;&amp; bytesIn &gt; 1M &amp;&amp; !paused</source>
        <translation>表达式，例如 loop == 2 &amp;&amp; bytesIn &gt; 1M &amp;&amp; !paused</translation>
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
    <name>ErrorList</name>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>none counted</source>
        <translation>未计到错误</translation>
    </message>
    <message>
        <source>%1 in all, %2 now</source>
        <translation>共 %1 个，当前 %2</translation>
    </message>
    <message>
        <source>, %1 not counted by kind</source>
        <translation>，%1 个未按类型计数</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总数</translation>
    </message>
    <message>
        <source>Per second</source>
        <translation>每秒</translation>
    </message>
    <message>
        <source>Last %1 min</source>
        <translation>最近 %1 分钟</translation>
    </message>
    <message>
        <source>Over the last %1 min</source>
        <translation>最近 %1 分钟的分布</translation>
    </message>
    <message>
        <source>Socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>No errors counted</source>
        <translation>未计到错误</translation>
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
    <name>FilterExpression</name>
    <message>
        <source>use &amp;&amp; for “and”</source>
        <translation>“与”请用 &amp;&amp;</translation>
    </message>
    <message>
        <source>use || for “or”</source>
        <translation>“或”请用 ||</translation>
    </message>
    <message>
        <source>use == to compare</source>
        <translation>比较请用 ==</translation>
    </message>
    <message>
        <source>unexpected “%1”</source>
        <translation>意外的“%1”</translation>
    </message>
    <message>
        <source>this quote is never closed</source>
        <translation>此引号没有闭合</translation>
    </message>
    <message>
        <source>“%1” is not a number suffix (K, M, G, T: 1024-based)</source>
        <translation>“%1”不是数字后缀（K、M、G、T：按 1024 进位）</translation>
    </message>
    <message>
        <source>this number is too large</source>
        <translation>此数字太大</translation>
    </message>
    <message>
        <source>the end</source>
        <translation>结尾</translation>
    </message>
    <message>
        <source>this “)” has no “(”</source>
        <translation>此“)”没有对应的“(”</translation>
    </message>
    <message>
        <source>expected &amp;&amp; or || before %1</source>
        <translation>在 %1 之前应为 &amp;&amp; 或 ||</translation>
    </message>
    <message>
        <source>nested deeper than %1 levels</source>
        <translation>嵌套超过 %1 层</translation>
    </message>
    <message>
        <source>empty parentheses</source>
        <translation>空括号</translation>
    </message>
    <message>
        <source>expected “)” for the “(” at column %1, found %2</source>
        <translation>第 %1 列的“(”缺少对应的“)”，却遇到 %2</translation>
    </message>
    <message>
        <source>the expression ends early: expected a field</source>
        <translation>表达式提前结束：应为字段</translation>
    </message>
    <message>
        <source>expected a field, “!” or “(”, found %1</source>
        <translation>应为字段、“!”或“(”，却遇到 %1</translation>
    </message>
    <message>
        <source>unknown field “%1” (fields: %2)</source>
        <translation>未知字段“%1”（可用字段：%2）</translation>
    </message>
    <message>
        <source>“%1” is a number: compare it, e.g. %1 &gt; 0</source>
        <translation>“%1”是数字：请进行比较，例如 %1 &gt; 0</translation>
    </message>
    <message>
        <source>“%1” is text: compare it, e.g. %1 ~ &quot;10.0.&quot;</source>
        <translation>“%1”是文本：请进行比较，例如 %1 ~ &quot;10.0.&quot;</translation>
    </message>
    <message>
        <source>“%1” needs a value, e.g. %1 == %2</source>
        <translation>“%1”需要一个值，例如 %1 == %2</translation>
    </message>
    <message>
        <source>“%1” is a number: use ==, !=, &lt;, &lt;=, &gt; or &gt;=</source>
        <translation>“%1”是数字：请用 ==、!=、&lt;、&lt;=、&gt; 或 &gt;=</translation>
    </message>
    <message>
        <source>“%1” is text: use ==, !=, ~ or !~</source>
        <translation>“%1”是文本：请用 ==、!=、~ 或 !~</translation>
    </message>
    <message>
        <source>“%1” takes == or != only</source>
        <translation>“%1”只能用 == 或 !=</translation>
    </message>
    <message>
        <source>expected a value after “%1”</source>
        <translation>“%1”之后应有一个值</translation>
    </message>
    <message>
        <source>“%1” is a number: expected a number after “%2”, found %3</source>
        <translation>“%1”是数字：“%2”之后应为数字，却遇到 %3</translation>
    </message>
    <message>
        <source>put text in quotes, e.g. %1 ~ &quot;10.0.&quot;</source>
        <translation>文本请加引号，例如 %1 ~ &quot;10.0.&quot;</translation>
    </message>
    <message>
        <source>expected text after “%1”, found %2</source>
        <translation>“%1”之后应为文本，却遇到 %2</translation>
    </message>
    <message>
        <source>“%1” is one of: %2</source>
        <translation>“%1”的取值为以下之一：%2</translation>
    </message>
    <message>
        <source>“%1” is yes or no: compare it with true or false</source>
        <translation>“%1”是是/否字段：请与 true 或 false 比较</translation>
    </message>
    <message>
        <source>longer than %1 characters</source>
        <translation>超过 %1 个字符</translation>
    </message>
    <message>
        <source>Column %1: %2</source>
        <translation>第 %1 列：%2</translation>
    </message>
    <message>
        <source>Filter expression, e.g. loop == 2 &amp;&amp; bytesIn &gt; 1M &amp;&amp; !paused
Fields: %1
Numbers: == != &lt; &lt;= &gt; &gt;=, with K, M, G, T suffixes (1024-based: 1M = 1048576)
Text: == != ~ (contains) !~, in quotes: remote ~ &quot;10.0.&quot;
Combine with &amp;&amp; || ! and parentheses.</source>
        <translation>过滤表达式，例如 loop == 2 &amp;&amp; bytesIn &gt; 1M &amp;&amp; !paused
字段：%1
数字：== != &lt; &lt;= &gt; &gt;=，可带 K、M、G、T 后缀（按 1024 进位：1M = 1048576）
文本：== != ~（包含）!~，加引号：remote ~ &quot;10.0.&quot;
可用 &amp;&amp; || ! 和括号组合。</translation>
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
        <source>Stalls</source>
        <translation>卡顿</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation>监听器</translation>
    </message>
    <message>
        <source>Bridge</source>
        <translation>桥接</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
</context>
<context>
    <name>ListenerTable</name>
    <message>
        <source>Listeners</source>
        <translation>监听器</translation>
    </message>
    <message>
        <source>%1 waiting to be accepted</source>
        <translation>%1 个等待接受</translation>
    </message>
    <message>
        <source>, %1 not accepting now</source>
        <translation>，%1 个当前不接受连接</translation>
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
    <message>
        <source>qgnet inspector — recording %1</source>
        <translation>qgnet 检查器 — 录制 %1</translation>
    </message>
    <message>
        <source>Demo engine on %1</source>
        <translation>演示引擎 %1</translation>
    </message>
    <message>
        <source>Process at %1</source>
        <translation>进程 %1</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>replay</source>
        <translation>回放</translation>
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
    <name>RecordingBar</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Recording the last</source>
        <translation>录制最近</translation>
    </message>
    <message numerus="yes">
        <source>s: %n snapshot(s) held, %1 over %2</source>
        <translation>
            <numerusform>秒：已保存 %n 个快照，%1，跨度 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Save recording…</source>
        <translation>保存录制…</translation>
    </message>
    <message>
        <source>Open recording…</source>
        <translation>打开录制…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>%1 of %2, snapshot %3 of %4</source>
        <translation>%1 / %2，第 %3 个快照（共 %4 个）</translation>
    </message>
</context>
<context>
    <name>Recordings</name>
    <message numerus="yes">
        <source>Replaying %1 (%n snapshot(s))</source>
        <translation>
            <numerusform>正在回放 %1（%n 个快照）</numerusform>
        </translation>
    </message>
    <message>
        <source>qgnet recordings (*.qgnetrec)</source>
        <translation>qgnet 录制文件 (*.qgnetrec)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n snapshot(s) to %1</source>
        <translation>
            <numerusform>已将 %n 个快照保存到 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StallLog</name>
    <message>
        <source>Stalls</source>
        <translation>卡顿</translation>
    </message>
    <message>
        <source>%1, %2 dropped by the engine</source>
        <translation>%1，引擎丢弃 %2 条</translation>
    </message>
    <message numerus="yes">
        <source>%n iteration(s) over %1 ms</source>
        <translation>
            <numerusform>%n 次迭代超过 %1 毫秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n iteration(s) over the threshold</source>
        <translation>
            <numerusform>%n 次迭代超过阈值</numerusform>
        </translation>
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
    <name>TimelineView</name>
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
    <message>
        <source>#%1  %2</source>
        <translation>#%1  %2</translation>
    </message>
    <message>
        <source>No connections</source>
        <translation>没有连接</translation>
    </message>
    <message>
        <source>Timeline of connection %1</source>
        <translation>连接 %1 的时间线</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Choose a connection: only the one shown is recorded</source>
        <translation>请选择一个连接：只有显示的连接会被记录</translation>
    </message>
    <message>
        <source>waiting for its timeline…</source>
        <translation>正在等待其时间线…</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>%1 in, %2 out since watching began</source>
        <translation>自开始观察以来接收 %1，发送 %2</translation>
    </message>
    <message>
        <source>%1 older entries dropped</source>
        <translation>已丢弃 %1 条较早的记录</translation>
    </message>
</context>
<context>
    <name>TlsDetails</name>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Select a connection to see its TLS session.</source>
        <translation>选择一个连接以查看其 TLS 会话。</translation>
    </message>
    <message>
        <source>The selected connection is gone.</source>
        <translation>所选连接已关闭。</translation>
    </message>
    <message>
        <source>The selected connection is not encrypted (no TLS).</source>
        <translation>所选连接未加密（无 TLS）。</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Cipher</source>
        <translation>加密套件</translation>
    </message>
    <message>
        <source>ALPN</source>
        <translation>ALPN</translation>
    </message>
    <message>
        <source>SNI</source>
        <translation>SNI</translation>
    </message>
    <message>
        <source>Peer certificate</source>
        <translation>对端证书</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期时间</translation>
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
        <source>Tab to show first: overview, connections, balancing or events.</source>
        <translation type="vanished">首先显示的标签页：overview、connections、balancing 或 events。</translation>
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
        <source>Replay the recording FILE (saved with File &gt; Save recording).</source>
        <translation>回放录制文件 FILE（用“文件 &gt; 保存录制”保存）。</translation>
    </message>
    <message>
        <source>Let inspectors (the docked one, and with --inspect attached ones) close connections, pause accepting and change the balancing policy or water marks, each after a confirmation.</source>
        <translation>允许检查器（停靠的检查器，以及使用 --inspect 时连接进来的检查器）关闭连接、暂停接受连接、更改负载均衡策略或水位线，每项操作都需先确认。</translation>
    </message>
    <message>
        <source>Replay the recording FILE (saved with Save recording).</source>
        <translation>回放录制文件 FILE（用“保存录制”保存）。</translation>
    </message>
    <message>
        <source>Tab to show first: overview, connections, balancing, events, timeline, http.</source>
        <translation>首先显示的标签页：overview、connections、balancing、events、timeline、http。</translation>
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
    <message>
        <source>stall %1 is on loop %2, which does not exist</source>
        <translation>卡顿 %1 位于不存在的事件循环 %2</translation>
    </message>
    <message>
        <source>(spread over callbacks)</source>
        <extracomment>A stalled loop iteration in which no single callback ran for a measurable time.</extracomment>
        <translation>（分散于多个回调）</translation>
    </message>
    <message>
        <source>task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>timer</source>
        <translation>定时器</translation>
    </message>
    <message>
        <source>TLS handshake</source>
        <translation>TLS 握手</translation>
    </message>
    <message>
        <source>the file has %1 bytes; a recording has at most %2</source>
        <translation>文件有 %1 字节；录制文件最多 %2 字节</translation>
    </message>
    <message>
        <source>the file is truncated before its version</source>
        <translation>文件在版本号之前被截断</translation>
    </message>
    <message>
        <source>not a qgnet recording</source>
        <translation>不是 qgnet 录制文件</translation>
    </message>
    <message>
        <source>recording format %1 is not supported (this build reads 1 to %2)</source>
        <translation>不支持录制格式 %1（此版本可读取 1 至 %2）</translation>
    </message>
    <message>
        <source>the file is truncated in %1</source>
        <translation>文件在%1处被截断</translation>
    </message>
    <message>
        <source>the header</source>
        <translation>文件头</translation>
    </message>
    <message>
        <source>not a qgnet recording (the header&apos;s type is not &apos;%1&apos;)</source>
        <translation>不是 qgnet 录制文件（文件头的类型不是“%1”）</translation>
    </message>
    <message>
        <source>the header&apos;s snapshot count is not a number from 0 to %1</source>
        <translation>文件头中的快照数不是 0 到 %1 之间的数</translation>
    </message>
    <message>
        <source>the header&apos;s source is longer than %1</source>
        <translation>文件头中的来源长于 %1</translation>
    </message>
    <message>
        <source>snapshot %1 of %2</source>
        <translation>第 %1 个快照（共 %2 个）</translation>
    </message>
    <message>
        <source>%1: its time is missing or earlier than the one before</source>
        <translation>%1：缺少时间或早于前一个快照</translation>
    </message>
    <message>
        <source>%1: droppedDatagrams is not a count</source>
        <translation>%1：droppedDatagrams 不是计数</translation>
    </message>
    <message>
        <source>%1: no snapshot</source>
        <translation>%1：没有快照</translation>
    </message>
    <message>
        <source>%1: the recording holds more than %2 connections and log entries</source>
        <translation>%1：录制中的连接和日志条目超过 %2 个</translation>
    </message>
    <message>
        <source>the file goes on after its last snapshot</source>
        <translation>最后一个快照之后还有多余数据</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 has %2 bytes; a recording has at most %3</source>
        <translation>%1 有 %2 字节；录制文件最多 %3 字节</translation>
    </message>
    <message>
        <source>%1 is not a readable recording: %2</source>
        <translation>%1 不是可读的录制文件：%2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>an error&apos;s name or description is longer than %1</source>
        <translation>错误的名称或描述长于 %1</translation>
    </message>
    <message>
        <source>an error&apos;s code is out of range</source>
        <translation>错误代码超出范围</translation>
    </message>
    <message>
        <source>error %1 appears more than once</source>
        <translation>错误 %1 出现了不止一次</translation>
    </message>
    <message>
        <source>a listener is on loop %1, which does not exist</source>
        <translation>监听器位于不存在的事件循环 %1 上</translation>
    </message>
    <message>
        <source>a listener&apos;s queue or error is out of range</source>
        <translation>监听器的队列或错误值超出范围</translation>
    </message>
    <message>
        <source>snapshot field &apos;timelines&apos; is not an array of at most %1</source>
        <translation>快照字段“timelines”不是最多 %1 项的数组</translation>
    </message>
    <message>
        <source>a timeline&apos;s loop is out of range</source>
        <translation>时间线的循环超出范围</translation>
    </message>
    <message>
        <source>a timeline&apos;s entries are not an array of at most %1</source>
        <translation>时间线的记录不是最多 %1 项的数组</translation>
    </message>
    <message>
        <source>a timeline entry&apos;s text is longer than %1</source>
        <translation>时间线记录的文本超过 %1</translation>
    </message>
    <message>
        <source>a timeline entry&apos;s count is out of range</source>
        <translation>时间线记录的计数超出范围</translation>
    </message>
</context>
<context>
    <name>qgnet::BridgeHealthModel</name>
    <message>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>%1 ns</source>
        <translation>%1 纳秒</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 微秒</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Items waiting for the Qt thread</source>
        <translation>等待 Qt 线程的条目</translation>
    </message>
    <message>
        <source>Bytes waiting for the Qt thread</source>
        <translation>等待 Qt 线程的字节</translation>
    </message>
    <message>
        <source>Datagrams dropped</source>
        <translation>丢弃的数据报</translation>
    </message>
    <message>
        <source>Batches drained</source>
        <translation>已取出的批次</translation>
    </message>
    <message>
        <source>Items delivered</source>
        <translation>已交付的条目</translation>
    </message>
    <message>
        <source>Last batch (items)</source>
        <translation>最近一批（条目）</translation>
    </message>
    <message>
        <source>Average batch (items)</source>
        <translation>平均批次（条目）</translation>
    </message>
    <message>
        <source>Largest batch (items)</source>
        <translation>最大批次（条目）</translation>
    </message>
    <message>
        <source>Last drain latency</source>
        <translation>最近取出延迟</translation>
    </message>
    <message>
        <source>Average drain latency</source>
        <translation>平均取出延迟</translation>
    </message>
    <message>
        <source>Longest drain latency</source>
        <translation>最长取出延迟</translation>
    </message>
    <message>
        <source>Qt thread lag now</source>
        <translation>Qt 线程当前滞后</translation>
    </message>
    <message numerus="yes">
        <source>The Qt thread lags %1 behind the loops; %n item(s) wait for it (%2), %3 datagrams dropped</source>
        <translation>
            <numerusform>Qt 线程落后事件循环 %1；%n 个条目在等待它（%2），已丢弃 %3 个数据报</numerusform>
        </translation>
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
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
</context>
<context>
    <name>qgnet::ConnectionTlsDetails</name>
    <message>
        <source>no certificate</source>
        <translation>无证书</translation>
    </message>
    <message>
        <source>none (qgnet servers do not ask for client certificates)</source>
        <translation>无（qgnet 服务器不要求客户端证书）</translation>
    </message>
    <message numerus="yes">
        <source>%1 (expired %n day(s) ago)</source>
        <translation>
            <numerusform>%1（已过期 %n 天）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (in %n day(s))</source>
        <translation>
            <numerusform>%1（%n 天后到期）</numerusform>
        </translation>
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
    <name>qgnet::ErrorModel</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总数</translation>
    </message>
    <message>
        <source>Per second</source>
        <translation>每秒</translation>
    </message>
    <message>
        <source>Last %1 min</source>
        <translation>最近 %1 分钟</translation>
    </message>
    <message>
        <source>Over time</source>
        <translation>随时间变化</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
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
    <message>
        <source>this endpoint does not allow actions</source>
        <translation>此端点不允许操作</translation>
    </message>
    <message>
        <source>&apos;connection&apos; must be a connection id</source>
        <translation>“connection”必须是连接 ID</translation>
    </message>
</context>
<context>
    <name>qgnet::ListenerModel</name>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source>Reuseport</source>
        <translation>端口复用</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>积压上限</translation>
    </message>
    <message>
        <source>Queue %</source>
        <translation>队列 %</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>Accepts/s</source>
        <translation>接受/秒</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Accept error</source>
        <translation>接受错误</translation>
    </message>
    <message>
        <source>Back-off</source>
        <translation>退避</translation>
    </message>
    <message>
        <source>acceptor</source>
        <translation>接受线程</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>accepting</source>
        <translation>正在接受</translation>
    </message>
    <message>
        <source>backing off</source>
        <translation>正在退避</translation>
    </message>
    <message>
        <source>at connection limit</source>
        <translation>已达连接上限</translation>
    </message>
    <message>
        <source>paused by an action</source>
        <translation>已被操作暂停</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
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
    <message>
        <source>Cannot watch connection %1: %2</source>
        <translation>无法观察连接 %1：%2</translation>
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
    <message>
        <source>The connection to the endpoint was lost</source>
        <translation>与端点的连接已断开</translation>
    </message>
    <message>
        <source>The endpoint cannot watch another connection: %1</source>
        <translation>端点无法再观察一个连接：%1</translation>
    </message>
    <message>
        <source>Not attached to an endpoint</source>
        <translation>未连接到端点</translation>
    </message>
</context>
<context>
    <name>qgnet::StallModel</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source>Iteration (ms)</source>
        <translation>迭代（毫秒）</translation>
    </message>
    <message>
        <source>× threshold</source>
        <translation>× 阈值</translation>
    </message>
    <message>
        <source>Longest callback</source>
        <translation>最长回调</translation>
    </message>
    <message>
        <source>Its time (ms)</source>
        <translation>回调耗时（毫秒）</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
</context>
<context>
    <name>qgnet::StatsFeed</name>
    <message>
        <source>This source does not allow actions</source>
        <translation>此数据源不允许操作</translation>
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
    <name>qgnet::TimelineModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Reads</source>
        <translation>读取次数</translation>
    </message>
    <message>
        <source>Writes</source>
        <translation>写入次数</translation>
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
        <source>Watching began</source>
        <translation>开始观察</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>已打开</translation>
    </message>
    <message>
        <source>TLS handshake done</source>
        <translation>TLS 握手完成</translation>
    </message>
    <message>
        <source>Traffic (100 ms)</source>
        <translation>流量（100 毫秒）</translation>
    </message>
    <message>
        <source>High-water mark reached</source>
        <translation>达到高水位</translation>
    </message>
    <message>
        <source>Low-water mark reached</source>
        <translation>降到低水位</translation>
    </message>
    <message>
        <source>Reading paused</source>
        <translation>读取已暂停</translation>
    </message>
    <message>
        <source>Reading resumed</source>
        <translation>读取已恢复</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>by the application</source>
        <translation>由应用程序</translation>
    </message>
    <message>
        <source>by the memory budget</source>
        <translation>由内存预算</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未给出原因</translation>
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
    <name>qgnet::inspector::ActionsView</name>
    <message>
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <source>Close connection…</source>
        <translation>关闭连接…</translation>
    </message>
    <message>
        <source>Pause accepting…</source>
        <translation>暂停接受连接…</translation>
    </message>
    <message>
        <source>Resume accepting…</source>
        <translation>恢复接受连接…</translation>
    </message>
    <message>
        <source>Apply policy…</source>
        <translation>应用策略…</translation>
    </message>
    <message>
        <source>Apply water marks…</source>
        <translation>应用水位线…</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Connection id (select one in the Connections tab)</source>
        <translation>连接 ID（在“连接”标签页中选择）</translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation>监听器</translation>
    </message>
    <message>
        <source>New connections wait in the kernel&apos;s backlog while accepting is paused.</source>
        <translation>暂停接受期间，新连接在内核的等待队列中等待。</translation>
    </message>
    <message>
        <source>Load balancing</source>
        <translation>负载均衡</translation>
    </message>
    <message>
        <source>Round robin</source>
        <translation>轮询</translation>
    </message>
    <message>
        <source>Least connections</source>
        <translation>最少连接</translation>
    </message>
    <message>
        <source>Source address hash</source>
        <translation>源地址哈希</translation>
    </message>
    <message>
        <source>Output water marks</source>
        <translation>输出水位线</translation>
    </message>
    <message>
        <source>High:</source>
        <translation>高：</translation>
    </message>
    <message>
        <source>Low:</source>
        <translation>低：</translation>
    </message>
    <message>
        <source>Enter the id of the connection to close.</source>
        <translation>请输入要关闭的连接的 ID。</translation>
    </message>
    <message>
        <source>Close connection %1 now? Its peer sees the connection end.</source>
        <translation>现在关闭连接 %1？其对端会看到连接结束。</translation>
    </message>
    <message>
        <source>Pause accepting on every listener? New clients wait until accepting resumes.</source>
        <translation>在所有监听器上暂停接受连接？新客户端将等待，直到恢复接受。</translation>
    </message>
    <message>
        <source>Resume accepting on every listener?</source>
        <translation>在所有监听器上恢复接受连接？</translation>
    </message>
    <message>
        <source>Change the load balancing policy to %1? It applies to new connections.</source>
        <translation>将负载均衡策略改为 %1？它将作用于新连接。</translation>
    </message>
    <message>
        <source>Set the output water marks to %1 KiB (high) and %2 KiB (low) for every connection?</source>
        <translation>将所有连接的输出水位线设为 %1 KiB（高）和 %2 KiB（低）？</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
    <message>
        <source>Actions change the engine at once. Each asks for a confirmation first.</source>
        <translation>操作会立即更改引擎。每项操作都会先请求确认。</translation>
    </message>
    <message>
        <source>Actions are off: the engine&apos;s side must allow them (qgnet-demo --allow-actions, InspectorEndpoint::setActionsAllowed).</source>
        <translation>操作已关闭：须由引擎一方允许（qgnet-demo --allow-actions、InspectorEndpoint::setActionsAllowed）。</translation>
    </message>
    <message>
        <source>Confirm action</source>
        <translation>确认操作</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Sent…</source>
        <translation>已发送…</translation>
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
    <name>qgnet::inspector::BridgeView</name>
    <message>
        <source>No bridge figures yet: they come with the first snapshot of a Qt server.</source>
        <translation>尚无桥接数据：它们随 Qt 服务器的第一个快照到来。</translation>
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
    <name>qgnet::inspector::ChartOptions</name>
    <message>
        <source>Logarithmic scale</source>
        <translation>对数刻度</translation>
    </message>
    <message numerus="yes">
        <source>Moving average (%n samples)</source>
        <translation>
            <numerusform>移动平均（%n 个样本）</numerusform>
        </translation>
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
    <name>qgnet::inspector::ErrorView</name>
    <message>
        <source>No errors counted</source>
        <translation>未计到错误</translation>
    </message>
    <message numerus="yes">
        <source>%1 errors of %n kind(s); %2 per second now; each strip shows the last %3 min</source>
        <translation>
            <numerusform>共 %1 个错误，%n 种；当前每秒 %2 个；每条色带显示最近 %3 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>; %1 more not counted by kind</source>
        <translation>；另有 %1 个未按类型计数</translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::FilterExpressionEdit</name>
    <message>
        <source>Expression, e.g. loop == 2 &amp;&amp; bytesIn &gt; 1M &amp;&amp; !paused</source>
        <translation>表达式，例如 loop == 2 &amp;&amp; bytesIn &gt; 1M &amp;&amp; !paused</translation>
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
        <source>Stalls</source>
        <translation>卡顿</translation>
    </message>
    <message>
        <source>Expression:</source>
        <translation>表达式：</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation>监听器</translation>
    </message>
    <message>
        <source>Bridge</source>
        <translation>桥接</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
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
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Recording %1</source>
        <translation>录制 %1</translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::ListenerView</name>
    <message numerus="yes">
        <source>%n connection(s) waiting to be accepted</source>
        <translation>
            <numerusform>%n 个连接等待接受</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n listener(s) not accepting now</source>
        <translation>
            <numerusform>；%n 个监听器当前不接受连接</numerusform>
        </translation>
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
    <name>qgnet::inspector::RecordingBar</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Open recording…</source>
        <translation>打开录制…</translation>
    </message>
    <message>
        <source>Save recording…</source>
        <translation>保存录制…</translation>
    </message>
    <message>
        <source>Replay a recording saved earlier, without any engine</source>
        <translation>回放之前保存的录制，无需任何引擎</translation>
    </message>
    <message>
        <source>Save the recorded seconds to a file</source>
        <translation>将录制的这几秒保存到文件</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>How many seconds of snapshots are kept for saving</source>
        <translation>保留多少秒的快照以供保存</translation>
    </message>
    <message>
        <source>Recording the last</source>
        <translation>录制最近</translation>
    </message>
    <message>
        <source>Drag to see the engine at any moment of the recording</source>
        <translation>拖动以查看录制中任意时刻的引擎</translation>
    </message>
    <message numerus="yes">
        <source>%n snapshot(s) held, %1 over %2</source>
        <translation>
            <numerusform>已保存 %n 个快照，%1，跨度 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>%1 of %2, snapshot %3 of %4</source>
        <translation>%1 / %2，第 %3 个快照（共 %4 个）</translation>
    </message>
    <message>
        <source>Save recording</source>
        <translation>保存录制</translation>
    </message>
    <message>
        <source>qgnet recordings (%1)</source>
        <translation>qgnet 录制文件 (%1)</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n snapshot(s) to %1</source>
        <translation>
            <numerusform>已将 %n 个快照保存到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Open recording</source>
        <translation>打开录制</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::StallView</name>
    <message>
        <source>Iterations longer than %1 ms (Options::stallThreshold), with the callback that ran longest.</source>
        <translation>耗时超过 %1 毫秒（Options::stallThreshold）的迭代，及其中运行最久的回调。</translation>
    </message>
    <message>
        <source>Iterations longer than the engine&apos;s stall threshold, with the callback that ran longest.</source>
        <translation>耗时超过引擎卡顿阈值的迭代，及其中运行最久的回调。</translation>
    </message>
    <message numerus="yes">
        <source>%n stall(s) shown.</source>
        <translation>
            <numerusform>显示 %n 次卡顿。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lost before they were read.</source>
        <translation>
            <numerusform>%n 条在读取前丢失。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::TimelineView</name>
    <message>
        <source>High-water mark reached</source>
        <translation>达到高水位</translation>
    </message>
    <message>
        <source>Select a connection in the Connections tab to follow its timeline. Only the connection shown here is recorded.</source>
        <translation>在“连接”标签页中选择一个连接以跟踪其时间线。只有此处显示的连接会被记录。</translation>
    </message>
    <message>
        <source>Connection %1</source>
        <translation>连接 %1</translation>
    </message>
    <message>
        <source> with %1</source>
        <translation>，对端 %1</translation>
    </message>
    <message>
        <source> on loop %1</source>
        <translation>，位于循环 %1</translation>
    </message>
    <message>
        <source>waiting for its timeline…</source>
        <translation>正在等待其时间线…</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>%1 in, %2 out since watching began</source>
        <translation>自开始观察以来接收 %1，发送 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n older entries dropped</source>
        <translation>
            <numerusform>已丢弃 %n 条较早的记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qgnet::inspector::TlsDetailsPane</name>
    <message>
        <source>TLS of the selected connection</source>
        <translation>所选连接的 TLS</translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation>协议：</translation>
    </message>
    <message>
        <source>Cipher:</source>
        <translation>加密套件：</translation>
    </message>
    <message>
        <source>ALPN:</source>
        <translation>ALPN：</translation>
    </message>
    <message>
        <source>SNI:</source>
        <translation>SNI：</translation>
    </message>
    <message>
        <source>Peer certificate:</source>
        <translation>对端证书：</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>到期时间：</translation>
    </message>
    <message>
        <source>Select a connection to see its TLS session.</source>
        <translation>选择一个连接以查看其 TLS 会话。</translation>
    </message>
    <message>
        <source>The selected connection is gone.</source>
        <translation>所选连接已关闭。</translation>
    </message>
    <message>
        <source>The selected connection is not encrypted (no TLS).</source>
        <translation>所选连接未加密（无 TLS）。</translation>
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
