using AgentFlows.Agents.Tools.Python;

namespace AgentFlows.Agents.Tests.Tools.Python;

/// <summary>How a failure under the memory limit is told from the code's own error, by what Python printed.</summary>
public sealed class OutOfMemoryClassificationTests
{
    [Theory]
    [InlineData("Traceback (most recent call last):\n  File \"/tmp/main.py\", line 1, in <module>\nMemoryError")]
    [InlineData("Traceback (most recent call last):\nnumpy.core._exceptions._ArrayMemoryError: Unable to allocate 1.00 GiB")]
    [InlineData("ImportError: libopenblas.so.0: failed to map segment from shared object")]
    [InlineData("Traceback (most recent call last):\nSystemError: error return without exception set")]
    [InlineData("  File \"/usr/lib/python3/dist-packages/pandas/core/arrays/boolean.py\", line 29, in <module>\nSystemError: <function _find_and_load at 0x7f037ef67ce0> returned NULL without setting an exception")]
    public void IsOutOfMemory_AllocationFailureUnderTheLimit_True(string stderr)
    {
        Assert.True(PythonActivity.IsOutOfMemory(new SandboxRun { Stdout = "", Stderr = stderr, ExitCode = 1 }));
    }

    [Theory]
    [InlineData("Traceback (most recent call last):\nNameError: name 'eight' is not defined")]
    [InlineData("Traceback (most recent call last):\nSystemError: bad argument to internal function")]
    public void IsOutOfMemory_TheCodesOwnError_False(string stderr)
    {
        Assert.False(PythonActivity.IsOutOfMemory(new SandboxRun { Stdout = "", Stderr = stderr, ExitCode = 1 }));
    }
}
