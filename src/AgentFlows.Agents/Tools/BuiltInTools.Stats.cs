using System.Text.Json.Nodes;
using static AgentFlows.Agents.Tools.Schema.JsonSchemas;

namespace AgentFlows.Agents.Tools;

/// <content>The statistics tools.</content>
public static partial class BuiltInTools
{
    private static JsonObject StatsColumns(JsonObject properties)
    {
        properties["path"] = Typed("A CSV file under the data folder, to read columns from.", "string", "object");
        properties["csv"] = String("Inline CSV text, to read columns from.", 1_048_576);
        return properties;
    }

    private static ToolDescriptor Stats(string name, string description, JsonObject properties, JsonArray anyOf) => new(
        name, V1, description, Object(StatsColumns(properties), anyOf), new JsonObject { ["type"] = "object" }, Pure: true, NeedsLlm: false, SideEffects: false);

    private static ToolDescriptor StatsDescribe() => Stats(
        ToolNames.StatsDescribe,
        "Summary statistics: count, mean, sd, min, quartiles (R type 7), max.",
        new JsonObject
        {
            ["values"] = Numbers("The sample.", 1),
            ["column"] = String("The CSV column to describe.", 200),
        },
        [RequiredSet("values", "values"), RequiredSet("column with path or csv", "column")]);

    private static ToolDescriptor StatsTTest() => Stats(
        ToolNames.StatsTTest,
        "Welch's two-sample t-test: t, df and the two-sided p-value.",
        new JsonObject
        {
            ["x"] = Numbers("The first sample.", 2),
            ["y"] = Numbers("The second sample.", 2),
            ["columns"] = ArrayOf("Two CSV columns to compare.", String("A column.", 200), 2),
        },
        [RequiredSet("x and y", "x", "y"), RequiredSet("columns with path or csv", "columns")]);

    private static ToolDescriptor StatsCorrelation() => Stats(
        ToolNames.StatsCorrelation,
        "Pearson correlation: r, the t statistic, df and the two-sided p-value.",
        new JsonObject
        {
            ["x"] = Numbers("The first variable.", 3),
            ["y"] = Numbers("The second variable, paired with x.", 3),
            ["columns"] = ArrayOf("Two CSV columns to correlate.", String("A column.", 200), 2),
        },
        [RequiredSet("x and y", "x", "y"), RequiredSet("columns with path or csv", "columns")]);

    private static ToolDescriptor StatsChiSquare() => Stats(
        ToolNames.StatsChiSquare,
        "Pearson's chi-square test without continuity correction: goodness of fit (observed counts, expected probabilities or counts, uniform by default) or independence (a contingency table, or two CSV columns).",
        new JsonObject
        {
            ["observed"] = Typed("Counts (goodness of fit) or rows of counts (independence).", "array"),
            ["expected"] = Numbers("Expected probabilities or counts for goodness of fit.", 2),
            ["columns"] = ArrayOf("One CSV column (goodness of fit against uniform) or two (independence).", String("A column.", 200), 1),
        },
        [RequiredSet("observed", "observed"), RequiredSet("columns with path or csv", "columns")]);
}
