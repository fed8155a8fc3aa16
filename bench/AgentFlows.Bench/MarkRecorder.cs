using System.Diagnostics;

namespace AgentFlows.Bench;

/// <summary>Records when each step of the long-history orchestration ran, to compare the two halves' speed.</summary>
internal sealed class MarkRecorder
{
    private long[] _marks = [];

    public void Reset(int n) => _marks = new long[n];

    public void Mark(int i)
    {
        if ((uint)i < (uint)_marks.Length)
        {
            _marks[i] = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Time of the second half divided by time of the first half: about 1 when cost per step is constant.</summary>
    public double HalvesRatio()
    {
        var n = _marks.Length;
        var first = _marks[n / 2] - _marks[0];
        var second = _marks[n - 1] - _marks[n / 2];
        return first <= 0 ? double.NaN : Math.Round((double)second / first, 3);
    }
}
