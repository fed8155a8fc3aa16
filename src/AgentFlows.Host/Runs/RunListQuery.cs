using System.Globalization;
using System.Text;
using AgentFlows.Host.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentFlows.Host.Runs;

/// <summary>The filters and paging of <c>GET /api/runs</c>.</summary>
internal sealed record RunListQuery
{
    /// <summary>The largest page.</summary>
    public const int MaxTop = 500;

    /// <summary>The run statuses every run has one of.</summary>
    public static readonly string[] StatusNames = ["Pending", "Running", "WaitingForApproval", "Completed", "Failed", "Canceled", "Suspended"];

    /// <summary>Gets the run statuses to include; null for all.</summary>
    public IReadOnlySet<string>? Statuses { get; init; }

    /// <summary>Gets text the prompt contains (case-insensitive).</summary>
    public string? Q { get; init; }

    /// <summary>Gets a tool one of the plan's steps calls.</summary>
    public string? Tool { get; init; }

    /// <summary>Gets the session id.</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets the lower bound on the creation time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Gets the upper bound on the creation time.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Gets the page size.</summary>
    public int Top { get; init; } = 100;

    /// <summary>Gets the position after which the page starts (newest first): the previous page's last run.</summary>
    public (DateTimeOffset CreatedAt, string RunId)? After { get; init; }

    /// <summary>Reads the query string; a bad value is a 400 naming the parameter.</summary>
    /// <param name="request">The request.</param>
    /// <param name="problem">The problem when a value is bad.</param>
    /// <returns>The query, or null with <paramref name="problem"/>.</returns>
    public static RunListQuery? Parse(HttpRequest request, out ProblemHttpResult? problem)
    {
        var errors = new FieldErrors();
        var query = request.Query;
        HashSet<string>? statuses = null;
        if (Text(request, "status") is { } status)
        {
            statuses = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var known = StatusNames.FirstOrDefault(s => s.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (known is null)
                {
                    errors.Add("status", $"has '{name}', which is not one of {string.Join(", ", StatusNames)}");
                }
                else
                {
                    statuses.Add(known);
                }
            }
        }

        var top = 100;
        if (Text(request, "top") is { } topText && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxTop))
        {
            errors.Add("top", $"must be an integer from 1 to {MaxTop}");
        }

        var result = new RunListQuery
        {
            Statuses = statuses,
            Q = Text(request, "q"),
            Tool = Text(request, "tool"),
            SessionId = Text(request, "sessionId"),
            CreatedFrom = Time(request, "createdFrom", errors),
            CreatedTo = Time(request, "createdTo", errors),
            Top = top,
            After = Token(Text(request, "continuationToken"), errors),
        };
        problem = errors.Any ? errors.ToProblem() : null;
        return errors.Any ? null : result;
    }

    /// <summary>Encodes the position after a run.</summary>
    /// <param name="createdAt">The run's creation time.</param>
    /// <param name="runId">The run id.</param>
    /// <returns>The opaque token.</returns>
    public static string EncodeToken(DateTimeOffset createdAt, string runId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + runId));

    private static (DateTimeOffset, string)? Token(string? token, FieldErrors errors)
    {
        if (token is null)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            var ticks = long.Parse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture);
            return (new DateTimeOffset(ticks, TimeSpan.Zero), text[(bar + 1)..]);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            errors.Add("continuationToken", "is not a token this API returned");
            return null;
        }
    }

    private static DateTimeOffset? Time(HttpRequest request, string name, FieldErrors errors)
    {
        if (Text(request, name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        errors.Add(name, "must be a date and time such as 2025-01-31T12:00:00Z");
        return null;
    }

    private static string? Text(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[^1]) ? values[^1]!.Trim() : null;
}
