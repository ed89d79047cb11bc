using System;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Gives back the memory of a command that held a whole workspace. What it held (every user, read and
    /// planned against) lived long enough to reach the collector's oldest generation, which is collected only once that
    /// generation fills up again: until then the next command of the same script (a sync, then an access review) piles
    /// its own workspace on top, and a nightly job's peak is the sum of both. One full collection as the command ends
    /// costs a few milliseconds, since almost nothing is alive by then; below <see cref="Threshold"/> users it is not
    /// worth asking for.</summary>
    internal static class WorkspaceMemory
    {
        public const int Threshold = 10000;

        // GCCollectionMode.Aggressive (.NET 7 and later, so PowerShell 7.3 on) also hands the freed memory back to the
        // system instead of keeping it for later allocations; this assembly targets netstandard2.0, which does not name it,
        // and the runtime is asked whether it knows the value before it is used (Windows PowerShell 5.1 does not).
        private const GCCollectionMode Aggressive = (GCCollectionMode)3;
        private static readonly bool CanDecommit = Enum.IsDefined(typeof(GCCollectionMode), Aggressive);

        public static void ReleaseAfter(int usersHeld)
        {
            if (usersHeld >= Threshold)
            {
                GC.Collect(GC.MaxGeneration, CanDecommit ? Aggressive : GCCollectionMode.Forced, blocking: true, compacting: true);
            }
        }
    }
}
