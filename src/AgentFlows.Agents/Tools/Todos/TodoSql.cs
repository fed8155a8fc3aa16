using AgentFlows.Agents.Data;

namespace AgentFlows.Agents.Tools.Todos;

/// <summary>The todo store's SQL per dialect (embedded under <c>Tools/Todos/Sql/&lt;dialect&gt;/</c>).</summary>
internal static class TodoSql
{
    private static readonly SqlScripts _sqlite = SqlScripts.Load("AgentFlows.Agents.Todos.Sql.sqlite.", "todo schema");
    private static readonly SqlScripts _postgres = SqlScripts.Load("AgentFlows.Agents.Todos.Sql.postgres.", "todo schema");

    /// <summary>Gets the scripts of a dialect.</summary>
    /// <param name="dialect">The dialect.</param>
    /// <returns>The scripts.</returns>
    public static SqlScripts For(TodoSqlDialect dialect) => dialect == TodoSqlDialect.PostgreSql ? _postgres : _sqlite;
}
