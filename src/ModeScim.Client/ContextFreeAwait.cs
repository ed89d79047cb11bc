using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace ModeScim.Client
{
    /// <summary>The client's one rule for awaiting: never resume on the caller's synchronization context. A library's
    /// continuations have no business on a UI or pipeline thread, and a caller that blocks on the result there would
    /// deadlock. Said once here instead of at each of the client's awaits.</summary>
    internal static class ContextFreeAwait
    {
        public static ConfiguredTaskAwaitable NoContext(this Task task) => task.ConfigureAwait(false);

        public static ConfiguredTaskAwaitable<T> NoContext<T>(this Task<T> task) => task.ConfigureAwait(false);

        public static ConfiguredCancelableAsyncEnumerable<T> NoContext<T>(this IAsyncEnumerable<T> source) => source.ConfigureAwait(false);
    }
}
