namespace AgentFlows.Agents.Tools.Data;

/// <summary>Decides whether the first CSV record is a header.</summary>
/// <remarks>
/// Each column votes: when the values below the first record have a type other than string, a first cell that
/// is not of that type votes "header", one that is votes "no header". The majority decides. Without votes (all
/// text columns), the first record is a header when its cells are all present, distinct and not numbers. A file
/// of one record is a header without rows.
/// </remarks>
internal static class HeaderDetector
{
    public static bool Detect(List<string[]> records)
    {
        var first = records[0].Select(c => c.Trim()).ToArray();
        if (records.Count == 1)
        {
            return true;
        }

        int yes = 0, no = 0;
        for (var c = 0; c < first.Length; c++)
        {
            var column = c;
            var below = TypeInference.Infer(records.Skip(1).Select(r => column < r.Length ? r[column] : ""));
            if (below == ColumnType.String || CellValues.IsMissing(first[c]))
            {
                continue;
            }

            if (CellValues.TryCanonical(first[c], below, out _))
            {
                no++;
            }
            else
            {
                yes++;
            }
        }

        if (yes != no)
        {
            return yes > no;
        }

        return first.All(c => c.Length > 0 && !CellValues.TryNumber(c, out _))
            && first.Distinct(StringComparer.Ordinal).Count() == first.Length;
    }
}
