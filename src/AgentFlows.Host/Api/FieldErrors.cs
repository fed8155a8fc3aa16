using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentFlows.Host.Api;

/// <summary>
/// Collects what is wrong with the fields of a request, by field path (<c>plan.steps[1].args</c>), and reads typed
/// values out of a JSON object. A JSON <c>null</c> reads as absent.
/// </summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>Gets a value indicating whether any field is wrong.</summary>
    public bool Any => _errors.Count > 0;

    /// <summary>Tells whether a field already has a fault.</summary>
    /// <param name="field">The field path.</param>
    /// <returns>Whether it has one.</returns>
    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>Records a fault of a field.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="message">What is wrong, as a sentence fragment ("must be a string").</param>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Builds the 400 problem: <c>detail</c> names every field, <c>errors</c> maps each field to its faults.</summary>
    /// <returns>The problem.</returns>
    public ProblemHttpResult ToProblem()
    {
        var detail = string.Join(" ", _errors.Select(e => $"The field '{e.Key}' {string.Join(" and ", e.Value)}."));
        var errors = _errors.ToDictionary(e => e.Key, e => (object?)e.Value.ToArray(), StringComparer.Ordinal);
        return ApiProblems.Create(StatusCodes.Status400BadRequest, ApiProblems.InvalidRequest, "The request has invalid fields", detail, new Dictionary<string, object?> { ["errors"] = errors });
    }

    /// <summary>Reads an optional string.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="name">The property name.</param>
    /// <param name="path">The field path to report.</param>
    /// <param name="maxLength">The longest accepted value.</param>
    /// <returns>The string or null.</returns>
    public string? String(JsonElement obj, string name, string path, int maxLength)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Add(path, $"must be a string, not {Kind(value)}");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            Add(path, $"must be at most {maxLength:N0} characters long");
            return null;
        }

        return text;
    }

    /// <summary>Reads an optional string that must be one of <paramref name="allowed"/> (case-insensitive).</summary>
    /// <param name="obj">The object.</param>
    /// <param name="name">The property name.</param>
    /// <param name="path">The field path to report.</param>
    /// <param name="allowed">The accepted values, lower case.</param>
    /// <returns>The value in lower case, or null.</returns>
    public string? OneOf(JsonElement obj, string name, string path, params string[] allowed)
    {
        var text = String(obj, name, path, 64)?.Trim().ToLowerInvariant();
        if (text is not null && !allowed.Contains(text))
        {
            Add(path, $"must be one of {string.Join(", ", allowed.Select(a => '"' + a + '"'))}");
            return null;
        }

        return text;
    }

    /// <summary>Reads an optional integer in a range.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="name">The property name.</param>
    /// <param name="path">The field path to report.</param>
    /// <param name="min">The smallest accepted value.</param>
    /// <param name="max">The largest accepted value.</param>
    /// <returns>The integer or null.</returns>
    public int? Int(JsonElement obj, string name, string path, int min, int max)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n))
        {
            Add(path, $"must be an integer, not {Kind(value)}");
            return null;
        }

        if (n < min || n > max)
        {
            Add(path, $"must be from {min} to {max}");
            return null;
        }

        return n;
    }

    /// <summary>Reads an optional boolean.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="name">The property name.</param>
    /// <param name="path">The field path to report.</param>
    /// <returns>The boolean or null.</returns>
    public bool? Bool(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Add(path, $"must be true or false, not {Kind(value)}");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>Reads an optional array of strings.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="name">The property name.</param>
    /// <param name="path">The field path to report.</param>
    /// <param name="maxItems">The most items accepted.</param>
    /// <param name="maxLength">The longest accepted item.</param>
    /// <returns>The strings or null.</returns>
    public IReadOnlyList<string>? Strings(JsonElement obj, string name, string path, int maxItems, int maxLength)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Add(path, $"must be an array of strings, not {Kind(value)}");
            return null;
        }

        if (value.GetArrayLength() > maxItems)
        {
            Add(path, $"must have at most {maxItems} items");
            return null;
        }

        var items = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString()!.Length > maxLength)
            {
                Add($"{path}[{i}]", $"must be a string of at most {maxLength} characters");
            }
            else
            {
                items.Add(item.GetString()!);
            }

            i++;
        }

        return items;
    }

    /// <summary>Gets a property that is present and not null.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether it is present.</returns>
    public static bool TryGet(JsonElement obj, string name, out JsonElement value) =>
        obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>Names the kind of a JSON value for messages.</summary>
    /// <param name="value">The value.</param>
    /// <returns>"a number", "an object", ….</returns>
    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
