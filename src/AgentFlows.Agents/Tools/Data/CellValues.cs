using System.Globalization;

namespace AgentFlows.Agents.Tools.Data;

/// <summary>How cell text is read: missing markers, and each type's parse and canonical form.</summary>
internal static class CellValues
{
    private static readonly HashSet<string> _missing = new(StringComparer.OrdinalIgnoreCase) { "", "na", "n/a", "null", "none", "nan" };

    private static readonly string[] _dateFormats =
    [
        "yyyy-MM-dd", "yyyy/MM/dd", "yyyy-M-d", "yyyy/M/d",
        "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ssZ",
    ];

    /// <summary>Tells whether a (trimmed) cell means "no value": empty, NA, N/A, null, none or NaN.</summary>
    public static bool IsMissing(string cell) => _missing.Contains(cell.Trim());

    /// <summary>Parses a trimmed, present cell as a type and gives its canonical text.</summary>
    public static bool TryCanonical(string cell, ColumnType type, out string canonical)
    {
        canonical = cell;
        switch (type)
        {
            case ColumnType.Int when TryInt(cell, out var i):
                canonical = i.ToString(CultureInfo.InvariantCulture);
                return true;
            case ColumnType.Float when TryNumber(cell, out var d):
                canonical = d.ToString("R", CultureInfo.InvariantCulture);
                return true;
            case ColumnType.Bool when TryBool(cell, out var b):
                canonical = b ? "true" : "false";
                return true;
            case ColumnType.Date when TryDate(cell, out var date, out var hasTime):
                canonical = date.ToString(hasTime ? "yyyy-MM-ddTHH:mm:ss" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
                return true;
            case ColumnType.String:
                return true;
            default:
                return false;
        }
    }

    /// <summary>Parses a whole number; "3.0" counts, as a float column's whole values do.</summary>
    public static bool TryInt(string cell, out long value)
    {
        value = 0;
        if (long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (TryNumber(cell, out var d) && double.IsInteger(d) && Math.Abs(d) < 9e15 && cell.Contains('.', StringComparison.Ordinal))
        {
            value = (long)d;
            return true;
        }

        return false;
    }

    public static bool TryNumber(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static bool TryBool(string cell, out bool value)
    {
        var lower = cell.ToLowerInvariant();
        value = lower is "true" or "yes";
        return lower is "true" or "false" or "yes" or "no";
    }

    public static bool TryDate(string cell, out DateTime value, out bool hasTime)
    {
        var ok = DateTime.TryParseExact(cell, _dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);
        hasTime = ok && cell.Length > 10;
        return ok;
    }
}
