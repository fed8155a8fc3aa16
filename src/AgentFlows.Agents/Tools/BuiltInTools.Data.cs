using System.Text.Json.Nodes;
using static AgentFlows.Agents.Tools.Schema.JsonSchemas;

namespace AgentFlows.Agents.Tools;

/// <content>The data-cleaning tools.</content>
public static partial class BuiltInTools
{
    private static JsonObject CsvSource() => new()
    {
        ["path"] = Typed("A CSV file under the data folder (or the output of an earlier data step).", "string", "object"),
        ["csv"] = String("Inline CSV text.", 1_048_576),
        ["header"] = Boolean("Whether the first row is a header; detected when absent."),
        ["delimiter"] = Enum("The delimiter; detected among , ; tab | when absent.", ",", ";", "\t", "|"),
    };

    private static JsonArray PathOrCsv() => [RequiredSet("path", "path"), RequiredSet("csv", "csv")];

    private static ToolDescriptor DataProfile() => new(
        ToolNames.DataProfile,
        V1,
        "Profiles a CSV: per column the inferred type (int, float, bool, date, string), nulls, distinct values, min, max and mean.",
        Object(CsvSource(), PathOrCsv()),
        new JsonObject { ["type"] = "object" },
        Pure: true,
        NeedsLlm: false,
        SideEffects: false);

    // 1.1.0: text values that differ only in letter case are unified before duplicates are looked for.
    private const string CaseUnified = "1.1.0";

    private static ToolDescriptor DataClean() => new(
        ToolNames.DataClean,
        CaseUnified,
        "Cleans a CSV: trims, coerces types, unifies letter case of text values, removes duplicate rows, imputes missing values (median for numbers, mode otherwise), flags outliers by 1.5 x IQR; writes the cleaned CSV to the data folder and reports every change.",
        Object(CsvSource(), PathOrCsv()),
        new JsonObject { ["type"] = "object" },
        Pure: false,
        NeedsLlm: false,
        SideEffects: true);

    private static ToolDescriptor DataLifecycle()
    {
        var properties = CsvSource();
        properties["maxRounds"] = Integer("The most cleaning rounds to run (default 3).", 1, 10);
        properties["checks"] = ArrayOf(
            "Checks that must pass (default all but noNulls): noDuplicates, typesConsistent, missingValues, outliersFlagged, rowCount; noNulls is missingValues with none allowed.",
            Enum("A check.", "noDuplicates", "typesConsistent", "missingValues", "outliersFlagged", "rowCount", "noNulls"));
        properties["keyColumns"] = ArrayOf("The columns noDuplicates compares (default the whole row).", String("A column.", 256), 1);
        properties["maxMissingFraction"] = Number("missingValues: the largest fraction of missing values per column (default 0).", 0, 1);
        properties["maxOutlierFraction"] = Number("outliersFlagged: the largest fraction of rows that may be outliers in one column (default no bound).", 0, 1);
        properties["minRows"] = Integer("rowCount: the fewest rows (default 1).", 0, 100_000_000);
        properties["maxRows"] = Integer("rowCount: the most rows.", 0, 100_000_000);
        properties["maxDroppedFraction"] = Number("rowCount: the largest fraction of the source's rows cleaning may drop.", 0, 1);
        properties["operations"] = ArrayOf("Extra operations for round 1, after the built-in cleaning.", Operation());
        return new(
            ToolNames.DataLifecycle,
            CaseUnified,
            "Profiles, plans, cleans and checks a CSV in rounds (a durable sub-orchestration, one checkpoint per step) until its checks pass or the rounds run out; keeps each round's dataset and a report in the run's work folder.",
            Object(properties, PathOrCsv()),
            new JsonObject { ["type"] = "object" },
            Pure: false,
            NeedsLlm: false,
            SideEffects: true);
    }

    private static JsonObject Operation() => Object(
        new JsonObject
        {
            ["kind"] = Enum("The operation.", "clean", "dropDuplicateKeys", "dropColumn", "dropRowsMissing", "renameColumn", "python"),
            ["column"] = String("The column (dropColumn, dropRowsMissing, renameColumn).", 256),
            ["to"] = String("The new name (renameColumn).", 256),
            ["keys"] = ArrayOf("The key columns (dropDuplicateKeys).", String("A column.", 256), 1),
            ["code"] = String("pandas code that changes the DataFrame df (python; runs in the code.python sandbox).", 100_000),
            ["reason"] = String("Why.", 1000),
        },
        "kind");
}
