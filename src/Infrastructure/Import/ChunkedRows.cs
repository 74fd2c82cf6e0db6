using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Infrastructure.Import;

/// <summary>
/// Streams a file through a parser 64 K characters at a time, so that a 13 MB dump is never one
/// string; the rows of each chunk are handed on before the next is read.
/// </summary>
internal static class ChunkedRows
{
    private const int ChunkLength = 64 * 1024;

    public static async IAsyncEnumerable<ImportedEmployee> ReadAsync(
        TextReader reader, IRowParser parser, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var buffer = ArrayPool<char>.Shared.Rent(ChunkLength);
        try
        {
            var done = false;
            while (!done)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = await reader.ReadAsync(buffer.AsMemory(0, ChunkLength), cancellationToken);
                done = read == 0;

                // The rows before a bad line still go out first, in file order; then the error.
                ExceptionDispatchInfo? error = null;
                try
                {
                    if (done)
                    {
                        parser.Complete();
                    }
                    else
                    {
                        parser.Feed(buffer.AsSpan(0, read));
                    }
                }
                catch (ImportFormatException exception)
                {
                    error = ExceptionDispatchInfo.Capture(exception);
                }

                foreach (var row in parser.Rows)
                {
                    yield return row;
                }

                parser.Rows.Clear();
                error?.Throw();
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
