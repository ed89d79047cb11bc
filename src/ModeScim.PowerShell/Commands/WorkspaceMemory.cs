using System;

namespace ModeScim.PowerShell.Commands
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

        public static void ReleaseAfter(int usersHeld)
        {
            if (usersHeld >= Threshold)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            }
        }
    }
}
