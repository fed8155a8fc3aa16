using System.Diagnostics;

namespace AgentFlows.Bench;

/// <summary>Samples the process working set while a scenario runs and keeps the highest value.</summary>
internal sealed class PeakMemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public PeakMemorySampler()
    {
        GC.Collect();
        Sample(null);
        _timer = new Timer(Sample, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(20));
    }

    public double PeakMb
    {
        get
        {
            Sample(null);
            return Math.Round(Interlocked.Read(ref _peak) / (1024.0 * 1024.0), 1);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample(object? state)
    {
        using var p = Process.GetCurrentProcess();
        var ws = p.WorkingSet64;
        long current;
        while ((current = Interlocked.Read(ref _peak)) < ws && Interlocked.CompareExchange(ref _peak, ws, current) != current)
        {
        }
    }
}
