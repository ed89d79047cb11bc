using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.PowerShell.Logging;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Runs a command's async client calls to completion on the pipeline thread: cancels them when the pipeline is
    /// stopped (Ctrl+C), writes one verbose line per request and one per fact learned about the server, and counts the
    /// requests made.</summary>
    internal sealed class PipelineWork : IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly CmdletRequestLog _requestLog = new CmdletRequestLog();
        private readonly CapabilityWatch _capabilities = new CapabilityWatch();
        private readonly Action<string> _verbose;
        private readonly Func<Action<string>?> _debug;
        private readonly Action<ProgressRecord> _progress;

        /// <param name="debug">Where request and response bodies go, asked each time (null when debug lines are not shown).</param>
        public PipelineWork(Action<string> verbose, Func<Action<string>?> debug, Action<ProgressRecord> progress)
        {
            _verbose = verbose;
            _debug = debug;
            _progress = progress;
        }

        public CancellationToken StopToken => _stopping.Token;

        /// <summary>HTTP attempts made so far, retries included.</summary>
        public int RequestsMade => _requestLog.Count;

        public void Stop() => _stopping.Cancel();

        /// <summary>Waits for <paramref name="work"/>. A stop request ends the pipeline as stopped, not as an error.</summary>
        /// <param name="whileWaiting">Called on the pipeline thread every progress interval until the work is done
        /// (request lines are written then too), for a progress bar over work that runs off the pipeline thread.</param>
        public T Await<T>(ScimClient client, Func<CancellationToken, Task<T>> work, Action? whileWaiting = null)
        {
            _capabilities.Watch(client.Capabilities);
            try
            {
                using (ScimClient.Observe(_requestLog))
                {
                    var task = work(_stopping.Token);
                    if (whileWaiting != null)
                    {
                        while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(ThrottledProgress.Interval))
                        {
                            _requestLog.Drain(_verbose, _debug());
                            whileWaiting();
                        }
                    }
                    return task.GetAwaiter().GetResult();
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                _requestLog.Drain(_verbose, _debug());
                foreach (var fact in _capabilities.Learned(client.Capabilities))
                {
                    _verbose("Learned: " + fact);
                }
            }
        }

        /// <summary>Runs <paramref name="work"/> for every item at once (the client's request limit bounds how many
        /// requests are in flight) and returns, in the items' order, each result or the failure it ended with.</summary>
        /// <param name="activity">When given, a progress bar counts the items done while they run.</param>
        public IReadOnlyList<ItemOutcome<TResult>> AwaitEach<TItem, TResult>(ScimClient client, IReadOnlyList<TItem> items,
            Func<TItem, CancellationToken, Task<TResult>> work, string? activity)
        {
            if (items.Count == 0)
            {
                return Array.Empty<ItemOutcome<TResult>>();
            }
            var done = new DoneCounter();
            var progress = activity == null ? null : new ThrottledProgress(_progress, ProgressIds.Items, activity);
            var outcomes = Await(
                client,
                token => ItemOutcomes.RunAll(items, work, token, done),
                progress == null ? null : () => progress.Report(done.Count, items.Count, done.Count + " of " + items.Count));
            progress?.Complete();
            return outcomes;
        }

        /// <summary>Pulls an async stream one element at a time, so output flows as pages arrive.</summary>
        public IEnumerable<T> Stream<T>(ScimClient client, IAsyncEnumerable<T> source)
        {
            var enumerator = source.GetAsyncEnumerator(_stopping.Token);
            try
            {
                while (Await(client, _ => enumerator.MoveNextAsync().AsTask()))
                {
                    yield return enumerator.Current;
                }
            }
            finally
            {
                Await(client, async _ =>
                {
                    await enumerator.DisposeAsync().ConfigureAwait(false);
                    return true;
                });
            }
        }

        public void Dispose() => _stopping.Dispose();
    }
}
