using System;

namespace ModeScim.Client.Paging
{
    /// <summary>Lets a collection that is nearly due run while a listing waits on the network. A caller that keeps
    /// what it lists (`$all = Get-ModeUser`) makes every collection copy what was kept since the last one, and a
    /// collection that falls while responses arrive holds up reading them, and so the requests that follow: at
    /// 8 requests in flight that was most of a listing's time beyond its round trips. The runtime is asked for an
    /// optimized generation-0 collection, which it runs only when most of that generation's budget is spent: one that
    /// was coming within the next pages is moved to a moment when every request is out, and none is added where
    /// little was allocated.</summary>
    internal static class IdleCollection
    {
        public static void WhileWaiting() => GC.Collect(0, GCCollectionMode.Optimized, blocking: true);
    }
}
