using System;
using System.Threading;
using System.Threading.Tasks;

namespace ModeScim.Client.Memberships
{
    /// <summary>Waits for a read that several callers share (made once, through a Lazy). One caller's cancellation stops
    /// its own wait, never the read: another may still be waiting for it.</summary>
    internal static class SharedRead
    {
        public static async Task WaitAsync(Task task, CancellationToken cancellationToken)
        {
            var cancelled = new TaskCompletionSource<bool>();
            using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(task, cancelled.Task).NoContext() != task)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }
            await task.NoContext();
        }

        public static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
        {
            await WaitAsync((Task)task, cancellationToken).NoContext();
            return await task.NoContext();
        }
    }
}
