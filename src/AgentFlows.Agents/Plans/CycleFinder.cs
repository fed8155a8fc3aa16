namespace AgentFlows.Agents.Plans;

/// <summary>Finds the dependency cycles of a small graph, one named cycle per strongly connected component.</summary>
internal static class CycleFinder
{
    /// <summary>Finds cycles.</summary>
    /// <param name="edges">For each node, the nodes it depends on.</param>
    /// <returns>One cycle per component that has one, each starting at its lowest node, in node order.</returns>
    public static IReadOnlyList<int[]> Find(IReadOnlyList<List<int>> edges)
    {
        var cycles = new List<int[]>();
        var component = Components(edges);
        var done = new HashSet<int>();
        for (var start = 0; start < edges.Count; start++)
        {
            var members = Enumerable.Range(0, edges.Count).Where(n => component[n] == component[start]).ToHashSet();
            if (members.Count > 1 && done.Add(component[start]))
            {
                cycles.Add(PathBack(start, members, edges));
            }
        }

        return cycles;
    }

    // Breadth-first inside the component gives the shortest way from start back to itself.
    private static int[] PathBack(int start, HashSet<int> members, IReadOnlyList<List<int>> edges)
    {
        var previous = new Dictionary<int, int>();
        var queue = new Queue<int>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in edges[node].Where(members.Contains))
            {
                if (next == start)
                {
                    var path = new List<int> { node };
                    while (path[^1] != start)
                    {
                        path.Add(previous[path[^1]]);
                    }

                    path.Reverse();
                    return [.. path];
                }

                if (previous.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return [start];
    }

    // Tarjan's algorithm; plans are capped at a few dozen steps, so recursion depth is no concern.
    private static int[] Components(IReadOnlyList<List<int>> edges)
    {
        var index = new int[edges.Count];
        var low = new int[edges.Count];
        var component = new int[edges.Count];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var onStack = new bool[edges.Count];
        var counter = 0;
        var components = 0;

        void Visit(int v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack[v] = true;
            foreach (var w in edges[v])
            {
                if (index[w] < 0)
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack[w])
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                int w;
                do
                {
                    w = stack.Pop();
                    onStack[w] = false;
                    component[w] = components;
                }
                while (w != v);
                components++;
            }
        }

        for (var v = 0; v < edges.Count; v++)
        {
            if (index[v] < 0)
            {
                Visit(v);
            }
        }

        return component;
    }
}
