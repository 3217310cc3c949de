using System.IO.Pipelines;

namespace DoanPlatform.Reporting.Excel;

/// <summary>
/// Lets a synchronous writer (the zip archive and <c>OpenXmlWriter</c> only write synchronously) stream into an HTTP response, which
/// refuses synchronous writes: the writer runs on its own task into a bounded pipe that the response drains asynchronously. The pipe
/// holds at most about a megabyte, so memory stays flat, and a slow client slows the writer down instead of filling memory.
/// </summary>
internal static class ResponsePump
{
    public static async Task WriteAsync(Stream body, Func<Stream, Task> write, CancellationToken ct)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false));
        var producer = Task.Run(async () =>
        {
            try
            {
                await using (var stream = pipe.Writer.AsStream(leaveOpen: true))
                    await write(stream).ConfigureAwait(false);
                await pipe.Writer.CompleteAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                await pipe.Writer.CompleteAsync(e).ConfigureAwait(false);
                throw;
            }
        }, ct);
        try
        {
            await pipe.Reader.CopyToAsync(body, ct).ConfigureAwait(false);
            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The writer's next write fails too; wait for it to stop, then report the first failure.
            await pipe.Reader.CompleteAsync(e).ConfigureAwait(false);
            await Task.WhenAny(producer).ConfigureAwait(false);
            throw;
        }
        await producer.ConfigureAwait(false);
    }
}
