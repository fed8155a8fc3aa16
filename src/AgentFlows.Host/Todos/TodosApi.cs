using System.Security.Claims;
using System.Text.Json.Nodes;
using AgentFlows.Agents.Tools.Todos;
using AgentFlows.Host.Api;
using AgentFlows.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AgentFlows.Host.Todos;

/// <summary>
/// <c>/api/todos</c>: the todo tool's data, per tenant (the caller's key's). A todo of another tenant, or an id that is
/// not one, is a 404. Reading needs a reader, changing an operator. Bulk completion is all or nothing.
/// </summary>
internal static class TodosApi
{
    public static RouteGroupBuilder MapTodosApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/todos").WithTags("Todos").AddEndpointFilter<ApiExceptionFilter>();
        group.MapGet(string.Empty, ListAsync).RequireAuthorization(AccessPolicies.Reader).WithSummary("Lists todos, newest first, with filters and paging.");
        group.MapPost(string.Empty, CreateAsync).RequireAuthorization(AccessPolicies.Operator).WithSummary("Adds a todo.");
        group.MapPost("complete", CompleteManyAsync).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Completes several todos at once: all of them, or none when any is unknown.");
        group.MapGet("{id}", GetAsync).RequireAuthorization(AccessPolicies.Reader).WithSummary("Gets a todo.");
        group.MapPatch("{id}", PatchAsync).RequireAuthorization(AccessPolicies.Operator).WithSummary("Changes a todo's title, priority, due date, tags or done state.");
        group.MapDelete("{id}", DeleteAsync).RequireAuthorization(AccessPolicies.Operator).WithSummary("Deletes a todo.");
        return group;
    }

    /// <summary>200 <c>{ items, totalCount, continuationToken }</c>; 400 for a bad filter.</summary>
    public static async Task<Results<Ok<TodoList>, ProblemHttpResult>> ListAsync(
        HttpContext http, [FromServices] DbTodoRepository todos, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var search = TodoListQuery.Parse(http.Request, Today(time), errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var page = await todos.SearchAsync(http.User.TenantOf(), search, cancellationToken);
        return TypedResults.Ok(new TodoList(page.Items.Select(t => t.ToJson()).ToList(), page.TotalCount, page.LastId is { } last ? TodoListQuery.EncodeToken(last) : null));
    }

    /// <summary>200 or 404.</summary>
    public static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> GetAsync(
        string id, ClaimsPrincipal user, [FromServices] DbTodoRepository todos, CancellationToken cancellationToken) =>
        await todos.GetAsync(user.TenantOf(), id, cancellationToken) is { } todo ? TypedResults.Ok(todo.ToJson()) : ApiProblems.TodoNotFoundFor(id);

    /// <summary>201 with <c>Location</c>; 400 for a bad field.</summary>
    public static async Task<Results<Created<JsonObject>, ProblemHttpResult>> CreateAsync(
        HttpContext http, [FromServices] DbTodoRepository todos, [FromServices] IOptions<ApiOptions> api, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await RequestJson.ReadAsync(http.Request, api.Value.MaxRequestBodyBytes, cancellationToken);
        var errors = new FieldErrors();
        if (body.Problem is { } invalid)
        {
            return invalid;
        }

        if (TodoBodies.Create(body.Value, Today(time), errors) is not { } draft)
        {
            return errors.ToProblem();
        }

        var todo = await todos.AddAsync(http.User.TenantOf(), draft, cancellationToken);
        return TypedResults.Created("/api/todos/" + todo.Id, todo.ToJson());
    }

    /// <summary>200 with the changed todo; 400 for a bad field; 404 unknown.</summary>
    public static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> PatchAsync(
        string id, HttpContext http, [FromServices] DbTodoRepository todos, [FromServices] IOptions<ApiOptions> api, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await RequestJson.ReadAsync(http.Request, api.Value.MaxRequestBodyBytes, cancellationToken);
        var errors = new FieldErrors();
        if (body.Problem is { } invalid)
        {
            return invalid;
        }

        if (TodoBodies.Patch(body.Value, Today(time), errors) is not { } changes)
        {
            return errors.ToProblem();
        }

        return await todos.UpdateAsync(http.User.TenantOf(), id, changes, cancellationToken) is { } todo ? TypedResults.Ok(todo.ToJson()) : ApiProblems.TodoNotFoundFor(id);
    }

    /// <summary>204 or 404.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, ClaimsPrincipal user, [FromServices] DbTodoRepository todos, CancellationToken cancellationToken) =>
        await todos.DeleteAsync(user.TenantOf(), id, cancellationToken) ? TypedResults.NoContent() : ApiProblems.TodoNotFoundFor(id);

    /// <summary>200 <c>{ items }</c>; 400 for a bad body; 404 naming the unknown ids, and then nothing changed.</summary>
    public static async Task<Results<Ok<TodoList>, ProblemHttpResult>> CompleteManyAsync(
        HttpContext http, [FromServices] DbTodoRepository todos, [FromServices] IOptions<ApiOptions> api, CancellationToken cancellationToken)
    {
        var body = await RequestJson.ReadAsync(http.Request, api.Value.MaxRequestBodyBytes, cancellationToken);
        var errors = new FieldErrors();
        if (body.Problem is { } invalid)
        {
            return invalid;
        }

        if (TodoBodies.Ids(body.Value, errors) is not { } ids)
        {
            return errors.ToProblem();
        }

        var result = await todos.CompleteManyAsync(http.User.TenantOf(), ids, cancellationToken);
        if (result.Missing.Count > 0)
        {
            return ApiProblems.Create(
                StatusCodes.Status404NotFound,
                ApiProblems.TodoNotFound,
                "Todo not found",
                $"No todo has the id {string.Join(", ", result.Missing.Select(m => $"'{m}'"))}; no todo was completed.",
                new Dictionary<string, object?> { ["missing"] = result.Missing });
        }

        return TypedResults.Ok(new TodoList(result.Completed.Select(t => t.ToJson()).ToList(), result.Completed.Count, null));
    }

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}

/// <summary>A page of todos.</summary>
/// <param name="Items">The todos.</param>
/// <param name="TotalCount">How many match in all.</param>
/// <param name="ContinuationToken">The token of the next page; null on the last page.</param>
internal sealed record TodoList(
    [property: System.Text.Json.Serialization.JsonPropertyName("items")] IReadOnlyList<JsonObject> Items,
    [property: System.Text.Json.Serialization.JsonPropertyName("totalCount")] long TotalCount,
    [property: System.Text.Json.Serialization.JsonPropertyName("continuationToken")] string? ContinuationToken);
