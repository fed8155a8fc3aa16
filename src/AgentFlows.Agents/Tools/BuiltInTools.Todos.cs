using System.Text.Json.Nodes;
using static AgentFlows.Agents.Tools.Schema.JsonSchemas;

namespace AgentFlows.Agents.Tools;

/// <content>The todo tools.</content>
public static partial class BuiltInTools
{
    private static JsonObject TodoOutput() => new() { ["type"] = "object" };

    private static ToolDescriptor TodoAdd() => new(
        ToolNames.TodoAdd,
        V1,
        "Adds a todo for the caller's tenant.",
        Object(
            new JsonObject
            {
                ["title"] = String("The title.", 500),
                ["priority"] = Enum("The priority (default medium).", "high", "medium", "low"),
                ["due"] = String("The due date: yyyy-MM-dd, today, tomorrow, a weekday, 'next <weekday>' or 'in <n> days|weeks'.", 40),
                ["tags"] = ArrayOf("Tags.", String("A tag.", 64)),
            },
            "title"),
        TodoOutput(),
        Pure: false,
        NeedsLlm: false,
        SideEffects: true);

    private static ToolDescriptor TodoList() => new(
        ToolNames.TodoList,
        V1,
        "Lists the caller's todos, optionally filtered by text, tag or done state.",
        Object(
            new JsonObject
            {
                ["q"] = String("Text the title must contain.", 200),
                ["tag"] = String("A tag the todo must carry.", 64),
                ["done"] = Boolean("Only done (true) or only open (false) todos."),
            }),
        new JsonObject { ["type"] = "array", ["items"] = TodoOutput() },
        Pure: false,
        NeedsLlm: false,
        SideEffects: false);

    private static ToolDescriptor TodoComplete() => new(
        ToolNames.TodoComplete,
        V1,
        "Marks a todo done, by id or by exact title; an unknown or ambiguous todo fails the step.",
        Object(
            new JsonObject
            {
                ["id"] = Typed("The todo id (or a todo object from an earlier step).", "string", "integer", "object"),
                ["title"] = String("The todo's exact title (case-insensitive).", 500),
            },
            [RequiredSet("id", "id"), RequiredSet("title", "title")]),
        TodoOutput(),
        Pure: false,
        NeedsLlm: false,
        SideEffects: true);
}
