using System.Text;

namespace AgentFlows.Cli.Api;

/// <summary>
/// Reads newline-terminated lines from a stream. Unlike <see cref="StreamReader.ReadLineAsync()"/>, a last line with no
/// newline is not returned: on a dropped stream it is a torn event, and the resumed stream sends it again whole.
/// </summary>
internal sealed class NdjsonLineReader
{
    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[4096];
    private readonly StringBuilder _pending = new();
    private int _start;
    private int _end;

    /// <summary>Initializes a new instance of the <see cref="NdjsonLineReader"/> class.</summary>
    /// <param name="reader">The text to read lines from.</param>
    public NdjsonLineReader(TextReader reader) => _reader = reader;

    /// <summary>Gets a value indicating whether the stream ended in the middle of a line.</summary>
    public bool EndedWithTornLine { get; private set; }

    /// <summary>Reads the next complete line, without its <c>\n</c> or <c>\r\n</c>.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The line, or <see langword="null"/> at the end of the stream.</returns>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, '\n', _start, _end - _start);
            if (newline >= 0)
            {
                _pending.Append(_buffer, _start, newline - _start);
                _start = newline + 1;
                var line = _pending.ToString().TrimEnd('\r');
                _pending.Clear();
                return line;
            }

            _pending.Append(_buffer, _start, _end - _start);
            _start = 0;
            _end = await _reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
            if (_end == 0)
            {
                EndedWithTornLine = _pending.Length > 0;
                _pending.Clear();
                return null;
            }
        }
    }
}
