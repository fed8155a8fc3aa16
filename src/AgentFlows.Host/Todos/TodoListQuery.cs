using System.Globalization;
using System.Text;
using AgentFlows.Agents.Tools.Todos;
using AgentFlows.Host.Api;

namespace AgentFlows.Host.Todos;

/// <summary>
/// The query of <c>GET /api/todos</c>: <c>q</c>, <c>tag</c>, <c>priority</c>, <c>done</c>, <c>due</c> (a date or
/// <c>today</c>/<c>tomorrow</c>/…, <c>overdue</c>, <c>none</c> or <c>any</c>), <c>dueFrom</c>, <c>dueTo</c>, and
/// paging with <c>top</c> (≤ 500), <c>skip</c> and <c>continuationToken</c>.
/// </summary>
internal static class TodoListQuery
{
    /// <summary>The largest page.</summary>
    public const int MaxTop = 500;

    /// <summary>Reads the query; bad values are named in <paramref name="errors"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="today">Today.</param>
    /// <param name="errors">Collects the faults.</param>
    /// <returns>The search.</returns>
    public static TodoSearch Parse(HttpRequest request, DateOnly today, FieldErrors errors)
    {
        var search = new TodoSearch
        {
            Q = Text(request, "q"),
            Tag = Text(request, "tag"),
            Take = Int(request, "top", 50, 1, MaxTop, errors),
            Skip = Int(request, "skip", 0, 0, int.MaxValue, errors),
            AfterId = Token(Text(request, "continuationToken"), errors),
            DueFrom = Date(request, "dueFrom", today, errors),
            DueTo = Date(request, "dueTo", today, errors),
        };
        if (Text(request, "priority") is { } priority)
        {
            search = search with { Priority = DbTodoRepository.NormalizePriority(priority) };
            if (search.Priority is null)
            {
                errors.Add("priority", "must be high, medium or low");
            }
        }

        if (Text(request, "done") is { } done)
        {
            if (bool.TryParse(done, out var d))
            {
                search = search with { Done = d };
            }
            else
            {
                errors.Add("done", "must be true or false");
            }
        }

        return Text(request, "due")?.ToLowerInvariant() switch
        {
            null => search,
            "none" => search with { HasDue = false },
            "any" => search with { HasDue = true },
            "overdue" => search with { DueTo = today.AddDays(-1), Done = false },
            { } due => Date(due, "due", today, errors) is { } date ? search with { DueFrom = date, DueTo = date } : search,
        };
    }

    /// <summary>Encodes the position after a todo.</summary>
    /// <param name="lastId">The page's last id.</param>
    /// <returns>The opaque token.</returns>
    public static string EncodeToken(long lastId) => Convert.ToBase64String(Encoding.UTF8.GetBytes("todo:" + lastId.ToString(CultureInfo.InvariantCulture)));

    private static long? Token(string? token, FieldErrors errors)
    {
        if (token is null)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("todo:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return id;
            }
        }
        catch (FormatException)
        {
        }

        errors.Add("continuationToken", "is not a token this API returned");
        return null;
    }

    private static DateOnly? Date(HttpRequest request, string name, DateOnly today, FieldErrors errors) =>
        Text(request, name) is { } text ? Date(text, name, today, errors) : null;

    private static DateOnly? Date(string text, string name, DateOnly today, FieldErrors errors)
    {
        try
        {
            return DueDates.Resolve(text, today);
        }
        catch (FormatException)
        {
            errors.Add(name, "must be a date (yyyy-MM-dd, today, tomorrow, a weekday, 'in <n> days')" + (name == "due" ? ", overdue, none or any" : string.Empty));
            return null;
        }
    }

    private static int Int(HttpRequest request, string name, int fallback, int min, int max, FieldErrors errors)
    {
        if (Text(request, name) is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        errors.Add(name, $"must be an integer from {min} to {max}");
        return fallback;
    }

    private static string? Text(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[^1]) ? values[^1]!.Trim() : null;
}
