using System.Text.Json;
using AgentFlows.Agents.Tools.Todos;
using AgentFlows.Host.Api;

namespace AgentFlows.Host.Todos;

/// <summary>Reads the bodies of the todo API, naming every bad field.</summary>
internal static class TodoBodies
{
    private static readonly string[] _priorities = ["high", "medium", "low"];

    /// <summary>Reads <c>{ title, priority?, due?, tags? }</c>.</summary>
    /// <param name="body">The body.</param>
    /// <param name="today">Today, for relative due dates.</param>
    /// <param name="errors">Collects the faults.</param>
    /// <returns>The draft, or null with faults.</returns>
    public static TodoDraft? Create(JsonElement? body, DateOnly today, FieldErrors errors)
    {
        if (!IsObject(body, errors, "{\"title\": \"…\"}"))
        {
            return null;
        }

        var obj = body!.Value;
        var title = errors.String(obj, "title", "title", 500);
        if (string.IsNullOrWhiteSpace(title) && !errors.Has("title"))
        {
            errors.Add("title", "is required (a non-empty string)");
        }

        var priority = errors.OneOf(obj, "priority", "priority", _priorities) ?? "medium";
        var due = Due(obj, today, errors);
        var tags = errors.Strings(obj, "tags", "tags", 50, 64) ?? [];
        return errors.Any ? null : new TodoDraft(title!.Trim(), priority, due, tags, null);
    }

    /// <summary>Reads <c>{ title?, priority?, due? (null clears), tags?, done? }</c>.</summary>
    /// <param name="body">The body.</param>
    /// <param name="today">Today, for relative due dates.</param>
    /// <param name="errors">Collects the faults.</param>
    /// <returns>The changes, or null with faults.</returns>
    public static TodoChanges? Patch(JsonElement? body, DateOnly today, FieldErrors errors)
    {
        if (!IsObject(body, errors, "{\"done\": true}"))
        {
            return null;
        }

        var obj = body!.Value;
        var title = errors.String(obj, "title", "title", 500);
        if (title is not null && string.IsNullOrWhiteSpace(title))
        {
            errors.Add("title", "must not be empty");
        }

        var changes = new TodoChanges
        {
            Title = title,
            Priority = errors.OneOf(obj, "priority", "priority", _priorities),
            SetsDue = obj.TryGetProperty("due", out _),
            Due = Due(obj, today, errors),
            Tags = errors.Strings(obj, "tags", "tags", 50, 64),
            Done = errors.Bool(obj, "done", "done"),
        };
        return errors.Any ? null : changes;
    }

    /// <summary>Reads <c>{ ids: [ … ] }</c>.</summary>
    /// <param name="body">The body.</param>
    /// <param name="errors">Collects the faults.</param>
    /// <returns>The ids, or null with faults.</returns>
    public static IReadOnlyList<string>? Ids(JsonElement? body, FieldErrors errors)
    {
        if (!IsObject(body, errors, "{\"ids\": [\"1\", \"2\"]}"))
        {
            return null;
        }

        var obj = body!.Value;
        var ids = new List<string>();
        if (!FieldErrors.TryGet(obj, "ids", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() is 0 or > 500)
        {
            errors.Add("ids", "is required: an array of 1 to 500 todo ids");
            return null;
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                ids.Add(item.GetString()!);
            }
            else if (item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out var n))
            {
                ids.Add(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                errors.Add($"ids[{i}]", "must be a todo id (a string or an integer)");
            }

            i++;
        }

        return errors.Any ? null : ids;
    }

    private static DateOnly? Due(JsonElement obj, DateOnly today, FieldErrors errors)
    {
        var text = errors.String(obj, "due", "due", 40);
        if (text is null)
        {
            return null;
        }

        try
        {
            return DueDates.Resolve(text, today);
        }
        catch (FormatException ex)
        {
            errors.Add("due", "is not a due date: " + ex.Message.TrimEnd('.'));
            return null;
        }
    }

    private static bool IsObject(JsonElement? body, FieldErrors errors, string example)
    {
        if (body is { ValueKind: JsonValueKind.Object })
        {
            return true;
        }

        errors.Add("body", body is null ? "is required: a JSON object such as " + example : $"must be a JSON object, not {FieldErrors.Kind(body.Value)}");
        return false;
    }
}
