using System.Globalization;

namespace AgentFlows.Agents.Data;

/// <summary>
/// The embedded SQL of one agent-layer table group in one dialect: numbered migration scripts (<c>001_….sql</c>) and
/// named statements (each introduced by <c>-- name: x</c>): those of every dialect in the group's
/// <c>statements.sql</c>, and what differs in the dialect folder's own <c>statements.sql</c> (which wins on a name in
/// both). A statement may include another by name as <c>{{x}}</c> (a shared column list, a filter, a dialect's
/// function), so each piece of SQL is written once.
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

        // The group's prefix is the dialect's without its last segment ("….Sql.sqlite." → "….Sql.").
        var groupPrefix = resourcePrefix[..(resourcePrefix.LastIndexOf('.', resourcePrefix.Length - 2) + 1)];
        var statements = Parse(Read(groupPrefix + "statements.sql"));
        foreach (var (name, sql) in Parse(Read(resourcePrefix + "statements.sql")))
        {
            statements[name] = sql;
        }

        return new SqlScripts(migrations, Expand(statements));
    }

    /// <summary>Replaces every <c>{{x}}</c> by statement x, to any depth (a filter that includes a dialect's function).</summary>
    private static Dictionary<string, string> Expand(Dictionary<string, string> statements)
    {
        foreach (var name in statements.Keys.ToList())
        {
            for (var depth = 0; statements[name].Contains("{{", StringComparison.Ordinal); depth++)
            {
                if (depth == 8)
                {
                    throw new InvalidOperationException($"The SQL statement '{name}' includes statements more than 8 deep (or itself).");
                }

                foreach (var (part, sql) in statements)
                {
                    statements[name] = statements[name].Replace("{{" + part + "}}", sql.TrimEnd(';'), StringComparison.Ordinal);
                }
            }
        }

        return statements;
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
