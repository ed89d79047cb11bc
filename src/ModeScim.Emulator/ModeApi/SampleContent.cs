using System;
using System.Linq;

namespace ModeScim.Emulator.ModeApi
{
    /// <summary>The REST side of the sample workspace, deterministic for a given size: accounts made just in time
    /// (the first an admin), a pending invite, activity dates (some seats unused for months), and collections and
    /// reports made by the first active people, so a handover has something to hand over.</summary>
    internal static class SampleContent
    {
        public static void Seed(ModeWorkspace workspace, EmulatorOptions options)
        {
            var now = DateTimeOffset.UtcNow.Date;
            for (var i = 1; i <= options.JitUsers; i++)
            {
                var account = workspace.AddUnmanagedAccount("jit.user" + i + "@example.com", "Jit User " + i, options.JitListedInScim);
                workspace.SetAdmin(account, i == 1);
                // The first signed in two days ago; the others once, long ago: seats nobody uses.
                workspace.SetEngagement(account, i == 1 ? now.AddDays(-2) : now.AddDays(-200), now.AddDays(-365));
            }
            if (options.SeedUsers <= 0)
            {
                return;
            }
            workspace.AddUnmanagedAccount("invitee@example.com", "Pending Invitee", listedInScim: false, invited: true);
            var scimAccounts = workspace.Accounts().Where(a => a.ScimId != null && a.ManagedByScim).ToList();
            for (var i = 0; i < scimAccounts.Count; i++)
            {
                var account = scimAccounts[i];
                // Every seventh active person last used Mode five months ago.
                var daysAgo = i % 7 == 6 ? 150 : (i * 13) % 80;
                workspace.SetEngagement(account, now.AddDays(-daysAgo), now.AddDays(-400));
            }
            var creators = scimAccounts.Where(a => a.State == "active").Take(2).ToList();
            var shared = creators.Count > 0 ? workspace.AddSpace("Shared Reports", creators[0], personal: false) : null;
            foreach (var creator in creators)
            {
                var personal = workspace.AddSpace("Personal", creator, personal: true);
                workspace.AddReport(creator.Name + " - pipeline draft", personal, creator);
                workspace.AddReport(creator.Name + " - weekly numbers", personal, creator);
                var team = workspace.AddSpace(creator.Name + "'s team", creator, personal: false);
                workspace.AddReport(creator.Name + " - team dashboard", team, creator);
                workspace.AddReport(creator.Name + " - shared KPI", shared!, creator);
            }
        }
    }
}
