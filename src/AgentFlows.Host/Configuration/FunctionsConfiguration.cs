using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFlows.Host.Configuration;

/// <summary>
/// Reads configuration the way Azure Functions does: host.json under <c>AzureFunctionsJobHost</c>, then
/// local.settings.json <c>Values</c> (copied from local.settings.sample.json on first run), then environment
/// variables (so <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c> overrides host.json), then the command line.
/// </summary>
internal static class FunctionsConfiguration
{
    /// <summary>The configuration section host.json is loaded under.</summary>
    public const string HostSection = "AzureFunctionsJobHost";

    /// <summary>Adds the sources in Azure Functions order.</summary>
    /// <param name="configuration">The configuration manager.</param>
    /// <param name="contentRoot">Where host.json and local.settings.json live.</param>
    /// <param name="args">The command line.</param>
    public static void AddFunctionsSources(this ConfigurationManager configuration, string contentRoot, string[] args)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var hostJson = Path.Combine(contentRoot, "host.json");
        if (File.Exists(hostJson))
        {
            Flatten(ParseFile(hostJson), HostSection, values);
        }

        foreach (var (key, value) in ReadLocalSettings(contentRoot))
        {
            values[key] = value;
        }

        configuration.AddInMemoryCollection(values);
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
    }

    private static IEnumerable<KeyValuePair<string, string?>> ReadLocalSettings(string contentRoot)
    {
        var path = Path.Combine(contentRoot, "local.settings.json");
        var sample = Path.Combine(contentRoot, "local.settings.sample.json");
        if (!File.Exists(path) && File.Exists(sample))
        {
            File.Copy(sample, path);
        }

        if (!File.Exists(path))
        {
            yield break;
        }

        var root = ParseFile(path);
        if (root["IsEncrypted"]?.GetValue<bool>() == true)
        {
            throw new SettingsException("IsEncrypted (local.settings.json)", "true", "false (encrypted local settings are not supported; store secrets in environment variables)");
        }

        if (root["Values"] is JsonObject settings)
        {
            foreach (var (key, value) in settings)
            {
                // As with environment variables, "__" separates sections: AgentFlows__Llm__Endpoint.
                yield return new(key.Replace("__", ":", StringComparison.Ordinal), value?.ToString());
            }
        }

        if (root["ConnectionStrings"] is JsonObject connections)
        {
            foreach (var (key, value) in connections)
            {
                yield return new("ConnectionStrings:" + key, value?.ToString());
            }
        }

        if (root["Host"]?["LocalHttpPort"] is { } port)
        {
            yield return new("Host:LocalHttpPort", port.ToString());
        }
    }

    private static JsonNode ParseFile(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
                ?? new JsonObject();
        }
        catch (JsonException ex)
        {
            throw new SettingsException(Path.GetFileName(path), $"line {ex.LineNumber + 1}", "a valid JSON document (" + ex.Message + ")");
        }
    }

    private static void Flatten(JsonNode? node, string prefix, Dictionary<string, string?> values)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Flatten(child, prefix + ":" + key, values);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], prefix + ":" + i, values);
                }

                break;
            default:
                values[prefix] = node?.ToString();
                break;
        }
    }
}
