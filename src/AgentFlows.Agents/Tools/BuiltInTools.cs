using System.Text.Json.Nodes;
using static AgentFlows.Agents.Tools.Schema.JsonSchemas;

namespace AgentFlows.Agents.Tools;

/// <summary>The descriptors of the built-in tools (CONTRACT §4); one partial file per family.</summary>
public static partial class BuiltInTools
{
    private const string V1 = "1.0.0";

    /// <summary>Creates fresh descriptors of every built-in tool.</summary>
    /// <returns>The descriptors, in a stable order.</returns>
    public static IReadOnlyList<ToolDescriptor> Create() =>
    [
        Calculator(), TodoAdd(), TodoList(), TodoComplete(),
        DataProfile(), DataClean(), DataLifecycle(),
        StatsDescribe(), StatsTTest(), StatsChiSquare(), StatsCorrelation(),
        LlmSummarize(), LlmWrite(), Wait(), CodePython(),
    ];

    private static ToolDescriptor Calculator() => new(
        ToolNames.Calculator,
        V1,
        "Evaluates an arithmetic expression with a safe parser: + - * / ^ %, parentheses, sqrt, abs, round, floor, ceil, trigonometry in radians or with a deg/rad suffix, log (base 10), ln, exp, pi, e.",
        Object(new JsonObject { ["expression"] = Typed("The expression, for example \"sqrt(16) + 2^3\".", "string", "number") }, "expression"),
        new JsonObject { ["type"] = "number" },
        Pure: true,
        NeedsLlm: false,
        SideEffects: false);

    private static ToolDescriptor Wait() => new(
        ToolNames.Wait,
        V1,
        "Waits on a durable timer: no thread sleeps and a host restart loses nothing.",
        Object(new JsonObject { ["seconds"] = Number("How long to wait, in seconds (at most 30 days).", 0, 2_592_000) }, "seconds"),
        new JsonObject { ["type"] = "null" },
        Pure: false,
        NeedsLlm: false,
        SideEffects: true);

    private static ToolDescriptor CodePython() => new(
        ToolNames.CodePython,
        V1,
        "Runs Python code inside the sandbox and returns its output, files and resource usage.",
        Object(
            new JsonObject
            {
                ["code"] = String("The Python source.", 100_000),
                ["files"] = ArrayOf("Paths under the data folder made available to the code.", String("A path.", 1024)),
                ["memoryMb"] = Integer("Memory limit in MiB.", 16, 4096),
                ["timeoutSeconds"] = Integer("Wall-clock limit in seconds.", 1, 3600),
            },
            "code"),
        new JsonObject { ["type"] = "object" },
        Pure: false,
        NeedsLlm: false,
        SideEffects: true);
}
