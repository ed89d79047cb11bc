using System;
using System.Runtime.CompilerServices;
using ModeScim.PowerShell.Operations;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>A command that held a whole workspace gives its memory back with one full collection as it ends.</summary>
    public sealed class WorkspaceMemoryTests
    {
        [Fact]
        public void Runs_a_full_collection_after_a_workspace_of_the_threshold_or_more()
        {
            var before = GC.CollectionCount(GC.MaxGeneration);

            WorkspaceMemory.ReleaseAfter(WorkspaceMemory.Threshold);

            Assert.True(GC.CollectionCount(GC.MaxGeneration) > before);
        }

        [Fact]
        public void Frees_what_the_command_no_longer_holds()
        {
            var listing = ListingNoLongerHeld();

            WorkspaceMemory.ReleaseAfter(WorkspaceMemory.Threshold * 5);

            Assert.False(listing.IsAlive);
        }

        // Not inlined, so no local of the test's own frame keeps the listing alive.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference ListingNoLongerHeld()
        {
            var users = new string[WorkspaceMemory.Threshold];
            for (var i = 0; i < users.Length; i++)
            {
                users[i] = "user" + i + "@example.com";
            }
            return new WeakReference(users);
        }
    }
}
