using System.Globalization;
using AgentFlows.Agents.Tools.Todos;

namespace AgentFlows.Agents.Lifecycle;

/// <summary>The model registry's embedded SQL of one dialect: numbered migrations and named statements.</summary>
internal sealed class ModelSql
{
    private const string ResourcePrefix = "AgentFlows.Agents.Lifecycle.Sql.";
    private static readonly ModelSql _sqlite = Load("sqlite");
    private static readonly ModelSql _postgres = Load("postgres");
    private readonly Dictionary<string, string> _statements;

    private ModelSql(IReadOnlyList<(int Version, string Script)> migrations, Dictionary<string, string> statements)
    {
        Migrations = migrations;
        _statements = statements;
    }

    public IReadOnlyList<(int Version, string Script)> Migrations { get; }

    public string this[string name] => _statements[name];

    public static ModelSql For(TodoSqlDialect dialect) => dialect == TodoSqlDialect.PostgreSql ? _postgres : _sqlite;

    private static ModelSql Load(string folder)
    {
        var prefix = ResourcePrefix + folder + ".";
        var names = typeof(ModelSql).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var migrations = names
            .Where(n => char.IsAsciiDigit(n[prefix.Length]))
            .Select(n => (Version: int.Parse(n.AsSpan(prefix.Length, 3), NumberStyles.None, CultureInfo.InvariantCulture), Script: Read(n)))
            .OrderBy(m => m.Version)
            .ToList();
        var statements = Parse(Read(prefix + "statements.sql"));
        var columns = statements["columns"].TrimEnd(';');
        foreach (var name in statements.Keys.ToList())
        {
            statements[name] = statements[name].Replace("{{columns}}", columns, StringComparison.Ordinal);
        }

        return migrations.Count == 0
            ? throw new InvalidOperationException($"The embedded model registry scripts for {folder} are missing.")
            : new ModelSql(migrations, statements);
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
        using var stream = typeof(ModelSql).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded script '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
