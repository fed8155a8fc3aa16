using System.Diagnostics;

namespace AgentFlows.Agents.Lifecycle;

/// <summary>
/// Runs llama.cpp's <c>convert_hf_to_gguf.py</c> then <c>llama-quantize</c> when both and the model folder are
/// configured and present; otherwise says why nothing ran. It never reports a file it did not produce.
/// </summary>
public static class CompressStep
{
    /// <summary>Runs the step.</summary>
    /// <param name="options">The commands.</param>
    /// <param name="request">The instance and chosen type.</param>
    /// <param name="cancellationToken">Cancels the commands.</param>
    /// <returns>What happened.</returns>
    public static async Task<CompressResult> RunAsync(CompressOptions options, CompressRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Type is null)
        {
            return new CompressResult(false, null, "no quantization type was chosen, so nothing was compressed");
        }

        if (string.IsNullOrWhiteSpace(options.ModelDirectory) || string.IsNullOrWhiteSpace(options.ConvertScript) || string.IsNullOrWhiteSpace(options.QuantizeBinary))
        {
            return new CompressResult(false, null, $"not run: Compress:ModelDirectory, ConvertScript and QuantizeBinary are not all configured (a hosted fine-tuned model has no downloadable weights); decided type {request.Type}");
        }

        var missing = new[] { options.ModelDirectory, options.ConvertScript, options.QuantizeBinary }.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            return new CompressResult(false, null, $"not run: {string.Join(", ", missing)} not found; decided type {request.Type}");
        }

        var output = options.OutputDirectory ?? Path.Combine(options.ModelDirectory, "gguf");
        Directory.CreateDirectory(output);
        var f16 = Path.Combine(output, "model-f16.gguf");
        var quantized = Path.Combine(output, $"model-{request.Type}.gguf");
        await RunAsync(options.Python, [options.ConvertScript, options.ModelDirectory, "--outfile", f16, "--outtype", "f16"], cancellationToken).ConfigureAwait(false);
        await RunAsync(options.QuantizeBinary, [f16, quantized, request.Type], cancellationToken).ConfigureAwait(false);
        return File.Exists(quantized)
            ? new CompressResult(true, quantized, $"converted to F16 and quantized to {request.Type}")
            : throw new InvalidOperationException($"llama-quantize finished but {quantized} does not exist.");
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var error = await stderr.ConfigureAwait(false);
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode}: {(error.Length > 500 ? error[^500..] : error)}");
        }
    }
}
