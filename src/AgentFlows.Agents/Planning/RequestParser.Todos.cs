using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Tools;
using AgentFlows.Agents.Tools.Todos;

namespace AgentFlows.Agents.Planning;

/// <content>
/// The todo requests. Options of <c>add a todo</c> come after the title, in any order, and are read from the end:
/// <c>priority high|medium|low</c> (or <c>high priority</c>), <c>due &lt;date&gt;</c> (see <see cref="DueDates"/>),
/// <c>tag &lt;tag&gt;</c> (repeatable). A word that only looks like an option stays in the title:
/// "review due diligence" has no due date, because "diligence" is not a date.
/// </content>
internal static partial class RequestParser
{
    private static PlannedRequest TodoAdd(string request, string rest)
    {
        string? priority = null;
        string? due = null;
        var tags = new List<string>();
        for (var m = TodoOption().Match(rest); m.Success; m = TodoOption().Match(rest))
        {
            if (m.Groups["p"].Success)
            {
                priority = priority is null ? m.Groups["p"].Value.ToLowerInvariant() : throw new PlanningException(request, "the priority is given more than once");
            }
            else if (m.Groups["due"].Success)
            {
                due = due is null ? Normalize(request, m.Groups["due"].Value) : throw new PlanningException(request, "the due date is given more than once");
            }
            else
            {
                tags.Insert(0, m.Groups["tag"].Value);
            }

            rest = rest[..m.Index];
        }

        var title = Quoting.Unquote(rest.TrimEnd(',', ' '));
        if (title.Length == 0)
        {
            throw new PlanningException(request, "the todo has no title; write it after 'add a todo', quoted if it contains 'then' or 'and <verb>'");
        }

        var args = new JsonObject { ["title"] = title };
        AddIf(args, "priority", priority);
        AddIf(args, "due", due);
        if (tags.Count > 0)
        {
            args["tags"] = new JsonArray(tags.Distinct(StringComparer.Ordinal).Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        }

        return new PlannedRequest(ToolNames.TodoAdd, args);
    }

    private static PlannedRequest TodoList(string request, string state, string rest)
    {
        var args = new JsonObject();
        SetState(request, args, state);
        var text = rest.Trim();
        for (var m = ListOption().Match(text); text.Length > 0 && m.Success; m = ListOption().Match(text))
        {
            if (m.Groups["tag"].Success)
            {
                AddOnce(request, args, "tag", Quoting.Unquote(m.Groups["tag"].Value));
            }
            else if (m.Groups["q"].Success)
            {
                AddOnce(request, args, "q", Quoting.Unquote(m.Groups["q"].Value));
            }
            else
            {
                SetState(request, args, m.Groups["state"].Value);
            }

            text = text[m.Length..].Trim();
        }

        return text.Length == 0
            ? new PlannedRequest(ToolNames.TodoList, args)
            : throw new PlanningException(request, $"'{text}' is not a filter of list todos; use tag <tag>, matching <text>, done or open");
    }

    private static PlannedRequest TodoComplete(string request, string target)
    {
        var value = Quoting.Unquote(target);
        if (value.Length == 0)
        {
            throw new PlanningException(request, "say which todo to complete, by id or title");
        }

        var byId = StepReferences.IsWholeReference(value, out _) || TodoId().IsMatch(value);
        var args = new JsonObject { [byId ? "id" : "title"] = byId ? value.TrimStart('#') : value };
        return new PlannedRequest(ToolNames.TodoComplete, args);
    }

    private static void SetState(string request, JsonObject args, string state)
    {
        if (state.Length > 0)
        {
            AddOnce(request, args, "done", state.ToLowerInvariant() is "done" or "completed" or "finished");
        }
    }

    private static void AddOnce(string request, JsonObject args, string name, JsonNode value)
    {
        if (!args.TryAdd(name, value))
        {
            throw new PlanningException(request, $"the {name} filter is given more than once");
        }
    }

    private static void AddIf(JsonObject args, string name, string? value)
    {
        if (value is not null)
        {
            args[name] = value;
        }
    }

    private static string Normalize(string request, string due) =>
        DueDates.TryNormalize(due, out var normalized) ? normalized : throw new PlanningException(request, $"'{due}' is not a valid date");

    [GeneratedRegex(
        @"(?:^|\s+|,\s*)(?:(?:with\s+)?(?:priority|prio)\s*:?\s*(?<p>high|medium|low)|(?<p>high|medium|low)\s+priority|due\s*(?::|on\b|by\b)?\s*(?<due>" + DueDates.Pattern + @")|(?:tag(?:ged)?|with\s+tag)\s*:?\s*(?<tag>[^\s,""]+))\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        1000)]
    private static partial Regex TodoOption();

    [GeneratedRegex(
        @"^(?:(?:tag(?:ged)?|with\s+tag)\s*:?\s*(?<tag>""[^""]*""|[^\s""]+)|(?:that\s+are\s+)?(?<state>open|pending|done|completed|finished)\b|(?:matching|containing|about|with)\s+(?<q>.+))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline,
        1000)]
    private static partial Regex ListOption();

    [GeneratedRegex(@"^(?:#?\d{1,18}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$", RegexOptions.CultureInvariant)]
    private static partial Regex TodoId();
}
