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

    private static ToolDescriptor DataClean() => new(
        ToolNames.DataClean,
        V1,
        "Cleans a CSV: trims, coerces types, removes duplicate rows, imputes missing values (median for numbers, mode otherwise), flags outliers by 1.5 x IQR; writes the cleaned CSV to the data folder and reports every change.",
        Object(CsvSource(), PathOrCsv()),
        new JsonObject { ["type"] = "object" },
        Pure: false,
        NeedsLlm: false,
        SideEffects: true);

    private static ToolDescriptor DataLifecycle()
    {
        var properties = CsvSource();
        properties["maxRounds"] = Integer("The most cleaning rounds to run.", 1, 10);
        properties["checks"] = ArrayOf("Checks that must pass: noNulls, noDuplicates, typesConsistent.", Enum("A check.", "noNulls", "noDuplicates", "typesConsistent"));
        return new(
            ToolNames.DataLifecycle,
            V1,
            "Profiles and cleans a CSV in rounds until its checks pass or the rounds run out.",
            Object(properties, PathOrCsv()),
            new JsonObject { ["type"] = "object" },
            Pure: false,
            NeedsLlm: false,
            SideEffects: true);
    }
}
