using System.CommandLine;

namespace AgentFlows.Cli.Commands;

/// <summary>The options every verb takes: <c>--url</c> and <c>--key</c>, falling back to the environment.</summary>
internal sealed class GlobalOptions
{
    /// <summary>The service address used when neither <c>--url</c> nor <c>AGENTFLOWS_URL</c> is given.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>The environment variable of the service address.</summary>
    public const string UrlVariable = "AGENTFLOWS_URL";

    /// <summary>The environment variable of the API key.</summary>
    public const string KeyVariable = "AGENTFLOWS_KEY";

    private readonly CliContext _context;

    /// <summary>Initializes a new instance of the <see cref="GlobalOptions"/> class.</summary>
    /// <param name="context">The context whose environment supplies the defaults.</param>
    public GlobalOptions(CliContext context)
    {
        _context = context;
        Url = new Option<string?>("--url")
        {
            Description = $"The AgentFlows service address [default: ${UrlVariable}, else {DefaultUrl}]",
            HelpName = "url",
            Recursive = true,
        };
        Url.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !TryParseUrl(result.GetValueOrDefault<string?>(), out _))
            {
                result.AddError($"--url must be an absolute http:// or https:// address, not '{result.GetValueOrDefault<string?>()}'.");
            }
        });

        // No DefaultValueFactory: help would print the key taken from the environment.
        Key = new Option<string?>("--key")
        {
            Description = $"The API key, sent as header x-api-key [default: ${KeyVariable}]",
            HelpName = "key",
            Recursive = true,
        };
    }

    /// <summary>Gets the <c>--url</c> option.</summary>
    public Option<string?> Url { get; }

    /// <summary>Gets the <c>--key</c> option.</summary>
    public Option<string?> Key { get; }

    /// <summary>Gets the service address: <c>--url</c>, else <c>AGENTFLOWS_URL</c>, else the default.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <returns>The address as the user wrote it.</returns>
    public string GetUrl(ParseResult parseResult) =>
        NonEmpty(parseResult.GetValue(Url)) ?? NonEmpty(_context.GetEnvironmentVariable(UrlVariable)) ?? DefaultUrl;

    /// <summary>Gets the API key: <c>--key</c>, else <c>AGENTFLOWS_KEY</c>, else none.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <returns>The key, or <see langword="null"/>.</returns>
    public string? GetKey(ParseResult parseResult) =>
        NonEmpty(parseResult.GetValue(Key)) ?? NonEmpty(_context.GetEnvironmentVariable(KeyVariable));

    /// <summary>Parses a service address.</summary>
    /// <param name="text">The text.</param>
    /// <param name="url">The address when valid.</param>
    /// <returns><see langword="true"/> for an absolute http or https URL.</returns>
    public static bool TryParseUrl(string? text, out Uri url)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps))
        {
            url = parsed;
            return true;
        }

        url = null!;
        return false;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
