using System.Globalization;

namespace AgentFlows.Agents.Data;

/// <summary>
/// The embedded SQL of one agent-layer table group in one dialect: numbered migration scripts (<c>001_….sql</c>) and
/// named statements (<c>statements.sql</c>, each introduced by <c>-- name: x</c>). A statement may include another
/// by name as <c>{{x}}</c> (a shared column list or filter), so each piece of SQL is written once.
/// </summary>
internal sealed class SqlScripts
{
    private readonly Dictionary<string, string> _statements;

    private SqlScripts(IReadOnlyList<(int Version, string Script)> migrations, Dictionary<string, string> statements)
    {
        Migrations = migrations;
        _statements = statements;
    }

    /// <summary>Gets the migration scripts in version order.</summary>
    public IReadOnlyList<(int Version, string Script)> Migrations { get; }

    /// <summary>Gets a named statement.</summary>
    /// <param name="name">The statement name.</param>
    /// <returns>The SQL.</returns>
    public string this[string name] => _statements[name];

    /// <summary>Loads the scripts embedded under <paramref name="resourcePrefix"/> (ending in a dot).</summary>
    /// <param name="resourcePrefix">The manifest resource prefix, e.g. <c>AgentFlows.Agents.Todos.Sql.sqlite.</c>.</param>
    /// <param name="what">What the scripts are for, for the error when they are missing.</param>
    /// <returns>The scripts.</returns>
    public static SqlScripts Load(string resourcePrefix, string what)
    {
        var names = typeof(SqlScripts).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal)).ToList();
        var migrations = names
            .Where(n => char.IsAsciiDigit(n[resourcePrefix.Length]))
            .Select(n => (Version: int.Parse(n.AsSpan(resourcePrefix.Length, 3), NumberStyles.None, CultureInfo.InvariantCulture), Script: Read(n)))
            .OrderBy(m => m.Version)
            .ToList();
        if (migrations.Count == 0)
        {
            throw new InvalidOperationException($"The embedded {what} scripts ({resourcePrefix}*) are missing.");
        }

        var statements = Parse(Read(resourcePrefix + "statements.sql"));
        var parts = statements.ToDictionary(kv => "{{" + kv.Key + "}}", kv => kv.Value.TrimEnd(';'), StringComparer.Ordinal);
        foreach (var name in statements.Keys.ToList())
        {
            foreach (var (placeholder, part) in parts)
            {
                statements[name] = statements[name].Replace(placeholder, part, StringComparison.Ordinal);
            }
        }

        return new SqlScripts(migrations, statements);
    }

    private static Dictionary<string, string> Parse(string text)
    {
        var statements = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        var body = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("-- name:", StringComparison.Ordinal))
            {
                Add();
                name = line["-- name:".Length..].Trim();
                body.Clear();
            }
            else if (name is not null && !line.TrimStart().StartsWith("--", StringComparison.Ordinal))
            {
                body.Add(line.TrimEnd('\r'));
            }
        }

        Add();
        return statements;

        void Add()
        {
            if (name is not null)
            {
                statements[name] = string.Join('\n', body).Trim();
            }
        }
    }

    private static string Read(string resource)
    {
        using var stream = typeof(SqlScripts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded script '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
