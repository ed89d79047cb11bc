using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>The result of one item's work, or the SCIM failure it ended with.</summary>
    internal sealed class ItemOutcome<T>
    {
        public ItemOutcome(T? value, ScimException? error)
        {
            Value = value;
            Error = error;
        }

        public T? Value { get; }

        public ScimException? Error { get; }
    }

    /// <summary>Runs one piece of work per item side by side, keeping each item's failure with it.</summary>
    internal static class ItemOutcomes
    {
        /// <param name="done">Counts items as they finish, for a progress bar.</param>
        public static Task<ItemOutcome<TResult>[]> RunAll<TItem, TResult>(IEnumerable<TItem> items,
            System.Func<TItem, CancellationToken, Task<TResult>> work, CancellationToken token, DoneCounter? done = null)
        {
            async Task<ItemOutcome<TResult>> OneAsync(TItem item)
            {
                var outcome = await CaptureAsync(work(item, token)).ConfigureAwait(false);
                done?.Increment();
                return outcome;
            }
            return Task.WhenAll(items.Select(OneAsync));
        }

        private static async Task<ItemOutcome<TResult>> CaptureAsync<TResult>(Task<TResult> task)
        {
            try
            {
                return new ItemOutcome<TResult>(await task.ConfigureAwait(false), null);
            }
            catch (ScimException ex)
            {
                return new ItemOutcome<TResult>(default, ex);
            }
        }
    }

    /// <summary>Items done so far, counted by work running off the pipeline thread and read by a progress bar on it.</summary>
    internal sealed class DoneCounter
    {
        private int _done;

        public int Count => Volatile.Read(ref _done);

        public void Increment() => Interlocked.Increment(ref _done);
    }
}
