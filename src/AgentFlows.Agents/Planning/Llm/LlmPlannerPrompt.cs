using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Tools;

namespace AgentFlows.Agents.Planning.Llm;

/// <summary>
/// The planner's system prompt: rules, the tool catalogue (name, description, argument schema) and a few examples.
/// It depends only on the registry, so it is the same for every request: the cacheable prefix of every planning call,
/// with the user's request last.
/// </summary>
internal static class LlmPlannerPrompt
{
    /// <summary>JSON as people write it: <c>+</c>, quotes and apostrophes unescaped, so the model reads what it should write.</summary>
    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly (string Request, Plan Plan)[] _examples =
    [
        ("calculate sqrt(16) + 2^3 and add a todo \"buy milk\" priority high", new Plan
        {
            Steps =
            [
                Step("step_1", ToolNames.Calculator, new JsonObject { ["expression"] = "sqrt(16) + 2^3" }),
                Step("step_2", ToolNames.TodoAdd, new JsonObject { ["title"] = "buy milk", ["priority"] = "high" }),
            ],
        }),
        ("profile data sales.csv, then summarize what the profile says in 50 words", new Plan
        {
            Steps =
            [
                Step("step_1", ToolNames.DataProfile, new JsonObject { ["path"] = "sales.csv" }),
                Step("step_2", ToolNames.LlmSummarize, new JsonObject { ["text"] = "{steps.step_1.output}", ["maxWords"] = 50 }, "step_1"),
            ],
        }),
        ("what is 15% of 80? then remind me to check the result tomorrow", new Plan
        {
            Steps =
            [
                Step("step_1", ToolNames.Calculator, new JsonObject { ["expression"] = "80 * 15 / 100" }),
                Step("step_2", ToolNames.TodoAdd, new JsonObject { ["title"] = "check the result {steps.step_1.output}", ["due"] = "tomorrow" }, "step_1"),
            ],
        }),
    ];

    /// <summary>Builds the system prompt.</summary>
    /// <param name="tools">The tools.</param>
    /// <param name="maxSteps">The step limit.</param>
    /// <returns>The prompt.</returns>
    public static string System(ToolRegistry tools, int maxSteps)
    {
        var text = new StringBuilder();
        text.Append("""
            You plan tasks for AgentFlows. Turn the user's request into a plan: a list of steps, each one call of a tool.
            Rules:
            - Use only the tools listed below, with arguments that match the tool's argument schema exactly.
            - "args" is the arguments object written as a JSON string, for example "{\"expression\": \"2 + 2\"}".
            - Number the steps step_1, step_2, ... in order.
            - To use an earlier step's output, write {steps.<id>.output} inside a string argument. Only earlier steps can be referred to.
            - "dependsOn" lists the steps that must finish first (every step referred to, and any step whose effect must come first). Steps that do not depend on each other run in parallel.
            - Keep the plan as small as the request allows, and never longer than
            """);
        text.Append(' ').Append(maxSteps).AppendLine(" steps. Do not invent files, data or todo ids the user did not give.");
        text.AppendLine("- Answer with the plan as JSON only.");
        text.AppendLine().AppendLine("Tools:");
        foreach (var tool in tools.All)
        {
            text.Append("- ").Append(tool.Name).Append(": ").AppendLine(tool.Description);
            text.Append("  arguments schema: ").AppendLine(tool.ArgsSchema.ToJsonString(Json));
        }

        text.AppendLine().AppendLine("Examples:");
        // A registry without some built-in tool drops the examples that use it; a test counts them for the default one.
        var validator = new PlanValidator(tools);
        foreach (var (request, plan) in _examples.Where(e => validator.Validate(e.Plan).Count == 0))
        {
            text.Append("Request: ").AppendLine(request);
            text.Append("Plan: ").AppendLine(ToAnswer(plan));
        }

        return text.ToString();
    }

    /// <summary>Writes a plan in the answer's shape (arguments as JSON strings).</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The JSON text.</returns>
    public static string ToAnswer(Plan plan)
    {
        var steps = new JsonArray();
        foreach (var step in plan.Steps)
        {
            steps.Add(new JsonObject
            {
                ["id"] = step.Id,
                ["tool"] = step.Tool,
                ["args"] = step.Args.ToJsonString(Json),
                ["dependsOn"] = new JsonArray([.. step.DependsOn.Select(d => (JsonNode?)d)]),
            });
        }

        return new JsonObject { ["steps"] = steps }.ToJsonString(Json);
    }

    /// <summary>The message that feeds a rejected plan's problems back.</summary>
    /// <param name="problems">The problems.</param>
    /// <returns>The message.</returns>
    public static string Correction(IReadOnlyList<string> problems) =>
        "That plan is not valid:\n- " + string.Join("\n- ", problems) + "\nAnswer with a corrected plan, as JSON only, under the same schema.";

    private static PlanStep Step(string id, string tool, JsonObject args, params string[] dependsOn) =>
        new() { Id = id, Tool = tool, Args = args, DependsOn = dependsOn };
}
