using AgentFlows.Agents.Tools.Todos;
using Microsoft.Data.Sqlite;

namespace AgentFlows.Host.Tests.Todos;

/// <summary>The relational todo store on SQLite: schema, idempotent adds, tenants.</summary>
public sealed class DbTodoRepositoryTests : IDisposable
{
    private readonly TempContentRoot _root = new();
    private readonly System.Data.Common.DbDataSource _dataSource;
    private readonly DbTodoRepository _todos;

    public DbTodoRepositoryTests()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_root.DatabaseFile)!);
        _dataSource = SqliteFactory.Instance.CreateDataSource(_root.ConnectionString + ";Pooling=false");
        _todos = new DbTodoRepository(_dataSource, TodoSqlDialect.Sqlite);
    }

    [Fact]
    public async Task EnsureSchemaAsync_Twice_IsIdempotentAndRecordsTheVersionOnce()
    {
        var first = await _todos.EnsureSchemaAsync();
        var second = await new DbTodoRepository(_dataSource, TodoSqlDialect.Sqlite).EnsureSchemaAsync();

        Assert.Equal(_todos.SchemaVersion, first);
        Assert.Equal(first, second);
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM agent_schema_versions WHERE component = 'todos'";
        Assert.Equal(first, Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AddAsync_SameIdempotencyKey_ReturnsTheFirstTodo()
    {
        var first = await _todos.AddAsync("t1", new TodoDraft("once", "high", null, ["a"], "run-1/step_2"));
        var again = await _todos.AddAsync("t1", new TodoDraft("once", "high", null, ["a"], "run-1/step_2"));

        Assert.Equal(first.ToJson().ToJsonString(), again.ToJson().ToJsonString());
        Assert.Single(await _todos.ListAsync("t1", new TodoQuery()));
    }

    [Fact]
    public async Task Todos_OfAnotherTenant_AreNotFound()
    {
        var mine = await _todos.AddAsync("t1", new TodoDraft("mine", "low", new DateOnly(2030, 1, 2), [], null));

        Assert.Null(await _todos.GetAsync("t2", mine.Id));
        Assert.Null(await _todos.CompleteAsync("t2", mine.Id));
        Assert.False(await _todos.DeleteAsync("t2", mine.Id));
        Assert.Empty(await _todos.ListAsync("t2", new TodoQuery()));
        Assert.Equal(new DateOnly(2030, 1, 2), (await _todos.GetAsync("t1", mine.Id))!.Due);
    }

    [Fact]
    public async Task CompleteAsync_Twice_KeepsTheFirstCompletionTime()
    {
        var todo = await _todos.AddAsync("t1", new TodoDraft("finish", "medium", null, [], null));

        var done = await _todos.CompleteAsync("t1", todo.Id);
        var again = await _todos.CompleteAsync("t1", "#" + todo.Id);

        Assert.True(done!.Done);
        Assert.Equal(done.ToJson().ToJsonString(), again!.ToJson().ToJsonString());
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _root.Dispose();
    }
}
