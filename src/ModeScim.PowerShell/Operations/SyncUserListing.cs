using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ModeScim.Client;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Planning;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Reads every user for Sync-ModeUser to plan against. The groups a user carries are kept only where the user
    /// may leave (its key is not in the desired set, or its row marks it as not active): they are what a leaver's journal
    /// record may be read from, and nothing else reads them, so at 50,000 users the others' would hold tens of megabytes
    /// for nothing.</summary>
    internal static class SyncUserListing
    {
        /// <summary>Every user; a listing that fails ends the command.</summary>
        public static List<ScimUser> Read(IOperationHost host, ScimClient client, UserSyncKey key, IEnumerable<DesiredUserRow> rows)
        {
            var staying = new HashSet<string>(rows.Where(row => !row.Spec.Status.IsInactive).Select(row => key.Of(row.Spec))
                .Where(k => !string.IsNullOrEmpty(k)).OfType<string>(), key.Comparer);
            var users = new List<ScimUser>();
            var listing = new ScimListQuery();
            try
            {
                // The host's stream passes the command's stop token to the pager.
                foreach (var page in host.Stream(client.Users.ListAsync(listing, CancellationToken.None)))
                {
                    foreach (var user in page.Resources)
                    {
                        var userKey = key.Of(user);
                        if (userKey != null && staying.Contains(userKey))
                        {
                            user.Groups = null;
                        }
                    }
                    users.AddRange(page.Resources);
                }
            }
            catch (ScimException ex)
            {
                throw new ModeScimRefusal(ErrorRecordFactory.FromScimException(ex, null, ScimResourceKind.User));
            }
            ShortListing.Warn(host, listing.Outcome, "users");
            return users;
        }
    }
}
