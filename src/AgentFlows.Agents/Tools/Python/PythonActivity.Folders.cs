using System.Text.Json.Nodes;
using AgentFlows.Agents.DataLifecycle;

namespace AgentFlows.Agents.Tools.Python;

/// <summary>The run's own folder: the only place the code writes, and what it left there.</summary>
public sealed partial class PythonActivity
{
    // Emptied on every attempt: a retry (more memory, repaired code) starts from the same clean folder.
    private string WorkFolder(ToolInvocation invocation)
    {
        // Inside the step's folder (runs/<runId>/<stepId>, which retention deletes with the run), in a folder of its own:
        // data.lifecycle keeps its rounds beside it and passes them in as input files, so they must survive the clearing.
        var relative = DataLifecycleNames.WorkFolder(invocation.RunId ?? "adhoc", invocation.StepId ?? Guid.NewGuid().ToString("N")) + "/python";
        var full = string.IsNullOrWhiteSpace(_folder.Options.Root)
            ? Path.Combine(Path.GetTempPath(), "agentflows-sandbox", relative)
            : _folder.Resolve(relative);
        if (Directory.Exists(full))
        {
            Directory.Delete(full, recursive: true);
        }

        if (OperatingSystem.IsWindows())
        {
            throw new NonRetriableException("code.python runs only on Linux (bubblewrap).");
        }

        Directory.CreateDirectory(full, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return full;
    }

    private static JsonArray FilesIn(string work)
    {
        var files = new JsonArray();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var file in new DirectoryInfo(work).EnumerateFiles("*", options).OrderBy(f => f.FullName, StringComparer.Ordinal))
        {
            // Links are left out: they could point anywhere on the host.
            if (file.LinkTarget is null)
            {
                files.Add(new JsonObject { ["path"] = Path.GetRelativePath(work, file.FullName).Replace('\\', '/'), ["size"] = file.Length });
            }
        }

        return files;
    }
}
