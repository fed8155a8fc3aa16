using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentFlows.Agents.Tools.Todos;

/// <summary>
/// Due dates as people write them: <c>yyyy-MM-dd</c>, <c>today</c>, <c>tomorrow</c>, a weekday (the next one
/// after today), <c>next &lt;weekday&gt;</c> (the same) and <c>in &lt;n&gt; days|weeks</c>.
/// </summary>
/// <remarks>
/// The planner only normalizes the words, since a plan must not depend on when it was made; the todo activity
/// turns them into a date against its clock when it runs.
/// </remarks>
public static partial class DueDates
{
    /// <summary>The accepted forms, as a regular-expression fragment (used by the planner's grammar).</summary>
    public const string Pattern =
        @"\d{4}-\d{1,2}-\d{1,2}|today|tomorrow|(?:next\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day|in\s+\d{1,4}\s+(?:days?|weeks?)";

    /// <summary>Normalizes a due date: ISO dates to <c>yyyy-MM-dd</c>, words to lower case with single spaces.</summary>
    /// <param name="text">The text.</param>
    /// <param name="normalized">The normalized form.</param>
    /// <returns>Whether the text is a due date.</returns>
    public static bool TryNormalize(string text, out string normalized)
    {
        ArgumentNullException.ThrowIfNull(text);
        normalized = string.Join(' ', text.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (!Whole().IsMatch(normalized))
        {
            return false;
        }

        if (char.IsAsciiDigit(normalized[0]))
        {
            var parts = normalized.Split('-');
            if (!DateOnly.TryParseExact($"{parts[0]}-{parts[1].PadLeft(2, '0')}-{parts[2].PadLeft(2, '0')}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return false;
            }

            normalized = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return true;
    }

    /// <summary>Turns a due date into a date.</summary>
    /// <param name="text">The due date in any accepted form.</param>
    /// <param name="today">Today, from the caller's clock.</param>
    /// <returns>The date.</returns>
    /// <exception cref="FormatException">The text is not a due date.</exception>
    public static DateOnly Resolve(string text, DateOnly today)
    {
        if (!TryNormalize(text, out var due))
        {
            throw new FormatException($"'{text}' is not a due date; use yyyy-MM-dd, today, tomorrow, a weekday or 'in <n> days'.");
        }

        if (char.IsAsciiDigit(due[0]))
        {
            return DateOnly.ParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var words = due.Split(' ');
        return words switch
        {
            ["today"] => today,
            ["tomorrow"] => today.AddDays(1),
            ["in", var n, var unit] => today.AddDays(int.Parse(n, CultureInfo.InvariantCulture) * (unit.StartsWith("week", StringComparison.Ordinal) ? 7 : 1)),
            _ => NextWeekday(today, Enum.Parse<DayOfWeek>(words[^1], ignoreCase: true)),
        };
    }

    private static DateOnly NextWeekday(DateOnly today, DayOfWeek day)
    {
        var ahead = ((int)day - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(ahead == 0 ? 7 : ahead);
    }

    [GeneratedRegex("^(?:" + Pattern + ")$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Whole();
}
