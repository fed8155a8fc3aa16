using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Tools;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Planning.Llm;

/// <summary>
/// Asks the LLM for a plan as JSON under a strict JSON schema, given the rules, the tool catalogue and a few
/// examples, and validates it exactly like any plan. An invalid plan is asked for once more with the problems fed
/// back; a second invalid plan is an <see cref="LlmPlanRejectedException"/>, on which the caller falls back.
/// </summary>
/// <remarks>Depends only on <see cref="IChatClient"/>: resilience, caching, budgets and audit are the gateway's decorators.</remarks>
public sealed class LlmPlanner
{
    /// <summary>The most output tokens a plan may take.</summary>
    public const int MaxPlanTokens = 4096;

    private readonly IChatClient _chat;
    private readonly PlanValidator _validator;
    private readonly ToolRegistry _tools;
    private readonly int _maxSteps;

    /// <summary>Initializes a new instance of the <see cref="LlmPlanner"/> class.</summary>
    /// <param name="chat">The chat client.</param>
    /// <param name="tools">The tools plans may use; the built-in ones when null.</param>
    /// <param name="options">The plan limits; defaults when null.</param>
    public LlmPlanner(IChatClient chat, ToolRegistry? tools = null, PlanValidatorOptions? options = null)
    {
        _chat = chat ?? throw new ArgumentNullException(nameof(chat));
        _tools = tools ?? ToolRegistry.Default;
        options ??= new PlanValidatorOptions();
        _validator = new PlanValidator(_tools, options);
        _maxSteps = options.MaxSteps;
    }

    /// <summary>Plans a prompt.</summary>
    /// <param name="prompt">The prompt.</param>
    /// <param name="context">Who the call is for.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The valid plan and how many answers it took (1 or 2).</returns>
    /// <exception cref="LlmPlanRejectedException">The second plan was invalid too.</exception>
    public async Task<(Plan Plan, int Attempts)> PlanAsync(string prompt, LlmPlanningContext context, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prompt);
        ArgumentNullException.ThrowIfNull(context);
        var options = context.ApplyTo(new ChatOptions
        {
            Temperature = 0,
            MaxOutputTokens = MaxPlanTokens,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(LlmPlanSchema.For(_tools), LlmPlanSchema.Name, "A plan: tool steps with their arguments and dependencies."),
        });
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, LlmPlannerPrompt.System(_tools, _maxSteps)),
            new(ChatRole.User, prompt),
        };

        IReadOnlyList<string> problems = [];
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var response = await _chat.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            var (plan, found) = Read(response);
            if (plan is not null && found.Count == 0)
            {
                return (plan, attempt);
            }

            problems = found;
            messages.Add(new ChatMessage(ChatRole.Assistant, response.Text));
            messages.Add(new ChatMessage(ChatRole.User, LlmPlannerPrompt.Correction(problems)));
        }

        throw new LlmPlanRejectedException(problems);
    }

    private (Plan? Plan, List<string> Problems) Read(ChatResponse response)
    {
        var problems = new List<string>();
        if (response.FinishReason == ChatFinishReason.Length)
        {
            problems.Add($"The answer was cut off at the output limit of {MaxPlanTokens} tokens; make the plan shorter.");
            return (null, problems);
        }

        var plan = LlmPlanSchema.Parse(response.Text, problems);
        if (plan is not null)
        {
            problems.AddRange(_validator.Validate(plan).Select(p => p.ToString()));
        }

        return (plan, problems);
    }
}
