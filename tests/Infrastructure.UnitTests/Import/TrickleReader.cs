namespace FastApiLearning.Infrastructure.UnitTests.Import;

/// <summary>
/// Hands out its text a few characters per read, so that every token, escape and line break of a
/// test input falls across a chunk boundary somewhere.
/// </summary>
internal sealed class TrickleReader(string text, int charsPerRead = 1) : TextReader
{
    private int _position;

    public override int Read(Span<char> buffer)
    {
        var count = Math.Min(Math.Min(charsPerRead, buffer.Length), text.Length - _position);
        text.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));
}
