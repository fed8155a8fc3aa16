using System.Text;

namespace AgentFlows.Agents.Tools.Data;

/// <summary>Writes CSV by RFC 4180: comma-separated, CRLF line ends, fields quoted only when they need it.</summary>
internal static class CsvWriter
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        WriteRecord(text, header);
        foreach (var row in rows)
        {
            WriteRecord(text, row);
        }

        return text.ToString();
    }

    private static void WriteRecord(StringBuilder text, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var field = fields[i];
            var quote = field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (field.Length > 0 && (field[0] == ' ' || field[^1] == ' '));
            text.Append(quote ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field);
        }

        text.Append("\r\n");
    }
}
