using System.Globalization;

namespace AgentFlows.Agents.Tools.Todos;

/// <summary>
/// The SQL of one dialect, read from the embedded scripts under <c>Tools/Todos/Sql/&lt;dialect&gt;/</c>: numbered
/// schema scripts (<c>NNN_name.sql</c>, applied in order) and <c>statements.sql</c>, whose statements each start at a
/// <c>-- name: x</c> line.
/// </summary>
internal sealed class TodoSql
{
    private const string ResourcePrefix = "AgentFlows.Agents.Todos.Sql.";
    private static readonly TodoSql _sqlite = Load("sqlite");
    private static readonly TodoSql _postgres = Load("postgres");
    private readonly Dictionary<string, string> _statements;

    private TodoSql(IReadOnlyList<(int Version, string Script)> migrations, Dictionary<string, string> statements)
    {
        Migrations = migrations;
        _statements = statements;
    }

    /// <summary>Gets the schema scripts, oldest first.</summary>
    public IReadOnlyList<(int Version, string Script)> Migrations { get; }

    /// <summary>Gets a named statement.</summary>
    /// <param name="name">The name after <c>-- name:</c>.</param>
    public string this[string name] => _statements[name];

    /// <summary>Gets the SQL of a dialect.</summary>
    /// <param name="dialect">The dialect.</param>
    /// <returns>Its SQL.</returns>
    public static TodoSql For(TodoSqlDialect dialect) => dialect == TodoSqlDialect.PostgreSql ? _postgres : _sqlite;

    private static TodoSql Load(string folder)
    {
        var prefix = ResourcePrefix + folder + ".";
        var names = typeof(TodoSql).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var migrations = names
            .Where(n => char.IsAsciiDigit(n[prefix.Length]))
            .Select(n => (Version: int.Parse(n.AsSpan(prefix.Length, 3), NumberStyles.None, CultureInfo.InvariantCulture), Script: Read(n)))
            .OrderBy(m => m.Version)
            .ToList();
        var statements = Parse(Read(prefix + "statements.sql"));
        foreach (var name in statements.Keys.ToList())
        {
            statements[name] = statements[name].Replace("{{filter}}", statements.GetValueOrDefault("filter") ?? string.Empty, StringComparison.Ordinal);
        }

        return migrations.Count == 0
            ? throw new InvalidOperationException($"The embedded todo schema scripts for {folder} are missing.")
            : new TodoSql(migrations, statements);
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
        using var stream = typeof(TodoSql).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded script '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
