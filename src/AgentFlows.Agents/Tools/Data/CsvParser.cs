using System.Text;

namespace AgentFlows.Agents.Tools.Data;

/// <summary>
/// Reads CSV by RFC 4180: fields separated by the delimiter, records by CRLF or LF, fields in double quotes may
/// hold delimiters, line breaks and doubled quotes (""). Blank lines are skipped.
/// </summary>
internal static class CsvParser
{
    public static List<string[]> Parse(string text, char delimiter, int maxRecords)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var atFieldStart = field.Length == 0;
            var c = text[i];
            if (c == '"' && atFieldStart)
            {
                i = ReadQuoted(text, i, field, ref line);
                continue;
            }

            if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                EndRecord(records, fields, field, maxRecords, line);
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 1 : 0;
                line++;
            }
            else
            {
                field.Append(c);
            }

            i++;
        }

        EndRecord(records, fields, field, maxRecords, line);
        return records;
    }

    private static int ReadQuoted(string text, int open, StringBuilder field, ref int line)
    {
        var startLine = line;
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                    continue;
                }

                // Text after the closing quote and before the delimiter is kept, as most readers do.
                return i + 1;
            }

            line += text[i] == '\n' ? 1 : 0;
            field.Append(text[i]);
        }

        throw new DataException($"The CSV has a quoted field opened on line {startLine} that is never closed.");
    }

    private static void EndRecord(List<string[]> records, List<string> fields, StringBuilder field, int maxRecords, int line)
    {
        if (fields.Count == 0 && field.Length == 0)
        {
            return;
        }

        fields.Add(field.ToString());
        field.Clear();
        records.Add([.. fields]);
        fields.Clear();
        if (records.Count > maxRecords)
        {
            throw new DataException($"The CSV has more than {maxRecords - 1:N0} data rows (line {line}), over the row limit.");
        }
    }
}
