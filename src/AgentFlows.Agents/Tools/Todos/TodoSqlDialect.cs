namespace AgentFlows.Agents.Tools.Todos;

/// <summary>The SQL dialects the relational todo store has scripts for (<c>Tools/Todos/Sql/&lt;dialect&gt;/</c>).</summary>
public enum TodoSqlDialect
{
    /// <summary>SQLite 3.35 or later (RETURNING, partial-index upserts).</summary>
    Sqlite,

    /// <summary>PostgreSQL 12 or later.</summary>
    PostgreSql,
}
